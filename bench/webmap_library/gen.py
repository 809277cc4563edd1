#!/usr/bin/python3
"""Generate self-contained benchmark pages (file://, everything inlined).

  leaflet.html        A : Leaflet (Debian libjs-leaflet) points via custom canvas layer,
                          polygons via L.polygon + canvas renderer (preferCanvas)
  leaflet_canvas.html A2: Leaflet, points AND polygons via custom canvas layer
  maplibre.html       B : MapLibre GL JS (npm, pinned), GeoJSON sources, circle + fill layers

All pages embed the same synthetic data (fixed seed) as compact JSON flat arrays:
  PTS  = [lon0,lat0,lon1,lat1,...]             100,000 points
  POLY = [lon0,lat0,lon1,lat1,...]  (SW corner) 17,000 squares ~100 m
and expose the same benchmark API used by bench.py:
  window.__first      performance.now() when the first full frame has been drawn
  window.__step(kind, arg) -> Promise<ms>   kind = 'pan' [dx,dy] | 'zoom' z
"""
import json, math, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
LEAFLET_JS = '/usr/share/javascript/leaflet/leaflet.min.js'
LEAFLET_CSS = '/usr/share/javascript/leaflet/leaflet.css'
MLN = os.path.join(HERE, 'node_modules/maplibre-gl')

N_PTS, N_POLY = 100_000, 17_000
LON0, LON1, LAT0, LAT1 = 114.8, 115.2, 29.9, 30.2
CENTER = [30.05, 115.0]  # lat, lon
ZOOM = 12


def data_js():
    rnd = random.Random(42)
    pts = []
    for _ in range(N_PTS):
        pts += [round(rnd.uniform(LON0, LON1), 6), round(rnd.uniform(LAT0, LAT1), 6)]
    poly = []
    dlat = 100 / 111320.0
    for _ in range(N_POLY):
        lat = rnd.uniform(LAT0, LAT1 - dlat)
        dlon = 100 / (111320.0 * math.cos(math.radians(lat)))
        lon = rnd.uniform(LON0, LON1 - dlon)
        poly += [round(lon, 6), round(lat, 6)]
    return ('const PTS=%s;\nconst POLY=%s;\nconst DLAT=%r;\n' %
            (json.dumps(pts, separators=(',', ':')), json.dumps(poly, separators=(',', ':')), dlat))


COMMON_JS = r"""
function raf(){return new Promise(r=>requestAnimationFrame(()=>r()));}
window.__errors=[];
window.addEventListener('error',e=>window.__errors.push(String(e.message)));
"""

LEAFLET_BODY = r"""
const USE_LPOLY = %(lpoly)s;
const map = L.map('map', {preferCanvas: true, zoomControl: false, fadeAnimation: false,
                          zoomAnimation: false, markerZoomAnimation: false, inertia: false})
             .setView([%(lat)r, %(lon)r], %(zoom)d);
// projected coordinates at zoom 0 (256 px world), Float64Array
function projFlat(a){ const out=new Float64Array(a.length);
  for(let i=0;i<a.length;i+=2){ const p=map.options.crs.latLngToPoint(L.latLng(a[i+1],a[i]),0);
    out[i]=p.x; out[i+1]=p.y; } return out; }

const CanvasLayer = L.Layer.extend({
  initialize(pts, polys){ this._pts=pts; this._polys=polys; },
  onAdd(map){ this._c=L.DomUtil.create('canvas','leaflet-layer'); this._c.style.pointerEvents='none';
    map.getPanes().overlayPane.appendChild(this._c); this._ctx=this._c.getContext('2d');
    map.on('moveend zoomend resize viewreset', this._redraw, this); this._redraw(); },
  onRemove(map){ map.off('moveend zoomend resize viewreset', this._redraw, this); L.DomUtil.remove(this._c); },
  _redraw(){
    const map=this._map, size=map.getSize(), w=size.x, h=size.y, c=this._c, ctx=this._ctx;
    if(c.width!==w||c.height!==h){c.width=w;c.height=h;}
    L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0,0]));
    const o=map.getPixelBounds().min, s=Math.pow(2,map.getZoom()), ox=o.x, oy=o.y;
    ctx.clearRect(0,0,w,h);
    if(this._polys){ // polygons: SW corners + fixed size in projected units at z0
      const P=this._polys, dy=this._pdy*s, dx=this._pdx*s;
      ctx.beginPath();
      for(let i=0;i<P.length;i+=2){ const x=P[i]*s-ox, y=P[i+1]*s-oy;
        if(x+dx<0||x>w||y<0||y-dy>h) continue;  // y is SW (bottom) corner
        ctx.rect(x, y-dy, Math.max(dx,1), Math.max(dy,1)); }
      ctx.fillStyle='rgba(255,120,0,0.5)'; ctx.fill();
      if(dx>=3){ctx.strokeStyle='#b04000'; ctx.lineWidth=1; ctx.stroke();}
    }
    const p=this._pts, seen=new Uint8Array(w*h);
    ctx.fillStyle='#0055cc';
    for(let i=0;i<p.length;i+=2){ const x=(p[i]*s-ox)|0, y=(p[i+1]*s-oy)|0;
      if(x<0||y<0||x>=w||y>=h) continue; const k=y*w+x; if(seen[k]) continue; seen[k]=1;
      ctx.fillRect(x-1,y-1,3,3); }
  }
});

const projPts = projFlat(PTS);
let canvasPolys = null;
if(USE_LPOLY){
  const g = L.featureGroup();
  const renderer = L.canvas();
  for(let i=0;i<POLY.length;i+=2){ const lon=POLY[i], lat=POLY[i+1], dlon=DLAT/Math.cos(lat*Math.PI/180);
    L.polygon([[lat,lon],[lat,lon+dlon],[lat+DLAT,lon+dlon],[lat+DLAT,lon]],
      {renderer, color:'#b04000', weight:1, fillColor:'#ff7800', fillOpacity:0.5}).addTo(g); }
  g.addTo(map);
} else {
  canvasPolys = projFlat(POLY);
}
const layer = new CanvasLayer(projPts, canvasPolys);
if(canvasPolys){ // fixed square size in z0 px (~100 m, varies slightly with lat; use centre)
  const a=map.options.crs.latLngToPoint(L.latLng(30.05,115),0),
        b=map.options.crs.latLngToPoint(L.latLng(30.05+DLAT,115+DLAT/Math.cos(30.05*Math.PI/180)),0);
  layer._pdx=b.x-a.x; layer._pdy=a.y-b.y; }
layer.addTo(map);
raf().then(raf).then(()=>{ window.__first=performance.now(); });

window.__step = async function(kind, arg){
  const t0=performance.now();
  if(kind==='pan') map.panBy(arg, {animate:false});
  else map.setZoom(arg, {animate:false});
  await raf(); await raf();
  return performance.now()-t0;
};
"""

MAPLIBRE_BODY = r"""
const feats=[]; for(let i=0;i<PTS.length;i+=2) feats.push({type:'Feature',properties:{},geometry:{type:'Point',coordinates:[PTS[i],PTS[i+1]]}});
const pfeats=[]; for(let i=0;i<POLY.length;i+=2){ const lon=POLY[i], lat=POLY[i+1], dlon=DLAT/Math.cos(lat*Math.PI/180);
  pfeats.push({type:'Feature',properties:{},geometry:{type:'Polygon',coordinates:[[[lon,lat],[lon+dlon,lat],[lon+dlon,lat+DLAT],[lon,lat+DLAT],[lon,lat]]]}}); }
const map = new maplibregl.Map({container:'map', center:[%(lon)r,%(lat)r], zoom:%(zoom)d-1,  // 512-px tiles: MapLibre z = Leaflet z - 1
  fadeDuration:0, attributionControl:false, renderWorldCopies:false,
  style:{version:8, sources:{
     pts:{type:'geojson', data:{type:'FeatureCollection',features:feats}},
     poly:{type:'geojson', data:{type:'FeatureCollection',features:pfeats}}},
   layers:[{id:'bg',type:'background',paint:{'background-color':'#ffffff'}},
     {id:'poly',type:'fill',source:'poly',paint:{'fill-color':'#ff7800','fill-opacity':0.5,'fill-outline-color':'#b04000'}},
     {id:'pts',type:'circle',source:'pts',paint:{'circle-radius':1.5,'circle-color':'#0055cc'}}]}});
map.on('error', e=>window.__errors.push('maplibre: '+(e.error&&e.error.message||e)));
map.once('idle', ()=>raf().then(()=>{ window.__first=performance.now(); }));
window.__gl = (()=>{ try{ const c=document.createElement('canvas'); const g=c.getContext('webgl2')||c.getContext('webgl');
  const d=g.getExtension('WEBGL_debug_renderer_info'); return d?g.getParameter(d.UNMASKED_RENDERER_WEBGL):g.getParameter(g.RENDERER);}catch(e){return 'ERR '+e;} })();
function waitEv(ev){ return new Promise(r=>map.once(ev, ()=>r(performance.now()))); }
window.__step = async function(kind, arg){
  const t0=performance.now();
  const pr=waitEv('render'), pi=waitEv('idle');
  if(kind==='pan') map.panBy(arg, {duration:0, animate:false});
  else map.jumpTo({zoom:arg-1});  // same scale as Leaflet zoom arg
  const tr=await pr; await pi; await raf();
  window.__lastRender = tr-t0;
  return performance.now()-t0;
};
"""

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%(title)s</title>
<style>%(css)s
html,body{margin:0;height:100%%;} #map{position:absolute;top:0;left:0;right:0;bottom:0;background:#fff;}</style>
<script>%(lib)s</script>
</head><body><div id="map"></div>
<script>%(common)s
%(data)s
%(body)s</script>
</body></html>
"""


def main():
    data = data_js()
    fmt = dict(lat=CENTER[0], lon=CENTER[1], zoom=ZOOM)
    lcss, ljs = open(LEAFLET_CSS).read(), open(LEAFLET_JS).read()
    for name, lpoly in (('leaflet.html', 'true'), ('leaflet_canvas.html', 'false')):
        html = PAGE % dict(title=name, css=lcss, lib=ljs, common=COMMON_JS, data=data,
                           body=LEAFLET_BODY % dict(fmt, lpoly=lpoly))
        open(os.path.join(HERE, name), 'w').write(html)
    mcss = open(os.path.join(MLN, 'dist/maplibre-gl.css')).read()
    mjs = open(os.path.join(MLN, 'dist/maplibre-gl.js')).read()
    html = PAGE % dict(title='maplibre', css=mcss, lib=mjs.replace('</script', '<\\/script'),
                       common=COMMON_JS, data=data, body=MAPLIBRE_BODY % fmt)
    open(os.path.join(HERE, 'maplibre.html'), 'w').write(html)
    for n in ('leaflet.html', 'leaflet_canvas.html', 'maplibre.html'):
        print(n, os.path.getsize(os.path.join(HERE, n)))


if __name__ == '__main__':
    main()

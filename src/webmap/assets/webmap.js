// UrbanGIS web map: draws the page's data (the JSON in #urbangis-data, written by
// src/webmap/web_map_builder.cpp; docs/webmap.md) over Leaflet, offline, from one file.
// Every name and attribute from the data reaches the page as text (textContent), never as HTML.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('urbangis-data').textContent);
  const zh = data.lang === 'zh';
  const T = zh
    ? {
        layers: '图层', all: '全年', month: '月份', search: '查找乡镇、社区或编号', noMatch: '没有匹配的区域',
        locate: '定位', locating: '正在定位…', locateFailed: '无法定位：', here: '我的位置（精度 {0} 米）',
        route: '路线', coordinates: '点击位置', total: '合计', value: '数值', features: '个要素',
        panel: '图层与图例', close: '关闭', noLocation: '此浏览器不支持定位',
      }
    : {
        layers: 'Layers', all: 'All months', month: 'Month', search: 'Find a town, community or code', noMatch: 'No zone matches',
        locate: 'Locate me', locating: 'Locating…', locateFailed: 'Cannot locate: ', here: 'You are here (within {0} m)',
        route: 'Route', coordinates: 'Clicked', total: 'Total', value: 'Value', features: 'features',
        panel: 'Layers and legend', close: 'Close', noLocation: 'This browser cannot locate you',
      };
  const fill = (text, value) => text.replace('{0}', value);

  // ---- Coordinates -------------------------------------------------------------------------
  const RADIUS = 6378137;
  const HALF_WORLD = Math.PI * RADIUS;
  const SCALE = 1e7;

  // GCJ-02 as src/core/chinese_offsets.cpp computes it (the published algorithm, Krasovsky 1940).
  const gcj = (function () {
    const A = 6378245.0, EE = 0.00669342162296594323, PI = Math.PI;
    function offsetLat(x, y) {
      let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
      r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
      r += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
      r += ((160.0 * Math.sin((y / 12.0) * PI) + 320.0 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
      return r;
    }
    function offsetLon(x, y) {
      let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
      r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
      r += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
      r += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
      return r;
    }
    const outside = (lon, lat) => lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    function forward(lon, lat) {
      if (outside(lon, lat)) return [lon, lat];
      let dLat = offsetLat(lon - 105.0, lat - 35.0), dLon = offsetLon(lon - 105.0, lat - 35.0);
      const radLat = (lat / 180.0) * PI;
      let magic = Math.sin(radLat);
      magic = 1 - EE * magic * magic;
      const sqrtMagic = Math.sqrt(magic);
      dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
      dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
      return [lon + dLon, lat + dLat];
    }
    function inverse(lon, lat) {  // fixed-point iteration, as the C++ inverse
      if (outside(lon, lat)) return [lon, lat];
      let p = [lon, lat];
      for (let i = 0; i < 50; ++i) {
        const image = forward(p[0], p[1]);
        const dLon = image[0] - lon, dLat = image[1] - lat;
        if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) break;
        p = [p[0] - dLon, p[1] - dLat];
      }
      return p;
    }
    return { forward, inverse };
  })();
  const pageIsGcj = data.datum === 'gcj02';  // the data is shifted onto GCJ-02 tiles

  const mercX = (lon) => (lon * HALF_WORLD) / 180;
  const mercY = (lat) => RADIUS * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

  // A vector layer's delta-encoded lon/lat as Web Mercator metres, with each feature's box.
  function decode(layer) {
    const n = layer.n, xy = layer.xy, count = xy.length / 2;
    const mx = new Float64Array(count), my = new Float64Array(count);
    let qx = 0, qy = 0;
    for (let i = 0; i < count; ++i) {
      qx += xy[2 * i];
      qy += xy[2 * i + 1];
      let lon = qx / SCALE, lat = qy / SCALE;
      if (pageIsGcj) [lon, lat] = gcj.forward(lon, lat);
      mx[i] = mercX(lon);
      my[i] = mercY(lat);
    }
    // Feature f has parts partStart[f] … partStart[f+1]-1; part p has vertices vertexStart[p] … .
    const partStart = new Uint32Array(n + 1), vertexStart = new Uint32Array((layer.rings ? layer.rings.length : n) + 1);
    if (layer.parts) {
      for (let f = 0; f < n; ++f) partStart[f + 1] = partStart[f] + layer.parts[f];
      for (let p = 0; p < layer.rings.length; ++p) vertexStart[p + 1] = vertexStart[p] + layer.rings[p];
    } else {
      for (let f = 0; f < n; ++f) partStart[f + 1] = f + 1, vertexStart[f + 1] = f + 1;
    }
    const box = new Float64Array(4 * n);
    for (let f = 0; f < n; ++f) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = vertexStart[partStart[f]]; i < vertexStart[partStart[f + 1]]; ++i) {
        if (mx[i] < x0) x0 = mx[i];
        if (mx[i] > x1) x1 = mx[i];
        if (my[i] < y0) y0 = my[i];
        if (my[i] > y1) y1 = my[i];
      }
      box[4 * f] = x0, box[4 * f + 1] = y0, box[4 * f + 2] = x1, box[4 * f + 3] = y1;
    }
    let lx = null, ly = null;
    if (layer.lxy) {
      lx = new Float64Array(n);
      ly = new Float64Array(n);
      let ax = 0, ay = 0;
      for (let f = 0; f < n; ++f) {
        ax += layer.lxy[2 * f];
        ay += layer.lxy[2 * f + 1];
        let lon = ax / SCALE, lat = ay / SCALE;
        if (pageIsGcj) [lon, lat] = gcj.forward(lon, lat);
        lx[f] = mercX(lon);
        ly[f] = mercY(lat);
      }
    }
    return { mx, my, partStart, vertexStart, box, lx, ly };
  }

  // ---- State ---------------------------------------------------------------------------------
  const months = data.months || [];
  const state = { month: data.month ? months.indexOf(data.month) : -1 };  // -1: all months
  const vectorLayers = data.layers.filter((l) => l.kind === 'point' || l.kind === 'line' || l.kind === 'polygon');
  vectorLayers.forEach((layer) => (layer.geometry = decode(layer)));
  const choropleth = data.choropleth || null;
  const byId = {};
  data.layers.forEach((layer) => (byId[layer.id] = layer));

  function period() {
    if (!choropleth) return null;
    return choropleth.periods[state.month < 0 ? 0 : state.month + 1] || choropleth.periods[0];
  }
  function shown(layer, f) {
    return !layer.timed || state.month < 0 || !layer.month || layer.month[f] === state.month;
  }
  function symbolOf(layer, f) {
    if (choropleth && layer.id === choropleth.layer) {
      const p = period();
      const c = p.cls[f];
      return c >= 0 && c < p.symbols.length ? p.symbols[c] : layer.symbol;
    }
    const c = layer.cls ? layer.cls[f] : -1;
    return c >= 0 && c < layer.symbols.length ? layer.symbols[c] : layer.symbol;
  }
  function shownCount(layer) {
    let count = 0;
    for (let f = 0; f < layer.n; ++f) if (shown(layer, f)) ++count;
    return count;
  }

  // ---- Drawing -------------------------------------------------------------------------------
  const LABEL_FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

  function markerPath(ctx, marker, x, y, r) {
    switch (marker) {
      case 'square':
        ctx.rect(x - r, y - r, 2 * r, 2 * r);
        break;
      case 'triangle':
        ctx.moveTo(x, y - r);
        ctx.lineTo(x + r, y + r * 0.85);
        ctx.lineTo(x - r, y + r * 0.85);
        ctx.closePath();
        break;
      case 'diamond':
        ctx.moveTo(x, y - r);
        ctx.lineTo(x + r, y);
        ctx.lineTo(x, y + r);
        ctx.lineTo(x - r, y);
        ctx.closePath();
        break;
      default:
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  function applyStroke(ctx, symbol) {
    ctx.strokeStyle = symbol.stroke;
    ctx.lineWidth = symbol.width;
    ctx.setLineDash(symbol.dash || []);
  }

  // One canvas over the map for every vector layer, redrawn when the view settles; Leaflet moves
  // and scales it with the map in between (as its own canvas renderer does).
  const DataCanvas = L.Layer.extend({
    onAdd(map) {
      this._canvas = L.DomUtil.create('canvas', 'urbangis-canvas leaflet-zoom-animated');
      map.getPane('overlayPane').appendChild(this._canvas);
      map.on('moveend resize', this.redraw, this);
      map.on('zoomanim', this._animateZoom, this);
      map.on('zoom', this._followZoom, this);
      this.redraw();
    },
    onRemove(map) {
      map.off('moveend resize', this.redraw, this);
      map.off('zoomanim', this._animateZoom, this);
      map.off('zoom', this._followZoom, this);
      L.DomUtil.remove(this._canvas);
    },
    _animateZoom(event) {
      this._transformTo(event.zoom, event.center);
    },
    // A pinch on a phone zooms without an animation event: the drawn canvas follows each step.
    _followZoom() {
      if (!this._map._animatingZoom) this._transformTo(this._map.getZoom(), this._map.getCenter());
    },
    _transformTo(zoom, center) {
      const map = this._map;
      if (this._topLeftLatLng === undefined) return;
      const scale = map.getZoomScale(zoom, this._zoom);
      const offset = map._latLngToNewLayerPoint(this._topLeftLatLng, zoom, center);
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },
    redraw() {
      const map = this._map;
      if (!map) return;
      const started = performance.now();
      const size = map.getSize(), pad = 0.25;
      const topLeft = map.containerPointToLayerPoint([-size.x * pad, -size.y * pad]).round();
      const width = Math.round(size.x * (1 + 2 * pad)), height = Math.round(size.y * (1 + 2 * pad));
      const ratio = window.devicePixelRatio || 1;
      const canvas = this._canvas;
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
      L.DomUtil.setPosition(canvas, topLeft);
      this._zoom = map.getZoom();
      this._topLeftLatLng = map.layerPointToLatLng(topLeft);
      const ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      // Canvas pixel of a Web Mercator point: world pixels at this zoom, less the canvas corner.
      const k = (256 * Math.pow(2, this._zoom)) / (2 * HALF_WORLD);
      const origin = map.getPixelOrigin();
      const ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      const view = { k, ox, oy, width, height, px: (x) => (x + HALF_WORLD) * k - ox, py: (y) => (HALF_WORLD - y) * k - oy };
      // The view in metres, to skip features outside it.
      view.x0 = ox / k - HALF_WORLD;
      view.x1 = (ox + width) / k - HALF_WORLD;
      view.y1 = HALF_WORLD - oy / k;
      view.y0 = HALF_WORLD - (oy + height) / k;
      this._view = view;
      for (const layer of vectorLayers) if (layer.visible) drawLayer(ctx, layer, view);
      drawLabels(ctx, view, map);
      pageState.frames += 1;
      pageState.lastDrawMs = performance.now() - started;
      if (!pageState.ready) {
        pageState.ready = true;
        pageState.firstFrameMs = performance.now();  // since navigation started
        document.documentElement.setAttribute('data-ready', 'true');
      }
    },
  });

  function inView(g, f, view, margin) {
    const b = g.box;
    return !(b[4 * f] > view.x1 + margin || b[4 * f + 2] < view.x0 - margin || b[4 * f + 1] > view.y1 + margin ||
             b[4 * f + 3] < view.y0 - margin);
  }

  function drawLayer(ctx, layer, view) {
    const g = layer.geometry;
    // Features grouped by symbol, each group one path: few canvas state changes.
    const groups = new Map();
    const margin = 20 / view.k;
    for (let f = 0; f < layer.n; ++f) {
      if (!shown(layer, f) || !inView(g, f, view, margin)) continue;
      const symbol = symbolOf(layer, f);
      let list = groups.get(symbol);
      if (!list) groups.set(symbol, (list = []));
      list.push(f);
    }
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (const [symbol, list] of groups) {
      if (layer.kind === 'point') drawPoints(ctx, layer, symbol, list, view);
      else drawShapes(ctx, layer, symbol, list, view);
    }
  }

  function drawShapes(ctx, layer, symbol, list, view) {
    const g = layer.geometry;
    const dots = [];  // features under two pixels across: drawn as a dot, so they never vanish
    const fills = layer.kind === 'polygon' && symbol.fill;
    if (fills) ctx.fillStyle = symbol.fill;
    const outline = new Path2D();  // one stroke for the whole group
    for (const f of list) {
      const b = g.box;
      if ((b[4 * f + 2] - b[4 * f]) * view.k < 2 && (b[4 * f + 3] - b[4 * f + 1]) * view.k < 2) {
        dots.push(f);
        continue;
      }
      // Each polygon filled on its own (even-odd within it for its holes): two overlapping
      // polygons of one class both fill where they overlap.
      const shape = new Path2D();
      for (let p = g.partStart[f]; p < g.partStart[f + 1]; ++p) {
        const begin = g.vertexStart[p], end = g.vertexStart[p + 1];
        let lastX = NaN, lastY = NaN;
        for (let i = begin; i < end; ++i) {
          const x = view.px(g.mx[i]), y = view.py(g.my[i]);
          if (i === begin) shape.moveTo(x, y);
          else if (Math.abs(x - lastX) >= 0.5 || Math.abs(y - lastY) >= 0.5 || i === end - 1) shape.lineTo(x, y);
          else continue;
          lastX = x, lastY = y;
        }
        if (layer.kind === 'polygon') shape.closePath();
      }
      if (fills) ctx.fill(shape, 'evenodd');
      outline.addPath(shape);
    }
    if (symbol.width > 0) {
      applyStroke(ctx, symbol);
      ctx.stroke(outline);
    }
    if (dots.length) {
      ctx.fillStyle = layer.kind === 'polygon' && symbol.fill ? symbol.fill : symbol.stroke;
      for (const f of dots) {
        const b = g.box;
        const x = view.px((b[4 * f] + b[4 * f + 2]) / 2), y = view.py((b[4 * f + 1] + b[4 * f + 3]) / 2);
        ctx.fillRect(x - 1, y - 1, 2, 2);
      }
    }
  }

  // A marker drawn once, stamped for every point: far cheaper than a path per point.
  const sprites = new Map();
  function spriteOf(symbol) {
    let sprite = sprites.get(symbol);
    if (sprite) return sprite;
    const ratio = window.devicePixelRatio || 1;
    const r = symbol.size / 2, margin = Math.ceil(symbol.width) + 1;
    const side = Math.ceil(2 * (r + margin));
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = Math.ceil(side * ratio);
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    markerPath(ctx, symbol.marker, side / 2, side / 2, r);
    if (symbol.fill) {
      ctx.fillStyle = symbol.fill;
      ctx.fill();
    }
    if (symbol.width > 0) {
      applyStroke(ctx, symbol);
      ctx.stroke();
    }
    sprite = { canvas, side, half: side / 2 };
    sprites.set(symbol, sprite);
    return sprite;
  }

  // Points are thinned by zoom: of the points falling on one cell as wide as half the marker
  // (each covers the others), only the first is drawn, so a hundred thousand points draw about
  // as fast as what can be seen.
  function drawPoints(ctx, layer, symbol, list, view) {
    const g = layer.geometry;
    const r = symbol.size / 2;
    const cell = Math.max(1, r);
    const columns = Math.ceil(view.width / cell) + 1, rows = Math.ceil(view.height / cell) + 1;
    const taken = new Uint8Array(columns * rows);
    const sprite = spriteOf(symbol);
    const k = view.k, ox = view.ox, oy = view.oy;
    for (const f of list) {
      for (let p = g.partStart[f]; p < g.partStart[f + 1]; ++p) {
        const v = g.vertexStart[p];
        const x = (g.mx[v] + HALF_WORLD) * k - ox, y = (HALF_WORLD - g.my[v]) * k - oy;
        if (x < -r || y < -r || x > view.width + r || y > view.height + r) continue;
        const column = Math.min(columns - 1, Math.floor(Math.max(0, x) / cell));
        const c = column + Math.min(rows - 1, Math.floor(Math.max(0, y) / cell)) * columns;
        if (taken[c]) continue;
        taken[c] = 1;
        ctx.drawImage(sprite.canvas, Math.round(x - sprite.half), Math.round(y - sprite.half), sprite.side, sprite.side);
      }
    }
  }

  // Labels of the layers that have them, at scales their style allows, never over each other.
  function drawLabels(ctx, view, map) {
    const placed = [];
    const lat = map.getCenter().lat;
    const metresPerPixel = (2 * HALF_WORLD * Math.cos((lat * Math.PI) / 180)) / (256 * Math.pow(2, map.getZoom()));
    const scaleDenominator = metresPerPixel / 0.00028;
    ctx.setLineDash([]);
    for (let l = vectorLayers.length - 1; l >= 0; --l) {
      const layer = vectorLayers[l];
      if (!layer.visible || !layer.labels || !layer.label) continue;
      if (layer.labels.maxScale && scaleDenominator > layer.labels.maxScale) continue;
      const g = layer.geometry;
      ctx.font = layer.labels.size + 'px ' + LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let f = 0; f < layer.n; ++f) {
        const text = layer.label[f];
        if (!text || !shown(layer, f)) continue;
        const x = view.px(g.lx[f]), y = view.py(g.ly[f]);
        if (x < 0 || y < 0 || x > view.width || y > view.height) continue;
        const w = ctx.measureText(text).width + 4, h = layer.labels.size + 4;
        const box = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
        if (placed.some((b) => !(b[0] > box[2] || b[2] < box[0] || b[1] > box[3] || b[3] < box[1]))) continue;
        placed.push(box);
        if (layer.labels.halo) {
          ctx.strokeStyle = layer.labels.halo;
          ctx.lineWidth = 3;
          ctx.strokeText(text, x, y);
        }
        ctx.fillStyle = layer.labels.colour;
        ctx.fillText(text, x, y);
      }
    }
  }

  // ---- Picking -------------------------------------------------------------------------------
  function distanceToSegment(px, py, ax, ay, bx, by) {
    const dx = bx - ax, dy = by - ay;
    const t = dx || dy ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy))) : 0;
    return Math.hypot(px - ax - t * dx, py - ay - t * dy);
  }

  // The topmost shown feature at a container point: [layer, feature index] or null.
  function pick(point) {
    const view = canvasLayer._view;
    if (!view) return null;
    const origin = map.getPixelOrigin();
    const layerPoint = map.containerPointToLayerPoint(point);
    const wx = (layerPoint.x + origin.x) / view.k - HALF_WORLD, wy = HALF_WORLD - (layerPoint.y + origin.y) / view.k;
    for (let l = vectorLayers.length - 1; l >= 0; --l) {
      const layer = vectorLayers[l];
      if (!layer.visible) continue;
      const g = layer.geometry;
      for (let f = layer.n - 1; f >= 0; --f) {
        if (!shown(layer, f)) continue;
        const symbol = symbolOf(layer, f);
        const tolerance = (layer.kind === 'point' ? symbol.size / 2 + 3 : symbol.width / 2 + 4) / view.k;
        const b = g.box;
        if (wx < b[4 * f] - tolerance || wx > b[4 * f + 2] + tolerance || wy < b[4 * f + 1] - tolerance ||
            wy > b[4 * f + 3] + tolerance)
          continue;
        if (layer.kind === 'point') return [layer, f];
        // A shape drawn as a dot (under two pixels, see drawShapes) is hit anywhere on its box.
        if ((b[4 * f + 2] - b[4 * f]) * view.k < 4 && (b[4 * f + 3] - b[4 * f + 1]) * view.k < 4) return [layer, f];
        let inside = false;
        for (let p = g.partStart[f]; p < g.partStart[f + 1]; ++p) {
          const begin = g.vertexStart[p], end = g.vertexStart[p + 1];
          for (let i = begin + 1; i < end; ++i) {
            const ax = g.mx[i - 1], ay = g.my[i - 1], bx = g.mx[i], by = g.my[i];
            if (layer.kind === 'line') {
              if (distanceToSegment(wx, wy, ax, ay, bx, by) <= tolerance) return [layer, f];
            } else if (ay > wy !== by > wy && wx < ((bx - ax) * (wy - ay)) / (by - ay) + ax) {
              inside = !inside;
            }
          }
        }
        if (inside) return [layer, f];
      }
    }
    return null;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatValue(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
    return String(value);
  }

  function popupContent(layer, f) {
    const box = element('div', 'urbangis-popup');
    box.appendChild(element('div', 'urbangis-popup-title', layer.title));
    const table = element('table');
    const row = (title, value) => {
      const tr = element('tr');
      tr.appendChild(element('th', null, title));
      tr.appendChild(element('td', null, formatValue(value)));
      table.appendChild(tr);
    };
    if (choropleth && layer.id === choropleth.layer) {
      const p = period();
      row(choropleth.column + ' (' + (p.month || T.all) + ')', p.values[f]);
    }
    const cells = layer.rows ? layer.rows[f] : [];
    (layer.fields || []).forEach((field, c) => {
      row(field.title === field.name ? field.name : field.title + ' (' + field.name + ')', cells[c]);
      if (layer.national && field.name === layer.national.field) {
        const category = formatValue(cells[c]);
        const national = Object.hasOwn(layer.national.classes, category) ? layer.national.classes[category] : null;
        if (national) row(layer.national.title, national);
      }
    });
    box.appendChild(table);
    return box;
  }

  // ---- The map -------------------------------------------------------------------------------
  const pageState = { ready: false, frames: 0 };
  const map = L.map('map', { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 19, zoomSnap: 0.25 });
  for (const layer of data.layers) {
    if (layer.kind === 'tiles') {
      layer.leaflet = L.tileLayer(layer.url, { maxZoom: 19, maxNativeZoom: layer.maxZoom, opacity: layer.opacity });
    } else if (layer.kind === 'image') {
      let [[south, west], [north, east]] = layer.bounds;
      if (pageIsGcj) [[west, south], [east, north]] = [gcj.forward(west, south), gcj.forward(east, north)];
      layer.leaflet = L.imageOverlay(layer.image, [[south, west], [north, east]], { opacity: layer.opacity });
    }
    if (layer.leaflet && layer.visible) layer.leaflet.addTo(map);
  }
  const extent = data.extent || [73, 18, 135, 54];
  let [west, south, east, north] = extent;
  if (pageIsGcj) [[west, south], [east, north]] = [gcj.forward(west, south), gcj.forward(east, north)];
  // A lone point or a row of points has no extent to frame: give it a few hundred metres.
  const minimumSpan = 0.005;
  if (east - west < minimumSpan) [west, east] = [(west + east - minimumSpan) / 2, (west + east + minimumSpan) / 2];
  if (north - south < minimumSpan) [south, north] = [(south + north - minimumSpan) / 2, (south + north + minimumSpan) / 2];
  const frameData = () => map.fitBounds([[south, west], [north, east]], { padding: [16, 16] });
  // A page in a frame not yet laid out (the report's) has no size to fit the data into: wait.
  const container = document.getElementById('map');
  if (container.clientWidth && container.clientHeight) {
    frameData();
  } else {
    const observer = new ResizeObserver(() => {
      if (!container.clientWidth || !container.clientHeight) return;
      observer.disconnect();
      map.invalidateSize();
      frameData();
    });
    observer.observe(container);
  }
  const canvasLayer = new DataCanvas();
  canvasLayer.addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

  // Clicks: the feature's attributes, and where it was in WGS84 (and GCJ-02 for Amap/Tencent).
  const coordinates = element('div', 'urbangis-coordinates');
  document.getElementById('map').appendChild(coordinates);
  map.on('click', (event) => {
    let lon = event.latlng.lng, lat = event.latlng.lat;
    let gcjLonLat = [lon, lat];
    if (pageIsGcj) [lon, lat] = gcj.inverse(lon, lat);
    else gcjLonLat = gcj.forward(lon, lat);
    coordinates.textContent = T.coordinates + ' WGS84 ' + lon.toFixed(6) + ', ' + lat.toFixed(6) + ' · GCJ-02 ' +
      gcjLonLat[0].toFixed(6) + ', ' + gcjLonLat[1].toFixed(6);
    const hit = pick(event.containerPoint);
    if (hit) L.popup({ maxWidth: 320, maxHeight: 320 }).setLatLng(event.latlng).setContent(popupContent(hit[0], hit[1])).openOn(map);
  });

  // Locate me: the browser's position, for officers with a phone in the street.
  const LocateControl = L.Control.extend({
    options: { position: 'topleft' },
    onAdd() {
      const button = element('button', 'urbangis-locate', '◎');
      button.type = 'button';
      button.title = T.locate;
      button.setAttribute('aria-label', T.locate);
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener('click', () => {
        if (!navigator.geolocation) return setStatus(T.noLocation);
        setStatus(T.locating);
        map.locate({ setView: false, enableHighAccuracy: true });
      });
      return button;
    },
  });
  new LocateControl().addTo(map);
  let here = null;
  map.on('locationfound', (event) => {
    setStatus('');
    if (here) here.remove();
    // The browser gives WGS84; on GCJ-02 tiles the data is shifted, and so is the phone.
    let position = event.latlng;
    if (pageIsGcj) {
      const [lon, lat] = gcj.forward(position.lng, position.lat);
      position = L.latLng(lat, lon);
    }
    map.setView(position, Math.max(map.getZoom(), 16), { animate: false });
    here = L.layerGroup([
      L.circle(position, { radius: event.accuracy, weight: 1, color: '#1a73e8', fillOpacity: 0.1 }),
      L.circleMarker(position, { radius: 7, weight: 2, color: '#ffffff', fillColor: '#1a73e8', fillOpacity: 1 }),
    ]).addTo(map);
    here.bindPopup(fill(T.here, Math.round(event.accuracy)));
  });
  map.on('locationerror', (event) => setStatus(T.locateFailed + event.message));

  // ---- The panel -----------------------------------------------------------------------------
  const panel = document.getElementById('panel');
  document.title = data.title;
  const header = element('header');
  header.appendChild(element('h1', null, data.title));
  header.appendChild(element('div', 'urbangis-source', data.source + ' · ' + data.made));
  panel.appendChild(header);
  const status = element('div', 'urbangis-status');
  panel.appendChild(status);
  function setStatus(text) {
    status.textContent = text;
  }

  // Zone search by name or code.
  const searchable = [];
  for (const layer of vectorLayers) {
    if (layer.kind !== 'polygon' || !layer.fields) continue;
    const nameColumn = layer.fields.findIndex((field) => field.key === 'name_field');
    const codeColumn = layer.fields.findIndex((field) => field.key === 'id_field');
    if (nameColumn < 0 && codeColumn < 0) continue;
    for (let f = 0; f < layer.n; ++f) {
      const name = nameColumn >= 0 ? formatValue(layer.rows[f][nameColumn]) : '';
      const code = codeColumn >= 0 ? formatValue(layer.rows[f][codeColumn]) : '';
      searchable.push({ layer, f, name, code, key: (name + ' ' + code).toLowerCase() });
    }
  }
  const results = element('ul', 'urbangis-results');
  if (searchable.length) {
    const search = element('input', 'urbangis-search');
    search.type = 'search';
    search.placeholder = T.search;
    search.setAttribute('aria-label', T.search);
    search.addEventListener('input', () => {
      results.replaceChildren();
      const wanted = search.value.trim().toLowerCase();
      if (!wanted) return;
      const found = searchable.filter((entry) => entry.key.includes(wanted)).slice(0, 12);
      if (!found.length) results.appendChild(element('li', 'urbangis-none', T.noMatch));
      for (const entry of found) {
        const item = element('li');
        const button = element('button', null, (entry.name || entry.code) + (entry.name && entry.code ? ' · ' + entry.code : '') +
          ' — ' + entry.layer.title);
        button.type = 'button';
        button.addEventListener('click', () => showFeature(entry.layer, entry.f));
        item.appendChild(button);
        results.appendChild(item);
      }
    });
    panel.appendChild(search);
    panel.appendChild(results);
  }

  function featureLatLng(layer, f) {
    const g = layer.geometry;
    const x = g.lx ? g.lx[f] : (g.box[4 * f] + g.box[4 * f + 2]) / 2;
    const y = g.ly ? g.ly[f] : (g.box[4 * f + 1] + g.box[4 * f + 3]) / 2;
    return L.latLng((Math.atan(Math.sinh(y / RADIUS)) * 180) / Math.PI, (x / HALF_WORLD) * 180);
  }
  function showFeature(layer, f) {
    const g = layer.geometry;
    const toLatLng = (x, y) => L.latLng((Math.atan(Math.sinh(y / RADIUS)) * 180) / Math.PI, (x / HALF_WORLD) * 180);
    map.fitBounds([toLatLng(g.box[4 * f], g.box[4 * f + 1]), toLatLng(g.box[4 * f + 2], g.box[4 * f + 3])], { maxZoom: 16 });
    if (!layer.visible) setVisible(layer, true);
    L.popup({ maxWidth: 320, maxHeight: 320 }).setLatLng(featureLatLng(layer, f)).setContent(popupContent(layer, f)).openOn(map);
    if (window.matchMedia('(max-width: 700px)').matches) document.body.classList.remove('panel-open');
  }

  // The month slider: timed layers show that month's features; the choropleth its statistics.
  let monthLabel = null;
  if (months.length) {
    const box = element('div', 'urbangis-months');
    monthLabel = element('label', 'urbangis-month-label');
    const slider = element('input', 'urbangis-month');
    slider.type = 'range';
    slider.min = '0';
    slider.max = String(months.length);
    slider.value = String(state.month + 1);
    slider.setAttribute('aria-label', T.month);
    slider.addEventListener('input', () => setMonth(Number(slider.value) - 1));
    box.appendChild(monthLabel);
    box.appendChild(slider);
    panel.appendChild(box);
    pageState.slider = slider;
  }

  const layerList = element('div', 'urbangis-layers');
  panel.appendChild(element('h2', null, T.layers));
  panel.appendChild(layerList);

  function swatch(entry) {
    const canvas = element('canvas', 'urbangis-swatch');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = 28 * ratio;
    canvas.height = 16 * ratio;
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    if (entry.ramp) {
      const gradient = ctx.createLinearGradient(0, 0, 28, 0);
      const low = entry.ramp[0].value, high = entry.ramp[entry.ramp.length - 1].value;
      for (const stop of entry.ramp) gradient.addColorStop(high > low ? (stop.value - low) / (high - low) : 0, stop.colour);
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 2, 28, 12);
      return canvas;
    }
    const symbol = entry.symbol;
    ctx.beginPath();
    if (entry.kind === 'point') markerPath(ctx, symbol.marker, 14, 8, Math.min(7, symbol.size / 2 + 0.5));
    else if (entry.kind === 'line') {
      ctx.moveTo(2, 8);
      ctx.lineTo(26, 8);
    } else ctx.rect(2, 2, 24, 12);
    if (entry.kind !== 'line' && symbol.fill) {
      ctx.fillStyle = symbol.fill;
      ctx.fill();
    }
    if (symbol.width > 0) {
      applyStroke(ctx, symbol);
      ctx.lineWidth = Math.min(symbol.width, 5);
      ctx.stroke();
    }
    return canvas;
  }

  function legendList(entries) {
    const list = element('ul', 'urbangis-legend');
    for (const entry of entries) {
      const item = element('li');
      item.appendChild(swatch(entry));
      item.appendChild(element('span', null, entry.label));
      list.appendChild(item);
    }
    return list;
  }

  const rows = [];
  // Top of the map first, as a desktop GIS lists them: vectors (one canvas) over raster overlays
  // over tiles.
  const drawOrder = ['tiles', 'image'].map((kind) => data.layers.filter((l) => l.kind === kind)).flat().concat(vectorLayers);
  for (const layer of drawOrder.reverse()) {
    const block = element('div', 'urbangis-layer');
    const label = element('label');
    const box = element('input');
    box.type = 'checkbox';
    box.checked = layer.visible;
    box.setAttribute('data-layer', layer.id);
    box.addEventListener('change', () => setVisible(layer, box.checked));
    const title = element('span', 'urbangis-layer-title', layer.title);
    const count = element('span', 'urbangis-count');
    label.appendChild(box);
    label.appendChild(title);
    label.appendChild(count);
    block.appendChild(label);
    const legend = element('div', 'urbangis-layer-legend');
    block.appendChild(legend);
    layerList.appendChild(block);
    rows.push({ layer, box, count, legend });
  }

  function refreshPanel() {
    if (monthLabel) monthLabel.textContent = T.month + ': ' + (state.month < 0 ? T.all : months[state.month]);
    for (const row of rows) {
      const layer = row.layer;
      if (layer.n !== undefined) row.count.textContent = ' (' + shownCount(layer).toLocaleString() + ')';
      row.legend.replaceChildren();
      if (choropleth && layer.id === choropleth.layer) {
        const p = period();
        row.legend.appendChild(element('div', 'urbangis-legend-title', choropleth.column + ' · ' + (p.month || T.all) +
          (choropleth.additive ? ' · ' + T.total + ' ' + formatValue(p.total) : '')));
        row.legend.appendChild(legendList(p.legend));
      } else if (layer.legend && layer.legend.length) {
        row.legend.appendChild(legendList(layer.legend));
      }
      row.legend.hidden = !layer.visible;
    }
  }

  function setVisible(layer, visible) {
    layer.visible = visible;
    if (layer.leaflet) {
      if (visible) layer.leaflet.addTo(map);
      else layer.leaflet.remove();
    } else {
      canvasLayer.redraw();
    }
    for (const row of rows) if (row.layer === layer) row.box.checked = visible;
    refreshPanel();
  }

  function setMonth(index) {
    state.month = index >= 0 && index < months.length ? index : -1;
    if (pageState.slider) pageState.slider.value = String(state.month + 1);
    map.closePopup();
    canvasLayer.redraw();
    refreshPanel();
  }

  if (data.route && data.route.steps.length) {
    panel.appendChild(element('h2', null, data.route.title || T.route));
    const steps = element('ol', 'urbangis-steps');
    for (const step of data.route.steps) steps.appendChild(element('li', null, step));
    panel.appendChild(steps);
  }
  refreshPanel();

  // On a phone the panel is a sheet over the map, opened by a button.
  const toggle = document.getElementById('panel-toggle');
  toggle.textContent = '☰ ' + T.panel;
  toggle.addEventListener('click', () => document.body.classList.toggle('panel-open'));

  // What the browser tests drive and read.
  window.urbangis = {
    map,
    // The data as written (the live copy holds decoded geometry and map objects).
    pageData: () => JSON.parse(document.getElementById('urbangis-data').textContent),
    state: pageState,
    setMonth,
    setVisible: (id, visible) => setVisible(byId[id], visible),
    // The container pixel of feature f of a layer (its label point or box centre).
    featurePoint(id, f) {
      const point = map.latLngToContainerPoint(featureLatLng(byId[id], f));
      return [point.x, point.y];
    },
    // For every feature of a layer: its anchor's and its first vertex's container pixels, its
    // box's size in pixels and whether the month shows it: [x, y, vx, vy, w, h, shown].
    featurePixels(id) {
      const layer = byId[id], g = layer.geometry;
      const toPoint = (x, y) => map.latLngToContainerPoint(L.latLng((Math.atan(Math.sinh(y / RADIUS)) * 180) / Math.PI,
                                                                      (x / HALF_WORLD) * 180));
      const out = [];
      for (let f = 0; f < layer.n; ++f) {
        const anchor = map.latLngToContainerPoint(featureLatLng(layer, f));
        const v = g.vertexStart[g.partStart[f]];
        const vertex = toPoint(g.mx[v], g.my[v]);
        const low = toPoint(g.box[4 * f], g.box[4 * f + 1]), high = toPoint(g.box[4 * f + 2], g.box[4 * f + 3]);
        out.push([anchor.x, anchor.y, vertex.x, vertex.y, high.x - low.x, low.y - high.y, shown(layer, f)]);
      }
      return out;
    },
    // Moves the map, without animation, to centre on feature f of a layer.
    centreOn(id, f) {
      map.setView(featureLatLng(byId[id], f), map.getZoom(), { animate: false });
    },
    // The index of the first feature whose field has the value, or -1.
    findFeature(id, field, value) {
      const layer = byId[id];
      const column = layer.fields.findIndex((entry) => entry.name === field);
      return layer.rows.findIndex((cells) => formatValue(cells[column]) === String(value));
    },
    shownCount: (id) => shownCount(byId[id]),
  };
})();

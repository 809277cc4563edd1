#!/usr/bin/python3
"""Run the web-map benchmark pages in headless Chromium, interleaved, N runs each.

usage: /usr/bin/python3 bench.py [runs=3] [gl-variant=angle-swiftshader] [canvas=sw2d|gpu2d] [pages=A,A2,B]
  sw2d  adds --disable-accelerated-2d-canvas (software 2D canvas; WebGL unaffected). Without it, Chromium
        "accelerates" 2D canvas on SwiftShader, and a 100k-fillRect redraw costs ~1.5 s per frame.
Writes results-<gl>-<canvas>.json and prints a median table.
"""
import json, os, statistics, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = [('A  leaflet + L.polygon(canvas)', 'leaflet.html'),
         ('A2 leaflet custom canvas', 'leaflet_canvas.html'),
         ('B  maplibre-gl', 'maplibre.html')]
GL = {
    'angle-swiftshader': ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    'use-gl-swiftshader': ['--use-gl=swiftshader'],
    'none': [],
}
# 30 pan steps of 50 px: a square loop so the data stays in view
PAN = [[50, 0]] * 10 + [[0, 50]] * 5 + [[-50, 0]] * 10 + [[0, -50]] * 5
ZOOM = [13, 14, 13, 12]  # from the start zoom 12: in, in, out, out


def driver(flags):
    o = webdriver.ChromeOptions()
    o.binary_location = '/usr/bin/chromium'
    for f in ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1280,800',
              '--allow-file-access-from-files', '--disable-background-timer-throttling',
              '--disable-renderer-backgrounding'] + flags:
        o.add_argument(f)
    o.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=o)
    # headless=new gives a 1280x657 viewport for --window-size=1280,800: force the viewport
    d.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                      dict(width=1280, height=800, deviceScaleFactor=1, mobile=False))
    d.set_page_load_timeout(300)
    d.set_script_timeout(300)
    return d


def run_page(page, flags):
    d = driver(flags)
    try:
        d.get('file://' + os.path.join(HERE, page))
        t_end = time.time() + 300
        while time.time() < t_end:
            r = d.execute_script('return [window.__first||null, window.__errors]')
            if r[0] or r[1]:
                break
            time.sleep(0.05)
        first, errors = r
        res = dict(first_ms=first, errors=errors,
                   viewport=d.execute_script('return [innerWidth, innerHeight]'),
                   gl=d.execute_script('return window.__gl||null'))
        if first is None:
            res['console'] = [l['message'] for l in d.get_log('browser')][-10:]
            return res
        time.sleep(0.5)
        if os.environ.get('SHOT'):
            d.save_screenshot(os.path.join(HERE, 'shot-%s.png' % page.split('.')[0]))
        steps = lambda kind, args: d.execute_async_script(
            'const cb=arguments[arguments.length-1]; const [kind,args]=[arguments[0],arguments[1]];'
            '(async()=>{const out=[], rend=[]; for(const a of args){out.push(await window.__step(kind,a));'
            ' rend.push(window.__lastRender??null);} return [out, rend];})().then(cb, e=>cb(String(e)));',
            kind, args)
        pan, pan_render = steps('pan', PAN)
        zoom, zoom_render = steps('zoom', ZOOM)
        res.update(pan=pan, zoom=zoom, pan_render=pan_render, zoom_render=zoom_render,
                   errors=d.execute_script('return window.__errors'))
        return res
    finally:
        d.quit()


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    glv = sys.argv[2] if len(sys.argv) > 2 else 'angle-swiftshader'
    cv = sys.argv[3] if len(sys.argv) > 3 else 'sw2d'
    flags = GL[glv] + (['--disable-accelerated-2d-canvas'] if cv == 'sw2d' else [])
    sel = sys.argv[4].split(',') if len(sys.argv) > 4 else None
    pages = [(l, p) for l, p in PAGES if sel is None or l.split()[0] in sel]
    out = {p: [] for _, p in pages}
    for i in range(runs):
        for label, p in pages:
            t = time.time()
            r = run_page(p, flags)
            r['load1'] = os.getloadavg()[0]
            out[p].append(r)
            summ = ('first=%.0f pan mean=%.1f max=%.1f zoom mean=%.1f max=%.1f' %
                    (r['first_ms'], statistics.mean(r['pan']), max(r['pan']),
                     statistics.mean(r['zoom']), max(r['zoom']))) if r.get('pan') else r
            print('run %d %-32s %s  (%.0fs, load %.2f)' % (i + 1, label, summ, time.time() - t, r['load1']),
                  flush=True)
    json.dump(dict(gl=glv, flags=flags, results=out), open(os.path.join(HERE, 'results-%s-%s.json' % (glv, cv)), 'w'),
              indent=1)
    print('\nmedian of %d runs, flags %s' % (runs, flags))
    print('%-32s %9s %9s %9s %9s %9s %10s' % ('page', 'first ms', 'pan mean', 'pan max', 'zoom mean', 'zoom max',
                                              'size'))
    for label, p in pages:
        rs = [r for r in out[p] if r.get('pan')]
        if not rs:
            print(label, 'FAILED', json.dumps(out[p][0])[:1500])
            continue
        med = lambda f: statistics.median(f(r) for r in rs)
        print('%-32s %9.0f %9.1f %9.1f %9.1f %9.1f %10d' % (
            label, med(lambda r: r['first_ms']), med(lambda r: statistics.mean(r['pan'])),
            med(lambda r: max(r['pan'])), med(lambda r: statistics.mean(r['zoom'])),
            med(lambda r: max(r['zoom'])), os.path.getsize(os.path.join(HERE, p))))
        if rs[0].get('pan_render') and rs[0]['pan_render'][0] is not None:
            print('%-32s first "render" event after a step: pan median %.1f ms, zoom median %.1f ms' % (
                '', statistics.median(x for r in rs for x in r['pan_render']),
                statistics.median(x for r in rs for x in r['zoom_render'])))


if __name__ == '__main__':
    main()

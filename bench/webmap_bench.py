#!/usr/bin/python3
"""Web map pages in headless Chromium: time to the first drawn frame and the cost of panning and
zooming, median of RUNS fresh browser sessions (docs/webmap.md, "Size and speed").

usage: /usr/bin/python3 bench/webmap_bench.py RUNS PAGE.html…

First frame is performance.now() when the page's first frame was drawn (navigation start to
drawn, parsing the inlined data included). A pan step is map.panBy(50 px) without animation
until two animation frames have passed (the redraw runs on moveend); a zoom step the same for
setZoom ±1. 1280×800, device pixel ratio 1, software 2D canvas (the headless default on a
machine without a GPU is a GPU canvas emulated on the CPU, far slower than any real browser).
"""
import os
import shutil
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

RUNS = int(sys.argv[1])
PAGES = sys.argv[2:]

STEP = """
const done = arguments[arguments.length - 1];
const map = window.urbangis.map, steps = arguments[0], times = [];
function next(i) {
  if (i === steps.length) return done(times);
  const t0 = performance.now();
  const step = steps[i];
  if (step[0] === 'pan') map.panBy(step.slice(1), { animate: false });
  else map.setZoom(map.getZoom() + step[1], { animate: false });
  requestAnimationFrame(() => requestAnimationFrame(() => { times.push(performance.now() - t0); next(i + 1); }));
}
next(0);
"""
PAN = [["pan", 50, 0]] * 10 + [["pan", 0, 50]] * 5 + [["pan", -50, 0]] * 10 + [["pan", 0, -50]] * 5
ZOOM = [["zoom", 1], ["zoom", 1], ["zoom", -1], ["zoom", -1]]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-accelerated-2d-canvas"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    driver.set_script_timeout(300)
    return driver


for page in PAGES:
    first, pan_mean, pan_worst, zoom_mean, zoom_worst = [], [], [], [], []
    for _ in range(RUNS):
        driver = browser()
        try:
            driver.get("file://" + os.path.abspath(page))
            driver.execute_async_script("""
              const done = arguments[arguments.length - 1];
              (function wait() { window.urbangis && window.urbangis.state.ready ? done() : setTimeout(wait, 20); })();""")
            first.append(driver.execute_script("return window.urbangis.state.firstFrameMs"))
            pans = driver.execute_async_script(STEP, PAN)
            zooms = driver.execute_async_script(STEP, ZOOM)
            pan_mean.append(statistics.mean(pans))
            pan_worst.append(max(pans))
            zoom_mean.append(statistics.mean(zooms))
            zoom_worst.append(max(zooms))
        finally:
            driver.quit()
    median = statistics.median
    print(f"{os.path.basename(page)}: {os.path.getsize(page) / 1e6:.1f} MB; first frame {median(first):.0f} ms; "
          f"pan {median(pan_mean):.0f} ms mean, {median(pan_worst):.0f} ms worst; "
          f"zoom {median(zoom_mean):.0f} ms mean, {median(zoom_worst):.0f} ms worst (median of {RUNS})")

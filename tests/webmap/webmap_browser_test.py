#!/usr/bin/python3
"""The web map in a real browser (Debian's headless chromium through python3-selenium).

usage: webmap_browser_test.py URBANGIS OUT_DIR LANG

For the Daye catalog in LANG, at 1280×800 and at a phone's 390×844: no console error; each
layer's colour shows where its data is (and goes when the layer is switched off); clicking a
known zone opens a popup with its name; moving the month slider with the keyboard changes the
choropleth and the shown figures to those `urbangis stats --since/--until` gives; names made of
markup run nothing. Screenshots go to OUT_DIR. Exit 77 (skip) when the browser is missing and
CI is not set.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import time

URBANGIS, OUT, LANG = sys.argv[1], sys.argv[2], sys.argv[3]
ZH = LANG == "zh"

try:
    from PIL import Image
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as missing:
    if os.environ.get("CI"):
        raise
    print(f"skipped: {missing} (apt-get install python3-selenium python3-pil)")
    sys.exit(77)
if not shutil.which("chromium") or not shutil.which("chromedriver"):
    if os.environ.get("CI"):
        sys.exit("chromium and chromium-driver are missing under CI")
    print("skipped: chromium or chromedriver missing (apt-get install chromium chromium-driver)")
    sys.exit(77)

os.makedirs(OUT, exist_ok=True)
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def urbangis(*args):
    result = subprocess.run([URBANGIS, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"urbangis {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


# The page under test: every Daye layer, the communities coloured by complaints, the street-order
# cases' density.
page = os.path.join(OUT, f"daye-{LANG}.html")
urbangis("webmap", "--by", "communities", "--style-by", "complaints_count", "--hotspot", "kde:street_order",
         "--lang", LANG, "--out", page)


def start_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--hide-scrollbars", "--force-color-profile=srgb", f"--lang={'zh-CN' if ZH else 'en-US'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = ChromeService(executable_path=shutil.which("chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def open_page(driver, path, width, height, phone):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})
    driver.get("file://" + os.path.abspath(path))
    # The page marks itself ready when its first frame is drawn.
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-ready') === 'true'"))


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(driver, name):
    path = os.path.join(OUT, name)
    driver.save_screenshot(path)
    return Image.open(path).convert("RGB")


def parse_colour(css):
    return tuple(int(css[i:i + 2], 16) for i in (1, 3, 5, 7))


def blended(colour, under):
    alpha = colour[3] / 255
    return tuple(round(colour[i] * alpha + under[i] * (1 - alpha)) for i in range(3))


def near(image, x, y, colour, radius=3, tolerance=40):
    """Whether a pixel within `radius` of (x, y) has `colour` (RGB)."""
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = int(x) + dx, int(y) + dy
            if 0 <= px < image.width and 0 <= py < image.height:
                pixel = image.getpixel((px, py))
                if sum(abs(pixel[i] - colour[i]) for i in range(3)) <= tolerance:
                    return True
    return False


def set_only_visible(driver, data, layer_id):
    for layer in data["layers"]:
        driver.execute_script("window.urbangis.setVisible(arguments[0], arguments[1])", layer["id"],
                              layer["id"] == layer_id)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.urbangis.state.frames") > 0)


def distance(a, b):
    return sum(abs(a[i] - b[i]) for i in range(3))


def colour_to_check(layer, symbol, background):
    """The colour (RGB over the background) and the spot to look for it: 'anchor' for a fill,
    'vertex' for a stroke (an outline passes through the first vertex); None when the symbol
    draws nothing that stands out from the background."""
    candidates = []
    if layer["kind"] != "line" and symbol["fill"]:
        candidates.append((symbol["fill"], "anchor" if layer["kind"] == "polygon" else "vertex", 1))
    if symbol["width"] > 0:
        # A line thinner than a pixel is drawn faded by antialiasing: as much as its width.
        candidates.append((symbol["stroke"], "vertex", min(1, symbol["width"])))
    for css, spot, coverage in candidates:
        colour = parse_colour(css)
        expected = blended(colour[:3] + (round(colour[3] * coverage),), background)
        if colour[3] >= 120 and distance(expected, background) > 60:
            return css, expected, spot, coverage < 1
    return None


def layer_colours_show_where_the_data_is(driver, data, label, map_background):
    """Each vector layer alone: its symbol's colour where a feature of it is, away from the
    layer's other features; switched off, the colour is gone from there."""
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    panel = driver.execute_script("var p = document.getElementById('panel').getBoundingClientRect();"
                                  "return getComputedStyle(document.getElementById('panel')).display === 'none'"
                                  " ? null : [p.left, p.top, p.right, p.bottom]")
    for layer in data["layers"]:
        if layer["kind"] not in ("point", "line", "polygon") or layer["n"] == 0:
            continue
        if data.get("choropleth") and layer["id"] == data["choropleth"]["layer"]:
            continue  # checked by the month slider
        set_only_visible(driver, data, layer["id"])
        pixels = driver.execute_script("return window.urbangis.featurePixels(arguments[0])", layer["id"])
        anchors = [(p[0], p[1]) for p in pixels if p[6]]
        best = None  # the feature with the most room around its spot
        for f, (ax, ay, vx, vy, w, h, shown) in enumerate(pixels):
            if not shown:
                continue
            cls = layer["cls"][f] if "cls" in layer else -1
            symbol = layer["symbols"][cls] if 0 <= cls < len(layer["symbols"]) else layer["symbol"]
            chosen = colour_to_check(layer, symbol, map_background)
            if not chosen:
                continue
            css, expected, spot, faint = chosen
            x, y = (ax, ay) if spot == "anchor" else (vx, vy)
            if not (20 < x < width - 20 and 20 < y < height - 20):
                continue
            if panel and panel[0] - 10 < x < panel[2] + 10 and panel[1] - 10 < y < panel[3] + 10:
                continue
            if layer["kind"] == "point":
                room = min((abs(ox - x) + abs(oy - y) for i, (ox, oy) in enumerate(anchors) if (ox, oy) != (ax, ay)),
                           default=1000)
            else:
                room = min(w, h)  # a fill needs area, an outline a shape to go round
            if best is None or room > best[0]:
                best = (room, f, x, y, css, expected, faint)
        if best is None:
            # Lines fainter than the eye can name (0.3 px grids): switching the layer off must
            # still change the pixels along them.
            for f, (ax, ay, vx, vy, w, h, shown) in enumerate(pixels):
                if shown and 20 < vx < width - 20 and 20 < vy < height - 20 and not (
                        panel and panel[0] - 10 < vx < panel[2] + 10 and panel[1] - 10 < vy < panel[3] + 10):
                    on = screenshot(driver, f"layer-{label}-{layer['id']}.png")
                    driver.execute_script("window.urbangis.setVisible(arguments[0], false)", layer["id"])
                    off = screenshot(driver, f"layer-{label}-{layer['id']}-off.png")
                    changed = any(distance(on.getpixel((int(vx) + dx, int(vy) + dy)),
                                           off.getpixel((int(vx) + dx, int(vy) + dy))) > 10
                                  for dx in range(-2, 3) for dy in range(-2, 3))
                    check(changed, f"{label}: layer {layer['id']}: switching it off changes nothing at feature {f}")
                    break
            else:
                check(False, f"{label}: layer {layer['id']}: no feature of it inside the view")
            continue
        room, f, x, y, css, expected, faint = best
        tolerance = 90 if faint else 40  # a faint line's pixels are only near its colour
        on = screenshot(driver, f"layer-{label}-{layer['id']}.png")
        shows = near(on, x, y, expected, 2, tolerance)
        driver.execute_script("window.urbangis.setVisible(arguments[0], false)", layer["id"])
        off = screenshot(driver, f"layer-{label}-{layer['id']}-off.png")
        gone = not near(off, x, y, expected, 2, tolerance)
        check(shows, f"{label}: layer {layer['id']}: colour {css} not drawn at feature {f} ({x:.0f}, {y:.0f})")
        check(gone, f"{label}: layer {layer['id']}: colour {css} still there with the layer off ({x:.0f}, {y:.0f})")
    for layer in data["layers"]:
        driver.execute_script("window.urbangis.setVisible(arguments[0], arguments[1])", layer["id"],
                              layer["visible"])


def stats_for(since, until):
    out = os.path.join(OUT, f"stats-{since}.csv")
    args = ["stats", "--by", "communities", "--layers", "complaints", "--out", out]
    if since:
        args += ["--since", since, "--until", until]
    urbangis(*args)
    with open(out, newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    return {row[next(iter(row))]: float(row["complaints_count"] or 0) for row in rows}


def click_zone_opens_its_popup(driver, data, label):
    layer = next(l for l in data["layers"] if l["id"] == "communities")
    name_column = next(i for i, f in enumerate(layer["fields"]) if f["name"] == "name")
    code_column = next(i for i, f in enumerate(layer["fields"]) if f["name"] == "code")
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    map_box = driver.find_element(By.ID, "map")
    for f in range(layer["n"]):
        x, y = driver.execute_script("return window.urbangis.featurePoint('communities', arguments[0])", f)
        if 40 < x < map_box.size["width"] - 40 and 60 < y < height - 60:
            break
    else:
        check(False, f"{label}: no community inside the view to click")
        return None
    # Every layer above the communities off, so the click meets the community; the map still.
    set_only_visible(driver, data, "communities")
    driver.execute_script("window.urbangis.centreOn('communities', arguments[0])", f)
    x, y = driver.execute_script("return window.urbangis.featurePoint('communities', arguments[0])", f)
    ActionChains(driver).move_to_element_with_offset(map_box, int(x - map_box.size["width"] / 2),
                                                     int(y - map_box.size["height"] / 2)).click().perform()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
    # Its text as the page put it (a popup fading in is not "displayed" to the driver yet).
    text = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup-content").get_attribute("textContent")
    name = layer["rows"][f][name_column]
    check(name in text, f"{label}: popup of community {name} shows: {text!r}")
    coordinates = driver.find_element(By.CSS_SELECTOR, ".urbangis-coordinates").get_attribute("textContent")
    check("WGS84" in coordinates and "GCJ-02" in coordinates, f"{label}: clicked coordinates: {coordinates!r}")
    screenshot(driver, f"popup-{label}.png")
    return layer["rows"][f][code_column], text


def month_slider_follows_stats(driver, data, label):
    months = data["months"]
    check(len(months) >= 12, f"{label}: the page has {len(months)} months")
    slider = driver.find_element(By.CSS_SELECTOR, ".urbangis-month")
    driver.execute_script("arguments[0].scrollIntoView()", slider)
    slider.send_keys(Keys.HOME)
    slider.send_keys(Keys.RIGHT, Keys.RIGHT, Keys.RIGHT)  # all months → the third month
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.urbangis.state.ready"))
    month = months[2]
    legend = driver.find_element(
        By.XPATH, "//input[@data-layer='communities']/ancestor::div[1]//div[@class='urbangis-legend-title']"
    ).get_attribute("textContent")
    year, number = map(int, month.split("-"))
    last_day = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][number - 1]
    by_zone = stats_for(f"{month}-01", f"{month}-{last_day:02d}")
    all_year = stats_for("", "")
    total = sum(by_zone.values())
    check(month in legend, f"{label}: the choropleth legend does not name {month}: {legend!r}")
    total_text = f"{total:g}"
    check(legend.replace(",", "").endswith(" " + total_text), f"{label}: legend total is not stats' {total_text}: {legend!r}")
    check(total != sum(all_year.values()), f"{label}: month total equals the year's: nothing to tell apart")
    # The complaints layer lists as many features as stats counts in all communities that month.
    count = driver.execute_script("return window.urbangis.shownCount('complaints')")
    check(count >= total, f"{label}: {count} complaints shown in {month}, stats counts {total:g} in communities")
    # A zone's popup shows its value of the month.
    layer = next(l for l in data["layers"] if l["id"] == "communities")
    period = data["choropleth"]["periods"][3]
    code_column = next(i for i, f in enumerate(layer["fields"]) if f["name"] == "code")
    for f in range(layer["n"]):
        code = str(layer["rows"][f][code_column])
        check(float(period["values"][f] or 0) == by_zone.get(code, 0),
              f"{label}: community {code} in {month}: page {period['values'][f]}, stats {by_zone.get(code)}")
    before = screenshot(driver, f"month-{label}.png")
    slider.send_keys(Keys.HOME)
    after = screenshot(driver, f"month-all-{label}.png")
    check(list(before.getdata()) != list(after.getdata()), f"{label}: the map did not change with the month")


def locate_me_shows_where_the_phone_is(driver, label):
    """Locate me: the browser's position (emulated: a street in Daye) becomes the map's centre
    with a marker."""
    here = {"latitude": 30.0985, "longitude": 114.9752, "accuracy": 25}
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride", here)
    driver.find_element(By.CSS_SELECTOR, ".urbangis-locate").click()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.querySelectorAll('.leaflet-overlay-pane path').length") >= 2)
    centre = driver.execute_script("var c = window.urbangis.map.getCenter(); return [c.lat, c.lng]")
    check(abs(centre[0] - here["latitude"]) < 1e-3 and abs(centre[1] - here["longitude"]) < 1e-3,
          f"{label}: located at {here}, the map is centred on {centre}")
    screenshot(driver, f"locate-{label}.png")


def injection_runs_nothing(driver, label):
    hostile = os.path.join(OUT, "hostile.geojson")
    names = ["<img src=x onerror=\"window.__pwned=1;alert(1)\">", "</script><script>window.__pwned=2</script>",
             "\u2028<b>bold</b>&amp;"]
    features = [{"type": "Feature", "properties": {"name": name, "note": name},
                 "geometry": {"type": "Point", "coordinates": [114.98 + 0.01 * i, 30.1]}}
                for i, name in enumerate(names)]
    with open(hostile, "w", encoding="utf-8") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    page = os.path.join(OUT, "hostile.html")
    urbangis("webmap", hostile, "--title", names[0], "--lang", LANG, "--out", page)
    open_page(driver, page, 1280, 800, False)
    try:
        alert = driver.switch_to.alert
        check(False, f"{label}: an alert ran: {alert.text}")
        alert.dismiss()
    except NoAlertPresentException:
        pass
    check(driver.execute_script("return window.__pwned === undefined"), f"{label}: injected script ran")
    check(driver.execute_script("return document.querySelectorAll('img[src=x], b').length") == 0,
          f"{label}: injected markup became elements")
    check(driver.title == names[0], f"{label}: title shown as {driver.title!r}")
    data = driver.execute_script("return window.urbangis.pageData()")
    layer = next(l for l in data["layers"] if l.get("n"))
    map_box = driver.find_element(By.ID, "map")
    for f, name in enumerate(names):
        driver.execute_script("window.urbangis.map.closePopup(); window.urbangis.centreOn(arguments[0], arguments[1])",
                              layer["id"], f)
        x, y = driver.execute_script("return window.urbangis.featurePoint(arguments[0], arguments[1])", layer["id"], f)
        ActionChains(driver).move_to_element_with_offset(map_box, int(x - map_box.size["width"] / 2),
                                                         int(y - map_box.size["height"] / 2)).click().perform()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
        text = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup-content").get_attribute("textContent")
        check(name.strip("\u2028") in text, f"{label}: popup of {name!r} shows {text!r}")
    check(driver.execute_script("return window.__pwned === undefined"), f"{label}: injected script ran on click")
    check(not console_errors(driver), f"{label}: console errors: {console_errors(driver)}")


def report_embeds_the_map(driver, label):
    """report.html's first map is the web map, drawn inside its frame."""
    folder = os.path.join(OUT, "report")
    urbangis("report", "--year", "2023", "--lang", LANG, "--out", folder)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    driver.get("file://" + os.path.abspath(os.path.join(folder, "report.html")))
    frames = driver.find_elements(By.CSS_SELECTOR, "iframe.webmap")
    check(len(frames) == 1, f"{label}: the report has {len(frames)} web map frames")
    if not frames:
        return
    driver.execute_script("arguments[0].scrollIntoView()", frames[0])
    driver.switch_to.frame(frames[0])
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-ready') === 'true'"))
    data = driver.execute_script("return window.urbangis.pageData()")
    check(data["choropleth"]["column"].endswith("_per_km2"), f"{label}: the report's map colours by {data['choropleth']['column']}")
    check(len(data["months"]) == 12, f"{label}: the report's map has {len(data['months'])} months")
    driver.switch_to.default_content()
    screenshot(driver, f"report-{label}.png")
    check(not console_errors(driver), f"{label}: console errors in the report: {console_errors(driver)}")


driver = start_browser()
try:
    data = None
    for width, height, phone in ((1280, 800, False), (390, 844, True)):
        label = f"{LANG}-{width}x{height}"
        started = time.monotonic()
        open_page(driver, page, width, height, phone)
        print(f"{label}: opened and drawn in {time.monotonic() - started:.2f} s")
        screenshot(driver, f"webmap-{label}.png")
        check(not console_errors(driver), f"{label}: console errors: {console_errors(driver)}")
        data = driver.execute_script("return window.urbangis.pageData()")
        background = (0xF2, 0xEF, 0xE9)  # #map's background where nothing is drawn
        if phone:
            # The panel opens over the map from its button; the map stays usable under it.
            toggle = driver.find_element(By.ID, "panel-toggle")
            check(toggle.is_displayed(), f"{label}: no panel button on a phone")
            check(not driver.find_element(By.ID, "panel").is_displayed(), f"{label}: panel covers the map at first")
        layer_colours_show_where_the_data_is(driver, data, label, background)
        click_zone_opens_its_popup(driver, data, label)
        driver.find_element(By.CSS_SELECTOR, ".leaflet-popup-close-button").click()
        for layer in data["layers"]:
            driver.execute_script("window.urbangis.setVisible(arguments[0], arguments[1])", layer["id"],
                                  layer["visible"])
        if phone:
            locate_me_shows_where_the_phone_is(driver, label)
            toggle.click()
            check(driver.find_element(By.ID, "panel").is_displayed(), f"{label}: the button did not open the panel")
            screenshot(driver, f"webmap-{label}-panel.png")
        month_slider_follows_stats(driver, data, label)
        check(not console_errors(driver), f"{label}: console errors: {console_errors(driver)}")
    injection_runs_nothing(driver, LANG)
    report_embeds_the_map(driver, LANG)
finally:
    driver.quit()

if failures:
    sys.exit(f"{len(failures)} checks failed")
print("all checks passed; screenshots in", OUT)

#!/usr/bin/python3
"""Checks the shipped catalogs and styles against their JSON Schemas, that the catalog schema
refuses what the loader refuses, and that schema and loader know the same keys.
Exit 77 (CTest: skipped) when python3-jsonschema is missing, unless CI=true."""
import glob
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

root = sys.argv[1]
failures = []


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    schema = load(os.path.join(root, "docs", name))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema, jsonschema.Draft202012Validator(schema)


catalog_schema, catalog = validator("catalog.schema.json")
_, style = validator("style.schema.json")

for path in sorted(glob.glob(os.path.join(root, "layers", "*.json"))):
    document = load(path)
    if not isinstance(document.get("layers"), list):
        continue  # not a catalog (e.g. the class mapping, whose "layers" is an object)
    for error in catalog.iter_errors(document):
        failures.append(f"{path}: {error.json_path}: {error.message}")
for path in sorted(glob.glob(os.path.join(root, "styles", "*.json"))):
    for error in style.iter_errors(load(path)):
        failures.append(f"{path}: {error.json_path}: {error.message}")

# Every style a catalog names exists.
for path in sorted(glob.glob(os.path.join(root, "layers", "*.json"))):
    layers = load(path).get("layers", [])
    for layer in layers if isinstance(layers, list) else []:
        if "style" in layer and not os.path.exists(os.path.join(root, "styles", layer["style"])):
            failures.append(f"{path}: layer {layer['id']}: style {layer['style']} not in styles/")

# The schema refuses what the loader refuses.
good = {"id": "a", "title": "A", "role": "points", "source": "a.csv"}
bad_catalogs = {
    "unknown key": {"layers": [dict(good, category_fiel="type")]},
    "unknown role": {"layers": [dict(good, role="zone")]},
    "buffer_m on points": {"layers": [dict(good, buffer_m=15)]},
    "x without y": {"layers": [dict(good, x="lon")]},
    "missing source": {"layers": [{k: v for k, v in good.items() if k != "source"}]},
    "bad id": {"layers": [dict(good, id="Bad-Id")]},
    "empty layers": {"layers": []},
    "bad crs": {"layers": [dict(good, crs="Beijing54")]},
    "unknown time_format": {"layers": [dict(good, time_format="%m/%d/%Y")]},
    "time_zone not a string": {"time_zone": 8, "layers": [good]},
    "time_format on zones": {"layers": [dict(good, role="zones", time_format="DD/MM/YYYY")]},
}
for what, document in bad_catalogs.items():
    if catalog.is_valid(document):
        failures.append(f"catalog schema accepts a catalog with {what}")
if not catalog.is_valid({"crs": "epsg:4547", "time_zone": "America/New_York",
                         "layers": [dict(good, crs="gcj-02", x="lon", y="lat", time_format="DD/MM/YYYY")]}):
    failures.append("catalog schema refuses a valid catalog")

# Schema and loader know the same layer keys.
with open(os.path.join(root, "src", "io", "catalog", "catalog_loader.cpp"), encoding="utf-8") as f:
    source = f.read()
block = re.search(r"kLayerKeys = \{(.*?)\};", source, re.S).group(1)
loader_keys = set(re.findall(r'"([a-z_$]+)"', block))
layer_schema = catalog_schema["$defs"]["layer"] if "$defs" in catalog_schema else None
if layer_schema is None:
    failures.append("catalog schema has no $defs.layer")
else:
    schema_keys = set(layer_schema["properties"])
    if schema_keys != loader_keys:
        failures.append(f"layer keys differ: schema only {sorted(schema_keys - loader_keys)}, "
                        f"loader only {sorted(loader_keys - schema_keys)}")

for failure in failures:
    print("FAIL:", failure)
print(f"{'FAILED' if failures else 'OK'}: catalogs and styles checked against their schemas")
sys.exit(1 if failures else 0)

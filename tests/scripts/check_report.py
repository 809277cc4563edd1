#!/usr/bin/python3
"""Checks a folder written by `urbangis report`: report.html holds the headline figures and the
table headers; report.pdf is A4 with text (pdftotext, NFKC-normalised: poppler returns some CJK
characters as Kangxi radicals, e.g. 大 as U+2F24) holding the title and the same figures;
report.odt (read as the zip of XML it is) holds them too, with its tables as tables and every chart
and map as a picture of at least 200 dpi at the size it is placed.

usage: check_report.py DIR zh|en
"""
import re
import struct
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
import zipfile

folder, language = sys.argv[1], sys.argv[2]

# The figures of ../shared/seed/FIGURES.md as the report prints them.
EXPECTED = {
    "zh": {
        "title": "大冶市城市管理执法 2023 年度数据报告",
        "figures": ["840 件", "罚款 148,435", "城区拆除 188", "面积 46,574 m²", "乡镇指导 21", "面积 20,000 m²",
                    "停工通知书 25", "移交函 23", "批示件 12", "774 件", "灯箱 730", "墙体 18", "高空 12", "雨棚 8",
                    "路铭牌 6", "72 件", "184 件", "办理 184/184 (100%)", "满意 184/184 (100%)", "1,139 件",
                    "店外经营 374", "临时摊点 285", "夜市摊位 190", "道路 25", "社区 40", "规整线缆 250,000 m",
                    "更换光缆 21,000 m", "拆除钢绞线 11,000 m", "清理废弃线缆 20,000 m", "限高牌 30"],
        "tables": ["按乡镇街道统计：数量（2023 年）", "按社区统计：密度与覆盖率（2023 年）",
                   "按村统计：数量（2023 年）", "按村居统计：密度与覆盖率（2023 年）", "面积 km²", "市容秩序案件",
                   "东岳路街道", "合计"],
        "pdf": ["大冶市城市管理执法 2023 年度数据报告", "一、主要数据", "二、月度趋势", "三、专题地图", "四、分区统计",
                "图 1", "图 2", "图 3", "图例"],
    },
    "en": {
        "title": "Daye urban management: annual report 2023",
        "figures": ["840 cases", "fines 148,435 yuan", "Urban demolition 188", "area 46,574 m²",
                    "Town-guided demolition 21", "area 20,000 m²", "stop-work notices 25", "referral letters 23",
                    "774 cases", "Light box 730", "184 cases", "handled 184/184 (100%)", "1,139 cases",
                    "Trading outside the shop 374", "Temporary stalls 285", "Night-market stalls 190", "道路 25",
                    "社区 40", "cable bundled 250,000 m", "optical cable replaced 21,000 m", "height-limit signs 30"],
        "tables": ["By Towns and streets: counts, 2023", "By Communities: densities and coverage, 2023",
                   "By Villages: counts, 2023", "By Villages and communities: densities and coverage, 2023", "Area km²",
                   "Street-order cases", "Total"],
        "pdf": ["Daye urban management: annual report 2023", "1. Headline figures", "2. Monthly trends", "3. Maps",
                "4. Tables by zone", "Figure 1", "Figure 2", "Figure 3", "Legend"],
    },
}[language]

failures = []


def squeeze(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


html = open(f"{folder}/report.html", encoding="utf-8").read()
if f"<title>{EXPECTED['title']}</title>" not in html:
    failures.append(f"report.html: no <title>{EXPECTED['title']}</title>")
for needle in EXPECTED["figures"] + EXPECTED["tables"]:
    if needle not in html:
        failures.append(f"report.html: missing {needle!r}")
if html.count("data:image/png;base64,") < 3 + 8:
    failures.append("report.html: expected 8 charts and 3 maps embedded as PNG")
# Two tables (counts, then densities) for each zones layer of at most 1,000 zones: districts,
# communities, villages, neighbourhoods.
if html.count("<table>") != 8:
    failures.append(f"report.html: expected 8 tables, found {html.count('<table>')}")

text = subprocess.run(["pdftotext", "-enc", "UTF-8", f"{folder}/report.pdf", "-"], check=True,
                      capture_output=True).stdout.decode("utf-8")
flat = squeeze(text)
for needle in EXPECTED["pdf"] + EXPECTED["figures"] + EXPECTED["tables"]:
    if squeeze(needle) not in flat:
        failures.append(f"report.pdf: pdftotext does not find {needle!r}")
info = subprocess.run(["pdfinfo", f"{folder}/report.pdf"], check=True, capture_output=True).stdout.decode()
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
# About 20 pages of figures, charts, maps and district and community tables, and some 24 more
# for the tables of Daye's 360 villages and 431 neighbourhoods.
if not 5 <= pages <= 50:
    failures.append(f"report.pdf: {pages} pages")
if not size or abs(float(size.group(1)) - 595.3) > 2 or abs(float(size.group(2)) - 841.9) > 2:
    failures.append(f"report.pdf: not A4 portrait ({size.group(0) if size else info})")
fonts = subprocess.run(["pdffonts", f"{folder}/report.pdf"], check=True, capture_output=True).stdout.decode()
if "NotoSansCJK" not in fonts.replace(" ", ""):
    failures.append("report.pdf: Noto Sans CJK is not embedded:\n" + fonts)

ODF = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
       "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
       "xlink": "http://www.w3.org/1999/xlink"}
with zipfile.ZipFile(f"{folder}/report.odt") as odt:
    if odt.read("mimetype") != b"application/vnd.oasis.opendocument.text":
        failures.append("report.odt: not an OpenDocument text")
    content = ElementTree.fromstring(odt.read("content.xml"))
    odt_text = squeeze("".join(content.itertext()))
    for needle in [EXPECTED["title"]] + EXPECTED["figures"] + EXPECTED["tables"]:
        if squeeze(needle) not in odt_text:
            failures.append(f"report.odt: missing {needle!r}")
    tables = content.findall(".//table:table", ODF)
    if len(tables) != 8:
        failures.append(f"report.odt: expected 8 tables, found {len(tables)}")
    frames = content.findall(".//draw:frame", ODF)
    if len(frames) < 3 + 8:
        failures.append(f"report.odt: expected 8 charts and 3 maps as pictures, found {len(frames)}")
    units = {"cm": 1 / 2.54, "mm": 1 / 25.4, "in": 1, "pt": 1 / 72}
    for frame in frames:
        image = frame.find("draw:image", ODF)
        name = image.get(f"{{{ODF['xlink']}}}href") if image is not None else None
        if not name or name not in odt.namelist():
            failures.append(f"report.odt: a picture without its file ({name})")
            continue
        png = odt.read(name)
        pixels = struct.unpack(">I", png[16:20])[0] if png[:8] == b"\x89PNG\r\n\x1a\n" else 0
        placed = frame.get(f"{{{ODF['svg']}}}width", "")
        width = re.fullmatch(r"([\d.]+)(cm|mm|in|pt)", placed)
        inches = float(width.group(1)) * units[width.group(2)] if width else 0
        if not inches or pixels / inches < 199.5:
            failures.append(f"report.odt: {name} is {pixels} px over {placed!r} ({pixels / inches if inches else 0:.0f} dpi)")

for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)

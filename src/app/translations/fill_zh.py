#!/usr/bin/env python3
"""Fills the Chinese translations of urbangis_zh_CN.ts after lupdate added new strings.

Run after `cmake --build --preset default --target update_translations`; strings without a
translation here stay unfinished (Qt shows the English) and are listed.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "Field": "字段", "Value": "值", "%n feature(s)": "%n 个要素", "feature %1": "要素 %1",
    "failed": "加载失败", "loading…": "加载中…", "raster": "栅格", "Zoom to layer": "缩放到图层",
    "Opacity…": "透明度…", "Opacity": "透明度", "Opacity (%):": "不透明度（%）：",
    "Layer %1 could not be loaded: %2": "图层 %1 无法加载：%2", "%n feature(s) found": "找到 %n 个要素",
    "Open catalog": "打开图层目录", "Catalogs (*.json)": "图层目录 (*.json)", "Export map": "导出地图",
    "Images and PDF (*.png *.pdf)": "图片和 PDF (*.png *.pdf)", "&File": "文件(&F)",
    "&Open catalog…": "打开图层目录(&O)…", "Open &recent": "最近打开(&R)", "&Export map…": "导出地图(&E)…",
    "&Quit": "退出(&Q)", "&View": "视图(&V)", "Zoom to &full extent": "全图显示(&F)", "Zoom &in": "放大(&I)",
    "Zoom &out": "缩小(&O)", "&Pan": "平移(&P)", "Zoom to &box": "框选放大(&B)", "&Identify": "要素查询(&I)",
    "Show &GCJ-02 coordinates": "显示 GCJ-02 坐标(&G)", "&Language": "语言(&L)", "Layers": "图层",
    "Legend": "图例", "Identify": "要素查询", "UrbanGIS": "UrbanGIS 城管地理信息系统",
    "UrbanGIS — %1": "UrbanGIS 城管地理信息系统 — %1", "Cannot open the catalog": "无法打开图层目录",
    "Scale 1:%1": "比例尺 1:%1", "No catalog is open": "尚未打开图层目录", "Wrote %1": "已写出 %1",
}

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("urbangis_zh_CN.ts"))
tree = ET.parse(path)
missing = []
for message in tree.iter("message"):
    source = message.findtext("source")
    translation = message.find("translation")
    if source not in ZH:
        missing.append(source)
        continue
    numerus = message.get("numerus") == "yes"
    for child in list(translation):
        translation.remove(child)
    translation.attrib.pop("type", None)
    if numerus:
        ET.SubElement(translation, "numerusform").text = ZH[source]
        translation.text = None
    else:
        translation.text = ZH[source]
tree.write(path, encoding="utf-8", xml_declaration=True)
if missing:
    print("untranslated:", *missing, sep="\n  ")

#!/usr/bin/env python3
"""Fills the Chinese translations of urbangis_zh_CN.ts after lupdate added new strings.

Run after `cmake --build --preset default --target update_translations`; strings without a
translation here stay unfinished (Qt shows the English) and are listed.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "%1: the data declares no CRS; drawn as %2 until you choose": "%1：数据未声明坐标系，在您选定之前按 %2 绘制",
    "The data declares no CRS. Its coordinates suggest the ones listed, and it is drawn in the first until you choose the one it was made in.":
        "数据未声明坐标系。按其坐标推测可能是下列之一，在您选定数据实际所用的坐标系之前，按第一个绘制。",
    "Add PostGIS layers": "添加 PostGIS 图层", "Add &PostGIS layers…": "添加 PostGIS 图层(&P)…",
    "every schema": "所有模式", "Host": "主机", "Port": "端口", "Database": "数据库", "User": "用户",
    "Password": "密码", "Schema": "模式",
    "The password is used for this session only and never written to the catalog; to open the catalog later, keep it in ~/.pgpass.":
        "密码仅在本次会话中使用，不会写入图层目录；以后要再打开该目录，请将密码保存在 ~/.pgpass 中。",
    "Not drawn: %1": "未能绘制：%1",
    "Add layers": "添加图层",
    "Layers found; untick those not to add. The role can be changed later in the layer's properties.":
        "找到以下图层；取消勾选不需添加的。角色之后可在图层属性中修改。",
    "Layer": "图层", "Role": "角色", "Why": "依据", "Left out:": "未添加：",
    "Layer properties — %1": "图层属性 — %1", "Id": "标识", "Source": "数据源", "(none)": "（无）",
    "from the file": "取自文件", "CRS": "坐标系", "as the catalog says": "按图层目录", "chosen by you": "由您选定",
    "No layer added: %1": "未添加图层：%1", "%n layer(s) added": "已添加 %n 个图层", "Save catalog": "保存图层目录",
    "Saved %1": "已保存 %1", "Layer properties": "图层属性", "Save catalog as": "图层目录另存为",
    "Data files (*.gpkg *.shp *.zip *.geojson *.json *.kml *.kmz *.fgb *.gpx *.csv *.xlsx);;All files (*)":
        "数据文件 (*.gpkg *.shp *.zip *.geojson *.json *.kml *.kmz *.fgb *.gpx *.csv *.xlsx);;所有文件 (*)",
    "Add a folder of layers": "添加文件夹中的图层", "&Add layers…": "添加图层(&A)…",
    "Add a &folder of layers…": "添加文件夹中的图层(&F)…", "&Save catalog": "保存图层目录(&S)",
    "Save catalog &as…": "图层目录另存为(&A)…", "Properties…": "属性…",
    "Counting by zone for %1…": "正在按分区统计 %1…", "Time": "时间", "%1 per month in %2": "%2 逐月%1",
    "%1 per month in %2 (features loaded around the view)": "%2 逐月%1（仅视图周围已读取的要素）",
    "%1: more than %2 features in view; the first %2 are drawn. Zoom in to see all.":
        "%1：视图中要素超过 %2 个，只绘制了前 %2 个；放大可查看全部。",
    "Month": "月份", "Show one month's points (arrow keys step a month)": "只显示某月的点（方向键逐月切换）",
    "All": "全部", "Select a zone on the map or in the table to see its monthly trend": "在地图或属性表中选中一个分区，查看其逐月趋势",
    "Field": "字段", "Value": "值", "%n feature(s)": "%n 个要素", "feature %1": "要素 %1",
    "failed": "加载失败", "loading…": "加载中…", "raster": "栅格", "Zoom to layer": "缩放到图层",
    "Opacity…": "透明度…", "Opacity": "透明度", "Opacity (%):": "不透明度（%）：",
    "Layer %1 could not be loaded: %2": "图层 %1 无法加载：%2", "%n feature(s) found": "找到 %n 个要素",
    "Export web map": "导出网页地图", "Export &web map…": "导出网页地图(&W)…", "Web page (*.html)": "网页 (*.html)",
    "Writing the web map…": "正在写出网页地图…", "Wrote the web map": "已写出网页地图",
    "Cannot make a temporary folder": "无法创建临时文件夹",
    "Open catalog": "打开图层目录", "Catalogs (*.json)": "图层目录 (*.json)", "Export map": "导出地图",
    "Images and PDF (*.png *.pdf)": "图片和 PDF (*.png *.pdf)", "&File": "文件(&F)",
    "&Open catalog…": "打开图层目录(&O)…", "Open &recent": "最近打开(&R)", "&Export map…": "导出地图(&E)…",
    "&Quit": "退出(&Q)", "&View": "视图(&V)", "Zoom to &full extent": "全图显示(&F)", "Zoom &in": "放大(&I)",
    "Zoom &out": "缩小(&O)", "&Pan": "平移(&P)", "Zoom to &box": "框选放大(&B)", "&Identify": "要素查询(&I)",
    "Show &GCJ-02 coordinates": "显示 GCJ-02 坐标(&G)", "&Language": "语言(&L)", "Layers": "图层",
    "Legend": "图例", "Identify": "要素查询", "UrbanGIS": "UrbanGIS 城管地理信息系统",
    "UrbanGIS — %1": "UrbanGIS 城管地理信息系统 — %1", "Cannot open the catalog": "无法打开图层目录",
    "Scale 1:%1": "比例尺 1:%1", "No catalog is open": "尚未打开图层目录", "Wrote %1": "已写出 %1",
    "Filter, e.g. status = '待整治' AND bundled_m > 1000": "筛选，例如 status = '待整治' AND bundled_m > 1000",
    "Zoom to selection": "缩放到所选", "Export…": "导出…", "No layer": "没有图层",
    "%1 of %2 features": "%1 / %2 个要素", "Export layer": "导出图层",
    "GeoJSON, GeoPackage, CSV, Shapefile (*.geojson *.gpkg *.csv *.shp)":
        "GeoJSON、GeoPackage、CSV、Shapefile (*.geojson *.gpkg *.csv *.shp)",
    'Nothing found for "%1"': "未找到“%1”", "&Select by box": "框选要素(&S)", "&Measure": "量算(&M)",
    "Select by pol&ygon": "多边形选择(&Y)",
    "Select by polygon: click the corners, double-click or Enter to close, Esc to cancel":
        "多边形选择：依次点击顶点，双击或按回车闭合，按 Esc 取消",
    "The map could not be drawn: %1": "地图无法绘制：%1", "Number of classes": "分级数",
    "Find a district, community or grid…": "查找乡镇街道、社区或网格…", "Attribute table": "属性表",
    "%n feature(s) selected": "已选择 %n 个要素", "Length %1 m": "长度 %1 米",
    ", area %1 m² (closed)": "，面积 %1 平方米（闭合）", " — ellipsoidal": " — 椭球面量算",
    " — double-click to finish": " — 双击结束",
    "&Route": "路线(&R)", "Route": "路线", "From": "起点", "To": "终点", "Via": "途经点",
    "Corridors": "整治路段图层", "Filter": "筛选", "Tour along the corridors": "规划巡查线路",
    "Clear": "清除", "click the map, or LON,LAT": "在地图上点选，或输入 经度,纬度",
    "more clicks add vias; LON,LAT;LON,LAT": "继续点选添加途经点；经度,纬度;经度,纬度",
    "Routing…": "正在计算路线…", "Route %1": "路线 %1", "Planning the tour…": "正在规划巡查线路…",
    "Tour %1: %2 along corridors, %3 between them": "巡查线路 %1：整治段 %2，空驶 %3",
    "Statistics by zone": "分区统计", "Hot spots": "热点分析", "Cancel": "取消", "Kernel density": "核密度",
    "Gi* hot spots (500 m hexagons)": "Gi* 热点（500 米六边形）", "Zones": "分区图层", "Map": "专题图",
    "Points": "点图层", "Method": "方法", "Counting by zone…": "正在分区统计…", "Cancelled": "已取消",
    "Looking for hot spots…": "正在分析热点…", "%1 zones": "%1 个分区", "Analysis": "分析",
    "Natural breaks (Jenks)": "自然断点（Jenks）", "Quantiles": "分位数", "Equal intervals": "等间距",
    "Classes": "分级方法", "Colours": "配色",
    "Export route": "导出路线", "GeoJSON, GPX, GeoPackage (*.geojson *.gpx *.gpkg)": "GeoJSON、GPX、GeoPackage (*.geojson *.gpx *.gpkg)",
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

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>urbangis::viewer::AttributeTable</name>
    <message>
        <location filename="../attribute_table.cpp" line="58" />
        <source>Filter, e.g. status = '待整治' AND bundled_m &gt; 1000</source>
        <translation>筛选，例如 status = '待整治' AND bundled_m &gt; 1000</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="60" />
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="61" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="128" />
        <source>No layer</source>
        <translation>没有图层</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="151" />
        <source>%1 of %2 features</source>
        <translation>%1 / %2 个要素</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="183" />
        <location filename="../attribute_table.cpp" line="196" />
        <source>Export layer</source>
        <translation>导出图层</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="184" />
        <source>GeoJSON, GeoPackage, CSV, Shapefile (*.geojson *.gpkg *.csv *.shp)</source>
        <translation>GeoJSON、GeoPackage、CSV、Shapefile (*.geojson *.gpkg *.csv *.shp)</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="194" />
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::IdentifyPanel</name>
    <message>
        <location filename="../identify_panel.cpp" line="13" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../identify_panel.cpp" line="13" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message numerus="yes">
        <location filename="../identify_panel.cpp" line="26" />
        <source>%n feature(s)</source>
        <translation><numerusform>%n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../identify_panel.cpp" line="29" />
        <source>feature %1</source>
        <translation>要素 %1</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::LayerPanel</name>
    <message>
        <location filename="../layer_panel.cpp" line="60" />
        <source>failed</source>
        <translation>加载失败</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="61" />
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="62" />
        <source>raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="96" />
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="97" />
        <source>Opacity…</source>
        <translation>透明度…</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="100" />
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="100" />
        <source>Opacity (%):</source>
        <translation>不透明度（%）：</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::MainWindow</name>
    <message>
        <location filename="../main_window.cpp" line="71" />
        <source>Layer %1 could not be loaded: %2</source>
        <translation>图层 %1 无法加载：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="93" />
        <source>%n feature(s) found</source>
        <translation><numerusform>找到 %n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="110" />
        <source>Open catalog</source>
        <translation>打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="110" />
        <source>Catalogs (*.json)</source>
        <translation>图层目录 (*.json)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="116" />
        <location filename="../main_window.cpp" line="120" />
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="117" />
        <source>Images and PDF (*.png *.pdf)</source>
        <translation>图片和 PDF (*.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="175" />
        <source>Nothing found for "%1"</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="181" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="182" />
        <source>&amp;Open catalog…</source>
        <translation>打开图层目录(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="183" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="184" />
        <source>&amp;Export map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="185" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="186" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="187" />
        <source>Zoom to &amp;full extent</source>
        <translation>全图显示(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="188" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="189" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="190" />
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="191" />
        <source>Zoom to &amp;box</source>
        <translation>框选放大(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="192" />
        <source>&amp;Identify</source>
        <translation>要素查询(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="193" />
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="194" />
        <source>&amp;Measure</source>
        <translation>量算(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="195" />
        <source>Find a district, community or grid…</source>
        <translation>查找乡镇街道、社区或网格…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="196" />
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="197" />
        <source>Show &amp;GCJ-02 coordinates</source>
        <translation>显示 GCJ-02 坐标(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="198" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="199" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="200" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="201" />
        <source>Identify</source>
        <translation>要素查询</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="202" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="202" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="204" />
        <source>UrbanGIS</source>
        <translation>UrbanGIS 城管地理信息系统</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="204" />
        <source>UrbanGIS — %1</source>
        <translation>UrbanGIS 城管地理信息系统 — %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="232" />
        <source>Cannot open the catalog</source>
        <translation>无法打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="299" />
        <source>Scale 1:%1</source>
        <translation>比例尺 1:%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="303" />
        <source>No catalog is open</source>
        <translation>尚未打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="322" />
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="432" />
        <source>%n feature(s) selected</source>
        <translation><numerusform>已选择 %n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="456" />
        <source>Length %1 m</source>
        <translation>长度 %1 米</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="457" />
        <source>, area %1 m² (closed)</source>
        <translation>，面积 %1 平方米（闭合）</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="458" />
        <source> — ellipsoidal</source>
        <translation> — 椭球面量算</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="458" />
        <source> — double-click to finish</source>
        <translation> — 双击结束</translation>
    </message>
</context>
</TS>
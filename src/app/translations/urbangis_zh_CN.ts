<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
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
        <location filename="../main_window.cpp" line="57" />
        <source>Layer %1 could not be loaded: %2</source>
        <translation>图层 %1 无法加载：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="77" />
        <source>%n feature(s) found</source>
        <translation><numerusform>找到 %n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="88" />
        <source>Open catalog</source>
        <translation>打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="88" />
        <source>Catalogs (*.json)</source>
        <translation>图层目录 (*.json)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="94" />
        <location filename="../main_window.cpp" line="98" />
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="95" />
        <source>Images and PDF (*.png *.pdf)</source>
        <translation>图片和 PDF (*.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="146" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="147" />
        <source>&amp;Open catalog…</source>
        <translation>打开图层目录(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="148" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="149" />
        <source>&amp;Export map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="150" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="151" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="152" />
        <source>Zoom to &amp;full extent</source>
        <translation>全图显示(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="153" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="154" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="155" />
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="156" />
        <source>Zoom to &amp;box</source>
        <translation>框选放大(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="157" />
        <source>&amp;Identify</source>
        <translation>要素查询(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="158" />
        <source>Show &amp;GCJ-02 coordinates</source>
        <translation>显示 GCJ-02 坐标(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="159" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="160" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="161" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="162" />
        <source>Identify</source>
        <translation>要素查询</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="163" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="163" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="165" />
        <source>UrbanGIS</source>
        <translation>UrbanGIS 城管地理信息系统</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="165" />
        <source>UrbanGIS — %1</source>
        <translation>UrbanGIS 城管地理信息系统 — %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="193" />
        <source>Cannot open the catalog</source>
        <translation>无法打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="259" />
        <source>Scale 1:%1</source>
        <translation>比例尺 1:%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="263" />
        <source>No catalog is open</source>
        <translation>尚未打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="282" />
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
</context>
</TS>
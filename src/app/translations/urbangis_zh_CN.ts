<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>urbangis::viewer::AddLayersDialog</name>
    <message>
        <location filename="../add_layers_dialog.cpp" line="15" />
        <source>Add layers</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <location filename="../add_layers_dialog.cpp" line="17" />
        <source>Layers found; untick those not to add. The role can be changed later in the layer's properties.</source>
        <translation>找到以下图层；取消勾选不需添加的。角色之后可在图层属性中修改。</translation>
    </message>
    <message>
        <location filename="../add_layers_dialog.cpp" line="21" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../add_layers_dialog.cpp" line="21" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../add_layers_dialog.cpp" line="21" />
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../add_layers_dialog.cpp" line="39" />
        <source>Left out:</source>
        <translation>未添加：</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::AnalysisPanel</name>
    <message>
        <location filename="../analysis_panel.cpp" line="157" />
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点（Jenks）</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="158" />
        <source>Quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="159" />
        <source>Equal intervals</source>
        <translation>等间距</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="154" />
        <source>Statistics by zone</source>
        <translation>分区统计</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="155" />
        <source>Hot spots</source>
        <translation>热点分析</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="156" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="160" />
        <source>Kernel density</source>
        <translation>核密度</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="161" />
        <source>Gi* hot spots (500 m hexagons)</source>
        <translation>Gi* 热点（500 米六边形）</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="162" />
        <source>Zones</source>
        <translation>分区图层</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="163" />
        <source>Map</source>
        <translation>专题图</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="164" />
        <source>Classes</source>
        <translation>分级方法</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="165" />
        <source>Colours</source>
        <translation>配色</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="166" />
        <source>Number of classes</source>
        <translation>分级数</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="167" />
        <source>Points</source>
        <translation>点图层</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="168" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="201" />
        <source>Counting by zone for %1…</source>
        <translation>正在按分区统计 %1…</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="202" />
        <source>Counting by zone…</source>
        <translation>正在分区统计…</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="215" />
        <location filename="../analysis_panel.cpp" line="264" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="249" />
        <source>Looking for hot spots…</source>
        <translation>正在分析热点…</translation>
    </message>
    <message>
        <location filename="../analysis_panel.cpp" line="336" />
        <source>%1 zones</source>
        <translation>%1 个分区</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::AttributeTable</name>
    <message>
        <location filename="../attribute_table.cpp" line="97" />
        <source>Filter, e.g. status = '待整治' AND bundled_m &gt; 1000</source>
        <translation>筛选，例如 status = '待整治' AND bundled_m &gt; 1000</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="98" />
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="99" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="136" />
        <location filename="../attribute_table.cpp" line="201" />
        <source>No layer</source>
        <translation>没有图层</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="159" />
        <source>%1 of %2 features</source>
        <translation>%1 / %2 个要素</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="192" />
        <location filename="../attribute_table.cpp" line="196" />
        <source>Export layer</source>
        <translation>导出图层</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="193" />
        <source>GeoJSON, GeoPackage, CSV, Shapefile (*.geojson *.gpkg *.csv *.shp)</source>
        <translation>GeoJSON、GeoPackage、CSV、Shapefile (*.geojson *.gpkg *.csv *.shp)</translation>
    </message>
    <message>
        <location filename="../attribute_table.cpp" line="211" />
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
        <location filename="../identify_panel.cpp" line="28" />
        <source>%n feature(s)</source>
        <translation><numerusform>%n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../identify_panel.cpp" line="31" />
        <source>feature %1</source>
        <translation>要素 %1</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::LayerPanel</name>
    <message>
        <location filename="../layer_panel.cpp" line="62" />
        <source>failed</source>
        <translation>加载失败</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="64" />
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="66" />
        <source>raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="102" />
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="103" />
        <source>Opacity…</source>
        <translation>透明度…</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="106" />
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="106" />
        <source>Opacity (%):</source>
        <translation>不透明度（%）：</translation>
    </message>
    <message>
        <location filename="../layer_panel.cpp" line="110" />
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::LayerPropertiesDialog</name>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="58" />
        <source>Layer properties — %1</source>
        <translation>图层属性 — %1</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="60" />
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="63" />
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="70" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="77" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="86" />
        <source>from the file</source>
        <translation>取自文件</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="93" />
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="95" />
        <source>The data declares no CRS. Its coordinates suggest the ones listed, and it is drawn in the first until you choose the one it was made in.</source>
        <translation>数据未声明坐标系。按其坐标推测可能是下列之一，在您选定数据实际所用的坐标系之前，按第一个绘制。</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="113" />
        <source>as the catalog says</source>
        <translation>按图层目录</translation>
    </message>
    <message>
        <location filename="../layer_properties_dialog.cpp" line="114" />
        <source>chosen by you</source>
        <translation>由您选定</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::MainWindow</name>
    <message>
        <location filename="../main_window.cpp" line="99" />
        <source>Layer %1 could not be loaded: %2</source>
        <translation>图层 %1 无法加载：%2</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="154" />
        <source>%1: more than %2 features in view; the first %2 are drawn. Zoom in to see all.</source>
        <translation>%1：视图中要素超过 %2 个，只绘制了前 %2 个；放大可查看全部。</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="162" />
        <source>%n feature(s) found</source>
        <translation><numerusform>找到 %n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="171" />
        <source>The map could not be drawn: %1</source>
        <translation>地图无法绘制：%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="174" />
        <source>Not drawn: %1</source>
        <translation>未能绘制：%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="201" />
        <source>Open catalog</source>
        <translation>打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="201" />
        <location filename="../main_window.cpp" line="224" />
        <location filename="../main_window_layers.cpp" line="176" />
        <source>Catalogs (*.json)</source>
        <translation>图层目录 (*.json)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="208" />
        <location filename="../main_window_layers.cpp" line="59" />
        <location filename="../main_window_layers.cpp" line="102" />
        <source>Add layers</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="209" />
        <source>Data files (*.gpkg *.shp *.zip *.geojson *.json *.kml *.kmz *.fgb *.gpx *.csv *.xlsx);;All files (*)</source>
        <translation>数据文件 (*.gpkg *.shp *.zip *.geojson *.json *.kml *.kmz *.fgb *.gpx *.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="216" />
        <source>Add a folder of layers</source>
        <translation>添加文件夹中的图层</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="224" />
        <source>Save catalog as</source>
        <translation>图层目录另存为</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="230" />
        <location filename="../main_window.cpp" line="234" />
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="231" />
        <source>Images and PDF (*.png *.pdf)</source>
        <translation>图片和 PDF (*.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="237" />
        <location filename="../main_window.cpp" line="242" />
        <source>Export web map</source>
        <translation>导出网页地图</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="238" />
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="242" />
        <location filename="../main_window_webmap.cpp" line="109" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="311" />
        <source>Nothing found for "%1"</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="317" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="318" />
        <source>&amp;Open catalog…</source>
        <translation>打开图层目录(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="319" />
        <source>&amp;Add layers…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="320" />
        <source>Add a &amp;folder of layers…</source>
        <translation>添加文件夹中的图层(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="321" />
        <source>Add &amp;PostGIS layers…</source>
        <translation>添加 PostGIS 图层(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="322" />
        <source>&amp;Save catalog</source>
        <translation>保存图层目录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="323" />
        <source>Save catalog &amp;as…</source>
        <translation>图层目录另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="324" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="325" />
        <source>&amp;Export map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="326" />
        <source>Export &amp;web map…</source>
        <translation>导出网页地图(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="327" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="328" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="329" />
        <source>Zoom to &amp;full extent</source>
        <translation>全图显示(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="330" />
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="331" />
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="332" />
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="333" />
        <source>Zoom to &amp;box</source>
        <translation>框选放大(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="334" />
        <source>&amp;Identify</source>
        <translation>要素查询(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="335" />
        <source>&amp;Select by box</source>
        <translation>框选要素(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="336" />
        <source>Select by pol&amp;ygon</source>
        <translation>多边形选择(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="338" />
        <source>Select by polygon: click the corners, double-click or Enter to close, Esc to cancel</source>
        <translation>多边形选择：依次点击顶点，双击或按回车闭合，按 Esc 取消</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="339" />
        <source>&amp;Measure</source>
        <translation>量算(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="340" />
        <source>&amp;Route</source>
        <translation>路线(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="341" />
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="342" />
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="343" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="346" />
        <source>Find a district, community or grid…</source>
        <translation>查找乡镇街道、社区或网格…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="347" />
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="348" />
        <source>Show &amp;GCJ-02 coordinates</source>
        <translation>显示 GCJ-02 坐标(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="349" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="350" />
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="351" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="352" />
        <source>Identify</source>
        <translation>要素查询</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="353" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="353" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="358" />
        <source>UrbanGIS</source>
        <translation>UrbanGIS 城管地理信息系统</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="358" />
        <source>UrbanGIS — %1</source>
        <translation>UrbanGIS 城管地理信息系统 — %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="388" />
        <location filename="../main_window.cpp" line="407" />
        <source>Cannot open the catalog</source>
        <translation>无法打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window_status_bar.cpp" line="35" />
        <source>Scale 1:%1</source>
        <translation>比例尺 1:%1</translation>
    </message>
    <message>
        <location filename="../main_window_outputs.cpp" line="21" />
        <source>No catalog is open</source>
        <translation>尚未打开图层目录</translation>
    </message>
    <message>
        <location filename="../main_window_outputs.cpp" line="43" />
        <source>Wrote %1</source>
        <translation>已写出 %1</translation>
    </message>
    <message>
        <location filename="../main_window_months.cpp" line="40" />
        <source>%1 per month in %2 (features loaded around the view)</source>
        <translation>%2 逐月%1（仅视图周围已读取的要素）</translation>
    </message>
    <message>
        <location filename="../main_window_months.cpp" line="40" />
        <source>%1 per month in %2</source>
        <translation>%2 逐月%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window_selection.cpp" line="41" />
        <source>%n feature(s) selected</source>
        <translation><numerusform>已选择 %n 个要素</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window_status_bar.cpp" line="60" />
        <source>Length %1 m</source>
        <translation>长度 %1 米</translation>
    </message>
    <message>
        <location filename="../main_window_status_bar.cpp" line="61" />
        <source>, area %1 m² (closed)</source>
        <translation>，面积 %1 平方米（闭合）</translation>
    </message>
    <message>
        <location filename="../main_window_status_bar.cpp" line="62" />
        <source> — ellipsoidal</source>
        <translation> — 椭球面量算</translation>
    </message>
    <message>
        <location filename="../main_window_status_bar.cpp" line="62" />
        <source> — double-click to finish</source>
        <translation> — 双击结束</translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="58" />
        <source>No layer added: %1</source>
        <translation>未添加图层：%1</translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="87" />
        <source>%1: the data declares no CRS; drawn as %2 until you choose</source>
        <translation>%1：数据未声明坐标系，在您选定之前按 %2 绘制</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window_layers.cpp" line="132" />
        <source>%n layer(s) added</source>
        <translation><numerusform>已添加 %n 个图层</numerusform></translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="156" />
        <location filename="../main_window_layers.cpp" line="176" />
        <source>Save catalog</source>
        <translation>保存图层目录</translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="164" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="207" />
        <source>Layer properties</source>
        <translation>图层属性</translation>
    </message>
    <message>
        <location filename="../main_window_layers.cpp" line="224" />
        <source>chosen by you</source>
        <translation>由您选定</translation>
    </message>
    <message>
        <location filename="../main_window_webmap.cpp" line="85" />
        <source>Writing the web map…</source>
        <translation>正在写出网页地图…</translation>
    </message>
    <message>
        <location filename="../main_window_webmap.cpp" line="85" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../main_window_webmap.cpp" line="98" />
        <source>Cannot make a temporary folder</source>
        <translation>无法创建临时文件夹</translation>
    </message>
    <message>
        <location filename="../main_window_webmap.cpp" line="119" />
        <source>Wrote the web map</source>
        <translation>已写出网页地图</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::MonthSlider</name>
    <message>
        <location filename="../month_slider.cpp" line="34" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../month_slider.cpp" line="35" />
        <source>Show one month's points (arrow keys step a month)</source>
        <translation>只显示某月的点（方向键逐月切换）</translation>
    </message>
    <message>
        <location filename="../month_slider.cpp" line="66" />
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::PostgisDialog</name>
    <message>
        <location filename="../postgis_dialog.cpp" line="20" />
        <source>Add PostGIS layers</source>
        <translation>添加 PostGIS 图层</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="24" />
        <source>every schema</source>
        <translation>所有模式</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="26" />
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="27" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="28" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="29" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="30" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="31" />
        <source>Schema</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../postgis_dialog.cpp" line="32" />
        <source>The password is used for this session only and never written to the catalog; to open the catalog later, keep it in ~/.pgpass.</source>
        <translation>密码仅在本次会话中使用，不会写入图层目录；以后要再打开该目录，请将密码保存在 ~/.pgpass 中。</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::RoutePanel</name>
    <message>
        <location filename="../route_panel.cpp" line="81" />
        <source>From</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="82" />
        <source>To</source>
        <translation>终点</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="83" />
        <source>Via</source>
        <translation>途经点</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="84" />
        <source>Corridors</source>
        <translation>整治路段图层</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="85" />
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="86" />
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="87" />
        <source>Tour along the corridors</source>
        <translation>规划巡查线路</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="88" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="89" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="90" />
        <location filename="../route_panel.cpp" line="91" />
        <source>click the map, or LON,LAT</source>
        <translation>在地图上点选，或输入 经度,纬度</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="92" />
        <source>more clicks add vias; LON,LAT;LON,LAT</source>
        <translation>继续点选添加途经点；经度,纬度;经度,纬度</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="134" />
        <source>Routing…</source>
        <translation>正在计算路线…</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="148" />
        <source>Route %1</source>
        <translation>路线 %1</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="166" />
        <source>Planning the tour…</source>
        <translation>正在规划巡查线路…</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="178" />
        <source>Tour %1: %2 along corridors, %3 between them</source>
        <translation>巡查线路 %1：整治段 %2，空驶 %3</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="207" />
        <location filename="../route_panel.cpp" line="215" />
        <source>Export route</source>
        <translation>导出路线</translation>
    </message>
    <message>
        <location filename="../route_panel.cpp" line="208" />
        <source>GeoJSON, GPX, GeoPackage (*.geojson *.gpx *.gpkg)</source>
        <translation>GeoJSON、GPX、GeoPackage (*.geojson *.gpx *.gpkg)</translation>
    </message>
</context>
<context>
    <name>urbangis::viewer::TrendChart</name>
    <message>
        <location filename="../trend_chart.cpp" line="37" />
        <source>Select a zone on the map or in the table to see its monthly trend</source>
        <translation>在地图或属性表中选中一个分区，查看其逐月趋势</translation>
    </message>
</context>
</TS>
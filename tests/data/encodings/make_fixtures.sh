#!/bin/sh
# Makes the encoding fixtures in this folder (committed; rerun only to change them):
#   gbk_ldid.*       GBK text, no .cpg, DBF language driver id 0x4D (CP936)
#   gbk_no_cpg.*     GBK text, no .cpg, no language driver id: needs detection
#   gbk_wrong_cpg.*  GBK text, but a .cpg that says UTF-8: detection must overrule it
#   gbk.csv          a CSV in GBK (GB2312 range), lon/lat columns
#   utf8.csv         the same in UTF-8
set -eu
cd "$(dirname "$0")"
rm -f gbk_* gbk.csv utf8.csv
cat > utf8.csv <<'CSV'
id,name,type,lon,lat
1,东岳路街道城管中队,油烟,114.97,30.10
2,新冶大道夜市,噪音,114.98,30.11
3,金湖街道,油烟,114.99,30.09
CSV
iconv -f UTF-8 -t GBK utf8.csv > gbk.csv
common="-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490"
ogr2ogr -f "ESRI Shapefile" gbk_ldid.shp utf8.csv $common -lco ENCODING=LDID/77
ogr2ogr -f "ESRI Shapefile" gbk_no_cpg.shp utf8.csv $common -lco ENCODING=CP936
rm gbk_no_cpg.cpg
ogr2ogr -f "ESRI Shapefile" gbk_wrong_cpg.shp utf8.csv $common -lco ENCODING=CP936
printf 'UTF-8' > gbk_wrong_cpg.cpg

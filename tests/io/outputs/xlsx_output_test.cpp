// Tables for Excel and WPS: XLSX read back with GDAL's own XLSX reader (not the library that wrote
// it), its XML checked for the frozen header and the date format; CSV's byte-order mark; the
// headings people read.

#include <catch2/catch.hpp>

#include <cpl_vsi.h>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/gdal_support.h"
#include "io/outputs/column_headings.h"
#include "io/outputs/table_writer.h"
#include "io/outputs/xlsx_output.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

// One column of each type, a zone code that must stay text, and an empty row.
OutputTable typedTable() {
  OutputTable table;
  table.name = "stats";
  table.title = "大冶市城管局：按社区统计[2023]投诉、燃气隐患与空中线缆整治情况汇总表";
  table.columns = {{"分区代码", ColumnType::text},
                   {"投诉（件）", ColumnType::integer},
                   {"密度（件/km²）", ColumnType::real},
                   {"立案日期", ColumnType::date},
                   {"立案时间", ColumnType::dateTime}};
  table.rows = {
      {std::string("420281001"), int64_t{12}, 3.25, std::string("2023-05-28"), std::string("2023-05-28 19:57:00")},
      {std::string("420281002"), int64_t{5000000000}, 0.1, std::string("2023-12-31"),
       std::string("2023-12-31 23:59:59")},
      {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}}};
  return table;
}

// A file inside the workbook (an XLSX is a zip), through GDAL's /vsizip/.
std::string zipMember(const fs::path& workbook, const std::string& member) {
  const std::string path = "/vsizip/" + workbook.string() + "/" + member;
  VSILFILE* file = VSIFOpenL(path.c_str(), "rb");
  REQUIRE(file != nullptr);
  std::string text;
  char buffer[4096];
  for (size_t read; (read = VSIFReadL(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, read);
  VSIFCloseL(file);
  return text;
}

}  // namespace

TEST_CASE("XLSX: numbers as numbers, dates as dates, codes as text, the header frozen", "[io][output][xlsx]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "社区统计.xlsx";
  const TableWriteReport report = writeTable(typedTable(), file, {});
  CHECK(report.files == std::vector<fs::path>{file});
  CHECK(writeNotes(report).empty());

  // GDAL 3.6's XLSX reader takes its header row from a configuration option (no open option).
  const ScopedGdalConfig headers("OGR_XLSX_HEADERS", "FORCE");
  GDALDatasetUniquePtr dataset = openDataset(file.string(), GDAL_OF_VECTOR, {});
  REQUIRE(dataset->GetLayerCount() == 1);
  OGRLayer& layer = *dataset->GetLayer(0);
  // Excel's 31 characters, "[" and "]" replaced.
  CHECK(std::string(layer.GetName()) == "大冶市城管局：按社区统计_2023_投诉、燃气隐患与空中线缆整");
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  REQUIRE(definition.GetFieldCount() == 5);
  CHECK(definition.GetFieldDefn(0)->GetNameRef() == std::string("分区代码"));
  CHECK(definition.GetFieldDefn(2)->GetNameRef() == std::string("密度（件/km²）"));
  CHECK(definition.GetFieldDefn(0)->GetType() == OFTString);
  CHECK((definition.GetFieldDefn(1)->GetType() == OFTInteger || definition.GetFieldDefn(1)->GetType() == OFTInteger64 ||
         definition.GetFieldDefn(1)->GetType() == OFTReal));
  CHECK(definition.GetFieldDefn(2)->GetType() == OFTReal);
  CHECK(definition.GetFieldDefn(3)->GetType() == OFTDate);
  CHECK(definition.GetFieldDefn(4)->GetType() == OFTDateTime);

  std::vector<OGRFeatureUniquePtr> features;
  for (auto& feature : layer) features.push_back(std::move(feature));
  REQUIRE(features.size() >= 2);  // GDAL may leave the all-empty last row out
  CHECK(std::string(features[0]->GetFieldAsString(0)) == "420281001");
  CHECK(features[0]->GetFieldAsDouble(1) == 12);
  CHECK(features[1]->GetFieldAsDouble(1) == 5000000000.0);
  CHECK(features[0]->GetFieldAsDouble(2) == 3.25);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
  float second = 0;
  REQUIRE(features[0]->GetFieldAsDateTime(3, &year, &month, &day, &hour, &minute, &second, &zone));
  CHECK((year == 2023 && month == 5 && day == 28));
  REQUIRE(features[1]->GetFieldAsDateTime(4, &year, &month, &day, &hour, &minute, &second, &zone));
  CHECK((year == 2023 && month == 12 && day == 31 && hour == 23 && minute == 59 && second == 59));
  if (features.size() > 2)
    for (int c = 0; c < 5; ++c) CHECK_FALSE(features[2]->IsFieldSetAndNotNull(c));

  const std::string sheet = zipMember(file, "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("ySplit=\"1\"") != std::string::npos);
  CHECK(sheet.find("state=\"frozen\"") != std::string::npos);
  CHECK(sheet.find("<autoFilter ref=\"A1:E4\"") != std::string::npos);
  const std::string styles = zipMember(file, "xl/styles.xml");
  CHECK(styles.find("formatCode=\"yyyy-mm-dd\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"yyyy-mm-dd hh:mm:ss\"") != std::string::npos);
}

TEST_CASE("XLSX sheet names follow Excel's rules", "[io][output][xlsx]") {
  CHECK(xlsxSheetName("按社区统计") == "按社区统计");
  CHECK(xlsxSheetName("a/b\\c?d*e:f[g]h") == "a_b_c_d_e_f_g_h");
  CHECK(xlsxSheetName("'quoted'") == "quoted");
  CHECK(xlsxSheetName("") == "Sheet1");
  CHECK(xlsxSheetName(std::string(40, 'x')) == std::string(31, 'x'));
  CHECK(xlsxSheetName(test::repeated("街", 40)) == test::repeated("街", 31));
}

TEST_CASE("XLSX refuses a table larger than a sheet and leaves nothing behind", "[io][output][xlsx]") {
  test::TempDir temp;
  OutputTable table;
  table.name = "big";
  table.columns = {{"n", ColumnType::integer}};
  table.rows.assign(1'048'576, {CellValue{}});  // one more than a sheet's rows below its header
  CHECK_THROWS_AS(writeTable(table, temp.path() / "big.xlsx", {}), InputError);
  CHECK(fs::is_empty(temp.path()));
}

TEST_CASE("XLSX cuts text beyond Excel's 32,767 characters and says so", "[io][output][xlsx]") {
  test::TempDir temp;
  OutputTable table;
  table.name = "long";
  table.columns = {{"wkt", ColumnType::text}};
  table.rows = {{test::repeated("线", 40000)}};
  const TableWriteReport report = writeTable(table, temp.path() / "long.xlsx", {});
  CHECK(report.truncatedCells == 1);
  REQUIRE(writeNotes(report).size() == 1);
  CHECK(writeNotes(report)[0].find("32,767 characters") != std::string::npos);
}

TEST_CASE("A CSV for people begins with a UTF-8 byte-order mark, one for scripts does not", "[io][output][xlsx]") {
  test::TempDir temp;
  OutputTable table = typedTable();
  writeTable(table, temp.path() / "scripts.csv", {});
  table.byteOrderMark = true;
  writeTable(table, temp.path() / "people.csv", {});
  const std::string bom = "\xEF\xBB\xBF";
  CHECK(test::readFile(temp.path() / "scripts.csv").rfind(bom, 0) != 0);
  CHECK(test::readFile(temp.path() / "people.csv").rfind(bom + "分区代码,", 0) == 0);
  // Dates are written as the ISO text they are held in.
  CHECK(test::readFile(temp.path() / "people.csv").find("2023-05-28,2023-05-28 19:57:00") != std::string::npos);
}

TEST_CASE("Headings for people come from the catalog's titles, kinds and fields", "[io][output][xlsx]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  const auto zh = [&](const std::string& column) { return columnHeading(column, catalog, nullptr, true); };
  const auto en = [&](const std::string& column) { return columnHeading(column, catalog, nullptr, false); };
  CHECK(zh("zone_id") == "分区代码");
  CHECK(zh("complaints_count") == "油烟噪音投诉（件）");
  CHECK(zh("complaints_per_km2") == "油烟噪音投诉密度（件/km²）");
  CHECK(en("complaints_per_km2") == "Fume and noise complaints per km²");
  CHECK(zh("street_order_count:乱停乱靠") == "市容秩序案件：乱停乱靠（件）");
  CHECK(zh("cable_sum_bundled_m") == "空中线缆整治：规整线缆（m）合计");
  CHECK(zh("complaints_satisfied_pct") == "油烟噪音投诉：满意率（%）");
  CHECK(zh("complaints_closure_pct") == "油烟噪音投诉：结案率（%）");
  CHECK(zh("assets_condition:破损") == "城市部件：破损（个）");
  CHECK(zh("yellow_line_area_pct").find("覆盖率（%）") != std::string::npos);
  CHECK(zh("event:市容环境") == "全部事件：市容环境");
  CHECK(zh("complaints_event:市容环境") == "油烟噪音投诉：市容环境类事件（件）");
  CHECK(en("complaints_event:市容环境") == "Fume and noise complaints event class: 市容环境");
  CHECK(zh("not_a_column") == "not_a_column");

  OutputTable table;
  table.columns = {
      {"zone_id", ColumnType::text}, {"complaints_count", ColumnType::integer}, {"not_a_column", ColumnType::real}};
  applyHeadings(table, catalog, nullptr, HeadingStyle::id, {"社区统计", "By community"});
  CHECK(table.columns[1].name == "complaints_count");
  CHECK(table.title == "社区统计");
  CHECK_FALSE(table.byteOrderMark);
  applyHeadings(table, catalog, nullptr, HeadingStyle::en, {"社区统计", "By community"});
  CHECK(table.columns[0].name == "Zone code");
  CHECK(table.columns[1].name == "Fume and noise complaints (count)");
  CHECK(table.title == "By community");
  CHECK(table.byteOrderMark);
}

TEST_CASE("Two columns with one heading keep apart", "[io][output][xlsx]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  OutputTable table;
  table.columns = {{"lon", ColumnType::real}, {"经度", ColumnType::real}};
  applyHeadings(table, catalog, nullptr, HeadingStyle::zh, {"t", "t"});
  CHECK(table.columns[0].name == "经度 [lon]");
  CHECK(table.columns[1].name == "经度");
}

#include "cli/table_headings.h"

#include "io/outputs/column_headings.h"
#include "io/outputs/table_writer.h"

namespace urbangis::cli {

OptionSpec headersOption() {
  return {
      "headers",
      "STYLE",
      "Column headings: zh (油烟噪音投诉密度（件/km²）, with units), en (\"Fume and noise complaints per km²\") or id "
      "(the machine names, complaints_per_km2). Default: zh for .xlsx, id for the other formats. With zh or en a "
      ".csv begins with a UTF-8 byte-order mark, so that Excel and WPS read its Chinese right.",
      false,
      ValueKind::text,
      {"zh", "en", "id"}};
}

void labelTable(OutputTable& table, const Arguments& arguments, const std::string& out, const Catalog& catalog,
                const LayerSpec* source, const LocalizedText& title) {
  const bool xlsx = tableFormatFor(out) == TableFormat::xlsx;
  const auto style = parseHeadingStyle(arguments.value("headers").value_or(xlsx ? "zh" : "id"));
  applyHeadings(table, catalog, source, style.value_or(HeadingStyle::id), title);
}

}  // namespace urbangis::cli

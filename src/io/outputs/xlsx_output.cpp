#include "io/outputs/xlsx_output.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "core/error.h"

namespace urbangis {
namespace {

constexpr size_t kMaxCellCharacters = 32767;  // Excel's limit for one cell's text
constexpr size_t kSheetNameCharacters = 31;
constexpr size_t kStreamedRows = 20000;

// Closes (and so frees) a workbook that was not closed on purpose, e.g. after an error.
struct WorkbookCloser {
  void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

bool isContinuationByte(unsigned char byte) { return (byte & 0xC0) == 0x80; }

size_t characterCount(const std::string& text) {
  size_t count = 0;
  for (const char c : text) count += isContinuationByte(static_cast<unsigned char>(c)) ? 0 : 1;
  return count;
}

// The first `characters` characters of UTF-8 `text`.
std::string firstCharacters(const std::string& text, size_t characters) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (isContinuationByte(static_cast<unsigned char>(text[i]))) continue;
    if (count++ == characters) return text.substr(0, i);
  }
  return text;
}

// Columns a text takes on screen: two for CJK and other wide characters, one for the rest.
double displayWidth(const std::string& text) {
  double width = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80)
      width += 1;
    else if (byte >= 0xE0)
      width += 2;  // a lead byte of three or four: CJK, symbols
    else if (byte >= 0xC0)
      width += 1;
  }
  return width;
}

// "2023-05-28" or "2023-05-28 19:57:00" (or with a 'T'), as the table's date cells hold them.
bool parseIsoDateTime(const std::string& text, lxw_datetime& out) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char separator = ' ';
  const int fields =
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &year, &month, &day, &separator, &hour, &minute, &second);
  if (fields != 3 && fields != 7) return false;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return false;
  out = {year, month, day, hour, minute, static_cast<double>(second)};
  return true;
}

[[noreturn]] void fail(const std::string& where, const std::string& what, lxw_error error) {
  throw InputError(where + ": " + what + ": " + lxw_strerror(error));
}

}  // namespace

std::string xlsxSheetName(const std::string& title) {
  std::string name;
  for (const char c : title) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  // Excel also refuses a name that starts or ends with an apostrophe.
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = firstCharacters(name, kSheetNameCharacters);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  return name.empty() ? "Sheet1" : name;
}

XlsxWriteReport writeXlsx(const OutputTable& table, const std::filesystem::path& path, const std::string& where,
                          const Progress* progress) {
  if (table.rows.size() + 1 > LXW_ROW_MAX)
    throw InputError(where + ": " + std::to_string(table.rows.size()) +
                     " rows are more than an Excel sheet holds (1,048,575); write .csv or .gpkg");
  if (table.columns.size() > LXW_COL_MAX)
    throw InputError(where + ": " + std::to_string(table.columns.size()) +
                     " columns are more than an Excel sheet holds (16,384); write .csv or .gpkg");
  XlsxWriteReport report;
  report.sheetName = xlsxSheetName(table.title.empty() ? table.name : table.title);

  lxw_workbook_options options{};
  // A big table is streamed row by row to a temporary file instead of held as a cell tree (about
  // 100 bytes a cell: a million rows of ten columns would take a gigabyte); its strings are then
  // written inline rather than shared, which Excel, WPS and GDAL all read.
  options.constant_memory = table.rows.size() >= kStreamedRows ? LXW_TRUE : LXW_FALSE;
  options.use_zip64 = table.rows.size() * std::max<size_t>(1, table.columns.size()) > 4'000'000 ? LXW_TRUE : LXW_FALSE;
  const std::string file = path.string();
  WorkbookPtr workbook(workbook_new_opt(file.c_str(), &options));
  if (!workbook) throw InputError(where + ": cannot create the workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), report.sheetName.c_str());
  if (!sheet) throw InputError(where + ": cannot add the sheet \"" + report.sheetName + "\"");

  lxw_format* header = workbook_add_format(workbook.get());
  format_set_bold(header);
  format_set_bg_color(header, 0xE7EEF7);
  format_set_bottom(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* date = workbook_add_format(workbook.get());
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* dateTime = workbook_add_format(workbook.get());
  format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss");

  std::vector<double> widths(table.columns.size(), 8);
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    const auto col = static_cast<lxw_col_t>(c);
    if (const lxw_error error = worksheet_write_string(sheet, 0, col, column.name.c_str(), header))
      fail(where, "cannot write the heading \"" + column.name + "\"", error);
    widths[c] = std::max(widths[c], std::min(displayWidth(column.name), 30.0));
    if (column.type == ColumnType::date) widths[c] = std::max(widths[c], 11.0);
    if (column.type == ColumnType::dateTime) widths[c] = std::max(widths[c], 19.0);
    if (column.type == ColumnType::integer || column.type == ColumnType::real) widths[c] = std::max(widths[c], 10.0);
  }

  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (progress && r % 4096 == 0) {
      progress->report("writing", static_cast<double>(r) / static_cast<double>(table.rows.size()));
      progress->checkCancelled();
    }
    const std::vector<CellValue>& cells = table.rows[r];
    if (cells.size() != table.columns.size())
      throw std::invalid_argument("output table row " + std::to_string(r + 1) + " has " + std::to_string(cells.size()) +
                                  " cells for " + std::to_string(table.columns.size()) + " columns");
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      lxw_error error = LXW_NO_ERROR;
      if (const auto* integer = std::get_if<int64_t>(&cells[c])) {
        error = worksheet_write_number(sheet, row, col, static_cast<double>(*integer), nullptr);
      } else if (const auto* real = std::get_if<double>(&cells[c])) {
        if (std::isfinite(*real)) error = worksheet_write_number(sheet, row, col, *real, nullptr);
      } else if (const auto* text = std::get_if<std::string>(&cells[c])) {
        const ColumnType type = table.columns[c].type;
        lxw_datetime when{};
        if ((type == ColumnType::date || type == ColumnType::dateTime) && parseIsoDateTime(*text, when)) {
          error = worksheet_write_datetime(sheet, row, col, &when, type == ColumnType::date ? date : dateTime);
        } else if (characterCount(*text) > kMaxCellCharacters) {
          error = worksheet_write_string(sheet, row, col, firstCharacters(*text, kMaxCellCharacters).c_str(), nullptr);
          ++report.truncatedCells;
        } else {
          error = worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
          if (r < 2000) widths[c] = std::max(widths[c], std::min(displayWidth(*text) + 1, 50.0));
        }
      }
      if (error)
        fail(where, "cannot write row " + std::to_string(r + 1) + ", column \"" + table.columns[c].name + "\"", error);
    }
  }
  for (size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  worksheet_freeze_panes(sheet, 1, 0);
  if (!table.columns.empty())
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.columns.size() - 1));

  if (progress) progress->report("writing", 1);
  const lxw_error closed = workbook_close(workbook.release());
  if (closed) fail(where, "cannot finish the workbook", closed);
  return report;
}

}  // namespace urbangis

#pragma once
// A result table as an Excel workbook (libxlsxwriter), for staff who open tables in Excel or WPS:
// one sheet named by the table's title, a bold header row that stays in view (frozen) with a
// filter on it, numbers as numbers, dates and date-times as Excel dates shown YYYY-MM-DD (and
// hh:mm:ss), text as text (zone codes such as 420281001 keep their digits), no geometry.
// GDAL 3.6's XLSX writer cannot freeze panes and writes dates as DD/MM/YY, hence this writer.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/output_table.h"
#include "core/progress.h"

namespace urbangis {

struct XlsxWriteReport {
  int64_t truncatedCells = 0;  // text cut to Excel's 32,767 characters
  std::string sheetName;       // as written: at most 31 characters, none of []:*?/\ .
};

// Excel's rules for a sheet name applied to `title`: the characters it forbids replaced, at
// most 31 characters (cut on a character boundary), "Sheet1" when nothing is left.
std::string xlsxSheetName(const std::string& title);

// Writes `table` to `path` (the caller's temporary file); `where` names the target in errors.
// Throws InputError for a table Excel cannot hold (over 1,048,575 rows or 16,384 columns) and
// Cancelled when `progress` is cancelled between rows.
XlsxWriteReport writeXlsx(const OutputTable& table, const std::filesystem::path& path, const std::string& where,
                          const Progress* progress);

}  // namespace urbangis

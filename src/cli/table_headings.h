#pragma once
// `--headers zh|en|id` for the commands that write tables people open in Excel or WPS (stats,
// export, grid): the option as they declare it, and the table labelled as it says before writing.

#include <string>

#include "cli/arguments.h"
#include "core/catalog.h"
#include "core/localized_text.h"
#include "core/output_table.h"

namespace urbangis::cli {

OptionSpec headersOption();

// Labels `table` for people as --headers says; without it, zh for an .xlsx `out` and the machine
// names (id) otherwise. `source` is the layer whose own fields the table holds (export) or nullptr;
// `title` names the sheet.
void labelTable(OutputTable& table, const Arguments& arguments, const std::string& out, const Catalog& catalog,
                const LayerSpec* source, const LocalizedText& title);

}  // namespace urbangis::cli

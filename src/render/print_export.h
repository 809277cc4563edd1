#pragma once
// Writes a print map to PNG or PDF, atomically (temporary file + rename) and never over an
// input. The PDF is vector: QPdfWriter records the same painter calls, text stays text.

#include <QSize>

#include <filesystem>
#include <vector>

#include "render/print_layout.h"

namespace urbangis {

enum class PrintFormat { png, pdf };

// The format named by the extension (.png, .pdf); InputError otherwise.
PrintFormat printFormatFor(const std::filesystem::path& file);

// `size` in pixels (PNG) or, with `dpi`, the page size of the PDF (size / dpi inches).
PrintResult exportPrintMap(const PrintMap& map, const std::filesystem::path& file, QSize size, double dpi,
                           const std::vector<std::filesystem::path>& inputs);

}  // namespace urbangis

#pragma once
// The annual report as text in one language: headline cards, monthly series, zone tables and the
// words around them, built from the figures (analysis/figures/annual_figures.h). The HTML and the
// PDF are both drawn from this, so they say the same thing.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/figures/annual_figures.h"
#include "core/catalog.h"

namespace urbangis {

struct FigureCard {
  std::string layerId;
  std::string title;     // the layer's title
  std::string headline;  // "840 件"
  std::vector<std::string> lines;
};

struct TrendChart {
  std::string layerId;
  std::string title;
  std::array<int64_t, 12> monthly{};
};

struct TextTable {
  std::string title;
  std::string note;
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  size_t totalRows = 0;  // how many of the last rows are totals (drawn bold)
};

struct ReportContent {
  std::string language;  // zh or en
  std::string title, subtitle, madeOn, sourceNote;
  std::string figuresHeading, figuresIntro;
  std::vector<FigureCard> cards;
  std::string trendsHeading, trendsIntro;
  std::vector<TrendChart> charts;
  std::string mapsHeading;
  std::string tablesHeading, tablesIntro;
  std::vector<TextTable> tables;
  std::vector<std::string> notes;           // what the reader should know (warnings, layers without dates)
  std::string monthLabel(int month) const;  // 1–12
};

// `today` as YYYY-MM-DD; `language` zh or en.
ReportContent buildReportContent(const Catalog& catalog, const AnnualFigures& figures, const std::string& language,
                                 const std::string& today);

// Thousands grouped with commas: 148435 → "148,435"; fractions with `decimals` digits.
std::string groupedNumber(double value, int decimals = 0);

}  // namespace urbangis

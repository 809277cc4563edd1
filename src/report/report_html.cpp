// report.html: one self-contained file; the charts and maps are PNGs embedded as data: URLs.

#include <QBuffer>
#include <QImage>

#include <sstream>

#include "report/report_images.h"
#include "report/report_writer.h"
#include "webmap/web_page.h"

namespace urbangis {
namespace {

std::string pngDataUrl(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return "data:image/png;base64," + bytes.toBase64().toStdString();
}

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       color: #222; max-width: 1100px; margin: 2em auto; padding: 0 1.5em; line-height: 1.55; }
h1 { font-size: 1.9em; margin: 0 0 .2em; }
h2 { border-bottom: 2px solid #1c7ed6; padding-bottom: .2em; margin-top: 2.2em; }
h3 { margin: 1.4em 0 .4em; }
.subtitle { color: #555; margin: 0; }
.meta, .note { color: #777; font-size: .9em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; }
.card { background: #f5f7fa; border-left: 5px solid #1c7ed6; padding: .7em 1em; border-radius: 4px; }
.card h3 { margin: 0; font-size: 1.05em; }
.card .big { font-size: 2em; font-weight: bold; color: #c92a2a; margin: .1em 0; }
.card ul { margin: .2em 0 0; padding-left: 1.1em; font-size: .92em; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 10px; }
.charts img { width: 100%; max-width: 440px; border: 1px solid #e3e3e3; }
figure { margin: 1.5em 0; }
figure img { width: 100%; border: 1px solid #ddd; }
.webmap { width: 100%; height: 600px; border: 1px solid #ddd; }
figcaption { color: #444; font-size: .95em; }
table { border-collapse: collapse; font-size: .85em; margin: .3em 0; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .25em .5em; }
th { background: #eef3f8; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f5f7fa; }
.notes { margin-top: 2em; color: #555; font-size: .9em; }
)";

}  // namespace

std::string reportHtml(const ReportContent& content, const ReportMaps& maps) {
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << (content.language == "zh" ? "zh-CN" : "en") << "\">\n<head>\n"
       << "<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"UrbanGIS\">\n<title>"
       << htmlEscaped(content.title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  html << "<header>\n<h1>" << htmlEscaped(content.title) << "</h1>\n<p class=\"subtitle\">"
       << htmlEscaped(content.subtitle) << "</p>\n<p class=\"meta\">" << htmlEscaped(content.madeOn) << " · "
       << htmlEscaped(content.sourceNote) << "</p>\n</header>\n";

  html << "<section id=\"figures\">\n<h2>" << htmlEscaped(content.figuresHeading) << "</h2>\n<p>"
       << htmlEscaped(content.figuresIntro) << "</p>\n<div class=\"cards\">\n";
  for (const FigureCard& card : content.cards) {
    html << "<div class=\"card\" id=\"figure-" << htmlEscaped(card.layerId) << "\">\n<h3>" << htmlEscaped(card.title)
         << "</h3>\n<p class=\"big\">" << htmlEscaped(card.headline) << "</p>\n<ul>\n";
    for (const std::string& line : card.lines) html << "<li>" << htmlEscaped(line) << "</li>\n";
    html << "</ul>\n</div>\n";
  }
  html << "</div>\n</section>\n";

  html << "<section id=\"trends\">\n<h2>" << htmlEscaped(content.trendsHeading) << "</h2>\n<p>"
       << htmlEscaped(content.trendsIntro) << "</p>\n<div class=\"charts\">\n";
  for (const TrendChart& chart : content.charts) {
    html << "<img alt=\"" << htmlEscaped(chart.title) << "\" src=\"" << pngDataUrl(reportChartImage(chart, content, 2))
         << "\">\n";
  }
  html << "</div>\n</section>\n";

  if (!maps.maps.empty()) {
    html << "<section id=\"maps\">\n<h2>" << htmlEscaped(content.mapsHeading) << "</h2>\n";
    for (const ReportMap& map : maps.maps) {
      html << "<figure>\n";
      // The interactive map in a sandboxed frame of its own (scripts, no access to the report).
      if (!map.webMapHtml.empty())
        html << "<iframe class=\"webmap\" sandbox=\"allow-scripts\" title=\""
             << htmlEscaped(map.map.title.toStdString()) << "\" srcdoc=\"" << htmlEscaped(map.webMapHtml)
             << "\"></iframe>\n";
      else
        html << "<img alt=\"" << htmlEscaped(map.map.title.toStdString()) << "\" src=\""
             << pngDataUrl(reportMapImage(map, 1500)) << "\">\n";
      html << "<figcaption>" << htmlEscaped(map.map.title.toStdString()) << (content.language == "zh" ? "。" : ". ")
           << htmlEscaped(map.caption) << "</figcaption>\n</figure>\n";
    }
    html << "</section>\n";
  }

  html << "<section id=\"tables\">\n<h2>" << htmlEscaped(content.tablesHeading) << "</h2>\n<p>"
       << htmlEscaped(content.tablesIntro) << "</p>\n";
  for (const TextTable& table : content.tables) {
    html << "<h3>" << htmlEscaped(table.title) << "</h3>\n<table>\n<thead><tr>";
    for (const std::string& header : table.header) html << "<th>" << htmlEscaped(header) << "</th>";
    html << "</tr></thead>\n<tbody>\n";
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool total = r + table.totalRows >= table.rows.size();
      html << (total ? "<tr class=\"total\">" : "<tr>");
      for (size_t c = 0; c < table.rows[r].size(); ++c)
        html << (table.numeric[c] ? "<td class=\"n\">" : "<td>") << htmlEscaped(table.rows[r][c]) << "</td>";
      html << "</tr>\n";
    }
    html << "</tbody>\n</table>\n<p class=\"note\">" << htmlEscaped(table.note) << "</p>\n";
  }
  html << "</section>\n";
  if (!content.notes.empty()) {
    html << "<section class=\"notes\">\n<ul>\n";
    for (const std::string& note : content.notes) html << "<li>" << htmlEscaped(note) << "</li>\n";
    html << "</ul>\n</section>\n";
  }
  html << "<footer class=\"meta\"><p>UrbanGIS · " << htmlEscaped(content.madeOn) << "</p></footer>\n</body>\n</html>\n";
  return html.str();
}

}  // namespace urbangis

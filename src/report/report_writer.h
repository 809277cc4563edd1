#pragma once
// Writes the annual report into a folder: report.html (one self-contained file, charts and maps
// as embedded PNG), report.pdf (A4, text as text in Noto Sans CJK; charts and maps painted as
// vectors, only a density surface is an image) and report.odt (the same, editable in WPS, Word or
// LibreOffice; charts and maps as pictures of 200 dpi or more).
//
// Atomicity: when DIR does not exist, both files are written into a hidden temporary folder
// beside it (".DIR.tmp-PID") that is renamed to DIR when complete: a reader sees no DIR or the
// whole report. When DIR exists, each file is written to a temporary file inside DIR and all are
// renamed into place only when all are complete (report.pdf, report.odt, then report.html): each
// file is old or new, never partial; between the renames (microseconds) some are new and the
// others still old. On any failure nothing is left behind.

#include <filesystem>
#include <vector>

#include "report/report_content.h"
#include "report/report_maps.h"

namespace urbangis {

struct ReportFiles {
  std::filesystem::path html, pdf, odt;
  int pdfPages = 0;
};

// Throws InputError when DIR cannot take the report: it is an existing file (an input or not),
// its parent folder does not exist, or report.html, report.pdf or report.odt in it is one of `inputs`.
void checkReportTarget(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& inputs);

// Throws InputError when DIR is an existing file (an input or not), its parent folder does not
// exist, or a report file would overwrite one of `inputs`.
ReportFiles writeReport(const ReportContent& content, const ReportMaps& maps, const std::filesystem::path& dir,
                        const std::vector<std::filesystem::path>& inputs);

// The two documents on their own (tests, other callers): the HTML text, and the PDF written to
// `file` directly (not atomically), returning its page count.
std::string reportHtml(const ReportContent& content, const ReportMaps& maps);
int writeReportPdf(const ReportContent& content, const ReportMaps& maps, const std::filesystem::path& file);
void writeReportOdt(const ReportContent& content, const ReportMaps& maps, const std::filesystem::path& file);

}  // namespace urbangis

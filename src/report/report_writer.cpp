#include "report/report_writer.h"

#include <unistd.h>

#include <fstream>
#include <system_error>

#include "core/error.h"
#include "io/outputs/atomic_output.h"

namespace urbangis {
namespace fs = std::filesystem;
namespace {

bool isInput(const fs::path& path, const std::vector<fs::path>& inputs) {
  std::error_code error;
  for (const fs::path& input : inputs)
    if (fs::exists(input, error) && fs::equivalent(path, input, error)) return true;
  return false;
}

void writeText(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw InputError(file.string() + ": cannot write");
}

// A hidden folder beside `target`, removed unless released.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const fs::path& target) {
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    path_ = parent / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    std::error_code error;
    fs::remove_all(path_, error);
    if (!fs::create_directory(path_, error))
      throw InputError(target.string() + ": cannot create a temporary folder beside it: " + error.message());
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    if (!released_) fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const fs::path& path() const { return path_; }
  void renameTo(const fs::path& target) {
    std::error_code error;
    fs::rename(path_, target, error);
    if (error) throw InputError(target.string() + ": cannot move the finished report into place: " + error.message());
    released_ = true;
  }

 private:
  fs::path path_;
  bool released_ = false;
};

// "out/" and "out/." name the folder "out".
fs::path folderPath(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path()) normal = normal.parent_path();
  return normal;
}

}  // namespace

void checkReportTarget(const fs::path& out, const std::vector<fs::path>& inputs) {
  const fs::path dir = folderPath(out);
  std::error_code error;
  if (dir.empty()) throw InputError("--out: name a folder for report.html, report.pdf and report.odt");
  if (fs::exists(dir, error) && !fs::is_directory(dir, error))
    throw InputError(
        dir.string() +
        (isInput(dir, inputs) ? ": is one of the report's inputs, not a folder; " : ": is a file, not a folder; ") +
        "--out names the folder the report is written into");
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, error))
    throw InputError(dir.string() + ": the folder \"" + parent.string() + "\" does not exist");
  if (fs::is_directory(dir, error))
    for (const char* name : {"report.html", "report.pdf", "report.odt"})
      if (isInput(dir / name, inputs))
        throw InputError((dir / name).string() + ": refusing to write over an input of this run");
}

ReportFiles writeReport(const ReportContent& content, const ReportMaps& maps, const fs::path& out,
                        const std::vector<fs::path>& inputs) {
  const fs::path dir = folderPath(out);
  std::error_code error;
  checkReportTarget(dir, inputs);
  ReportFiles files{dir / "report.html", dir / "report.pdf", dir / "report.odt", 0};
  const std::string html = reportHtml(content, maps);
  if (!fs::exists(dir, error)) {
    TemporaryFolder temporary(dir);
    writeText(temporary.path() / "report.html", html);
    files.pdfPages = writeReportPdf(content, maps, temporary.path() / "report.pdf");
    writeReportOdt(content, maps, temporary.path() / "report.odt");
    temporary.renameTo(dir);
    return files;
  }
  AtomicOutput pdf(files.pdf), odt(files.odt), htmlFile(files.html);
  files.pdfPages = writeReportPdf(content, maps, pdf.path());
  writeReportOdt(content, maps, odt.path());
  writeText(htmlFile.path(), html);
  pdf.commit();
  odt.commit();
  htmlFile.commit();
  return files;
}

}  // namespace urbangis

// Runs one declarative CLI case (tests/cases/cli/NAME.json):
//   "files":  {"name": "content", ...}      fixture files written into a fresh folder ${TMP}
//   "copies": [{"from": "${DATA}/daye.gpkg", "to": "t.gpkg", "bytes": 65536}]  (bytes optional)
//   "setup":  [["convert", …], …]  urbangis runs before the command (each must succeed)
//   "args":   ["info", "${TMP}/catalog.json"]   ${TMP}, ${DATA}, ${SOURCE} are substituted
//   "exit":   2
//   "stdout" / "stderr": substrings that must appear;  "stdout_absent" / "stderr_absent": substrings
//              that must not;  "stderr_lines": exact line count (progress
//              lines, printed when a run takes over a second, are not counted)
//   "sparse":  {"big.gpkg": 2147483648}   sparse files of that size (all zero bytes) in ${TMP}
//   "outputs": files under ${TMP} the command may create; any other change to ${TMP} or to the
//              project's data/ fails the case (inputs are never modified). Every file of the
//              source tree an argument names (e.g. ${SOURCE}/tests/data/bad/x.json) is
//              checksummed before and after with the files of its folder, so a bad input that
//              lives in the repository is shown unchanged too.
//   "expect_table": {"file": "out.csv", "key": "zone_id", "tolerance": 1e-6,
//                    "rows": {"A": {"pts_count": 3, "areas_area_m2": 150.0, "x": null}},
//                    "row_count": 3}
//              the written table, read back with OGR: integers and text exact, reals within
//              the relative tolerance, null for an empty cell. "layer": "routes" reads that layer
//              of the file instead of its first (a GPX file's first layer is its waypoints).
// Exit code 0 when the case holds; otherwise prints each mismatch and exits 1.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"

namespace fs = std::filesystem;
using namespace urbangis;

namespace {

std::string substitute(std::string text, const fs::path& temp) {
  const std::pair<std::string, std::string> variables[] = {
      {"${TMP}", temp.string()}, {"${DATA}", test::dataDir().string()}, {"${SOURCE}", test::sourceDir().string()}};
  for (const auto& [name, value] : variables)
    for (size_t at; (at = text.find(name)) != std::string::npos;) text.replace(at, name.size(), value);
  return text;
}

// Compares the table file against the case's expectations; appends mismatches to `failures`.
void checkTable(const nlohmann::json& expected, const fs::path& temp, std::vector<std::string>& failures) {
  const fs::path file = temp / expected.at("file").get<std::string>();
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) {
    failures.push_back("cannot read the table " + file.string());
    return;
  }
  OGRLayer* chosen = expected.contains("layer")
                         ? dataset->GetLayerByName(expected.at("layer").get<std::string>().c_str())
                         : dataset->GetLayer(0);
  if (!chosen) {
    failures.push_back("the table " + file.string() + " has no layer " + expected.value("layer", ""));
    return;
  }
  OGRLayer& layer = *chosen;
  const std::string key = expected.value("key", "zone_id");
  const double tolerance = expected.value("tolerance", 1e-9);
  std::map<std::string, OGRFeatureUniquePtr> rows;
  for (auto& feature : layer) rows[feature->GetFieldAsString(key.c_str())] = OGRFeatureUniquePtr(feature->Clone());
  if (expected.contains("row_count") && rows.size() != expected.at("row_count").get<size_t>())
    failures.push_back("table has " + std::to_string(rows.size()) + " rows, expected " +
                       expected.at("row_count").dump());
  for (const auto& [id, columns] : expected.at("rows").items()) {
    auto row = rows.find(id);
    if (row == rows.end()) {
      failures.push_back("no row " + key + " = " + id);
      continue;
    }
    for (const auto& [column, wanted] : columns.items()) {
      const int index = row->second->GetFieldIndex(column.c_str());
      const std::string where = "row " + id + ", column " + column;
      if (index < 0) {
        failures.push_back(where + ": no such column");
        continue;
      }
      const bool empty =
          !row->second->IsFieldSetAndNotNull(index) || std::string(row->second->GetFieldAsString(index)).empty();
      if (wanted.is_null()) {
        if (!empty) failures.push_back(where + ": expected empty, got " + row->second->GetFieldAsString(index));
      } else if (wanted.is_string()) {
        if (row->second->GetFieldAsString(index) != wanted.get<std::string>())
          failures.push_back(where + ": expected " + wanted.dump() + ", got " + row->second->GetFieldAsString(index));
      } else {
        const double actual = row->second->GetFieldAsDouble(index), target = wanted.get<double>();
        const bool exact = wanted.is_number_integer();
        const bool ok = !empty && (exact ? actual == target
                                         : std::fabs(actual - target) <= tolerance * std::max(1.0, std::fabs(target)));
        if (!ok)
          failures.push_back(where + ": expected " + wanted.dump() + ", got " +
                             (empty ? std::string("(empty)") : row->second->GetFieldAsString(index)));
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: urbangis_case_runner CASE.json\n";
    return 2;
  }
  const nlohmann::json spec = nlohmann::json::parse(test::readFile(argv[1]));
  test::TempDir temp;
  const nlohmann::json files = spec.value("files", nlohmann::json::object());
  for (const auto& [name, content] : files.items())
    test::writeFile(temp.path() / name, substitute(content.get<std::string>(), temp.path()));
  for (const auto& copy : spec.value("copies", nlohmann::json::array())) {
    std::string bytes = test::readFile(substitute(copy.at("from").get<std::string>(), temp.path()));
    if (copy.contains("bytes")) bytes.resize(std::min(bytes.size(), copy.at("bytes").get<size_t>()));
    test::writeFile(temp.path() / copy.at("to").get<std::string>(), bytes);
  }
  const nlohmann::json sparse = spec.value("sparse", nlohmann::json::object());  // outlives items()
  for (const auto& [name, bytes] : sparse.items()) {
    std::ofstream(temp.path() / name, std::ios::binary).flush();
    fs::resize_file(temp.path() / name, bytes.get<uintmax_t>());  // a hole: no disk blocks
  }
  for (const auto& step : spec.value("setup", nlohmann::json::array())) {
    std::vector<std::string> setupArgs;
    for (const auto& arg : step) setupArgs.push_back(substitute(arg.get<std::string>(), temp.path()));
    const test::ProcessResult setup = test::run(URBANGIS_CLI, setupArgs, temp.path());
    if (setup.exitCode != 0) {
      std::cerr << "case " << argv[1] << ": setup step failed:\n" << setup.err;
      return 1;
    }
  }
  std::vector<std::string> args;
  for (const auto& arg : spec.at("args")) args.push_back(substitute(arg.get<std::string>(), temp.path()));

  // The folders of the source-tree files the arguments name (bad inputs, catalogs), outside ${TMP}.
  std::map<fs::path, std::string> namedBefore;
  const fs::path source = fs::weakly_canonical(test::sourceDir());
  for (const auto& arg : args) {
    std::error_code error;
    const fs::path named = fs::weakly_canonical(fs::path(arg), error);
    if (error || !fs::is_regular_file(named, error)) continue;
    const fs::path folder = named.parent_path();
    const auto [inside, end] = std::mismatch(source.begin(), source.end(), folder.begin(), folder.end());
    if (inside != source.end() || folder == source) continue;  // outside the source tree, or its root
    namedBefore.emplace(folder, test::folderFingerprint(folder));
  }
  const std::string dataBefore = test::folderFingerprint(test::dataDir());
  const std::string tempBefore = test::folderFingerprint(temp.path());
  const test::ProcessResult result = test::run(URBANGIS_CLI, args, temp.path());

  std::vector<std::string> failures;
  const int expectedExit = spec.value("exit", 0);
  if (result.exitCode != expectedExit)
    failures.push_back("exit code " + std::to_string(result.exitCode) + ", expected " + std::to_string(expectedExit));
  for (const auto& [stream, text] : {std::pair{"stdout", &result.out}, std::pair{"stderr", &result.err}})
    for (const auto& wanted : spec.value(stream, nlohmann::json::array())) {
      const std::string needle = substitute(wanted.get<std::string>(), temp.path());
      if (text->find(needle) == std::string::npos) failures.push_back(std::string(stream) + " lacks: " + needle);
    }
  for (const auto& [stream, text] : {std::pair{"stdout_absent", &result.out}, std::pair{"stderr_absent", &result.err}})
    for (const auto& unwanted : spec.value(stream, nlohmann::json::array())) {
      const std::string needle = substitute(unwanted.get<std::string>(), temp.path());
      if (text->find(needle) != std::string::npos) failures.push_back(std::string(stream) + ": has " + needle);
    }
  if (spec.contains("stderr_lines")) {
    // Progress lines ("routing … (2.4 s)", "counting  40 % (1.2 s)") appear only when a run takes
    // over a second, as under the sanitizers or on a busy machine: they are not counted.
    size_t lines = 0;
    std::istringstream text(result.err);
    for (std::string line; std::getline(text, line) && !text.eof();) {  // lines ended by \n
      const bool progress =
          line.size() > 4 && line.compare(line.size() - 3, 3, " s)") == 0 && line.rfind("urbangis:", 0) != 0;
      if (!progress) ++lines;
    }
    if (lines != spec.at("stderr_lines").get<size_t>())
      failures.push_back("stderr has " + std::to_string(lines) + " lines, expected " + spec.at("stderr_lines").dump());
  }
  if (spec.contains("expect_table")) checkTable(spec.at("expect_table"), temp.path(), failures);
  if (test::folderFingerprint(test::dataDir()) != dataBefore) failures.push_back("the project's data/ changed");
  for (const auto& [folder, before] : namedBefore)
    if (test::folderFingerprint(folder) != before)
      failures.push_back("files in " + folder.string() + " changed (an input named on the command line)");
  std::set<std::string> outputs;
  for (const auto& output : spec.value("outputs", nlohmann::json::array())) outputs.insert(output.get<std::string>());
  std::string tempAfter;
  for (std::istringstream lines(test::folderFingerprint(temp.path())); !lines.eof();) {
    std::string line;
    std::getline(lines, line);
    if (!line.empty() && !outputs.count(line.substr(0, line.find(':')))) tempAfter += line + "\n";
  }
  if (tempAfter != tempBefore) failures.push_back("input files changed or stray files were written");

  if (failures.empty()) return 0;
  std::cerr << "case " << argv[1] << "\n  command: urbangis";
  for (const auto& arg : args) std::cerr << " " << arg;
  std::cerr << "\n";
  for (const auto& failure : failures) std::cerr << "  FAIL: " << failure << "\n";
  std::cerr << "  --- stdout ---\n" << result.out << "  --- stderr ---\n" << result.err;
  return 1;
}

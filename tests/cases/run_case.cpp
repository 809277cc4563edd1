// Runs one declarative CLI case (tests/cases/cli/NAME.json):
//   "files":  {"name": "content", ...}      fixture files written into a fresh folder ${TMP}
//   "copies": [{"from": "${DATA}/daye.gpkg", "to": "t.gpkg", "bytes": 65536}]  (bytes optional)
//   "args":   ["info", "${TMP}/catalog.json"]   ${TMP}, ${DATA}, ${SOURCE} are substituted
//   "exit":   2
//   "stdout" / "stderr": substrings that must appear;  "stderr_lines": exact line count
//   "outputs": files under ${TMP} the command may create; any other change to ${TMP} or to the
//              project's data/ fails the case (inputs are never modified).
// Exit code 0 when the case holds; otherwise prints each mismatch and exits 1.

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <iostream>
#include <sstream>
#include <set>

#include <nlohmann/json.hpp>

#include "../test_support.h"

namespace fs = std::filesystem;
using namespace urbangis;

namespace {

std::string substitute(std::string text, const fs::path& temp) {
  const std::pair<std::string, std::string> variables[] = {
      {"${TMP}", temp.string()},
      {"${DATA}", test::dataDir().string()},
      {"${SOURCE}", test::sourceDir().string()}};
  for (const auto& [name, value] : variables)
    for (size_t at; (at = text.find(name)) != std::string::npos;) text.replace(at, name.size(), value);
  return text;
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
  std::vector<std::string> args;
  for (const auto& arg : spec.at("args")) args.push_back(substitute(arg.get<std::string>(), temp.path()));

  const std::string dataBefore = test::folderFingerprint(test::dataDir());
  const std::string tempBefore = test::folderFingerprint(temp.path());
  const test::ProcessResult result = test::run(URBANGIS_CLI, args, temp.path());

  std::vector<std::string> failures;
  const int expectedExit = spec.value("exit", 0);
  if (result.exitCode != expectedExit)
    failures.push_back("exit code " + std::to_string(result.exitCode) + ", expected " +
                       std::to_string(expectedExit));
  for (const auto& [stream, text] : {std::pair{"stdout", &result.out}, std::pair{"stderr", &result.err}})
    for (const auto& wanted : spec.value(stream, nlohmann::json::array())) {
      const std::string needle = substitute(wanted.get<std::string>(), temp.path());
      if (text->find(needle) == std::string::npos)
        failures.push_back(std::string(stream) + " lacks: " + needle);
    }
  if (spec.contains("stderr_lines")) {
    const auto lines = static_cast<size_t>(std::count(result.err.begin(), result.err.end(), '\n'));
    if (lines != spec.at("stderr_lines").get<size_t>())
      failures.push_back("stderr has " + std::to_string(lines) + " lines, expected " +
                         spec.at("stderr_lines").dump());
  }
  if (test::folderFingerprint(test::dataDir()) != dataBefore)
    failures.push_back("the project's data/ changed");
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

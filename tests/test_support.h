#pragma once
// Helpers shared by the tests: paths to the project and its programs, temporary folders,
// running a program and capturing what it prints.

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis::test {

std::filesystem::path sourceDir();
std::filesystem::path dataDir();  // the committed Daye dataset
std::filesystem::path dayeCatalog();

// A fresh folder removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};
// Runs `program` with `args` (no shell), waits, and returns its exit code and output.
ProcessResult run(const std::string& program, const std::vector<std::string>& args,
                  const std::filesystem::path& workingDir = {});

// `text` written `times` times in a row (deeply nested inputs for the depth-limit tests).
std::string repeated(const std::string& text, size_t times);

std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& content);
// A hash of one file's bytes (with its size; beyond 256 MiB: size, time, first and last MiB).
std::string fileFingerprint(const std::filesystem::path& file);
// A hash of every regular file below `folder` (names and bytes), to show inputs are unchanged.
std::string folderFingerprint(const std::filesystem::path& folder);

}  // namespace urbangis::test

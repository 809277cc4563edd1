#include "io/outputs/atomic_output.h"

#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>

#include "core/error.h"

namespace urbangis {
namespace fs = std::filesystem;
namespace {

// SQLite (GeoPackage) may leave these next to a database it did not close cleanly.
constexpr const char* kSqliteSideFiles[] = {"-journal", "-wal", "-shm"};

fs::path temporaryPathFor(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  const std::string name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++) + target.extension().string();
  return target.has_parent_path() ? target.parent_path() / name : fs::path(name);
}

}  // namespace

void checkOutputTarget(const fs::path& file, const std::vector<fs::path>& inputs) {
  std::error_code error;
  for (const fs::path& input : inputs) {
    if (!fs::exists(input, error) || !fs::exists(file, error)) continue;
    if (fs::equivalent(file, input, error))
      throw InputError(file.string() + ": refusing to write over an input of this run");
  }
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, error))
    throw InputError(file.string() + ": the folder \"" + folder.string() + "\" does not exist");
}

AtomicOutput::AtomicOutput(const fs::path& target)
    : target_(target), path_(temporaryPathFor(target)), registration_(path_, RegisteredTemporary::Kind::sqliteFile) {
  removeFiles();  // a leftover of a crashed process that had our pid
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) removeFiles();
}

void AtomicOutput::commit() {
  std::error_code error;
  fs::rename(path_, target_, error);
  if (error) throw InputError(target_.string() + ": cannot replace: " + error.message());
  committed_ = true;
  for (const char* suffix : kSqliteSideFiles) fs::remove(path_.string() + suffix, error);
}

void AtomicOutput::removeFiles() const {
  std::error_code ignored;
  fs::remove(path_, ignored);
  for (const char* suffix : kSqliteSideFiles) fs::remove(path_.string() + suffix, ignored);
}

}  // namespace urbangis

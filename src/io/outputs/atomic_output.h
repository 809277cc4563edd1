#pragma once
// Outputs are written atomically: into a hidden temporary file beside the target (same file
// system, so the final rename is atomic), renamed over the target only when complete, removed on
// any failure. A reader sees the old file or the new one, never half of one; and a target that
// is one of the run's inputs is refused before anything is written.

#include <filesystem>
#include <vector>

#include "io/outputs/temporary_files.h"

namespace urbangis {

// Throws InputError when `file` is (through any link or spelling) one of `inputs`, or when its
// folder does not exist.
void checkOutputTarget(const std::filesystem::path& file, const std::vector<std::filesystem::path>& inputs);

class AtomicOutput {
 public:
  // ".<name>.tmp-<pid>-<n><ext>" beside `target`, keeping the extension (drivers choose by it).
  explicit AtomicOutput(const std::filesystem::path& target);
  // Registered for removal on a signal (io/outputs/temporary_files.h) while it exists.
  ~AtomicOutput();  // removes the temporary file (and SQLite side files) unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Renames the finished temporary file over the target.
  void commit();

 private:
  void removeFiles() const;
  std::filesystem::path target_, path_;
  RegisteredTemporary registration_;
  bool committed_ = false;
};

}  // namespace urbangis

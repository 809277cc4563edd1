#pragma once
// Progress on stderr for the CLI: silent for the first second (short runs print nothing), then
// one updating line on a terminal, or (with --progress) a line every two seconds in a log;
// cancelled by Ctrl-C (SIGINT) through InterruptFlag.

#include <chrono>
#include <mutex>
#include <string>

#include "cli/arguments.h"
#include "core/progress.h"

namespace urbangis::cli {

// Installs a SIGINT handler for the life of the object; the first Ctrl-C asks work to stop
// cleanly, a second one removes the registered temporary files (io/outputs/temporary_files.h) and ends
// the process at once.
class InterruptFlag {
 public:
  InterruptFlag();
  ~InterruptFlag();
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;
  bool raised() const;
};

class TerminalProgress final : public Progress {
 public:
  // Shows progress as the command's --quiet and --progress say (Arguments::showProgress).
  TerminalProgress(const InterruptFlag& interrupt, const Arguments& arguments);
  ~TerminalProgress() override;
  void report(std::string_view stage, double fraction) const override;
  bool cancelled() const override { return interrupt_.raised(); }

 private:
  const InterruptFlag& interrupt_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  mutable std::mutex mutex_;
  mutable std::chrono::steady_clock::time_point lastPrint_{};
  mutable bool printed_ = false;
  bool terminal_;
  bool shown_;
};

}  // namespace urbangis::cli

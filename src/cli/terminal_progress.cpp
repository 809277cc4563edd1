#include "cli/terminal_progress.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace urbangis::cli {
namespace {

// A signal handler can only reach static storage: this flag is the one piece of process-wide
// state, owned by InterruptFlag's lifetime.
std::atomic<int> interrupts{0};

extern "C" void onInterrupt(int) {
  if (interrupts.fetch_add(1) >= 1) std::_Exit(130);  // second Ctrl-C: stop now
}

}  // namespace

InterruptFlag::InterruptFlag() {
  interrupts = 0;
  std::signal(SIGINT, onInterrupt);
}

InterruptFlag::~InterruptFlag() { std::signal(SIGINT, SIG_DFL); }

bool InterruptFlag::raised() const { return interrupts.load() > 0; }

TerminalProgress::TerminalProgress(const InterruptFlag& interrupt)
    : interrupt_(interrupt), terminal_(isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() {
  if (printed_ && terminal_) std::fputc('\n', stderr);
}

void TerminalProgress::report(std::string_view stage, double fraction) const {
  using namespace std::chrono;
  const auto now = steady_clock::now();
  std::lock_guard lock(mutex_);
  if (now - start_ < seconds(1) || now - lastPrint_ < milliseconds(terminal_ ? 200 : 2000)) return;
  lastPrint_ = now;
  printed_ = true;
  const double elapsed = duration<double>(now - start_).count();
  if (fraction >= 0)
    std::fprintf(stderr, "%s%.*s %3.0f %% (%.1f s)%s", terminal_ ? "\r\033[K" : "",
                 static_cast<int>(stage.size()), stage.data(), 100 * fraction, elapsed,
                 terminal_ ? "" : "\n");
  else
    std::fprintf(stderr, "%s%.*s … (%.1f s)%s", terminal_ ? "\r\033[K" : "",
                 static_cast<int>(stage.size()), stage.data(), elapsed, terminal_ ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace urbangis::cli

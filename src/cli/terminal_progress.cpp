#include "cli/terminal_progress.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "io/outputs/temporary_files.h"

namespace urbangis::cli {
namespace {

// A signal handler can only reach static storage: this flag (and the action it replaced) is the
// one piece of process-wide state here, owned by InterruptFlag's lifetime.
std::atomic<int> interrupts{0};

// The action SIGINT had before the flag's scope, put back when it ends (io/temporary_files'
// cleanup handler, or the default).
struct sigaction previousAction {};

extern "C" void onInterrupt(int) {
  if (interrupts.fetch_add(1) >= 1) {  // second Ctrl-C: stop now, leaving no temporary file
    removeRegisteredTemporaries();
    std::_Exit(130);
  }
}

}  // namespace

InterruptFlag::InterruptFlag() {
  interrupts = 0;
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previousAction);
}

InterruptFlag::~InterruptFlag() { sigaction(SIGINT, &previousAction, nullptr); }

bool InterruptFlag::raised() const { return interrupts.load() > 0; }

TerminalProgress::TerminalProgress(const InterruptFlag& interrupt, const Arguments& arguments)
    : interrupt_(interrupt), terminal_(isatty(STDERR_FILENO) == 1), shown_(arguments.showProgress(terminal_)) {}

TerminalProgress::~TerminalProgress() {
  if (printed_ && terminal_) std::fputc('\n', stderr);
}

void TerminalProgress::report(std::string_view stage, double fraction) const {
  using namespace std::chrono;
  if (!shown_) return;
  const auto now = steady_clock::now();
  std::lock_guard lock(mutex_);
  if (now - start_ < seconds(1) || now - lastPrint_ < milliseconds(terminal_ ? 200 : 2000)) return;
  lastPrint_ = now;
  printed_ = true;
  const double elapsed = duration<double>(now - start_).count();
  if (fraction >= 0)
    std::fprintf(stderr, "%s%.*s %3.0f %% (%.1f s)%s", terminal_ ? "\r\033[K" : "", static_cast<int>(stage.size()),
                 stage.data(), 100 * fraction, elapsed, terminal_ ? "" : "\n");
  else
    std::fprintf(stderr, "%s%.*s … (%.1f s)%s", terminal_ ? "\r\033[K" : "", static_cast<int>(stage.size()),
                 stage.data(), elapsed, terminal_ ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace urbangis::cli

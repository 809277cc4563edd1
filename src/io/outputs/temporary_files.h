#pragma once
// Temporary files that an interrupt must not leave behind. Whoever creates a temporary file or
// folder (atomic outputs, the graph cache, the UTF-8 copy of a GBK CSV, the data generator's
// staging folder) registers it for as long as it exists; a process ended by a signal removes
// every registered one first:
//   - the CLI's second Ctrl-C (cli/terminal_progress.cpp) calls removeRegisteredTemporaries()
//     before it exits;
//   - where SIGINT or SIGTERM still has its default action (the data generator, the viewer, the
//     CLI outside a command's interrupt scope), the first registration installs a handler that
//     removes them and then dies by the signal as before.
// SIGKILL cannot be caught: its leftovers are hidden names that the next run with the same pid
// (or a person) removes (docs/robustness.md).
//
// The table is process-wide static storage, the one thing a signal handler can reach: a fixed
// number of fixed-size slots, each claimed with an atomic flag, so neither registering nor the
// handler allocates or locks.

#include <filesystem>

namespace urbangis {

class RegisteredTemporary {
 public:
  enum class Kind {
    file,        // unlinked
    sqliteFile,  // unlinked with its -journal, -wal and -shm
    folder,      // the files directly in it unlinked, then the folder removed
  };
  // Registers `path` (made absolute). A path too long for a slot, or a full table, is not
  // registered: the cleanup is best effort, never a reason to fail.
  explicit RegisteredTemporary(const std::filesystem::path& path, Kind kind = Kind::file);
  ~RegisteredTemporary();  // unregisters; removing or renaming the file is the owner's job
  RegisteredTemporary(RegisteredTemporary&& other) noexcept;
  RegisteredTemporary& operator=(RegisteredTemporary&&) = delete;
  RegisteredTemporary(const RegisteredTemporary&) = delete;
  RegisteredTemporary& operator=(const RegisteredTemporary&) = delete;

 private:
  int slot_ = -1;
};

// Removes every registered temporary: files first, then folders. Async-signal-safe (unlink(2),
// unlinkat(2), rmdir(2), getdents64(2) over static storage): meant for signal handlers.
void removeRegisteredTemporaries() noexcept;

// How many temporaries are registered now (for tests).
int registeredTemporaryCount() noexcept;

}  // namespace urbangis

#include "io/outputs/temporary_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <system_error>

namespace urbangis {
namespace {

constexpr int kSlots = 128;
constexpr size_t kPathBytes = 1024;
constexpr const char* kSqliteSideFiles[] = {"-journal", "-wal", "-shm"};

enum SlotState : int { freeSlot = 0, busy = 1, registered = 2 };

struct Slot {
  std::atomic<int> state{freeSlot};
  RegisteredTemporary::Kind kind = RegisteredTemporary::Kind::file;
  char path[kPathBytes] = {};
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slots' state");

// The one piece of process-wide mutable state: a signal handler can reach nothing else.
Slot slots[kSlots];

// Unlinks `path` followed by `suffix`, built in a stack buffer (no allocation).
void unlinkWithSuffix(const char* path, const char* suffix) noexcept {
  char buffer[kPathBytes + 16];
  const size_t length = std::strlen(path), extra = std::strlen(suffix);
  if (length + extra >= sizeof buffer) return;
  std::memcpy(buffer, path, length);
  std::memcpy(buffer + length, suffix, extra + 1);
  ::unlink(buffer);
}

// The files directly inside `path`, then the folder itself. Entries are read with
// getdents64(2) into a stack buffer; removing while reading may skip some, so it reads again
// until a pass removes nothing.
void removeFolder(const char* path) noexcept {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buffer[4096];
    for (int pass = 0; pass < 16; ++pass) {
      bool removed = false;
      ::lseek(fd, 0, SEEK_SET);
      for (;;) {
        const ssize_t bytes = ::getdents64(fd, buffer, sizeof buffer);
        if (bytes <= 0) break;
        for (ssize_t offset = 0; offset < bytes;) {
          const auto* entry = reinterpret_cast<const dirent64*>(buffer + offset);
          offset += entry->d_reclen;
          const char* name = entry->d_name;
          if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
          if (::unlinkat(fd, name, 0) == 0) removed = true;
        }
      }
      if (!removed) break;
    }
    ::close(fd);
  }
  ::rmdir(path);
}

void removeSlot(const Slot& slot) noexcept {
  switch (slot.kind) {
    case RegisteredTemporary::Kind::file:
      ::unlink(slot.path);
      break;
    case RegisteredTemporary::Kind::sqliteFile:
      ::unlink(slot.path);
      for (const char* suffix : kSqliteSideFiles) unlinkWithSuffix(slot.path, suffix);
      break;
    case RegisteredTemporary::Kind::folder:
      removeFolder(slot.path);
      break;
  }
}

// Installed for SIGINT/SIGTERM only where they had their default action (SA_RESETHAND puts it
// back on entry): removes the temporaries, then the signal, unblocked when the handler returns,
// ends the process as it would have.
extern "C" void removeTemporariesAndDie(int signal) {
  removeRegisteredTemporaries();
  ::raise(signal);
}

void installDefaultActionHandlers() {
  for (const int signal : {SIGINT, SIGTERM}) {
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) != 0 || (current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL)
      continue;
    struct sigaction action {};
    action.sa_handler = removeTemporariesAndDie;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    ::sigaction(signal, &action, nullptr);
  }
}

}  // namespace

RegisteredTemporary::RegisteredTemporary(const std::filesystem::path& path, Kind kind) {
  static std::once_flag handlers;
  std::call_once(handlers, installDefaultActionHandlers);
  std::error_code error;
  const std::string absolute = std::filesystem::absolute(path, error).string();
  if (error || absolute.size() >= kPathBytes) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = freeSlot;
    if (!slots[i].state.compare_exchange_strong(expected, busy)) continue;
    slots[i].kind = kind;
    std::memcpy(slots[i].path, absolute.c_str(), absolute.size() + 1);
    slots[i].state.store(registered);
    slot_ = i;
    return;
  }
}

RegisteredTemporary::RegisteredTemporary(RegisteredTemporary&& other) noexcept : slot_(other.slot_) {
  other.slot_ = -1;
}

RegisteredTemporary::~RegisteredTemporary() {
  if (slot_ < 0) return;
  slots[slot_].state.store(busy);  // the handler skips it from here
  slots[slot_].path[0] = '\0';
  slots[slot_].state.store(freeSlot);
}

void removeRegisteredTemporaries() noexcept {
  // Files first: a registered folder may hold registered files.
  for (const bool folders : {false, true})
    for (const Slot& slot : slots)
      if (slot.state.load() == registered && (slot.kind == RegisteredTemporary::Kind::folder) == folders)
        removeSlot(slot);
}

int registeredTemporaryCount() noexcept {
  int count = 0;
  for (const Slot& slot : slots) count += slot.state.load() == registered ? 1 : 0;
  return count;
}

}  // namespace urbangis

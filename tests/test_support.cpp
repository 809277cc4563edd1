#include "test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace urbangis::test {
namespace fs = std::filesystem;

fs::path sourceDir() { return URBANGIS_SOURCE_DIR; }
fs::path dataDir() { return sourceDir() / "data"; }
fs::path dayeCatalog() { return sourceDir() / "layers" / "daye.json"; }

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "urbangis-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string repeated(const std::string& text, size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (size_t i = 0; i < times; ++i) out += text;
  return out;
}

std::string readFile(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string fileFingerprint(const fs::path& file) {
  // FNV-1a over the bytes, streamed. A file beyond 256 MiB (the bad-input corpus's 2 GB sparse
  // file) is fingerprinted by its size, modification time and first and last MiB: a writer
  // changes the time even where it leaves those bytes alone.
  constexpr uintmax_t kWhole = 256u << 20, kEnd = 1u << 20;
  std::error_code error;
  const uintmax_t size = fs::file_size(file, error);
  uint64_t hash = 1469598103934665603ull;
  const auto mix = [&hash](const char* bytes, size_t n) {
    for (size_t i = 0; i < n; ++i) hash = (hash ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  };
  std::ifstream stream(file, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  const auto readSpan = [&](uintmax_t from, uintmax_t length) {
    stream.clear();
    stream.seekg(static_cast<std::streamoff>(from));
    while (length > 0 && stream) {
      stream.read(buffer.data(), static_cast<std::streamsize>(std::min<uintmax_t>(length, buffer.size())));
      const auto got = static_cast<size_t>(stream.gcount());
      if (got == 0) break;
      mix(buffer.data(), got);
      length -= got;
    }
  };
  std::ostringstream text;
  text << size << "/";
  if (size <= kWhole) {
    readSpan(0, size);
  } else {
    readSpan(0, kEnd);
    readSpan(size - kEnd, kEnd);
    text << fs::last_write_time(file, error).time_since_epoch().count() << "/";
  }
  text << hash;
  return text.str();
}

std::string folderFingerprint(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::ostringstream fingerprint;
  for (const auto& file : files)
    fingerprint << fs::relative(file, folder).string() << ":" << fileFingerprint(file) << "\n";
  return fingerprint.str();
}

namespace {

std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  return text;
}

}  // namespace

ProcessResult run(const std::string& program, const std::vector<std::string>& args, const fs::path& workingDir) {
  int outPipe[2], errPipe[2];
  if (pipe(outPipe) != 0 || pipe(errPipe) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, outPipe[0]);
  posix_spawn_file_actions_addclose(&actions, errPipe[0]);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> argvText{program};
  argvText.insert(argvText.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argvText) argv.push_back(arg.data());
  argv.push_back(nullptr);

  if (!workingDir.empty()) posix_spawn_file_actions_addchdir_np(&actions, workingDir.c_str());
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(outPipe[1]);
  ::close(errPipe[1]);
  if (spawned != 0) throw std::runtime_error("cannot start " + program);

  ProcessResult result;
  std::thread errReader([&] { result.err = drain(errPipe[0]); });
  result.out = drain(outPipe[0]);
  errReader.join();
  int status = 0;
  waitpid(pid, &status, 0);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace urbangis::test

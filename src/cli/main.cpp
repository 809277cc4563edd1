// urbangis: every analysis of UrbanGIS, headless. Finds the command the words name, parses its
// options against its spec, and maps the outcome to the documented exit codes.

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include <cpl_error.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
#include <QString>
#include <QtGlobal>

#include "cli/cli_docs.h"
#include "cli/commands.h"
#include "cli/help_text.h"
#include "cli/nearest_name.h"
#include "core/error.h"
#include "io/outputs/atomic_output.h"

namespace {

using urbangis::cli::Command;
using urbangis::cli::commands;

constexpr int kUsageError = 2;

std::string versionText() {
  return std::string("urbangis ") + URBANGIS_VERSION + "\nGDAL " + GDALVersionInfo("RELEASE_NAME") + "\nGEOS " +
         GEOSversion() + "\nPROJ " + proj_info().version + "\nQt " + qVersion() + "\n";
}

// The command whose path the first words spell, the longest first ("route tour" before "route").
const Command* findCommand(const std::vector<std::string>& args, size_t& words) {
  const Command* found = nullptr;
  for (const Command& command : commands()) {
    const std::string& path = command.spec.path;
    const size_t spaces = static_cast<size_t>(std::count(path.begin(), path.end(), ' '));
    if (args.size() <= spaces) continue;
    std::string spelled = args[0];
    for (size_t i = 1; i <= spaces; ++i) spelled += " " + args[i];
    if (spelled == path && (!found || spaces + 1 > words)) {
      found = &command;
      words = spaces + 1;
    }
  }
  return found;
}

// A group of subcommands without a command of its own ("hotspot", "catalog").
bool isGroup(const std::string& word) { return !urbangis::cli::subcommandsOf(word, commands()).empty(); }

// `urbangis help --man DIR`: the man pages, each written atomically.
int writeManPages(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw urbangis::InputError(dir + ": cannot create the folder: " + error.message());
  for (const auto& page : urbangis::cli::manPages(commands(), URBANGIS_VERSION)) {
    urbangis::AtomicOutput output(std::filesystem::path(dir) / page.fileName);
    std::ofstream file(output.path(), std::ios::binary);
    file << page.roff;
    file.close();
    if (!file) throw urbangis::InputError(output.path().string() + ": cannot write the man page");
    output.commit();
  }
  return 0;
}

// `urbangis help …`, `urbangis --help`, `urbangis -h`.
int help(const std::vector<std::string>& topic) {
  if (topic.size() == 2 && topic[0] == "--man") return writeManPages(topic[1]);
  if (topic.size() == 1 && topic[0] == "--markdown") {
    std::cout << urbangis::cli::markdownReference(commands());
    return 0;
  }
  if (topic.empty()) {
    std::cout << urbangis::cli::overviewHelp(commands());
    return 0;
  }
  size_t words = 0;
  if (const Command* command = findCommand(topic, words); command && words == topic.size()) {
    std::cout << urbangis::cli::commandHelp(command->spec, commands());
    return 0;
  }
  if (topic.size() == 1 && isGroup(topic[0])) {
    std::cout << urbangis::cli::groupHelp(topic[0], commands());
    return 0;
  }
  std::string joined;
  for (const std::string& word : topic) joined += (joined.empty() ? "" : " ") + word;
  std::cerr << "urbangis: error: no command \"" << joined << "\" (urbangis --help lists them)\n";
  return kUsageError;
}

// Discards what is written to it: std::cerr under --quiet.
class NullBuffer final : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

// Qt's own debug output and warnings (e.g. about XDG_RUNTIME_DIR when it renders), dropped under
// --quiet; critical and fatal messages still go to stderr.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type == QtCriticalMsg || type == QtFatalMsg) std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

// Errors thrown out of here are printed by main after std::cerr is restored, so --quiet keeps them.
int run(const Command& command, const std::vector<std::string>& rest) {
  const urbangis::cli::Arguments arguments(rest, command.spec);
  if (arguments.helpRequested()) {
    std::cout << urbangis::cli::commandHelp(command.spec, commands());
    return 0;
  }
  NullBuffer discard;
  std::streambuf* const stderrBuffer = std::cerr.rdbuf();
  const bool quiet = arguments.has("quiet");
  if (quiet) {
    std::cerr.rdbuf(&discard);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    qInstallMessageHandler(quietQtMessages);
  }
  for (const std::string& note : arguments.deprecations()) std::cerr << "urbangis: note: " << note << "\n";
  struct Restore {
    std::streambuf* buffer;
    bool quiet;
    ~Restore() {
      std::cerr.rdbuf(buffer);
      if (quiet) CPLPopErrorHandler();
    }
  } restore{stderrBuffer, quiet};
  return command.run(arguments);
}

}  // namespace

int main(int argc, char** argv) {
  // Columnar batches are a few MB each: keep freed ones in the heap for the next batch instead
  // of returning them to the kernel and faulting fresh pages in (measured: 15 % of a run).
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << urbangis::cli::overviewHelp(commands());
    return kUsageError;
  }
  try {
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help")
      return help(std::vector<std::string>(args.begin() + 1, args.end()));
    if (args[0] == "--version") {
      std::cout << versionText();
      return 0;
    }
    size_t words = 0;
    const Command* command = findCommand(args, words);
    if (!command) {
      if (isGroup(args[0])) {
        if (args.size() > 1 && (args[1] == "--help" || args[1] == "-h")) {
          std::cout << urbangis::cli::groupHelp(args[0], commands());
          return 0;
        }
        std::cerr << "urbangis: error: "
                  << (args.size() == 1 ? args[0] + " needs a subcommand"
                                       : "unknown subcommand \"" + args[0] + " " + args[1] + "\"")
                  << "\n"
                  << urbangis::cli::groupHelp(args[0], commands());
        return kUsageError;
      }
      std::vector<std::string> names;
      for (const Command& known : commands()) names.push_back(known.spec.path.substr(0, known.spec.path.find(' ')));
      const auto nearest = urbangis::cli::nearestName(args[0], names);
      std::cerr << "urbangis: error: unknown command \"" << args[0] << "\" ("
                << (nearest ? "did you mean \"" + *nearest + "\"? " : "") << "urbangis --help lists them)\n";
      return kUsageError;
    }
    return run(*command, std::vector<std::string>(args.begin() + static_cast<long>(words), args.end()));
  } catch (const urbangis::InputError& error) {
    std::cerr << "urbangis: error: " << error.what() << "\n";
    return kUsageError;
  } catch (const urbangis::Cancelled&) {
    std::cerr << "urbangis: cancelled\n";
    return 130;
  } catch (const std::exception& error) {
    std::cerr << "urbangis: internal error: " << error.what() << "\n";
    return 1;
  }
}

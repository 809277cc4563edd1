#include "cli/help_text.h"

#include <sstream>

namespace urbangis::cli {
namespace {

constexpr size_t kOptionColumn = 26;

// Columns a UTF-8 string takes (one per character: the help is English, with "…", "×" and "–").
size_t columns(const std::string& text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

void appendOption(std::ostringstream& out, const OptionSpec& option) {
  const std::string label = "  " + optionLabel(option);
  out << label;
  if (columns(label) + 2 > kOptionColumn)
    out << "\n" << std::string(kOptionColumn, ' ');
  else
    out << std::string(kOptionColumn - columns(label), ' ');
  out << wrapped(optionHelp(option), kOptionColumn) << "\n";
}

}  // namespace

const std::vector<ExitCode>& exitCodes() {
  static const std::vector<ExitCode> codes{
      {0, "success", "Success."},
      {1, "internal error", "Internal error: a bug; please report it with the command line."},
      {2, "bad input or usage", "Bad input or usage: the message names the file, layer, feature or option."},
      {130, "cancelled", "Cancelled with Ctrl-C: no output written, no temporary file left."},
  };
  return codes;
}

std::string wrapped(const std::string& text, size_t indent, size_t width) {
  std::ostringstream out;
  std::istringstream paragraphs(text);
  bool firstParagraph = true;
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    if (!firstParagraph) out << "\n" << std::string(indent, ' ');
    firstParagraph = false;
    std::istringstream words(paragraph);
    size_t column = indent;
    bool firstWord = true;
    for (std::string word; words >> word;) {
      if (!firstWord && column + 1 + columns(word) > width) {
        out << "\n" << std::string(indent, ' ');
        column = indent;
        firstWord = true;
      }
      if (!firstWord) {
        out << ' ';
        ++column;
      }
      out << word;
      column += columns(word);
      firstWord = false;
    }
  }
  return out.str();
}

std::string optionLabel(const OptionSpec& option) {
  std::string label = option.name == "help" ? "-h, --help" : "--" + option.name;
  if (!option.value.empty()) label += " " + option.value;
  if (option.repeatable) label += " …";
  return label;
}

std::string optionHelp(const OptionSpec& option) {
  std::string help = option.help;
  if (!option.choices.empty()) {
    help += " One of: ";
    for (size_t i = 0; i < option.choices.size(); ++i) help += (i ? ", " : "") + option.choices[i];
    help += ".";
  }
  if (option.repeatable) help += " May be given more than once.";
  for (const std::string& alias : option.deprecatedAliases)
    help += " (Formerly --" + alias + ", still accepted until the next release.)";
  return help;
}

std::string overviewHelp(const std::vector<Command>& commands) {
  std::ostringstream out;
  out << "usage: urbangis COMMAND [options]\n"
         "       urbangis COMMAND --help    (usage, every option and examples of one command)\n"
         "       urbangis --version\n\n"
      << wrapped(
             "UrbanGIS analyses a city's urban-management data headless: statistics by zone, hot spots, "
             "routes, print maps, web maps and the annual report.",
             0)
      << "\n\nCommands:\n";
  for (const Command& command : commands) {
    const std::string label = "  " + command.spec.path;
    out << label;
    if (label.size() + 2 > kOptionColumn)
      out << "\n" << std::string(kOptionColumn, ' ');
    else
      out << std::string(kOptionColumn - label.size(), ' ');
    out << wrapped(command.spec.summary, kOptionColumn) << "\n";
  }
  out << "\n"
      << wrapped(
             "CATALOG is a catalog file, or a data file or folder in its place (its layers inferred as by "
             "`catalog init`); without one, the embedded Daye catalog. A layer option (--by, --layers, "
             "--layer …) takes a layer id or a data file: an argument with a '/' or a '.' is a file (no "
             "layer id has either), e.g. urbangis stats --by wards.geojson --layers cases.csv",
             0)
      << "\n\nCommon options (every command):\n";
  for (const OptionSpec& option : commonOptions()) appendOption(out, option);
  out << "  --version" << std::string(kOptionColumn - 11, ' ')
      << wrapped("Print the version of urbangis and of the GDAL, GEOS, PROJ and Qt it runs on, and exit.",
                 kOptionColumn)
      << "\n\nExit codes:\n";
  for (const ExitCode& exit : exitCodes())
    out << "  " << exit.code << std::string(kOptionColumn - 2 - std::to_string(exit.code).size(), ' ')
        << wrapped(exit.detail, kOptionColumn) << "\n";
  return out.str();
}

std::vector<const Command*> subcommandsOf(const std::string& path, const std::vector<Command>& commands) {
  std::vector<const Command*> found;
  for (const Command& command : commands)
    if (command.spec.path.rfind(path + " ", 0) == 0) found.push_back(&command);
  return found;
}

std::string commandHelp(const CommandSpec& spec, const std::vector<Command>& commands) {
  std::ostringstream out;
  out << "usage: urbangis " << spec.path << " " << spec.synopsis << "\n\n" << wrapped(spec.summary, 0) << "\n";
  if (!spec.description.empty()) out << "\n" << wrapped(spec.description, 0) << "\n";
  if (!spec.options.empty()) {
    out << "\nOptions:\n";
    for (const OptionSpec& option : spec.options) appendOption(out, option);
  }
  out << "\nCommon options:\n";
  for (const OptionSpec& option : commonOptions()) appendOption(out, option);
  if (!spec.examples.empty()) {
    out << "\nExamples:\n";
    for (const Example& example : spec.examples)
      out << "  " << example.command << "\n      " << wrapped(example.what, 6) << "\n";
  }
  if (const auto subcommands = subcommandsOf(spec.path, commands); !subcommands.empty()) {
    out << "\nSubcommands (urbangis " << spec.path << " SUBCOMMAND --help for their options):\n";
    for (const Command* command : subcommands) {
      const std::string label = "  " + command->spec.path;
      out << label << std::string(label.size() + 2 > kOptionColumn ? 2 : kOptionColumn - label.size(), ' ')
          << wrapped(command->spec.summary, kOptionColumn) << "\n";
    }
  }
  out << "\nExit codes:";
  for (const ExitCode& exit : exitCodes()) out << (exit.code ? ", " : " ") << exit.code << " " << exit.brief;
  out << "\n";
  return out.str();
}

std::string groupHelp(const std::string& group, const std::vector<Command>& commands) {
  std::ostringstream out;
  out << "usage: urbangis " << group << " SUBCOMMAND [options]\n\nSubcommands:\n";
  for (const Command* command : subcommandsOf(group, commands)) {
    const std::string label = "  " + command->spec.path.substr(group.size() + 1);
    out << label << std::string(label.size() + 2 > kOptionColumn ? 2 : kOptionColumn - label.size(), ' ')
        << wrapped(command->spec.summary, kOptionColumn) << "\n";
  }
  out << "\nurbangis " << group << " SUBCOMMAND --help shows the options of one.\n";
  return out.str();
}

}  // namespace urbangis::cli

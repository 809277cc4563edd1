#include "cli/cli_docs.h"

#include <sstream>

#include "cli/help_text.h"

namespace urbangis::cli {
namespace {

// Text safe in a roff line: backslashes escaped, hyphens of options unbreakable minus signs, and
// a line starting with a control character made plain.
std::string roffText(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\')
      out += "\\e";
    else if (c == '-' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '-' || text[i - 1] == '(' ||
                          text[i - 1] == '[' || text[i - 1] == '|' || text[i - 1] == '`'))
      out += "\\-";
    else
      out += c;
  }
  std::string lines;
  std::istringstream stream(out);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) line = "\\&" + line;
    lines += line + "\n";
  }
  return lines;
}

std::string manName(const std::string& path) {
  std::string name = "urbangis-" + path;
  for (char& c : name)
    if (c == ' ') c = '-';
  return name;
}

std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

void roffOption(std::ostringstream& out, const OptionSpec& option) {
  out << ".TP\n.B " << roffText(optionLabel(option)) << roffText(optionHelp(option));
}

void roffExitCodes(std::ostringstream& out) {
  out << ".SH EXIT STATUS\n";
  for (const ExitCode& exit : exitCodes()) out << ".TP\n.B " << exit.code << "\n" << roffText(exit.detail);
}

std::string header(const std::string& name, const std::string& version) {
  return ".TH " + upper(name) + " 1 \"\" \"urbangis " + version + "\" \"UrbanGIS\"\n";
}

// Text for a Markdown table cell: characters Markdown reads escaped, except inside `code`.
std::string markdownEscaped(const std::string& text) {
  std::string out;
  bool code = false;
  for (const char c : text) {
    if (c == '`') code = !code;
    if (c == '|' || (!code && (c == '*' || c == '_' || c == '<'))) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::vector<ManPage> manPages(const std::vector<Command>& commands, const std::string& version) {
  std::vector<ManPage> pages;
  {
    std::ostringstream out;
    out << header("urbangis", version) << ".SH NAME\nurbangis \\- urban-management GIS analyses, headless\n"
        << ".SH SYNOPSIS\n.B urbangis\n.I COMMAND\n[options]\n.br\n.B urbangis\n.I COMMAND\n\\-\\-help\n.br\n"
        << ".B urbangis\n\\-\\-version\n.SH DESCRIPTION\n"
        << roffText(
               "UrbanGIS analyses a city's urban-management data: statistics by zone, hot spots, routes along "
               "the roads, print maps, web maps and the annual report. CATALOG is a catalog file, or a data "
               "file or folder in its place; without one, the embedded Daye catalog. A layer option takes a "
               "layer id or a data file (an argument with a '/' or a '.').")
        << ".SH COMMANDS\n";
    for (const Command& command : commands)
      out << ".TP\n.BR " << manName(command.spec.path) << " (1)\n" << roffText(command.spec.summary);
    out << ".SH COMMON OPTIONS\n";
    for (const OptionSpec& option : commonOptions()) roffOption(out, option);
    out << ".TP\n.B \\-\\-version\n"
        << roffText("Print the version of urbangis and of the GDAL, GEOS, PROJ and Qt it runs on, and exit.")
        << ".SH ENVIRONMENT\n.TP\n.B URBANGIS_CACHE_DIR\n"
        << roffText("Where routing keeps its road graphs (default $XDG_CACHE_HOME/urbangis or ~/.cache/urbangis).")
        << ".TP\n.B URBANGIS_CACHE_MAX_MB\n"
        << roffText("The cache's limit in megabytes (default 512; 0 turns caching off).");
    roffExitCodes(out);
    out << ".SH SEE ALSO\n.BR urbangis-viewer (1)\n";
    pages.push_back({"urbangis.1", out.str()});
  }
  for (const Command& command : commands) {
    const CommandSpec& spec = command.spec;
    const std::string name = manName(spec.path);
    std::ostringstream out;
    out << header(name, version) << ".SH NAME\n"
        << name << " \\- " << roffText(spec.summary) << ".SH SYNOPSIS\n.B urbangis " << spec.path << "\n"
        << roffText(spec.synopsis) << ".SH DESCRIPTION\n"
        << roffText(spec.description.empty() ? spec.summary : spec.description);
    if (const auto subcommands = subcommandsOf(spec.path, commands); !subcommands.empty()) {
      out << ".SH SUBCOMMANDS\n";
      for (const Command* subcommand : subcommands)
        out << ".TP\n.BR " << manName(subcommand->spec.path) << " (1)\n" << roffText(subcommand->spec.summary);
    }
    if (!spec.options.empty()) {
      out << ".SH OPTIONS\n";
      for (const OptionSpec& option : spec.options) roffOption(out, option);
    }
    out << ".SH COMMON OPTIONS\n";
    for (const OptionSpec& option : commonOptions()) roffOption(out, option);
    if (!spec.examples.empty()) {
      out << ".SH EXAMPLES\n";
      for (const Example& example : spec.examples)
        out << ".PP\n" << roffText(example.what) << ".RS\n.nf\n" << roffText(example.command) << ".fi\n.RE\n";
    }
    roffExitCodes(out);
    out << ".SH SEE ALSO\n.BR urbangis (1)\n";
    pages.push_back({name + ".1", out.str()});
  }
  return pages;
}

std::string markdownReference(const std::vector<Command>& commands) {
  std::ostringstream out;
  for (const Command& command : commands) {
    const CommandSpec& spec = command.spec;
    out << "### urbangis " << spec.path << "\n\n```\nurbangis " << spec.path << " " << spec.synopsis << "\n```\n\n"
        << spec.summary << "\n\n";
    if (!spec.description.empty()) out << spec.description << "\n\n";
    if (!spec.options.empty()) {
      out << "| Option | What it does |\n|---|---|\n";
      for (const OptionSpec& option : spec.options)
        out << "| `" << optionLabel(option) << "` | " << markdownEscaped(optionHelp(option)) << " |\n";
      out << "\n";
    }
    if (!spec.examples.empty()) {
      out << "Examples:\n\n";
      for (const Example& example : spec.examples)
        out << "- " << markdownEscaped(example.what) << "\n\n  ```\n  " << example.command << "\n  ```\n";
      out << "\n";
    }
  }
  out << "Every command also takes ";
  std::string common;
  for (const OptionSpec& option : commonOptions()) common += (common.empty() ? "`" : ", `") + optionLabel(option) + "`";
  out << common << ". Exit codes:";
  for (const ExitCode& exit : exitCodes()) out << (exit.code ? ", " : " ") << exit.code << " " << exit.brief;
  out << ".\n";
  return out.str();
}

}  // namespace urbangis::cli

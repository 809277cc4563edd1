#include "cli/shell_completion.h"

#include <set>
#include <sstream>

namespace urbangis::cli {
namespace {

std::string joined(const std::vector<std::string>& items, const char* separator = " ") {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

// The words a user types before a command's options: "stats", "hotspot" "kde".
std::vector<std::string> pathWords(const CommandSpec& spec) {
  std::vector<std::string> words;
  std::istringstream stream(spec.path);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::vector<const OptionSpec*> allOptions(const CommandSpec& spec) {
  std::vector<const OptionSpec*> options;
  for (const OptionSpec& option : spec.options) options.push_back(&option);
  for (const OptionSpec& option : commonOptions()) options.push_back(&option);
  return options;
}

// The first words of the command paths, in order, each once.
std::vector<std::string> topWords(const std::vector<Command>& commands) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  for (const Command& command : commands)
    if (seen.insert(pathWords(command.spec).front()).second) words.push_back(pathWords(command.spec).front());
  return words;
}

// The second words under `top` ("hotspot" → kde hexbin gistar).
std::vector<std::string> subWords(const std::vector<Command>& commands, const std::string& top) {
  std::vector<std::string> words;
  for (const Command& command : commands) {
    const auto path = pathWords(command.spec);
    if (path.size() == 2 && path[0] == top) words.push_back(path[1]);
  }
  return words;
}

// A bash compgen call for a value or positional of this kind.
std::string bashValueCompletion(ValueKind kind, const std::vector<std::string>& choices) {
  if (!choices.empty()) return "COMPREPLY=($(compgen -W \"" + joined(choices) + "\" -- \"$cur\"))";
  switch (kind) {
    case ValueKind::directory:
      return "COMPREPLY=($(compgen -d -- \"$cur\"))";
    case ValueKind::file:
    case ValueKind::layer:
      return "COMPREPLY=($(compgen -f -- \"$cur\"))";
    case ValueKind::text:
      break;
  }
  return "COMPREPLY=()";
}

// Text safe inside a zsh single-quoted _arguments spec: the first sentence, without the
// characters _arguments gives a meaning ([ ] :) and with quotes closed and reopened.
std::string zshDescription(const std::string& help) {
  std::string sentence = help.substr(0, help.find(". "));
  if (!sentence.empty() && sentence.back() == '.') sentence.pop_back();
  std::string out;
  for (const char c : sentence) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '[' || c == ']' || c == ':')
      out += c == ':' ? ';' : (c == '[' ? '(' : ')');
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string zshAction(ValueKind kind, const std::vector<std::string>& choices) {
  if (!choices.empty()) return "(" + joined(choices) + ")";
  switch (kind) {
    case ValueKind::directory:
      return "_files -/";
    case ValueKind::file:
    case ValueKind::layer:
      return "_files";
    case ValueKind::text:
      break;
  }
  return " ";
}

}  // namespace

std::string bashCompletion(const std::vector<Command>& commands) {
  std::ostringstream out;
  out << "# bash completion for urbangis; written by `urbangis completion bash` from the commands' own\n"
         "# option lists. Install as share/bash-completion/completions/urbangis, or source it.\n"
         "_urbangis() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  local first=\"${COMP_WORDS[1]}\" second=\"${COMP_WORDS[2]}\" path\n"
         "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "    COMPREPLY=($(compgen -W \""
      << joined(topWords(commands)) << " help --help --version\" -- \"$cur\"))\n"
      << "    return\n  fi\n  case \"$first\" in\n";
  for (const std::string& top : topWords(commands)) {
    const auto subs = subWords(commands, top);
    if (subs.empty()) continue;
    bool hasOwn = false;
    for (const Command& command : commands) hasOwn = hasOwn || command.spec.path == top;
    out << "    " << top << ")\n      case \"$second\" in\n        " << joined(subs, "|") << ") path=\"" << top
        << " $second\" ;;\n"
        << "        *) path=" << top << " ;;\n      esac\n";
    out << "      if [ \"$COMP_CWORD\" -eq 2 ] && [[ \"$cur\" != -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W \"" << joined(subs) << "\" -- \"$cur\"))\n"
        << "        " << (hasOwn ? "[ ${#COMPREPLY[@]} -gt 0 ] && return" : "return") << "\n      fi ;;\n";
  }
  out << "    *) path=\"$first\" ;;\n  esac\n  case \"$path\" in\n";
  for (const Command& command : commands) {
    const CommandSpec& spec = command.spec;
    std::vector<std::string> names;
    for (const OptionSpec* option : allOptions(spec)) names.push_back("--" + option->name);
    out << "    \"" << spec.path << "\")\n      case \"$prev\" in\n";
    for (const OptionSpec* option : allOptions(spec)) {
      if (option->value.empty()) continue;
      std::vector<std::string> spellings{"--" + option->name};
      for (const std::string& alias : option->deprecatedAliases) spellings.push_back("--" + alias);
      out << "        " << joined(spellings, "|") << ") " << bashValueCompletion(option->kind, option->choices)
          << "; return ;;\n";
    }
    out << "      esac\n"
        << "      if [[ \"$cur\" == -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W \"" << joined(names) << "\" -- \"$cur\"))\n"
        << "      else\n        " << bashValueCompletion(spec.positional, spec.positionalChoices) << "\n"
        << "      fi ;;\n";
  }
  out << "  esac\n"
         "}\n"
         "complete -o filenames -o bashdefault -F _urbangis urbangis\n";
  return out.str();
}

std::string zshCompletion(const std::vector<Command>& commands) {
  std::ostringstream out;
  out << "#compdef urbangis\n"
         "# zsh completion for urbangis; written by `urbangis completion zsh` from the commands' own option\n"
         "# lists. Install as share/zsh/vendor-completions/_urbangis (or anywhere on $fpath).\n\n";
  // One function per command path, completing its options and positionals.
  for (const Command& command : commands) {
    const CommandSpec& spec = command.spec;
    std::string function = "_urbangis_" + spec.path;
    for (char& c : function)
      if (c == ' ' || c == '-') c = '_';
    out << function << "() {\n  _arguments -S \\\n";
    for (const OptionSpec* option : allOptions(spec)) {
      const std::string description = zshDescription(option->help);
      std::string names = "--" + option->name;
      if (option->name == "help") names = "(- *)'{-h,--help}'";
      out << "    " << (option->repeatable ? "'*" : "'") << names << (option->value.empty() ? "" : "=") << "["
          << description << "]";
      if (!option->value.empty()) {
        std::string placeholder = zshDescription(option->value);
        out << ":" << placeholder << ":" << zshAction(option->kind, option->choices);
      }
      out << "' \\\n";
      for (const std::string& alias : option->deprecatedAliases)
        out << "    '" << (option->repeatable ? "*" : "") << "--" << alias << "=[deprecated: use --" << option->name
            << "]:" << zshDescription(option->value) << ":" << zshAction(option->kind, option->choices) << "' \\\n";
    }
    out << "    '*:" << (spec.positional == ValueKind::layer ? "catalog or data" : "argument") << ":"
        << zshAction(spec.positional, spec.positionalChoices) << "'\n}\n\n";
  }
  out << "_urbangis() {\n  local -a top\n  top=(\n";
  for (const std::string& top : topWords(commands)) {
    std::string summary;
    for (const Command& command : commands)
      if (pathWords(command.spec).front() == top && summary.empty()) summary = command.spec.summary;
    out << "    '" << top << ":" << zshDescription(summary) << "'\n";
  }
  out << "  )\n  if (( CURRENT == 2 )); then\n    _describe -t commands 'urbangis command' top\n    return\n  fi\n"
         "  local cmdpath=${words[2]} depth=1\n  case ${words[2]} in\n";
  for (const std::string& top : topWords(commands)) {
    const auto subs = subWords(commands, top);
    if (subs.empty()) continue;
    out << "    " << top << ")\n      if (( CURRENT == 3 )) && [[ ${words[3]} != -* ]]; then\n"
        << "        local -a subs\n        subs=(";
    for (const Command& command : commands) {
      const auto path = pathWords(command.spec);
      if (path.size() == 2 && path[0] == top)
        out << " '" << path[1] << ":" << zshDescription(command.spec.summary) << "'";
    }
    out << " )\n        _describe -t subcommands 'urbangis " << top << " subcommand' subs\n        return\n"
        << "      fi\n      case ${words[3]} in\n        " << joined(subs, "|") << ") cmdpath=\"" << top
        << " ${words[3]}\"; depth=2 ;;\n      esac ;;\n";
  }
  out << "  esac\n  shift $depth words\n  (( CURRENT -= depth ))\n  case $cmdpath in\n";
  for (const Command& command : commands) {
    std::string function = "_urbangis_" + command.spec.path;
    for (char& c : function)
      if (c == ' ' || c == '-') c = '_';
    out << "    '" << command.spec.path << "') " << function << " ;;\n";
  }
  out << "  esac\n}\n\n_urbangis \"$@\"\n";
  return out.str();
}

}  // namespace urbangis::cli

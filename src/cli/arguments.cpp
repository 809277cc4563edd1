#include "cli/arguments.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "cli/nearest_name.h"
#include "core/error.h"

namespace urbangis::cli {

Arguments::Arguments(const std::vector<std::string>& args, const CommandSpec& spec) : spec_(&spec) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h") {
      switches_.insert("help");
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positionals_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    const auto equals = name.find('=');
    const bool inlineValue = equals != std::string::npos;
    if (inlineValue) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    const OptionSpec* option = findOption(spec, name);
    if (!option) {
      std::vector<std::string> names;
      for (const auto* options : {&spec.options, &commonOptions()})
        for (const OptionSpec& known : *options) names.push_back(known.name);
      const auto nearest = nearestName(name, names);
      throw InputError("unknown option --" + name + " (" + (nearest ? "did you mean --" + *nearest + "? " : "") +
                       "urbangis " + spec.path + " --help lists the options)");
    }
    if (option->name != name)
      deprecations_.push_back("--" + name + " is deprecated and will be removed in the next release: use --" +
                              option->name);
    if (option->value.empty()) {
      if (inlineValue) throw InputError("option --" + option->name + " takes no value");
      switches_.insert(option->name);
      continue;
    }
    if (!inlineValue) {
      if (i + 1 >= args.size()) throw InputError("option --" + option->name + " needs a value " + option->value);
      value = args[++i];
    }
    if (!option->choices.empty()) {
      bool allowed = false;
      std::string list;
      for (const std::string& choice : option->choices) {
        allowed = allowed || choice == value;
        list += (list.empty() ? "" : ", ") + choice;
      }
      if (!allowed) throw InputError("--" + option->name + " \"" + value + "\": use one of " + list);
    }
    values_[option->name].push_back(value);
  }
}

const OptionSpec& Arguments::declared(const std::string& name) const {
  const OptionSpec* option = findOption(*spec_, name);
  if (!option || option->name != name)
    throw std::logic_error("urbangis " + spec_->path + " reads --" + name + ", which its spec does not declare");
  return *option;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  if (declared(name).value.empty())
    throw std::logic_error("--" + name + " is a switch of urbangis " + spec_->path + ", not a valued option");
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  (void)value(name);  // the same checks
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool Arguments::has(const std::string& name) const {
  if (!declared(name).value.empty())
    throw std::logic_error("--" + name + " of urbangis " + spec_->path + " takes a value; read it with value()");
  return switches_.count(name) > 0;
}

bool Arguments::showProgress(bool stderrIsTerminal) const {
  if (has("quiet")) return false;
  return has("progress") || stderrIsTerminal;
}

std::optional<double> parseNumber(const std::string& text) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');)
    if (!item.empty()) items.push_back(item);
  return items;
}

}  // namespace urbangis::cli

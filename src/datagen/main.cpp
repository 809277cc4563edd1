// urbangis-datagen: writes the synthetic Daye dataset (see docs/dataset.md).

#include <charconv>
#include <iostream>
#include <string>

#include "core/error.h"
#include "datagen/generator.h"
#include "io/catalog/resources.h"

namespace {

constexpr const char* kUsage = R"(usage: urbangis-datagen [--out DIR] [--seed N] [--scale K] [--quiet]

Writes DIR/daye.gpkg and DIR/complaints.csv (default DIR: ./data). The same seed and scale give
byte-identical files. --scale multiplies every count and total of the 2023 report (benchmarks
use 10 and 100).
)";

template <typename T>
T parseNumber(const std::string& text, const char* option) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw urbangis::InputError(std::string(option) + " needs a whole number, got \"" + text + "\"");
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  urbangis::datagen::GeneratorOptions options;
  options.placesFolder = urbangis::dataDirectory() / "data" / "places";
  options.boundaryFile = urbangis::dataDirectory() / "data" / "boundary" / "huangshi_counties_gcj02_echarts.geojson";
  options.outputFolder = "data";
  bool quiet = false;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto next = [&]() -> std::string {
        if (i + 1 >= argc) throw urbangis::InputError(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--out")
        options.outputFolder = next();
      else if (arg == "--seed")
        options.seed = parseNumber<uint64_t>(next(), "--seed");
      else if (arg == "--scale")
        options.scale = parseNumber<int64_t>(next(), "--scale");
      else if (arg == "--places")
        options.placesFolder = next();
      else if (arg == "--boundary")
        options.boundaryFile = next();
      else if (arg == "--quiet")
        quiet = true;
      else if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
      } else
        throw urbangis::InputError("unknown argument \"" + arg + "\"");
    }
    if (options.scale < 1 || options.scale > 1000) throw urbangis::InputError("--scale must be between 1 and 1000");
    if (!quiet) options.progress = [](const std::string& line) { std::cerr << "datagen: " << line << "\n"; };
    urbangis::datagen::generateDaye(options);
    return 0;
  } catch (const urbangis::InputError& error) {
    std::cerr << "urbangis-datagen: error: " << error.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "urbangis-datagen: internal error: " << error.what() << "\n";
    return 1;
  }
}

// urbangis convert --from CRS --to CRS IN OUT [--layer NAME] [--x COL --y COL]

#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"
#include "io/outputs/layer_convert.h"

namespace urbangis::cli {
namespace {

CrsSpec crsOption(const std::string& value, const char* option) {
  auto spec = parseCrsName(value);
  if (!spec)
    throw InputError(std::string(option) + ": unknown CRS \"" + value +
                     "\"; use gcj02, bd09, wgs84, cgcs2000 or EPSG:n (case-insensitive)");
  return *spec;
}

}  // namespace

int runConvert(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"from", "to", "layer", "x", "y"}, {});
  if (arguments.positionals().size() != 2)
    throw InputError("convert takes an input and an output file: convert --from gcj02 --to wgs84 IN OUT");
  const auto to = arguments.value("to");
  if (!to) throw InputError("convert needs --to CRS (gcj02, bd09, wgs84, cgcs2000 or EPSG:n)");
  ConvertRequest request;
  request.input = arguments.positionals()[0];
  request.output = arguments.positionals()[1];
  request.to = crsOption(*to, "--to");
  if (auto from = arguments.value("from")) request.from = crsOption(*from, "--from");
  request.layer = arguments.value("layer").value_or("");
  request.x = arguments.value("x").value_or("");
  request.y = arguments.value("y").value_or("");
  if (request.x.empty() != request.y.empty()) throw InputError("--x and --y go together");
  const ConvertReport report = convertLayer(request);
  for (const auto& note : report.notes) std::cerr << "urbangis: " << note << "\n";
  std::cerr << "urbangis: converted " << report.features << " features from " << report.fromLabel << " to "
            << report.toLabel << " into " << request.output.string();
  if (report.withoutGeometry) std::cerr << " (" << report.withoutGeometry << " without geometry, kept)";
  std::cerr << "\n";
  return 0;
}

}  // namespace urbangis::cli

// Style JSON (parseStyle): a LayerStyle or an InputError; ramps evaluate anywhere.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "core/error.h"
#include "style/layer_style.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const urbangis::LayerStyle style = urbangis::parseStyle(text, "fuzz.json");
    for (double value : {-1e300, -1.0, 0.0, 0.5, 1.0, 1e300, std::numeric_limits<double>::quiet_NaN()})
      (void)urbangis::rampColour(style.ramp, value);
  } catch (const urbangis::InputError&) {
  }
  return 0;
}

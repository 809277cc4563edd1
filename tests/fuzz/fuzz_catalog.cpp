// The catalog JSON (parseCatalog): any bytes give a Catalog or an InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const urbangis::Catalog catalog = urbangis::parseCatalog(text, "/fuzz/layers/catalog.json");
    for (const auto& layer : catalog.layers) {
      (void)layer.where();
      (void)layer.declaredFields();
      (void)catalog.find(layer.id);
    }
  } catch (const urbangis::InputError&) {
  }
  return 0;
}

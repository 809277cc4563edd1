#pragma once
// Shared by the fuzz targets: GDAL quiet and registered once, bytes into /vsimem/.

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace urbangis::fuzz {

inline void quietGdal() {
  static const bool done = [] {
    CPLSetErrorHandler(CPLQuietErrorHandler);
    CPLSetConfigOption("CPL_DEBUG", "OFF");
    GDALAllRegister();
    return true;
  }();
  (void)done;
}

// The bytes as a file in GDAL's in-memory file system, removed when the object dies.
class MemoryInput {
 public:
  MemoryInput(const std::string& path, const uint8_t* data, size_t size) : path_(path) {
    VSILFILE* file = VSIFOpenL(path.c_str(), "wb");
    if (file) {
      VSIFWriteL(data, 1, size, file);
      VSIFCloseL(file);
    }
  }
  ~MemoryInput() { VSIUnlink(path_.c_str()); }
  MemoryInput(const MemoryInput&) = delete;
  MemoryInput& operator=(const MemoryInput&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace urbangis::fuzz

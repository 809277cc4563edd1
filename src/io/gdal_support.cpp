#include "io/gdal_support.h"

#include <cctype>

#include <cpl_conv.h>

#include <mutex>

namespace urbangis {

void ensureGdalRegistered() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // Traditional GIS axis order (lon/lat) for every CRS OGR hands us.
    CPLSetConfigOption("OSR_DEFAULT_AXIS_MAPPING_STRATEGY", "TRADITIONAL_GIS_ORDER");
  });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(handle, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handle(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  if (!self || level < CE_Failure) return;
  self->lastError_ = message ? message : "";
  if (self->firstError_.empty()) self->firstError_ = self->lastError_;
}

ScopedGdalConfig::ScopedGdalConfig(const char* key, const char* value) : key_(key) {
  const char* previous = CPLGetThreadLocalConfigOption(key, nullptr);
  hadPrevious_ = previous != nullptr;
  if (previous) previous_ = previous;
  CPLSetThreadLocalConfigOption(key, value);
}

ScopedGdalConfig::~ScopedGdalConfig() {
  CPLSetThreadLocalConfigOption(key_.c_str(), hadPrevious_ ? previous_.c_str() : nullptr);
}

std::string xmlEscaped(const std::string& text) {
  char* escaped = CPLEscapeString(text.c_str(), -1, CPLES_XML);
  std::string result = escaped;
  CPLFree(escaped);
  return result;
}

std::string lowerExtension(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

}  // namespace urbangis

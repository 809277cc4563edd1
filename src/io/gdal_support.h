#pragma once
// GDAL set-up and error capture. GDAL reports problems through CPLError; we collect them per
// call (RAII) so that messages reach the user inside our own error, naming file and layer.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <string>

namespace urbangis {

// Registers GDAL/OGR drivers once per process (thread-safe, idempotent).
void ensureGdalRegistered();

// A file's extension in lower case (".SHP" → ".shp"): what formats and drivers are chosen by.
std::string lowerExtension(const std::filesystem::path& file);

// `text` escaped for XML content or an attribute (GDAL's CPLEscapeString): for the XML
// descriptions GDAL opens as datasets (GDAL_WMS, OGR VRT).
std::string xmlEscaped(const std::string& text);

// While alive, GDAL errors on this thread are collected instead of printed.
class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  // The last error (not warning) GDAL reported, or "" if none.
  const std::string& lastError() const { return lastError_; }
  // The first one: the cause, where later errors only follow from it (a failed statement, then
  // "current transaction is aborted" for the rest of a COPY).
  const std::string& firstError() const { return firstError_; }

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);
  std::string lastError_, firstError_;
};

// Sets a GDAL configuration option for this thread and restores it on scope exit.
class ScopedGdalConfig {
 public:
  ScopedGdalConfig(const char* key, const char* value);
  ~ScopedGdalConfig();
  ScopedGdalConfig(const ScopedGdalConfig&) = delete;
  ScopedGdalConfig& operator=(const ScopedGdalConfig&) = delete;

 private:
  std::string key_;
  std::string previous_;
  bool hadPrevious_;
};

}  // namespace urbangis

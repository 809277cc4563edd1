#include "core/crs.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/chinese_offsets.h"
#include "core/error.h"

namespace urbangis {
namespace {

std::string normalised(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::optional<CrsSpec> parseCrsName(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("epsg:", 0) == 0) {
    const std::string digits = lower.substr(5);
    int code = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
    if (ec != std::errc() || end != digits.data() + digits.size() || code <= 0) return std::nullopt;
    const std::string definition = "EPSG:" + std::to_string(code);
    return CrsSpec{definition, ChineseOffset::none, definition};
  }
  // Names: separators and case do not matter (GCJ-02 = gcj02 = GCJ_02).
  const std::string key = normalised(name);
  if (key == "wgs84") return CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84 (EPSG:4326)"};
  if (key == "cgcs2000") return CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000 (EPSG:4490)"};
  if (key == "gcj02") return CrsSpec{"EPSG:4326", ChineseOffset::gcj02, "GCJ-02"};
  if (key == "bd09") return CrsSpec{"EPSG:4326", ChineseOffset::bd09, "BD-09"};
  return std::nullopt;
}

std::string utmZoneFor(double lon, double lat) {
  const int zone = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
  return "EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + zone);
}

ProjContext::ProjContext() : context_(proj_context_create()) {
  if (!context_) throw std::runtime_error("PROJ: cannot create a context");
  proj_log_level(context_.get(), PJ_LOG_NONE);
}

std::string ProjContext::lastError() const {
  const int code = proj_context_errno(context_.get());
  const char* text = proj_context_errno_string(context_.get(), code);
  return text ? text : "unknown PROJ error";
}

Crs::Crs(const ProjContext& context, const CrsSpec& spec) : context_(&context), spec_(spec) {
  crs_.reset(proj_create(context.get(), spec.definition.c_str()));
  if (!crs_ || !proj_is_crs(crs_.get()))
    throw InputError("unknown CRS \"" + spec.label + "\" (PROJ: " + context.lastError() + ")");
}

std::string Crs::name() const {
  const char* text = proj_get_name(crs_.get());
  return text ? text : "unnamed";
}

std::optional<int> Crs::epsg() const {
  const char* authority = proj_get_id_auth_name(crs_.get(), 0);
  const char* code = proj_get_id_code(crs_.get(), 0);
  if (authority && code && std::string(authority) == "EPSG") return std::atoi(code);
  // A WKT without an ID (e.g. from a shapefile .prj): ask PROJ for a confident match.
  int* confidence = nullptr;
  PJ_OBJ_LIST* matches = proj_identify(context_->get(), crs_.get(), "EPSG", nullptr, &confidence);
  std::optional<int> result;
  if (matches && proj_list_get_count(matches) > 0 && confidence && confidence[0] >= 90) {
    ProjPtr best(proj_list_get(context_->get(), matches, 0));
    if (const char* bestCode = proj_get_id_code(best.get(), 0)) result = std::atoi(bestCode);
  }
  proj_int_list_destroy(confidence);
  proj_list_destroy(matches);
  return result;
}

bool Crs::isGeographic() const {
  const PJ_TYPE type = proj_get_type(crs_.get());
  return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

Ellipsoid Crs::ellipsoid() const {
  ProjPtr ellipsoid(proj_get_ellipsoid(context_->get(), crs_.get()));
  Ellipsoid result;
  if (!ellipsoid) return result;
  double semiMinor = 0, inverseFlattening = 0;
  int minorComputed = 0;
  if (proj_ellipsoid_get_parameters(context_->get(), ellipsoid.get(), &result.semiMajor, &semiMinor, &minorComputed,
                                    &inverseFlattening) &&
      inverseFlattening > 0)
    result.flattening = 1.0 / inverseFlattening;
  else
    result.flattening = 0.0;  // a sphere
  return result;
}

std::string Crs::describe() const {
  if (spec_.offset != ChineseOffset::none) return spec_.label + " (offset WGS84 lon/lat)";
  const auto code = epsg();
  return code ? "EPSG:" + std::to_string(*code) + " " + name() : name();
}

bool sameCrs(const Crs& a, const Crs& b) {
  return a.spec().offset == b.spec().offset && proj_is_equivalent_to(a.get(), b.get(), PJ_COMP_EQUIVALENT);
}

Transform::Transform(const ProjContext& context, const Crs& from, const Crs& to)
    : context_(&context), fromOffset_(from.spec().offset), toOffset_(to.spec().offset) {
  // An offset CRS's PROJ object is WGS84 lon/lat: PROJ goes between those, the offsets wrap it.
  ProjPtr raw(proj_create_crs_to_crs_from_pj(context.get(), from.get(), to.get(), nullptr, nullptr));
  if (!raw)
    throw InputError("no transformation from " + from.describe() + " to " + to.describe() +
                     " (PROJ: " + context.lastError() + ")");
  operation_.reset(proj_normalize_for_visualization(context.get(), raw.get()));
  if (!operation_) throw std::runtime_error("PROJ: cannot normalise axis order");
}

size_t Transform::applyLenient(double* x, double* y, size_t n) const {
  using offsets::LonLat;
  if (fromOffset_ != ChineseOffset::none)
    for (size_t i = 0; i < n; ++i) {
      const LonLat wgs84 = fromOffset_ == ChineseOffset::gcj02 ? offsets::gcj02ToWgs84({x[i], y[i]})
                                                               : offsets::bd09ToWgs84({x[i], y[i]});
      x[i] = wgs84.lon;
      y[i] = wgs84.lat;
    }
  proj_trans_generic(operation_.get(), PJ_FWD, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0,
                     0);
  if (toOffset_ != ChineseOffset::none)
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
      const LonLat shifted =
          toOffset_ == ChineseOffset::gcj02 ? offsets::wgs84ToGcj02({x[i], y[i]}) : offsets::wgs84ToBd09({x[i], y[i]});
      x[i] = shifted.lon;
      y[i] = shifted.lat;
    }
  size_t failed = 0;
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      x[i] = y[i] = HUGE_VAL;
      ++failed;
    }
  return failed;
}

void Transform::apply(double* x, double* y, size_t n) const {
  if (applyLenient(x, y, n) > 0) throw InputError("coordinate cannot be transformed (outside the CRS's area?)");
}

}  // namespace urbangis

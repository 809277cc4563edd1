#include "core/geometry_transform.h"

#include "core/error.h"

namespace urbangis {
namespace {

struct CallbackState {
  const Transform* transform;
  std::string error;
};

// GEOS calls this per coordinate; exceptions must not cross the C API.
int transformPoint(double* x, double* y, void* userdata) {
  auto* state = static_cast<CallbackState*>(userdata);
  try {
    state->transform->apply(*x, *y);
    return 1;
  } catch (const std::exception& error) {
    state->error = error.what();
    return 0;
  }
}

}  // namespace

GeomPtr transformGeometry(const GeosContext& geos, const GEOSGeometry* geometry, const Transform& transform) {
  CallbackState state{&transform, {}};
  GEOSGeometry* result = GEOSGeom_transformXY_r(geos.handle(), geometry, transformPoint, &state);
  if (!result) throw InputError(state.error.empty() ? "cannot transform geometry" : state.error);
  return geos.own(result);
}

}  // namespace urbangis

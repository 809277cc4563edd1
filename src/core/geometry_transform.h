#pragma once
// Reprojects a GEOS geometry coordinate by coordinate with a PROJ Transform.

#include "core/crs.h"
#include "core/geos_context.h"

namespace urbangis {

// A new geometry with every x/y transformed; throws InputError if a point cannot be.
GeomPtr transformGeometry(const GeosContext& geos, const GEOSGeometry* geometry, const Transform& transform);

}  // namespace urbangis

#pragma once
// Helpers of the render tests: the Daye catalog's layers ready to draw, colours seen on screen,
// and pixel comparisons.

#include <QColor>
#include <QImage>

#include <string>

#include "core/catalog.h"
#include "render/render_layer.h"
#include "style/rgba.h"

namespace urbangis::test {

const Catalog& dayeCatalogLoaded();
const CrsSpec& dayeWorkingCrs();
// The Daye layer `id` in the working CRS, loaded once.
const RenderLayer& dayeLayer(const std::string& id);

// What `colour` looks like painted over `background` (source-over).
QColor over(const Rgba& colour, const QColor& background);
// The largest difference of the red, green and blue channels.
int colourDistance(const QColor& a, const QColor& b);
QColor pixelAt(const QImage& image, double x, double y);
// The fraction of pixels whose colours differ by more than `tolerance`; same sizes required.
double differingFraction(const QImage& a, const QImage& b, int tolerance);
// Saves `image` as NAME in $URBANGIS_RENDER_CHECK_DIR, when set, for a person to look at.
void keepForInspection(const QImage& image, const std::string& name);

}  // namespace urbangis::test

#pragma once
// How a layer without a style file draws: its kind's symbol in the layer's own colour (the
// catalog's "colour", which catalog init and the viewer's Add layers give each layer), and, when
// it has a category_field, a ColorBrewer colour for each of its most frequent values, so that
// someone's own data tells apart before anyone writes a style.

#include <ogrsf_frmts.h>

#include "core/catalog.h"
#include "style/layer_style.h"

namespace urbangis {

// Changes `style` (the plain default) for `spec`; reads up to 20,000 features of `ogr` for the
// categories (not when the layer is drawn as a choropleth), then rewinds it.
void applyDefaultStyle(LayerStyle& style, const LayerSpec& spec, OGRLayer& ogr, bool choropleth);

}  // namespace urbangis

#pragma once
// How one layer is drawn, as a style file (styles/*.json, docs/style.schema.json) says: one
// symbol, one per category, graduated classes along a ColorBrewer palette, or a raster ramp;
// with optional labels. Plain data without Qt, shared by the renderer, the viewer's legend and
// the CLI; `loadStyle` refuses anything the schema does not allow, naming file and key.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/localized_text.h"
#include "style/classification.h"
#include "style/rgba.h"

namespace urbangis {

enum class Marker { circle, square, triangle, diamond };
enum class StyleRenderer { single, categorized, graduated, raster };

struct Symbol {
  std::optional<Rgba> fill;  // none: lines, outlines only
  Rgba stroke{0, 0, 0, 255};
  double strokeWidth = 1;  // pixels; 0 draws no outline
  Marker marker = Marker::circle;
  double size = 6;                            // marker width in pixels
  std::optional<std::array<double, 2>> dash;  // dash, gap in pixels
};

struct StyleCategory {
  std::string value;  // compared with the field's value as text (numbers as JSON writes them)
  LocalizedText label;
  Symbol symbol;
};

struct GraduatedClasses {
  ClassMethod method = ClassMethod::quantile;
  int count = 5;
  std::string palette = "YlOrRd";
};

struct RampStop {
  double value;
  Rgba colour;
};

struct LabelStyle {
  std::string field;
  double size = 11;
  Rgba colour{0x33, 0x33, 0x33, 255};
  std::optional<Rgba> halo = Rgba{255, 255, 255, 255};
  std::optional<double> maxScale;  // labels only at scales 1:n with n ≤ maxScale
};

struct LayerStyle {
  StyleRenderer renderer = StyleRenderer::single;
  Symbol symbol;
  std::string field;  // categorized / graduated
  std::vector<StyleCategory> categories;
  std::optional<GraduatedClasses> classes;
  std::vector<RampStop> ramp;  // raster
  int band = 1;
  std::optional<LabelStyle> labels;
};

// Throws InputError "FILE: KEY: what is wrong" for a style the schema would reject.
LayerStyle loadStyle(const std::filesystem::path& file);
LayerStyle parseStyle(const std::string& text, const std::string& where);

// The colour of a raster value along the ramp (linear between stops, ends held).
Rgba rampColour(const std::vector<RampStop>& ramp, double value);

}  // namespace urbangis

#pragma once
// What the fields UrbanGIS knows by name mean to a reader (fine → 罚款, yuan; bundled_m → 规整线缆,
// m): the report's figures and the people's headings of written tables
// (io/outputs/column_headings.h) both label a field through here.

#include <string>

namespace urbangis {

struct FieldLabel {
  std::string label, unit;  // unit empty when the value is a count or has none
};

// The label and unit of `field` in `language` ("zh" or "en"); an unknown field is labelled by its
// own name, with m or m² when its name ends so.
FieldLabel fieldLabel(const std::string& field, const std::string& language);

}  // namespace urbangis

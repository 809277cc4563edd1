#include "io/sources/feature_attributes.h"

#include <ogrsf_frmts.h>

#include "core/error.h"
#include "io/sources/vector_source.h"

namespace urbangis {

std::vector<std::pair<std::string, std::string>> featureAttributes(const LayerSpec& spec, int64_t fid) {
  VectorSource source = openCatalogLayer(spec);
  OGRFeatureUniquePtr feature(source.layer->GetFeature(fid));
  if (!feature) throw InputError(spec.where() + ": no feature with id " + std::to_string(fid));
  std::vector<std::pair<std::string, std::string>> attributes;
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    attributes.emplace_back(definition.GetFieldDefn(i)->GetNameRef(),
                            feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
  return attributes;
}

}  // namespace urbangis

#include "datagen/table.h"

#include <stdexcept>

namespace urbangis::datagen {

size_t Table::field(const std::string& fieldName) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == fieldName) return i;
  throw std::logic_error("datagen: table " + name + " has no field " + fieldName);
}

}  // namespace urbangis::datagen

// The `--where` language: FilterExpression::parse, then toSql, toExactSql and matches over a few made-up
// features (NULL, text and number values, by field name).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/filter/filter_expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const urbangis::FilterExpression filter = urbangis::FilterExpression::parse(text);
    std::vector<urbangis::FilterValue> parameters;
    (void)filter.toSql(parameters);
    // The exact writer over columns of every kind, chosen by name.
    std::string whyNot;
    (void)filter.toExactSql(
        [](const std::string& field) -> std::optional<urbangis::SqlColumn> {
          const size_t h = std::hash<std::string>{}(field);
          if (h % 5 == 0) return std::nullopt;
          return urbangis::SqlColumn{static_cast<urbangis::SqlColumn::Kind>(h % 3), "v", "p", "t"};
        },
        parameters, whyNot);
    (void)filter.fields();
    for (int variant = 0; variant < 4; ++variant) {
      (void)filter.matches([variant](const std::string& field) -> urbangis::FilterValue {
        const size_t h = std::hash<std::string>{}(field) + static_cast<size_t>(variant);
        switch (h % 4) {
          case 0:
            return std::monostate{};
          case 1:
            return field;
          case 2:
            return std::string("待整治%_") + field.substr(0, h % 7);
          default:
            return static_cast<double>(static_cast<long>(h % 2001) - 1000) / 8.0;
        }
      });
    }
  } catch (const urbangis::InputError&) {
  }
  return 0;
}

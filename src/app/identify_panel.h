#pragma once
// Identify: the attributes of every feature under the cursor, in every visible layer, grouped
// by layer, read from the source by feature id (the drawing copy keeps only geometry).

#include <QTreeWidget>

#include <cstdint>
#include <optional>
#include <string>

namespace urbangis::viewer {

class MapDocument;

class IdentifyPanel : public QTreeWidget {
  Q_OBJECT
 public:
  IdentifyPanel(const MapDocument& document, QWidget* parent = nullptr);
  // Lists the features at (x, y) of the working CRS shown in `month` (timed layers); returns how
  // many were found.
  int identify(double x, double y, double tolerance, const std::string& language,
               std::optional<int32_t> month = std::nullopt);

 private:
  const MapDocument& document_;
};

}  // namespace urbangis::viewer

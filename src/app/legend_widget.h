#pragma once
// The legend dock: the visible layers' legends, drawn by the renderer's own legend code so it
// matches the map.

#include <QWidget>

#include <string>

namespace urbangis::viewer {

class MapDocument;

class LegendWidget : public QWidget {
  Q_OBJECT
 public:
  LegendWidget(const MapDocument& document, QWidget* parent = nullptr);
  void setLanguage(const std::string& language);
  QSize sizeHint() const override { return {240, 400}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  const MapDocument& document_;
  std::string language_ = "zh";
};

}  // namespace urbangis::viewer

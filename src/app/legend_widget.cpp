#include "app/legend_widget.h"

#include <QPainter>

#include "app/map_document.h"
#include "render/legend.h"

namespace urbangis::viewer {

LegendWidget::LegendWidget(const MapDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  setAutoFillBackground(true);
}

void LegendWidget::setLanguage(const std::string& language) {
  language_ = language;
  update();
}

void LegendWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.fillRect(rect(), palette().base());
  std::vector<const RenderLayer*> layers;  // top of the map first
  const auto& all = document_.layers();
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->visible && it->rendered && !it->rendered->legend.empty()) layers.push_back(it->rendered.get());
  drawLegend(painter, QRectF(rect()).adjusted(8, 8, -8, -8), layers, language_, 1.0);
}

}  // namespace urbangis::viewer

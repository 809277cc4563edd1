#include "render/symbol_painter.h"

#include <QPainterPath>
#include <QPolygonF>

namespace urbangis {

QColor toQColor(const Rgba& colour) { return QColor(colour.r, colour.g, colour.b, colour.a); }

QPen strokePen(const Symbol& symbol, double pixelScale) {
  if (symbol.strokeWidth <= 0) return Qt::NoPen;
  QPen pen(toQColor(symbol.stroke));
  pen.setWidthF(symbol.strokeWidth * pixelScale);
  pen.setJoinStyle(Qt::RoundJoin);
  pen.setCapStyle(Qt::RoundCap);
  if (symbol.dash) pen.setDashPattern({(*symbol.dash)[0] / symbol.strokeWidth, (*symbol.dash)[1] / symbol.strokeWidth});
  return pen;
}

QBrush fillBrush(const Symbol& symbol) { return symbol.fill ? QBrush(toQColor(*symbol.fill)) : QBrush(Qt::NoBrush); }

void drawMarker(QPainter& painter, const Symbol& symbol, QPointF at, double pixelScale) {
  const double r = symbol.size * pixelScale / 2;
  switch (symbol.marker) {
    case Marker::circle:
      painter.drawEllipse(at, r, r);
      break;
    case Marker::square:
      painter.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r));
      break;
    case Marker::triangle:
      painter.drawPolygon(QPolygonF(
          {QPointF(at.x(), at.y() - r), QPointF(at.x() + r, at.y() + r * 0.8), QPointF(at.x() - r, at.y() + r * 0.8)}));
      break;
    case Marker::diamond:
      painter.drawPolygon(QPolygonF({QPointF(at.x(), at.y() - r), QPointF(at.x() + r, at.y()),
                                     QPointF(at.x(), at.y() + r), QPointF(at.x() - r, at.y())}));
      break;
  }
}

void drawSwatch(QPainter& painter, const Symbol& symbol, DrawKind kind, const QRectF& box, double pixelScale) {
  painter.save();
  painter.setPen(strokePen(symbol, pixelScale));
  painter.setBrush(fillBrush(symbol));
  switch (kind) {
    case DrawKind::polygon:
      painter.drawRect(box.adjusted(box.width() * 0.1, box.height() * 0.15, -box.width() * 0.1, -box.height() * 0.15));
      break;
    case DrawKind::line:
      painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
      break;
    case DrawKind::point: {
      Symbol fitted = symbol;
      fitted.size = std::min(symbol.size, box.height() / pixelScale);
      drawMarker(painter, fitted, box.center(), pixelScale);
      break;
    }
  }
  painter.restore();
}

}  // namespace urbangis

#include "render/label_engine.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>

namespace urbangis {

bool LabelEngine::fits(const QRectF& box) const {
  if (!frame_.contains(box)) return false;
  return std::none_of(placed_.begin(), placed_.end(), [&](const QRectF& other) { return other.intersects(box); });
}

size_t LabelEngine::draw(QPainter& painter) {
  std::stable_sort(candidates_.begin(), candidates_.end(),
                   [](const LabelCandidate& a, const LabelCandidate& b) { return a.priority > b.priority; });
  size_t count = 0;
  for (const LabelCandidate& candidate : candidates_) {
    const QFontMetricsF metrics(candidate.font);
    const QRectF text = metrics.boundingRect(candidate.text);
    const double w = text.width(), h = metrics.height(), pad = h * 0.15;
    std::vector<QPointF> corners;  // top-left corners to try
    if (candidate.centred) {
      corners = {{candidate.anchor.x() - w / 2, candidate.anchor.y() - h / 2},
                 {candidate.anchor.x() - w / 2, candidate.anchor.y() - h * 1.2},
                 {candidate.anchor.x() - w / 2, candidate.anchor.y() + h * 0.2}};
    } else {
      const double d = candidate.offset;
      corners = {{candidate.anchor.x() + d, candidate.anchor.y() - h - d / 2},
                 {candidate.anchor.x() + d, candidate.anchor.y() + d / 2},
                 {candidate.anchor.x() - d - w, candidate.anchor.y() - h - d / 2},
                 {candidate.anchor.x() - d - w, candidate.anchor.y() + d / 2}};
    }
    for (const QPointF& corner : corners) {
      const QRectF box(corner.x() - pad, corner.y() - pad, w + 2 * pad, h + 2 * pad);
      if (!fits(box)) continue;
      placed_.push_back(box);
      const QPointF baseline(corner.x(), corner.y() + metrics.ascent());
      if (candidate.halo) {
        QPainterPath path;
        path.addText(baseline, candidate.font, candidate.text);
        painter.setPen(QPen(*candidate.halo, std::max(2.0, h * 0.18), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
      }
      painter.setFont(candidate.font);
      painter.setPen(candidate.colour);
      painter.drawText(baseline, candidate.text);
      ++count;
      break;
    }
  }
  return count;
}

}  // namespace urbangis

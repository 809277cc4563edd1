#pragma once
// Labels without collisions: candidates are gathered while layers draw, then placed in
// priority order (earlier layers and larger features first), each beside or on its anchor at
// the first of a few positions that overlaps no label already placed; the rest are dropped, as
// QGIS's PAL does in spirit.

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

namespace urbangis {

struct LabelCandidate {
  QString text;
  QPointF anchor;  // device pixels
  QFont font;
  QColor colour;
  std::optional<QColor> halo;
  double priority = 0;  // higher is placed first
  bool centred = true;  // polygons and lines: on the anchor; points: beside it
  double offset = 0;    // points: distance from the anchor
};

class LabelEngine {
 public:
  explicit LabelEngine(const QRectF& frame) : frame_(frame) {}
  void add(LabelCandidate candidate) { candidates_.push_back(std::move(candidate)); }
  // Places and draws; returns how many were placed.
  size_t draw(QPainter& painter);
  size_t candidateCount() const { return candidates_.size(); }
  // The boxes of the labels placed by draw(), text and halo inside each.
  const std::vector<QRectF>& placedBoxes() const { return placed_; }

 private:
  bool fits(const QRectF& box) const;

  QRectF frame_;
  std::vector<LabelCandidate> candidates_;
  std::vector<QRectF> placed_;
};

}  // namespace urbangis

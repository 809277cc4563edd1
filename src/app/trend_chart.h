#pragma once
// A small bar chart of one zone's monthly counts, drawn with QPainter (no Qt Charts): one bar
// per month with its count, the month chosen on the slider highlighted.

#include <QString>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace urbangis::viewer {

class TrendChart : public QWidget {
  Q_OBJECT
 public:
  explicit TrendChart(QWidget* parent = nullptr);
  // `series`: (monthKeyOf, count) in month order, zeros included; `title` names zone and layer.
  void setSeries(const QString& title, std::vector<std::pair<int32_t, size_t>> series);
  void clear();
  void setHighlight(std::optional<int32_t> month);
  const std::vector<std::pair<int32_t, size_t>>& series() const { return series_; }
  const QString& title() const { return title_; }
  QSize sizeHint() const override { return {360, 170}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QString title_;
  std::vector<std::pair<int32_t, size_t>> series_;
  std::optional<int32_t> highlight_;
};

}  // namespace urbangis::viewer

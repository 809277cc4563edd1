#pragma once
// The month slider: "All" at the left, then each month the data has. Arrow keys, Page Up/Down,
// Home/End and the mouse move it; every move says which month is chosen.

#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QLabel;
class QSlider;

namespace urbangis::viewer {

class MonthSlider : public QWidget {
  Q_OBJECT
 public:
  explicit MonthSlider(QWidget* parent = nullptr);
  // The months offered (monthKeyOf, in order); the choice is kept when the new list has it.
  void setMonths(std::vector<int32_t> months);
  const std::vector<int32_t>& months() const { return months_; }
  // Chooses a month (nullopt: all); a month not offered chooses all.
  void setMonth(std::optional<int32_t> month);
  std::optional<int32_t> month() const;
  void retranslate();

 signals:
  void monthChanged(std::optional<int32_t> month);

 private:
  void showChoice();

  QSlider* slider_ = nullptr;
  QLabel* caption_ = nullptr;
  QLabel* value_ = nullptr;
  std::vector<int32_t> months_;
};

}  // namespace urbangis::viewer

#include "app/month_slider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>

#include <algorithm>

#include "io/values/timestamps.h"

namespace urbangis::viewer {

MonthSlider::MonthSlider(QWidget* parent) : QWidget(parent) {
  caption_ = new QLabel(this);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName(QStringLiteral("monthSlider"));
  slider_->setTickPosition(QSlider::TicksBelow);
  slider_->setPageStep(3);  // a quarter
  slider_->setFocusPolicy(Qt::StrongFocus);
  value_ = new QLabel(this);
  value_->setMinimumWidth(value_->fontMetrics().horizontalAdvance(QStringLiteral("0000-00 ")));
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(caption_);
  layout->addWidget(slider_, 1);
  layout->addWidget(value_);
  setMonths({});
  connect(slider_, &QSlider::valueChanged, this, [this] {
    showChoice();
    emit monthChanged(month());
  });
}

void MonthSlider::retranslate() {
  caption_->setText(tr("Month"));
  slider_->setToolTip(tr("Show one month's points (arrow keys step a month)"));
  showChoice();
}

void MonthSlider::setMonths(std::vector<int32_t> months) {
  const std::optional<int32_t> chosen = month();
  months_ = std::move(months);
  slider_->blockSignals(true);
  slider_->setRange(0, static_cast<int>(months_.size()));  // 0 is "All"
  slider_->blockSignals(false);
  setMonth(chosen);
  slider_->setEnabled(!months_.empty());
}

void MonthSlider::setMonth(std::optional<int32_t> month) {
  int position = 0;
  if (month)
    if (auto found = std::find(months_.begin(), months_.end(), *month); found != months_.end())
      position = static_cast<int>(found - months_.begin()) + 1;
  if (position == slider_->value()) return showChoice();
  slider_->setValue(position);  // emits monthChanged
}

std::optional<int32_t> MonthSlider::month() const {
  const int position = slider_->value();
  if (position <= 0 || position > static_cast<int>(months_.size())) return std::nullopt;
  return months_[static_cast<size_t>(position - 1)];
}

void MonthSlider::showChoice() {
  const std::optional<int32_t> chosen = month();
  value_->setText(chosen ? QString::fromStdString(monthKeyText(*chosen)) : tr("All"));
}

}  // namespace urbangis::viewer

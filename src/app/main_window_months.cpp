// The month slider and the zone's monthly trend chart.

#include "app/main_window.h"

#include "app/analysis_panel.h"
#include "app/map_canvas.h"
#include "app/month_counts.h"
#include "app/month_slider.h"
#include "app/trend_chart.h"

namespace urbangis::viewer {

void MainWindow::chooseMonth(std::optional<int32_t> month) {
  canvas_->setMonth(month);
  analysisPanel_->setMonth(month);
  trendChart_->setHighlight(month);
}

// The zone's monthly counts of the analysis panel's points layer, every month of the slider
// shown (zeros too) so the bars line up with it.
void MainWindow::showTrend(const QString& zonesId, int64_t zoneFid) {
  const DocumentLayer* zones = document_.find(zonesId);
  const DocumentLayer* points = document_.find(analysisPanel_->pointsLayer());
  if (!zones || !zones->rendered || !points || !points->rendered) return trendChart_->clear();
  trendZone_ = {zonesId, zoneFid};
  const std::map<int32_t, size_t> counts = monthlyCountsInZone(*zones->rendered, zoneFid, *points->rendered);
  std::vector<std::pair<int32_t, size_t>> series;
  for (const int32_t month : monthSlider_->months()) {
    const auto found = counts.find(month);
    series.emplace_back(month, found == counts.end() ? 0 : found->second);
  }
  QString zoneName = QString::number(zoneFid);
  for (const SearchEntry& entry : searchIndex_)
    if (entry.layer == zonesId && entry.fid == zoneFid) {
      zoneName = entry.text;  // its name comes before its code
      break;
    }
  // A layer read by view window holds only what is around the view: its counts say so.
  const QString title =
      points->windowed ? tr("%1 per month in %2 (features loaded around the view)") : tr("%1 per month in %2");
  trendChart_->setSeries(title.arg(QString::fromStdString(points->spec->title.in(language_)), zoneName),
                         std::move(series));
}

}  // namespace urbangis::viewer

#pragma once
// The map canvas: renders the document's visible layers off the UI thread into an image and
// shows it; while the user pans or zooms, the last image is shown moved and scaled until the
// next frame is ready, so the UI never waits for drawing. A new frame cancels the one in flight;
// when the document opens a catalog, every frame of the previous one is dropped, even one still
// being drawn, so the old map never comes back over the new one.

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "render/map_renderer.h"
#include "render/map_view.h"

namespace urbangis::viewer {

class MapDocument;

enum class CanvasTool { pan, zoomBox, identify, select, selectPolygon, measure, route };

class MapCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit MapCanvas(MapDocument& document, QWidget* parent = nullptr);
  ~MapCanvas() override;

  void setTool(CanvasTool tool);
  CanvasTool tool() const { return tool_; }
  void setLanguage(const std::string& language);
  // Shows `extent` (working CRS), fitted to the widget.
  void zoomTo(const MapExtent& extent);
  void zoomToFullExtent();
  void zoomBy(double factor, QPointF aroundScreen);
  void panByPixels(QPointF delta);
  // The extent currently shown.
  MapExtent visibleExtent() const;
  double scaleDenominator() const;
  // Redraws with the document's current layers (after a change of order, style, visibility).
  void refresh();
  // The last finished frame and how many features it drew (for tests and the status bar).
  const QImage& lastFrame() const { return frame_; }
  const FrameStats& lastFrameStats() const { return frameStats_; }
  // Points layers with a time_field draw only this month's features (nullopt: all).
  void setMonth(std::optional<int32_t> month);
  std::optional<int32_t> month() const { return month_; }
  // A frame is being drawn, or one is due, or the last drawn is not shown yet.
  bool isRendering() const { return busy_; }
  // The last frame shows the document and view as they are now: nothing is being drawn or due,
  // and the frame shown is the newest one asked for (not an older one kept because the newest
  // failed or was dropped with the catalog it showed). What tests and exports wait for.
  bool frameIsCurrent() const { return !busy_ && !frame_.isNull() && shownGeneration_ == generation_; }
  // Features drawn highlighted over the map (a selection), by index into the layer's features.
  void setHighlight(const QString& layerId, std::vector<size_t> features);
  // Lines and places drawn over the map (a route, a tour), working CRS.
  void setRouteOverlay(std::vector<std::vector<QPointF>> lines, std::vector<QPointF> places);
  // The measure tool's points (working CRS); cleared when the tool changes.
  const std::vector<QPointF>& measurePoints() const { return measure_; }
  // The polygon selection tool's vertices so far (working CRS); Esc clears them.
  const std::vector<QPointF>& selectionPolygon() const { return polygon_; }

 signals:
  void cursorMoved(double x, double y);  // working CRS
  void identifyRequested(double x, double y, double tolerance);
  void viewChanged();
  void frameRendered();
  void boxSelected(const MapExtent& extent);
  void polygonSelected(const std::vector<QPointF>& vertices);  // closed by double-click or Enter
  void renderFailed(const QString& error);
  // Part of a frame could not be drawn (a basemap out of reach, drawn grey): once per problem
  // until another catalog opens, so an offline basemap is one message, not one per pan.
  void drawingProblem(const QString& message);
  void measureChanged(const std::vector<QPointF>& points, bool finished);
  void placeClicked(double x, double y);  // the route tool, working CRS

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;

 private:
  struct Frame {
    QImage image;
    FrameStats stats;
    double centreX = 0, centreY = 0, unitsPerPixel = 1;
    unsigned generation = 0;
    QString error;  // drawing threw: the image is empty
  };
  MapView currentView() const;
  void paintOverlay(QPainter& painter);
  void scheduleRender();
  void frameFinished();
  void discardFrames();
  void closePolygon();

  MapDocument& document_;
  std::string language_ = "zh";
  CanvasTool tool_ = CanvasTool::pan;
  double centreX_ = 0, centreY_ = 0, unitsPerPixel_ = 0;  // 0: not framed yet
  QImage frame_;
  FrameStats frameStats_;
  std::optional<int32_t> month_;
  double frameCentreX_ = 0, frameCentreY_ = 0, frameUnitsPerPixel_ = 0;
  QFutureWatcher<Frame> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  unsigned generation_ = 0;
  std::set<std::string> problemsTold_;   // drawingProblem already emitted for these
  unsigned firstCurrentGeneration_ = 0;  // frames older than this show a catalog no longer open
  unsigned shownGeneration_ = 0;         // the generation of frame_
  bool pending_ = false;
  bool busy_ = false;  // from starting a frame until it is taken (and no other is due)
  std::optional<QPoint> pressAt_, lastDrag_;
  QRect rubberBand_;
  QString highlightLayer_;
  std::vector<size_t> highlight_;
  std::vector<QPointF> measure_;
  std::vector<QPointF> polygon_;
  std::vector<std::vector<QPointF>> routeLines_;
  std::vector<QPointF> routePlaces_;
  bool measureFinished_ = false;
  QPointF cursorWorld_;
};

}  // namespace urbangis::viewer

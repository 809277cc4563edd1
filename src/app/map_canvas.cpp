#include "app/map_canvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <new>

#include "app/map_document.h"
#include "render/decorations.h"

namespace urbangis::viewer {

MapCanvas::MapCanvas(MapDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(200, 150);
  connect(&watcher_, &QFutureWatcher<Frame>::finished, this, &MapCanvas::frameFinished);
  connect(&document_, &MapDocument::opened, this, &MapCanvas::discardFrames);
}

MapCanvas::~MapCanvas() {
  if (cancel_) cancel_->store(true);
  watcher_.waitForFinished();
}

void MapCanvas::setTool(CanvasTool tool) {
  tool_ = tool;
  measure_.clear();
  measureFinished_ = false;
  polygon_.clear();
  setCursor(tool == CanvasTool::pan ? Qt::OpenHandCursor : Qt::CrossCursor);
  update();
}

void MapCanvas::setHighlight(const QString& layerId, std::vector<size_t> features) {
  highlightLayer_ = layerId;
  highlight_ = std::move(features);
  update();
}

void MapCanvas::setRouteOverlay(std::vector<std::vector<QPointF>> lines, std::vector<QPointF> places) {
  routeLines_ = std::move(lines);
  routePlaces_ = std::move(places);
  update();
}

void MapCanvas::setLanguage(const std::string& language) {
  language_ = language;
  refresh();
}

MapView MapCanvas::currentView() const {
  const double w = width() * unitsPerPixel_ / 2, h = height() * unitsPerPixel_ / 2;
  return MapView({centreX_ - w, centreY_ - h, centreX_ + w, centreY_ + h}, QRectF(0, 0, width(), height()),
                 logicalDpiX());
}

MapExtent MapCanvas::visibleExtent() const { return currentView().extent(); }

double MapCanvas::scaleDenominator() const { return unitsPerPixel_ > 0 ? currentView().scaleDenominator() : 0; }

void MapCanvas::zoomTo(const MapExtent& extent) {
  if (!(extent.width() > 0) || !(extent.height() > 0)) return;
  centreX_ = (extent.minX + extent.maxX) / 2;
  centreY_ = (extent.minY + extent.maxY) / 2;
  unitsPerPixel_ = std::max(extent.width() / std::max(width(), 1), extent.height() / std::max(height(), 1));
  refresh();
}

void MapCanvas::zoomToFullExtent() {
  std::vector<const RenderLayer*> layers;
  for (const DocumentLayer& layer : document_.layers())
    if (layer.rendered) layers.push_back(layer.rendered.get());
  if (!layers.empty()) zoomTo(extentOf(layers).grownBy(0.03));
}

void MapCanvas::zoomBy(double factor, QPointF around) {
  if (unitsPerPixel_ <= 0) return;
  // Keep the world point under `around` where it is.
  const double wx = centreX_ + (around.x() - width() / 2.0) * unitsPerPixel_;
  const double wy = centreY_ - (around.y() - height() / 2.0) * unitsPerPixel_;
  unitsPerPixel_ /= factor;
  centreX_ = wx - (around.x() - width() / 2.0) * unitsPerPixel_;
  centreY_ = wy + (around.y() - height() / 2.0) * unitsPerPixel_;
  refresh();
}

void MapCanvas::panByPixels(QPointF delta) {
  centreX_ -= delta.x() * unitsPerPixel_;
  centreY_ += delta.y() * unitsPerPixel_;
  refresh();
}

void MapCanvas::refresh() {
  if (unitsPerPixel_ <= 0) {
    zoomToFullExtent();
    if (unitsPerPixel_ <= 0) return;
  }
  emit viewChanged();
  update();
  scheduleRender();
}

void MapCanvas::setMonth(std::optional<int32_t> month) {
  if (month == month_) return;
  month_ = month;
  scheduleRender();
}

void MapCanvas::scheduleRender() {
  if (watcher_.isRunning()) {  // the frame in flight is stale: stop it, render when it returns
    if (cancel_) cancel_->store(true);
    pending_ = true;
    return;
  }
  pending_ = false;
  busy_ = true;
  std::vector<std::shared_ptr<const RenderLayer>> keep;
  std::vector<MapLayer> layers;
  for (const DocumentLayer& layer : document_.layers())
    if (layer.visible && layer.rendered) {
      keep.push_back(layer.rendered);
      layers.push_back({layer.rendered.get(), layer.opacity});
    }
  const qreal ratio = devicePixelRatioF();
  const QSize size(static_cast<int>(width() * ratio), static_cast<int>(height() * ratio));
  const MapView view(currentView().extent(), QRectF(0, 0, size.width(), size.height()), logicalDpiX() * ratio);
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  const unsigned generation = ++generation_;
  PaintOptions options;
  options.pixelScale = ratio;
  options.language = language_;
  options.cancel = cancel_.get();
  options.month = month_;
  auto cancel = cancel_;
  const double cx = centreX_, cy = centreY_, upp = unitsPerPixel_;
  watcher_.setFuture(QtConcurrent::run([keep, layers, view, options, cancel, size, ratio, generation, cx, cy, upp]() {
    Frame frame;
    frame.centreX = cx, frame.centreY = cy, frame.unitsPerPixel = upp, frame.generation = generation;
    // An exception must not cross into the UI thread (the watcher would rethrow it there and end
    // the program): the frame comes back empty with the reason, and the last good one stays.
    try {
      frame.image = QImage(size, QImage::Format_ARGB32_Premultiplied);
      if (frame.image.isNull()) throw std::bad_alloc();
      frame.image.setDevicePixelRatio(ratio);
      QPainter painter(&frame.image);
      frame.stats = renderMap(painter, view, layers, options);
      painter.end();
    } catch (const std::exception& failure) {
      frame.image = QImage();
      frame.error = QString::fromStdString(failure.what());
    }
    if (cancel->load()) frame.image = QImage();
    return frame;
  }));
}

void MapCanvas::frameFinished() {
  const Frame frame = watcher_.result();
  busy_ = false;
  const bool current = frame.generation >= firstCurrentGeneration_;  // not drawn from the catalog open before
  if (current && !frame.error.isEmpty()) emit renderFailed(frame.error);
  if (current && !frame.image.isNull()) {
    frame_ = frame.image;
    shownGeneration_ = frame.generation;
    frameStats_ = frame.stats;
    for (const std::string& message : frame.stats.messages)
      if (problemsTold_.insert(message).second) emit drawingProblem(QString::fromStdString(message));
    frameCentreX_ = frame.centreX, frameCentreY_ = frame.centreY, frameUnitsPerPixel_ = frame.unitsPerPixel;
    update();
    if (frame.generation == generation_) emit frameRendered();
  }
  if (pending_ || frame.generation != generation_) scheduleRender();
}

// The document opened a catalog: the last frame and the one being drawn show the previous one.
void MapCanvas::discardFrames() {
  if (cancel_) cancel_->store(true);
  firstCurrentGeneration_ = generation_ + 1;
  pending_ = false;
  frame_ = QImage();
  frameStats_ = FrameStats();
  problemsTold_.clear();
  frameUnitsPerPixel_ = 0;
  measure_.clear();
  measureFinished_ = false;
  polygon_.clear();
  update();
}

void MapCanvas::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), QColor(0xFA, 0xFA, 0xF8));
  if (!frame_.isNull() && frameUnitsPerPixel_ > 0 && unitsPerPixel_ > 0) {
    // The last frame, moved and scaled to where its extent lies in the current view.
    const double scale = frameUnitsPerPixel_ / unitsPerPixel_;
    const double w = width() * scale, h = height() * scale;
    const double left = width() / 2.0 + (frameCentreX_ - centreX_) / unitsPerPixel_ - w / 2;
    const double top = height() / 2.0 - (frameCentreY_ - centreY_) / unitsPerPixel_ - h / 2;
    painter.drawImage(QRectF(left, top, w, h), frame_);
  }
  paintOverlay(painter);
  if (!rubberBand_.isNull()) {
    painter.setPen(QPen(QColor(0x1C, 0x7E, 0xD6), 1.5, Qt::DashLine));
    painter.setBrush(QColor(0x1C, 0x7E, 0xD6, 40));
    painter.drawRect(rubberBand_);
  }
}

// Selection and measurement are drawn over the frame on the UI thread: they change with every
// click, and are few.
void MapCanvas::paintOverlay(QPainter& painter) {
  if (unitsPerPixel_ <= 0) return;
  const MapView view = currentView();
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  const DocumentLayer* layer = highlightLayer_.isEmpty() ? nullptr : document_.find(highlightLayer_);
  if (layer && layer->rendered) {
    const RenderLayer& drawn = *layer->rendered;
    painter.setPen(QPen(QColor(0x00, 0xB4, 0xD8), 3));
    painter.setBrush(QColor(0x00, 0xB4, 0xD8, 50));
    for (size_t index : highlight_) {
      if (index >= drawn.features.size()) continue;
      const DrawFeature& feature = drawn.features[index];
      for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part) {
        QPolygonF points;
        for (uint32_t i = drawn.partStarts[part]; i < drawn.partStarts[part + 1]; ++i)
          points.append(view.toScreen(drawn.x[i], drawn.y[i]));
        if (feature.kind == DrawKind::point)
          painter.drawEllipse(points.front(), 7, 7);
        else if (feature.kind == DrawKind::line)
          painter.drawPolyline(points);
        else
          painter.drawPolygon(points);
      }
    }
  }
  if (!routeLines_.empty() || !routePlaces_.empty()) {
    painter.setBrush(Qt::NoBrush);
    for (const QColor& colour : {QColor(255, 255, 255, 220), QColor(0x1C, 0x7E, 0xD6)}) {
      painter.setPen(QPen(colour, colour.alpha() == 220 ? 8 : 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      for (const auto& line : routeLines_) {
        QPolygonF screen;
        for (const QPointF& p : line) screen.append(view.toScreen(p.x(), p.y()));
        painter.drawPolyline(screen);
      }
    }
    painter.setPen(QPen(Qt::white, 2));
    painter.setBrush(QColor(0x1C, 0x7E, 0xD6));
    for (const QPointF& p : routePlaces_) painter.drawEllipse(view.toScreen(p.x(), p.y()), 6, 6);
  }
  // Map furniture: a scale bar bottom left, a north arrow top right (grid north of the working CRS).
  const QRectF back(8, height() - 38, std::min(260.0, width() / 3.0), 30);
  painter.fillRect(back, QColor(255, 255, 255, 190));
  drawScaleBar(painter, view, QPointF(back.left() + 8, back.bottom() - 6), 1.0, language_);
  drawNorthArrow(painter, QRectF(width() - 40, 10, 24, 34), language_);
  if (!measure_.empty()) {
    QPolygonF line;
    for (const QPointF& p : measure_) line.append(view.toScreen(p.x(), p.y()));
    if (!measureFinished_) line.append(view.toScreen(cursorWorld_.x(), cursorWorld_.y()));
    painter.setPen(QPen(QColor(0xE0, 0x31, 0x31), 2, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(line);
    for (const QPointF& p : line) painter.drawEllipse(p, 3, 3);
  }
  if (!polygon_.empty()) {
    QPolygonF outline;
    for (const QPointF& p : polygon_) outline.append(view.toScreen(p.x(), p.y()));
    outline.append(view.toScreen(cursorWorld_.x(), cursorWorld_.y()));  // the next vertex, where the cursor is
    painter.setPen(QPen(QColor(0x1C, 0x7E, 0xD6), 1.5, Qt::DashLine));
    painter.setBrush(QColor(0x1C, 0x7E, 0xD6, 40));
    painter.drawPolygon(outline);
    painter.setBrush(QColor(0x1C, 0x7E, 0xD6));
    for (qsizetype i = 0; i + 1 < outline.size(); ++i) painter.drawEllipse(outline[i], 3, 3);
  }
  painter.restore();
}

void MapCanvas::resizeEvent(QResizeEvent*) { refresh(); }

void MapCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  pressAt_ = lastDrag_ = event->position().toPoint();
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPointF at = event->position();
  if (unitsPerPixel_ > 0) {
    cursorWorld_ = QPointF(centreX_ + (at.x() - width() / 2.0) * unitsPerPixel_,
                           centreY_ - (at.y() - height() / 2.0) * unitsPerPixel_);
    emit cursorMoved(cursorWorld_.x(), cursorWorld_.y());
    if ((tool_ == CanvasTool::measure && !measure_.empty() && !measureFinished_) || !polygon_.empty()) update();
  }
  if (!pressAt_) return;
  const bool boxing =
      tool_ == CanvasTool::zoomBox || tool_ == CanvasTool::select || (event->modifiers() & Qt::ShiftModifier);
  if (boxing) {
    rubberBand_ = QRect(*pressAt_, at.toPoint()).normalized();
    update();
  } else if (tool_ == CanvasTool::pan) {
    const QPoint now = at.toPoint();
    centreX_ -= (now.x() - lastDrag_->x()) * unitsPerPixel_;
    centreY_ += (now.y() - lastDrag_->y()) * unitsPerPixel_;
    lastDrag_ = now;
    update();  // the old frame slides; the new one renders on release
  }
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !pressAt_) return;
  const QPoint at = event->position().toPoint();
  const bool moved = (at - *pressAt_).manhattanLength() > 3;
  if (!rubberBand_.isNull()) {
    const QRect box = rubberBand_;
    rubberBand_ = QRect();
    if (box.width() > 4 && box.height() > 4) {
      const MapView view = currentView();
      const QPointF a = view.toWorld(box.topLeft()), b = view.toWorld(box.bottomRight());
      const MapExtent extent{std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()),
                             std::max(a.y(), b.y())};
      if (tool_ == CanvasTool::select)
        emit boxSelected(extent);
      else
        zoomTo(extent);
    }
    update();
  } else if (tool_ == CanvasTool::route && !moved) {
    const QPointF world = currentView().toWorld(at);
    emit placeClicked(world.x(), world.y());
  } else if (tool_ == CanvasTool::selectPolygon && !moved) {
    polygon_.push_back(currentView().toWorld(at));
    update();
  } else if (tool_ == CanvasTool::measure && !moved) {
    if (measureFinished_) measure_.clear(), measureFinished_ = false;
    measure_.push_back(currentView().toWorld(at));
    emit measureChanged(measure_, false);
    update();
  } else if (tool_ == CanvasTool::identify && !moved) {
    const QPointF world = currentView().toWorld(at);
    emit identifyRequested(world.x(), world.y(), 4 * unitsPerPixel_);
  } else if (moved) {
    refresh();
  }
  pressAt_.reset();
  lastDrag_.reset();
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
  if (tool_ == CanvasTool::selectPolygon && !polygon_.empty()) return closePolygon();
  if (tool_ != CanvasTool::measure || measure_.empty()) return QWidget::mouseDoubleClickEvent(event);
  measureFinished_ = true;  // the double click's first press already added its point
  emit measureChanged(measure_, true);
  update();
}

// The double click's first press already added its vertex; fewer than three enclose nothing.
void MapCanvas::closePolygon() {
  std::vector<QPointF> vertices;
  vertices.swap(polygon_);
  update();
  if (vertices.size() >= 3) emit polygonSelected(vertices);
}

void MapCanvas::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps != 0) zoomBy(std::pow(1.25, steps), event->position());
}

void MapCanvas::keyPressEvent(QKeyEvent* event) {
  const double step = std::min(width(), height()) / 4.0;
  switch (event->key()) {
    case Qt::Key_Left:
      panByPixels({step, 0});
      break;
    case Qt::Key_Right:
      panByPixels({-step, 0});
      break;
    case Qt::Key_Up:
      panByPixels({0, step});
      break;
    case Qt::Key_Down:
      panByPixels({0, -step});
      break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomBy(1.5, rect().center());
      break;
    case Qt::Key_Minus:
      zoomBy(1 / 1.5, rect().center());
      break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
      if (polygon_.empty()) return QWidget::keyPressEvent(event);
      closePolygon();
      break;
    case Qt::Key_Escape:
      if (polygon_.empty()) return QWidget::keyPressEvent(event);
      polygon_.clear();
      update();
      break;
    default:
      QWidget::keyPressEvent(event);
  }
}

}  // namespace urbangis::viewer

// report.pdf: A4 portrait pages painted with QPainter onto QPdfWriter, so text stays text and
// charts and maps are vector drawings.

#include <QFontMetricsF>
#include <QPageSize>
#include <QPdfWriter>

#include <algorithm>

#include "core/error.h"
#include "render/fonts.h"
#include "report/report_charts.h"
#include "report/report_writer.h"

namespace urbangis {
namespace {

constexpr int kDpi = 300;
constexpr double kScale = kDpi / 96.0;  // device pixels per CSS pixel

double points(double pt) { return pt / 72.0 * kDpi; }
double millimetres(double mm) { return mm / 25.4 * kDpi; }

const QColor kInk(0x22, 0x22, 0x22);
const QColor kGrey(0x66, 0x66, 0x66);
const QColor kAccent(0x1C, 0x7E, 0xD6);

QString q(const std::string& text) { return QString::fromStdString(text); }

// Lays blocks down the page, starting a new page when the next block does not fit.
class PageFlow {
 public:
  PageFlow(QPdfWriter& writer, QPainter& painter, const ReportContent& content)
      : writer_(writer), painter_(painter), content_(content) {
    const QRect page = writer.pageLayout().paintRectPixels(kDpi);
    page_ = QRectF(0, 0, page.width(), page.height());
    const double margin = millimetres(16);
    body_ = QRectF(margin, margin, page_.width() - 2 * margin, page_.height() - 2 * margin - points(14));
    y_ = body_.top();
  }

  const QRectF& body() const { return body_; }
  double y() const { return y_; }
  double left() const { return body_.left(); }
  double width() const { return body_.width(); }
  int page() const { return page_number_; }

  // Starts a new page unless `height` still fits.
  void need(double height) {
    if (y_ + height > body_.bottom() + 0.5 && y_ > body_.top()) newPage();
  }
  void newPage() {
    footer();
    writer_.newPage();
    ++page_number_;
    y_ = body_.top();
  }
  void advance(double height) { y_ += height; }
  void finish() { footer(); }

  // Height of `text` wrapped in `width` with `font`.
  double textHeight(const QString& text, const QFont& font, double width) const {
    const QFontMetricsF metrics(font, &writer_);
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
  }
  // Draws wrapped text at the current position; returns its height.
  double paragraph(const QString& text, const QFont& font, const QColor& colour, double spaceAfter) {
    const double height = textHeight(text, font, width());
    need(height);
    painter_.setFont(font);
    painter_.setPen(colour);
    painter_.drawText(QRectF(left(), y_, width(), height + 2), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    y_ += height + spaceAfter;
    return height;
  }
  void heading(const std::string& text) {
    const QFont font = mapFont(points(15), true);
    const double height = textHeight(q(text), font, width());
    need(height + points(120));  // never alone at the foot of a page
    y_ += points(6);
    painter_.setFont(font);
    painter_.setPen(kInk);
    painter_.drawText(QRectF(left(), y_, width(), height), Qt::AlignLeft | Qt::AlignTop, q(text));
    y_ += height + points(2);
    painter_.setPen(QPen(kAccent, points(1.5)));
    painter_.drawLine(QPointF(left(), y_), QPointF(body_.right(), y_));
    y_ += points(8);
  }

 private:
  void footer() {
    const QFont font = mapFont(points(8));
    painter_.setFont(font);
    painter_.setPen(kGrey);
    const QRectF band(body_.left(), page_.height() - millimetres(16), body_.width(), points(12));
    painter_.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, q(content_.title));
    painter_.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                      content_.language == "zh" ? QStringLiteral("第 %1 页").arg(page_number_)
                                                : QStringLiteral("Page %1").arg(page_number_));
  }

  QPdfWriter& writer_;
  QPainter& painter_;
  const ReportContent& content_;
  QRectF page_, body_;
  double y_ = 0;
  int page_number_ = 1;
};

void paintCards(PageFlow& flow, QPainter& painter, const std::vector<FigureCard>& cards) {
  const double gap = points(8);
  const double columnWidth = (flow.width() - gap) / 2;
  const double pad = points(7);
  const QFont titleFont = mapFont(points(10.5), true);
  const QFont bigFont = mapFont(points(17), true);
  const QFont lineFont = mapFont(points(8.5));
  const double titleHeight = QFontMetricsF(titleFont).height();
  const double bigHeight = QFontMetricsF(bigFont).height();
  auto cardHeight = [&](const FigureCard& card) {
    double height = pad * 2 + titleHeight + bigHeight;
    for (const std::string& line : card.lines)
      height += flow.textHeight(q("• " + line), lineFont, columnWidth - 2 * pad - points(4)) + points(2);
    return height;
  };
  for (size_t i = 0; i < cards.size(); i += 2) {
    double rowHeight = cardHeight(cards[i]);
    if (i + 1 < cards.size()) rowHeight = std::max(rowHeight, cardHeight(cards[i + 1]));
    flow.need(rowHeight + gap);
    for (size_t k = i; k < std::min(i + 2, cards.size()); ++k) {
      const FigureCard& card = cards[k];
      const QRectF box(flow.left() + static_cast<double>(k - i) * (columnWidth + gap), flow.y(), columnWidth,
                       rowHeight);
      painter.fillRect(box, QColor(0xF3, 0xF6, 0xF9));
      painter.fillRect(QRectF(box.left(), box.top(), points(3), box.height()), kAccent);
      double y = box.top() + pad;
      const double x = box.left() + pad + points(2);
      const double w = box.width() - 2 * pad - points(2);
      painter.setFont(titleFont);
      painter.setPen(kInk);
      painter.drawText(QRectF(x, y, w, titleHeight), Qt::AlignLeft | Qt::AlignVCenter, q(card.title));
      y += titleHeight;
      painter.setFont(bigFont);
      painter.setPen(QColor(0xC9, 0x2A, 0x2A));
      painter.drawText(QRectF(x, y, w, bigHeight), Qt::AlignLeft | Qt::AlignVCenter, q(card.headline));
      y += bigHeight;
      painter.setFont(lineFont);
      painter.setPen(QColor(0x33, 0x33, 0x33));
      for (const std::string& line : card.lines) {
        const QString text = q("• " + line);
        const double height = flow.textHeight(text, lineFont, w - points(4));
        painter.drawText(QRectF(x, y, w - points(4) + 1, height + 2), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                         text);
        y += height + points(2);
      }
    }
    flow.advance(rowHeight + gap);
  }
}

void paintCharts(PageFlow& flow, QPainter& painter, const ReportContent& content) {
  const double gap = points(10);
  const double columnWidth = (flow.width() - gap) / 2;
  const double height = columnWidth * 0.5;
  for (size_t i = 0; i < content.charts.size(); i += 2) {
    flow.need(height + gap);
    for (size_t k = i; k < std::min(i + 2, content.charts.size()); ++k)
      paintMonthlyChart(
          painter,
          QRectF(flow.left() + static_cast<double>(k - i) * (columnWidth + gap), flow.y(), columnWidth, height),
          content.charts[k], content, kScale * 0.85);
    flow.advance(height + gap);
  }
}

void paintTable(PageFlow& flow, QPainter& painter, const TextTable& table) {
  const QFont font = mapFont(points(7.2));
  const QFont bold = mapFont(points(7.2), true);
  const size_t columns = table.header.size();
  const double firstWidth = flow.width() * (columns > 8 ? 0.16 : 0.22);
  const double otherWidth = (flow.width() - firstWidth) / static_cast<double>(std::max<size_t>(1, columns - 1));
  auto columnLeft = [&](size_t c) {
    return flow.left() + (c == 0 ? 0 : firstWidth + static_cast<double>(c - 1) * otherWidth);
  };
  auto columnWidth = [&](size_t c) { return c == 0 ? firstWidth : otherWidth; };
  const double pad = points(2.5);
  double headerHeight = 0;
  for (size_t c = 0; c < columns; ++c)
    headerHeight = std::max(headerHeight, flow.textHeight(q(table.header[c]), bold, columnWidth(c) - 2 * pad));
  headerHeight += 2 * pad;
  const double rowHeight = QFontMetricsF(font).height() + 2 * pad;
  const QPen grid(QColor(0xC8, 0xD0, 0xD8), points(0.5));

  auto header = [&]() {
    painter.fillRect(QRectF(flow.left(), flow.y(), flow.width(), headerHeight), QColor(0xE8, 0xEF, 0xF6));
    painter.setFont(bold);
    painter.setPen(kInk);
    for (size_t c = 0; c < columns; ++c)
      painter.drawText(QRectF(columnLeft(c) + pad, flow.y() + pad, columnWidth(c) - 2 * pad, headerHeight - 2 * pad),
                       Qt::TextWordWrap | Qt::AlignVCenter | (table.numeric[c] ? Qt::AlignRight : Qt::AlignLeft),
                       q(table.header[c]));
    painter.setPen(grid);
    painter.drawLine(QPointF(flow.left(), flow.y() + headerHeight),
                     QPointF(flow.left() + flow.width(), flow.y() + headerHeight));
    flow.advance(headerHeight);
  };

  const QFont titleFont = mapFont(points(10), true);
  const double titleHeight = flow.textHeight(q(table.title), titleFont, flow.width());
  flow.need(titleHeight + headerHeight + rowHeight * 4);
  flow.paragraph(q(table.title), titleFont, kInk, points(4));
  header();
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (flow.y() + rowHeight > flow.body().bottom()) {
      flow.newPage();
      header();
    }
    const bool total = r + table.totalRows >= table.rows.size();
    if (total)
      painter.fillRect(QRectF(flow.left(), flow.y(), flow.width(), rowHeight), QColor(0xF3, 0xF6, 0xF9));
    else if (r % 2 == 1)
      painter.fillRect(QRectF(flow.left(), flow.y(), flow.width(), rowHeight), QColor(0xFA, 0xFB, 0xFC));
    painter.setFont(total ? bold : font);
    painter.setPen(kInk);
    for (size_t c = 0; c < columns && c < table.rows[r].size(); ++c) {
      const QFontMetricsF metrics(total ? bold : font);
      const QString text = metrics.elidedText(q(table.rows[r][c]), Qt::ElideRight, columnWidth(c) - 2 * pad);
      painter.drawText(QRectF(columnLeft(c) + pad, flow.y(), columnWidth(c) - 2 * pad, rowHeight),
                       Qt::AlignVCenter | (table.numeric[c] ? Qt::AlignRight : Qt::AlignLeft), text);
    }
    painter.setPen(grid);
    painter.drawLine(QPointF(flow.left(), flow.y() + rowHeight),
                     QPointF(flow.left() + flow.width(), flow.y() + rowHeight));
    flow.advance(rowHeight);
  }
  flow.advance(points(3));
  flow.paragraph(q(table.note), mapFont(points(7.5)), kGrey, points(10));
}

}  // namespace

int writeReportPdf(const ReportContent& content, const ReportMaps& maps, const std::filesystem::path& file) {
  QPdfWriter writer(QString::fromStdString(file.string()));
  writer.setResolution(kDpi);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle(q(content.title));
  writer.setCreator(QStringLiteral("UrbanGIS"));
  QPainter painter;
  if (!painter.begin(&writer)) throw InputError(file.string() + ": cannot write the PDF");
  painter.setRenderHint(QPainter::Antialiasing, true);
  PageFlow flow(writer, painter, content);

  // Title block.
  flow.paragraph(q(content.title), mapFont(points(20), true), kInk, points(4));
  flow.paragraph(q(content.subtitle), mapFont(points(10.5)), QColor(0x44, 0x44, 0x44), points(2));
  flow.paragraph(q(content.madeOn + "    " + content.sourceNote), mapFont(points(8.5)), kGrey, points(8));

  flow.heading(content.figuresHeading);
  flow.paragraph(q(content.figuresIntro), mapFont(points(9)), QColor(0x33, 0x33, 0x33), points(8));
  paintCards(flow, painter, content.cards);

  flow.newPage();
  flow.heading(content.trendsHeading);
  flow.paragraph(q(content.trendsIntro), mapFont(points(9)), QColor(0x33, 0x33, 0x33), points(8));
  paintCharts(flow, painter, content);

  if (!maps.maps.empty()) {
    flow.newPage();
    flow.heading(content.mapsHeading);
    const QFont captionFont = mapFont(points(8.5));
    for (size_t i = 0; i < maps.maps.size(); ++i) {
      const ReportMap& map = maps.maps[i];
      double height = flow.width() * 0.62;
      const double caption = flow.textHeight(q(map.caption), captionFont, flow.width());
      flow.need(height + caption + points(14));
      // The last map takes the rest of its page (up to nearly square).
      if (i + 1 == maps.maps.size())
        height = std::clamp(flow.body().bottom() - flow.y() - caption - points(20), height, flow.width() * 0.95);
      paintPrintMap(painter, QRectF(flow.left(), flow.y(), flow.width(), height), kScale, map.map);
      painter.setPen(QPen(QColor(0xDD, 0xDD, 0xDD), points(0.5)));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(QRectF(flow.left(), flow.y(), flow.width(), height));
      flow.advance(height + points(4));
      flow.paragraph(q(map.caption), captionFont, QColor(0x33, 0x33, 0x33), points(12));
    }
  }

  flow.newPage();
  flow.heading(content.tablesHeading);
  flow.paragraph(q(content.tablesIntro), mapFont(points(9)), QColor(0x33, 0x33, 0x33), points(8));
  for (const TextTable& table : content.tables) paintTable(flow, painter, table);
  for (const std::string& note : content.notes) flow.paragraph(q("• " + note), mapFont(points(8)), kGrey, points(2));
  flow.finish();
  const int pages = flow.page();
  painter.end();
  return pages;
}

}  // namespace urbangis

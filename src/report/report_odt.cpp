// report.odt: the report as an OpenDocument text that staff edit in WPS, Word or LibreOffice
// (Qt 6.4's QTextDocumentWriter writes ODF; Qt has no DOCX writer). The same headings, figures,
// charts, maps and tables as report.html and report.pdf; charts and maps as pictures of at least
// 200 dpi at the size they are placed.

#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QTextList>
#include <QTextTable>
#include <QUrl>

#include "core/error.h"
#include "report/report_images.h"
#include "report/report_writer.h"

namespace urbangis {
namespace {

// QTextDocument measures an image in pixels of 96 dpi; its ODF writer turns them into points.
constexpr double kDocumentPixelsPerCm = 96 / 2.54;
constexpr double kTextWidthCm = 16;  // A4 less 2.5 cm margins
constexpr int kMinimumDpi = 200;
const QString kFont = QStringLiteral("Noto Sans CJK SC");

QString qt(const std::string& text) { return QString::fromStdString(text); }

class OdtBuilder {
 public:
  explicit OdtBuilder(QTextDocument& document) : document_(document), cursor_(&document) {
    QFont font(kFont);
    font.setPointSizeF(10.5);
    document_.setDefaultFont(font);
  }

  void paragraph(const std::string& text, double points = 10.5, bool bold = false, const QColor& colour = Qt::black,
                 int headingLevel = 0) {
    QTextBlockFormat block;
    block.setHeadingLevel(headingLevel);
    block.setTopMargin(headingLevel ? points * 0.8 : 2);
    block.setBottomMargin(headingLevel ? points * 0.4 : 4);
    QTextCharFormat character;
    character.setFontFamilies({kFont});
    character.setFontPointSize(points);
    character.setFontWeight(bold ? QFont::Bold : QFont::Normal);
    character.setForeground(colour);
    startBlock(block, character);
    cursor_.insertText(qt(text), character);
  }

  void heading(const std::string& text, int level) {
    paragraph(text, level == 1 ? 20 : level == 2 ? 15 : 12, true, Qt::black, level);
  }

  void bullets(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    QTextListFormat list;
    list.setStyle(QTextListFormat::ListDisc);
    list.setIndent(1);
    QTextCharFormat character;
    character.setFontPointSize(10.5);
    character.setFontWeight(QFont::Normal);
    character.setForeground(Qt::black);
    startBlock(QTextBlockFormat(), character);
    QTextList* bulleted = cursor_.createList(list);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) {
        cursor_.insertBlock();
        bulleted->add(cursor_.block());
      }
      cursor_.insertText(qt(lines[i]), character);
    }
  }

  // A picture `widthCm` wide; refused when it would print under kMinimumDpi.
  void picture(const QImage& image, const std::string& name, double widthCm) {
    if (image.width() < widthCm / 2.54 * kMinimumDpi)
      throw std::logic_error("report.odt: " + name + " would print at under 200 dpi");
    document_.addResource(QTextDocument::ImageResource, QUrl(qt(name)), image);
    QTextImageFormat format;
    format.setName(qt(name));
    format.setWidth(widthCm * kDocumentPixelsPerCm);
    format.setHeight(widthCm * kDocumentPixelsPerCm * image.height() / image.width());
    startBlock(QTextBlockFormat(), QTextCharFormat());
    cursor_.insertImage(format);
  }

  void table(const TextTable& table) {
    if (table.header.empty()) return;
    startBlock(QTextBlockFormat(), QTextCharFormat());
    QTextTableFormat format;
    format.setCellPadding(3);
    format.setCellSpacing(0);
    format.setBorder(0.5);
    format.setBorderBrush(QColor(0x99, 0x99, 0x99));
    format.setHeaderRowCount(1);
    format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    QTextTable* grid =
        cursor_.insertTable(static_cast<int>(table.rows.size() + 1), static_cast<int>(table.header.size()), format);
    auto cell = [&](size_t row, size_t column, const std::string& text, bool bold) {
      QTextCursor at = grid->cellAt(static_cast<int>(row), static_cast<int>(column)).firstCursorPosition();
      QTextBlockFormat block;
      block.setAlignment(column < table.numeric.size() && table.numeric[column] && row > 0 ? Qt::AlignRight
                                                                                           : Qt::AlignLeft);
      at.setBlockFormat(block);
      QTextCharFormat character;
      character.setFontPointSize(9);
      character.setFontWeight(bold ? QFont::Bold : QFont::Normal);
      at.insertText(qt(text), character);
    };
    for (size_t c = 0; c < table.header.size(); ++c) cell(0, c, table.header[c], true);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool total = r + table.totalRows >= table.rows.size();
      for (size_t c = 0; c < table.rows[r].size() && c < table.header.size(); ++c)
        cell(r + 1, c, table.rows[r][c], total);
    }
    cursor_.movePosition(QTextCursor::End);
  }

 private:
  // A new block (none before the first), with its formats.
  void startBlock(const QTextBlockFormat& block, const QTextCharFormat& character) {
    if (started_) {
      cursor_.insertBlock(block, character);
    } else {
      cursor_.setBlockFormat(block);
      cursor_.setBlockCharFormat(character);
    }
    started_ = true;
  }

  QTextDocument& document_;
  QTextCursor cursor_;
  bool started_ = false;
};

}  // namespace

void writeReportOdt(const ReportContent& content, const ReportMaps& maps, const std::filesystem::path& file) {
  QTextDocument document;
  document.setMetaInformation(QTextDocument::DocumentTitle, qt(content.title));
  OdtBuilder odt(document);
  const QColor grey(0x66, 0x66, 0x66), red(0xC9, 0x2A, 0x2A);
  odt.heading(content.title, 1);
  odt.paragraph(content.subtitle, 12, false, grey);
  odt.paragraph(content.madeOn + " · " + content.sourceNote, 9, false, grey);

  odt.heading(content.figuresHeading, 2);
  odt.paragraph(content.figuresIntro);
  for (const FigureCard& card : content.cards) {
    odt.heading(card.title, 3);
    odt.paragraph(card.headline, 18, true, red);
    odt.bullets(card.lines);
  }

  odt.heading(content.trendsHeading, 2);
  odt.paragraph(content.trendsIntro);
  for (size_t i = 0; i < content.charts.size(); ++i)
    odt.picture(reportChartImage(content.charts[i], content, 4), "chart-" + std::to_string(i + 1) + ".png", 12);

  if (!maps.maps.empty()) {
    odt.heading(content.mapsHeading, 2);
    for (size_t i = 0; i < maps.maps.size(); ++i) {
      const ReportMap& map = maps.maps[i];
      odt.picture(reportMapImage(map, 1600), "map-" + std::to_string(i + 1) + ".png", kTextWidthCm);
      odt.paragraph(map.map.title.toStdString() + (content.language == "zh" ? "。" : ". ") + map.caption, 9.5, false,
                    grey);
    }
  }

  odt.heading(content.tablesHeading, 2);
  odt.paragraph(content.tablesIntro);
  for (const TextTable& table : content.tables) {
    odt.heading(table.title, 3);
    odt.table(table);
    odt.paragraph(table.note, 9, false, grey);
  }
  if (!content.notes.empty()) odt.bullets(content.notes);
  odt.paragraph("UrbanGIS · " + content.madeOn, 9, false, grey);

  QTextDocumentWriter writer(qt(file.string()), "ODF");
  if (!writer.write(&document)) throw InputError(file.string() + ": cannot write the OpenDocument text");
}

}  // namespace urbangis

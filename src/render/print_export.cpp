#include "render/print_export.h"

#include <QImage>
#include <QImageWriter>
#include <QPageSize>
#include <QPdfWriter>

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "io/outputs/atomic_output.h"

namespace urbangis {
namespace fs = std::filesystem;

PrintFormat printFormatFor(const fs::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".png") return PrintFormat::png;
  if (extension == ".pdf") return PrintFormat::pdf;
  throw InputError(file.string() + ": unsupported map format \"" + file.extension().string() + "\"; use .png or .pdf");
}

PrintResult exportPrintMap(const PrintMap& map, const fs::path& file, QSize size, double dpi,
                           const std::vector<fs::path>& inputs) {
  const PrintFormat format = printFormatFor(file);
  checkOutputTarget(file, inputs);
  if (size.width() < 200 || size.height() < 200 || size.width() > 20000 || size.height() > 20000)
    throw InputError("--size " + std::to_string(size.width()) + "x" + std::to_string(size.height()) +
                     ": a map needs 200 to 20000 pixels a side");
  AtomicOutput temporary(file);
  const QString path = QString::fromStdString(temporary.path().string());
  const double pixelScale = dpi / 96.0;
  PrintResult result;
  if (format == PrintFormat::png) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(static_cast<int>(dpi / 0.0254));
    image.setDotsPerMeterY(static_cast<int>(dpi / 0.0254));
    image.fill(Qt::white);
    {
      QPainter painter(&image);
      result = paintPrintMap(painter, QRectF(0, 0, size.width(), size.height()), pixelScale, map);
    }
    QImageWriter writer(path, "png");
    if (!writer.write(image))
      throw InputError(file.string() + ": cannot write the PNG: " + writer.errorString().toStdString());
  } else {
    QPdfWriter writer(path);
    writer.setResolution(static_cast<int>(dpi));
    writer.setPageSize(QPageSize(QSizeF(size.width() / dpi * 25.4, size.height() / dpi * 25.4), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(map.title);
    writer.setCreator(QStringLiteral("UrbanGIS"));
    QPainter painter;
    if (!painter.begin(&writer)) throw InputError(file.string() + ": cannot write the PDF");
    const QRect page = writer.pageLayout().paintRectPixels(static_cast<int>(dpi));
    result = paintPrintMap(painter, QRectF(0, 0, page.width(), page.height()), pixelScale, map);
    painter.end();
  }
  temporary.commit();
  return result;
}

}  // namespace urbangis

#pragma once
// Which encoding a file's text is in, as Chinese data really comes: shapefiles with or without
// a .cpg (or with a wrong one), DBF language driver ids, CSV files in GBK. GDAL reads the
// files; we only look at the bytes of the text it hands back, and decide.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "io/outputs/temporary_files.h"

namespace urbangis {

bool isValidUtf8(std::string_view text);
// Strictly decodable as GB18030 (a superset of GBK and GB2312).
bool decodesAsGbk(std::string_view text);
// Recodes with iconv; throws InputError on bytes that are not valid in `from`.
std::string recode(std::string_view text, const char* from, const char* to);

struct EncodingChoice {
  std::string encoding;  // for GDAL's ENCODING open option; empty: leave it to GDAL
  std::string note;      // said to the user when detection overruled or filled in
};

// A shapefile: honour its .cpg unless the bytes contradict it; without one, the DBF language
// driver id (GDAL reads it); without either, UTF-8 if the text is valid UTF-8, else GBK if it
// decodes as GBK.
EncodingChoice chooseShapefileEncoding(const std::string& path);

// A CSV: UTF-8 if valid, else GBK if it decodes as GBK, else unknown (left as it is).
EncodingChoice chooseCsvEncoding(const std::string& path);

// A UTF-8 copy of a CSV (with its .csvt, under the same file name, so GDAL names the layer as
// before) in a private folder of the system's temporary directory ($TMPDIR, else /tmp). Recoded
// as a stream through a fixed buffer, so memory stays flat whatever the file's size; removed
// when the handle dies, and registered for removal on a signal (io/outputs/temporary_files.h). The
// handle's path is what to open. Throws InputError naming the file and line of a byte sequence
// that is not valid in `from`, or why the copy could not be written.
class Utf8Copy {
 public:
  Utf8Copy(const std::string& path, const std::string& from);
  ~Utf8Copy();
  Utf8Copy(const Utf8Copy&) = delete;
  Utf8Copy& operator=(const Utf8Copy&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path folder_;
  RegisteredTemporary registration_;
  std::string path_;
};
std::shared_ptr<Utf8Copy> utf8CopyOfCsv(const std::string& path, const std::string& from);

}  // namespace urbangis

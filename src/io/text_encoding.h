#pragma once
// Which encoding a file's text is in, as Chinese data really comes: shapefiles with or without
// a .cpg (or with a wrong one), DBF language driver ids, CSV files in GBK. GDAL reads the
// files; we only look at the bytes of the text it hands back, and decide.

#include <memory>
#include <string>
#include <string_view>

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

// A UTF-8 copy of a CSV in GDAL's in-memory file system (with its .csvt), removed when the
// returned handle dies; the handle's path is what to open.
struct MemoryFile {
  std::string path;
  ~MemoryFile();
};
std::shared_ptr<MemoryFile> utf8CopyOfCsv(const std::string& path, const std::string& from);

}  // namespace urbangis

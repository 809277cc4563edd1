#include "io/sources/text_encoding.h"

#include <cpl_vsi.h>
#include <iconv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "io/gdal_support.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

std::string readPrefix(const std::string& path, size_t most) {
  std::ifstream stream(path, std::ios::binary);
  std::string bytes(most, '\0');
  stream.read(bytes.data(), static_cast<std::streamsize>(most));
  bytes.resize(static_cast<size_t>(stream.gcount()));
  return bytes;
}

bool hasNonAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// The raw bytes of every text field of up to `most` features, as stored (no recoding).
std::string rawShapefileText(const std::string& path, int most) {
  ensureGdalRegistered();
  const char* options[] = {"ENCODING=", nullptr};
  GdalErrorCapture quiet;
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr));
  if (!dataset || dataset->GetLayerCount() < 1) return {};
  OGRLayer& layer = *dataset->GetLayer(0);
  std::string text;
  int seen = 0;
  for (auto& feature : layer) {
    for (int i = 0; i < feature->GetFieldCount(); ++i)
      if (feature->GetFieldDefnRef(i)->GetType() == OFTString) {
        text += feature->GetFieldAsString(i);
        text += '\n';
      }
    if (++seen >= most) break;
  }
  return text;
}

std::string cpgOf(const std::string& shapefile) {
  for (const char* extension : {".cpg", ".CPG"}) {
    const fs::path cpg = fs::path(shapefile).replace_extension(extension);
    if (fs::exists(cpg)) {
      std::string text = readPrefix(cpg.string(), 64);
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
      return text;
    }
  }
  return {};
}

bool saysUtf8(std::string name) {
  for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name == "UTF-8" || name == "UTF8" || name == "65001";
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    if (length == 2 && c < 0xC2) return false;  // overlong
    for (size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    i += length;
  }
  return true;
}

std::string recode(std::string_view text, const char* from, const char* to) {
  iconv_t converter = iconv_open(to, from);
  if (converter == reinterpret_cast<iconv_t>(-1))
    throw InputError(std::string("unknown text encoding \"") + from + "\"");
  std::string input(text), output(text.size() * 4 + 16, '\0');
  char* in = input.data();
  char* out = output.data();
  size_t inLeft = input.size(), outLeft = output.size();
  const size_t result = iconv(converter, &in, &inLeft, &out, &outLeft);
  const int error = errno;
  iconv_close(converter);
  if (result == static_cast<size_t>(-1))
    throw InputError(std::string("text is not valid ") + from + (error == EILSEQ ? " (invalid byte sequence)" : ""));
  output.resize(output.size() - outLeft);
  return output;
}

bool decodesAsGbk(std::string_view text) {
  try {
    recode(text, "GB18030", "UTF-8");
    return true;
  } catch (const InputError&) {
    return false;
  }
}

EncodingChoice chooseShapefileEncoding(const std::string& path) {
  const std::string raw = rawShapefileText(path, 2000);
  if (!hasNonAscii(raw)) return {};  // ASCII reads the same in every encoding
  const std::string cpg = cpgOf(path);
  const bool utf8 = isValidUtf8(raw);
  const bool gbk = !utf8 && decodesAsGbk(raw);
  if (!cpg.empty()) {
    if (saysUtf8(cpg) && !utf8 && gbk)
      return {"CP936", path + ": its .cpg says " + cpg +
                           " but the text is GBK (CP936): reading it as GBK; fix or delete the .cpg"};
    return {};  // GDAL honours the .cpg
  }
  // No .cpg: GDAL uses the DBF language driver id when there is one.
  {
    GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (dataset && dataset->GetLayerCount() > 0) {
      const char* fromLdid = dataset->GetLayer(0)->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE");
      if (fromLdid && *fromLdid) return {};
    }
  }
  if (utf8) return {"UTF-8", ""};
  if (gbk)
    return {"CP936", path +
                         ": no .cpg and no language driver id; the text decodes as GBK (CP936): "
                         "reading it as GBK (add a .cpg with CP936 to make it explicit)"};
  return {"", path + ": no .cpg and the text is neither UTF-8 nor GBK; declare \"encoding\" in the catalog"};
}

EncodingChoice chooseCsvEncoding(const std::string& path) {
  const std::string bytes = readPrefix(path, 1 << 20);
  if (!hasNonAscii(bytes) || isValidUtf8(bytes)) return {};
  // A cut in the middle of a character at the 1 MiB mark must not spoil GBK detection.
  const std::string whole = bytes.size() < (1u << 20) ? bytes : bytes.substr(0, bytes.rfind('\n') + 1);
  if (decodesAsGbk(whole)) return {"GB18030", path + ": the text is GBK, not UTF-8: reading it as GBK"};
  return {"", path + ": the text is neither UTF-8 nor GBK; declare \"encoding\" in the catalog"};
}

namespace {

// A private folder for one copy: "urbangis-utf8-<pid>-<n>" in the temporary directory.
fs::path newCopyFolder(const std::string& source) {
  static std::atomic<unsigned> counter{0};
  std::error_code error;
  fs::path base = fs::temp_directory_path(error);
  if (error) base = "/tmp";
  const fs::path folder = base / ("urbangis-utf8-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(folder, error);  // a leftover of a killed process that had our pid
  return folder;
}

// Recodes `in` to `out` through fixed buffers; a character cut at a buffer's end waits for the
// next read. Throws InputError naming `source` and the line of an invalid byte sequence.
void recodeStream(std::istream& in, std::ostream& out, const char* from, const std::string& source) {
  iconv_t converter = iconv_open("UTF-8", from);
  if (converter == reinterpret_cast<iconv_t>(-1)) throw InputError(source + ": unknown text encoding \"" + from + "\"");
  struct Close {
    iconv_t handle;
    ~Close() { iconv_close(handle); }
  } close{converter};
  constexpr size_t kChunk = 1 << 20;
  std::vector<char> input(kChunk), output(kChunk * 4);
  size_t pending = 0;  // bytes of a cut character kept at the start of `input`
  size_t line = 1;
  for (;;) {
    in.read(input.data() + pending, static_cast<std::streamsize>(kChunk - pending));
    const size_t read = static_cast<size_t>(in.gcount());
    const bool last = read == 0;
    size_t inLeft = pending + read;
    if (last && pending == 0) break;
    char* inPointer = input.data();
    while (inLeft > 0) {
      char* outPointer = output.data();
      size_t outLeft = output.size();
      char* const start = inPointer;
      const size_t result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft);
      const int error = errno;
      line += static_cast<size_t>(std::count(start, inPointer, '\n'));
      out.write(output.data(), static_cast<std::streamsize>(output.size() - outLeft));
      if (result != static_cast<size_t>(-1)) break;
      if (error == E2BIG) continue;
      if (error == EINVAL && !last) break;  // a character cut by the buffer: read on
      throw InputError(source + ": line " + std::to_string(line) + " is not valid " + from +
                       (error == EINVAL ? " (the file ends inside a character)" : " (invalid byte sequence)"));
    }
    if (last) break;
    std::copy(inPointer, inPointer + inLeft, input.data());
    pending = inLeft;
  }
  if (!out) throw InputError(source + ": cannot write its UTF-8 copy (is the temporary directory full?)");
}

}  // namespace

Utf8Copy::Utf8Copy(const std::string& path, const std::string& from)
    : folder_(newCopyFolder(path)), registration_(folder_, RegisteredTemporary::Kind::folder) {
  std::error_code error;
  if (!fs::create_directory(folder_, error))
    throw InputError(path + ": cannot create " + folder_.string() + " for its UTF-8 copy: " + error.message());
  path_ = (folder_ / fs::path(path).filename()).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    recodeStream(in, out, from.c_str(), path);
    out.close();
    if (!out) throw InputError(path + ": cannot write its UTF-8 copy in " + folder_.string());
  }
  const fs::path csvt = fs::path(path).replace_extension(".csvt");
  if (fs::exists(csvt, error) && !fs::copy_file(csvt, fs::path(path_).replace_extension(".csvt"), error))
    throw InputError(csvt.string() + ": cannot copy beside the UTF-8 copy in " + folder_.string() + ": " +
                     error.message());
}

Utf8Copy::~Utf8Copy() {
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::shared_ptr<Utf8Copy> utf8CopyOfCsv(const std::string& path, const std::string& from) {
  return std::make_shared<Utf8Copy>(path, from);
}

}  // namespace urbangis

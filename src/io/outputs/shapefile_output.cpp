#include "io/outputs/shapefile_output.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <system_error>

#include "core/error.h"

namespace urbangis {
namespace fs = std::filesystem;
namespace {

constexpr size_t kFieldNameBytes = 10;  // DBF (dBase III) field names
constexpr const char* kSetExtensions[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
constexpr const char* kIndexExtensions[] = {".qix", ".sbn", ".sbx"};

// Bytes of the UTF-8 character starting with `lead`; 1 for a stray continuation or invalid byte.
size_t characterBytes(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  return 1;
}

std::string asciiLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

std::string withoutTrailingSpaces(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The name as GDAL would store it untouched: no ':' (GDAL writes '_'), no trailing spaces.
std::string dbfSafe(const std::string& name) {
  std::string safe = name;
  std::replace(safe.begin(), safe.end(), ':', '_');
  safe = withoutTrailingSpaces(safe);
  return safe.empty() ? "field" : safe;
}

}  // namespace

std::string utf8Prefix(const std::string& text, size_t bytes) {
  size_t end = 0;
  while (end < text.size()) {
    const size_t next = end + characterBytes(static_cast<unsigned char>(text[end]));
    if (next > bytes || next > text.size()) break;
    end = next;
  }
  return text.substr(0, end);
}

std::vector<std::string> shapefileFieldNames(const std::vector<std::string>& names) {
  std::vector<std::string> result;
  std::set<std::string> taken;  // ASCII lower case: DBF readers match names without case
  for (const std::string& name : names) {
    const std::string safe = dbfSafe(name);
    std::string chosen = withoutTrailingSpaces(utf8Prefix(safe, kFieldNameBytes));
    for (unsigned n = 1; chosen.empty() || taken.count(asciiLower(chosen)); ++n) {
      const std::string suffix = "_" + std::to_string(n);
      chosen = withoutTrailingSpaces(utf8Prefix(safe, kFieldNameBytes - suffix.size())) + suffix;
    }
    taken.insert(asciiLower(chosen));
    result.push_back(chosen);
  }
  return result;
}

std::vector<fs::path> shapefileSiblings(const fs::path& shp) {
  std::vector<fs::path> siblings;
  for (const char* extension : kSetExtensions) siblings.push_back(fs::path(shp).replace_extension(extension));
  for (const char* extension : kIndexExtensions) siblings.push_back(fs::path(shp).replace_extension(extension));
  return siblings;
}

AtomicShapefileOutput::AtomicShapefileOutput(const fs::path& target) : target_(target) {
  static std::atomic<unsigned> counter{0};
  const std::string name =
      "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  folder_ = target.has_parent_path() ? target.parent_path() / name : fs::path(name);
  std::error_code error;
  fs::remove_all(folder_, error);  // a leftover of a crashed process that had our pid
  registration_.emplace(folder_, RegisteredTemporary::Kind::folder);
  if (!fs::create_directory(folder_, error) || error)
    throw InputError(target.string() + ": cannot create the temporary folder " + folder_.string() + ": " +
                     error.message());
  path_ = folder_ / target.filename();
}

AtomicShapefileOutput::~AtomicShapefileOutput() {
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::vector<fs::path> AtomicShapefileOutput::commit() {
  std::error_code error;
  std::vector<fs::path> written;
  for (const auto& entry : fs::directory_iterator(folder_, error))
    if (entry.is_regular_file()) written.push_back(entry.path());
  if (error) throw InputError(target_.string() + ": cannot list " + folder_.string() + ": " + error.message());
  std::sort(written.begin(), written.end());
  // The main file goes last: the .shp, or the .dbf of a table without geometry.
  fs::path main = path_;
  if (!fs::exists(main)) main = fs::path(path_).replace_extension(".dbf");
  std::stable_partition(written.begin(), written.end(), [&](const fs::path& file) { return file != main; });

  std::set<std::string> names;
  for (const fs::path& file : written) names.insert(file.filename().string());
  const fs::path folder = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  // An old spatial index would not match the new .shp: gone before the first rename.
  for (const fs::path& sibling : shapefileSiblings(target_)) {
    const std::string extension = sibling.extension().string();
    const bool index = std::any_of(std::begin(kIndexExtensions), std::end(kIndexExtensions),
                                   [&](const char* e) { return extension == e; });
    if (index && !names.count(sibling.filename().string())) fs::remove(sibling, error);
  }
  std::vector<fs::path> placed;
  for (const fs::path& file : written) {
    const fs::path destination = folder / file.filename();
    fs::rename(file, destination, error);
    if (error)
      throw InputError(destination.string() + ": cannot replace: " + error.message() +
                       (placed.empty() ? "" : " (the shapefile set beside it is now partly new)"));
    placed.push_back(destination);
  }
  // Old files the new set lacks (e.g. a .shp where the new table has no geometry).
  for (const fs::path& sibling : shapefileSiblings(target_))
    if (!names.count(sibling.filename().string())) fs::remove(sibling, error);
  fs::remove_all(folder_, error);
  return placed;
}

}  // namespace urbangis

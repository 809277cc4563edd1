#pragma once
// What a shapefile needs beyond the other table formats: DBF field names of at most 10 bytes,
// chosen predictably, and an atomic write of a set of files (.shp .shx .dbf .prj .cpg).
//
// The set is written into a hidden temporary folder beside the target (same file system), then
// each file is renamed into place, the .shp last (the .dbf when the table has no geometry), so a
// reader that finds the new .shp finds the rest of the new set beside it. One rename cannot
// replace several files at once: between the first and the last rename (microseconds, all in one
// folder) a reader opening the set may see new sidecars with the old .shp. An old spatial index
// (.qix/.sbn/.sbx), which would not match the new .shp, is removed just before the first rename;
// old files the new set does not have (a .shp and .shx where the new table has no geometry) just
// after the last. On any failure before the renames, the temporary folder is removed and the old
// files stay untouched.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/outputs/temporary_files.h"

namespace urbangis {

// DBF field names for `names`, in order: each the longest prefix of whole UTF-8 characters that
// fits in 10 bytes (a Chinese character takes 3), with ':' (which GDAL rewrites) replaced by '_'
// and trailing spaces dropped. A name equal (ignoring ASCII case, as DBF readers do) to one
// already taken gets "_1", "_2", … on a prefix shortened so that the whole stays within 10
// bytes. The same input always gives the same names.
std::vector<std::string> shapefileFieldNames(const std::vector<std::string>& names);

// The longest prefix of whole UTF-8 characters of `text` of at most `bytes` bytes.
std::string utf8Prefix(const std::string& text, size_t bytes);

// The files of the shapefile set `shp` names that may exist beside it: .shp .shx .dbf .prj .cpg
// and the spatial indexes .qix .sbn .sbx (same stem, lower-case extensions).
std::vector<std::filesystem::path> shapefileSiblings(const std::filesystem::path& shp);

class AtomicShapefileOutput {
 public:
  // A fresh ".<name>.tmp-<pid>-<n>" folder beside `target` (a .shp path).
  explicit AtomicShapefileOutput(const std::filesystem::path& target);
  ~AtomicShapefileOutput();  // removes the temporary folder (and what is in it)
  AtomicShapefileOutput(const AtomicShapefileOutput&) = delete;
  AtomicShapefileOutput& operator=(const AtomicShapefileOutput&) = delete;

  // Where to write: the target's file name inside the temporary folder.
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& folder() const { return folder_; }
  // Renames the written files into place (.shp last), removes stale old ones and the folder.
  // Returns the files now in place.
  std::vector<std::filesystem::path> commit();

 private:
  std::filesystem::path target_, folder_, path_;
  std::optional<RegisteredTemporary> registration_;  // the folder, removed on a signal
};

}  // namespace urbangis

#include "analysis/routing/graph_cache.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>
#include <type_traits>

#include "core/error.h"
#include "io/outputs/temporary_files.h"

namespace urbangis {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "urbangis-road-graph 1";
constexpr uint64_t kDefaultLimitMegabytes = 512;
constexpr const char* kLimitVariable = "URBANGIS_CACHE_MAX_MB";

bool isEntry(const fs::path& file) {
  const std::string name = file.filename().string();
  return name.rfind("graph-", 0) == 0 && file.extension() == ".bin";
}

// "graph-….bin.tmp<pid>": the pid of the writer, or 0 when the name is not one of ours.
long temporaryWriter(const fs::path& file) {
  const std::string name = file.filename().string();
  const auto tmp = name.rfind(".bin.tmp");
  if (name.rfind("graph-", 0) != 0 || tmp == std::string::npos) return 0;
  long pid = 0;
  const char* first = name.data() + tmp + 8;
  const char* last = name.data() + name.size();
  const auto [end, error] = std::from_chars(first, last, pid);
  return error == std::errc() && end == last ? pid : 0;
}

struct Entry {
  fs::path file;
  uint64_t bytes;
  fs::file_time_type used;
};

std::vector<Entry> entriesOf(const fs::path& dir) {
  std::vector<Entry> entries;
  std::error_code error;
  for (const auto& item : fs::directory_iterator(dir, error)) {
    if (!isEntry(item.path()) || !item.is_regular_file(error)) continue;
    const uint64_t bytes = item.file_size(error);
    const auto used = item.last_write_time(error);
    if (!error) entries.push_back({item.path(), bytes, used});
  }
  return entries;
}

fs::path entryPath(const fs::path& dir, const std::string& key) {
  std::ostringstream name;
  name << "graph-" << std::hex << std::hash<std::string>{}(key) << ".bin";
  return dir / name.str();
}

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.write(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(const std::string& s) {
    value(static_cast<uint64_t>(s.size()));
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
  }
  template <typename T>
  void array(const std::vector<T>& items) {
    value(static_cast<uint64_t>(items.size()));
    out_.write(reinterpret_cast<const char*>(items.data()), static_cast<std::streamsize>(items.size() * sizeof(T)));
  }
  void texts(const std::vector<std::string>& items) {
    value(static_cast<uint64_t>(items.size()));
    for (const auto& item : items) text(item);
  }

 private:
  std::ostream& out_;
};

class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {}
  template <typename T>
  T value() {
    T v{};
    in_.read(reinterpret_cast<char*>(&v), sizeof v);
    return v;
  }
  std::string text() {
    const auto size = value<uint64_t>();
    if (!in_ || size > (1ULL << 30)) throw std::runtime_error("bad cache entry");
    std::string s(size, '\0');
    in_.read(s.data(), static_cast<std::streamsize>(size));
    return s;
  }
  template <typename T>
  std::vector<T> array() {
    const auto size = value<uint64_t>();
    if (!in_ || size > (1ULL << 34) / sizeof(T)) throw std::runtime_error("bad cache entry");
    std::vector<T> items(size);
    in_.read(reinterpret_cast<char*>(items.data()), static_cast<std::streamsize>(size * sizeof(T)));
    return items;
  }
  std::vector<std::string> texts() {
    const auto size = value<uint64_t>();
    if (!in_ || size > (1ULL << 24)) throw std::runtime_error("bad cache entry");
    std::vector<std::string> items;
    for (uint64_t i = 0; i < size; ++i) items.push_back(text());
    return items;
  }
  bool good() const { return static_cast<bool>(in_); }

 private:
  std::istream& in_;
};

void writeReport(Writer& w, const GraphReport& r) {
  for (size_t v : {r.inputLines, r.crossingsNoded, r.endpointsSnapped}) w.value(static_cast<uint64_t>(v));
  w.texts(r.degenerate);
  w.texts(r.notes);
}

GraphReport readReport(Reader& r) {
  GraphReport report;
  report.inputLines = r.value<uint64_t>();
  report.crossingsNoded = r.value<uint64_t>();
  report.endpointsSnapped = r.value<uint64_t>();
  report.degenerate = r.texts();
  report.notes = r.texts();
  return report;
}

}  // namespace

std::string graphCacheKey(const LayerSpec& network, const CrsSpec& working) {
  std::error_code error;
  const fs::path source = network.resolvedSource;
  if (!fs::is_regular_file(source, error)) return {};
  const auto size = fs::file_size(source, error);
  const auto modified = fs::last_write_time(source, error);
  if (error) return {};
  std::ostringstream key;
  key << kFormat << '\n'
      << fs::absolute(source).string() << '\n'
      << size << '\n'
      << modified.time_since_epoch().count() << '\n'
      << network.layerName << '\n'
      << network.snapM << '\n'
      << network.idField << '\n'
      << network.nameField << '\n'
      << network.categoryField << '\n'
      << network.onewayField << '\n'
      << network.speedField << '\n'
      << network.encoding << '\n'
      << (network.crs ? network.crs->definition : "") << '\n'
      << working.definition << '\n';
  return key.str();
}

std::optional<RoadGraph> readCachedGraph(const fs::path& dir, const std::string& key) {
  const fs::path file = entryPath(dir, key);
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    Reader r(in);
    if (r.text() != key) return std::nullopt;
    RoadGraph graph;
    graph.crsDefinition = r.text();
    graph.costIsTime = r.value<bool>();
    graph.maxSpeedMps = r.value<double>();
    graph.nodes = r.array<Point2>();
    graph.edges = r.array<GraphEdge>();
    graph.vertices = r.array<Point2>();
    graph.nodeEcef = r.array<double>();
    std::vector<std::string> names = r.texts(), categories = r.texts(), features = r.texts();
    graph.report = readReport(r);
    if (!r.good() || names.size() != categories.size() || names.size() != features.size() ||
        graph.nodeEcef.size() != graph.nodes.size() * 3)
      return std::nullopt;
    for (size_t i = 0; i < names.size(); ++i)
      graph.roads.push_back({std::move(names[i]), std::move(categories[i]), std::move(features[i])});
    for (const GraphEdge& edge : graph.edges)
      if (edge.from >= graph.nodes.size() || edge.to >= graph.nodes.size() || edge.road >= graph.roads.size() ||
          uint64_t{edge.firstVertex} + edge.vertexCount > graph.vertices.size())
        return std::nullopt;
    graph.index();
    std::error_code ignored;
    fs::last_write_time(file, fs::file_time_type::clock::now(), ignored);  // recently used: trimmed last
    return graph;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void writeCachedGraph(const fs::path& dir, const std::string& key, const RoadGraph& graph) {
  const uint64_t limit = graphCacheLimitBytes();
  if (limit == 0) return;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return;
  const fs::path target = entryPath(dir, key);
  const fs::path temporary = target.string() + ".tmp" + std::to_string(::getpid());
  const RegisteredTemporary registration(temporary);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    Writer w(out);
    w.text(key);
    w.text(graph.crsDefinition);
    w.value(graph.costIsTime);
    w.value(graph.maxSpeedMps);
    w.array(graph.nodes);
    w.array(graph.edges);
    w.array(graph.vertices);
    w.array(graph.nodeEcef);
    std::vector<std::string> names, categories, features;
    for (const RoadInfo& road : graph.roads)
      names.push_back(road.name), categories.push_back(road.category), features.push_back(road.feature);
    w.texts(names);
    w.texts(categories);
    w.texts(features);
    writeReport(w, graph.report);
    out.flush();
    if (!out) {
      fs::remove(temporary, error);
      return;
    }
  }
  if (fs::file_size(temporary, error) > limit || error) {  // larger than the whole cache may be
    fs::remove(temporary, error);
    return;
  }
  fs::rename(temporary, target, error);
  if (error) {
    fs::remove(temporary, error);
    return;
  }
  trimGraphCache(dir, limit);
}

uint64_t graphCacheLimitBytes() {
  const char* text = std::getenv(kLimitVariable);
  if (!text || !*text) return kDefaultLimitMegabytes << 20;
  uint64_t megabytes = 0;
  const char* last = text + std::char_traits<char>::length(text);
  const auto [end, error] = std::from_chars(text, last, megabytes);
  if (error != std::errc() || end != last || megabytes > (uint64_t{1} << 40))
    throw InputError(std::string(kLimitVariable) + "=\"" + text +
                     "\": the graph cache's limit must be a whole number of megabytes (0: no cache)");
  return megabytes << 20;
}

GraphCacheUsage graphCacheUsage(const fs::path& dir) {
  GraphCacheUsage usage;
  for (const Entry& entry : entriesOf(dir)) {
    ++usage.entries;
    usage.bytes += entry.bytes;
  }
  return usage;
}

GraphCacheUsage trimGraphCache(const fs::path& dir, uint64_t limitBytes) {
  std::vector<Entry> entries = entriesOf(dir);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  uint64_t total = 0;
  for (const Entry& entry : entries) total += entry.bytes;
  GraphCacheUsage removed;
  for (const Entry& entry : entries) {
    if (total <= limitBytes) break;
    std::error_code error;
    if (!fs::remove(entry.file, error)) continue;  // another process may have removed it already
    total -= entry.bytes;
    ++removed.entries;
    removed.bytes += entry.bytes;
  }
  return removed;
}

GraphCacheUsage clearGraphCache(const fs::path& dir) {
  GraphCacheUsage removed = trimGraphCache(dir, 0);
  std::error_code error;
  for (const auto& item : fs::directory_iterator(dir, error)) {
    const long writer = temporaryWriter(item.path());
    if (writer > 0 && ::kill(static_cast<pid_t>(writer), 0) != 0 && errno == ESRCH) fs::remove(item.path(), error);
  }
  return removed;
}

}  // namespace urbangis

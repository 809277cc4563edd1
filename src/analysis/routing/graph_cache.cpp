#include "analysis/routing/graph_cache.h"

#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>
#include <type_traits>
#include <unistd.h>

namespace urbangis {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "urbangis-road-graph 1";

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
  key << kFormat << '\n' << fs::absolute(source).string() << '\n' << size << '\n'
      << modified.time_since_epoch().count() << '\n' << network.layerName << '\n' << network.snapM << '\n'
      << network.idField << '\n' << network.nameField << '\n' << network.categoryField << '\n'
      << network.onewayField << '\n' << network.speedField << '\n' << network.encoding << '\n'
      << (network.crs ? network.crs->definition : "") << '\n' << working.definition << '\n';
  return key.str();
}

std::optional<RoadGraph> readCachedGraph(const fs::path& dir, const std::string& key) {
  std::ifstream in(entryPath(dir, key), std::ios::binary);
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
    return graph;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void writeCachedGraph(const fs::path& dir, const std::string& key, const RoadGraph& graph) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return;
  const fs::path target = entryPath(dir, key);
  const fs::path temporary = target.string() + ".tmp" + std::to_string(::getpid());
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
  fs::rename(temporary, target, error);
  if (error) fs::remove(temporary, error);
}

}  // namespace urbangis

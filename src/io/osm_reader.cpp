// OpenStreetMap import. The file is read with libosmium, without metadata. Node locations come
// from a table of (OSM id, location) pairs sorted by id: every node of the file (one pass), or only
// the nodes the roads and place areas use (a pass over ways and relations, then one over nodes).
// Road ways are then cut into edges at every node that two road ways share, that a way visits
// twice, and at way ends, so the graph has one edge per stretch between junctions.
// The graph and the settlements are built in osm_build.cpp.
#include "io/osm_reader.hpp"

#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <system_error>

#include "io/osm_reader_internal.hpp"
#include "model/error.hpp"

namespace gw::io {

using namespace osm_detail;

namespace {

// Second pass (two-pass mode): the locations of the wanted nodes, and the place nodes.
class NodeFilter : public osmium::handler::Handler {
 public:
  NodeFilter(NodeTable& table, std::vector<PlaceNode>& places) : table_(table), places_(places) {}

  void node(const osmium::Node& n) {
    const OsmId id = n.id();
    if (id < last_) cursor_ = 0;  // unsorted input: search the whole table again
    last_ = id;
    const auto& ids = table_.ids;
    cursor_ = static_cast<std::size_t>(
        std::lower_bound(ids.begin() + static_cast<std::ptrdiff_t>(cursor_), ids.end(), id) -
        ids.begin());
    if (cursor_ < ids.size() && ids[cursor_] == id) table_.locs[cursor_] = n.location();
    take_place_node(n, places_);
  }

 private:
  NodeTable& table_;
  std::vector<PlaceNode>& places_;
  std::size_t cursor_ = 0;
  OsmId last_ = std::numeric_limits<OsmId>::min();
};

// The node references of the relation areas' member ways (an extra pass over ways).
class MemberWays : public osmium::handler::Handler {
 public:
  explicit MemberWays(std::vector<PlaceArea>& areas) : areas_(areas) {
    for (std::uint32_t a = 0; a < areas.size(); ++a) {
      if (areas[a].has_label) continue;
      for (OsmId w : areas[a].member_ways) wanted_.emplace_back(w, a);
    }
    std::sort(wanted_.begin(), wanted_.end());
  }
  [[nodiscard]] bool empty() const { return wanted_.empty(); }

  void way(const osmium::Way& w) {
    auto it = std::lower_bound(wanted_.begin(), wanted_.end(),
                               std::pair<OsmId, std::uint32_t>{w.id(), 0});
    for (; it != wanted_.end() && it->first == w.id(); ++it) {
      auto& refs = areas_[it->second].refs;
      for (const auto& nr : w.nodes()) refs.push_back(nr.ref());
    }
  }

 private:
  std::vector<PlaceArea>& areas_;
  std::vector<std::pair<OsmId, std::uint32_t>> wanted_;
};

// Runs one pass of `handler` over the entities `what` of the file.
template <typename Handler>
void run_pass(const osmium::io::File& file, osmium::osm_entity_bits::type what, Handler& handler) {
  osmium::io::Reader reader{file, what, osmium::io::read_meta::no};
  osmium::apply(reader, handler);
  reader.close();
}

// Bytes a node takes in a file, to estimate the node count from the file size.
double bytes_per_node(const osmium::io::File& f) {
  if (f.format() == osmium::io::file_format::xml &&
      f.compression() == osmium::io::file_compression::none) {
    return 80;
  }
  return 8;  // PBF (about 8.5 in Geofabrik extracts); compressed XML is a little larger
}

OsmImport import(const std::filesystem::path& path, const OsmImportOptions& opt,
                 detail::OsmNodePass pass) {
  const std::string source = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw Error(ErrorCode::kIo, source + ": no such file");
  if (std::filesystem::is_directory(status))
    throw Error(ErrorCode::kIo, source + ": is a directory, not an OSM file");
  (void)speeds(opt);  // bad options fail before the file is read

  const osmium::io::File file{source};
  if (file.format() == osmium::io::file_format::unknown) {
    throw Error(ErrorCode::kUnsupported,
                source + ": unknown OSM file type (expected .osm.pbf, .osm, .osm.bz2 or .osm.gz)");
  }
  if (pass == detail::OsmNodePass::kAuto) {
    const double nodes =
        static_cast<double>(std::filesystem::file_size(path, ec)) / bytes_per_node(file);
    pass = !ec && nodes <= kOnePassMaxNodes ? detail::OsmNodePass::kOnePass
                                            : detail::OsmNodePass::kTwoPass;
  }
  const bool one_pass = pass == detail::OsmNodePass::kOnePass;

  OsmImport out;
  Collector c(one_pass);
  NodeTable table;
  std::vector<PlaceNode> place_nodes;
  using osmium::osm_entity_bits::node;
  using osmium::osm_entity_bits::relation;
  using osmium::osm_entity_bits::way;
  if (one_pass) {
    run_pass(file, node | way | relation, c);
    ++out.report.passes;
    MemberWays members(c.areas);
    if (!members.empty()) {
      run_pass(file, way, members);
      ++out.report.passes;
    }
    table.ids = std::move(c.node_ids);
    table.locs = std::move(c.node_locs);
    if (!std::is_sorted(table.ids.begin(), table.ids.end())) {
      std::vector<std::uint32_t> order(table.ids.size());
      for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](std::uint32_t a, std::uint32_t b) { return table.ids[a] < table.ids[b]; });
      NodeTable sorted;
      sorted.ids.reserve(order.size());
      sorted.locs.reserve(order.size());
      for (std::uint32_t i : order)
        sorted.ids.push_back(table.ids[i]), sorted.locs.push_back(table.locs[i]);
      table = std::move(sorted);
    }
    place_nodes = std::move(c.place_nodes);
  } else {
    run_pass(file, way | relation, c);
    ++out.report.passes;
    MemberWays members(c.areas);
    if (!members.empty()) {
      run_pass(file, way, members);
      ++out.report.passes;
    }
    table.ids = c.refs;
    for (const auto& a : c.areas) {
      table.ids.insert(table.ids.end(), a.refs.begin(), a.refs.end());
      if (a.has_label) table.ids.push_back(a.label);
    }
    std::sort(table.ids.begin(), table.ids.end());
    table.ids.erase(std::unique(table.ids.begin(), table.ids.end()), table.ids.end());
    table.locs.assign(table.ids.size(), osmium::Location{});
    NodeFilter filter(table, place_nodes);
    run_pass(file, node, filter);
    ++out.report.passes;
  }
  out.report.ways_read = c.ways_read;
  out.report.ways_skipped_access = c.ways_skipped_access;
  out.report.ways_skipped_area = c.ways_skipped_area;
  out.report.places_skipped = c.places_skipped;

  if (c.roads.empty()) {
    throw Error(
        ErrorCode::kInvalidInput,
        source + ": no roads: none of its " + std::to_string(c.ways_read) +
            " ways is a road a vehicle can use (highway=motorway ... residential, service, track)");
  }
  if (table.ids.size() >= kNone)
    throw Error(ErrorCode::kUnsupported, source + ": more than 4 billion nodes");
  build_roads(c, table, opt, source, out);
  build_settlements(c, place_nodes, table, opt, out);
  return out;
}

}  // namespace

const std::map<std::string, double>& default_osm_speeds_kmh() {
  static const std::map<std::string, double> m = [] {
    std::map<std::string, double> r;
    for (const auto& h : kHighways) r.emplace(std::string(h.value), h.speed_kmh);
    return r;
  }();
  return m;
}

std::int64_t parse_osm_population(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  // Digit groups: the first of 1-3 digits (any number when there is no separator), every further
  // group of exactly 3 digits after the same separator.
  constexpr std::array<std::string_view, 7> kSeparators = {
      ",", " ", "'", ".", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"};
  std::int64_t v = 0;
  int group = 0;
  bool first_group = true;
  std::string_view sep;
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      v = v * 10 + (ch - '0');
      if (v > 10'000'000'000) return -1;
      ++group;
      ++i;
      continue;
    }
    std::string_view token;
    for (auto t : kSeparators) {
      if (s.substr(i, t.size()) == t) token = t;
    }
    if (token.empty() || group == 0) return -1;
    if (first_group) {
      if (group > 3) return -1;
      sep = token;
      first_group = false;
    } else if (group != 3 || token != sep) {
      return -1;
    }
    group = 0;
    i += token.size();
  }
  if (group == 0 || (!first_group && group != 3)) return -1;
  return v;
}

namespace detail {
OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt,
                   OsmNodePass pass) {
  const std::string source = path.string();
  try {
    return import(path, opt, pass);
  } catch (const Error& e) {
    const std::string msg = e.what();
    if (msg.starts_with(source + ":")) throw;
    throw Error(e.code(), source + ": " + msg);
  } catch (const osmium::unsupported_file_format_error& e) {
    throw Error(ErrorCode::kUnsupported, source + ": unsupported OSM file: " + e.what());
  } catch (const std::system_error& e) {
    throw Error(ErrorCode::kIo, source + ": cannot read: " + e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kParse, source + ": not a valid OSM file: " + e.what());
  }
}
}  // namespace detail

OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt) {
  return detail::read_osm(path, opt, detail::OsmNodePass::kAuto);
}

}  // namespace gw::io

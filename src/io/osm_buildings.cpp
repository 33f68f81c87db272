#include "io/osm_buildings.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <string>
#include <unordered_map>

#include "geo/projection.hpp"
#include "model/error.hpp"

namespace gw::io {

namespace {

bool is_one_of(const char* v, std::initializer_list<const char*> values) {
  for (const char* x : values) {
    if (std::strcmp(v, x) == 0) return true;
  }
  return false;
}

// A whole number above 0, or -1.
long whole(const char* text) {
  if (text == nullptr || *text == '\0') return -1;
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  return end != nullptr && *end == '\0' && v > 0 ? v : -1;
}

// The settlements in a local projection, bucketed by cells of the search radius.
class SettlementGrid {
 public:
  SettlementGrid(const std::vector<Settlement>& settlements, double radius_m)
      : proj_(centre(settlements)), radius_(radius_m) {
    for (std::size_t i = 0; i < settlements.size(); ++i) {
      const geo::XY p = proj_.forward(settlements[i].pos);
      xy_.push_back(p);
      cells_[key(cell(p.x), cell(p.y))].push_back(i);
    }
  }
  // The nearest settlement within the radius (the first on a tie), or SIZE_MAX.
  [[nodiscard]] std::size_t nearest(LonLat q) const {
    const geo::XY p = proj_.forward(q);
    std::size_t best = std::numeric_limits<std::size_t>::max();
    double bd = radius_;
    for (long dx = -1; dx <= 1; ++dx) {
      for (long dy = -1; dy <= 1; ++dy) {
        const auto it = cells_.find(key(cell(p.x) + dx, cell(p.y) + dy));
        if (it == cells_.end()) continue;
        for (const std::size_t i : it->second) {
          const double d = std::hypot(xy_[i].x - p.x, xy_[i].y - p.y);
          if (d < bd || (d == bd && i < best)) {
            bd = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

 private:
  static LonLat centre(const std::vector<Settlement>& s) {
    LonLat c{0, 0};
    for (const auto& x : s) c = {c.lon + x.pos.lon, c.lat + x.pos.lat};
    const auto n = static_cast<double>(std::max<std::size_t>(1, s.size()));
    return {c.lon / n, c.lat / n};
  }
  [[nodiscard]] long cell(double v) const { return static_cast<long>(std::floor(v / radius_)); }
  static std::uint64_t key(long x, long y) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) |
           static_cast<std::uint32_t>(y);
  }
  geo::LocalProjection proj_;
  double radius_;
  std::vector<geo::XY> xy_;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> cells_;
};

class Count : public osmium::handler::Handler {
 public:
  Count(const SettlementGrid& grid, std::vector<std::int64_t>& out) : grid_(grid), out_(out) {}
  void way(const osmium::Way& w) {
    const char* b = w.tags()["building"];
    if (b == nullptr || std::strcmp(b, "no") == 0 || !w.is_closed()) return;
    Ring ring;
    for (const auto& n : w.nodes()) {
      if (!n.location().valid()) return;  // cut by the extract's border
      ring.push_back({n.location().lon(), n.location().lat()});
    }
    if (ring.size() < 4) return;
    const double footprint = geo::area_m2(Polygon{ring, {}});
    const std::int64_t d = osm_building_dwellings(
        {b, w.tags()["building:flats"], w.tags()["building:levels"]}, footprint);
    if (d <= 0) return;
    const std::size_t s = grid_.nearest(geo::vertex_centroid(ring));
    if (s < out_.size()) out_[s] += d;
  }

 private:
  const SettlementGrid& grid_;
  std::vector<std::int64_t>& out_;
};

}  // namespace

std::int64_t osm_building_dwellings(const OsmBuildingTags& tags, double footprint_m2) {
  const char* b = tags.building;
  if (b == nullptr || std::strcmp(b, "no") == 0) return 0;
  if (const long flats = whole(tags.flats); flats > 0) return flats;
  if (is_one_of(b, {"apartments", "residential", "dormitory"})) {
    const long levels = whole(tags.levels);
    return std::max<std::int64_t>(
        1, std::llround(footprint_m2 * static_cast<double>(levels > 0 ? levels : 4) / 80));
  }
  if (std::strcmp(b, "terrace") == 0)
    return std::max<std::int64_t>(1, std::llround(footprint_m2 / 60));
  if (is_one_of(b, {"house", "detached", "semidetached_house", "bungalow", "farm"})) return 1;
  if (std::strcmp(b, "yes") == 0 && footprint_m2 >= 40) return 1;
  return 0;
}

std::vector<std::int64_t> read_osm_dwellings(const std::filesystem::path& path,
                                             const std::vector<Settlement>& settlements,
                                             double radius_m) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::kIo, path.string() + ": cannot open file");
  }
  std::vector<std::int64_t> out(settlements.size(), 0);
  if (settlements.empty()) return out;
  const SettlementGrid grid(settlements, radius_m);
  try {
    const osmium::io::File file{path.string()};
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    locations.ignore_errors();  // extracts cut ways at their border
    Count count(grid, out);
    osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                              osmium::io::read_meta::no};
    osmium::apply(reader, locations, count);
    reader.close();
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kParse,
                path.filename().string() + ": cannot read its buildings: " + e.what());
  }
  return out;
}

}  // namespace gw::io

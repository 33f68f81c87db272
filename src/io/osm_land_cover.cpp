#include "io/osm_land_cover.hpp"

// GCC 12 reports a -Wstringop-overread false positive inside libosmium's object builder (which the
// area assembler uses) once it is inlined at -O2; the code is libosmium's, not ours. Clang (the
// fuzz build) has no such warning.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/visitor.hpp>
#pragma GCC diagnostic pop

#include <array>
#include <cstring>
#include <string>

#include "model/error.hpp"

namespace gw::io {

namespace {

struct CoverTag {
  const char* key;
  const char* value;
  Terrain terrain;
  LandUse land_use;
};

// The land covers groundwork reads, in order of precedence when an area has several tags.
constexpr std::array<CoverTag, 19> kCoverTags = {{
    {"landuse", "farmland", Terrain::kField, LandUse::kAgriculture},
    {"landuse", "orchard", Terrain::kField, LandUse::kAgriculture},
    {"landuse", "vineyard", Terrain::kField, LandUse::kAgriculture},
    {"landuse", "allotments", Terrain::kField, LandUse::kAgriculture},
    {"landuse", "farmyard", Terrain::kField, LandUse::kAgriculture},
    {"landuse", "meadow", Terrain::kField, LandUse::kPasture},
    {"landuse", "grass", Terrain::kField, LandUse::kPasture},
    {"natural", "grassland", Terrain::kField, LandUse::kPasture},
    {"natural", "heath", Terrain::kField, LandUse::kPasture},
    {"landuse", "forest", Terrain::kForest, LandUse::kForestry},
    {"natural", "wood", Terrain::kForest, LandUse::kForestry},
    {"natural", "scrub", Terrain::kForest, LandUse::kForestry},
    {"natural", "wetland", Terrain::kWetland, LandUse::kOther},
    {"landuse", "residential", Terrain::kBuiltUp, LandUse::kResidential},
    {"landuse", "commercial", Terrain::kBuiltUp, LandUse::kResidential},
    {"landuse", "retail", Terrain::kBuiltUp, LandUse::kResidential},
    {"landuse", "industrial", Terrain::kBuiltUp, LandUse::kResidential},
    {"landuse", "village_green", Terrain::kBuiltUp, LandUse::kResidential},
    {"landuse", "cemetery", Terrain::kBuiltUp, LandUse::kResidential},
}};

Ring ring_of(const osmium::NodeRefList& nodes) {
  Ring r;
  r.reserve(nodes.size());
  for (const auto& n : nodes) {
    if (n.location().valid()) r.push_back({n.location().lon(), n.location().lat()});
  }
  return r;
}

class Collect : public osmium::handler::Handler {
 public:
  explicit Collect(std::vector<LandCover>& out) : out_(out) {}
  void area(const osmium::Area& a) {
    LandCover c;
    bool known = false;
    for (const CoverTag& t : kCoverTags) {
      const char* v = a.tags().get_value_by_key(t.key);
      if (v && std::strcmp(v, t.value) == 0) {
        c.terrain = t.terrain;
        c.land_use = t.land_use;
        known = true;
        break;
      }
    }
    if (!known) return;
    for (const auto& outer : a.outer_rings()) {
      c.polygon.outer = ring_of(outer);
      c.polygon.holes.clear();
      for (const auto& inner : a.inner_rings(outer)) c.polygon.holes.push_back(ring_of(inner));
      if (c.polygon.outer.size() >= 4) out_.push_back(c);
    }
  }

 private:
  std::vector<LandCover>& out_;
};

}  // namespace

bool land_cover_of(const char* key, const char* value, Terrain& terrain, LandUse& land_use) {
  for (const CoverTag& t : kCoverTags) {
    if (std::strcmp(key, t.key) == 0 && std::strcmp(value, t.value) == 0) {
      terrain = t.terrain;
      land_use = t.land_use;
      return true;
    }
  }
  return false;
}

std::vector<LandCover> read_osm_land_cover(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::kIo, path.string() + ": cannot open file");
  }
  std::vector<LandCover> out;
  try {
    const osmium::io::File file{path.string()};
    osmium::TagsFilter filter{false};
    for (const CoverTag& t : kCoverTags) filter.add_rule(true, osmium::TagMatcher{t.key, t.value});
    osmium::area::Assembler::config_type config;
    osmium::area::MultipolygonManager<osmium::area::Assembler> manager{config, filter};
    osmium::relations::read_relations(file, manager);
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    locations.ignore_errors();  // extracts cut ways at their border
    Collect collect(out);
    osmium::io::Reader reader{file, osmium::io::read_meta::no};
    osmium::apply(reader, locations, manager.handler([&collect](osmium::memory::Buffer&& buffer) {
      osmium::apply(buffer, collect);
    }));
    reader.close();
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kParse,
                path.filename().string() + ": cannot read its land cover: " + e.what());
  }
  return out;
}

}  // namespace gw::io

// The OSM import on small files written with libosmium's writer (every format it reads), and on the
// real extract under GW_SHARED_DIR/data/osm when present.
#include "io/osm_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/io/header.hpp>
#include <osmium/memory/buffer.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/error.hpp"
#include "plan/link.hpp"

namespace gw::io {
namespace {

namespace fs = std::filesystem;
using Tags = std::vector<std::pair<std::string, std::string>>;

// An OSM data set in memory, written in any format by file name.
class OsmData {
 public:
  void node(std::int64_t id, double lon, double lat, Tags tags = {}) {
    nodes_.push_back({id, lon, lat, std::move(tags)});
  }
  void way(std::int64_t id, std::vector<std::int64_t> refs, Tags tags) {
    ways_.push_back({id, std::move(refs), std::move(tags)});
  }
  struct Member {
    char type;  // 'n' or 'w'
    std::int64_t ref;
    std::string role;
  };
  void relation(std::int64_t id, std::vector<Member> members, Tags tags) {
    relations_.push_back({id, std::move(members), std::move(tags)});
  }
  // Writes nodes, ways, relations in that order, or (sorted = false) relations and ways first.
  void write(const fs::path& path, bool sorted = true) const {
    osmium::memory::Buffer buf{1 << 16, osmium::memory::Buffer::auto_grow::yes};
    auto add_tags = [](auto& parent, const Tags& tags) {
      osmium::builder::TagListBuilder t{parent};
      for (const auto& [k, v] : tags) t.add_tag(k, v);
    };
    auto write_nodes = [&] {
      for (const auto& n : nodes_) {
        {
          osmium::builder::NodeBuilder b{buf};
          b.set_id(n.id).set_version(1).set_location(osmium::Location{n.lon, n.lat});
          add_tags(b, n.tags);
        }
        buf.commit();
      }
    };
    auto write_ways_relations = [&] {
      for (const auto& w : ways_) {
        {
          osmium::builder::WayBuilder b{buf};
          b.set_id(w.id).set_version(1);
          add_tags(b, w.tags);
          osmium::builder::WayNodeListBuilder l{b};
          for (auto r : w.refs) l.add_node_ref(osmium::NodeRef{r});
        }
        buf.commit();
      }
      for (const auto& r : relations_) {
        {
          osmium::builder::RelationBuilder b{buf};
          b.set_id(r.id).set_version(1);
          add_tags(b, r.tags);
          osmium::builder::RelationMemberListBuilder l{b};
          for (const auto& m : r.members) {
            l.add_member(m.type == 'n' ? osmium::item_type::node : osmium::item_type::way, m.ref,
                         m.role.c_str());
          }
        }
        buf.commit();
      }
    };
    if (sorted) {
      write_nodes();
      write_ways_relations();
    } else {
      write_ways_relations();
      write_nodes();
    }
    osmium::io::Writer writer{path.string(), osmium::io::Header{}, osmium::io::overwrite::allow};
    writer(std::move(buf));
    writer.close();
  }

 private:
  struct N {
    std::int64_t id;
    double lon, lat;
    Tags tags;
  };
  struct W {
    std::int64_t id;
    std::vector<std::int64_t> refs;
    Tags tags;
  };
  struct R {
    std::int64_t id;
    std::vector<Member> members;
    Tags tags;
  };
  std::vector<N> nodes_;
  std::vector<W> ways_;
  std::vector<R> relations_;
};

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("gw_osm_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

double geodesic_length_m(const std::vector<LonLat>& line) {
  double total = 0;
  for (std::size_t i = 1; i < line.size(); ++i) {
    double s = 0;
    GeographicLib::Geodesic::WGS84().Inverse(line[i - 1].lat, line[i - 1].lon, line[i].lat,
                                             line[i].lon, s);
    total += s;
  }
  return total;
}

std::vector<LonLat> shape_of(const RoadNetwork& r, std::size_t e) {
  return {r.edge_shape.begin() + r.edge_shape_offset[e],
          r.edge_shape.begin() + r.edge_shape_offset[e + 1]};
}

// The edges of way `way_id`, as "from-lon,from-lat>to-lon,to-lat" keyed by shape size.
std::vector<std::size_t> edges_of_way(const RoadNetwork& r, std::int64_t way_id) {
  std::vector<std::size_t> out;
  for (std::size_t e = 0; e < r.num_edges(); ++e) {
    if (r.edge_source_id[e] == way_id) out.push_back(e);
  }
  return out;
}

// Node ids are 1..; node k of the test grid sits at (9 + 0.001 x, 47 + 0.001 y).
constexpr double kLon0 = 9.0, kLat0 = 47.0, kStep = 0.001;

// A small network: a primary road 100 (nodes 1-5) crossed at node 3 by residential 101
// (10-3-11-12), a footway touching node 4, a bridge (secondary 103, 5-6-7), a track closed to
// motor vehicles (104, 7-8, kept), a service road with access=no (105, excluded), a highway area
// (106, excluded), a path, a road under construction, and a motorway_link (110, 8-13).
OsmData junction_data() {
  OsmData d;
  auto at = [&](std::int64_t id, double x, double y, Tags t = {}) {
    d.node(id, kLon0 + kStep * x, kLat0 + kStep * y, std::move(t));
  };
  for (int i = 1; i <= 5; ++i) at(i, i - 1, 0);
  at(10, 2, -1);
  at(11, 2, 1);
  at(12, 2.5, 2);
  at(6, 5, 0.5);
  at(7, 6, 0.5);
  at(8, 7, 1);
  at(9, 8, 1);
  at(13, 8, 2);
  at(20, 3, -1);
  at(21, 3, -2);
  at(30, 0, 3), at(31, 1, 3), at(32, 1, 4), at(33, 0, 4);
  d.way(100, {1, 2, 3, 4, 5}, {{"highway", "primary"}, {"name", "Main"}});
  d.way(101, {10, 3, 11, 12}, {{"highway", "residential"}});
  d.way(102, {4, 20, 21}, {{"highway", "footway"}});
  d.way(103, {5, 6, 7}, {{"highway", "secondary"}, {"bridge", "yes"}});
  d.way(104, {7, 8}, {{"highway", "track"}, {"motor_vehicle", "no"}});
  d.way(105, {8, 9}, {{"highway", "service"}, {"access", "no"}});
  d.way(106, {30, 31, 32, 33, 30}, {{"highway", "service"}, {"area", "yes"}});
  d.way(107, {9, 13}, {{"highway", "path"}});
  d.way(108, {21, 10}, {{"highway", "construction"}});
  d.way(109, {20, 10}, {{"highway", "cycleway"}, {"bridge", "yes"}});
  d.way(110, {8, 13}, {{"highway", "motorway_link"}, {"bridge", "no"}});
  return d;
}

TEST(OsmReader, SplitsWaysAtJunctionsAndFiltersClasses) {
  TempDir dir;
  const auto path = dir / "junctions.osm.pbf";
  junction_data().write(path);
  const OsmImport im = read_osm(path);
  const RoadNetwork& r = im.roads;

  // 100 -> [1..3] [3..5]; 101 -> [10..3] [3..12]; 103, 104, 110 one edge each.
  ASSERT_EQ(r.num_edges(), 7U);
  EXPECT_EQ(r.num_nodes(), 8U);  // 1, 3, 5, 10, 12, 7, 8, 13
  EXPECT_EQ(im.report.edges, 7U);
  EXPECT_EQ(im.report.nodes, 8U);
  EXPECT_EQ(im.report.ways_read, 11U);
  EXPECT_EQ(im.report.ways_used, 5U);
  EXPECT_EQ(im.report.ways_skipped_access, 1U);
  EXPECT_EQ(im.report.ways_skipped_area, 1U);
  EXPECT_EQ(im.report.nodes_used, 12U);  // 1-8, 10-13 (not 9, 20, 21, 30-33)
  EXPECT_EQ(im.report.nodes_missing, 0U);
  EXPECT_EQ(im.report.components, 1U);
  EXPECT_EQ(im.report.components_dropped, 0U);

  // Excluded ways leave no edge; the footway at node 4 does not split the primary road.
  for (std::int64_t w : {102, 105, 106, 107, 108, 109})
    EXPECT_TRUE(edges_of_way(r, w).empty()) << w;
  const auto main = edges_of_way(r, 100);
  ASSERT_EQ(main.size(), 2U);
  EXPECT_EQ(shape_of(r, main[0]).size(), 3U);  // 1, 2, 3
  EXPECT_EQ(shape_of(r, main[1]).size(), 3U);  // 3, 4, 5
  EXPECT_EQ(shape_of(r, main[0]).back(), (LonLat{kLon0 + 2 * kStep, kLat0}));
  EXPECT_EQ(shape_of(r, main[1]).front(), (LonLat{kLon0 + 2 * kStep, kLat0}));
  // Both halves of 100 and both of 101 meet at one node: the junction has degree 4.
  const NodeId junction = r.edge_to[main[0]];
  EXPECT_EQ(r.edge_from[main[1]], junction);
  EXPECT_EQ(r.adj_offset[junction.index() + 1] - r.adj_offset[junction.index()], 4U);
  EXPECT_EQ(r.node_pos[junction.index()], (LonLat{kLon0 + 2 * kStep, kLat0}));
  EXPECT_EQ(edges_of_way(r, 101).size(), 2U);

  // Every end point of an edge is its graph node's position.
  for (std::size_t e = 0; e < r.num_edges(); ++e) {
    const auto s = shape_of(r, e);
    EXPECT_EQ(s.front(), r.node_pos[r.edge_from[e].index()]);
    EXPECT_EQ(s.back(), r.node_pos[r.edge_to[e].index()]);
  }

  // Classes, speeds and bridges.
  for (std::size_t e : main) {
    EXPECT_EQ(r.edge_class[e], RoadClass::kPrimary);
    EXPECT_EQ(r.edge_speed_kmh[e], 80);
    EXPECT_EQ(r.edge_bridge[e], 0);
  }
  const auto bridge = edges_of_way(r, 103);
  ASSERT_EQ(bridge.size(), 1U);
  EXPECT_EQ(r.edge_bridge[bridge[0]], 1);
  EXPECT_EQ(r.edge_class[bridge[0]], RoadClass::kSecondary);
  const auto link = edges_of_way(r, 110);
  ASSERT_EQ(link.size(), 1U);
  EXPECT_EQ(r.edge_class[link[0]], RoadClass::kMotorway);
  EXPECT_EQ(r.edge_speed_kmh[link[0]], 60);
  EXPECT_EQ(r.edge_bridge[link[0]], 0);  // bridge=no
  const auto track = edges_of_way(r, 104);
  ASSERT_EQ(track.size(), 1U);
  EXPECT_EQ(r.edge_class[track[0]], RoadClass::kTrack);

  // Lengths against GeographicLib's geodesic over the same polyline; travel times from them.
  double total = 0;
  for (std::size_t e = 0; e < r.num_edges(); ++e) {
    const double g = geodesic_length_m(shape_of(r, e));
    EXPECT_NEAR(r.edge_length_m[e], g, g * 1e-3) << e;
    EXPECT_EQ(r.edge_travel[e],
              static_cast<Seconds>(std::ceil(r.edge_length_m[e] * 3.6 / r.edge_speed_kmh[e])));
    total += r.edge_length_m[e];
  }
  EXPECT_NEAR(im.report.length_m, total, 1e-6);
  // 100 is four steps of 0.001° of longitude at 47° N: about 4 × 76 m.
  EXPECT_NEAR(r.edge_length_m[main[0]] + r.edge_length_m[main[1]], 4 * 76.0, 2.0);
}

TEST(OsmReader, SpeedsCanBeOverridden) {
  TempDir dir;
  const auto path = dir / "speeds.osm";
  junction_data().write(path);
  OsmImportOptions opt;
  opt.speed_kmh_by_class = {{"primary", 45}, {"motorway_link", 30}};
  const OsmImport im = read_osm(path, opt);
  for (std::size_t e : edges_of_way(im.roads, 100)) EXPECT_EQ(im.roads.edge_speed_kmh[e], 45);
  for (std::size_t e : edges_of_way(im.roads, 110)) EXPECT_EQ(im.roads.edge_speed_kmh[e], 30);
  for (std::size_t e : edges_of_way(im.roads, 103)) EXPECT_EQ(im.roads.edge_speed_kmh[e], 70);

  EXPECT_EQ(default_osm_speeds_kmh().at("living_street"), 10);
  EXPECT_EQ(default_osm_speeds_kmh().size(), 16U);
  for (const auto& bad :
       std::vector<std::pair<std::string, double>>{{"footway", 5}, {"primary", 0}, {"track", -3}}) {
    opt.speed_kmh_by_class = {bad};
    try {
      (void)read_osm(path, opt);
      ADD_FAILURE() << bad.first;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_NE(std::string(e.what()).find(bad.first), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": speed_kmh_by_class", 0), 0U)
          << e.what();
    }
  }
}

// Every format libosmium reads gives the same import, sorted or not, in one pass or two.
TEST(OsmReader, FormatsAndPassesAgree) {
  TempDir dir;
  const OsmData d = junction_data();
  d.write(dir / "ref.osm.pbf");
  const OsmImport ref = detail::read_osm(dir / "ref.osm.pbf", {}, detail::OsmNodePass::kOnePass);
  EXPECT_EQ(ref.report.passes, 1);
  struct Case {
    std::string name;
    bool sorted;
    detail::OsmNodePass pass;
  };
  for (const Case& c : std::vector<Case>{{"a.osm.pbf", true, detail::OsmNodePass::kTwoPass},
                                         {"b.osm", true, detail::OsmNodePass::kAuto},
                                         {"c.osm.bz2", true, detail::OsmNodePass::kAuto},
                                         {"d.osm.gz", true, detail::OsmNodePass::kTwoPass},
                                         {"e.osm", false, detail::OsmNodePass::kOnePass},
                                         {"f.osm", false, detail::OsmNodePass::kTwoPass}}) {
    SCOPED_TRACE(c.name);
    d.write(dir / c.name, c.sorted);
    const OsmImport im = detail::read_osm(dir / c.name, {}, c.pass);
    EXPECT_EQ(im.report.passes, c.pass == detail::OsmNodePass::kTwoPass ? 2 : 1);
    EXPECT_EQ(im.roads.node_pos, ref.roads.node_pos);
    EXPECT_EQ(im.roads.edge_from, ref.roads.edge_from);
    EXPECT_EQ(im.roads.edge_to, ref.roads.edge_to);
    EXPECT_EQ(im.roads.edge_shape, ref.roads.edge_shape);
    EXPECT_EQ(im.roads.edge_source_id, ref.roads.edge_source_id);
    EXPECT_EQ(im.roads.edge_length_m, ref.roads.edge_length_m);
    EXPECT_EQ(im.report.nodes_used, ref.report.nodes_used);
  }
}

TEST(OsmReader, KeepsTheLargestComponentAndReportsTheRest) {
  TempDir dir;
  OsmData d;
  // Main: a path of 4 edges (5 nodes). Second: 2 edges. Third: 1 edge.
  for (int i = 0; i < 5; ++i) d.node(1 + i, kLon0 + kStep * i, kLat0);
  for (int i = 0; i < 3; ++i) d.node(11 + i, kLon0 + kStep * i, kLat0 + 0.01);
  d.node(21, kLon0, kLat0 + 0.02);
  d.node(22, kLon0 + kStep, kLat0 + 0.02);
  d.way(1, {1, 2}, {{"highway", "tertiary"}});
  d.way(2, {2, 3, 4}, {{"highway", "tertiary"}});
  d.way(3, {4, 5}, {{"highway", "unclassified"}});
  d.way(4, {3, 5}, {{"highway", "service"}});  // makes 3 a junction: main has 5 edges
  d.way(5, {11, 12, 13}, {{"highway", "residential"}});
  d.way(6, {12, 11}, {{"highway", "living_street"}});
  d.way(7, {21, 22}, {{"highway", "road"}});
  const auto path = dir / "components.osm.pbf";
  d.write(path);

  const OsmImport im = read_osm(path);
  EXPECT_EQ(im.report.components, 3U);
  EXPECT_EQ(im.report.components_dropped, 2U);
  // Component 2: way 5 split at 12 (used twice) = 2 edges, plus way 6 = 3 edges; component 3: 1.
  EXPECT_EQ(im.report.edges_dropped, 4U);
  EXPECT_EQ(im.report.nodes_dropped, 5U);
  EXPECT_GT(im.report.length_dropped_m, 0);
  EXPECT_EQ(im.roads.num_edges(), 5U);
  EXPECT_EQ(im.roads.num_nodes(), 5U);
  std::set<std::int64_t> ways;
  for (auto w : im.roads.edge_source_id) ways.insert(w);
  EXPECT_EQ(ways, (std::set<std::int64_t>{1, 2, 3, 4}));
  for (const auto& p : im.roads.node_pos) EXPECT_EQ(p.lat, kLat0);

  OsmImportOptions all;
  all.keep_largest_component = false;
  const OsmImport full = read_osm(path, all);
  EXPECT_EQ(full.report.components, 3U);
  EXPECT_EQ(full.report.components_dropped, 0U);
  EXPECT_EQ(full.report.edges_dropped, 0U);
  EXPECT_EQ(full.roads.num_edges(), 9U);
  // living_street and road map to model classes.
  for (std::size_t e : edges_of_way(full.roads, 6))
    EXPECT_EQ(full.roads.edge_class[e], RoadClass::kResidential);
  for (std::size_t e : edges_of_way(full.roads, 7))
    EXPECT_EQ(full.roads.edge_class[e], RoadClass::kUnclassified);
}

TEST(OsmReader, MissingNodesCutWays) {
  TempDir dir;
  OsmData d;
  for (int i = 1; i <= 6; ++i) d.node(i, kLon0 + kStep * i, kLat0);
  // Node 99 is not in the file: way 1 becomes 1-2-3 and 4-5-6... joined through way 2 (3-4).
  d.way(1, {1, 2, 3, 99, 4, 5, 6}, {{"highway", "primary"}});
  d.way(2, {3, 4}, {{"highway", "service"}});
  const auto path = dir / "missing.osm";
  d.write(path);
  const OsmImport im = read_osm(path);
  EXPECT_EQ(im.report.nodes_missing, 1U);
  EXPECT_EQ(im.report.nodes_used, 6U);
  ASSERT_EQ(im.roads.num_edges(), 3U);
  for (std::size_t e = 0; e < 3; ++e) {
    for (const auto& p : shape_of(im.roads, e)) EXPECT_EQ(p.lat, kLat0);
  }
  EXPECT_EQ(shape_of(im.roads, 0).size(), 3U);  // 1, 2, 3
  EXPECT_EQ(shape_of(im.roads, 1).size(), 3U);  // 4, 5, 6
}

TEST(OsmReader, ParsesPopulationTags) {
  EXPECT_EQ(parse_osm_population("1234"), 1234);
  EXPECT_EQ(parse_osm_population(" 1234 "), 1234);
  EXPECT_EQ(parse_osm_population("1,234"), 1234);
  EXPECT_EQ(parse_osm_population("1 234 567"), 1234567);
  EXPECT_EQ(parse_osm_population("1'234"), 1234);
  EXPECT_EQ(parse_osm_population("12.345"), 12345);
  EXPECT_EQ(parse_osm_population("1\xC2\xA0"
                                 "234"),
            1234);
  EXPECT_EQ(parse_osm_population("0"), 0);
  for (const char* bad : {"", " ", "ca. 500", "~500", "500-600", "12,34", "1,234.5", "1.5",
                          "1,234 567", "1234,567", ",123", "123,", "-5", "2k", "99999999999999"}) {
    EXPECT_EQ(parse_osm_population(bad), -1) << bad;
  }
}

TEST(OsmReader, SettlementsAndHubsFromPlaces) {
  TempDir dir;
  OsmData d = junction_data();
  d.node(200, 9.001, 47.001, {{"place", "city"}, {"name", "Big"}, {"population", "120 000"}});
  d.node(201, 9.002, 47.002, {{"place", "town"}, {"name", "Middle"}, {"population", "ca. 5000"}});
  d.node(202, 9.003, 47.003, {{"place", "village"}, {"name", "Small"}, {"population", "1,234"}});
  d.node(203, 9.004, 47.004, {{"place", "hamlet"}});
  d.node(204, 9.005, 47.005, {{"place", "locality"}, {"name", "Field"}});
  d.node(205, 9.006, 47.006, {{"place", "suburb"}, {"name", "Quarter"}});
  // A village mapped as a closed way (a square 0.01° wide centred on 9.105, 47.105).
  d.node(210, 9.10, 47.10), d.node(211, 9.11, 47.10), d.node(212, 9.11, 47.11),
      d.node(213, 9.10, 47.11);
  d.way(300, {210, 211, 212, 213, 210},
        {{"place", "village"}, {"name", "Square"}, {"population", "300"}});
  // The same village as "Small" again as an area around its node: a duplicate.
  d.node(220, 9.0025, 47.0025), d.node(221, 9.0035, 47.0025), d.node(222, 9.0035, 47.0035),
      d.node(223, 9.0025, 47.0035);
  d.way(301, {220, 221, 222, 223, 220}, {{"place", "village"}, {"name", "Small"}});
  // A place way that is not closed: skipped.
  d.way(302, {210, 211, 212}, {{"place", "hamlet"}, {"name", "Open"}});
  // A hamlet mapped as a multipolygon of two member ways (a square around 9.205, 47.205).
  d.node(230, 9.20, 47.20), d.node(231, 9.21, 47.20), d.node(232, 9.21, 47.21),
      d.node(233, 9.20, 47.21);
  d.way(310, {230, 231, 232}, {});
  d.way(311, {232, 233, 230}, {});
  d.relation(
      400, {{'w', 310, "outer"}, {'w', 311, "outer"}},
      {{"type", "multipolygon"}, {"place", "hamlet"}, {"name", "Ring"}, {"population", "42"}});
  // A town as a boundary relation with a label node.
  d.node(240, 9.3, 47.3);
  d.relation(
      401, {{'n', 240, "label"}, {'w', 310, "outer"}},
      {{"type", "boundary"}, {"place", "town"}, {"name", "Labelled"}, {"population", "20000"}});
  // A relation of another type is not a place area.
  d.relation(402, {{'w', 310, ""}}, {{"type", "route"}, {"place", "village"}, {"name", "Route"}});

  for (auto pass : {detail::OsmNodePass::kOnePass, detail::OsmNodePass::kTwoPass}) {
    SCOPED_TRACE(pass == detail::OsmNodePass::kOnePass ? "one pass" : "two passes");
    const auto path = dir / "places.osm.pbf";
    d.write(path);
    const OsmImport im = detail::read_osm(path, {}, pass);
    // Nodes first (file order), then ways, then relations.
    ASSERT_EQ(im.settlements.size(), 7U);
    const auto& s = im.settlements;
    EXPECT_EQ(s[0].id, "osm-n200");
    EXPECT_EQ(s[0].name, "Big");
    EXPECT_EQ(s[0].population, 120000);
    EXPECT_EQ(s[0].pos, (LonLat{9.001, 47.001}));
    EXPECT_EQ(s[1].population, 10000);  // "ca. 5000": the town default
    EXPECT_EQ(s[2].population, 1234);
    EXPECT_EQ(s[3].id, "osm-n203");
    EXPECT_EQ(s[3].name, "osm-n203");  // unnamed: the id
    EXPECT_EQ(s[3].population, 100);   // hamlet default
    EXPECT_EQ(s[4].id, "osm-w300");
    EXPECT_EQ(s[4].population, 300);
    EXPECT_NEAR(s[4].pos.lon, 9.105, 1e-9);
    EXPECT_NEAR(s[4].pos.lat, 47.105, 1e-6);
    EXPECT_EQ(s[5].id, "osm-r400");
    EXPECT_EQ(s[5].name, "Ring");
    EXPECT_EQ(s[5].population, 42);
    EXPECT_NEAR(s[5].pos.lon, 9.205, 1e-9);
    EXPECT_NEAR(s[5].pos.lat, 47.205, 1e-9);
    EXPECT_EQ(s[6].id, "osm-r401");
    EXPECT_EQ(s[6].pos, (LonLat{9.3, 47.3}));
    EXPECT_EQ(im.report.settlements, 7U);
    EXPECT_EQ(im.report.settlements_from_areas, 3U);
    EXPECT_EQ(im.report.population_defaulted, 2U);
    EXPECT_EQ(im.report.places_duplicate, 1U);
    EXPECT_EQ(im.report.places_skipped, 1U);
    EXPECT_EQ(im.report.passes, pass == detail::OsmNodePass::kOnePass ? 2 : 3);  // + member ways

    // Hubs: city and towns, most populous first and the district centre.
    ASSERT_EQ(im.hubs.size(), 3U);
    EXPECT_EQ(im.hubs[0].id, "hub-osm-n200");
    EXPECT_EQ(im.hubs[0].kind, HubKind::kDistrictCentre);
    EXPECT_EQ(im.hubs[0].pos, s[0].pos);
    EXPECT_EQ(im.hubs[1].id, "hub-osm-r401");  // 20,000
    EXPECT_EQ(im.hubs[1].name, "Labelled");
    EXPECT_EQ(im.hubs[1].kind, HubKind::kService);
    EXPECT_EQ(im.hubs[2].id, "hub-osm-n201");  // 10,000 by default
    EXPECT_EQ(im.report.hubs, 3U);
  }

  // Custom defaults.
  OsmImportOptions opt;
  opt.default_population_town = 7000;
  opt.default_population_hamlet = 12;
  d.write(dir / "places.osm");
  const OsmImport im = read_osm(dir / "places.osm", opt);
  EXPECT_EQ(im.settlements[1].population, 7000);
  EXPECT_EQ(im.settlements[3].population, 12);
}

TEST(OsmReader, WithoutTownsTheMostPopulousPlaceIsTheHub) {
  TempDir dir;
  OsmData d = junction_data();
  d.node(200, 9.001, 47.001, {{"place", "village"}, {"name", "A"}, {"population", "300"}});
  d.node(201, 9.002, 47.002, {{"place", "village"}, {"name", "B"}, {"population", "900"}});
  d.node(202, 9.003, 47.003, {{"place", "hamlet"}, {"name", "C"}});
  d.write(dir / "villages.osm.pbf");
  const OsmImport im = read_osm(dir / "villages.osm.pbf");
  ASSERT_EQ(im.hubs.size(), 1U);
  EXPECT_EQ(im.hubs[0].id, "hub-osm-n201");
  EXPECT_EQ(im.hubs[0].kind, HubKind::kDistrictCentre);
  EXPECT_EQ(im.settlements.size(), 3U);

  // No places at all: no settlements, no hubs.
  junction_data().write(dir / "bare.osm.pbf");
  const OsmImport bare = read_osm(dir / "bare.osm.pbf");
  EXPECT_TRUE(bare.settlements.empty());
  EXPECT_TRUE(bare.hubs.empty());
}

void expect_error(const fs::path& path, ErrorCode code, const std::string& what) {
  try {
    (void)read_osm(path);
    ADD_FAILURE() << "no error for " << path;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  }
}

TEST(OsmReader, ErrorsNameTheFile) {
  TempDir dir;
  expect_error(dir / "absent.osm.pbf", ErrorCode::kIo, "no such file");
  fs::create_directories(dir / "folder.osm.pbf");
  expect_error(dir / "folder.osm.pbf", ErrorCode::kIo, "directory");
  std::ofstream(dir / "notes.txt") << "hello\n";
  expect_error(dir / "notes.txt", ErrorCode::kUnsupported, "unknown OSM file type");
  std::ofstream(dir / "garbage.osm.pbf")
      << "this is not a protocol buffer at all, just some text\n";
  expect_error(dir / "garbage.osm.pbf", ErrorCode::kParse, "not a valid OSM file");
  std::ofstream(dir / "garbage.osm") << "<html><body>not osm</body></html>\n";
  expect_error(dir / "garbage.osm", ErrorCode::kParse, "not a valid OSM file");
  std::ofstream(dir / "garbage.osm.gz") << "not gzip\n";
  expect_error(dir / "garbage.osm.gz", ErrorCode::kParse, "not a valid OSM file");

  // Valid OSM without a single road.
  OsmData d;
  d.node(1, 9.0, 47.0, {{"place", "village"}});
  d.node(2, 9.001, 47.0);
  d.node(3, 9.002, 47.0);
  d.way(10, {1, 2}, {{"highway", "footway"}});
  d.way(11, {2, 3}, {{"highway", "service"}, {"access", "no"}});
  d.way(12, {1, 3}, {{"waterway", "river"}});
  d.write(dir / "no_roads.osm.pbf");
  expect_error(dir / "no_roads.osm.pbf", ErrorCode::kInvalidInput, "no roads");
  // Roads whose nodes are all missing.
  OsmData e;
  e.node(1, 9.0, 47.0);
  e.way(10, {1, 2, 3}, {{"highway", "primary"}});
  e.write(dir / "no_nodes.osm");
  expect_error(dir / "no_nodes.osm", ErrorCode::kInvalidInput, "no roads");
}

// The real extract (issue 3): plausible figures, one connected graph, and both node strategies
// agree.
TEST(OsmReader, RealExtract) {
  const char* env = std::getenv("GW_SHARED_DIR");
  const fs::path dir = fs::path(env ? env : GW_SHARED_DIR) / "data" / "osm";
  fs::path pbf;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 8 && name.ends_with(".osm.pbf")) pbf = entry.path();
    }
  }
  if (pbf.empty()) GTEST_SKIP() << "no OSM extract (*.osm.pbf) in " << dir << "; set GW_SHARED_DIR";

  const OsmImport im = read_osm(pbf);
  const auto& rep = im.report;
  const RoadNetwork& r = im.roads;
  EXPECT_GT(rep.ways_read, 10000U);
  EXPECT_GT(rep.ways_used, 3000U);
  EXPECT_GT(r.num_edges(), 5000U);
  EXPECT_GT(r.num_nodes(), 4000U);
  EXPECT_GT(rep.length_m, 500e3);
  EXPECT_LT(rep.length_m, 2000e3);
  EXPECT_GT(im.settlements.size(), 10U);
  EXPECT_GE(im.hubs.size(), 1U);
  EXPECT_EQ(im.hubs[0].kind, HubKind::kDistrictCentre);
  EXPECT_GE(rep.components, 1U);
  EXPECT_EQ(rep.components_dropped, rep.components - 1);
  // Most of the network is in the kept component.
  EXPECT_GT(rep.length_m, 10 * rep.length_dropped_m);
  std::set<RoadClass> classes(r.edge_class.begin(), r.edge_class.end());
  EXPECT_GE(classes.size(), 6U);
  EXPECT_GT(std::count(r.edge_bridge.begin(), r.edge_bridge.end(), 1), 10);

  // The kept graph is connected: a search from node 0 reaches every node.
  std::vector<char> seen(r.num_nodes(), 0);
  std::vector<std::size_t> stack{0};
  seen[0] = 1;
  std::size_t reached = 1;
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    for (std::uint32_t i = r.adj_offset[n]; i < r.adj_offset[n + 1]; ++i) {
      const std::size_t m = r.other_end(r.adj_edge[i], NodeId::from_index(n)).index();
      if (!seen[m]) seen[m] = 1, ++reached, stack.push_back(m);
    }
  }
  EXPECT_EQ(reached, r.num_nodes());
  // No degree-2 node joins two stretches of the same way: edges end at junctions or way ends.
  std::size_t plain_through = 0;
  for (std::size_t n = 0; n < r.num_nodes(); ++n) {
    if (r.adj_offset[n + 1] - r.adj_offset[n] != 2) continue;
    const EdgeId a = r.adj_edge[r.adj_offset[n]], b = r.adj_edge[r.adj_offset[n] + 1];
    if (a != b && r.edge_source_id[a.index()] == r.edge_source_id[b.index()]) ++plain_through;
  }
  // Only ways that visit a node twice (loops) split at a degree-2 node.
  EXPECT_LT(plain_through, r.num_nodes() / 100);

  // Every place snaps to the kept network within the default limits.
  Scenario sc;
  sc.roads = im.roads;
  sc.settlements = im.settlements;
  sc.hubs = im.hubs;
  const plan::LinkReport link = plan::link_scenario(sc, pbf.filename().string());
  double worst_snap_m = 0;
  for (const auto& st : sc.settlements) worst_snap_m = std::max(worst_snap_m, st.snap_distance_m);
  EXPECT_LT(worst_snap_m, sc.params.snap_warning_m);

  const OsmImport two = detail::read_osm(pbf, {}, detail::OsmNodePass::kTwoPass);
  EXPECT_EQ(two.roads.edge_shape, r.edge_shape);
  EXPECT_EQ(two.roads.edge_from, r.edge_from);
  EXPECT_EQ(two.settlements.size(), im.settlements.size());
  std::printf(
      "OSM import of %s: %zu ways read, %zu used, %zu nodes, %zu edges, %.1f km, %zu components "
      "(%zu edges, %.1f km dropped), %zu settlements (%zu defaulted), %zu hubs\n",
      pbf.filename().c_str(), rep.ways_read, rep.ways_used, rep.nodes, rep.edges,
      rep.length_m / 1000, rep.components, rep.edges_dropped, rep.length_dropped_m / 1000,
      rep.settlements, rep.population_defaulted, rep.hubs);
  std::printf("worst settlement snap: %.0f m; %zu link warnings\n", worst_snap_m,
              link.warnings.size());
  for (const auto& w : link.warnings) std::printf("  %s\n", w.c_str());
}

}  // namespace
}  // namespace gw::io

// OpenStreetMap import (libosmium): roads become a RoadNetwork split at junctions, place=* nodes
// and areas become settlements, towns and cities become hubs. Formats by file name: .osm.pbf,
// .osm, .osm.bz2, .osm.gz. docs/scenario.md ("Roads and places from OpenStreetMap") documents the
// rules, the default speeds and populations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/road_network.hpp"
#include "model/scenario.hpp"

namespace gw::io {

struct OsmImportOptions {
  // Travel speed in km/h by OSM highway value ("motorway", "motorway_link", ..., "track", "road").
  // Keys given here override the defaults of default_osm_speeds_kmh(); empty = all defaults.
  // An unknown key or a speed that is not > 0 is an error.
  std::map<std::string, double> speed_kmh_by_class;
  // Keep only the largest connected component (most nodes) of the undirected road graph.
  bool keep_largest_component = true;
  // Population of a place without a usable population=* tag, by place type. The defaults are the
  // lower bounds of each class in the OSM wiki (Key:place): a city has at least 100,000 people, a
  // town about 10,000, a village more than a hamlet and less than a town (1,000 is the lower bound
  // the wiki's place standardisation proposal gives), a hamlet up to 100-200.
  std::int64_t default_population_city = 100000;
  std::int64_t default_population_town = 10000;
  std::int64_t default_population_village = 1000;
  std::int64_t default_population_hamlet = 100;
};

struct OsmImportReport {
  std::size_t ways_read = 0;            // every way in the file
  std::size_t ways_used = 0;            // ways read as roads
  std::size_t ways_skipped_access = 0;  // road ways with access=no and no vehicle override
  std::size_t ways_skipped_area = 0;    // highway areas (area=yes)
  std::size_t nodes_used = 0;           // distinct OSM nodes of the road ways, with a location
  std::size_t nodes_missing = 0;        // road way node references with no node in the file
  std::size_t components = 0;           // connected components before pruning
  std::size_t components_dropped = 0;
  std::size_t edges_dropped = 0;
  std::size_t nodes_dropped = 0;  // graph nodes dropped with their components
  double length_dropped_m = 0;
  std::size_t nodes = 0;  // graph nodes kept (junctions and way ends)
  std::size_t edges = 0;  // edges kept
  double length_m = 0;    // total length of the kept edges
  std::size_t settlements = 0;
  std::size_t settlements_from_areas = 0;  // of which from closed ways and relations
  std::size_t population_defaulted = 0;    // settlements whose population is the default
  std::size_t places_duplicate = 0;        // areas dropped because a place node stands for them
  std::size_t places_skipped = 0;          // place ways that are not closed, areas with no nodes
  std::size_t hubs = 0;
  int passes = 0;  // passes over the file
};

struct OsmImport {
  RoadNetwork roads;  // adjacency built
  std::vector<Settlement> settlements;
  std::vector<Hub> hubs;
  OsmImportReport report;
};

// Reads an OSM file. Errors are gw::Error naming the file: kIo when it is missing or unreadable,
// kParse when it is not valid OSM data, kUnsupported for an unknown file name extension,
// kInvalidInput for bad options or a file without any road.
OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt = {});

// The default speed in km/h of every OSM highway value the import reads as a road.
const std::map<std::string, double>& default_osm_speeds_kmh();

// Parses a population=* value: digits with optional thousands separators ("1,234", "1 234",
// "1'234", "1.234"). Anything else ("ca. 500", "500-600", "") gives -1.
std::int64_t parse_osm_population(std::string_view text);

namespace detail {
// How node locations are found. kOnePass keeps every node location of the file in memory while
// reading it once (fastest); kTwoPass reads the ways first and then keeps only the locations of the
// nodes it needs (memory in proportion to the roads). kAuto picks by file size.
enum class OsmNodePass { kAuto, kOnePass, kTwoPass };
OsmImport read_osm(const std::filesystem::path& path, const OsmImportOptions& opt,
                   OsmNodePass pass);
}  // namespace detail

}  // namespace gw::io

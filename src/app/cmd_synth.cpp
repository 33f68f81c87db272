// groundwork synth --roads REGION.osm.pbf [--seed N] [--copy-roads] --out DIR: a synthetic
// post-war scenario on a real region's roads, written as DIR/scenario.json with its hazards and
// damage in DIR/hazards.gpkg and DIR/damage.gpkg.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "gen/synth.hpp"
#include "io/osm_buildings.hpp"
#include "io/osm_land_cover.hpp"
#include "io/osm_reader.hpp"
#include "io/outputs.hpp"
#include "io/scenario_layers.hpp"
#include "model/error.hpp"

namespace gw::app {

namespace fs = std::filesystem;

namespace {
struct SynthArgs {
  std::string roads;
  std::string out;
  std::uint64_t seed = 1;
  bool copy_roads = false;
  bool force = false;
};
}  // namespace

void register_synth(CLI::App& app, Action& run) {
  auto args = std::make_shared<SynthArgs>();
  auto* cmd = app.add_subcommand(
      "synth",
      "Write a synthetic post-war scenario on a real region's roads (an OpenStreetMap extract)");
  cmd->add_option("--roads", args->roads,
                  "OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2, .osm.gz)")
      ->required();
  cmd->add_option("--seed", args->seed, "Random seed (the scenario is deterministic for a seed)");
  cmd->add_option("--out", args->out,
                  "Directory to write scenario.json, hazards.gpkg and damage.gpkg to")
      ->required();
  cmd->add_flag(
      "--copy-roads", args->copy_roads,
      "Copy the extract into the directory and reference it by name (default: by absolute path)");
  cmd->add_flag("--force", args->force,
                "Overwrite the scenario files of a directory that already holds a scenario");
  cmd->callback([&run, args] {
    run = [args] {
      // Checked before the (long) generation: a second run must not silently replace a scenario
      // someone may have edited.
      const fs::path existing = fs::path(args->out) / "scenario.json";
      if (!args->force && fs::exists(existing)) {
        throw Error(ErrorCode::kIo, quote_value(existing.string(), 1024) +
                                        " already exists; pass --force to overwrite the scenario");
      }
      if (fs::exists(args->out) && !fs::is_directory(args->out)) {
        throw Error(ErrorCode::kIo,
                    quote_value(args->out, 1024) + " exists and is not a directory (--out)");
      }
      const fs::path roads = fs::absolute(args->roads).lexically_normal();
      io::OsmImport osm = io::read_osm(roads);
      const std::vector<LandCover> land = io::read_osm_land_cover(roads);
      Scenario s;
      s.roads = std::move(osm.roads);
      s.settlements = std::move(osm.settlements);
      s.hubs = std::move(osm.hubs);
      // Dwellings where the extract maps buildings (synth raises them to the households).
      const std::vector<std::int64_t> dwellings = io::read_osm_dwellings(roads, s.settlements);
      for (std::size_t i = 0; i < s.settlements.size(); ++i)
        s.settlements[i].dwellings = dwellings[i];
      const gen::SynthReport rep = gen::synthesize(s, land, gen::SynthOptions{args->seed});
      std::string stem = roads.filename().string();
      stem = stem.substr(0, stem.find(".osm"));
      s.name = "Synthetic scenario on " + stem + " (seed " + std::to_string(args->seed) + ")";

      const fs::path out(args->out);
      std::vector<io::FileOutput> files;
      std::string source = roads.string();
      if (args->copy_roads) {
        source = roads.filename().string();
        if (!fs::exists(out / source) || !fs::equivalent(out / source, roads)) {
          files.push_back({source, [roads](const fs::path& tmp) {
                             fs::copy_file(roads, tmp, fs::copy_options::overwrite_existing);
                           }});
        }
      }
      files.push_back(io::hazards_gpkg_output(s));
      files.push_back(io::damage_gpkg_output(s));
      // The settlements as synthesised (the displaced people, the dwellings and their damage):
      // read from the extract again, they would have none, and the return objective nothing to
      // measure.
      files.push_back(io::settlements_gpkg_output(s));
      files.push_back(io::text_output(
          "scenario.json", io::layered_scenario_json(s, {{"source", source}}, "hazards.gpkg",
                                                     "damage.gpkg", "settlements.gpkg")
                                   .dump(2) +
                               "\n"));
      io::write_files_atomic(out, files);

      std::size_t deminers = 0, builders = 0;
      for (const Crew& c : s.crews)
        (is_demining(c.trade) ? deminers : builders) += static_cast<std::size_t>(c.people);
      std::printf("groundwork synth: %s\n", s.name.c_str());
      std::printf(
          "  region %.0f km² (scale %.3f of the default district); contaminated band %.1f km "
          "wide\n",
          rep.region_km2, rep.scale, 2 * rep.band_half_width_m / 1000);
      std::printf(
          "  roads %zu edges, %zu settlements, %zu hubs behind the front (%zu in or beyond the "
          "band dropped) "
          "from OpenStreetMap; %zu land cover areas\n",
          s.roads.num_edges(), s.settlements.size(), s.hubs.size(), rep.hubs_dropped, land.size());
      std::int64_t people = 0, displaced = 0, damaged = 0, mapped = 0;
      for (std::size_t i = 0; i < s.settlements.size(); ++i) {
        people += s.settlements[i].population;
        displaced += s.settlements[i].displaced;
        mapped += dwellings[i];
        for (const auto d : s.settlements[i].damaged_dwellings) damaged += d;
      }
      std::printf(
          "  %lld people, %lld displaced; %lld dwellings mapped as buildings, %lld damaged\n",
          static_cast<long long>(people), static_cast<long long>(displaced),
          static_cast<long long>(mapped), static_cast<long long>(damaged));
      std::printf(
          "  %zu hazards (%zu on mapped land cover), %zu damaged assets, %zu crews (%zu deminers, "
          "%zu builders)\n",
          s.hazards.size(), rep.hazards_on_land_cover, s.assets.size(), s.crews.size(), deminers,
          builders);
      std::printf("  wrote %s, hazards.gpkg, damage.gpkg, settlements.gpkg\n",
                  (out / "scenario.json").string().c_str());
      return kExitSuccess;
    };
  });
}

}  // namespace gw::app

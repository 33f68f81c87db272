// The pipelines behind `groundwork forecast` and `groundwork simulate` (docs/uncertainty.md): read
// a scenario, link it, check it is feasible, then forecast over drawn truths or execute one truth,
// and write the outputs. Front ends print; nothing here decides about text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "forecast/forecast.hpp"
#include "model/forecast.hpp"
#include "model/scenario.hpp"

namespace gw::flow {

struct ForecastRunOptions {
  std::size_t samples = 200;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core
  bool validate = true;
  forecast::Mode mode = forecast::Mode::kRedecide;
  // The samples shared across the processes of an MPI job (dist::Session): this process's rank
  // of `ranks` computes its share, and the gathers bring every rank's rows and findings to rank 0
  // in rank order; only rank 0 summarises and writes. One process: rank 0 of 1, no gathers.
  int rank = 0;
  int ranks = 1;
  std::function<std::vector<float>(const std::vector<float>&)> gather_rows;
  std::function<std::vector<std::string>(const std::vector<std::string>&)> gather_strings;
};

struct ForecastRun {
  Scenario scenario;  // linked
  Forecast forecast;
  double seconds = 0;  // the samples' wall-clock time
  int threads = 1;
  bool written = false;  // rank 0 wrote the outputs (other ranks only computed their share)
  // The validator's findings on the planned plan (written as plan.json); empty when it is valid
  // or was not validated.
  std::vector<std::string> planned_violations;
};

// Forecasts the scenario file and writes, into out_dir, forecast.json and forecast.gpkg beside
// the planned plan's usual outputs (io::write_outputs and plan.gpkg), which carry the ranges:
// report.html's forecast section and the settlements' P10/P50/P90 fields in plan.gpkg.
ForecastRun forecast_scenario_file(const std::filesystem::path& scenario,
                                   const std::filesystem::path& out_dir,
                                   const ForecastRunOptions& opt);

struct SimulateRun {
  forecast::Execution execution;
  bool valid = false;
  std::vector<std::string> violations;  // the validator's findings against the truth
};

// Draws the truth of `truth_seed`, executes the plan's policy against it (or, in the fixed mode,
// the planned plan's decisions), validates the executed plan against that truth and writes
// truth.json and the usual plan outputs (plan.json, summary.json, settlements.geojson, ...) into
// out_dir.
SimulateRun simulate_scenario_file(const std::filesystem::path& scenario,
                                   const std::filesystem::path& out_dir, std::uint64_t truth_seed,
                                   forecast::Mode mode = forecast::Mode::kRedecide);

}  // namespace gw::flow

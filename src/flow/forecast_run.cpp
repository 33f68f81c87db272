#include "flow/forecast_run.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "io/forecast_output.hpp"
#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "io/truth_json.hpp"
#include "plan/dispatch.hpp"
#include "plan/feasibility.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace gw::flow {

namespace {

Scenario read_linked(const std::filesystem::path& scenario,
                     io::ScenarioSources* sources = nullptr) {
  Scenario s = io::read_scenario(scenario, sources);
  plan::link_scenario(s, scenario.filename().string());
  plan::require_feasible(s, plan::generate_tasks(s));
  return s;
}

plan::DispatchOptions policy(const Scenario& s) {
  return plan::dispatch_for_objective({}, s.params.objective);
}

}  // namespace

ForecastRun forecast_scenario_file(const std::filesystem::path& scenario,
                                   const std::filesystem::path& out_dir,
                                   const ForecastRunOptions& opt) {
  ForecastRun run;
  io::ScenarioSources sources;
  run.scenario = read_linked(scenario, &sources);
  forecast::ForecastOptions fo;
  fo.samples = opt.samples;
  fo.seed = opt.seed;
  fo.threads = forecast::thread_count(opt.threads);
  fo.validate = opt.validate;
  fo.mode = opt.mode;
  fo.dispatch = policy(run.scenario);
  run.threads = fo.threads;
  const auto t0 = std::chrono::steady_clock::now();
  const forecast::ForecastBase base = forecast::prepare(run.scenario, fo.dispatch);
  const double plan_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto ranks = static_cast<std::size_t>(std::max(1, opt.ranks));
  const auto rank = static_cast<std::size_t>(opt.rank);
  const std::size_t first = opt.samples * rank / ranks;
  const std::size_t last = opt.samples * (rank + 1) / ranks;
  std::vector<std::string> violations;
  std::vector<float> rows =
      forecast::record_samples(run.scenario, base, fo, first, last, &violations);
  if (ranks > 1) {
    rows = opt.gather_rows(rows);
    violations = opt.gather_strings(violations);
  }
  if (rank != 0) return run;  // rank 0 writes
  std::sort(violations.begin(), violations.end());
  run.forecast = forecast::summarise(run.scenario, base, fo, rows, std::move(violations));
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The planned plan is written like `groundwork plan`'s, so it is checked like one.
  if (opt.validate) {
    const validate::Report rep = validate::validate_plan(run.scenario, base.tasks.tasks, base.plan);
    for (const auto& v : rep.violations) run.planned_violations.push_back("invalid plan: " + v);
  }
  io::ForecastMeta meta;
  meta.ranks = static_cast<int>(ranks);
  meta.scenario_name = run.scenario.name.empty() ? scenario.stem().string() : run.scenario.name;
  meta.seconds = run.seconds;
  meta.threads = run.threads;
  // The planned plan's usual outputs carry the ranges (report.html, plan.gpkg); forecast.json and
  // forecast.gpkg beside them, all renamed into place together.
  io::OutputMeta plan_meta;
  plan_meta.rule = std::string(plan::rule_name(fo.dispatch.rule)) + " (the forecast's policy)";
  plan_meta.scenario_name = meta.scenario_name;
  plan_meta.seconds = plan_seconds;
  plan_meta.roads_from_osm = sources.roads_from_osm;
  plan_meta.forecast = &run.forecast;
  std::vector<io::FileOutput> more = io::forecast_outputs(run.scenario, run.forecast, meta);
  more.push_back(
      io::plan_gpkg_output(run.scenario, base.tasks, base.plan, base.planned, &run.forecast));
  io::write_outputs(out_dir, run.scenario, base.tasks, base.plan, base.planned, plan_meta, more);
  run.written = true;
  return run;
}

SimulateRun simulate_scenario_file(const std::filesystem::path& scenario,
                                   const std::filesystem::path& out_dir, std::uint64_t truth_seed,
                                   forecast::Mode mode) {
  SimulateRun run;
  const Scenario s = read_linked(scenario);
  const Truth truth = plan::draw_truth(s, truth_seed);
  if (mode == forecast::Mode::kFixed) {
    const forecast::ForecastBase base = forecast::prepare(s, policy(s));
    run.execution = forecast::execute_fixed(s, base.tasks, truth, base.plan);
  } else {
    run.execution = forecast::execute(s, plan::generate_tasks(s), truth, policy(s));
  }
  forecast::Execution& x = run.execution;
  const validate::Report rep = validate::validate_plan(x.scenario, x.tasks.tasks, x.plan);
  run.valid = rep.valid();
  run.violations = rep.violations;
  io::OutputMeta meta;
  meta.rule = std::string(mode == forecast::Mode::kFixed ? "the planned plan's decisions"
                                                         : plan::rule_name(policy(s).rule)) +
              " (executed against truth " + std::to_string(truth_seed) + ")";
  meta.scenario_name = s.name.empty() ? scenario.stem().string() : s.name;
  io::write_outputs(out_dir, x.scenario, x.tasks, x.plan, x.evaluation, meta,
                    {io::text_output("truth.json", io::truth_json(s, truth).dump(1) + "\n")});
  return run;
}

}  // namespace gw::flow

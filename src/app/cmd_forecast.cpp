#include <cstdio>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "dist/dist.hpp"
#include "flow/forecast_run.hpp"

namespace gw::app {

namespace {

std::string q_text(const Quantiles& q, double scale = 1.0, const char* fmt = "%.1f") {
  auto one = [&](const std::optional<double>& v) {
    if (!v) return std::string("beyond the horizon");
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, *v * scale);
    return std::string(buf);
  };
  return "P10 " + one(q.p10) + ", P50 " + one(q.p50) + ", P90 " + one(q.p90);
}

void add_mode_option(CLI::App* cmd, std::string& mode) {
  cmd->add_option("--mode", mode,
                  "redecide: crews re-decide at every event, as the plan's policy does; fixed: "
                  "each crew keeps the planned plan's tasks and order (docs/uncertainty.md)")
      ->check(CLI::IsMember({"redecide", "fixed"}));
}

forecast::Mode mode_of(const std::string& mode) {
  return mode == "fixed" ? forecast::Mode::kFixed : forecast::Mode::kRedecide;
}

}  // namespace

void register_forecast(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "forecast",
      "P10/P50/P90 of every date: the plan's policy executed against many drawn truths");
  struct Args {
    std::string scenario;
    std::string out;
    std::size_t samples = 200;
    std::uint64_t seed = 1;
    int threads = 0;
    bool no_validate = false;
    std::string mode = "redecide";
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("scenario", a->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--samples", a->samples, "Truths to draw (docs/uncertainty.md)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_option("--seed", a->seed, "Seed of the draws (the forecast is deterministic for it)");
  cmd->add_option("--threads", a->threads, "Threads (default: every core)")
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("--no-validate", a->no_validate,
                "Do not check each executed plan against its truth with the validator");
  add_mode_option(cmd, a->mode);
  cmd->add_option("--out", a->out,
                  "Directory for forecast.json, forecast.gpkg and the planned plan's outputs "
                  "(report.html, plan.gpkg, ... with the ranges)")
      ->required();
  cmd->callback([&run, a] {
    run = [a] {
      flow::ForecastRunOptions o;
      o.samples = a->samples;
      o.seed = a->seed;
      o.threads = a->threads;
      o.validate = !a->no_validate;
      o.mode = mode_of(a->mode);
      // Under mpirun the ranks share the samples; rank 0 gathers them and writes.
      const dist::Session mpi;
      o.rank = mpi.rank();
      o.ranks = mpi.size();
      o.gather_rows = [&mpi](const std::vector<float>& v) { return mpi.gather(v); };
      o.gather_strings = [&mpi](const std::vector<std::string>& v) { return mpi.gather(v); };
      const flow::ForecastRun r = flow::forecast_scenario_file(a->scenario, a->out, o);
      if (!r.written) return kExitSuccess;  // another rank writes
      const Forecast& f = r.forecast;
      std::printf(
          "  %zu samples (seed %llu) in %.1f s on %d threads%s\n", f.samples,
          static_cast<unsigned long long>(f.seed), r.seconds, r.threads,
          mpi.size() > 1 ? (" x " + std::to_string(mpi.size()) + " MPI ranks").c_str() : "");
      std::printf("  people-days displaced: %s (planned %.0f)\n",
                  q_text(f.people_days_displaced, 1, "%.0f").c_str(),
                  f.planned_people_days_displaced);
      std::printf("  people-days without safe access: %s (planned %.0f)\n",
                  q_text(f.people_days_without_access, 1, "%.0f").c_str(),
                  f.planned_people_days_without_access);
      std::printf("  makespan days: %s (planned %.1f)\n", q_text(f.makespan_days).c_str(),
                  f.planned_makespan_days);
      if (!f.sensitivity.empty()) {
        std::printf("  moves the headline most: %s (rank correlation %.2f)\n",
                    f.sensitivity.front().input.c_str(), f.sensitivity.front().rho_headline);
      }
      if (f.invalid_samples > 0) {
        std::printf("  INVALID: %zu executed plans broke the rules\n", f.invalid_samples);
        for (const auto& v : f.first_violations) std::printf("    %s\n", v.c_str());
      } else if (!a->no_validate) {
        std::printf("  every executed plan valid against its truth\n");
      }
      if (!r.planned_violations.empty()) {
        std::printf("  INVALID: the planned plan broke the rules\n");
        for (const auto& v : r.planned_violations) std::printf("    %s\n", v.c_str());
      }
      std::printf("  outputs in %s (report.html shows the ranges)\n", a->out.c_str());
      const bool invalid = f.invalid_samples > 0 || !r.planned_violations.empty();
      return invalid ? exit_status(ErrorCode::kInvalidPlan) : kExitSuccess;
    };
  });
}

void register_simulate(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "simulate", "Draw one truth of the district and execute the plan's policy against it");
  struct Args {
    std::string scenario;
    std::string out;
    std::uint64_t truth_seed = 1;
    std::string mode = "redecide";
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("scenario", a->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--truth-seed", a->truth_seed, "Seed of the truth drawn")->required();
  add_mode_option(cmd, a->mode);
  cmd->add_option("--out", a->out, "Directory for truth.json and the executed plan's outputs")
      ->required();
  cmd->callback([&run, a] {
    run = [a] {
      const flow::SimulateRun r =
          flow::simulate_scenario_file(a->scenario, a->out, a->truth_seed, mode_of(a->mode));
      const Evaluation& ev = r.execution.evaluation;
      std::printf(
          "  truth %llu: people-days displaced %.0f, without safe access %.0f, makespan "
          "%.1f days\n",
          static_cast<unsigned long long>(a->truth_seed), ev.people_days_displaced,
          ev.people_days_without_access, ev.makespan_days);
      for (const auto& v : r.violations) std::printf("%s\n", v.c_str());
      std::printf("  %s against the truth; outputs in %s\n", r.valid ? "valid" : "INVALID",
                  a->out.c_str());
      return r.valid ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
    };
  });
}

}  // namespace gw::app

// Calibration and speed of `groundwork forecast` (docs/uncertainty.md, §4): forecasts a district,
// then draws truths with seeds the forecast never uses (from --truth-seed on, one after another),
// executes the plan's policy against each (as `groundwork simulate` does) and counts, per
// settlement and date, how often the realised date falls inside the forecast's P10–P90 range
// (ideally about 80 %) and at or before its P50 (ideally about 50 %).
//
//   forecast_calibration_bench [--scale K | --scenario FILE] [--samples N] [--truths M]
//                              [--seed S] [--truth-seed T] [--threads P] [--no-validate]
//   (default: --scale 1 --samples 1000 --truths 50 --seed 1 --truth-seed 1000000 --threads 0)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "forecast/forecast.hpp"
#include "gen/district.hpp"
#include "io/scenario_json.hpp"
#include "plan/feasibility.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double or_inf(const std::optional<double>& v) { return v ? *v : kInf; }
double days(gw::Minutes m) {
  return m == gw::kNever ? kInf : static_cast<double>(m) / gw::kMinutesPerDay;
}

struct Tally {
  std::size_t pairs = 0, inside = 0, below_p50 = 0;
  // The same over the pairs whose forecast range is not a single day (P10 < P90): dates that are
  // the same in every truth (day 0 for a village never cut off) are trivially inside.
  std::size_t open_pairs = 0, open_inside = 0, open_below_p50 = 0;
  void add(const gw::Quantiles& q, double realised, double horizon) {
    const double x = realised > horizon ? kInf : realised;
    const double lo = or_inf(q.p10), mid = or_inf(q.p50), hi = or_inf(q.p90);
    const bool in = lo <= x && x <= hi;
    const bool below = x <= mid;
    ++pairs;
    inside += in ? 1 : 0;
    below_p50 += below ? 1 : 0;
    if (lo < hi) {
      ++open_pairs;
      open_inside += in ? 1 : 0;
      open_below_p50 += below ? 1 : 0;
    }
  }
  void print(const char* what) const {
    auto pct = [](std::size_t a, std::size_t b) {
      return b > 0 ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };
    std::printf("| %s | %zu | %.1f %% | %.1f %% | %zu | %.1f %% | %.1f %% |\n", what, pairs,
                pct(inside, pairs), pct(below_p50, pairs), open_pairs, pct(open_inside, open_pairs),
                pct(open_below_p50, open_pairs));
  }
};

}  // namespace

int main(int argc, char** argv) {
  double scale = 1;
  std::string scenario;
  std::size_t samples = 1000, truths = 50;
  std::uint64_t seed = 1, truth_seed = 1000000;
  int threads = 0;
  bool validate = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (a == "--scale") {
      scale = std::stod(next());
    } else if (a == "--scenario") {
      scenario = next();
    } else if (a == "--samples") {
      samples = std::stoul(next());
    } else if (a == "--truths") {
      truths = std::stoul(next());
    } else if (a == "--seed") {
      seed = std::stoull(next());
    } else if (a == "--truth-seed") {
      truth_seed = std::stoull(next());
    } else if (a == "--threads") {
      threads = std::stoi(next());
    } else if (a == "--no-validate") {
      validate = false;
    } else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  gw::Scenario s;
  if (scenario.empty()) {
    gw::gen::DistrictOptions o;
    o.scale = scale;
    s = gw::gen::generate_district(o);
    scenario = "generated, scale " + std::to_string(scale);
  } else {
    s = gw::io::read_scenario(scenario);
  }
  gw::plan::link_scenario(s, scenario);
  const gw::TaskSet tasks = gw::plan::generate_tasks(s);
  gw::plan::require_feasible(s, tasks);

  gw::forecast::ForecastOptions fo;
  fo.samples = samples;
  fo.seed = seed;
  fo.threads = gw::forecast::thread_count(threads);
  fo.validate = validate;
  fo.dispatch = gw::plan::dispatch_for_objective({}, s.params.objective);
  const auto t0 = std::chrono::steady_clock::now();
  const gw::Forecast f = gw::forecast::run_forecast(s, fo);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("scenario: %s (%zu settlements, %zu hazards, %zu assets, %zu crews, %zu tasks)\n",
              scenario.c_str(), s.settlements.size(), s.hazards.size(), s.assets.size(),
              s.crews.size(), tasks.tasks.size());
  std::printf(
      "forecast: %zu samples, seed %llu, %d threads, validate %s: %.1f s wall "
      "(%.3f s per sample per thread); invalid samples %zu\n",
      f.samples, static_cast<unsigned long long>(seed), fo.threads, validate ? "on" : "off", secs,
      secs * fo.threads / static_cast<double>(samples), f.invalid_samples);
  std::printf("people-days displaced P10/P50/P90: %.0f / %.0f / %.0f (planned %.0f)\n",
              or_inf(f.people_days_displaced.p10), or_inf(f.people_days_displaced.p50),
              or_inf(f.people_days_displaced.p90), f.planned_people_days_displaced);

  const double horizon = s.params.horizon_days;
  Tally ret, access, power, head;
  std::size_t invalid = 0;
  const auto t1 = std::chrono::steady_clock::now();
  for (std::size_t k = 0; k < truths; ++k) {
    const gw::Truth truth = gw::plan::draw_truth(s, truth_seed + k);
    const gw::forecast::Execution x = gw::forecast::execute(s, tasks, truth, fo.dispatch);
    if (!gw::validate::validate_plan(x.scenario, x.tasks.tasks, x.plan).valid()) ++invalid;
    const gw::Evaluation& ev = x.evaluation;
    for (std::size_t i = 0; i < s.settlements.size(); ++i) {
      const gw::SettlementForecast& sf = f.settlements[i];
      if (s.settlements[i].displaced > 0) ret.add(sf.return_day, days(ev.return_first[i]), horizon);
      access.add(sf.access_day, days(ev.settlement_access[i]), horizon);
      const auto pw = static_cast<std::size_t>(gw::Service::kPower);
      power.add(sf.service_day[pw], days(ev.service_restored[pw][i]), horizon);
    }
    head.add(f.people_days_displaced, ev.people_days_displaced, kInf);
  }
  const double tsecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::printf("truths: %zu (seeds %llu..%llu), executed and validated in %.1f s; invalid %zu\n\n",
              truths, static_cast<unsigned long long>(truth_seed),
              static_cast<unsigned long long>(truth_seed + truths - 1), tsecs, invalid);
  std::printf(
      "| date | pairs | in P10–P90 | at or before P50 | pairs with P10 < P90 | in "
      "P10–P90 | at or before P50 |\n| --- | --- | --- | --- | --- | --- | --- |\n");
  ret.print("return (first displaced back)");
  access.print("safe road access");
  power.print("power");
  head.print("people-days displaced (whole plan)");
  return invalid > 0 || f.invalid_samples > 0 ? 1 : 0;
}

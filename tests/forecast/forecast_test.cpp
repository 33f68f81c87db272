// Forecasts: the plan's policy executed against drawn truths (docs/uncertainty.md).
#include "forecast/forecast.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "gen/district.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

Scenario small() {
  gen::DistrictOptions o;
  o.scale = 0.08;
  o.seed = 17;
  Scenario s = gen::generate_district(o);
  plan::link_scenario(s, "generated");
  return s;
}

forecast::ForecastOptions options(const Scenario& s, std::size_t samples, int threads) {
  forecast::ForecastOptions o;
  o.samples = samples;
  o.seed = 3;
  o.threads = threads;
  o.dispatch = plan::dispatch_for_objective({}, s.params.objective);
  return o;
}

void expect_ordered(const Quantiles& q) {
  if (q.p10 && q.p50) {
    EXPECT_LE(*q.p10, *q.p50);
  }
  if (q.p50 && q.p90) {
    EXPECT_LE(*q.p50, *q.p90);
  }
  // Beyond the horizon at P10 means beyond it at P50 and P90.
  if (!q.p10) {
    EXPECT_FALSE(q.p50);
  }
  if (!q.p50) {
    EXPECT_FALSE(q.p90);
  }
}

// A fan chart's band: one point per day of the grid, P10 <= P50 <= P90, shares within [0, 1],
// and (each sample's curve never falling) no quantile falls from one day to the next.
void expect_band(const CurveBand& b, std::size_t points, const char* what) {
  ASSERT_EQ(b.planned.size(), points) << what;
  ASSERT_EQ(b.p10.size(), points) << what;
  ASSERT_EQ(b.p50.size(), points) << what;
  ASSERT_EQ(b.p90.size(), points) << what;
  for (std::size_t i = 0; i < points; ++i) {
    EXPECT_GE(b.p10[i], 0.0) << what << i;
    EXPECT_LE(b.p10[i], b.p50[i]) << what << i;
    EXPECT_LE(b.p50[i], b.p90[i]) << what << i;
    EXPECT_LE(b.p90[i], 1.0) << what << i;
    EXPECT_GE(b.planned[i], 0.0) << what << i;
    EXPECT_LE(b.planned[i], 1.0) << what << i;
    if (i > 0) {
      EXPECT_LE(b.p10[i - 1], b.p10[i]) << what << i;
      EXPECT_LE(b.p50[i - 1], b.p50[i]) << what << i;
      EXPECT_LE(b.p90[i - 1], b.p90[i]) << what << i;
    }
  }
}

TEST(Forecast, TheCurvesGridIsWeeklyToTheHorizon) {
  EXPECT_EQ(forecast::curve_days(21), (std::vector<int>{0, 7, 14, 21}));
  EXPECT_EQ(forecast::curve_days(23), (std::vector<int>{0, 7, 14, 21, 23}));
  EXPECT_EQ(forecast::curve_days(0), (std::vector<int>{0}));
}

TEST(Forecast, EverySampleValidOrderedAndTheSameOnAnyNumberOfThreads) {
  const Scenario s = small();
  const Forecast one = forecast::run_forecast(s, options(s, 12, 1));
  const Forecast two = forecast::run_forecast(s, options(s, 12, 2));
  EXPECT_EQ(one.samples, 12U);
  EXPECT_EQ(one.invalid_samples, 0U)
      << (one.first_violations.empty() ? "" : one.first_violations[0]);
  EXPECT_EQ(one.unassigned_samples, 0U);
  ASSERT_EQ(one.settlements.size(), s.settlements.size());
  ASSERT_TRUE(one.people_days_displaced.p50);
  EXPECT_EQ(one.people_days_displaced.p10, two.people_days_displaced.p10);
  EXPECT_EQ(one.people_days_displaced.p50, two.people_days_displaced.p50);
  EXPECT_EQ(one.makespan_days.p90, two.makespan_days.p90);
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    EXPECT_EQ(one.settlements[i].return_day.p90, two.settlements[i].return_day.p90) << i;
    EXPECT_EQ(one.settlements[i].access_day.p50, two.settlements[i].access_day.p50) << i;
    expect_ordered(one.settlements[i].return_day);
    expect_ordered(one.settlements[i].access_day);
  }
  expect_ordered(one.people_days_displaced);
  expect_ordered(one.makespan_days);
  // The samples differ: some spread in the makespan.
  EXPECT_LT(*one.makespan_days.p10, *one.makespan_days.p90);
  EXPECT_EQ(one.sensitivity.size(), forecast::kSampleInputs);
  for (const auto& m : one.milestones) {
    EXPECT_GE(m.on_time_probability, 0.0);
    EXPECT_LE(m.on_time_probability, 1.0);
  }
  // The curves: on the weekly grid to the horizon, ordered, and the same on any number of threads.
  const ForecastCurves& c = one.curves;
  EXPECT_EQ(c.days, forecast::curve_days(s.params.horizon_days));
  ASSERT_GT(one.planned_people_days_displaced, 0) << "the district must have displaced people";
  expect_band(c.returned, c.days.size(), "return ");
  expect_band(c.access, c.days.size(), "access ");
  EXPECT_EQ(c.returned.p10, two.curves.returned.p10);
  EXPECT_EQ(c.returned.p90, two.curves.returned.p90);
  EXPECT_EQ(c.access.p50, two.curves.access.p50);
  // The samples differ somewhere along the return curve: a real band, not three equal lines.
  bool spread = false;
  for (std::size_t i = 0; i < c.days.size(); ++i) spread |= c.returned.p10[i] < c.returned.p90[i];
  EXPECT_TRUE(spread);
  // Nobody is home on day 0 who was displaced, and the least certain dates are the widest first.
  EXPECT_EQ(c.returned.p90.front(), 0.0);
  EXPECT_LE(one.least_certain.size(), kLeastCertainShown);
  EXPECT_FALSE(one.least_certain.empty());
  EXPECT_EQ(one.least_certain, two.least_certain);
}

// The rows of a forecast merge by concatenation (threads, MPI ranks): samples [0, n) on one
// thread are, float for float, samples [0, k) then [k, n) on two threads each.
TEST(Forecast, SampleRowsMergeByConcatenationWhateverTheThreads) {
  const Scenario s = small();
  const forecast::ForecastOptions o1 = options(s, 7, 1);
  const forecast::ForecastOptions o2 = options(s, 7, 2);
  const forecast::ForecastBase base = forecast::prepare(s, o1.dispatch);
  EXPECT_EQ(base.layout.curve_days, base.curve_days.size());
  EXPECT_EQ(base.curve_days, forecast::curve_days(s.params.horizon_days));
  // The planned plan is kept for its outputs, and it is the plan the figures are measured on.
  EXPECT_TRUE(validate::validate_plan(s, base.tasks.tasks, base.plan).valid());
  EXPECT_EQ(plan::evaluate(s, base.tasks, base.plan).people_days_displaced,
            base.planned.people_days_displaced);
  const std::vector<float> all = forecast::record_samples(s, base, o1, 0, 7, nullptr);
  std::vector<float> merged = forecast::record_samples(s, base, o2, 0, 3, nullptr);
  const std::vector<float> rest = forecast::record_samples(s, base, o2, 3, 7, nullptr);
  merged.insert(merged.end(), rest.begin(), rest.end());
  ASSERT_EQ(all.size(), 7 * base.layout.width());
  // Compared as bytes: +inf (never) equals itself, and no tolerance hides a difference.
  ASSERT_EQ(merged.size(), all.size());
  EXPECT_EQ(std::memcmp(merged.data(), all.data(), all.size() * sizeof(float)), 0);
  // The curve columns are the last 2 × curve_days of each row: shares within [0, 1], the
  // access share at the horizon at least the one on day 0.
  const std::size_t w = base.layout.width();
  const std::size_t n = base.curve_days.size();
  for (std::size_t i = 0; i < 7; ++i) {
    const float* curves = all.data() + i * w + w - 2 * n;
    for (std::size_t k = 0; k < 2 * n; ++k) {
      EXPECT_GE(curves[k], 0.0F) << i << " " << k;
      EXPECT_LE(curves[k], 1.0F) << i << " " << k;
    }
    EXPECT_LE(curves[n], curves[2 * n - 1]) << i;
  }
  const Forecast f = forecast::summarise(s, base, o1, all, {});
  EXPECT_EQ(f.curves.days.size(), n);
  expect_band(f.curves.access, n, "access ");
}

TEST(Forecast, WithoutUncertaintyEverySampleIsThePlan) {
  Scenario s = small();
  UncertaintyParameters& u = s.params.uncertainty;
  u.holds_probability = {1.0, 1.0};
  u.reduced_share_a = 0;         // no reduction
  u.machine_availability_b = 0;  // always available
  u.density_spread = u.crew_spread = u.asset_spread = u.housing_spread = 0;
  u.weather_spread_cold = u.weather_spread_warm = 0;
  const Forecast f = forecast::run_forecast(s, options(s, 4, 2));
  EXPECT_EQ(f.invalid_samples, 0U);
  ASSERT_TRUE(f.people_days_displaced.p10 && f.people_days_displaced.p90);
  // Figures are kept as floats per sample: equal to the plan to float precision.
  const double planned = f.planned_people_days_displaced;
  EXPECT_NEAR(*f.people_days_displaced.p10, planned, 1e-6 * planned + 1);
  EXPECT_NEAR(*f.people_days_displaced.p90, planned, 1e-6 * planned + 1);
  EXPECT_NEAR(*f.makespan_days.p50, f.planned_makespan_days, 0.005);  // quantiles: 0.01 days
  // Every sample's curves are the planned ones (to float precision).
  const ForecastCurves& c = f.curves;
  ASSERT_FALSE(c.days.empty());
  for (const CurveBand* b : {&c.returned, &c.access}) {
    ASSERT_EQ(b->planned.size(), c.days.size());
    for (std::size_t i = 0; i < c.days.size(); ++i) {
      EXPECT_NEAR(b->p10[i], b->planned[i], 1e-6) << c.days[i];
      EXPECT_NEAR(b->p90[i], b->planned[i], 1e-6) << c.days[i];
    }
  }
  // And the planned curves are the plan's daily curves read at the grid's days.
  const forecast::ForecastBase base = forecast::prepare(s, options(s, 4, 2).dispatch);
  for (std::size_t i = 0; i < c.days.size(); ++i) {
    const auto d = static_cast<std::size_t>(c.days[i]);
    ASSERT_LT(d, base.planned.access_by_day.size());
    EXPECT_DOUBLE_EQ(c.access.planned[i], static_cast<double>(base.planned.access_by_day[d]) /
                                              static_cast<double>(base.planned.population_total));
    ASSERT_LT(d, base.planned.returned_by_day.size());
    EXPECT_DOUBLE_EQ(
        c.returned.planned[i],
        base.planned.returned_by_day[d] / static_cast<double>(base.planned.population_displaced));
  }
}

// The second mode: the planned plan's decisions kept. Every executed plan keeps each crew's
// planned tasks and order and validates against its truth, and the truth moves its dates.
TEST(Forecast, FixedModeKeepsEachCrewsPlannedTasksInOrder) {
  Scenario s = small();
  const forecast::ForecastBase base = forecast::prepare(s, options(s, 1, 1).dispatch);
  {
    Scenario known = s;
    UncertaintyParameters& u = known.params.uncertainty;
    u.holds_probability = {1.0, 1.0};
    u.reduced_share_a = 0;
    u.machine_availability_b = 0;
    u.density_spread = u.crew_spread = u.asset_spread = u.housing_spread = 0;
    u.weather_spread_cold = u.weather_spread_warm = 0;
    forecast::ForecastOptions o = options(known, 3, 1);
    o.mode = forecast::Mode::kFixed;
    const Forecast f = forecast::run_forecast(known, o);
    EXPECT_EQ(f.mode, "fixed");
    EXPECT_EQ(f.invalid_samples, 0U);
    // Without uncertainty every sample is the same execution. (It is not the plan itself: the
    // sequence executor's trips come out longer than the dispatcher's, so its tasks end later;
    // docs/uncertainty.md, "Execution".)
    ASSERT_TRUE(f.people_days_displaced.p10 && f.people_days_displaced.p90);
    EXPECT_EQ(*f.people_days_displaced.p10, *f.people_days_displaced.p90);
  }
  auto order = [&](const Plan& p, std::size_t crews) {
    std::vector<std::vector<std::pair<Minutes, std::uint32_t>>> by_crew(crews);
    for (const Assignment& a : p.assignments)
      by_crew[a.crew.index()].emplace_back(a.start, a.task.value);
    std::vector<std::vector<std::uint32_t>> tasks(crews);
    for (std::size_t c = 0; c < crews; ++c) {
      std::stable_sort(by_crew[c].begin(), by_crew[c].end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; });
      for (const auto& st : by_crew[c]) tasks[c].push_back(st.second);
    }
    return tasks;
  };
  const auto planned_order = order(base.plan, s.crews.size());
  bool some_later = false;
  for (std::uint64_t seed : {5U, 6U}) {
    const Truth truth = plan::draw_truth(s, plan::sample_seed(11, seed));
    const forecast::Execution x = forecast::execute_fixed(s, base.tasks, truth, base.plan);
    EXPECT_TRUE(x.unassigned.empty()) << x.unassigned.size();
    EXPECT_EQ(order(x.plan, s.crews.size()), planned_order);
    const validate::Report rep = validate::validate_plan(x.scenario, x.tasks.tasks, x.plan);
    EXPECT_TRUE(rep.valid()) << rep.violations.front();
    some_later = some_later || x.evaluation.makespan_days != base.planned.makespan_days;
  }
  EXPECT_TRUE(some_later) << "the truth moves the dates";
}

TEST(Forecast, TheDispatcherChoosesByBeliefAndTheWorkTakesTheTruth) {
  const Scenario s = small();
  const TaskSet tasks = plan::generate_tasks(s);
  const Truth truth = plan::draw_truth(s, 99);
  const forecast::Execution x =
      forecast::execute(s, tasks, truth, plan::dispatch_for_objective({}, s.params.objective));
  // Valid against the truth, and not against the planned scenario (the work took other times).
  EXPECT_TRUE(validate::validate_plan(x.scenario, x.tasks.tasks, x.plan).valid());
  EXPECT_FALSE(validate::validate_plan(s, tasks.tasks, x.plan).valid());
  // The tasks are the planned ones with the truth's efforts.
  ASSERT_EQ(x.tasks.tasks.size(), tasks.tasks.size());
  for (std::size_t t = 0; t < tasks.tasks.size(); ++t) {
    const Task& k = x.tasks.tasks[t];
    EXPECT_EQ(k.work, tasks.tasks[t].work);
    if (k.kind == TaskKind::kClearance) {
      EXPECT_EQ(k.effort, truth.hazards[k.hazard.index()].work_factor);
    }
  }
}

}  // namespace
}  // namespace gw

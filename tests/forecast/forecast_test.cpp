// Forecasts: the plan's policy executed against drawn truths (docs/uncertainty.md).
#include "forecast/forecast.hpp"

#include <gtest/gtest.h>

#include "gen/district.hpp"
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

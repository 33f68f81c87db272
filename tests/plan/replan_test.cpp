// Re-planning from field reports (plan/replan.hpp): the reported state at a date, and the rest
// planned from it, validated from that state.
#include "plan/replan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "gen/district.hpp"
#include "model/error.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

constexpr Minutes kDay = kMinutesPerDay;

Scenario small() {
  gen::DistrictOptions o;
  o.scale = 0.06;
  o.seed = 23;
  Scenario s = gen::generate_district(o);
  plan::link_scenario(s, "generated");
  return s;
}

// Reports of the work `followed` plans between `from` and `to` on each hazard (the share of each
// package's planned time that falls in the window), at `pace` (1: as planned; 0.5: half the area),
// dated the day before `to`.
void report_week(const Scenario& s, const TaskSet& ts, const Plan& followed, Minutes from,
                 Minutes to, double pace, std::vector<FieldReport>& reports,
                 std::vector<Minutes>& minutes) {
  std::map<std::uint32_t, double> area;
  for (const Assignment& a : followed.assignments) {
    const Task& k = ts.tasks[a.task.index()];
    if (!k.hazard.valid() || k.kind == TaskKind::kSurvey || k.kind == TaskKind::kMechanical ||
        a.reported)
      continue;
    const double span = static_cast<double>(std::max<Minutes>(1, a.end - a.start));
    const double in =
        static_cast<double>(std::max<Minutes>(0, std::min(a.end, to) - std::max(a.start, from)));
    if (in > 0)
      area[static_cast<std::uint32_t>(k.hazard.index())] +=
          k.work * pace * std::min(1.0, in / span);
  }
  for (const auto& [h, m2] : area) {
    FieldReport r;
    r.where = "week report";
    r.date = "(day " + std::to_string((to - kDay) / kDay) + ")";
    r.hazard = s.hazards[h].id;
    r.area_cleared_m2 = m2;
    reports.push_back(r);
    minutes.push_back(to - kDay);
  }
}

struct Replanned {
  Scenario scenario;
  TaskSet tasks;
  Plan plan;
  plan::ReportedState state;
};

Replanned replan(const Scenario& s, const TaskSet& ts, const Plan& followed,
                 const std::vector<FieldReport>& reports, const std::vector<Minutes>& minutes,
                 Minutes as_of) {
  Replanned r;
  r.state = plan::reported_state(s, ts, followed, reports, minutes, as_of);
  r.scenario = s;
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    r.scenario.hazards[h].work_factor = r.state.hazard_factor[h];
  for (std::size_t a = 0; a < s.assets.size(); ++a)
    r.scenario.assets[a].work_factor = r.state.asset_factor[a];
  r.tasks = ts;
  plan::set_efforts(r.tasks, r.scenario);
  std::vector<std::int32_t> planned_crew;
  const plan::DispatchOptions o =
      plan::replan_options(plan::dispatch_for_objective({}, s.params.objective), r.state, followed,
                           ts.tasks.size(), 0.5, planned_crew);
  plan::DispatchResult d = plan::dispatch(r.scenario, r.tasks, o);
  EXPECT_TRUE(d.unassigned.empty()) << d.unassigned.size() << " tasks left unassigned";
  r.plan = std::move(d.plan);
  r.plan.as_of = as_of;
  return r;
}

void expect_valid(const Replanned& r) {
  const validate::Report rep = validate::validate_plan(r.scenario, r.tasks.tasks, r.plan);
  EXPECT_TRUE(rep.valid()) << rep.violations.size() << " violations, first: "
                           << (rep.violations.empty() ? "" : rep.violations.front());
}

TEST(Replan, OnPlanReportsKeepTheDoneWorkAndPlanTheRestFromThere) {
  const Scenario s = small();
  const plan::PlanResult p =
      plan::plan_linked(s, plan::dispatch_for_objective({}, s.params.objective));
  const Minutes as_of = 40 * kDay;
  std::vector<FieldReport> reports;
  std::vector<Minutes> minutes;
  report_week(s, p.tasks, p.plan, 0, as_of, 1.0, reports, minutes);
  ASSERT_FALSE(reports.empty());
  const Replanned r = replan(s, p.tasks, p.plan, reports, minutes, as_of);
  // Reported on plan: done is what the plan ends by as_of, and at most the packages under way then
  // besides (several packages of one hazard under way at once report area that may add up to a
  // whole package: reports are per hazard, not per package).
  std::size_t planned_done = 0, under_way = 0;
  for (const Assignment& a : p.plan.assignments) {
    planned_done += a.end <= as_of ? 1 : 0;
    under_way += a.start < as_of && a.end > as_of ? 1 : 0;
  }
  EXPECT_GE(r.state.done.size(), planned_done);
  EXPECT_LE(r.state.done.size(), planned_done + under_way);
  EXPECT_TRUE(r.state.notes.empty()) << r.state.notes.front();
  std::size_t reported = 0;
  for (const Assignment& a : r.plan.assignments) {
    if (a.reported) {
      ++reported;
      EXPECT_LE(a.end, as_of);
    } else {
      EXPECT_GE(a.depart, as_of) << "new work departs before --as-of";
    }
  }
  EXPECT_EQ(reported, r.state.done.size());
  EXPECT_EQ(r.plan.assignments.size(), p.tasks.tasks.size());
  expect_valid(r);
}

TEST(Replan, WeeklyReportsOfASlowerFieldReplanEveryWeekAndEveryPlanValidates) {
  const Scenario s = small();
  const plan::PlanResult p =
      plan::plan_linked(s, plan::dispatch_for_objective({}, s.params.objective));
  Plan followed = p.plan;
  Scenario district = s;
  std::vector<FieldReport> reports;
  std::vector<Minutes> minutes;
  bool slower_noted = false;
  for (int week = 1; week <= 6; ++week) {
    const Minutes from = Minutes{week - 1} * 7 * kDay, to = Minutes{week} * 7 * kDay;
    // The field clears 60 % of what the plan being followed expected this week.
    report_week(s, p.tasks, followed, from, to, 0.6, reports, minutes);
    const Replanned r = replan(s, p.tasks, followed, reports, minutes, to);
    expect_valid(r);
    for (const auto& n : r.state.notes)
      slower_noted = slower_noted || n.find("slower") != std::string::npos;
    followed = r.plan;
  }
  EXPECT_TRUE(slower_noted) << "a field slower than planned is noted";
}

TEST(Replan, BadReportsAreRefusedByName) {
  const Scenario s = small();
  const plan::PlanResult p =
      plan::plan_linked(s, plan::dispatch_for_objective({}, s.params.objective));
  // A hazard the plan starts late, and one it starts early.
  std::map<std::uint32_t, Minutes> first_start;
  for (const Assignment& a : p.plan.assignments) {
    const Task& k = p.tasks.tasks[a.task.index()];
    if (!k.hazard.valid()) continue;
    auto [it, fresh] = first_start.emplace(static_cast<std::uint32_t>(k.hazard.index()), a.start);
    if (!fresh) it->second = std::min(it->second, a.start);
  }
  auto late = std::max_element(first_start.begin(), first_start.end(),
                               [](const auto& x, const auto& y) { return x.second < y.second; });
  auto early = std::min_element(first_start.begin(), first_start.end(),
                                [](const auto& x, const auto& y) { return x.second < y.second; });
  ASSERT_GT(late->second, 2 * kDay);
  FieldReport r;
  r.where = "r.csv: layer 'r': FID 3";
  r.date = "2027-04-02";
  r.hazard = s.hazards[late->first].id;
  r.area_cleared_m2 = 10;
  auto message = [&](const FieldReport& fr, Minutes m, Minutes as_of) {
    try {
      (void)plan::reported_state(s, p.tasks, p.plan, {fr}, {m}, as_of);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(r, kDay, late->second - kDay)
                .find("r.csv: layer 'r': FID 3: hazard: reports work on"),
            std::string::npos);
  r.hazard = s.hazards[early->first].id;
  EXPECT_NE(message(r, -kDay, 30 * kDay).find("FID 3: date: 2027-04-02 is before the plan starts"),
            std::string::npos);
  EXPECT_NE(message(r, 30 * kDay, 30 * kDay).find("is not before --as-of"), std::string::npos);
  EXPECT_EQ(message(r, early->second + kDay, early->second + 5 * kDay), "no error");
}

}  // namespace
}  // namespace gw

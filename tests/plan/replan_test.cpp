// Re-planning from field reports (plan/replan.hpp): the reported state at a date, and the rest
// planned from it, validated from that state.
#include "plan/replan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "gen/district.hpp"
#include "model/error.hpp"
#include "model/truth.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/planner.hpp"
#include "plan/sequence/executor.hpp"
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
// package's planned time that falls in the window), at `pace` of each hazard (1: as planned; 0.5:
// half the area), dated the day before `to`.
void report_week(const Scenario& s, const TaskSet& ts, const Plan& followed, Minutes from,
                 Minutes to, const std::vector<double>& pace, std::vector<FieldReport>& reports,
                 std::vector<Minutes>& minutes) {
  std::map<std::uint32_t, double> area;
  for (const Assignment& a : followed.assignments) {
    const Task& k = ts.tasks[a.task.index()];
    // (Reported assignments count too: work under way, kept by the re-plan, goes on.)
    if (!k.hazard.valid() || k.kind == TaskKind::kSurvey || k.kind == TaskKind::kMechanical)
      continue;
    const double span = static_cast<double>(std::max<Minutes>(1, a.end - a.start));
    const double in =
        static_cast<double>(std::max<Minutes>(0, std::min(a.end, to) - std::max(a.start, from)));
    if (in > 0)
      area[static_cast<std::uint32_t>(k.hazard.index())] +=
          k.work * pace[k.hazard.index()] * std::min(1.0, in / span);
  }
  for (auto& [h, m2] : area) {
    // Work to hazard area (where road corridors overlap, the packages hold more than the area;
    // where survey reduces it, less).
    double total = 0;
    for (const TaskId* t = ts.hazard_tasks.begin(h); t != ts.hazard_tasks.end(h); ++t) {
      const TaskKind kind = ts.tasks[t->index()].kind;
      if (kind != TaskKind::kSurvey && kind != TaskKind::kMechanical)
        total += ts.tasks[t->index()].work;
    }
    if (total > 0) m2 *= s.hazards[h].area_m2 / total;
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
  bool stopped = false;   // some work under way was stopped
  bool repaired = false;  // the plan being followed was kept, re-timed
  double kept_objective = 0, stopped_objective = 0, chosen_objective = 0;
  std::size_t stopped_tasks = 0;
};

Replanned replan(const Scenario& s, const TaskSet& ts, const Plan& followed,
                 const std::vector<FieldReport>& reports, const std::vector<Minutes>& minutes,
                 Minutes as_of, double stability = 0.5) {
  Replanned r;
  r.state = plan::reported_state(s, ts, followed, reports, minutes, as_of);
  r.scenario = s;
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    r.scenario.hazards[h].work_factor = r.state.hazard_factor[h];
  for (std::size_t a = 0; a < s.assets.size(); ++a)
    r.scenario.assets[a].work_factor = r.state.asset_factor[a];
  r.tasks = ts;
  plan::set_efforts(r.tasks, r.scenario);
  plan::Replanned rest =
      plan::replan_rest(r.scenario, r.tasks, plan::dispatch_for_objective({}, s.params.objective),
                        r.state, followed, stability);
  EXPECT_TRUE(rest.result.unassigned.empty())
      << rest.result.unassigned.size() << " tasks left unassigned";
  EXPECT_LE(rest.result.plan.assignments.size(), ts.tasks.size());
  r.stopped = rest.stopped_under_way;
  r.repaired = rest.repaired;
  r.kept_objective = rest.kept_objective;
  r.stopped_objective = rest.stopped_objective;
  r.chosen_objective = rest.chosen_objective;
  r.stopped_tasks = rest.stopped_tasks;
  r.plan = std::move(rest.result.plan);
  r.plan.as_of = as_of;
  r.plan.hazard_work_factor = r.state.hazard_factor;
  r.plan.asset_work_factor = r.state.asset_factor;
  return r;
}

// The pace of a field whose hazards truly take `truth` times their assumed work against the plan
// being followed, which planned them with its own work factors (a re-plan's) or the scenario's.
std::vector<double> pace_against(const Scenario& s, const Plan& followed,
                                 const std::vector<double>& truth) {
  std::vector<double> pace(s.hazards.size());
  for (std::size_t h = 0; h < pace.size(); ++h) {
    const double planned = followed.hazard_work_factor.size() == pace.size()
                               ? followed.hazard_work_factor[h]
                               : s.hazards[h].work_factor;
    pace[h] = planned / truth[h];
  }
  return pace;
}

// Every task the plan being followed holds as done history is done in the state from it.
void expect_history_kept(const Plan& followed, const plan::ReportedState& state) {
  std::size_t undone = 0;
  for (const Assignment& a : followed.assignments)
    undone += a.reported && a.end <= followed.as_of && state.task_done[a.task.index()] == 0;
  EXPECT_EQ(undone, 0U) << "tasks done before day " << followed.as_of / kDay << " undone";
}

// The work under way is finished unless stopping it pays: all of it at once, else task by task.
void expect_stopped_only_where_it_pays(const Replanned& r) {
  const std::size_t all = r.state.under_way.size();
  EXPECT_EQ(r.stopped, r.stopped_tasks > 0);
  EXPECT_LE(r.stopped_tasks, all);
  if (r.stopped_tasks == 0) {
    EXPECT_EQ(r.chosen_objective, r.kept_objective);
    EXPECT_LE(r.kept_objective, r.stopped_objective);
  } else if (r.stopped_tasks == all) {
    EXPECT_EQ(r.chosen_objective, r.stopped_objective);
    EXPECT_LT(r.stopped_objective, r.kept_objective);
  } else {
    EXPECT_LE(r.kept_objective, r.stopped_objective) << "stopping all paid: none is weighed alone";
    EXPECT_LT(r.chosen_objective, r.kept_objective);
  }
}

void expect_valid(const Replanned& r) {
  const validate::Report rep = validate::validate_plan(r.scenario, r.tasks.tasks, r.plan);
  EXPECT_TRUE(rep.valid()) << rep.violations.size() << " violations, first: "
                           << (rep.violations.empty() ? "" : rep.violations.front());
}

// The small district planned by its rules; reports of its start at a uniform pace.
class Replan : public ::testing::Test {
 protected:
  // Reports of [0, as_of) at `pace` on every hazard (report_week).
  void report_from_start(Minutes as_of, double pace) {
    report_week(s, p.tasks, p.plan, 0, as_of, std::vector<double>(s.hazards.size(), pace), reports,
                minutes);
  }

  const Scenario s = small();
  const plan::PlanResult p =
      plan::plan_linked(s, plan::dispatch_for_objective({}, s.params.objective));
  std::vector<FieldReport> reports;
  std::vector<Minutes> minutes;
};

TEST_F(Replan, OnPlanReportsKeepTheDoneWorkAndPlanTheRestFromThere) {
  const Minutes as_of = 40 * kDay;
  report_from_start(as_of, 1.0);
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
  // The rest of the work under way, on plan, is finished by its crew when it was planned to end.
  std::map<std::uint32_t, const Assignment*> planned;
  for (const Assignment& a : p.plan.assignments) planned[a.task.value] = &a;
  EXPECT_GT(r.state.under_way.size(), 0U);
  EXPECT_EQ(r.state.done.size() + r.state.under_way.size(), r.state.kept.size());
  for (const Assignment& a : r.state.under_way) {
    EXPECT_EQ(a.crew, planned[a.task.value]->crew);
    EXPECT_EQ(a.end, planned[a.task.value]->end);
    EXPECT_GT(a.end, as_of);
  }
  // Stopped only where planning its tasks again (progress lost) pays: on this district, re-planning
  // everything from day 40 finds a better plan than the rules' first one, so it may.
  if (!r.repaired) expect_stopped_only_where_it_pays(r);
  std::size_t reported = 0;
  for (const Assignment& a : r.plan.assignments) {
    if (a.reported) {
      ++reported;
      if (a.end > as_of) {
        EXPECT_LT(a.start, as_of) << "kept work under way started before";
      }
    } else {
      EXPECT_GE(a.depart, as_of) << "new work departs before --as-of";
    }
  }
  EXPECT_EQ(reported, r.stopped ? r.state.done.size() : r.state.kept.size());
  EXPECT_EQ(r.plan.assignments.size(), p.tasks.tasks.size());
  expect_valid(r);
}

// Reports written to a whole square metre (rounded down) still finish the packages they cover.

// One field far slower than planned holds the crews under way there while the rest of the
// district is on plan: stopping all the work under way loses the progress of every crew, finishing
// it all leaves crews on the slow field; weighed task by task, stopping a few pays. (Day 20, the
// first hazard at a tenth of the planned pace, found by trying every hazard at days 20, 40 and
// 60: stopping all paid at most dates, task by task at four.)
TEST_F(Replan, StoppingPaysTaskByTaskWhereStoppingAllDoesNot) {
  const Minutes as_of = 20 * kDay;
  std::vector<double> pace(s.hazards.size(), 1.0);
  pace[0] = 0.1;
  report_week(s, p.tasks, p.plan, 0, as_of, pace, reports, minutes);
  const Replanned r = replan(s, p.tasks, p.plan, reports, minutes, as_of, 0.0);
  ASSERT_FALSE(r.repaired);
  expect_stopped_only_where_it_pays(r);
  EXPECT_GT(r.stopped_tasks, 0U);
  EXPECT_LT(r.stopped_tasks, r.state.under_way.size());
  EXPECT_LT(r.chosen_objective, std::min(r.kept_objective, r.stopped_objective))
      << r.kept_objective << " finishing all, " << r.stopped_objective << " stopping all";
  // The tasks stopped are planned again whole, from --as-of: new work, not history.
  std::size_t again = 0;
  for (const Assignment& a : r.state.under_way) {
    for (const Assignment& b : r.plan.assignments) {
      if (b.task == a.task && !b.reported) {
        ++again;
        EXPECT_GE(b.start, as_of);
      }
    }
  }
  EXPECT_EQ(again, r.stopped_tasks);
  expect_valid(r);
}
TEST_F(Replan, ReportsRoundedToAWholeSquareMetreStillFinishTheirWork) {
  const Minutes as_of = 40 * kDay;
  report_from_start(as_of, 1.0);
  double cut = 0;
  for (FieldReport& r : reports) {
    cut += r.area_cleared_m2 - std::floor(r.area_cleared_m2);
    r.area_cleared_m2 = std::floor(r.area_cleared_m2);
  }
  ASSERT_GT(cut, 1.0) << "nothing was rounded";
  const plan::ReportedState st = plan::reported_state(s, p.tasks, p.plan, reports, minutes, as_of);
  std::size_t planned_done = 0;
  for (const Assignment& a : p.plan.assignments) planned_done += a.end <= as_of ? 1 : 0;
  EXPECT_GE(st.done.size(), planned_done);
}

// A pace seen in one week's reports stands in the next re-plans: a field going at half the
// assumed pace is planned at twice the work from the first week on, neither reset to the
// scenario's factor nor compounded when the next weeks confirm it.
TEST_F(Replan, APaceSeenStaysInTheNextReplans) {
  std::vector<double> truth(s.hazards.size());
  for (std::size_t h = 0; h < truth.size(); ++h) truth[h] = 2 * s.hazards[h].work_factor;
  Plan followed = p.plan;
  std::vector<FieldReport> week_reports;
  std::vector<Minutes> week_minutes;
  std::vector<double> after_first;
  std::size_t checked = 0;
  for (int week = 1; week <= 3; ++week) {
    const Minutes from = Minutes{week - 1} * 7 * kDay, to = Minutes{week} * 7 * kDay;
    const std::size_t before = week_reports.size();
    report_week(s, p.tasks, followed, from, to, pace_against(s, followed, truth), week_reports,
                week_minutes);
    const Replanned r = replan(s, p.tasks, followed, week_reports, week_minutes, to);
    expect_valid(r);
    if (week == 1) {
      after_first = r.state.hazard_factor;
    } else {
      // Every hazard reported this week and judged twice as slow in the first.
      for (std::size_t i = before; i < week_reports.size(); ++i) {
        std::size_t h = 0;
        while (s.hazards[h].id != *week_reports[i].hazard) ++h;
        if (std::abs(after_first[h] / s.hazards[h].work_factor - 2) > 0.1) continue;
        EXPECT_NEAR(r.state.hazard_factor[h] / s.hazards[h].work_factor, 2, 0.25)
            << "week " << week << ", hazard " << s.hazards[h].id;
        ++checked;
      }
    }
    followed = r.plan;
  }
  EXPECT_GT(checked, 0U) << "no hazard was reported in two weeks";
}

// A re-plan's history stays done whatever the next reports hold: here the second week's reports
// alone, without the first week's that made the history.
TEST_F(Replan, EarlierHistoryStaysDoneWhateverTheReports) {
  const Minutes week = 7 * kDay;
  std::vector<FieldReport> first, second;
  std::vector<Minutes> first_at, second_at;
  report_week(s, p.tasks, p.plan, 0, week, std::vector<double>(s.hazards.size(), 1.0), first,
              first_at);
  const Replanned r1 = replan(s, p.tasks, p.plan, first, first_at, week);
  ASSERT_GT(r1.state.done.size(), 0U);
  expect_valid(r1);
  report_week(s, p.tasks, r1.plan, week, week + 7 * kDay,
              std::vector<double>(s.hazards.size(), 1.0), second, second_at);
  const Replanned r2 = replan(s, p.tasks, r1.plan, second, second_at, week + 7 * kDay);
  expect_history_kept(r1.plan, r2.state);
  expect_valid(r2);
}

// History made without reports (no news is the plan) leaves the area reported later to the work
// after it: a period with no report, then a week reported on plan, finishes that week's packages
// of the hazards whose earlier work was history.
TEST_F(Replan, NoNewsHistoryLeavesTheNewReportsToTheWorkAfter) {
  // (20 days: on this district, hazards with clearance finished by then and more to do in the
  // week after, none of it under way at the end of the first period.)
  const Minutes first = 20 * kDay, then = first + 7 * kDay;
  const Replanned r1 = replan(s, p.tasks, p.plan, {}, {}, first);
  ASSERT_GT(r1.state.done.size(), 0U);
  expect_valid(r1);
  std::vector<FieldReport> second;
  std::vector<Minutes> second_at;
  report_week(s, p.tasks, r1.plan, first, then, std::vector<double>(s.hazards.size(), 1.0), second,
              second_at);
  const Replanned r2 = replan(s, p.tasks, r1.plan, second, second_at, then);
  expect_history_kept(r1.plan, r2.state);
  expect_valid(r2);
  // Hazards with clearance history and none of their work under way at the first period's end.
  std::vector<char> history(s.hazards.size(), 0), under_way(s.hazards.size(), 0);
  for (const Assignment& a : r1.plan.assignments) {
    const Task& k = p.tasks.tasks[a.task.index()];
    if (!k.hazard.valid() || k.kind == TaskKind::kSurvey || k.kind == TaskKind::kMechanical)
      continue;
    if (a.reported && a.end <= first) history[k.hazard.index()] = 1;
    if (a.reported && a.end > first) under_way[k.hazard.index()] = 1;
  }
  std::size_t checked = 0;
  for (const Assignment& a : r1.plan.assignments) {
    const Task& k = p.tasks.tasks[a.task.index()];
    if (a.reported || !k.hazard.valid() || k.kind == TaskKind::kSurvey ||
        k.kind == TaskKind::kMechanical)
      continue;
    const std::size_t h = k.hazard.index();
    if (history[h] == 0 || under_way[h] != 0 || a.start < first || a.end > then) continue;
    EXPECT_NE(r2.state.task_done[a.task.index()], 0)
        << "task " << a.task.value << " of " << s.hazards[h].id << ", planned day "
        << a.start / kDay << " to " << a.end / kDay << ", reported, not done";
    ++checked;
  }
  EXPECT_GT(checked, 0U) << "no hazard has history and work within the week after";
}

TEST_F(Replan, WeeklyReportsOfASlowerFieldReplanEveryWeekAndEveryPlanValidates) {
  Plan followed = p.plan;
  Scenario district = s;
  std::vector<FieldReport> week_reports;
  std::vector<Minutes> week_minutes;
  bool slower_noted = false;
  // The field clears at 60 % of the pace assumed.
  std::vector<double> truth(s.hazards.size());
  for (std::size_t h = 0; h < truth.size(); ++h) truth[h] = s.hazards[h].work_factor / 0.6;
  for (int week = 1; week <= 6; ++week) {
    const Minutes from = Minutes{week - 1} * 7 * kDay, to = Minutes{week} * 7 * kDay;
    report_week(s, p.tasks, followed, from, to, pace_against(s, followed, truth), week_reports,
                week_minutes);
    const Replanned r = replan(s, p.tasks, followed, week_reports, week_minutes, to);
    expect_valid(r);
    expect_history_kept(followed, r.state);
    for (const auto& n : r.state.notes)
      slower_noted = slower_noted || n.find("slower") != std::string::npos;
    followed = r.plan;
  }
  EXPECT_TRUE(slower_noted) << "a field slower than planned is noted";
}

// The field as a drawn truth of its hazards (how much work each turns out to hold; crews, assets
// and weather as assumed, since the reports speak of hazards only), reported week by week; the
// district re-planned each week until every task is reported done. The outcome is compared with
// keeping the original plan whatever the field shows: its decisions executed against the same
// truth (the sequence executor with least-travel trips, which gives the original plan back when
// the truth is as assumed: tests/plan/sequence).
TEST_F(Replan, WeeklyReplanningUnderADrawnTruthEndsNoWorseThanKeepingThePlan) {
  const std::size_t n = p.tasks.tasks.size();
  for (const std::uint64_t seed : {3U, 4U}) {
    Truth truth = plan::draw_truth(s, seed);
    std::fill(truth.crew_factor.begin(), truth.crew_factor.end(), 1.0);
    std::fill(truth.asset_factor.begin(), truth.asset_factor.end(), 1.0);
    std::fill(truth.housing_factor.begin(), truth.housing_factor.end(), 1.0);
    truth.weather_factor.fill(1.0);
    Scenario field = s;
    apply_truth(field, truth);
    std::vector<double> true_factor(s.hazards.size());
    double slowest = 1, fastest = 1;
    for (std::size_t h = 0; h < true_factor.size(); ++h) {
      true_factor[h] = field.hazards[h].work_factor;
      const double pace = s.hazards[h].work_factor / true_factor[h];
      slowest = std::min(slowest, pace);
      fastest = std::max(fastest, pace);
    }
    ASSERT_LT(slowest, 0.8) << "the truth is as planned: nothing to compare";
    // Keeping the plan.
    TaskSet field_tasks = p.tasks;
    plan::set_efforts(field_tasks, field);
    plan::sequence::Executor exec(field, field_tasks,
                                  plan::sequence::least_travel_kmh(field.roads));
    const plan::sequence::Execution kept =
        exec.run(plan::sequence::sequences_of(p.plan, s.crews.size()));
    ASSERT_TRUE(kept.complete) << kept.why;
    const validate::Report kept_rep = validate::validate_plan(field, field_tasks.tasks, kept.plan);
    EXPECT_TRUE(kept_rep.valid()) << kept_rep.violations.front();
    const double kept_days = plan::evaluate(field, field_tasks, kept.plan).people_days_displaced;
    // Re-planning every week.
    Plan followed = p.plan;
    std::vector<FieldReport> week_reports;
    std::vector<Minutes> week_minutes;
    double replanned_days = -1;
    int weeks = 0, finished = 0, stopped = 0, repaired = 0;
    for (int week = 1; week <= 260 && replanned_days < 0; ++week) {
      const Minutes from = Minutes{week - 1} * 7 * kDay, to = Minutes{week} * 7 * kDay;
      report_week(s, p.tasks, followed, from, to, pace_against(s, followed, true_factor),
                  week_reports, week_minutes);
      const Replanned r = replan(s, p.tasks, followed, week_reports, week_minutes, to);
      expect_valid(r);
      expect_history_kept(followed, r.state);
      if (!r.state.under_way.empty()) ++(r.stopped ? stopped : finished);
      repaired += r.repaired ? 1 : 0;
      followed = r.plan;
      weeks = week;
      if (r.state.done.size() == n)
        replanned_days = plan::evaluate(r.scenario, r.tasks, r.plan).people_days_displaced;
    }
    ASSERT_GE(replanned_days, 0) << "not all done after " << weeks << " weeks";
    std::printf(
        "truth %llu (pace %.2f to %.2f): %d weekly re-plans; people-days displaced "
        "%.0f re-planned, %.0f kept, %.0f planned; work under way finished in %d weeks, "
        "stopped in %d; the plan kept, re-timed, in %d\n",
        static_cast<unsigned long long>(seed), slowest, fastest, weeks, replanned_days, kept_days,
        plan::evaluate(s, p.tasks, p.plan).people_days_displaced, finished, stopped, repaired);
    EXPECT_LE(replanned_days, kept_days) << "truth " << seed;
    EXPECT_GT(finished, 0) << "no week finished its work under way";
  }
}

// The repair: with a stability that outweighs what re-dispatching gains, each crew keeps the rest
// of its tasks in their order, re-timed from the reported state (here a field at 70 % of the
// planned pace), the work under way finished; the plan validates from that state.
TEST_F(Replan, AStableReplanKeepsEachCrewsTasksInOrderRetimed) {
  const Minutes as_of = 30 * kDay;
  report_from_start(as_of, 0.7);
  const Replanned r = replan(s, p.tasks, p.plan, reports, minutes, as_of, 50.0);
  ASSERT_TRUE(r.repaired);
  expect_valid(r);
  std::map<std::uint32_t, const Assignment*> planned;
  for (const Assignment& a : p.plan.assignments) planned[a.task.value] = &a;
  std::map<std::uint32_t, std::vector<std::pair<Minutes, std::uint32_t>>> order_before, order_after;
  std::size_t later = 0;
  for (const Assignment& a : r.plan.assignments) {
    EXPECT_EQ(a.crew, planned[a.task.value]->crew) << "task " << a.task.value << " moved";
    if (a.reported) continue;
    EXPECT_GE(a.depart, as_of);
    later += a.end > planned[a.task.value]->end ? 1 : 0;
    order_after[a.crew.value].emplace_back(a.start, a.task.value);
    order_before[a.crew.value].emplace_back(planned[a.task.value]->start, a.task.value);
  }
  for (auto* o : {&order_before, &order_after}) {
    for (auto& [c, v] : *o) std::sort(v.begin(), v.end());
  }
  for (const auto& [c, v] : order_after) {
    ASSERT_EQ(v.size(), order_before[c].size());
    for (std::size_t i = 0; i < v.size(); ++i)
      EXPECT_EQ(v[i].second, order_before[c][i].second) << "crew " << c << " changed its order";
  }
  EXPECT_GT(later, 0U) << "a slower field delays some of the rest";
}

// Crew-days lost explain a slow field: reported at half the planned pace with half the planned
// crew-days lost, the rest is planned at the scenario's pace (no "slower" note); without the lost
// days, twice as slow.
TEST_F(Replan, CrewDaysLostAreNotCountedAsASlowerField) {
  const Minutes as_of = 40 * kDay;
  report_from_start(as_of, 0.5);
  ASSERT_FALSE(reports.empty());
  const plan::ReportedState slow =
      plan::reported_state(s, p.tasks, p.plan, reports, minutes, as_of);
  // Each hazard's crew-days planned by as_of; half of them lost.
  std::map<std::string, double> planned_days;
  for (const Assignment& a : p.plan.assignments) {
    const Task& k = p.tasks.tasks[a.task.index()];
    if (!k.hazard.valid() || k.kind == TaskKind::kSurvey || k.kind == TaskKind::kMechanical ||
        a.start >= as_of)
      continue;
    planned_days[s.hazards[k.hazard.index()].id] +=
        static_cast<double>(std::min(as_of, a.end) - a.start) / kDay;
  }
  for (FieldReport& r : reports) r.crew_days_lost = planned_days[*r.hazard] / 2;
  const plan::ReportedState lost =
      plan::reported_state(s, p.tasks, p.plan, reports, minutes, as_of);
  std::size_t slower = 0, explained = 0;
  for (const FieldReport& r : reports) {
    const std::size_t h =
        static_cast<std::size_t>(std::find_if(s.hazards.begin(), s.hazards.end(),
                                              [&](const Hazard& z) { return z.id == *r.hazard; }) -
                                 s.hazards.begin());
    if (!(slow.hazard_factor[h] > 1.5 * s.hazards[h].work_factor)) continue;
    ++slower;
    if (std::abs(lost.hazard_factor[h] - s.hazards[h].work_factor) <
        0.06 * s.hazards[h].work_factor)
      ++explained;
  }
  EXPECT_GT(slower, 0U) << "half the pace reads as a slower field";
  EXPECT_EQ(explained, slower) << "lost crew-days explain it";
  bool noted = false;
  for (const auto& n : lost.notes) noted = noted || n.find("crew-days lost") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST_F(Replan, BadReportsAreRefusedByName) {
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

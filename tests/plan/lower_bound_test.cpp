// The lower bound on people-days without access (src/plan/lower_bound.hpp) is valid: never above
// the value of a plan the validator accepts. Checked (a) against hand-computed bounds on ASCII-map
// fixtures, (b) against both dispatch rules on random small districts, task by task and settlement
// by settlement, and (c) against the optimum of tiny random scenarios solved exhaustively. Every
// plan made here passes the independent validator.
#include "plan/lower_bound.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

#include "ascii_map.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "random_district.hpp"
#include "validate/validate.hpp"

namespace gw {
namespace {

void expect_valid(const Scenario& s, const TaskSet& ts, const Plan& p, double people_days) {
  const validate::Report rep = validate::validate_plan(s, ts.tasks, p);
  ASSERT_TRUE(rep.valid()) << rep.violations.size()
                           << " violations, first: " << rep.violations.front();
  ASSERT_NEAR(rep.measures.people_days_without_access, people_days,
              1e-6 * std::max(1.0, people_days));
}

// Every per-item bound is at most what the plan achieved.
void expect_below(const plan::LowerBound& lb, const Evaluation& ev) {
  ASSERT_EQ(lb.task_end.size(), ev.task_end.size());
  for (std::size_t t = 0; t < lb.task_end.size(); ++t)
    ASSERT_LE(lb.task_end[t], ev.task_end[t]) << "task " << t;
  for (std::size_t e = 0; e < lb.edge_open.size(); ++e)
    ASSERT_LE(lb.edge_open[e], ev.edge_open[e]) << "edge " << e;
  for (std::size_t i = 0; i < lb.settlement_access.size(); ++i) {
    ASSERT_LE(lb.settlement_access[i], ev.settlement_access[i]) << "settlement " << i;
  }
  ASSERT_LE(lb.people_days, ev.people_days_without_access * (1 + 1e-12));
}

plan::PlanResult plan_checked(const Scenario& s, plan::Rule rule) {
  plan::DispatchOptions opt;
  opt.rule = rule;
  plan::PlanResult r = plan::plan_linked(s, opt);
  EXPECT_TRUE(r.unassigned.empty());
  expect_valid(s, r.tasks, r.plan, r.evaluation.people_days_without_access);
  return r;
}

// The clearance duration of one corridor package of the fixtures (built-up terrain, manual rate
// 20 m²/person/day × 0.6) by a manual crew of `people`, in minutes, from its exact work.
Minutes manual_minutes(double work, int people) {
  return static_cast<Minutes>(std::ceil(work / (people * 12.0) * 1440.0 * 7.0 / 6.0 - 1e-4));
}

double corridor_work(const TaskSet& ts, std::size_t nth) {
  std::size_t seen = 0;
  for (const Task& t : ts.tasks) {
    if (t.corridor_edge.valid() && seen++ == nth) return t.work;
  }
  ADD_FAILURE() << "no corridor task " << nth;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// (a) Hand-computed bounds.

TEST(LowerBound, OneHazardOneCrew) {
  // The crew walks 400 m from H to a (40 s: 1 min) and clears the 30 m × 20 m corridor part of the
  // hazard on a–B; the land part is not on any path.
  auto m = test::build_ascii_map({"H---a-#-B"}, {{'B', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  const double work = corridor_work(ts, 0);
  EXPECT_NEAR(work, 600.0, 1.0);
  const plan::LowerBound lb = plan::lower_bound(m.scenario, ts);
  const Minutes want = 1 + manual_minutes(work, 10);
  EXPECT_EQ(lb.settlement_access[0], want);
  EXPECT_EQ(lb.access_by_chain[0], want);
  EXPECT_DOUBLE_EQ(lb.people_days, 500.0 * minutes_to_days(want));
  for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
    expect_below(lb, plan_checked(m.scenario, rule).evaluation);
  }
  // The impact rule clears the corridor first: the bound is reached, give or take the minute by
  // which the planner rounds a duration up when the overlap area is a hair over 600 m².
  EXPECT_NEAR(plan_checked(m.scenario, plan::Rule::kImpact).evaluation.people_days_without_access,
              lb.people_days + 500.0 / 1440 / 2, 500.0 / 1440 / 2 + 1e-9);
}

TEST(LowerBound, FarSideWaitsForTheNearRoad) {
  // The a–B corridor can only be reached through a, once H–a is open: 0 + d, then 40 s of travel
  // (1 min), then d again.
  auto m = test::build_ascii_map({"H-#-a-#-B"}, {{'B', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  const plan::LowerBound lb = plan::lower_bound(m.scenario, ts);
  const Minutes want =
      manual_minutes(corridor_work(ts, 0), 10) + 1 + manual_minutes(corridor_work(ts, 1), 10);
  EXPECT_EQ(lb.settlement_access[0], want);
  // The work bound alone gives the two durations without the minute of travel.
  EXPECT_LT(lb.access_by_work[0], want);
  EXPECT_GE(lb.access_by_work[0], want - 3);
  for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
    expect_below(lb, plan_checked(m.scenario, rule).evaluation);
  }
}

TEST(LowerBound, OneCrewCannotClearTwoCorridorsAtOnce) {
  // Two hazards on the same edge. Each alone takes d; the chain bound says 1 + d, but one crew
  // must do both: the work bound says 1 + 2d (the earliest start, 1 min, plus the pooled work).
  auto one = test::build_ascii_map({"H---a-#-#-B"}, {{'B', 500}});
  auto two = one;
  one.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  two.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  two.scenario.crews.push_back(test::make_crew("M2", Trade::kManual, 10, "H"));
  for (auto* m : {&one, &two}) plan::link_scenario(m->scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(one.scenario);
  const double w0 = corridor_work(ts, 0), w1 = corridor_work(ts, 1);
  const plan::LowerBound lb1 = plan::lower_bound(one.scenario, ts);
  const plan::LowerBound lb2 = plan::lower_bound(two.scenario, ts);
  const Minutes chain = 1 + std::max(manual_minutes(w0, 10), manual_minutes(w1, 10));
  EXPECT_EQ(lb1.access_by_chain[0], chain);
  EXPECT_EQ(lb2.access_by_chain[0], chain);
  const double pooled1 =
      (w0 + w1) / 120.0 * 1440.0 * 7.0 / 6.0;  // one crew of 10 at 12 m²/day each
  EXPECT_NEAR(static_cast<double>(lb1.settlement_access[0]), 1 + pooled1, 1.0);
  EXPECT_EQ(lb2.settlement_access[0], chain);  // two crews: the pooled work takes d again
  for (auto* m : {&one, &two}) {
    for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
      const auto r = plan_checked(m->scenario, rule);
      expect_below(m == &one ? lb1 : lb2, r.evaluation);
    }
  }
}

TEST(LowerBound, SurveyComesFirst) {
  // A suspected hazard (never cancelled here): the survey team (4 × 25,000 m²/day) walks 1 min and
  // surveys 900 m² in ceil(15.12) = 16 min; clearance follows.
  auto m = test::build_ascii_map({"H---a-#-B"}, {{'B', 500}}, HazardStatus::kSuspected);
  m.scenario.crews.push_back(test::make_crew("S1", Trade::kSurvey, 4, "H"));
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 10, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  const plan::LowerBound lb = plan::lower_bound(m.scenario, ts);
  const Minutes survey = 1 + 16;
  ASSERT_EQ(ts.tasks[0].kind, TaskKind::kSurvey);
  EXPECT_EQ(lb.task_end[0], survey);
  EXPECT_EQ(lb.settlement_access[0], survey + manual_minutes(corridor_work(ts, 0), 10));
  for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
    expect_below(lb, plan_checked(m.scenario, rule).evaluation);
  }
}

TEST(LowerBound, TheBestOfTwoRoutes) {
  // B is reached either through the hazard on a–B or through c–d–B, whose hazard is cleared by a
  // crew twice as large: the bottleneck takes the faster route.
  auto m = test::build_ascii_map({"H---a-#-B",  //
                                  "|       |",  //
                                  "c---#---d"},
                                 {{'B', 500}});
  m.scenario.crews.push_back(test::make_crew("M1", Trade::kManual, 20, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  const plan::LowerBound lb = plan::lower_bound(m.scenario, ts);
  // Both corridors are 1 min of travel from H (a: 40 s; c: 20 s), both 600 m².
  const Minutes want = 1 + std::min(manual_minutes(corridor_work(ts, 0), 20),
                                    manual_minutes(corridor_work(ts, 1), 20));
  EXPECT_EQ(lb.settlement_access[0], want);
  for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
    expect_below(lb, plan_checked(m.scenario, rule).evaluation);
  }
}

TEST(LowerBound, OpenRoadsAndImpossibleWork) {
  // A is connected at day 0; B only through a hazard no crew can clear (power brigades only).
  auto m = test::build_ascii_map({"A---H---a-#-B"}, {{'A', 70}, {'B', 300}});
  m.scenario.crews.push_back(test::make_crew("P1", Trade::kPower, 20, "H"));
  plan::link_scenario(m.scenario, "fixture");
  const TaskSet ts = plan::generate_tasks(m.scenario);
  const plan::LowerBound lb = plan::lower_bound(m.scenario, ts);
  EXPECT_EQ(lb.settlement_access[0], 0);
  EXPECT_EQ(lb.settlement_access[1], kNever);
  EXPECT_DOUBLE_EQ(lb.people_days, 300.0 * m.scenario.params.horizon_days);
  EXPECT_EQ(gap_percent(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(gap_percent(200, 150), 25.0);
}

// ---------------------------------------------------------------------------------------------
// (b) Random small districts: below both dispatch rules, item by item.

TEST(LowerBound, BelowBothRulesOnRandomSmallDistricts) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Scenario s = test::random_small_district(seed);
    plan::link_scenario(s, "generated");
    const TaskSet ts = plan::generate_tasks(s);
    const plan::LowerBound lb = plan::lower_bound(s, ts);
    for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
      const plan::PlanResult r = plan_checked(s, rule);
      expect_below(lb, r.evaluation);
      // Positive exactly when some settlement is cut off at day 0 (every task lasts a minute or
      // more).
      EXPECT_EQ(lb.people_days > 0, r.evaluation.people_days_without_access > 0);
      EXPECT_GE(gap_percent(r.evaluation.people_days_without_access, lb.people_days), 0.0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// (c) Tiny random scenarios solved exhaustively.
//
// The exhaustive solver enumerates every order of the tasks that respects precedence, every
// capable crew for each task and every end of its site edge as the entry, and schedules each task
// in that order as early as possible: after its crew's previous task and its predecessors, leaving
// at the crew's free time or at any later time an edge opens, over the edges whose blockers are all
// scheduled already (their opening time is then final). Any valid plan, its tasks taken in start
// order with its crews and entries, is matched or beaten task by task by this schedule (blockers of
// an edge a crew uses end before it departs, so they come earlier in that order; all times only
// move earlier), and people-days never grow when tasks end earlier: the minimum over the
// enumeration is the optimum over all valid plans.

class Exhaustive {
 public:
  Exhaustive(const Scenario& s, const TaskSet& ts) : s_(s), ts_(ts), net_(s.roads) {}

  // Calls visit(plan) for every distinct plan.
  template <typename Visit>
  void run(Visit&& visit) {
    const std::size_t n = ts_.tasks.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::set<std::vector<Minutes>> seen;
    do {
      if (!respects_precedence(order)) continue;
      std::vector<std::size_t> crew(n, 0), entry(n, 0);
      std::vector<std::vector<std::size_t>> options(n);
      for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t c = 0; c < s_.crews.size(); ++c) {
          if (plan::daily_rate(s_, s_.crews[c], ts_.tasks[t]) > 0) options[t].push_back(c);
        }
        if (options[t].empty()) return;  // no plan assigns every task
      }
      // Odometer over (crew option, entry end) per task.
      std::vector<std::size_t> digit(n, 0);
      while (true) {
        for (std::size_t t = 0; t < n; ++t) {
          crew[t] = options[t][digit[t] / 2];
          entry[t] = digit[t] % 2;
        }
        Plan p;
        if (schedule(order, crew, entry, p)) {
          std::vector<Minutes> key;
          for (const Assignment& a : p.assignments) {
            key.insert(key.end(),
                       {static_cast<Minutes>(a.task.value), static_cast<Minutes>(a.crew.value),
                        a.depart, a.start, a.end, static_cast<Minutes>(a.entry_node.value)});
          }
          if (seen.insert(key).second) visit(p);
        }
        std::size_t k = 0;
        while (k < n && ++digit[k] == 2 * options[k].size()) digit[k++] = 0;
        if (k == n) break;
      }
    } while (std::next_permutation(order.begin(), order.end()));
  }

 private:
  bool respects_precedence(const std::vector<std::size_t>& order) const {
    std::vector<std::size_t> pos(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) pos[order[i]] = i;
    for (std::size_t t = 0; t < order.size(); ++t) {
      for (const TaskId* p = ts_.preds.begin(t); p != ts_.preds.end(t); ++p) {
        if (pos[p->index()] > pos[t]) return false;
      }
    }
    return true;
  }

  // Least travel seconds from a to b over edges open (final) at time `at`; -1 when none.
  Seconds travel(NodeId a, NodeId b, Minutes at, const std::vector<Minutes>& open) const {
    std::vector<Seconds> d(net_.num_nodes(), -1);
    std::vector<char> done(net_.num_nodes(), 0);
    d[a.index()] = 0;
    for (std::size_t round = 0; round < net_.num_nodes(); ++round) {
      std::size_t u = net_.num_nodes();
      for (std::size_t v = 0; v < net_.num_nodes(); ++v) {
        if (!done[v] && d[v] >= 0 && (u == net_.num_nodes() || d[v] < d[u])) u = v;
      }
      if (u == net_.num_nodes()) break;
      done[u] = 1;
      for (auto i = net_.adj_offset[u]; i < net_.adj_offset[u + 1]; ++i) {
        const EdgeId e = net_.adj_edge[i];
        if (open[e.index()] > at) continue;
        const std::size_t v = net_.other_end(e, NodeId::from_index(u)).index();
        const Seconds nd = d[u] + net_.edge_travel_s(e);
        if (d[v] < 0 || nd < d[v]) d[v] = nd;
      }
    }
    return d[b.index()];
  }

  bool schedule(const std::vector<std::size_t>& order, const std::vector<std::size_t>& crew,
                const std::vector<std::size_t>& entry, Plan& p) const {
    const std::size_t n = ts_.tasks.size();
    std::vector<Minutes> end(n, kNever), open(net_.num_edges(), kNever);
    std::vector<std::size_t> left(net_.num_edges());
    for (std::size_t e = 0; e < net_.num_edges(); ++e) {
      left[e] = ts_.edge_blockers.count(e);
      if (left[e] == 0) open[e] = 0;
    }
    std::vector<Minutes> free(s_.crews.size(), 0);
    std::vector<NodeId> at(s_.crews.size());
    for (std::size_t c = 0; c < s_.crews.size(); ++c) at[c] = s_.crews[c].base_node;
    for (std::size_t t : order) {
      const std::size_t c = crew[t];
      const EdgeId site = ts_.tasks[t].site_edge;
      const NodeId to = entry[t] == 0 ? net_.edge_from[site.index()] : net_.edge_to[site.index()];
      Minutes ready = 0;
      for (const TaskId* q = ts_.preds.begin(t); q != ts_.preds.end(t); ++q)
        ready = std::max(ready, end[q->index()]);
      std::vector<Minutes> departs{free[c]};
      for (Minutes o : open) {
        if (o != kNever && o > free[c]) departs.push_back(o);
      }
      Minutes best_start = kNever, best_depart = 0, best_travel = 0;
      for (Minutes dep : departs) {
        const Seconds sec = travel(at[c], to, dep, open);
        if (sec < 0) continue;
        const Minutes tr = (sec + 59) / 60;
        const Minutes start = std::max(dep + tr, ready);
        if (start < best_start) {
          best_start = start;
          best_depart = dep;
          best_travel = tr;
        }
      }
      if (best_start == kNever) return false;
      Assignment a;
      a.task = TaskId::from_index(t);
      a.crew = CrewId::from_index(c);
      a.depart = best_depart;
      a.start = best_start;
      a.end = plan::Calendar(s_.params).end_of(
          s_.crews[c].trade, best_start, plan::need_percent_minutes(s_, s_.crews[c], ts_.tasks[t]));
      a.from_node = at[c];
      a.entry_node = to;
      a.travel_min = best_travel;
      p.assignments.push_back(a);
      end[t] = a.end;
      free[c] = a.end;
      at[c] = to;
      for (std::size_t e = 0; e < net_.num_edges(); ++e) {
        for (const TaskId* b = ts_.edge_blockers.begin(e); b != ts_.edge_blockers.end(e); ++b) {
          if (b->index() == t && --left[e] == 0) {
            open[e] = 0;
            for (const TaskId* x = ts_.edge_blockers.begin(e); x != ts_.edge_blockers.end(e); ++x) {
              open[e] = std::max(open[e], end[x->index()]);
            }
          }
        }
      }
    }
    std::stable_sort(p.assignments.begin(), p.assignments.end(),
                     [](const Assignment& a, const Assignment& b) {
                       return std::pair(a.crew.value, a.start) < std::pair(b.crew.value, b.start);
                     });
    p.rule = "exhaustive";
    return true;
  }

  const Scenario& s_;
  const TaskSet& ts_;
  const RoadNetwork& net_;
};

// A random tiny scenario: one of three small maps, up to three hazards on its roads (suspected ones
// need a survey team), perhaps a damaged road section, at most five tasks and at most two crews
// that between them can do every task, based at the hub or at a settlement.
Scenario tiny_scenario(std::mt19937_64& rng) {
  const std::vector<std::vector<std::string>> maps = {
      {"H---a---b---C"},
      {"H---a---B", "|       |", "c-------d"},
      {"A---H---b---C", "    |", "    D"},
  };
  // Hazard slots: (map, row, column) in the middle of a road.
  const std::vector<std::vector<std::pair<std::size_t, std::size_t>>> slots = {
      {{0, 2}, {0, 6}, {0, 10}},
      {{0, 2}, {0, 6}, {1, 0}, {1, 8}, {2, 4}},
      {{0, 2}, {0, 6}, {0, 10}, {1, 4}},
  };
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::size_t k = pick(maps.size());
  std::vector<std::string> rows = maps[k];
  auto places = slots[k];
  std::shuffle(places.begin(), places.end(), rng);
  const std::size_t hazards = 1 + pick(3);
  std::vector<bool> suspected;
  std::size_t tasks = 0;
  for (std::size_t h = 0; h < hazards; ++h) {
    const bool sus = pick(2) == 0;
    if (tasks + (sus ? 2 : 1) > 5) break;
    tasks += sus ? 2 : 1;
    rows[places[h].first][places[h].second] = '#';
    suspected.push_back(sus);
  }
  std::map<char, std::int64_t> pop;
  for (char ch : std::string("ABCD")) pop[ch] = 50 + static_cast<std::int64_t>(pick(1000));
  auto m = test::build_ascii_map(rows, pop);
  Scenario s = m.scenario;
  // A corridor 40 m wide holds the whole 30 m hazard: no land packages, only corridor work.
  s.params.corridor_width_m = 40;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    s.hazards[h].status = suspected[h] ? HazardStatus::kSuspected : HazardStatus::kConfirmed;
  }
  const bool survey = std::find(suspected.begin(), suspected.end(), true) != suspected.end();
  bool repair = false;
  if (!survey && tasks < 5 && pick(2) == 0) {
    // A crater in the middle of a random edge.
    const std::size_t e = pick(s.roads.num_edges());
    const LonLat a = s.roads.node_pos[s.roads.edge_from[e].index()],
                 b = s.roads.node_pos[s.roads.edge_to[e].index()];
    Asset crater;
    crater.id = "R1";
    crater.kind = AssetKind::kRoadSection;
    crater.trade = Trade::kRoad;
    crater.quantity = 20.0 + static_cast<double>(pick(200));
    crater.geometry = {{(a.lon + b.lon) / 2, (a.lat + b.lat) / 2}};
    s.assets.push_back(crater);
    repair = true;
  }
  // Crews that between them can do every task: survey and clearance, clearance and repair, or one
  // or two clearance crews.
  std::vector<Trade> trades;
  if (survey) trades.push_back(Trade::kSurvey);
  trades.push_back(pick(2) == 0 ? Trade::kManual : Trade::kDog);
  if (repair) trades.push_back(Trade::kRoad);
  if (trades.size() == 1 && pick(2) == 0)
    trades.push_back(pick(2) == 0 ? Trade::kManual : Trade::kDog);
  std::vector<std::string> bases = {"H"};
  for (const Settlement& st : s.settlements) bases.push_back(st.id);
  for (std::size_t c = 0; c < trades.size(); ++c) {
    Crew crew = test::make_crew("C" + std::to_string(c + 1), trades[c],
                                2 + static_cast<int>(pick(10)), bases[pick(bases.size())]);
    crew.productivity_factor = 0.7 + 0.1 * static_cast<double>(pick(7));
    s.crews.push_back(crew);
  }
  return s;
}

TEST(LowerBound, NeverAboveTheOptimumOfTinyScenarios) {
  std::mt19937_64 rng(20270401);
  std::size_t solved = 0, tight = 0, plans = 0, task_total = 0, two_crews = 0;
  for (int round = 0; round < 150 && solved < 60; ++round) {
    Scenario s = tiny_scenario(rng);
    plan::link_scenario(s, "tiny");
    const TaskSet ts = plan::generate_tasks(s);
    if (ts.tasks.empty() || ts.tasks.size() > 5) continue;
    bool every_task_doable = true;
    for (const Task& t : ts.tasks) {
      bool any = false;
      for (const Crew& c : s.crews) any = any || plan::daily_rate(s, c, t) > 0;
      every_task_doable = every_task_doable && any;
    }
    if (!every_task_doable) continue;
    SCOPED_TRACE("round " + std::to_string(round));
    const plan::LowerBound lb = plan::lower_bound(s, ts);
    double best = std::numeric_limits<double>::infinity();
    std::size_t count = 0;
    Exhaustive(s, ts).run([&](const Plan& p) {
      const Evaluation ev = plan::evaluate(s, ts, p);
      expect_valid(s, ts, p, ev.people_days_without_access);
      expect_below(lb, ev);
      best = std::min(best, ev.people_days_without_access);
      ++count;
    });
    if (count == 0) {
      // No valid plan: some crew can only reach its work through roads that wait for that work
      // (a road brigade based behind a hazard that only it can open the way to, say). The
      // dispatcher cannot assign everything either, and the validator rejects its plan for that
      // alone.
      const plan::PlanResult r = plan::plan_linked(s, plan::DispatchOptions{});
      EXPECT_FALSE(r.unassigned.empty());
      const validate::Report rep = validate::validate_plan(s, ts.tasks, r.plan);
      EXPECT_EQ(rep.violations.size(), r.unassigned.size());
      for (const auto& v : rep.violations)
        EXPECT_NE(v.find("not assigned"), std::string::npos) << v;
      continue;
    }
    plans += count;
    ++solved;
    task_total += ts.tasks.size();
    two_crews += s.crews.size() == 2 ? 1 : 0;
    EXPECT_LE(lb.people_days, best * (1 + 1e-12));
    if (lb.people_days >= best * (1 - 1e-9)) ++tight;
    // The enumeration is exhaustive: no dispatch rule beats its optimum.
    for (plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
      EXPECT_GE(plan_checked(s, rule).evaluation.people_days_without_access, best * (1 - 1e-12));
    }
  }
  EXPECT_GE(solved, 50U);
  // Not an assertion of quality, but a record of it in the test log.
  std::printf(
      "solved %zu tiny scenarios exhaustively (%zu tasks, %zu with two crews; %zu distinct valid "
      "plans); bound = optimum in %zu\n",
      solved, task_total, two_crews, plans, tight);
}

}  // namespace
}  // namespace gw

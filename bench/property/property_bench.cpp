// Properties at scale (issue 17): plans N random small scenarios, each with both dispatch rules and
// a short optimiser run, and checks every plan with the independent validator:
// - every plan is valid, and the validator's people-days and objective equal the planner's;
// - the optimiser's plan is no worse than the better rule (it starts from it);
// - the lower bound is at most the plan's people-days;
// - the feasibility check up front names exactly the tasks the dispatcher leaves unassigned
//   (crews of random trades are removed from some scenarios to make this bite).
// The scenarios vary scale, seed, NTS cancellation, work-package size, objective and look-ahead.
// Prints one line per failure and a summary; exits 1 on any failure.
//   property_bench [--count N] [--seed S] [--evaluations E]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "gen/district.hpp"
#include "model/error.hpp"
#include "plan/feasibility.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace {

using namespace gw;

bool close(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

struct Counters {
  std::size_t scenarios = 0, plans = 0, infeasible = 0, failures = 0;
};

void fail(Counters& c, std::uint64_t seed, const std::string& what) {
  ++c.failures;
  std::printf("FAIL seed %llu: %s\n", static_cast<unsigned long long>(seed), what.c_str());
}

// A random small scenario for a seed (not linked).
Scenario random_scenario(std::uint64_t seed, bool& trimmed) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 17);
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<>(a, b)(rng); };
  gen::DistrictOptions o;
  o.scale = uniform(0.01, 0.05);
  o.seed = seed;
  Scenario s = gen::generate_district(o);
  s.params.nts_cancel_share = uniform(0, 0.6);
  s.params.work_package_m2 = uniform(2000, 20000);
  s.params.objective.kind = static_cast<ObjectiveKind>(rng() % kObjectiveKindNames.size());
  // One scenario in eight loses every crew of a random trade.
  trimmed = rng() % 8 == 0;
  if (trimmed) {
    const auto gone = static_cast<Trade>(rng() % kTradeCount);
    std::erase_if(s.crews, [&](const Crew& c) { return c.trade == gone; });
  }
  return s;
}

// Validates one plan and compares the validator's measures with the planner's.
void check_plan(Counters& c, std::uint64_t seed, const std::string& label, const Scenario& s,
                const plan::PlanResult& r) {
  ++c.plans;
  const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
  if (!rep.valid()) {
    fail(c, seed,
         label + ": " + std::to_string(rep.violations.size()) +
             " violations, first: " + rep.violations.front());
    return;
  }
  if (!close(rep.measures.people_days_without_access, r.evaluation.people_days_without_access)) {
    fail(c, seed,
         label + ": people-days differ (validator " +
             std::to_string(rep.measures.people_days_without_access) + ", planner " +
             std::to_string(r.evaluation.people_days_without_access) + ")");
  }
  if (!close(rep.measures.objective, r.evaluation.objective)) {
    fail(c, seed,
         label + ": objective differs (validator " + std::to_string(rep.measures.objective) +
             ", planner " + std::to_string(r.evaluation.objective) + ")");
  }
}

void run_one(Counters& c, std::uint64_t seed, std::uint64_t evaluations) {
  bool trimmed = false;
  Scenario s = random_scenario(seed, trimmed);
  plan::link_scenario(s, "random");
  ++c.scenarios;
  const TaskSet ts = plan::generate_tasks(s);
  const plan::FeasibilityReport feas = plan::check_feasibility(s, ts);
  if (!feas.feasible()) ++c.infeasible;
  std::vector<TaskId> reported;
  for (const auto& it : feas.tasks) reported.push_back(it.task);

  double best_rule = 0;
  for (const plan::Rule rule : {plan::Rule::kNearest, plan::Rule::kImpact}) {
    plan::DispatchOptions d = plan::dispatch_for_objective({}, s.params.objective);
    d.rule = rule;
    d.look_ahead = (seed & 1U) != 0;
    const plan::PlanResult r = plan::plan_linked(s, d);
    const std::string label(plan::rule_name(rule));
    std::vector<TaskId> unassigned = r.unassigned;
    std::sort(unassigned.begin(), unassigned.end());
    if (unassigned != reported) {
      fail(c, seed,
           label + ": " + std::to_string(unassigned.size()) +
               " tasks unassigned, the feasibility check named " + std::to_string(reported.size()));
    }
    // A scenario with tasks no crew can do has no valid plan (the validator names the tasks left
    // out); `plan` stops before planning it. Here the property is that the check up front names
    // exactly those tasks.
    if (feas.feasible()) check_plan(c, seed, label, s, r);
    best_rule = rule == plan::Rule::kNearest ? r.evaluation.objective
                                             : std::min(best_rule, r.evaluation.objective);
    if (feas.feasible() && rule == plan::Rule::kImpact) {
      const plan::LowerBound lb = plan::lower_bound(s, r.tasks);
      if (lb.people_days > r.evaluation.people_days_without_access * (1 + 1e-9) + 1e-6) {
        fail(c, seed,
             "lower bound " + std::to_string(lb.people_days) + " above the plan's " +
                 std::to_string(r.evaluation.people_days_without_access));
      }
    }
  }
  if (!feas.feasible()) return;  // the optimiser plans feasible scenarios only (as `plan` does)
  plan::OptimiseOptions oo;
  oo.time_limit_s = 30;  // a safety net; the evaluation count ends the run
  oo.max_evaluations = evaluations;
  oo.threads = 1;
  oo.seed = seed;
  oo.dispatch = plan::dispatch_for_objective({}, s.params.objective);
  oo.dispatch.look_ahead = (seed & 1U) != 0;
  const plan::OptimiseResult o = plan::optimise(s, oo);
  check_plan(c, seed, "optimiser", s, o.best);
  // The objective's lower bound holds for every plan (objective.hpp).
  if (o.lower_bound_value &&
      *o.lower_bound_value > o.best.evaluation.objective * (1 + 1e-9) + 1e-6) {
    fail(c, seed,
         "objective bound " + std::to_string(*o.lower_bound_value) + " above the plan's " +
             std::to_string(o.best.evaluation.objective));
  }
  if (o.best.evaluation.objective > o.baseline_value * (1 + 1e-9) + 1e-9) {
    fail(c, seed,
         "optimiser " + std::to_string(o.best.evaluation.objective) +
             " worse than the better rule " + std::to_string(o.baseline_value));
  }
  if (!close(o.baseline_value, best_rule)) {
    fail(c, seed,
         "optimiser baseline " + std::to_string(o.baseline_value) +
             " differs from the better rule planned here " + std::to_string(best_rule));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 100, first = 1, evaluations = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const std::uint64_t v = std::strtoull(argv[i + 1], nullptr, 10);
    if (a == "--count") {
      count = v;
    } else if (a == "--seed") {
      first = v;
    } else if (a == "--evaluations") {
      evaluations = v;
    } else {
      std::fprintf(stderr, "usage: property_bench [--count N] [--seed S] [--evaluations E]\n");
      return 2;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  Counters c;
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    try {
      run_one(c, seed, evaluations);
    } catch (const std::exception& e) {
      fail(c, seed, std::string("exception: ") + e.what());
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "property_bench: %zu scenarios (seeds %llu..%llu, %zu with tasks no crew can do), %zu plans "
      "validated, %zu failures, %.1f s\n",
      c.scenarios, static_cast<unsigned long long>(first),
      static_cast<unsigned long long>(first + count - 1), c.infeasible, c.plans, c.failures, secs);
  return c.failures == 0 ? 0 : 1;
}

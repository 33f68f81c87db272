#include "flow/plan_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "io/compare_output.hpp"
#include "io/gpkg_writer.hpp"
#include "io/plan_reader.hpp"
#include "model/error.hpp"
#include "model/evaluation.hpp"
#include "model/scenario.hpp"
#include "plan/compare.hpp"
#include "plan/evaluate.hpp"
#include "plan/feasibility.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw::flow {

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

std::string minutes_text(Minutes t) { return t == kNever ? "never" : std::to_string(t); }

// The measures the validator recomputes and the planner's evaluation also holds: each one that
// differs is a finding (the two sides implement docs/model.md §7 independently).
std::vector<std::string> measure_differences(const Scenario& s, const validate::Measures& v,
                                             const Evaluation& e) {
  std::vector<std::string> out;
  auto differ = [&](std::string_view what, std::string_view verb, const std::string& mine,
                    const std::string& theirs) {
    std::ostringstream m;
    m << "the validator's " << what << " (" << mine << ") " << verb << " from the planner's ("
      << theirs << ")";
    out.push_back(m.str());
  };
  auto text = [](double x) {
    std::ostringstream m;
    m << x;
    return m.str();
  };
  auto number = [&](std::string_view what, std::string_view verb, double mine, double theirs) {
    if (!close(mine, theirs)) differ(what, verb, text(mine), text(theirs));
  };
  auto day = [&](std::string_view what, const std::optional<double>& mine,
                 const std::optional<double>& theirs) {
    if (mine.has_value() == theirs.has_value() && (!mine || close(*mine, *theirs))) return;
    differ(what, "differs", mine ? text(*mine) : "never", theirs ? text(*theirs) : "never");
  };
  auto per_settlement = [&](std::string_view what, const std::vector<Minutes>& mine,
                            const std::vector<Minutes>& theirs) {
    if (mine.size() != theirs.size()) {
      differ(std::string(what) + " count", "differs", std::to_string(mine.size()),
             std::to_string(theirs.size()));
      return;
    }
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (mine[i] == theirs[i]) continue;
      const std::string who = i < s.settlements.size() ? s.settlements[i].id : std::to_string(i);
      differ(std::string(what) + " of " + who, "differs", minutes_text(mine[i]),
             minutes_text(theirs[i]));
      return;  // one settlement says enough
    }
  };
  number("people-days", "differ", v.people_days_without_access, e.people_days_without_access);
  number("objective", "differs", v.objective, e.objective);
  number("people-days displaced", "differ", v.people_days_displaced, e.people_days_displaced);
  number("weighted people-days displaced", "differ", v.weighted_people_days_displaced,
         e.weighted_people_days_displaced);
  if (v.population_displaced != e.population_displaced) {
    differ("population displaced", "differs", std::to_string(v.population_displaced),
           std::to_string(e.population_displaced));
  }
  day("days to return 50 %", v.days_to_return_50, e.days_to_return_50);
  day("days to return 90 %", v.days_to_return_90, e.days_to_return_90);
  day("days to return 100 %", v.days_to_return_100, e.days_to_return_100);
  per_settlement("first return", v.return_first, e.return_first);
  per_settlement("return of all", v.return_all, e.return_all);
  if (v.dwellings_repaired != e.dwellings_repaired) {
    differ("dwellings repaired", "differ", std::to_string(v.dwellings_repaired),
           std::to_string(e.dwellings_repaired));
  }
  number("milestone days late", "differ", v.milestone_days_late, e.milestone_days_late);
  return out;
}

void phase(const PlanRunHooks& h, std::string_view p) {
  if (h.on_phase) h.on_phase(p);
}
void warn(const PlanRunHooks& h, const std::string& w) {
  if (h.on_warning) h.on_warning(w);
}

}  // namespace

PlanRun plan_scenario_file(const std::filesystem::path& scenario,
                           const std::filesystem::path& out_dir, const PlanRunOptions& opt,
                           const PlanRunHooks& hooks) {
  const auto t0 = std::chrono::steady_clock::now();
  PlanRun run;
  phase(hooks, "read");
  run.scenario = io::read_scenario(scenario, &run.sources);
  Scenario& s = run.scenario;
  const std::string source = scenario.filename().string();
  phase(hooks, "link");
  run.link = plan::link_scenario(s, source);
  for (const auto& w : run.link.warnings) warn(hooks, w);
  // Before any planning: tasks that no crew can ever do make the scenario infeasible
  // (ErrorCode::kInfeasible), named with the reason, instead of an "invalid plan" after the work.
  plan::require_feasible(s, plan::generate_tasks(s));

  if (opt.objective) s.params.objective.kind = *opt.objective;
  run.objective = s.params.objective.kind;
  plan::DispatchOptions dopt = plan::dispatch_for_objective({}, s.params.objective);
  dopt.rule = opt.rule;
  const bool optimising = opt.time_limit_s > 0 || opt.evaluations > 0;
  plan::PlanResult& r = run.result;
  std::string rule_used(plan::rule_name(opt.rule));
  phase(hooks, "plan");
  if (optimising) {
    plan::OptimiseOptions oo;
    oo.time_limit_s = opt.time_limit_s;
    oo.max_evaluations = opt.evaluations;
    oo.threads = opt.threads;
    oo.seed = opt.seed;
    oo.dispatch = dopt;
    oo.on_improvement = hooks.on_improvement;
    oo.on_search_start = hooks.on_search_start;
    oo.on_search_end = hooks.on_search_end;
    if (hooks.on_optimise_begin) hooks.on_optimise_begin(run.objective);
    run.optimised = plan::optimise(s, oo);
    if (hooks.on_optimise_end) hooks.on_optimise_end();
    r = std::move(run.optimised->best);
    rule_used = run.optimised->best_source;
  } else {
    r = plan::plan_linked(s, dopt);
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& w : r.warnings) warn(hooks, w);

  if (opt.validate) {
    phase(hooks, "validate");
    validate::Workspace checks(static_cast<unsigned>(std::max(0, opt.threads)));
    const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan, checks);
    std::vector<std::string> found;
    if (!rep.valid()) {
      for (const auto& v : rep.violations) found.push_back("invalid plan: " + v);
    } else {
      found = measure_differences(s, rep.measures, r.evaluation);
    }
    for (const auto& f : found) {
      if (hooks.on_invalid) hooks.on_invalid(f);
    }
    if (!found.empty()) run.valid = false;
    run.validation_errors = std::move(found);
  }

  io::OutputMeta& meta = run.meta;
  meta.rule = rule_used;
  meta.scenario_name = s.name.empty() ? scenario.stem().string() : s.name;
  meta.seconds = run.seconds;
  meta.roads_from_osm = run.sources.roads_from_osm;
  std::optional<plan::Baseline>& base = run.baseline;
  if (run.optimised) {  // the optimiser planned with both rules already
    const plan::OptimiseResult& o = *run.optimised;
    base = plan::Baseline{};
    base->nearest_people_days = o.nearest_people_days;
    base->impact_people_days = o.impact_people_days;
    base->nearest_value = o.nearest_value;
    base->impact_value = o.impact_value;
    base->people_days = o.baseline_people_days;
    base->value = o.baseline_value;
    base->rule = plan::rule_from_name(o.baseline_rule).value_or(plan::Rule::kImpact);
  } else if (opt.baseline || opt.compare_rules) {
    phase(hooks, "baseline");
    base = plan::best_dispatch(s, r.tasks, dopt, &r);
  }
  if (base && (opt.baseline || run.optimised)) {
    meta.baseline_people_days = base->people_days;
    meta.baseline_objective = base->value;
  }
  if (opt.lower_bound) {
    phase(hooks, "bound");
    const plan::LowerBound lb = plan::lower_bound(s, r.tasks);
    meta.lower_bound_people_days = lb.people_days;
    meta.lower_bound_objective = plan::objective_lower_bound(s, r.tasks, lb);
    run.bound_seconds = lb.seconds;
  }
  phase(hooks, "write");
  io::write_outputs(out_dir, s, r.tasks, r.plan, r.evaluation, meta,
                    {io::plan_gpkg_output(s, r.tasks, r.plan, r.evaluation)});
  return run;
}

namespace {

struct Evaluated {
  Scenario scenario;
  Evaluation evaluation;
  std::size_t tasks = 0;
};

Evaluated evaluate_plan_file(const std::filesystem::path& scenario,
                             const std::filesystem::path& plan_file) {
  Evaluated e;
  e.scenario = io::read_scenario(scenario);
  plan::link_scenario(e.scenario, scenario.filename().string());
  // The planner's tasks are a pure function of the linked scenario (the validator relies on
  // this too), so the written plan's assignments refer to the regenerated task ids.
  TaskSet tasks = plan::generate_tasks(e.scenario);
  auto [declared, p] = io::read_plan_json(plan_file, e.scenario);
  if (declared.size() != tasks.tasks.size()) {
    throw Error(ErrorCode::kInvalidInput,
                plan_file.filename().string() + ": " + std::to_string(declared.size()) +
                    " tasks, but the scenario makes " + std::to_string(tasks.tasks.size()));
  }
  e.evaluation = plan::evaluate(e.scenario, tasks, p);
  e.tasks = tasks.tasks.size();
  return e;
}

}  // namespace

nlohmann::json compare_plan_files(const std::filesystem::path& scenario_a,
                                  const std::filesystem::path& plan_a, const std::string& label_a,
                                  const std::filesystem::path& scenario_b,
                                  const std::filesystem::path& plan_b, const std::string& label_b,
                                  std::size_t top) {
  const Evaluated a = evaluate_plan_file(scenario_a, plan_a);
  const Evaluated b = evaluate_plan_file(scenario_b, plan_b);
  const Comparison cmp = plan::compare_plans(
      plan::plan_figures(label_a, a.scenario, a.tasks, a.evaluation), a.scenario, a.evaluation,
      plan::plan_figures(label_b, b.scenario, b.tasks, b.evaluation), b.scenario, b.evaluation);
  return io::compare_json(cmp, top);
}

}  // namespace gw::flow

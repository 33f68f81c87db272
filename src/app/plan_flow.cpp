#include "app/plan_flow.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "plan/baseline.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/planner.hpp"
#include "validate/validate.hpp"

namespace gw::app {

namespace {
std::string days(const std::optional<double>& d) {
  if (!d) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}
}  // namespace

int run_plan_flow(const PlanFlowOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  Scenario s = io::read_scenario(opt.scenario);
  const std::string source = opt.scenario.filename().string();
  const plan::LinkReport link = plan::link_scenario(s, source);
  for (const auto& w : link.warnings) std::cerr << "groundwork: warning: " << w << '\n';

  plan::DispatchOptions dopt;
  dopt.rule = opt.rule;
  plan::PlanResult r = plan::plan_linked(s, dopt);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& w : r.warnings) std::cerr << "groundwork: warning: " << w << '\n';

  int status = 0;
  if (opt.validate) {
    const validate::Report rep = validate::validate_plan(s, r.tasks.tasks, r.plan);
    if (!rep.valid()) {
      for (const auto& v : rep.violations) std::cerr << "groundwork: invalid plan: " << v << '\n';
      status = 8;
    } else if (std::abs(rep.measures.people_days_without_access - r.evaluation.people_days_without_access) >
               1e-6 * std::max(1.0, r.evaluation.people_days_without_access)) {
      std::cerr << "groundwork: the validator's people-days (" << rep.measures.people_days_without_access
                << ") differ from the planner's (" << r.evaluation.people_days_without_access << ")\n";
      status = 8;
    }
  }

  io::OutputMeta meta;
  meta.rule = std::string(plan::rule_name(opt.rule));
  meta.scenario_name = s.name.empty() ? opt.scenario.stem().string() : s.name;
  meta.seconds = seconds;
  std::optional<plan::Baseline> base;
  if (opt.baseline || opt.compare_rules) {
    base = plan::best_dispatch(s, r.tasks, dopt, &r);
    meta.baseline_people_days = base->people_days;
  }
  double bound_seconds = 0;
  if (opt.lower_bound) {
    const plan::LowerBound lb = plan::lower_bound(s, r.tasks);
    meta.lower_bound_people_days = lb.people_days;
    bound_seconds = lb.seconds;
  }
  io::write_outputs(opt.out_dir, s, r.tasks, r.plan, r.evaluation, meta);

  if (!opt.quiet) {
    const auto& ev = r.evaluation;
    std::printf("groundwork plan: %s, rule %s\n", meta.scenario_name.c_str(), meta.rule.c_str());
    std::printf("  roads %zu edges, %zu settlements (%lld people), %zu hazards, %zu damaged assets, %zu crews\n",
                s.roads.num_edges(), s.settlements.size(), static_cast<long long>(ev.population_total),
                s.hazards.size(), s.assets.size(), s.crews.size());
    std::printf("  tasks %zu (%zu unassigned), planned in %.2f s\n", r.tasks.tasks.size(), r.unassigned.size(), seconds);
    std::printf("  people-days without safe access: %.0f\n", ev.people_days_without_access);
    if (meta.lower_bound_people_days) {
      std::printf("  lower bound: %.0f people-days (no valid plan does better); gap %.1f %% (bound in %.2f s)\n",
                  *meta.lower_bound_people_days,
                  plan::gap_percent(ev.people_days_without_access, *meta.lower_bound_people_days), bound_seconds);
    }
    if (base) {
      std::printf("  best dispatch rule (baseline): %s, %.0f people-days\n",
                  std::string(plan::rule_name(base->rule)).c_str(), base->people_days);
    }
    std::printf("  days to access: 50%% %s, 90%% %s, 100%% %s\n", days(ev.days_to_access_50).c_str(),
                days(ev.days_to_access_90).c_str(), days(ev.days_to_access_100).c_str());
    std::printf("  hectares cancelled %.1f, released %.1f; makespan %.1f days\n", ev.hectares_cancelled,
                ev.hectares_released, ev.makespan_days);
    if (opt.validate) std::printf("  validator: %s\n", status == 0 ? "plan valid" : "PLAN INVALID");
    std::printf("  outputs in %s\n", opt.out_dir.string().c_str());
  }
  if (opt.compare_rules && base) {
    const plan::Rule other = opt.rule == plan::Rule::kImpact ? plan::Rule::kNearest : plan::Rule::kImpact;
    std::printf("  for comparison, rule %s: %.0f people-days without safe access\n",
                std::string(plan::rule_name(other)).c_str(),
                other == plan::Rule::kNearest ? base->nearest_people_days : base->impact_people_days);
  }
  return status;
}

}  // namespace gw::app

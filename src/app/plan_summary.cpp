#include "app/plan_summary.hpp"

#include <cstdio>
#include <string>

#include "plan/lower_bound.hpp"

namespace gw::app {

namespace {
std::string days(const std::optional<double>& d) {
  if (!d) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}
}  // namespace

std::string objective_unit(ObjectiveKind k) {
  switch (k) {
    case ObjectiveKind::kAccess:
      return "people-days";
    case ObjectiveKind::kWeighted:
      return "(weighted objective)";
    case ObjectiveKind::kMakespan:
      return "days (makespan)";
    case ObjectiveKind::kReturn:
      return "people-days displaced";
  }
  return "";
}

void print_plan_summary(const PlanSummary& sum) {
  const PlanFlowOptions& opt = sum.opt;
  const Scenario& s = sum.scenario;
  const plan::PlanResult& r = sum.result;
  const io::OutputMeta& meta = sum.meta;
  const auto& optimised = sum.optimised;
  const auto& base = sum.baseline;
  const ObjectiveKind objective = s.params.objective.kind;
  const std::string unit = objective_unit(objective);
  const double seconds = meta.seconds;
  const auto& ev = r.evaluation;
  std::printf("groundwork plan: %s, rule %s\n", meta.scenario_name.c_str(), meta.rule.c_str());
  std::printf(
      "  roads %zu edges, %zu settlements (%lld people), %zu hazards, %zu damaged assets, %zu "
      "crews\n",
      s.roads.num_edges(), s.settlements.size(), static_cast<long long>(ev.population_total),
      s.hazards.size(), s.assets.size(), s.crews.size());
  for (const auto& l : sum.sources.layers) {
    std::printf("  %s: %zu features from %s (CRS %s)\n", l.key.c_str(), l.features, l.label.c_str(),
                l.crs.c_str());
  }
  for (const auto& n : sum.sources.notes) std::printf("  %s\n", n.c_str());
  for (const auto& sn : sum.link.snaps) {
    std::printf("  snapped %zu %s: median %.0f m, max %.0f m (%s)%s\n", sn.count,
                sn.layer == "damage" ? "road sections and bridges" : sn.layer.c_str(), sn.median_m,
                sn.max_m, sn.farthest.c_str(),
                sn.over_warning > 0
                    ? (", " + std::to_string(sn.over_warning) + " beyond snap_warning_m").c_str()
                    : "");
  }
  std::printf("  tasks %zu (%zu unassigned), planned in %.2f s\n", r.tasks.tasks.size(),
              r.unassigned.size(), seconds);
  std::printf("  people-days without safe access: %.0f\n", ev.people_days_without_access);
  std::printf("  days to access: 50%% %s, 90%% %s, 100%% %s\n", days(ev.days_to_access_50).c_str(),
              days(ev.days_to_access_90).c_str(), days(ev.days_to_access_100).c_str());
  if (ev.population_displaced > 0) {
    std::printf(
        "  people displaced %lld, people-days displaced %.0f; days to return: 50%% %s, 90%% %s, "
        "100%% %s\n",
        static_cast<long long>(ev.population_displaced), ev.people_days_displaced,
        days(ev.days_to_return_50).c_str(), days(ev.days_to_return_90).c_str(),
        days(ev.days_to_return_100).c_str());
  }
  if (ev.dwellings_damaged > 0 || !ev.milestones.empty()) {
    std::printf("  dwellings damaged %lld, repaired %lld; milestones %zu, %.1f days late in all\n",
                static_cast<long long>(ev.dwellings_damaged),
                static_cast<long long>(ev.dwellings_repaired), ev.milestones.size(),
                ev.milestone_days_late);
  }
  std::printf("  hectares cancelled %.1f, released %.1f; makespan %.1f days\n",
              ev.hectares_cancelled, ev.hectares_released, ev.makespan_days);
  if (objective != ObjectiveKind::kAccess) {
    double land = 0;
    for (const double x : ev.hectare_days_contaminated) land += x;
    std::printf(
        "  objective %s: %.1f (weighted people-days without access %.0f, hectare-days "
        "contaminated %.0f, road km-days closed %.1f)\n",
        std::string(name(objective)).c_str(), ev.objective, ev.weighted_people_days_without_access,
        land, ev.road_km_days_closed);
  }
  if (optimised) {
    std::printf(
        "  dispatch rules: nearest %.1f, impact %.1f %s; optimiser: %.1f (%+.1f %% vs "
        "%s), "
        "%llu evaluations in %.1f s over %zu focus tasks\n",
        optimised->nearest_value, optimised->impact_value, unit.c_str(), ev.objective,
        optimised->baseline_value > 0
            ? 100.0 * (ev.objective - optimised->baseline_value) / optimised->baseline_value
            : 0.0,
        optimised->baseline_rule.c_str(), static_cast<unsigned long long>(optimised->evaluations),
        optimised->search_seconds, optimised->focus_tasks);
  } else if (base) {
    std::printf("  best dispatch rule (baseline): %s, %.1f %s\n",
                std::string(plan::rule_name(base->rule)).c_str(), base->value, unit.c_str());
  }
  if (meta.lower_bound_people_days) {
    std::printf(
        "  lower bound: %.0f people-days (no valid plan does better); gap %.1f %% (bound in %.2f "
        "s)\n",
        *meta.lower_bound_people_days,
        gap_percent(ev.people_days_without_access, *meta.lower_bound_people_days),
        sum.bound_seconds);
  }
  if (objective != ObjectiveKind::kAccess && opt.run.lower_bound) {
    if (meta.lower_bound_objective) {
      std::printf("  objective lower bound: %.1f; gap %.1f %%\n", *meta.lower_bound_objective,
                  gap_percent(ev.objective, *meta.lower_bound_objective));
    } else {
      std::printf("  objective lower bound: none (some task can never be done)\n");
    }
  }
  if (opt.run.validate) std::printf("  validator: %s\n", sum.valid ? "plan valid" : "PLAN INVALID");
  std::printf("  outputs in %s\n", opt.out_dir.string().c_str());
}

void print_rule_comparison(const PlanSummary& sum) {
  const PlanFlowOptions& opt = sum.opt;
  const plan::Baseline& b = *sum.baseline;
  const plan::Rule other =
      opt.run.rule == plan::Rule::kImpact ? plan::Rule::kNearest : plan::Rule::kImpact;
  std::printf("  for comparison, rule %s: %.0f people-days without safe access\n",
              std::string(plan::rule_name(other)).c_str(),
              other == plan::Rule::kNearest ? b.nearest_people_days : b.impact_people_days);
  if (sum.scenario.params.objective.kind != ObjectiveKind::kAccess) {
    std::printf("  ... and objective %.1f\n",
                other == plan::Rule::kNearest ? b.nearest_value : b.impact_value);
  }
}

}  // namespace gw::app

#include "app/plan_flow.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "io/gpkg_writer.hpp"
#include "io/outputs.hpp"
#include "io/scenario_json.hpp"
#include "plan/link.hpp"
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
  io::ScenarioSources sources;
  Scenario s = io::read_scenario(opt.scenario, &sources);
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
  meta.roads_from_osm = sources.roads_from_osm;
  io::write_outputs(opt.out_dir, s, r.tasks, r.plan, r.evaluation, meta,
                    {io::plan_gpkg_output(s, r.tasks, r.plan, r.evaluation)});

  if (!opt.quiet) {
    const auto& ev = r.evaluation;
    std::printf("groundwork plan: %s, rule %s\n", meta.scenario_name.c_str(), meta.rule.c_str());
    std::printf("  roads %zu edges, %zu settlements (%lld people), %zu hazards, %zu damaged assets, %zu crews\n",
                s.roads.num_edges(), s.settlements.size(), static_cast<long long>(ev.population_total),
                s.hazards.size(), s.assets.size(), s.crews.size());
    for (const auto& l : sources.layers) {
      std::printf("  %s: %zu features from %s (CRS %s)\n", l.key.c_str(), l.features,
                  l.label.c_str(), l.crs.c_str());
    }
    for (const auto& n : sources.notes) std::printf("  %s\n", n.c_str());
    for (const auto& sn : link.snaps) {
      std::printf("  snapped %zu %s: median %.0f m, max %.0f m (%s)%s\n", sn.count,
                  sn.layer.c_str(), sn.median_m, sn.max_m, sn.farthest.c_str(),
                  sn.over_warning > 0
                      ? (", " + std::to_string(sn.over_warning) + " beyond snap_warning_m").c_str()
                      : "");
    }
    std::printf("  tasks %zu (%zu unassigned), planned in %.2f s\n", r.tasks.tasks.size(), r.unassigned.size(), seconds);
    std::printf("  people-days without safe access: %.0f\n", ev.people_days_without_access);
    std::printf("  days to access: 50%% %s, 90%% %s, 100%% %s\n", days(ev.days_to_access_50).c_str(),
                days(ev.days_to_access_90).c_str(), days(ev.days_to_access_100).c_str());
    std::printf("  hectares cancelled %.1f, released %.1f; makespan %.1f days\n", ev.hectares_cancelled,
                ev.hectares_released, ev.makespan_days);
    if (opt.validate) std::printf("  validator: %s\n", status == 0 ? "plan valid" : "PLAN INVALID");
    std::printf("  outputs in %s\n", opt.out_dir.string().c_str());
  }
  if (opt.compare_rules) {
    plan::DispatchOptions other = dopt;
    other.rule = opt.rule == plan::Rule::kImpact ? plan::Rule::kNearest : plan::Rule::kImpact;
    const plan::PlanResult o = plan::plan_linked(s, other);
    std::printf("  for comparison, rule %s: %.0f people-days without safe access\n",
                std::string(plan::rule_name(other.rule)).c_str(), o.evaluation.people_days_without_access);
  }
  return status;
}

}  // namespace gw::app

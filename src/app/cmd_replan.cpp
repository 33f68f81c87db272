#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "flow/replan_run.hpp"

namespace gw::app {

void register_replan(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "replan", "Plan the rest from the state field reports give at a date (docs/replanning.md)");
  struct Args {
    std::string scenario, plan, out, as_of;
    std::vector<std::string> reports;
    double stability = 0.5;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("scenario", a->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("plan", a->plan, "plan.json of the plan being followed")->required();
  cmd->add_option("--reports", a->reports, "Field report files (CSV or any GDAL layer)")
      ->required();
  cmd->add_option("--as-of", a->as_of, "Date YYYY-MM-DD from which to plan the rest")->required();
  cmd->add_option("--stability", a->stability,
                  "Preference for the plan being followed: a crew scores the tasks it gave it "
                  "1 + S times higher, and the plan re-timed is kept unless re-dispatching "
                  "lowers the objective by more than S x 2 % (0: none)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--out", a->out, "Directory for the new plan and diff.json")->required();
  cmd->callback([&run, a] {
    run = [a] {
      flow::ReplanRunOptions o;
      o.reports.reserve(a->reports.size());
      for (const auto& r : a->reports) o.reports.emplace_back(r);
      o.as_of = a->as_of;
      o.stability = a->stability;
      const flow::ReplanRun r = flow::replan_scenario_file(a->scenario, a->plan, a->out, o);
      std::size_t done = 0;
      for (const char d : r.state.task_done) done += d != 0 ? 1 : 0;
      std::printf("  as of %s: %zu of %zu tasks done; %zu re-planned\n", a->as_of.c_str(), done,
                  r.state.task_done.size(), r.state.task_done.size() - done);
      for (const auto& why : r.state.notes) std::printf("  %s\n", why.c_str());
      std::printf(
          "  people-days displaced %.0f (plan followed: %.0f); without safe access %.0f "
          "(%.0f); makespan %.1f days (%.1f)\n",
          r.evaluation.people_days_displaced, r.before.people_days_displaced,
          r.evaluation.people_days_without_access, r.before.people_days_without_access,
          r.evaluation.makespan_days, r.before.makespan_days);
      for (const auto& v : r.violations) std::printf("%s\n", v.c_str());
      std::printf("  %s; outputs and diff.json in %s\n",
                  r.valid ? "valid from the reported state" : "INVALID", a->out.c_str());
      return r.valid ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
    };
  });
}

}  // namespace gw::app

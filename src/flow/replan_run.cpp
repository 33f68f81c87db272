#include "flow/replan_run.hpp"

#include <algorithm>
#include <cstdio>

#include "io/field_reports.hpp"
#include "io/outputs.hpp"
#include "io/plan_reader.hpp"
#include "io/replan_output.hpp"
#include "io/scenario_json.hpp"
#include "io/truth_json.hpp"
#include "model/error.hpp"
#include "model/truth.hpp"
#include "plan/calendar.hpp"
#include "plan/evaluate.hpp"
#include "plan/feasibility.hpp"
#include "plan/link.hpp"
#include "plan/objective.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace gw::flow {

ReplanRun replan_scenario_file(const std::filesystem::path& scenario,
                               const std::filesystem::path& plan_file,
                               const std::filesystem::path& out_dir, const ReplanRunOptions& opt) {
  ReplanRun run;
  Scenario s = io::read_scenario(scenario);
  plan::link_scenario(s, scenario.filename().string());
  const TaskSet tasks = plan::generate_tasks(s);
  plan::require_feasible(s, tasks);
  auto [declared, followed] = io::read_plan_json(plan_file, s);
  // The plan must be one of this scenario: the same tasks.
  bool same = declared.size() == tasks.tasks.size();
  for (std::size_t t = 0; same && t < declared.size(); ++t) {
    const Task& x = declared[t];
    const Task& y = tasks.tasks[t];
    same = x.kind == y.kind && x.hazard == y.hazard && x.asset == y.asset &&
           x.settlement == y.settlement && x.package == y.package && x.step == y.step;
  }
  if (!same) {
    throw Error(ErrorCode::kInvalidInput,
                plan_file.string() + ": its tasks are not those of " +
                    scenario.filename().string() +
                    " (a plan of another scenario, or of another version of it)");
  }
  const plan::Calendar cal(s.params);
  Minutes as_of = 0;
  try {
    as_of = cal.minute_of_date(opt.as_of);
  } catch (const Error&) {
    throw Error(ErrorCode::kInvalidInput,
                "--as-of: must be a date YYYY-MM-DD, not " + quote_value(opt.as_of));
  }
  if (as_of <= 0) {
    throw Error(
        ErrorCode::kInvalidInput,
        "--as-of: " + opt.as_of + " is not after the plan's start_date " + s.params.start_date);
  }
  std::vector<FieldReport> reports;
  for (const auto& path : opt.reports) {
    std::vector<FieldReport> r = io::read_field_reports(path, s);
    reports.insert(reports.end(), r.begin(), r.end());
  }
  std::vector<Minutes> minutes;
  minutes.reserve(reports.size());
  for (const FieldReport& r : reports) minutes.push_back(cal.minute_of_date(r.date));
  run.before = plan::evaluate(s, tasks, followed);
  run.state = plan::reported_state(s, tasks, followed, reports, minutes, as_of);

  // The district as the reports show it: the rest of each reported hazard and asset at its pace,
  // written as reported.json in truth.json's format (`groundwork validate --truth`).
  Truth seen;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    HazardTruth ht;
    ht.work_factor = std::clamp(run.state.hazard_factor[h], 0.01, 100.0);
    seen.hazards.push_back(ht);
  }
  seen.crew_factor.assign(s.crews.size(), 1.0);
  for (std::size_t a = 0; a < s.assets.size(); ++a)
    seen.asset_factor.push_back(std::clamp(run.state.asset_factor[a], 0.01, 100.0));
  for (const Settlement& st : s.settlements) seen.housing_factor.push_back(st.housing_work_factor);
  apply_truth(s, seen);
  run.tasks = tasks;
  plan::set_efforts(run.tasks, s);
  plan::Replanned rest =
      plan::replan_rest(s, run.tasks, plan::dispatch_for_objective({}, s.params.objective),
                        run.state, followed, opt.stability);
  char buf[512];
  if (!run.state.under_way.empty()) {
    const std::size_t n = run.state.under_way.size();
    std::snprintf(buf, sizeof buf,
                  "%zu tasks under way at --as-of; re-dispatched, %zu stopped (planned again "
                  "whole) and %zu finished: objective %.6g finishing them all, %.6g stopping them "
                  "all, %.6g as weighed",
                  n, rest.stopped_tasks, n - rest.stopped_tasks, rest.kept_objective,
                  rest.stopped_objective, rest.chosen_objective);
    run.state.notes.emplace_back(buf);
  }
  if (rest.repaired_objective >= 0) {
    std::snprintf(
        buf, sizeof buf,
        "%s: objective %.6g keeping each crew's tasks in order (re-timed), %.6g "
        "re-dispatched (stability %.2f keeps the plan unless re-dispatching gains more "
        "than %.1f %%)",
        rest.repaired ? "the plan being followed is kept, re-timed" : "the rest is re-dispatched",
        rest.repaired_objective, rest.chosen_objective, opt.stability,
        100 * opt.stability * plan::kRepairMargin);
  } else {
    std::snprintf(buf, sizeof buf,
                  "the rest is re-dispatched: the plan being followed cannot be re-timed from the "
                  "reported state (a crew's next task is never reachable, or its sequence waits "
                  "on another's)");
  }
  run.state.notes.emplace_back(buf);
  run.plan = std::move(rest.result.plan);
  run.plan.rule += " (re-planned)";
  run.plan.as_of = as_of;
  run.plan.hazard_work_factor.clear();
  run.plan.asset_work_factor.clear();
  for (const HazardTruth& h : seen.hazards) run.plan.hazard_work_factor.push_back(h.work_factor);
  run.plan.asset_work_factor = seen.asset_factor;
  run.evaluation = plan::evaluate(s, run.tasks, run.plan);
  const validate::Report rep = validate::validate_plan(s, run.tasks.tasks, run.plan);
  run.valid = rep.valid();
  run.violations = rep.violations;

  io::OutputMeta meta;
  meta.rule = run.plan.rule;
  meta.scenario_name = s.name.empty() ? scenario.stem().string() : s.name;
  const nlohmann::json diff =
      io::replan_diff_json(s, run.tasks, followed, run.before, run.plan, run.evaluation, as_of,
                           run.state.task_done, run.state.notes);
  io::write_outputs(out_dir, s, run.tasks, run.plan, run.evaluation, meta,
                    {io::text_output("diff.json", diff.dump(1) + "\n"),
                     io::text_output("reported.json", io::truth_json(s, seen).dump(1) + "\n")});
  run.scenario = std::move(s);
  return run;
}

}  // namespace gw::flow

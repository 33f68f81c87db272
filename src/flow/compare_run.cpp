#include "flow/compare_run.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <utility>

#include "io/compare_output.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "plan/compare.hpp"
#include "plan/evaluate.hpp"
#include "plan/link.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/optimise.hpp"
#include "plan/planner.hpp"
#include "plan/scenario_change.hpp"
#include "plan/tasks.hpp"
#include "validate/validate.hpp"

namespace gw::flow {

namespace {

struct Side {
  Scenario scenario;
  plan::PlanResult result;
  PlanFigures figures;
};

void warn(const CompareRunOptions& o, const std::string& what) {
  if (o.warn) o.warn(what);
}

// Links, plans (with the optimiser when it has time), validates and bounds one side; returns
// false when the validator rejects the plan.
// `from`: the other side, already planned, whose plan B may start from (nullptr for A).
bool plan_side(Side& side, const std::string& source, const std::string& label,
               const plan::DispatchOptions& opt, const CompareRunOptions& o, const Side* from,
               std::vector<std::string>& notes) {
  for (const auto& w : plan::link_scenario(side.scenario, source).warnings) warn(o, w);
  // When A's plan is a plan of B too (B only adds crews, say), B starts from it: B can always
  // leave its extra crews idle, so more crews never make the plan worse.
  std::optional<Plan> seed;
  if (from != nullptr) {
    const TaskSet tb = plan::generate_tasks(side.scenario);
    seed = plan::transfer_plan(from->scenario, from->result.tasks, from->result.plan, side.scenario,
                               tb);
  }
  if (o.time_limit_s > 0) {
    plan::OptimiseOptions oo;
    oo.time_limit_s = o.time_limit_s;
    oo.threads = o.threads;
    oo.seed = o.seed;
    oo.dispatch = opt;
    if (seed) oo.seed_plans.push_back(*seed);
    plan::OptimiseResult r = plan::optimise(side.scenario, oo);
    if (r.best_source == "seed") notes.emplace_back("B keeps A's plan: its other plans were worse");
    side.result = std::move(r.best);
  } else {
    side.result = plan::plan_linked(side.scenario, opt);
    if (seed) {
      Evaluation ev = plan::evaluate(side.scenario, side.result.tasks, *seed);
      if (ev.objective < side.result.evaluation.objective) {
        side.result.plan = std::move(*seed);
        side.result.evaluation = std::move(ev);
        notes.emplace_back("B keeps A's plan: the dispatch rule's plan of B was worse");
      }
    }
  }
  for (const auto& w : side.result.warnings) {
    std::string line = label;
    line += ": ";
    line += w;
    warn(o, line);
  }
  const validate::Report rep =
      validate::validate_plan(side.scenario, side.result.tasks.tasks, side.result.plan);
  for (const auto& v : rep.violations) {
    std::string line = "invalid plan of ";
    line += label;
    line += ": ";
    line += v;
    warn(o, line);
  }
  side.figures = plan::plan_figures(label, side.scenario, side.result.tasks.tasks.size(),
                                    side.result.evaluation);
  side.figures.lower_bound_people_days =
      plan::lower_bound(side.scenario, side.result.tasks).people_days;
  return rep.valid();
}

// Each side's rule follows its own objective, as `plan` does.
plan::DispatchOptions side_options(const Scenario& s, const CompareRunOptions& o) {
  plan::DispatchOptions opt = plan::dispatch_for_objective({}, s.params.objective);
  const auto rule = plan::rule_from_name(o.rule);
  if (!rule) throw Error(ErrorCode::kInvalidInput, "compare: unknown rule " + quote_value(o.rule));
  opt.rule = *rule;
  return opt;
}

std::string label_of(const Scenario& s, const std::filesystem::path& p) {
  return s.name.empty() ? p.stem().string() : s.name;
}

// B's label: `base` and, when there are any, its changes ("base with '+500 builders', ...").
std::string with_changes(std::string base, const std::vector<plan::ScenarioChange>& changes) {
  if (changes.empty()) return base;
  base += " with";
  for (std::size_t i = 0; i < changes.size(); ++i)
    base += (i ? ", '" : " '") + changes[i].text + "'";
  return base;
}

// The changes of a --variant: its parts between ';', each a change (docs/what-if.md).
std::vector<plan::ScenarioChange> variant_changes(const std::string& text, std::size_t index) {
  std::vector<plan::ScenarioChange> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t to = std::min(text.find(';', from), text.size());
    std::string part = text.substr(from, to - from);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) {
      try {
        out.push_back(plan::parse_change(part));
      } catch (const Error& e) {
        throw Error(e.code(), "--variant " + std::to_string(index + 1) + ": " + e.what());
      }
    }
    from = to + 1;
  }
  if (out.empty()) {
    throw Error(ErrorCode::kInvalidInput,
                "--variant " + std::to_string(index + 1) + ": holds no change");
  }
  return out;
}

CompareItem item_of(const Side& a, const Side& b, std::vector<std::string> notes, bool valid,
                    const CompareRunOptions& o) {
  Comparison cmp = plan::compare_plans(a.figures, a.scenario, a.result.evaluation, b.figures,
                                       b.scenario, b.result.evaluation);
  cmp.notes = std::move(notes);
  CompareItem item;
  item.valid = valid;
  item.comparison = io::compare_json(cmp, o.top);
  if (o.text) item.text = io::compare_text(cmp, o.top);
  return item;
}

// A batch of what-ifs: A planned once, each variant planned and compared with it. Across the ranks
// of an MPI job the variants are shared (each rank plans A itself); rank 0 gathers the
// comparisons in variant order.
CompareRun run_batch(const CompareRunOptions& o) {
  if (o.scenarios.size() != 1 || !o.changes.empty()) {
    throw Error(ErrorCode::kInvalidInput,
                "compare: --variant takes one scenario and no --change (each variant holds its "
                "changes, separated by ';')");
  }
  std::vector<std::vector<plan::ScenarioChange>> variants;
  variants.reserve(o.variants.size());
  for (std::size_t i = 0; i < o.variants.size(); ++i)
    variants.push_back(variant_changes(o.variants[i], i));
  const std::filesystem::path pa = o.scenarios[0];
  Side a;
  a.scenario = io::read_scenario(pa);
  if (o.objective) a.scenario.params.objective.kind = *o.objective;
  const auto ranks = static_cast<std::size_t>(std::max(1, o.ranks));
  const auto rank = static_cast<std::size_t>(std::clamp(o.rank, 0, o.ranks - 1));
  const std::size_t first = variants.size() * rank / ranks;
  const std::size_t last = variants.size() * (rank + 1) / ranks;
  std::vector<std::string> ignored;
  const bool valid_a =
      plan_side(a, pa.filename().string(), "A", side_options(a.scenario, o), o, nullptr, ignored);
  CompareRun run;
  run.a_label = label_of(a.scenario, pa);
  run.ranks = static_cast<int>(ranks);
  a.figures.label = run.a_label;
  std::vector<std::string> mine;
  for (std::size_t i = first; i < last; ++i) {
    Side b;
    b.scenario = a.scenario;
    std::vector<std::string> notes;
    for (const auto& c : variants[i]) notes.push_back(plan::apply_change(b.scenario, c).describe());
    const bool valid_b =
        plan_side(b, pa.filename().string() + " (variant " + std::to_string(i + 1) + ")", "B",
                  side_options(b.scenario, o), o, &a, notes);
    b.figures.label = with_changes(run.a_label, variants[i]);
    const CompareItem item = item_of(a, b, std::move(notes), valid_a && valid_b, o);
    nlohmann::json j;
    j["variant"] = o.variants[i];
    j["valid"] = item.valid;
    j["comparison"] = item.comparison;
    j["text"] = item.text;
    mine.push_back(j.dump());
  }
  const std::vector<std::string> all =
      ranks > 1 && o.gather_strings ? o.gather_strings(mine) : mine;
  if (rank != 0) return run;
  for (const std::string& text : all) {
    const nlohmann::json j = nlohmann::json::parse(text);
    CompareItem item;
    item.variant = j["variant"].get<std::string>();
    item.valid = j["valid"].get<bool>();
    item.comparison = j["comparison"];
    item.text = j["text"].get<std::string>();
    run.valid = run.valid && item.valid;
    run.items.push_back(std::move(item));
  }
  return run;
}

}  // namespace

CompareRun compare_scenarios(const CompareRunOptions& o) {
  if (!o.variants.empty()) return run_batch(o);
  if (o.scenarios.empty() || (o.scenarios.size() == 1 && o.changes.empty())) {
    throw Error(ErrorCode::kInvalidInput,
                "compare: give a second scenario or at least one --change");
  }
  std::vector<plan::ScenarioChange> changes;
  changes.reserve(o.changes.size());
  for (const auto& c : o.changes) changes.push_back(plan::parse_change(c));

  const std::filesystem::path pa = o.scenarios[0];
  const std::filesystem::path pb = o.scenarios.size() > 1 ? o.scenarios[1] : o.scenarios[0];
  Side a, b;
  a.scenario = io::read_scenario(pa);
  b.scenario = o.scenarios.size() > 1 ? io::read_scenario(pb) : a.scenario;
  std::vector<std::string> notes;
  notes.reserve(changes.size());
  for (const auto& c : changes) notes.push_back(plan::apply_change(b.scenario, c).describe());

  CompareRun run;
  run.a_label = label_of(a.scenario, pa);
  const std::string lb =
      with_changes(o.scenarios.size() > 1 ? label_of(b.scenario, pb) : run.a_label, changes);
  if (o.objective) {
    a.scenario.params.objective.kind = *o.objective;
    b.scenario.params.objective.kind = *o.objective;
  }
  const bool valid_a =
      plan_side(a, pa.filename().string(), "A", side_options(a.scenario, o), o, nullptr, notes);
  const bool valid_b = plan_side(b, pb.filename().string() + (changes.empty() ? "" : " (changed)"),
                                 "B", side_options(b.scenario, o), o, &a, notes);
  a.figures.label = run.a_label;
  b.figures.label = lb;
  run.items.push_back(item_of(a, b, std::move(notes), valid_a && valid_b, o));
  run.valid = valid_a && valid_b;
  return run;
}

}  // namespace gw::flow

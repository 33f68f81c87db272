// groundwork compare: plan two scenarios (or one and its what-if changes), validate both and print
// the key figures side by side with the settlements that gain or lose access.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/exit_status.hpp"
#include "dist/dist.hpp"
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

namespace gw::app {

namespace {

struct CompareOptions {
  std::vector<std::string> scenarios;  // one or two files
  std::vector<std::string> changes;    // applied to B (the copy of A, or the second file)
  // A batch: each variant is B = A with its changes (separated by ';'), compared with A.
  std::vector<std::string> variants;
  std::string rule = "impact";
  double time_limit_s = 0;  // > 0: the optimiser, per side
  int threads = 0;          // optimiser threads (0: every core)
  std::uint64_t seed = 1;
  bool json = false;
  std::size_t top = 10;
  std::optional<ObjectiveKind> objective;  // overrides both scenarios' parameters.objective.kind
};

struct Side {
  Scenario scenario;
  plan::PlanResult result;
  PlanFigures figures;
};

// Links, plans (with the optimiser when it has time), validates and bounds one side; returns
// false when the validator rejects the plan.
// `from`: the other side, already planned, whose plan B may start from (nullptr for A).
bool plan_side(Side& side, const std::string& source, const std::string& label,
               const plan::DispatchOptions& opt, const CompareOptions& o, const Side* from,
               std::vector<std::string>& notes) {
  for (const auto& w : plan::link_scenario(side.scenario, source).warnings)
    std::cerr << "groundwork: warning: " << w << '\n';
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
    if (r.best_source == "seed") notes.push_back("B keeps A's plan: its other plans were worse");
    side.result = std::move(r.best);
  } else {
    side.result = plan::plan_linked(side.scenario, opt);
    if (seed) {
      Evaluation ev = plan::evaluate(side.scenario, side.result.tasks, *seed);
      if (ev.objective < side.result.evaluation.objective) {
        side.result.plan = std::move(*seed);
        side.result.evaluation = std::move(ev);
        notes.push_back("B keeps A's plan: the dispatch rule's plan of B was worse");
      }
    }
  }
  for (const auto& w : side.result.warnings)
    std::cerr << "groundwork: warning: " << label << ": " << w << '\n';
  const validate::Report rep =
      validate::validate_plan(side.scenario, side.result.tasks.tasks, side.result.plan);
  for (const auto& v : rep.violations)
    std::cerr << "groundwork: invalid plan of " << label << ": " << v << '\n';
  side.figures = plan::plan_figures(label, side.scenario, side.result.tasks.tasks.size(),
                                    side.result.evaluation);
  side.figures.lower_bound_people_days =
      plan::lower_bound(side.scenario, side.result.tasks).people_days;
  return rep.valid();
}

// Each side's rule follows its own objective, as `plan` does.
plan::DispatchOptions side_options(const Scenario& s, const CompareOptions& o) {
  plan::DispatchOptions opt = plan::dispatch_for_objective({}, s.params.objective);
  opt.rule = *plan::rule_from_name(o.rule);
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

// A batch of what-ifs: A planned once, each variant planned and compared with it. Under mpirun the
// ranks share the variants (each plans A itself); rank 0 gathers the comparisons in variant order
// and prints them, as one process would.
int run_batch(const CompareOptions& o) {
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
  const dist::Session mpi;
  const auto ranks = static_cast<std::size_t>(mpi.size());
  const auto rank = static_cast<std::size_t>(mpi.rank());
  const std::size_t first = variants.size() * rank / ranks;
  const std::size_t last = variants.size() * (rank + 1) / ranks;
  std::vector<std::string> ignored;
  const bool valid_a =
      plan_side(a, pa.filename().string(), "A", side_options(a.scenario, o), o, nullptr, ignored);
  const std::string la = label_of(a.scenario, pa);
  a.figures.label = la;
  std::vector<std::string> mine;
  for (std::size_t i = first; i < last; ++i) {
    Side b;
    b.scenario = a.scenario;
    std::vector<std::string> notes;
    for (const auto& c : variants[i]) notes.push_back(plan::apply_change(b.scenario, c).describe());
    const bool valid_b =
        plan_side(b, pa.filename().string() + " (variant " + std::to_string(i + 1) + ")", "B",
                  side_options(b.scenario, o), o, &a, notes);
    b.figures.label = with_changes(la, variants[i]);
    Comparison cmp = plan::compare_plans(a.figures, a.scenario, a.result.evaluation, b.figures,
                                         b.scenario, b.result.evaluation);
    cmp.notes = notes;
    nlohmann::json j;
    j["variant"] = o.variants[i];
    j["valid"] = valid_a && valid_b;
    j["comparison"] = io::compare_json(cmp, o.top);
    if (!o.json) j["text"] = io::compare_text(cmp, o.top);
    mine.push_back(j.dump());
  }
  const std::vector<std::string> all = mpi.gather(mine);
  if (mpi.rank() != 0) return kExitSuccess;
  bool valid = true;
  nlohmann::json out;
  out["a"] = la;
  out["ranks"] = mpi.size();
  out["variants"] = nlohmann::json::array();
  for (const std::string& text : all) {
    nlohmann::json j = nlohmann::json::parse(text);
    valid = valid && j["valid"].get<bool>();
    if (!o.json) {
      std::cout << "== variant: " << j["variant"].get<std::string>() << '\n'
                << j["text"].get<std::string>() << "\n  validator: "
                << (j["valid"].get<bool>() ? "both plans valid" : "A PLAN IS INVALID") << "\n\n";
    }
    j.erase("text");
    out["variants"].push_back(std::move(j));
  }
  if (o.json) std::cout << out.dump(2) << '\n';
  return valid ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
}

int run_compare(const CompareOptions& o) {
  if (!o.variants.empty()) return run_batch(o);
  if (o.scenarios.size() == 1 && o.changes.empty()) {
    throw Error(ErrorCode::kInvalidInput,
                "compare: give a second scenario or at least one --change");
  }
  std::vector<plan::ScenarioChange> changes;
  for (const auto& c : o.changes) changes.push_back(plan::parse_change(c));

  const std::filesystem::path pa = o.scenarios[0];
  const std::filesystem::path pb = o.scenarios.size() > 1 ? o.scenarios[1] : o.scenarios[0];
  Side a, b;
  a.scenario = io::read_scenario(pa);
  b.scenario = o.scenarios.size() > 1 ? io::read_scenario(pb) : a.scenario;
  std::vector<std::string> notes;
  notes.reserve(changes.size());
  for (const auto& c : changes) notes.push_back(plan::apply_change(b.scenario, c).describe());

  const std::string la = label_of(a.scenario, pa);
  const std::string lb =
      with_changes(o.scenarios.size() > 1 ? label_of(b.scenario, pb) : la, changes);

  if (o.objective) {
    a.scenario.params.objective.kind = *o.objective;
    b.scenario.params.objective.kind = *o.objective;
  }
  const bool valid_a =
      plan_side(a, pa.filename().string(), "A", side_options(a.scenario, o), o, nullptr, notes);
  const bool valid_b = plan_side(b, pb.filename().string() + (changes.empty() ? "" : " (changed)"),
                                 "B", side_options(b.scenario, o), o, &a, notes);
  a.figures.label = la;
  b.figures.label = lb;

  Comparison cmp = plan::compare_plans(a.figures, a.scenario, a.result.evaluation, b.figures,
                                       b.scenario, b.result.evaluation);
  cmp.notes = notes;
  if (o.json) {
    std::cout << io::compare_json(cmp, o.top).dump(2) << '\n';
  } else {
    std::cout << io::compare_text(cmp, o.top);
    std::cout << "\n  validator: "
              << (valid_a && valid_b ? "both plans valid" : "A PLAN IS INVALID") << '\n';
  }
  return valid_a && valid_b ? kExitSuccess : exit_status(ErrorCode::kInvalidPlan);
}

}  // namespace

void register_compare(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "compare",
      "Plan two scenarios, or one and what-if changes, and compare the key figures side by side");
  auto opt = std::make_shared<CompareOptions>();
  cmd->add_option("scenarios", opt->scenarios, "SCENARIO_A [SCENARIO_B] (JSON)")
      ->required()
      ->expected(1, 2);
  cmd->add_option(
      "--change", opt->changes,
      "A change to B, e.g. \"+500 builders\" or \"+200 deminers in manual teams\" (repeatable)");
  cmd->add_option("--variant", opt->variants,
                  "A batch of what-ifs: B is SCENARIO_A with these changes, separated by ';', "
                  "e.g. \"+500 builders; -10% deminers\" (repeatable: one comparison each; under "
                  "mpirun the ranks share them)");
  cmd->add_option("--rule", opt->rule, "Dispatch rule: nearest or impact")
      ->check(CLI::IsMember({"nearest", "impact"}));
  cmd->add_option("--time-limit", opt->time_limit_s,
                  "Seconds the optimiser may spend on each side's plan (0: the dispatch rule only)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", opt->threads, "Optimiser threads (default: every core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", opt->seed, "Optimiser seed");

  cmd->add_option("--top", opt->top,
                  "How many settlements to list among those gaining and losing most");
  cmd->add_flag("--json", opt->json, "Print one JSON object instead of the table");
  auto objective = std::make_shared<std::string>();
  cmd->add_option("--objective", *objective,
                  "What both plans minimise: return, access, weighted or makespan (default: each "
                  "scenario's parameters.objective.kind)")
      ->check(CLI::IsMember({"access", "weighted", "makespan", "return"}));
  cmd->callback([&run, opt, objective] {
    if (!objective->empty())
      opt->objective = enum_from_name<ObjectiveKind>(*objective, kObjectiveKindNames);
    run = [opt] { return run_compare(*opt); };
  });
}

}  // namespace gw::app

#include "plan/optimise.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>

#include "plan/baseline.hpp"
#include "plan/dispatch/return_priorities.hpp"
#include "plan/lower_bound.hpp"
#include "plan/objective.hpp"
#include "plan/sequence/local_search.hpp"
#include "plan/tasks.hpp"
#include "sched/search.hpp"

namespace gw::plan {

namespace {

// Each gene value sets a task's priority factor, reach factor and slowdown limit. Value 0 is the
// decoder's neutral: the impact rule's priority and reach, and no crew more than kGuard times
// slower than the fastest one for the task (DispatchOptions::slowdown_limit: a manual team must
// not hold for days a clearance on a village's only way out that a dog team would finish in
// hours). The urgent values also let crews from up to three hours away take the task; some
// values lift the limit (0) or loosen it.
struct Level {
  float priority;
  float reach;
  float slowdown;  // 0: no limit
};
constexpr float kGuard = 1.5F;
constexpr std::array<Level, 14> kLevels = {{{1, 1, kGuard},
                                            {2, 1, kGuard},
                                            {4, 1, kGuard},
                                            {16, 1, kGuard},
                                            {0.5F, 1, kGuard},
                                            {0.25F, 1, kGuard},
                                            {0.0625F, 1, kGuard},
                                            {4, 3, kGuard},
                                            {16, 3, kGuard},
                                            {64, 3, kGuard},
                                            {1, 1, 0},
                                            {1, 1, 3},
                                            {4, 1, 0},
                                            {16, 3, 1.2F}}};
constexpr int kNoLimitLevel = 10;
// The gate gene's values: the slowdown limit on the demining of every displaced settlement's gate
// (return_priorities.hpp: the hazards of its built-up area and of its essential services' sites);
// 0 for none. The neutral value limits it to twice kGuard: a 10-person manual team takes 180 days
// on a 15,600 m² forest package that a dog team clears in 30, and on the default district such
// packages under one power line held 1,000 people's return for months. kGuard itself would also
// keep manual teams off the follow-up behind machines, where dog teams are only about twice as
// fast and too few to do it all.
constexpr std::array<float, 3> kGateLimit{2 * kGuard, 0, kGuard};
// The slack gene's values: the return gains' look-ahead (DispatchOptions::return_slack_days), in
// days; 0 (neutral) for none, the impact rule's gains. The neutral genome with 120 days is seeded:
// the impact rule with it alone gives 4 % fewer people-days displaced on the default district and
// 6 % at scale 4 (60 and 250 days gave less on both). As the neutral value, 120 gave −8.5 % and
// −6.9 % in the search against −8.0 % and −7.9 % with none (docs/benchmarks.md, "The slack gene").
constexpr std::array<double, 4> kSlackDays{0, 120, 60, 240};
// Up to this many tasks the sequence search gets half the optimiser's time, beyond it a tenth.
constexpr std::size_t kSmallScenarioTasks = 2000;

// Cost of a plan for the search: the objective's value as an integer, in thousandths of a
// people-day (access, weighted) or in minutes (makespan, in days).
double cost_scale(const Objective& o) {
  return o.kind == ObjectiveKind::kMakespan ? 1440.0 : 1000.0;
}

// The objective depends on access times only: the decoder may stop once every settlement has
// access.
bool access_only(const Objective& o) {
  if (o.kind == ObjectiveKind::kAccess) return true;
  if (o.kind == ObjectiveKind::kMakespan) return false;
  const ObjectiveWeights& w = o.weights;
  const auto zero = [](double x) { return x == 0; };
  return w.road_km_day == 0 &&
         std::all_of(w.land_hectare_day.begin(), w.land_hectare_day.end(), zero) &&
         std::all_of(w.service_people_day.begin(), w.service_people_day.end(), zero);
}

// Decodes a genome (one gene per focus task: its priority level) by running the impact dispatcher
// and measures the scenario's objective. When the objective depends on access only, the run stops
// once every settlement has access: the decisions up to that moment are exactly those of the full
// run with the same factors, so the measure is exact.
// Genes: first one per group (the tasks on one late settlement's fastest restoration path in the
// lower bound), then one per settlement people left (its level's priority multiplies the return
// gains of the work it waits for: DispatchOptions::settlement_factor), then one per focus task;
// each gene is a level; then a gene for the weights of the tie-breaking gains (kWeightLevels:
// services and land, each × 1, 0 or 4) and a last gene for the dispatcher's mode (kModes:
// look-ahead and chain order on or off, which help on some districts and hurt on others,
// docs/algorithms.md). A task's factors
// are the product of its own level's and its groups' priorities, and the largest of their reaches.
class DistrictDecoder final : public sched::Decoder {
 public:
  DistrictDecoder(const Scenario& s, const TaskSet& ts, const DispatchOptions& base,
                  std::vector<TaskId> focus, std::vector<std::vector<std::uint32_t>> groups,
                  std::vector<std::uint32_t> settlements, std::vector<TaskId> gate)
      : s_(s),
        ts_(ts),
        base_(base),
        focus_(std::move(focus)),
        groups_(std::move(groups)),
        settlements_(std::move(settlements)),
        gate_(std::move(gate)),
        settlement_factor_(s.settlements.size(), 1.0F),
        factors_(ts.tasks.size(), 1.0F),
        reach_(ts.tasks.size(), 1.0F),
        slowdown_(ts.tasks.size(), 0.0F),
        scale_(cost_scale(s.params.objective)),
        service_weight_(base.service_weight),
        land_weight_(base.land_weight_people_per_ha) {
    base_.rule = Rule::kImpact;
    base_.priority_factor = &factors_;
    base_.reach_factor = &reach_;
    base_.slowdown_limit = &slowdown_;
    base_.settlement_factor = &settlement_factor_;
    base_.stop_when_all_access = access_only(s.params.objective);
    base_.stop_when_all_returned = s.params.objective.kind == ObjectiveKind::kReturn;
  }

  // The mode gene's values: bit 0 the look-ahead (crews may set off for an access task whose
  // predecessors are under way), bit 1 the chain order (DispatchOptions).
  static constexpr int kModes = 4;
  // The weights gene's values: service weight × kWeightFactor[v % 3], land × kWeightFactor[v / 3].
  static constexpr int kWeightLevels = 9;
  static constexpr std::array<double, 3> kWeightFactor{1.0, 0.0, 4.0};
  [[nodiscard]] int size() const override { return 1; }
  [[nodiscard]] int aux_size() const override {
    return static_cast<int>(groups_.size() + settlements_.size() + focus_.size() + kTailGenes);
  }
  [[nodiscard]] int aux_domain(int gene) const override {
    if (gene + 1 == aux_size()) return kModes;
    if (gene + 2 == aux_size()) return kWeightLevels;
    if (gene + 3 == aux_size()) return static_cast<int>(kGateLimit.size());
    if (gene + 4 == aux_size()) return static_cast<int>(kSlackDays.size());
    return static_cast<int>(kLevels.size());
  }
  // The genes after the focus tasks': slack, gate, weights, mode.
  static constexpr int kTailGenes = 4;
  // Index of the gate gene, and of the slack gene.
  [[nodiscard]] std::size_t gate_gene() const { return static_cast<std::size_t>(aux_size() - 3); }
  [[nodiscard]] std::size_t slack_gene() const { return static_cast<std::size_t>(aux_size() - 4); }
  [[nodiscard]] std::size_t groups() const { return groups_.size(); }

  // Mostly neutral genomes: a random tenth of the genes changed.
  void random_genome(sched::Genome& g, sched::Rng& rng) override {
    g.order = {0};
    g.aux.assign(static_cast<std::size_t>(aux_size()), 0);
    for (std::size_t i = 0; i < g.aux.size(); ++i) {
      if (rng.uniform() < 0.1) {
        const auto domain = static_cast<std::uint32_t>(aux_domain(static_cast<int>(i)));
        g.aux[i] = static_cast<int>(rng.below(domain));
      }
    }
  }

  sched::Cost decode(sched::Genome& g) override { return memo_cost(g); }
  // The search's time limit, as a deadline for each decode (DispatchOptions::deadline): a decode
  // still running then gives up and costs more than any plan.
  void set_deadline(std::chrono::steady_clock::time_point t) { base_.deadline = t; }

  // On a new best: a short first-improvement pass over single genes.
  sched::Cost improve(sched::Genome& g, sched::Cost cost, sched::Rng& rng) override {
    const std::size_t genes = g.aux.size();
    const std::size_t tries = std::min<std::size_t>(genes, 8);
    for (std::size_t i = 0; i < tries; ++i) {
      const auto gene = rng.below(static_cast<std::uint32_t>(genes));
      const int old = g.aux[gene];
      g.aux[gene] = static_cast<int>(
          rng.below(static_cast<std::uint32_t>(aux_domain(static_cast<int>(gene)))));
      if (g.aux[gene] == old) continue;
      const sched::Cost c = memo_cost(g);
      if (c == kAborted) break;
      if (c < cost) {
        cost = c;
      } else {
        g.aux[gene] = old;
      }
    }
    return cost;
  }

  [[nodiscard]] std::unique_ptr<sched::Decoder> clone() const override {
    DispatchOptions rule = base_;  // with the rule's weights, not the last genome's
    rule.service_weight = service_weight_;
    rule.land_weight_people_per_ha = land_weight_;
    return std::make_unique<DistrictDecoder>(s_, ts_, rule, focus_, groups_, settlements_, gate_);
  }

  void set_factors(const sched::Genome& g) {
    const std::size_t ng = groups_.size(), ns = settlements_.size();
    const int mode = g.aux.back();
    base_.look_ahead = (mode & 1) != 0;
    base_.chain_order = (mode & 2) != 0;
    const auto w = static_cast<std::size_t>(g.aux[g.aux.size() - 2]);
    base_.service_weight = service_weight_ * kWeightFactor[w % 3];
    base_.land_weight_people_per_ha = land_weight_ * kWeightFactor[w / 3];
    base_.return_slack_days = kSlackDays[static_cast<std::size_t>(g.aux[slack_gene()])];
    for (std::size_t i = 0; i < ns; ++i) {
      settlement_factor_[settlements_[i]] =
          kLevels[static_cast<std::size_t>(g.aux[ng + i])].priority;
    }
    // The gate's limit first: a focus task's own level (below) overrides it.
    const float gate_limit = kGateLimit[static_cast<std::size_t>(g.aux[gate_gene()])];
    for (const TaskId t : gate_) slowdown_[t.index()] = gate_limit;
    for (std::size_t i = 0; i < focus_.size(); ++i) {
      const Level& l = kLevels[static_cast<std::size_t>(g.aux[ng + ns + i])];
      factors_[focus_[i].index()] = l.priority;
      reach_[focus_[i].index()] = l.reach;
      slowdown_[focus_[i].index()] = l.slowdown;
    }
    for (std::size_t k = 0; k < ng; ++k) {
      const Level& l = kLevels[static_cast<std::size_t>(g.aux[k])];
      if (g.aux[k] == 0) continue;
      for (const std::uint32_t i : groups_[k]) {
        factors_[focus_[i].index()] *= l.priority;
        reach_[focus_[i].index()] = std::max(reach_[focus_[i].index()], l.reach);
        float& limit = slowdown_[focus_[i].index()];  // the stricter limit (0: none)
        if (l.slowdown > 0 && (limit == 0 || l.slowdown < limit)) limit = l.slowdown;
      }
    }
  }
  [[nodiscard]] const std::vector<float>& factors() const { return factors_; }
  [[nodiscard]] const std::vector<float>& reach() const { return reach_; }
  [[nodiscard]] const std::vector<float>& slowdown() const { return slowdown_; }
  [[nodiscard]] const std::vector<float>& settlement_factor() const { return settlement_factor_; }
  // The genome's options as set_factors() last set them (mode and weights).
  [[nodiscard]] const DispatchOptions& options() const { return base_; }

 private:
  // The objective's value of the genome's plan; infinity when the decode ran out of time.
  double value(const sched::Genome& g) {
    // Past the deadline, not even the dispatcher's set-up (seconds on a country network).
    if (base_.deadline && std::chrono::steady_clock::now() > *base_.deadline)
      return std::numeric_limits<double>::infinity();
    set_factors(g);
    const DispatchResult d = dispatch(s_, ts_, base_);
    if (d.aborted) return std::numeric_limits<double>::infinity();
    return evaluate(s_, ts_, d.plan).objective;
  }
  static constexpr sched::Cost kAborted = std::numeric_limits<sched::Cost>::max() / 2;
  // The decode is a function of the genes: a genome met before costs what it cost then, without a
  // dispatch. A fifth of the children are copies (a crossover of near-equal parents with no
  // mutation; on the default district 44 of 204 decodes in 40 s), so this gives the search that
  // many more distinct plans. Only dispatches count as schedules; aborted ones are not kept.
  sched::Cost memo_cost(const sched::Genome& g) {
    if (const auto it = memo_.find(g.aux); it != memo_.end()) return it->second;
    ++schedules_;
    const sched::Cost c = to_cost(value(g));
    if (c != kAborted && memo_.size() < kMemoLimit) memo_.emplace(g.aux, c);
    return c;
  }
  struct GenesHash {
    std::size_t operator()(const std::vector<int>& v) const {
      std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the genes
      for (const int x : v) h = (h ^ static_cast<std::uint32_t>(x)) * 0x100000001b3ULL;
      return static_cast<std::size_t>(h);
    }
  };
  static constexpr std::size_t kMemoLimit = 1 << 16;
  [[nodiscard]] sched::Cost to_cost(double v) const {
    return std::isfinite(v) ? std::llround(v * scale_) : kAborted;
  }

  const Scenario& s_;
  const TaskSet& ts_;
  DispatchOptions base_;
  std::vector<TaskId> focus_;
  std::vector<std::vector<std::uint32_t>> groups_;  // indices into focus_
  std::vector<std::uint32_t> settlements_;          // settlements with a gene
  std::vector<TaskId> gate_;                        // demining tasks of the gene's gates
  std::vector<float> settlement_factor_;            // per settlement
  std::vector<float> factors_;
  std::vector<float> reach_;
  std::vector<float> slowdown_;
  double scale_;
  double service_weight_;  // the rule's weights, which the weights gene multiplies
  double land_weight_;
  std::unordered_map<std::vector<int>, sched::Cost, GenesHash> memo_;  // genes -> cost
};

// Per settlement: the blocked edges of a path to a hub whose last edge opens earliest when edges
// open at `edge_open` (a bottleneck search from the hubs); empty for settlements connected at day 0
// or never.
std::vector<std::vector<EdgeId>> earliest_paths(const Scenario& s,
                                                const std::vector<Minutes>& edge_open) {
  const RoadNetwork& net = s.roads;
  using Item = std::pair<Minutes, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  std::vector<Minutes> access(net.num_nodes(), kNever);
  std::vector<EdgeId> parent(net.num_nodes());
  for (const Hub& h : s.hubs) {
    access[h.node.index()] = 0;
    heap.emplace(0, h.node.value);
  }
  while (!heap.empty()) {
    const auto [t, u] = heap.top();
    heap.pop();
    if (t > access[u]) continue;
    for (auto i = net.adj_offset[u]; i < net.adj_offset[u + 1]; ++i) {
      const EdgeId e = net.adj_edge[i];
      if (edge_open[e.index()] == kNever) continue;
      const std::uint32_t v = net.other_end(e, NodeId(u)).value;
      const Minutes nt = std::max(t, edge_open[e.index()]);
      if (nt < access[v]) {
        access[v] = nt;
        parent[v] = e;
        heap.emplace(nt, v);
      }
    }
  }
  std::vector<std::vector<EdgeId>> paths(s.settlements.size());
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    for (NodeId x = s.settlements[i].node; access[x.index()] != kNever && access[x.index()] > 0;) {
      const EdgeId e = parent[x.index()];
      if (edge_open[e.index()] > 0) paths[i].push_back(e);
      x = net.other_end(e, x);
    }
  }
  return paths;
}

PlanResult full_plan(const Scenario& s, const TaskSet& ts, const DispatchOptions& opt) {
  PlanResult r;
  r.tasks = ts;
  DispatchResult d = dispatch(s, r.tasks, opt);
  r.plan = std::move(d.plan);
  r.unassigned = std::move(d.unassigned);
  r.stats = d.stats;
  if (!r.unassigned.empty()) {
    r.warnings.push_back(std::to_string(r.unassigned.size()) +
                         " tasks could not be assigned: no crew of a fitting trade can reach them");
  }
  r.evaluation = evaluate(s, r.tasks, r.plan);
  return r;
}

void adopt_genome(const Scenario& s, const TaskSet& ts, const DispatchOptions& impact,
                  DistrictDecoder& prototype, const sched::Genome& g, OptimiseResult& out);

}  // namespace

OptimiseResult optimise(const Scenario& s, const OptimiseOptions& opt) {
  OptimiseResult out;
  const TaskSet ts = generate_tasks(s);

  DispatchOptions nearest = dispatch_for_objective(opt.dispatch, s.params.objective);
  nearest.rule = Rule::kNearest;
  nearest.priority_factor = nullptr;
  nearest.stop_when_all_access = false;
  DispatchOptions impact = nearest;
  impact.rule = Rule::kImpact;

  PlanResult rn = full_plan(s, ts, nearest);
  // The impact run also names the focus: the tasks on restoration paths at day 0.
  std::vector<TaskId> focus;
  PlanResult ri;
  {
    ri.tasks = ts;
    DispatchResult d = dispatch(s, ri.tasks, impact);
    focus = std::move(d.access_tasks);
    ri.plan = std::move(d.plan);
    ri.unassigned = std::move(d.unassigned);
    ri.stats = d.stats;
    ri.evaluation = evaluate(s, ri.tasks, ri.plan);
  }
  const Baseline base = better_rule(rn.evaluation, ri.evaluation);
  out.nearest_people_days = base.nearest_people_days;
  out.impact_people_days = base.impact_people_days;
  out.nearest_value = base.nearest_value;
  out.impact_value = base.impact_value;
  out.baseline_rule = rule_name(base.rule);
  out.baseline_people_days = base.people_days;
  out.baseline_value = base.value;
  out.best = base.rule == Rule::kImpact ? std::move(ri) : std::move(rn);
  out.best_source = out.baseline_rule;
  // ... and the lower bound's edge openings name the tasks on the paths that could open earliest:
  // one group per settlement that waits for access.
  const LowerBound lb = lower_bound(s, ts);
  out.lower_bound_people_days = lb.people_days;
  out.lower_bound_value = objective_lower_bound(s, ts, lb);
  std::vector<std::vector<std::uint32_t>> groups;
  {
    std::vector<std::uint32_t> index(ts.tasks.size(), std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i < focus.size(); ++i)
      index[focus[i].index()] = static_cast<std::uint32_t>(i);
    std::vector<std::uint32_t> mark(ts.tasks.size(), 0);
    std::uint32_t round = 0;
    std::vector<TaskId> stack;
    for (const auto& path : earliest_paths(s, lb.edge_open)) {
      if (path.empty()) continue;
      ++round;
      std::vector<std::uint32_t> group;
      for (const EdgeId e : path)
        stack.insert(stack.end(), ts.edge_blockers.begin(e.index()),
                     ts.edge_blockers.end(e.index()));
      while (!stack.empty()) {
        const TaskId t = stack.back();
        stack.pop_back();
        if (mark[t.index()] == round) continue;
        mark[t.index()] = round;
        if (index[t.index()] == std::numeric_limits<std::uint32_t>::max()) {
          index[t.index()] = static_cast<std::uint32_t>(focus.size());
          focus.push_back(t);
        }
        group.push_back(index[t.index()]);
        stack.insert(stack.end(), ts.preds.begin(t.index()), ts.preds.end(t.index()));
      }
      groups.push_back(std::move(group));
    }
  }
  // Beyond access, the builders' order matters when services weigh (every repair task is a focus
  // task) and the surveys' when land weighs (a survey unlocks or cancels its hazard); both for
  // makespan.
  {
    const Objective& o = s.params.objective;
    const auto positive = [](const auto& a) {
      return std::any_of(a.begin(), a.end(), [](double w) { return w > 0; });
    };
    const bool makespan = o.kind == ObjectiveKind::kMakespan;
    const bool weighted = o.kind == ObjectiveKind::kWeighted;
    const bool returns =
        o.kind == ObjectiveKind::kReturn ||
        (weighted && (o.weights.return_people_day > 0 || o.weights.milestone_day > 0));
    // Under the return objective the builders' order comes from the settlements' genes (below),
    // not from one gene per task (there are thousands).
    const bool repairs = makespan || (weighted && positive(o.weights.service_people_day));
    const bool surveys = makespan || (weighted && positive(o.weights.land_hectare_day));
    std::vector<char> in_focus(ts.tasks.size(), 0);
    for (const TaskId t : focus) in_focus[t.index()] = 1;
    for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
      const TaskKind k = ts.tasks[t].kind;
      if (!in_focus[t] &&
          ((repairs && k == TaskKind::kRepair) ||
           (returns && weighted && k == TaskKind::kHousing) || (surveys && k == TaskKind::kSurvey)))
        focus.push_back(TaskId::from_index(t));
    }
  }
  // One gene per settlement people left, when their return is (part of) the objective.
  std::vector<std::uint32_t> settlement_genes;
  {
    const Objective& o = s.params.objective;
    const bool returns = o.kind == ObjectiveKind::kReturn ||
                         (o.kind == ObjectiveKind::kWeighted && o.weights.return_people_day > 0);
    for (std::size_t i = 0; returns && i < s.settlements.size(); ++i) {
      if (s.settlements[i].displaced > 0) settlement_genes.push_back(static_cast<std::uint32_t>(i));
    }
  }
  // Under the return objective alone, access and the tasks on its paths do not count: the search
  // varies the settlements' genes and the mode only (thousands of task genes would dilute it).
  if (s.params.objective.kind == ObjectiveKind::kReturn) {
    focus.clear();
    groups.clear();
  }
  out.focus_tasks = focus.size();
  // Plans to start from: the result is never worse than any of them.
  for (const Plan& seed : opt.seed_plans) {
    Evaluation ev = evaluate(s, ts, seed);
    if (ev.objective < out.best.evaluation.objective) {
      PlanResult r;
      r.tasks = ts;
      r.plan = seed;
      r.evaluation = std::move(ev);
      out.best = std::move(r);
      out.best_source = "seed";
    }
  }
  if (opt.time_limit_s <= 0 && opt.max_evaluations == 0) return out;
  const auto t0 = std::chrono::steady_clock::now();
  // The priority search gets half the budget on small scenarios and nine tenths on large ones, the
  // sequence search the rest (and all of it when there is nothing to prioritise): it reorders one
  // crew's tasks at a time, which finds what priorities miss on small cases, but on the default
  // district (10,375 tasks) its 30 s improved nothing, while the priority search given them went
  // from -3.0 % to -4.8 % against the impact rule.
  const double priority_share = ts.tasks.size() <= kSmallScenarioTasks ? 0.5 : 0.9;
  const auto deadline = t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(opt.time_limit_s));
  auto sequence_search = [&] {
    sequence::SearchOptions so;
    if (opt.time_limit_s > 0) so.deadline = deadline;
    so.max_evaluations = opt.max_evaluations > 0
                             ? opt.max_evaluations - std::min(opt.max_evaluations, out.evaluations)
                             : 0;
    if (opt.max_evaluations > 0 && so.max_evaluations == 0) return;
    so.seed = opt.seed;
    so.on_improvement = [&](double v) {
      if (!opt.on_improvement) return;
      OptimiseProgress p;
      p.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      p.best_value = v;
      p.baseline_value = out.baseline_value;
      p.evaluations = out.evaluations + out.sequence_evaluations;
      opt.on_improvement(p);
    };
    const sequence::SearchOutcome so_out = sequence::improve_sequences(s, ts, out.best.plan, so);
    out.sequence_evaluations = so_out.evaluations;
    out.sequence_improvements = so_out.improvements;
    if (so_out.value < out.best.evaluation.objective) {
      PlanResult r;
      r.tasks = ts;
      r.plan = so_out.plan;
      r.plan.rule = "optimiser";
      r.evaluation = evaluate(s, ts, r.plan);
      out.best = std::move(r);
      out.best_source = "optimiser";
    }
  };
  if (focus.empty() && settlement_genes.empty()) {
    if (opt.on_search_start) opt.on_search_start();
    sequence_search();
    if (opt.on_search_end) opt.on_search_end();
    out.search_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  }

  // The demining in the settlements' gates, for the gate gene (kGateLimit).
  std::vector<TaskId> gate;
  if (!settlement_genes.empty()) {
    const dispatcher::ReturnWork work = dispatcher::return_work(s, ts);
    std::vector<char> in_gate(ts.tasks.size(), 0);
    for (std::size_t i = 0; i < work.gate.size(); ++i) {
      for (const std::uint32_t* t = work.gate.begin(i); t != work.gate.end(i); ++t) in_gate[*t] = 1;
    }
    for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
      const TaskKind k = ts.tasks[t].kind;
      if (in_gate[t] != 0 &&
          (k == TaskKind::kClearance || k == TaskKind::kFollowUp || k == TaskKind::kMechanical))
        gate.push_back(TaskId::from_index(t));
    }
  }
  DistrictDecoder prototype(s, ts, impact, focus, groups, settlement_genes, std::move(gate));
  sched::SearchParams sp;
  sp.population = 12;
  sp.time_limit_s = opt.time_limit_s * priority_share;
  sp.max_schedules = (opt.max_evaluations + 1) / 2;
  sp.threads = opt.threads > 0
                   ? opt.threads
                   : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  sp.seed = opt.seed;
  sp.mutation_rate = 1.0 / static_cast<double>(std::max(prototype.aux_size(), 10));
  // The decoder's neutral genome (the impact rule with the slowdown limit on the focus tasks) is in
  // the first population, and so are the same with look-ahead and chain order, and the impact rule
  // with look-ahead and chain order alone.
  sched::Genome neutral;
  neutral.order = {0};
  neutral.aux.assign(static_cast<std::size_t>(prototype.aux_size()), 0);
  sp.seeds.push_back(neutral);
  {
    sched::Genome both = neutral;
    both.aux.back() = DistrictDecoder::kModes - 1;
    sp.seeds.push_back(both);
    sched::Genome unlimited = both;
    std::fill(unlimited.aux.begin() + static_cast<std::ptrdiff_t>(prototype.groups()),
              unlimited.aux.end() - DistrictDecoder::kTailGenes, kNoLimitLevel);
    sp.seeds.push_back(unlimited);
    // ... and, when there are gates, the neutral genome without the gate's limit.
    if (!settlement_genes.empty()) {
      sched::Genome x = neutral;
      x.aux[prototype.gate_gene()] = 1;
      sp.seeds.push_back(x);
      // ... and the neutral genome with the return gains' look-ahead at 120 days, with and
      // without the gate's limit.
      x = neutral;
      x.aux[prototype.slack_gene()] = 1;
      sp.seeds.push_back(x);
      x.aux[prototype.gate_gene()] = 1;
      sp.seeds.push_back(x);
    }
  }
  // ... and, while the population has room, each group's path made urgent on its own.
  for (std::size_t k = 0;
       k < prototype.groups() && sp.seeds.size() < static_cast<std::size_t>(sp.population); ++k) {
    sched::Genome g = neutral;
    g.aux[k] = 8;
    sp.seeds.push_back(g);
  }
  if (opt.time_limit_s > 0) {
    prototype.set_deadline(t0 +
                           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(opt.time_limit_s * priority_share)));
  }
  const double baseline = out.baseline_value;
  const double scale = cost_scale(s.params.objective);
  std::uint64_t improvements = 0;
  sp.on_improvement = [&](const sched::Genome& /*g*/, sched::Cost c) {
    ++improvements;
    if (!opt.on_improvement) return;
    OptimiseProgress p;
    p.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    p.best_value = std::min(baseline, static_cast<double>(c) / scale);
    p.baseline_value = baseline;
    p.evaluations = improvements;
    opt.on_improvement(p);
  };
  if (opt.on_search_start) opt.on_search_start();
  const sched::SearchResult sr = sched::genetic_search(prototype, sp);
  out.evaluations = sr.schedules;
  out.genomes = sr.decodes;
  if (sr.best.aux.size() == static_cast<std::size_t>(prototype.aux_size())) {
    adopt_genome(s, ts, impact, prototype, sr.best, out);
  }
  sequence_search();
  if (opt.on_search_end) opt.on_search_end();
  out.search_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

namespace {

// The best genome's full plan: the same decisions as its decode, then every remaining task.
void adopt_genome(const Scenario& s, const TaskSet& ts, const DispatchOptions& impact,
                  DistrictDecoder& prototype, const sched::Genome& g, OptimiseResult& out) {
  prototype.set_factors(g);
  DispatchOptions final_opt = impact;
  final_opt.look_ahead = prototype.options().look_ahead;
  final_opt.chain_order = prototype.options().chain_order;
  final_opt.service_weight = prototype.options().service_weight;
  final_opt.land_weight_people_per_ha = prototype.options().land_weight_people_per_ha;
  final_opt.return_slack_days = prototype.options().return_slack_days;
  final_opt.priority_factor = &prototype.factors();
  final_opt.reach_factor = &prototype.reach();
  final_opt.slowdown_limit = &prototype.slowdown();
  final_opt.settlement_factor = &prototype.settlement_factor();
  PlanResult best = full_plan(s, ts, final_opt);
  best.plan.rule = "optimiser";
  if (best.evaluation.objective < out.best.evaluation.objective) {
    out.best = std::move(best);
    out.best_source = "optimiser";
  }
}

}  // namespace

}  // namespace gw::plan

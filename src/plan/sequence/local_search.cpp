#include "plan/sequence/local_search.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "model/random.hpp"
#include "plan/evaluate.hpp"
#include "plan/sequence/executor.hpp"
#include "plan/sequence/exhaustive.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::sequence {

namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return splitmix64_next(state_); }
  // Uniform in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

// Where each task is in the sequences, and its assignment in the executed plan.
struct Index {
  std::vector<std::uint32_t> crew;      // per task
  std::vector<std::uint32_t> position;  // per task, in its crew's sequence
  std::vector<const Assignment*> assignment;
};

Index index_of(const Sequences& seq, const Plan& plan, std::size_t tasks) {
  Index ix;
  ix.crew.assign(tasks, 0xFFFFFFFFU);
  ix.position.assign(tasks, 0);
  ix.assignment.assign(tasks, nullptr);
  for (std::size_t c = 0; c < seq.by_crew.size(); ++c) {
    for (std::size_t p = 0; p < seq.by_crew[c].size(); ++p) {
      ix.crew[seq.by_crew[c][p]] = static_cast<std::uint32_t>(c);
      ix.position[seq.by_crew[c][p]] = static_cast<std::uint32_t>(p);
    }
  }
  for (const Assignment& a : plan.assignments) ix.assignment[a.task.index()] = &a;
  return ix;
}

// The tasks that make the objective late, each with a weight: those ending exactly when a
// settlement's binding condition is met (its access, or its readiness for return), the last
// housing packages a settlement waits for, and the last tasks of the plan (makespan).
std::vector<std::pair<std::uint32_t, double>> late_tasks(const Scenario& s, const TaskSet& ts,
                                                         const Evaluation& ev) {
  std::unordered_map<Minutes, std::vector<std::uint32_t>> ending;
  for (std::size_t t = 0; t < ts.tasks.size(); ++t) {
    if (ev.task_end[t] != kNever) ending[ev.task_end[t]].push_back(static_cast<std::uint32_t>(t));
  }
  const double horizon = s.params.horizon_days;
  auto days = [&](Minutes t) {
    return t == kNever ? horizon : std::min(minutes_to_days(t), horizon);
  };
  std::vector<std::pair<std::uint32_t, double>> out;
  auto at = [&](Minutes t, double w) {
    if (t <= 0 || t == kNever || !(w > 0)) return;
    auto it = ending.find(t);
    if (it == ending.end()) return;
    for (const std::uint32_t x : it->second) out.emplace_back(x, w);
  };
  const ObjectiveKind kind = s.params.objective.kind;
  const bool ret = kind == ObjectiveKind::kReturn || kind == ObjectiveKind::kWeighted;
  const bool acc = kind == ObjectiveKind::kAccess || kind == ObjectiveKind::kWeighted;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    if (acc)
      at(ev.settlement_access[i],
         static_cast<double>(st.population) * days(ev.settlement_access[i]));
    if (ret && st.displaced > 0) {
      const double w = static_cast<double>(st.displaced) * days(ev.return_all[i]);
      at(ev.settlement_ready[i], w);
      // Housing packages ending after the settlement is ready bring people back late.
      for (const TaskId* t = ts.housing_tasks.begin(i); t != ts.housing_tasks.end(i); ++t) {
        const Minutes e = ev.task_end[t->index()];
        if (e != kNever && e > ev.settlement_ready[i]) out.emplace_back(t->value, w / 4);
      }
    }
  }
  if (kind == ObjectiveKind::kMakespan || out.empty()) {
    Minutes last = 0;
    for (const Minutes e : ev.task_end) {
      if (e != kNever) last = std::max(last, e);
    }
    at(last, 1.0);
  }
  return out;
}

// Walks up from task t along what held its start: a predecessor that ended exactly then, or the
// crew's own previous task. Returns the tasks whose start the crew's order held (the ones worth
// moving), nearest first.
std::vector<std::uint32_t> crew_bound_chain(const TaskSet& ts, const Index& ix, std::uint32_t t) {
  std::vector<std::uint32_t> out;
  for (int depth = 0; depth < 12; ++depth) {
    const Assignment* a = ix.assignment[t];
    if (a == nullptr) break;
    std::uint32_t cause = 0xFFFFFFFFU;
    for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p) {
      const Assignment* b = ix.assignment[p->index()];
      if (b != nullptr && b->end == a->start && a->start > a->depart + a->travel_min) {
        cause = p->value;
        break;
      }
    }
    if (cause == 0xFFFFFFFFU) {
      out.push_back(t);  // the crew's own order (or travel) held it
      break;
    }
    t = cause;
  }
  return out;
}

}  // namespace

SearchOutcome improve_sequences(const Scenario& s, const TaskSet& ts, const Plan& start,
                                const SearchOptions& opt) {
  SearchOutcome out;
  out.plan = start;
  out.value = evaluate(s, ts, start).objective;
  const std::size_t nc = s.crews.size();
  auto out_of_budget = [&] {
    if (opt.max_evaluations > 0 && out.evaluations >= opt.max_evaluations) return true;
    return opt.deadline && std::chrono::steady_clock::now() > *opt.deadline;
  };
  if (opt.max_evaluations == 0 && !opt.deadline) return out;
  Executor exec(s, ts);
  // Small scenarios: every sequence, exactly.
  const auto best =
      opt.exhaustive_limit > 0 ? best_sequences(s, ts, exec, opt.exhaustive_limit) : std::nullopt;
  if (best) {
    out.evaluations = best->evaluations;
    if (best->value < out.value - 1e-9) {
      out.plan = best->plan;
      out.value = best->value;
      ++out.improvements;
      if (opt.on_improvement) opt.on_improvement(out.value);
    }
    return out;
  }
  Sequences seq = sequences_of(start, nc);
  // Re-execute the start: the executed plan is the search's reference (no later than the start's
  // ends, whatever made it).
  {
    Execution e = exec.run(seq, opt.deadline);
    ++out.evaluations;
    if (e.complete) {
      const double v = evaluate(s, ts, e.plan).objective;
      if (v < out.value - 1e-9) {
        out.plan = std::move(e.plan);
        out.value = v;
        ++out.improvements;
        if (opt.on_improvement) opt.on_improvement(out.value);
      }
    }
  }
  // Crews able to do each task class.
  std::vector<std::vector<std::uint32_t>> capable(kTaskClassCount);
  for (std::size_t k = 0; k < kTaskClassCount; ++k) {
    for (std::size_t c = 0; c < nc; ++c) {
      if (daily_rate(s.crews[c], per_person_rate(s.params, s.crews[c].trade, k)) > 0)
        capable[k].push_back(static_cast<std::uint32_t>(c));
    }
  }
  Rng rng(opt.seed);
  Evaluation ev = evaluate(s, ts, out.plan);
  Sequences best_seq = sequences_of(out.plan, nc);
  seq = best_seq;
  Index ix = index_of(seq, out.plan, ts.tasks.size());
  std::vector<std::pair<std::uint32_t, double>> late = late_tasks(s, ts, ev);
  std::vector<double> cum;
  auto rebuild_weights = [&] {
    cum.clear();
    double acc = 0;
    for (const auto& [t, w] : late) cum.push_back(acc += w);
  };
  rebuild_weights();
  std::uint64_t since_best = 0;  // tries (moves executed or not) since the last improvement
  // A try that finds no move costs no evaluation: give up after this many in a row without one.
  const std::uint64_t patience = 20 * late.size() + 1000;
  while (!out_of_budget() && !late.empty() && since_best < patience) {
    ++since_best;
    // A late task, by weight; the task up its chain that the crew's order held.
    const double r = static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * cum.back();
    const std::size_t k =
        static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), r) - cum.begin());
    const std::uint32_t target = late[std::min(k, late.size() - 1)].first;
    const std::vector<std::uint32_t> chain = crew_bound_chain(ts, ix, target);
    if (chain.empty()) continue;
    const std::uint32_t t = chain.front();
    const std::uint32_t c = ix.crew[t];
    if (c == 0xFFFFFFFFU) continue;
    const std::size_t p = ix.position[t];
    Sequences trial = seq;
    // Either earlier in its own crew's sequence, or onto another capable crew, before the first
    // task that crew starts after this one's start.
    const auto& others = capable[task_class(ts.tasks[t])];
    const bool move_crew = others.size() > 1 && (p == 0 || rng.below(2) == 0);
    if (!move_crew) {
      if (p == 0) continue;
      const std::size_t back = 1 + rng.below(std::min<std::size_t>(p, rng.below(4) == 0 ? p : 4));
      auto& row = trial.by_crew[c];
      row.erase(row.begin() + static_cast<std::ptrdiff_t>(p));
      row.insert(row.begin() + static_cast<std::ptrdiff_t>(p - back), t);
    } else {
      std::uint32_t c2 = others[rng.below(others.size())];
      if (c2 == c)
        c2 = others[(std::find(others.begin(), others.end(), c) - others.begin() + 1) %
                    others.size()];
      auto& from = trial.by_crew[c];
      from.erase(from.begin() + static_cast<std::ptrdiff_t>(p));
      auto& to = trial.by_crew[c2];
      const Minutes when = ix.assignment[t] != nullptr ? ix.assignment[t]->start : 0;
      std::size_t q = 0;
      while (q < to.size() && ix.assignment[to[q]] != nullptr && ix.assignment[to[q]]->start < when)
        ++q;
      if (q > 0 && rng.below(2) == 0) --q;
      to.insert(to.begin() + static_cast<std::ptrdiff_t>(q), t);
    }
    Execution e = exec.run(trial, opt.deadline);
    ++out.evaluations;
    if (!e.complete) continue;
    const Evaluation tev = evaluate(s, ts, e.plan);
    if (tev.objective < out.value - 1e-9) {
      out.value = tev.objective;
      out.plan = std::move(e.plan);
      ++out.improvements;
      since_best = 0;
      if (opt.on_improvement) opt.on_improvement(out.value);
      seq = std::move(trial);
      ev = tev;
      ix = index_of(seq, out.plan, ts.tasks.size());
      late = late_tasks(s, ts, ev);
      rebuild_weights();
    }
  }
  out.plan.rule = start.rule;
  return out;
}

}  // namespace gw::plan::sequence

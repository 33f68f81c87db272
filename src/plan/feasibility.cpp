#include "plan/feasibility.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "model/error.hpp"
#include "network/union_find.hpp"
#include "plan/tasks.hpp"

namespace gw::plan {

namespace {

using TradeMask = std::uint32_t;
static_assert(kTradeCount <= 32);

constexpr TradeMask bit(std::size_t trade) { return TradeMask{1} << trade; }

class Closure {
 public:
  Closure(const Scenario& s, const TaskSet& ts)
      : s_(s), ts_(ts), n_(ts.tasks.size()), uf_(s.roads.num_nodes()) {}

  FeasibilityReport run() {
    const RoadNetwork& net = s_.roads;
    // Trades each task class admits (a one-person crew of the trade has a positive rate).
    std::array<TradeMask, kTaskClassCount> class_trades{};
    for (std::size_t k = 0; k < kTaskClassCount; ++k) {
      for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
        if (per_person_rate(s_.params, static_cast<Trade>(tr), k) > 0) class_trades[k] |= bit(tr);
      }
    }
    // The trades based in each node's component, from the crews that can work at all.
    trades_.assign(net.num_nodes(), 0);
    TradeMask present = 0;
    for (const Crew& c : s_.crews) {
      if (c.people <= 0 || !(c.productivity_factor > 0) || !c.base_node.valid()) continue;
      trades_[c.base_node.index()] |= bit(static_cast<std::size_t>(c.trade));
      present |= bit(static_cast<std::size_t>(c.trade));
    }
    waiting_.resize(net.num_nodes());
    blockers_left_.resize(net.num_edges());
    edge_blocked_by_.resize(n_);
    for (std::size_t e = 0; e < net.num_edges(); ++e) {
      blockers_left_[e] = static_cast<std::uint32_t>(ts_.edge_blockers.count(e));
      for (const TaskId* b = ts_.edge_blockers.begin(e); b != ts_.edge_blockers.end(e); ++b)
        edge_blocked_by_[b->index()].push_back(static_cast<std::uint32_t>(e));
    }
    succs_.resize(n_);
    preds_left_.resize(n_);
    for (std::size_t t = 0; t < n_; ++t) {
      preds_left_[t] = static_cast<std::uint32_t>(ts_.preds.count(t));
      for (const TaskId* p = ts_.preds.begin(t); p != ts_.preds.end(t); ++p)
        succs_[p->index()].push_back(static_cast<std::uint32_t>(t));
    }
    need_.resize(n_);
    done_.assign(n_, 0);
    FeasibilityReport rep;
    std::vector<std::uint8_t> no_trade(n_, 0);
    for (std::size_t t = 0; t < n_; ++t) {
      need_[t] = class_trades[task_class(ts_.tasks[t])] & present;
      no_trade[t] = need_[t] == 0;
    }
    for (std::size_t e = 0; e < net.num_edges(); ++e) {
      if (blockers_left_[e] == 0) join(net.edge_from[e].index(), net.edge_to[e].index());
    }
    for (std::size_t t = 0; t < n_; ++t) {
      if (preds_left_[t] == 0) ready(t);
    }
    drain();
    // Root causes first: a task whose predecessors are all doable failed on its own account.
    for (std::size_t t = 0; t < n_; ++t) {
      if (done_[t]) continue;
      InfeasibleTask it;
      it.task = TaskId::from_index(t);
      for (const TaskId* p = ts_.preds.begin(t); p != ts_.preds.end(t); ++p) {
        if (!done_[p->index()]) {
          it.why = Infeasibility::kBlockedByOther;
          it.blocker = *p;
          break;
        }
      }
      if (it.why != Infeasibility::kBlockedByOther) {
        it.why = no_trade[t] ? Infeasibility::kNoCapableCrew : Infeasibility::kUnreachable;
      }
      ++rep.counts[static_cast<std::size_t>(it.why)];
      rep.tasks.push_back(it);
    }
    too_long(rep);
    return rep;
  }

 private:
  // For each trade, the crew with the fewest people x productivity is the slowest on every task:
  // a doable task it would take longer than kMaxTaskDays on is reported.
  void too_long(FeasibilityReport& rep) const {
    std::array<double, kTradeCount> slowest{};
    std::array<std::size_t, kTradeCount> slowest_crew{};
    for (std::size_t c = 0; c < s_.crews.size(); ++c) {
      const Crew& cr = s_.crews[c];
      if (cr.people <= 0 || !(cr.productivity_factor > 0) || !cr.base_node.valid()) continue;
      const auto tr = static_cast<std::size_t>(cr.trade);
      const double f = static_cast<double>(cr.people) * cr.productivity_factor;
      if (slowest[tr] == 0 || f < slowest[tr]) {
        slowest[tr] = f;
        slowest_crew[tr] = c;
      }
    }
    const double calendar = 7.0 / s_.params.working_days_per_week;
    for (std::size_t t = 0; t < n_; ++t) {
      if (!done_[t]) continue;
      const std::size_t k = task_class(ts_.tasks[t]);
      InfeasibleTask worst;
      for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
        if ((need_[t] & bit(tr)) == 0) continue;
        const double rate = slowest[tr] * per_person_rate(s_.params, static_cast<Trade>(tr), k);
        const double days = ts_.tasks[t].work * ts_.tasks[t].effort / rate * calendar;
        if (!(days <= kMaxTaskDays) && !(days <= worst.days)) {
          worst.days = days;
          worst.crew = slowest_crew[tr];
        }
      }
      if (worst.days > 0) {
        worst.task = TaskId::from_index(t);
        worst.why = Infeasibility::kTooLong;
        ++rep.counts[static_cast<std::size_t>(Infeasibility::kTooLong)];
        rep.tasks.push_back(worst);
      }
    }
    std::sort(rep.tasks.begin(), rep.tasks.end(),
              [](const InfeasibleTask& a, const InfeasibleTask& b) { return a.task < b.task; });
  }

  // Joins two components. A side's waiting tasks are looked at again only when the other side
  // brings a trade it lacked, which happens at most kTradeCount times per task; lists merge small
  // into large. The closure is thus near-linear in tasks + edges.
  void join(std::size_t a, std::size_t b) {
    const auto [keep, gone] = uf_.unite(a, b);
    if (keep == gone) return;
    const TradeMask mk = trades_[keep];
    const TradeMask mg = trades_[gone];
    trades_[keep] = mk | mg;
    auto& w = waiting_[keep];
    auto& g = waiting_[gone];
    if ((mg & ~mk) != 0) release(w, mk | mg);
    if ((mk & ~mg) != 0) release(g, mk | mg);
    if (w.size() < g.size()) w.swap(g);
    w.insert(w.end(), g.begin(), g.end());
    std::vector<std::uint32_t>().swap(g);
  }

  // Queues the tasks of `w` that a trade of `m` can do; keeps the others waiting.
  void release(std::vector<std::uint32_t>& w, TradeMask m) {
    std::size_t kept = 0;
    for (const std::uint32_t t : w) {
      if (done_[t]) continue;
      if ((need_[t] & m) != 0) {
        queue_.push_back(t);
      } else {
        w[kept++] = t;
      }
    }
    w.resize(kept);
  }

  // All predecessors of t are doable: t is doable now, or waits for a capable trade to join.
  void ready(std::size_t t) {
    if (need_[t] == 0) return;
    const EdgeId e = ts_.tasks[t].site_edge;
    for (const NodeId x : {s_.roads.edge_from[e.index()], s_.roads.edge_to[e.index()]}) {
      const std::uint32_t r = uf_.find(x.index());
      if ((need_[t] & trades_[r]) != 0) {
        queue_.push_back(static_cast<std::uint32_t>(t));
        return;
      }
    }
    for (const NodeId x : {s_.roads.edge_from[e.index()], s_.roads.edge_to[e.index()]})
      waiting_[uf_.find(x.index())].push_back(static_cast<std::uint32_t>(t));
  }

  void drain() {
    while (!queue_.empty()) {
      const std::uint32_t t = queue_.back();
      queue_.pop_back();
      if (done_[t]) continue;
      done_[t] = 1;
      for (const std::uint32_t e : edge_blocked_by_[t]) {
        if (--blockers_left_[e] == 0)
          join(s_.roads.edge_from[e].index(), s_.roads.edge_to[e].index());
      }
      for (const std::uint32_t u : succs_[t]) {
        if (--preds_left_[u] == 0) ready(u);
      }
    }
  }

  const Scenario& s_;
  const TaskSet& ts_;
  std::size_t n_;
  network::UnionFind uf_;
  std::vector<TradeMask> trades_;                            // per component root
  std::vector<std::vector<std::uint32_t>> waiting_;          // per component root
  std::vector<std::uint32_t> blockers_left_;                 // per edge
  std::vector<std::vector<std::uint32_t>> edge_blocked_by_;  // per task: edges it blocks
  std::vector<std::vector<std::uint32_t>> succs_;
  std::vector<std::uint32_t> preds_left_;
  std::vector<TradeMask> need_;  // per task: trades present that can do it
  std::vector<std::uint8_t> done_;
  std::vector<std::uint32_t> queue_;
};

std::string task_label(const Scenario& s, const TaskSet& ts, TaskId id) {
  const Task& t = ts.tasks[id.index()];
  std::string l = "task " + std::to_string(id.index()) + " (" + std::string(name(t.kind));
  if (t.kind == TaskKind::kRepair && t.asset.valid()) {
    l += " of asset " + quote_value(s.assets[t.asset.index()].id);
  } else if (t.hazard.valid()) {
    l += " of hazard " + quote_value(s.hazards[t.hazard.index()].id);
  }
  return l + ")";
}

std::string trades_able(const Scenario& s, const Task& t) {
  std::string out;
  const std::size_t k = task_class(t);
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (per_person_rate(s.params, static_cast<Trade>(tr), k) > 0) {
      out += (out.empty() ? "" : ", ") + std::string(name(static_cast<Trade>(tr)));
    }
  }
  return out.empty() ? "no trade has a rate above 0 on it" : "trades able: " + out;
}

}  // namespace

FeasibilityReport check_feasibility(const Scenario& s, const TaskSet& ts) {
  return Closure(s, ts).run();
}

std::string describe(const Scenario& s, const TaskSet& ts, const FeasibilityReport& r,
                     std::size_t max_listed) {
  std::string out = std::to_string(r.tasks.size()) + " of " + std::to_string(ts.tasks.size()) +
                    " tasks can never be done (" + std::to_string(r.counts[0]) +
                    " with no crew able to do them, " + std::to_string(r.counts[1]) +
                    " out of every able crew's reach, " + std::to_string(r.counts[2]) +
                    " waiting for those, " + std::to_string(r.counts[3]) +
                    " taking some able crew over " +
                    std::to_string(static_cast<long>(kMaxTaskDays)) + " days)";
  std::size_t listed = 0;
  // Root causes first, then the blocked ones.
  for (int pass = 0; pass < 2 && listed < max_listed; ++pass) {
    for (const InfeasibleTask& it : r.tasks) {
      if (listed >= max_listed) break;
      if ((it.why == Infeasibility::kBlockedByOther) != (pass == 1)) continue;
      const Task& t = ts.tasks[it.task.index()];
      out += "\n  " + task_label(s, ts, it.task) + ": ";
      switch (it.why) {
        case Infeasibility::kNoCapableCrew:
          out += "no crew with people and a rate above 0 can do it (" + trades_able(s, t) + ")";
          break;
        case Infeasibility::kUnreachable:
          out += "no crew able to do it is based on a road that leads to its site";
          break;
        case Infeasibility::kBlockedByOther:
          out += "waits for " + task_label(s, ts, it.blocker) + ", which can never be done";
          break;
        case Infeasibility::kTooLong: {
          char days[32];
          std::snprintf(days, sizeof days, "%.3g", it.days);
          out += "crew " + quote_value(s.crews[it.crew].id) + " would take " + days +
                 " days on it (check its rates, people and productivity and the work)";
          break;
        }
      }
      ++listed;
    }
  }
  if (listed < r.tasks.size())
    out += "\n  ... and " + std::to_string(r.tasks.size() - listed) + " more";
  return out;
}

void require_feasible(const Scenario& s, const TaskSet& ts) {
  const FeasibilityReport r = check_feasibility(s, ts);
  if (!r.feasible()) throw Error(ErrorCode::kInfeasible, describe(s, ts, r));
}

}  // namespace gw::plan

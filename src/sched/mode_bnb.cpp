#include "sched/mode_bnb.hpp"

#include <algorithm>
#include <limits>

#include "sched/bnb.hpp"
#include "sched/table_index.hpp"

namespace gw::sched {

namespace {

constexpr int kInf = std::numeric_limits<int>::max() / 4;

class ModeBnb {
 public:
  ModeBnb(const Problem& p, int ub, int lb, const std::vector<int>& incumbent, double max_seconds,
          TimeBasis basis)
      : p_(p), ub_(ub), lb_(lb), clock_(basis), max_seconds_(max_seconds) {
    const std::size_t n = static_cast<std::size_t>(p.n);
    mode_.assign(n, -1);
    topo_.resize(n);
    for (int j = 0; j < p.n; ++j)
      topo_[static_cast<std::size_t>(p.rank[static_cast<std::size_t>(j)])] = j;
    used_.assign(static_cast<std::size_t>(p.N), 0);
    energy_.assign(static_cast<std::size_t>(p.R), 0);
    min_energy_.assign(n * static_cast<std::size_t>(p.R), 0);
    for (int j = 0; j < p.n; ++j) {
      for (int r = 0; r < p.R; ++r) {
        long long e = std::numeric_limits<long long>::max();
        for (int m = 0; m < nmodes(j); ++m) e = std::min(e, energy(j, m, r));
        min_energy_[cell(j, p.R, r)] = e;
        energy_[static_cast<std::size_t>(r)] += e;
      }
    }
    // Jobs with one mode are fixed from the start; the others are branched on, the largest spread
    // of durations first (their choice moves the bounds most).
    for (int j = 0; j < p.n; ++j) {
      if (nmodes(j) == 1) {
        assign(j, 0);
      } else {
        order_.push_back(j);
      }
    }
    std::stable_sort(order_.begin(), order_.end(),
                     [&](int a, int b) { return spread(a) > spread(b); });
    // Per job, the incumbent's mode first, then the others by duration.
    tries_.resize(n);
    for (int j : order_) {
      auto& t = tries_[static_cast<std::size_t>(j)];
      for (int m = 0; m < nmodes(j); ++m) t.push_back(m);
      const int inc = incumbent[static_cast<std::size_t>(j)];
      std::stable_sort(t.begin(), t.end(), [&](int a, int b) {
        if ((a == inc) != (b == inc)) return a == inc;
        return dur(j, a) < dur(j, b);
      });
    }
    build_budget_tables();
  }

  ModeExactResult run() {
    ModeExactResult res;
    res.applicable = true;
    res.makespan = ub_;
    const int K = static_cast<int>(order_.size());
    if (lb_ < ub_ && budget_ok(0) && bound() < ub_) {
      for (int d = 0; d <= K && !stop_; ++d) dfs(0, d);
    }
    res.complete = !timed_out_ && !leaf_cut_;
    res.tree_nodes = tree_nodes_;
    res.assignments = assignments_;
    res.bnb_nodes = bnb_nodes_;
    if (!best_modes_.empty()) {
      res.improved = true;
      res.makespan = ub_;
      res.modes = best_modes_;
      res.starts = best_starts_;
    }
    return res;
  }

 private:
  [[nodiscard]] int nmodes(int j) const { return p_.nmodes[static_cast<std::size_t>(j)]; }
  [[nodiscard]] int dur(int j, int m) const {
    return p_.dur[static_cast<std::size_t>(p_.jm(j, m))];
  }
  [[nodiscard]] int nrq(int j, int m, int r) const { return p_.nr[cell(p_.jm(j, m), p_.N, r)]; }
  [[nodiscard]] long long energy(int j, int m, int r) const {
    const std::size_t s = static_cast<std::size_t>(p_.jm(j, m));
    return static_cast<long long>(p_.dur[s]) *
           p_.dem[s * static_cast<std::size_t>(p_.R) + static_cast<std::size_t>(r)];
  }
  [[nodiscard]] int spread(int j) const {
    int lo = kInf;
    int hi = 0;
    for (int m = 0; m < nmodes(j); ++m) {
      lo = std::min(lo, dur(j, m));
      hi = std::max(hi, dur(j, m));
    }
    return hi - lo;
  }

  void assign(int j, int m) {
    mode_[static_cast<std::size_t>(j)] = m;
    for (int r = 0; r < p_.N; ++r) used_[static_cast<std::size_t>(r)] += nrq(j, m, r);
    for (int r = 0; r < p_.R; ++r)
      energy_[static_cast<std::size_t>(r)] += energy(j, m, r) - min_energy_[cell(j, p_.R, r)];
  }
  void unassign(int j) {
    const int m = mode_[static_cast<std::size_t>(j)];
    for (int r = 0; r < p_.N; ++r) used_[static_cast<std::size_t>(r)] -= nrq(j, m, r);
    for (int r = 0; r < p_.R; ++r)
      energy_[static_cast<std::size_t>(r)] -= energy(j, m, r) - min_energy_[cell(j, p_.R, r)];
    mode_[static_cast<std::size_t>(j)] = -1;
  }

  // Least use of each budget by the jobs order_[k..] (any mode), and for up to two budgets the
  // exact frontier: min2_[k][x] = least use of budget 1 by those jobs with budget 0's use <= x.
  void build_budget_tables() {
    const int K = static_cast<int>(order_.size());
    const int N = p_.N;
    suffix_min_.assign(table_size(K + 1, N), 0);
    for (int k = K - 1; k >= 0; --k) {
      const int j = order_[static_cast<std::size_t>(k)];
      for (int r = 0; r < N; ++r) {
        int mn = kInf;
        for (int m = 0; m < nmodes(j); ++m) mn = std::min(mn, nrq(j, m, r));
        suffix_min_[cell(k, N, r)] = suffix_min_[cell(k + 1, N, r)] + mn;
      }
    }
    if (N == 0 || N > 2 || !budget_table_fits(K + 1, p_.nr_cap[0])) return;
    c0_ = p_.nr_cap[0];
    const std::size_t w = static_cast<std::size_t>(c0_) + 1;
    std::vector<int> exact(w, kInf);
    std::vector<int> next(w);
    exact[0] = 0;
    frontier_.assign(static_cast<std::size_t>(K + 1) * w, kInf);
    auto store = [&](int k) {
      int run = kInf;
      for (std::size_t x = 0; x < w; ++x) {
        run = std::min(run, exact[x]);
        frontier_[static_cast<std::size_t>(k) * w + x] = run;
      }
    };
    store(K);
    for (int k = K - 1; k >= 0; --k) {
      const int j = order_[static_cast<std::size_t>(k)];
      std::fill(next.begin(), next.end(), kInf);
      for (std::size_t u = 0; u < w; ++u) {
        if (exact[u] >= kInf) continue;
        for (int m = 0; m < nmodes(j); ++m) {
          const std::size_t u2 = u + static_cast<std::size_t>(nrq(j, m, 0));
          if (u2 >= w) continue;
          next[u2] = std::min(next[u2], exact[u] + (N == 2 ? nrq(j, m, 1) : 0));
        }
      }
      exact.swap(next);
      store(k);
    }
  }

  // Can the jobs order_[k..] still be given modes within the budgets left?
  [[nodiscard]] bool budget_ok(int k) const {
    const int N = p_.N;
    for (int r = 0; r < N; ++r) {
      if (used_[static_cast<std::size_t>(r)] + suffix_min_[cell(k, N, r)] >
          p_.nr_cap[static_cast<std::size_t>(r)])
        return false;
    }
    if (frontier_.empty()) return true;
    const long long left0 = p_.nr_cap[0] - used_[0];
    const long long left1 = N == 2 ? p_.nr_cap[1] - used_[1] : 0;
    const std::size_t w = static_cast<std::size_t>(c0_) + 1;
    return frontier_[static_cast<std::size_t>(k) * w + static_cast<std::size_t>(left0)] <= left1;
  }

  // Critical path with the assigned durations (shortest mode for the others) and per-resource
  // energy (least energy for the others).
  int bound() {
    head_.assign(static_cast<std::size_t>(p_.n), 0);
    int b = 0;
    for (int j : topo_) {
      const std::size_t uj = static_cast<std::size_t>(j);
      const int m = mode_[uj];
      const int d = m >= 0 ? dur(j, m) : p_.min_dur[uj];
      const int f = head_[uj] + d;
      b = std::max(b, f);
      for (int c = p_.succ_off[uj]; c < p_.succ_off[uj + 1]; ++c) {
        const std::size_t s = static_cast<std::size_t>(p_.succs[static_cast<std::size_t>(c)]);
        head_[s] = std::max(head_[s], f);
      }
    }
    for (int r = 0; r < p_.R; ++r) {
      const long long c = p_.cap[static_cast<std::size_t>(r)];
      if (c > 0)
        b = std::max(b, static_cast<int>((energy_[static_cast<std::size_t>(r)] + c - 1) / c));
    }
    return b;
  }

  // Assignments of order_[k..] with exactly `disc` jobs away from the incumbent's mode.
  void dfs(int k, int disc) {
    if (stop_) return;
    if ((++tree_nodes_ & 63) == 0 && clock_.seconds() > max_seconds_) {
      stop_ = timed_out_ = true;
      return;
    }
    const int K = static_cast<int>(order_.size());
    if (disc > K - k) return;
    if (k == K) {
      leaf();
      return;
    }
    const int j = order_[static_cast<std::size_t>(k)];
    const auto& t = tries_[static_cast<std::size_t>(j)];
    for (std::size_t i = 0; i < t.size() && !stop_; ++i) {
      const int d = disc - (i == 0 ? 0 : 1);
      if (d < 0) break;
      assign(j, t[i]);
      if (budget_ok(k + 1) && bound() < ub_) dfs(k + 1, d);
      unassign(j);
    }
  }

  void leaf() {
    ++assignments_;
    const int lb = std::max(lb_, bound());
    if (lb >= ub_) return;
    const Problem f = fix_modes(p_, mode_);
    const double left = max_seconds_ - clock_.seconds();
    if (left <= 0) {
      stop_ = timed_out_ = true;
      return;
    }
    // One assignment may not take the whole budget: a hard one is cut (the search is then no
    // longer a proof) and the others still get their turn.
    const double cap = std::min(left, std::max(0.005, 0.1 * left));
    const ExactResult er = branch_and_bound(f, ub_, lb, cap, {}, clock_.basis());
    bnb_nodes_ += er.nodes;
    if (!er.complete) leaf_cut_ = true;
    if (er.improved) {
      ub_ = er.makespan;
      best_modes_ = mode_;
      best_starts_ = er.starts;
      if (ub_ <= lb_) stop_ = true;
    }
  }

  const Problem& p_;
  int ub_;
  int lb_;
  Stopwatch clock_;
  double max_seconds_;
  std::vector<int> order_, topo_, mode_, head_;
  std::vector<std::vector<int>> tries_;
  std::vector<long long> used_, energy_, min_energy_;
  std::vector<int> suffix_min_, frontier_;
  int c0_ = 0;
  std::vector<int> best_modes_, best_starts_;
  std::uint64_t tree_nodes_ = 0, assignments_ = 0, bnb_nodes_ = 0;
  bool stop_ = false;
  bool timed_out_ = false;
  bool leaf_cut_ = false;
};

}  // namespace

ModeExactResult mode_branch_and_bound(const Problem& p, int ub, int lower_bound,
                                      const std::vector<int>& incumbent_modes, double max_seconds,
                                      TimeBasis basis) {
  ModeExactResult res;
  if (!p.multi_mode() || p.n > 64 || p.n == 0 || p.R > 8 ||
      static_cast<int>(incumbent_modes.size()) != p.n)
    return res;
  ModeBnb b(p, ub, lower_bound, incumbent_modes, max_seconds, basis);
  return b.run();
}

}  // namespace gw::sched

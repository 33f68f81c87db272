// Exact single-mode search (sched/bnb.hpp): the set-up of a Bnb (durations, demands, precedence
// masks, cliques) and the driver that runs it backward, then forward. The search itself is in
// bnb_search.cpp.
#include "sched/bnb.hpp"

#include <algorithm>

#include "sched/bnb_internal.hpp"
#include "sched/bounds.hpp"
#include "sched/table_index.hpp"

namespace gw::sched {

namespace bnb_detail {

Bnb::Bnb(const Problem& p, int ub, int lb, double max_seconds, std::vector<int> guide,
         TimeBasis basis)
    : p_(p),
      n_(p.n),
      R_(p.R),
      ub_(ub),
      lb_(lb),
      guide_(std::move(guide)),
      clock_(basis),
      max_seconds_(max_seconds) {
  dur_.resize(static_cast<std::size_t>(n_));
  dem_.resize(table_size(n_, R_));
  for (int j = 0; j < n_; ++j) {
    const std::size_t s = static_cast<std::size_t>(p.jm(j, 0));
    dur_[static_cast<std::size_t>(j)] = p.dur[s];
    for (int r = 0; r < R_; ++r)
      dem_[cell(j, R_, r)] = p.dem[s * static_cast<std::size_t>(R_) + static_cast<std::size_t>(r)];
  }
  tail_ = tails(p);
  start_.assign(static_cast<std::size_t>(n_), -1);
  fin_.assign(static_cast<std::size_t>(n_), -1);
  all_ = n_ == 64 ? ~Mask{0} : ((Mask{1} << n_) - 1);
  pred_mask_.assign(static_cast<std::size_t>(n_), 0);
  for (int j = 0; j < n_; ++j) {
    for (int c = p.pred_off[static_cast<std::size_t>(j)];
         c < p.pred_off[static_cast<std::size_t>(j) + 1]; ++c) {
      pred_mask_[static_cast<std::size_t>(j)] |= Mask{1} << p.preds[static_cast<std::size_t>(c)];
    }
  }
  build_cliques();
  topo_.resize(static_cast<std::size_t>(n_));
  for (int j = 0; j < n_; ++j)
    topo_[static_cast<std::size_t>(p.rank[static_cast<std::size_t>(j)])] = j;
  head_.assign(static_cast<std::size_t>(n_), 0);
  energy_total_.assign(static_cast<std::size_t>(R_), 0);
  for (int j = 0; j < n_; ++j) {
    for (int r = 0; r < R_; ++r)
      energy_total_[static_cast<std::size_t>(r)] +=
          static_cast<long long>(dur_[static_cast<std::size_t>(j)]) * dem(j, r);
  }
}

void Bnb::build_cliques() {
  std::vector<Mask> reach(static_cast<std::size_t>(n_), 0);  // transitive successors
  std::vector<int> topo(static_cast<std::size_t>(n_));
  for (int j = 0; j < n_; ++j)
    topo[static_cast<std::size_t>(p_.rank[static_cast<std::size_t>(j)])] = j;
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const int j = *it;
    for (int c = p_.succ_off[static_cast<std::size_t>(j)];
         c < p_.succ_off[static_cast<std::size_t>(j) + 1]; ++c) {
      const int s = p_.succs[static_cast<std::size_t>(c)];
      reach[static_cast<std::size_t>(j)] |= reach[static_cast<std::size_t>(s)] | (Mask{1} << s);
    }
  }
  std::vector<Mask> inc(static_cast<std::size_t>(n_), 0);
  for (int a = 0; a < n_; ++a) {
    for (int b = 0; b < n_; ++b) {
      if (a == b || dur_[static_cast<std::size_t>(a)] == 0 ||
          dur_[static_cast<std::size_t>(b)] == 0)
        continue;
      bool x = ((reach[static_cast<std::size_t>(a)] >> b) & 1U) ||
               ((reach[static_cast<std::size_t>(b)] >> a) & 1U);
      for (int r = 0; r < R_ && !x; ++r) x = dem(a, r) + dem(b, r) > cap(r);
      if (x) inc[static_cast<std::size_t>(a)] |= Mask{1} << b;
    }
  }
  std::vector<int> by_dur(static_cast<std::size_t>(n_));
  for (int j = 0; j < n_; ++j) by_dur[static_cast<std::size_t>(j)] = j;
  std::stable_sort(by_dur.begin(), by_dur.end(), [&](int a, int b) {
    return dur_[static_cast<std::size_t>(a)] > dur_[static_cast<std::size_t>(b)];
  });
  for (int seed = 0; seed < n_; ++seed) {
    if (dur_[static_cast<std::size_t>(seed)] == 0) continue;
    Mask c = Mask{1} << seed;
    Mask cand = inc[static_cast<std::size_t>(seed)];
    for (int j : by_dur) {
      if ((cand >> j) & 1U) {
        c |= Mask{1} << j;
        cand &= inc[static_cast<std::size_t>(j)];
      }
    }
    if (__builtin_popcountll(c) < 2) continue;
    // Only the cliques that are not just a precedence chain add anything to the critical path.
    if (std::find(cliques_.begin(), cliques_.end(), c) == cliques_.end()) cliques_.push_back(c);
  }
}

}  // namespace bnb_detail

namespace {

// The same project with every arc reversed: a schedule of it read backwards (start = makespan -
// finish) is a schedule of the original. Some instances are far easier in one direction.
Problem reversed(const Problem& p) {
  Problem r = p;
  r.pred_off = p.succ_off;
  r.preds = p.succs;
  r.succ_off = p.pred_off;
  r.succs = p.preds;
  for (int j = 0; j < p.n; ++j)
    r.rank[static_cast<std::size_t>(j)] = p.n - 1 - p.rank[static_cast<std::size_t>(j)];
  return r;
}

}  // namespace

ExactResult branch_and_bound(const Problem& p, int ub, int lower_bound, double max_seconds,
                             const std::vector<int>& incumbent, TimeBasis basis) {
  ExactResult res;
  if (p.multi_mode() || p.n > 64 || p.n == 0 || p.R > 8) return res;
  // Backward first (on the PSPLIB hard cells it needs far fewer nodes more often than not), then
  // forward with what is left of the time and the improved bound.
  const Stopwatch clock(basis);
  const double back_share = 0.5;  // 0.5 vs 0.8 on the hard j30 cells: 46/50 vs 45/50 at 1 s
  const Problem rp = reversed(p);
  ExactResult er;
  {
    std::vector<int> guide;
    if (static_cast<int>(incumbent.size()) == p.n) {
      guide.resize(static_cast<std::size_t>(p.n));
      int ms = 0;
      for (int j = 0; j < p.n; ++j)
        ms = std::max(ms, incumbent[static_cast<std::size_t>(j)] +
                              p.dur[static_cast<std::size_t>(p.jm(j, 0))]);
      for (int j = 0; j < p.n; ++j)
        guide[static_cast<std::size_t>(j)] = ms - incumbent[static_cast<std::size_t>(j)] -
                                             p.dur[static_cast<std::size_t>(p.jm(j, 0))];
    }
    bnb_detail::Bnb b(rp, ub, lower_bound, max_seconds * back_share, std::move(guide), basis);
    er = b.run();
  }
  if (er.improved) {
    std::vector<int> st(static_cast<std::size_t>(p.n));
    for (int j = 0; j < p.n; ++j)
      st[static_cast<std::size_t>(j)] = er.makespan - er.starts[static_cast<std::size_t>(j)] -
                                        rp.dur[static_cast<std::size_t>(rp.jm(j, 0))];
    er.starts = st;
  }
  if (er.complete || er.makespan <= lower_bound) return er;
  const double left = max_seconds - clock.seconds();
  if (left <= 0) return er;
  bnb_detail::Bnb b(p, er.makespan, lower_bound, left, er.improved ? er.starts : incumbent, basis);
  ExactResult ef = b.run();
  ef.nodes += er.nodes;
  if (!ef.improved && er.improved) {
    ef.improved = true;
    ef.makespan = er.makespan;
    ef.starts = er.starts;
  }
  return ef;
}

}  // namespace gw::sched

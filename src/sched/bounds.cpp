#include "sched/bounds.hpp"

#include <algorithm>
#include <limits>

namespace gw::sched {

int LowerBounds::best() const { return std::max({critical_path, resource, energetic}); }

namespace {

std::vector<int> topo_jobs(const Problem& p) {
  std::vector<int> t(static_cast<std::size_t>(p.n));
  for (int j = 0; j < p.n; ++j)
    t[static_cast<std::size_t>(p.rank[static_cast<std::size_t>(j)])] = j;
  return t;
}

// True when no schedule of makespan <= T exists, by energetic reasoning: for every interval
// [a, b) built from the jobs' time windows, the energy that each job must spend inside it (minimum
// over its modes and over left/right placement) must fit the capacity.
bool refuted(const Problem& p, const std::vector<int>& head, const std::vector<int>& tail, int T) {
  const int n = p.n;
  std::vector<int> lf(static_cast<std::size_t>(n));
  std::vector<int> pts_a;
  std::vector<int> pts_b;
  for (int j = 0; j < n; ++j) {
    // tail includes the job's own (shortest) duration.
    lf[static_cast<std::size_t>(j)] =
        T - tail[static_cast<std::size_t>(j)] + p.min_dur[static_cast<std::size_t>(j)];
    if (head[static_cast<std::size_t>(j)] + p.min_dur[static_cast<std::size_t>(j)] >
        lf[static_cast<std::size_t>(j)])
      return true;
    pts_a.push_back(head[static_cast<std::size_t>(j)]);
    pts_a.push_back(lf[static_cast<std::size_t>(j)] - p.min_dur[static_cast<std::size_t>(j)]);
    pts_b.push_back(lf[static_cast<std::size_t>(j)]);
    pts_b.push_back(head[static_cast<std::size_t>(j)] + p.min_dur[static_cast<std::size_t>(j)]);
  }
  std::sort(pts_a.begin(), pts_a.end());
  pts_a.erase(std::unique(pts_a.begin(), pts_a.end()), pts_a.end());
  std::sort(pts_b.begin(), pts_b.end());
  pts_b.erase(std::unique(pts_b.begin(), pts_b.end()), pts_b.end());
  std::vector<long long> energy(static_cast<std::size_t>(p.R));
  for (int a : pts_a) {
    for (int b : pts_b) {
      if (b <= a) continue;
      std::fill(energy.begin(), energy.end(), 0);
      for (int j = 0; j < n; ++j) {
        const int es = head[static_cast<std::size_t>(j)];
        const int f = lf[static_cast<std::size_t>(j)];
        if (f <= a || es >= b) continue;
        for (int r = 0; r < p.R; ++r) {
          long long best = std::numeric_limits<long long>::max();
          for (int m = 0; m < p.nmodes[static_cast<std::size_t>(j)]; ++m) {
            const std::size_t s = static_cast<std::size_t>(p.jm(j, m));
            const int d = p.dur[s];
            const int q = p.dem[s * static_cast<std::size_t>(p.R) + static_cast<std::size_t>(r)];
            if (q == 0 || d == 0) {
              best = 0;
              break;
            }
            // A mode too long for the window cannot be used under T.
            if (es + d > f) continue;
            const int left = std::max(0, std::min(b, es + d) - std::max(a, es));
            const int right = std::max(0, std::min(b, f) - std::max(a, f - d));
            best = std::min(best, static_cast<long long>(std::min(left, right)) * q);
          }
          if (best == std::numeric_limits<long long>::max()) return true;  // no mode fits
          energy[static_cast<std::size_t>(r)] += best;
        }
      }
      for (int r = 0; r < p.R; ++r) {
        if (energy[static_cast<std::size_t>(r)] >
            static_cast<long long>(p.cap[static_cast<std::size_t>(r)]) * (b - a))
          return true;
      }
    }
  }
  return false;
}

}  // namespace

std::vector<int> heads(const Problem& p) {
  std::vector<int> h(static_cast<std::size_t>(p.n), 0);
  for (int j : topo_jobs(p)) {
    for (int c = p.succ_off[static_cast<std::size_t>(j)];
         c < p.succ_off[static_cast<std::size_t>(j) + 1]; ++c) {
      const int s = p.succs[static_cast<std::size_t>(c)];
      h[static_cast<std::size_t>(s)] =
          std::max(h[static_cast<std::size_t>(s)],
                   h[static_cast<std::size_t>(j)] + p.min_dur[static_cast<std::size_t>(j)]);
    }
  }
  return h;
}

std::vector<int> tails(const Problem& p) {
  std::vector<int> q(static_cast<std::size_t>(p.n), 0);
  const std::vector<int> topo = topo_jobs(p);
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const int j = *it;
    int mx = 0;
    for (int c = p.succ_off[static_cast<std::size_t>(j)];
         c < p.succ_off[static_cast<std::size_t>(j) + 1]; ++c) {
      mx = std::max(mx, q[static_cast<std::size_t>(p.succs[static_cast<std::size_t>(c)])]);
    }
    q[static_cast<std::size_t>(j)] = mx + p.min_dur[static_cast<std::size_t>(j)];
  }
  return q;
}

LowerBounds lower_bounds(const Problem& p, double max_seconds, TimeBasis basis) {
  LowerBounds lb;
  const std::vector<int> h = heads(p);
  const std::vector<int> q = tails(p);
  for (int j = 0; j < p.n; ++j)
    lb.critical_path = std::max(
        lb.critical_path, h[static_cast<std::size_t>(j)] + p.min_dur[static_cast<std::size_t>(j)]);
  for (int r = 0; r < p.R; ++r) {
    long long e = 0;
    for (int j = 0; j < p.n; ++j) {
      long long best = std::numeric_limits<long long>::max();
      for (int m = 0; m < p.nmodes[static_cast<std::size_t>(j)]; ++m) {
        const std::size_t s = static_cast<std::size_t>(p.jm(j, m));
        best = std::min(best,
                        static_cast<long long>(p.dur[s]) *
                            p.dem[s * static_cast<std::size_t>(p.R) + static_cast<std::size_t>(r)]);
      }
      e += best;
    }
    const long long c = p.cap[static_cast<std::size_t>(r)];
    if (c > 0) lb.resource = std::max(lb.resource, static_cast<int>((e + c - 1) / c));
  }
  int T = std::max(lb.critical_path, lb.resource);
  const Stopwatch clock(basis);
  while (T < p.horizon && refuted(p, h, q, T)) {
    ++T;
    if (clock.seconds() > max_seconds) break;
  }
  lb.energetic = T;
  return lb;
}

LowerBounds lower_bounds(const Instance& inst, double max_seconds) {
  return lower_bounds(compile(inst), max_seconds);
}

}  // namespace gw::sched

#include "sched/problem.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "model/error.hpp"

namespace gw::sched {

namespace {

bool dominates(const Mode& a, const Mode& b) {  // a at least as good as b everywhere
  if (a.duration > b.duration) return false;
  for (std::size_t r = 0; r < a.renewable.size(); ++r) {
    if (a.renewable[r] > b.renewable[r]) return false;
  }
  for (std::size_t r = 0; r < a.nonrenewable.size(); ++r) {
    if (a.nonrenewable[r] > b.nonrenewable[r]) return false;
  }
  return true;
}

}  // namespace

Problem compile(const Instance& inst) {
  validate(inst);
  Problem p;
  p.n = inst.num_jobs();
  p.R = inst.num_renewable();
  p.cap = inst.renewable_capacity;
  const int n_all = inst.num_nonrenewable();

  // 1. Usable modes per job (original indices).
  std::vector<std::vector<int>> keep(static_cast<std::size_t>(p.n));
  for (int j = 0; j < p.n; ++j) {
    const auto& modes = inst.jobs[static_cast<std::size_t>(j)].modes;
    for (int m = 0; m < static_cast<int>(modes.size()); ++m) {
      bool ok = true;
      for (int r = 0; r < p.R; ++r) {
        if (modes[static_cast<std::size_t>(m)].renewable[static_cast<std::size_t>(r)] >
            p.cap[static_cast<std::size_t>(r)])
          ok = false;
      }
      if (ok) keep[static_cast<std::size_t>(j)].push_back(m);
    }
    if (keep[static_cast<std::size_t>(j)].empty()) {
      p.infeasible = true;
      p.infeasible_reason = "job " + std::to_string(j + 1) +
                            " needs more of a renewable resource than its capacity in every mode";
    }
  }
  auto mode_of = [&](int j, int m) -> const Mode& {
    return inst.jobs[static_cast<std::size_t>(j)].modes[static_cast<std::size_t>(m)];
  };
  // 2. Non-renewable: drop modes that cannot fit with every other job at its cheapest; repeat.
  std::vector<long long> min_sum(static_cast<std::size_t>(n_all));
  bool changed = !p.infeasible;
  while (changed) {
    changed = false;
    for (int r = 0; r < n_all; ++r) {
      long long s = 0;
      for (int j = 0; j < p.n; ++j) {
        int mn = std::numeric_limits<int>::max();
        for (int m : keep[static_cast<std::size_t>(j)])
          mn = std::min(mn, mode_of(j, m).nonrenewable[static_cast<std::size_t>(r)]);
        s += mn;
      }
      min_sum[static_cast<std::size_t>(r)] = s;
      if (s > inst.nonrenewable_capacity[static_cast<std::size_t>(r)]) {
        p.infeasible = true;
        p.infeasible_reason =
            "non-renewable resource " + std::to_string(r + 1) + ": even the cheapest modes need " +
            std::to_string(s) + " > budget " +
            std::to_string(inst.nonrenewable_capacity[static_cast<std::size_t>(r)]);
      }
    }
    if (p.infeasible) break;
    for (int j = 0; j < p.n; ++j) {
      auto& k = keep[static_cast<std::size_t>(j)];
      for (int r = 0; r < n_all; ++r) {
        int mn = std::numeric_limits<int>::max();
        for (int m : k) mn = std::min(mn, mode_of(j, m).nonrenewable[static_cast<std::size_t>(r)]);
        const long long others = min_sum[static_cast<std::size_t>(r)] - mn;
        const auto before = k.size();
        std::erase_if(k, [&](int m) {
          return others + mode_of(j, m).nonrenewable[static_cast<std::size_t>(r)] >
                 inst.nonrenewable_capacity[static_cast<std::size_t>(r)];
        });
        if (k.size() != before) changed = true;
      }
    }
  }
  // 3. Dominated modes (keep the first of identical ones).
  for (int j = 0; j < p.n && !p.infeasible; ++j) {
    auto& k = keep[static_cast<std::size_t>(j)];
    std::vector<int> out;
    for (std::size_t a = 0; a < k.size(); ++a) {
      bool dominated = false;
      for (std::size_t b = 0; b < k.size() && !dominated; ++b) {
        if (a == b) continue;
        if (dominates(mode_of(j, k[b]), mode_of(j, k[a])) &&
            (!dominates(mode_of(j, k[a]), mode_of(j, k[b])) || b < a)) {
          dominated = true;
        }
      }
      if (!dominated) out.push_back(k[a]);
    }
    k = out;
  }
  if (p.infeasible) {
    for (auto& k : keep) {
      if (k.empty()) k.push_back(0);  // keep the arrays well-formed
    }
  }
  // 4. Redundant non-renewable resources: the most expensive modes fit anyway.
  std::vector<int> nr_keep;
  for (int r = 0; r < n_all; ++r) {
    long long s = 0;
    for (int j = 0; j < p.n; ++j) {
      int mx = 0;
      for (int m : keep[static_cast<std::size_t>(j)])
        mx = std::max(mx, mode_of(j, m).nonrenewable[static_cast<std::size_t>(r)]);
      s += mx;
    }
    if (s > inst.nonrenewable_capacity[static_cast<std::size_t>(r)]) nr_keep.push_back(r);
  }
  p.N = static_cast<int>(nr_keep.size());
  for (int r : nr_keep) p.nr_cap.push_back(inst.nonrenewable_capacity[static_cast<std::size_t>(r)]);

  p.M = 1;
  for (const auto& k : keep) p.M = std::max(p.M, static_cast<int>(k.size()));
  const std::size_t slots = static_cast<std::size_t>(p.n) * static_cast<std::size_t>(p.M);
  p.nmodes.assign(static_cast<std::size_t>(p.n), 0);
  p.mode_orig.assign(slots, 0);
  p.dur.assign(slots, 0);
  p.dem.assign(slots * static_cast<std::size_t>(p.R), 0);
  p.nr.assign(slots * static_cast<std::size_t>(p.N), 0);
  p.min_dur.assign(static_cast<std::size_t>(p.n), 0);
  p.nz_off.assign(slots + 1, 0);
  p.horizon = 0;
  for (int j = 0; j < p.n; ++j) {
    const auto& k = keep[static_cast<std::size_t>(j)];
    p.nmodes[static_cast<std::size_t>(j)] = static_cast<int>(k.size());
    int mx = 0;
    int mn = std::numeric_limits<int>::max();
    for (int m = 0; m < static_cast<int>(k.size()); ++m) {
      const Mode& md = mode_of(j, k[static_cast<std::size_t>(m)]);
      const std::size_t s = static_cast<std::size_t>(p.jm(j, m));
      p.mode_orig[s] = k[static_cast<std::size_t>(m)];
      p.dur[s] = md.duration;
      for (int r = 0; r < p.R; ++r)
        p.dem[s * static_cast<std::size_t>(p.R) + static_cast<std::size_t>(r)] =
            md.renewable[static_cast<std::size_t>(r)];
      for (int r = 0; r < p.N; ++r)
        p.nr[s * static_cast<std::size_t>(p.N) + static_cast<std::size_t>(r)] =
            md.nonrenewable[static_cast<std::size_t>(nr_keep[static_cast<std::size_t>(r)])];
      mx = std::max(mx, md.duration);
      mn = std::min(mn, md.duration);
    }
    p.min_dur[static_cast<std::size_t>(j)] = mn;
    p.horizon += mx;
  }
  for (std::size_t s = 0; s < slots; ++s) {
    p.nz_off[s] = static_cast<int>(p.nz_res.size());
    const int j = static_cast<int>(s) / p.M;
    const int m = static_cast<int>(s) % p.M;
    if (m >= p.nmodes[static_cast<std::size_t>(j)]) continue;
    for (int r = 0; r < p.R; ++r) {
      const int q = p.dem[s * static_cast<std::size_t>(p.R) + static_cast<std::size_t>(r)];
      if (q > 0) {
        p.nz_res.push_back(r);
        p.nz_qty.push_back(q);
      }
    }
  }
  p.nz_off[slots] = static_cast<int>(p.nz_res.size());
  // Precedence CSR.
  std::vector<std::vector<int>> pr(static_cast<std::size_t>(p.n));
  p.succ_off.assign(static_cast<std::size_t>(p.n) + 1, 0);
  for (int j = 0; j < p.n; ++j) {
    p.succ_off[static_cast<std::size_t>(j)] = static_cast<int>(p.succs.size());
    std::vector<int> s = inst.jobs[static_cast<std::size_t>(j)].successors;
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    for (int x : s) {
      p.succs.push_back(x);
      pr[static_cast<std::size_t>(x)].push_back(j);
    }
  }
  p.succ_off[static_cast<std::size_t>(p.n)] = static_cast<int>(p.succs.size());
  p.pred_off.assign(static_cast<std::size_t>(p.n) + 1, 0);
  for (int j = 0; j < p.n; ++j) {
    p.pred_off[static_cast<std::size_t>(j)] = static_cast<int>(p.preds.size());
    for (int x : pr[static_cast<std::size_t>(j)]) p.preds.push_back(x);
  }
  p.pred_off[static_cast<std::size_t>(p.n)] = static_cast<int>(p.preds.size());
  const std::vector<int> topo = topological_order(inst);
  p.rank.assign(static_cast<std::size_t>(p.n), 0);
  for (int i = 0; i < p.n; ++i)
    p.rank[static_cast<std::size_t>(topo[static_cast<std::size_t>(i)])] = i;
  return p;
}

bool find_nonrenewable_feasible_modes(const Problem& p, std::vector<int>& modes, bool* exact) {
  modes.assign(static_cast<std::size_t>(p.n), 0);
  if (exact) *exact = true;
  if (p.infeasible) return false;
  auto nrq = [&](int j, int m, int r) {
    return p.nr[static_cast<std::size_t>(p.jm(j, m)) * static_cast<std::size_t>(p.N) +
                static_cast<std::size_t>(r)];
  };
  // Prefer the shortest mode among the cheapest (a good starting point for the search).
  if (p.N == 0) {
    for (int j = 0; j < p.n; ++j) {
      int best = 0;
      for (int m = 1; m < p.nmodes[static_cast<std::size_t>(j)]; ++m) {
        if (p.dur[static_cast<std::size_t>(p.jm(j, m))] <
            p.dur[static_cast<std::size_t>(p.jm(j, best))])
          best = m;
      }
      modes[static_cast<std::size_t>(j)] = best;
    }
    return true;
  }
  if (p.N <= 2 && budget_table_fits(p.n, p.nr_cap[0])) {
    // dp over jobs: for each amount u0 of resource 0 used, the least amount of resource 1 (0 when
    // there is only one resource) and the choice that reached it.
    const int c0 = p.nr_cap[0];
    constexpr int kInf = std::numeric_limits<int>::max() / 2;
    std::vector<int> cur(static_cast<std::size_t>(c0) + 1, kInf);
    cur[0] = 0;
    std::vector<std::vector<int>> choice(static_cast<std::size_t>(p.n),
                                         std::vector<int>(static_cast<std::size_t>(c0) + 1, -1));
    for (int j = 0; j < p.n; ++j) {
      std::vector<int> nxt(static_cast<std::size_t>(c0) + 1, kInf);
      for (int u = 0; u <= c0; ++u) {
        if (cur[static_cast<std::size_t>(u)] >= kInf) continue;
        for (int m = 0; m < p.nmodes[static_cast<std::size_t>(j)]; ++m) {
          const int u2 = u + nrq(j, m, 0);
          if (u2 > c0) continue;
          const int v = cur[static_cast<std::size_t>(u)] + (p.N == 2 ? nrq(j, m, 1) : 0);
          if (v < nxt[static_cast<std::size_t>(u2)]) {
            nxt[static_cast<std::size_t>(u2)] = v;
            choice[static_cast<std::size_t>(j)][static_cast<std::size_t>(u2)] = m;
          }
        }
      }
      cur.swap(nxt);
    }
    const int c1 = p.N == 2 ? p.nr_cap[1] : 0;
    int end = -1;
    for (int u = 0; u <= c0; ++u) {
      if (cur[static_cast<std::size_t>(u)] <= c1) {
        end = u;
        break;
      }
    }
    if (end < 0) return false;
    int u = end;
    for (int j = p.n - 1; j >= 0; --j) {
      const int m = choice[static_cast<std::size_t>(j)][static_cast<std::size_t>(u)];
      modes[static_cast<std::size_t>(j)] = m;
      u -= nrq(j, m, 0);
    }
    return true;
  }
  // More than two: greedy descent on the total excess.
  if (exact) *exact = false;
  std::vector<long long> used(static_cast<std::size_t>(p.N), 0);
  for (int j = 0; j < p.n; ++j) {
    for (int r = 0; r < p.N; ++r) used[static_cast<std::size_t>(r)] += nrq(j, 0, r);
  }
  auto excess = [&]() {
    long long e = 0;
    for (int r = 0; r < p.N; ++r)
      e += std::max(0LL, used[static_cast<std::size_t>(r)] - p.nr_cap[static_cast<std::size_t>(r)]);
    return e;
  };
  // Each step costs n x modes x N^2; the step count is capped so that a huge instance gives up
  // (and reports no assignment found) within seconds instead of hours.
  const long long step_cost = static_cast<long long>(p.n) * p.M * p.N * (p.N + 1);
  const long long max_steps =
      std::min(100LL * p.n, std::max(1LL, 400000000LL / std::max(1LL, step_cost)));
  for (long long it = 0; it < max_steps && excess() > 0; ++it) {
    long long best_e = excess();
    int bj = -1;
    int bm = -1;
    for (int j = 0; j < p.n; ++j) {
      const int cm = modes[static_cast<std::size_t>(j)];
      for (int m = 0; m < p.nmodes[static_cast<std::size_t>(j)]; ++m) {
        if (m == cm) continue;
        for (int r = 0; r < p.N; ++r)
          used[static_cast<std::size_t>(r)] += nrq(j, m, r) - nrq(j, cm, r);
        const long long e = excess();
        for (int r = 0; r < p.N; ++r)
          used[static_cast<std::size_t>(r)] -= nrq(j, m, r) - nrq(j, cm, r);
        if (e < best_e) {
          best_e = e;
          bj = j;
          bm = m;
        }
      }
    }
    if (bj < 0) break;
    for (int r = 0; r < p.N; ++r)
      used[static_cast<std::size_t>(r)] +=
          nrq(bj, bm, r) - nrq(bj, modes[static_cast<std::size_t>(bj)], r);
    modes[static_cast<std::size_t>(bj)] = bm;
  }
  return excess() == 0;
}

Problem fix_modes(const Problem& p, const std::vector<int>& modes) {
  Problem f;
  f.n = p.n;
  f.R = p.R;
  f.N = 0;
  f.M = 1;
  f.cap = p.cap;
  f.pred_off = p.pred_off;
  f.preds = p.preds;
  f.succ_off = p.succ_off;
  f.succs = p.succs;
  f.rank = p.rank;
  const std::size_t n = static_cast<std::size_t>(p.n);
  const std::size_t R = static_cast<std::size_t>(p.R);
  f.nmodes.assign(n, 1);
  f.mode_orig.resize(n);
  f.dur.resize(n);
  f.dem.resize(n * R);
  f.min_dur.resize(n);
  f.nz_off.assign(n + 1, 0);
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t s = static_cast<std::size_t>(p.jm(static_cast<int>(j), modes[j]));
    f.mode_orig[j] = p.mode_orig[s];
    f.dur[j] = f.min_dur[j] = p.dur[s];
    f.horizon += p.dur[s];
    f.nz_off[j] = static_cast<int>(f.nz_res.size());
    for (std::size_t r = 0; r < R; ++r) {
      const int q = p.dem[s * R + r];
      f.dem[j * R + r] = q;
      if (q > 0) {
        f.nz_res.push_back(static_cast<int>(r));
        f.nz_qty.push_back(q);
      }
    }
  }
  f.nz_off[n] = static_cast<int>(f.nz_res.size());
  return f;
}

}  // namespace gw::sched

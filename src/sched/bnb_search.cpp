// The branch and bound's search (bnb_internal.hpp): each node extends a conflict-free partial
// schedule at its next decision point; the bounds (critical path with heads, one-machine cliques,
// timetabling) and the dominance rules (left shift, cut sets) prune it.
#include <algorithm>
#include <climits>

#include "sched/bnb_internal.hpp"
#include "sched/table_index.hpp"

namespace gw::sched::bnb_detail {

ExactResult Bnb::run() {
  ExactResult res;
  res.applicable = true;
  res.makespan = ub_;
  if (lb_ < ub_) node(0);
  res.nodes = nodes_;
  res.complete = !timed_out_;
  if (!best_.empty()) {
    res.improved = true;
    res.makespan = ub_;
    res.starts = best_;
  }
  return res;
}

bool Bnb::left_shiftable(int j, Mask sched) {
  const std::size_t uj = static_cast<std::size_t>(j);
  int es = 0;
  for (Mask m = pred_mask_[uj]; m; m &= m - 1)
    es = std::max(es, fin_[static_cast<std::size_t>(__builtin_ctzll(m))]);
  const int sj = start_[uj];
  if (es >= sj) return false;
  const int d = dur_[uj];
  // Usage by the other scheduled jobs over [es, sj + d).
  const int len = sj + d - es;
  prof_.assign(table_size(len, R_), 0);
  for (Mask m = sched & ~(Mask{1} << j); m; m &= m - 1) {
    const int k = __builtin_ctzll(m);
    const int a = std::max(es, start_[static_cast<std::size_t>(k)]);
    const int b = std::min(sj + d, fin_[static_cast<std::size_t>(k)]);
    for (int r = 0; r < R_; ++r) {
      const int q = dem(k, r);
      if (q == 0 || dem(j, r) == 0) continue;
      for (int tt = a; tt < b; ++tt) prof_[cell(tt - es, R_, r)] += q;
    }
  }
  // Latest period in [es, sj) where j does not fit; any start after it (before sj) works.
  for (int s0 = sj - 1; s0 >= es; --s0) {
    bool ok = true;
    for (int tt = s0; tt < s0 + d && ok; ++tt) {
      for (int r = 0; r < R_; ++r) {
        if (prof_[cell(tt - es, R_, r)] + dem(j, r) > cap(r)) {
          ok = false;
          break;
        }
      }
    }
    if (ok) return true;
  }
  return false;
}

int Bnb::state_bound(int tn) {
  int tnext = INT_MAX;
  for (Mask m = sched_; m; m &= m - 1) {
    const int f = fin_[static_cast<std::size_t>(__builtin_ctzll(m))];
    if (f > tn) tnext = std::min(tnext, f);
  }
  if (tnext == INT_MAX) tnext = tn;
  int bound = 0;
  for (int j : topo_) {
    const std::size_t uj = static_cast<std::size_t>(j);
    if ((sched_ >> j) & 1U) {
      head_[uj] = start_[uj];
    } else {
      int h = tnext;
      for (Mask m = pred_mask_[uj]; m; m &= m - 1) {
        const std::size_t k = static_cast<std::size_t>(__builtin_ctzll(m));
        h = std::max(h, head_[k] + dur_[k]);
      }
      head_[uj] = h;
    }
    bound = std::max(bound, head_[uj] + tail_[uj]);
  }
  if (bound >= ub_) return bound;
  int rel[64], pr[64], q[64];
  bool done[64];
  for (Mask c : cliques_) {
    int k = 0;
    for (Mask m = c; m; m &= m - 1) {
      const int j = __builtin_ctzll(m);
      const std::size_t uj = static_cast<std::size_t>(j);
      int r0;
      int pj;
      if ((sched_ >> j) & 1U) {
        if (fin_[uj] <= tn) continue;
        r0 = tn;
        pj = fin_[uj] - tn;
      } else {
        r0 = head_[uj];
        pj = dur_[uj];
      }
      rel[k] = r0;
      pr[k] = pj;
      q[k] = tail_[uj] - dur_[uj];
      done[k] = false;
      ++k;
    }
    if (k == 0) continue;
    // Jackson's preemptive schedule.
    int t = INT_MAX;
    for (int i = 0; i < k; ++i) t = std::min(t, rel[i]);
    int left = k;
    int cmax = 0;
    while (left > 0) {
      int pick = -1;
      int nextrel = INT_MAX;
      for (int i = 0; i < k; ++i) {
        if (done[i]) continue;
        if (rel[i] <= t) {
          if (pick < 0 || q[i] > q[pick]) pick = i;
        } else {
          nextrel = std::min(nextrel, rel[i]);
        }
      }
      if (pick < 0) {
        t = nextrel;
        continue;
      }
      const int run = std::min(pr[pick], nextrel == INT_MAX ? pr[pick] : nextrel - t);
      t += run;
      pr[pick] -= run;
      if (pr[pick] == 0) {
        done[pick] = true;
        --left;
        cmax = std::max(cmax, t + q[pick]);
      }
    }
    bound = std::max(bound, cmax);
    if (bound >= ub_) return bound;
  }
  // Energy with heads and tails (after the cliques: on the hard j30 cells it prunes a child
  // far less often and costs more), per resource: the jobs with head >= h and tail-after >= x put
  // all their energy inside [h, makespan - x].
  {
    int hh[64], pp[64], qq[64], idx[64];
    int k = 0;
    for (int j = 0; j < n_; ++j) {
      const std::size_t uj = static_cast<std::size_t>(j);
      if ((sched_ >> j) & 1U) {
        if (fin_[uj] <= tn) continue;
        hh[k] = tn;
        pp[k] = fin_[uj] - tn;
      } else {
        if (dur_[uj] == 0) continue;
        hh[k] = head_[uj];
        pp[k] = dur_[uj];
      }
      qq[k] = tail_[uj] - dur_[uj];
      idx[k] = j;
      ++k;
    }
    int ord[64];
    for (int i = 0; i < k; ++i) ord[i] = i;
    std::sort(ord, ord + k, [&](int a, int b) { return hh[a] > hh[b]; });
    for (int r = 0; r < R_; ++r) {
      const long long c = cap(r);
      if (c <= 0) continue;
      int byq[64];
      int m = 0;
      for (int i = 0; i < k; ++i) {
        const int a = ord[i];
        if (dem(idx[a], r) == 0) continue;
        // insert a into byq sorted by q descending
        int pos = m++;
        while (pos > 0 && qq[byq[pos - 1]] < qq[a]) {
          byq[pos] = byq[pos - 1];
          --pos;
        }
        byq[pos] = a;
        if (i + 1 < k && hh[ord[i + 1]] == hh[a]) continue;  // same threshold: add all first
        long long e = 0;
        for (int z = 0; z < m; ++z) {
          const int b = byq[z];
          e += static_cast<long long>(pp[b]) * dem(idx[b], r);
          if (z + 1 < m && qq[byq[z + 1]] == qq[b]) continue;
          bound = std::max(bound, hh[a] + static_cast<int>((e + c - 1) / c) + qq[b]);
        }
      }
      if (bound >= ub_) return bound;
    }
  }
  if (!timetable_feasible(tn)) return ub_;
  return bound;
}

bool Bnb::timetable_feasible(int tn) {
  const int T = ub_ - 1;
  const int span = T - tn;
  if (span <= 0) return true;
  prof_.assign(table_size(span, R_), 0);
  auto add = [&](int j, int a, int b, int sign) {
    a = std::max(a, tn);
    b = std::min(b, T);
    for (int r = 0; r < R_; ++r) {
      const int q = dem(j, r) * sign;
      if (q == 0) continue;
      for (int u = a; u < b; ++u) prof_[cell(u - tn, R_, r)] += q;
    }
  };
  int cs[64], ce[64];
  for (int j = 0; j < n_; ++j) {
    const std::size_t uj = static_cast<std::size_t>(j);
    cs[j] = ce[j] = 0;
    if (dur_[uj] == 0) continue;
    if ((sched_ >> j) & 1U) {
      // A job in progress may still be delayed at a later decision point (minimal delaying
      // alternatives include jobs started earlier) and then restarts at the next decision
      // point or later, by its latest start T - tail at the latest: kept or delayed, it runs
      // through [max(tn, T - tail), fin). Taking [tn, fin) as fixed pruned optimal schedules.
      if (fin_[uj] > tn) add(j, std::max(tn, T - tail_[uj]), fin_[uj], 1);
      continue;
    }
    const int ls = T - tail_[uj];
    const int ef = head_[uj] + dur_[uj];
    if (ls < ef) {
      cs[j] = ls;
      ce[j] = ef;
      add(j, ls, ef, 1);
    }
  }
  for (int u = 0; u < span; ++u) {
    for (int r = 0; r < R_; ++r) {
      if (prof_[cell(u, R_, r)] > cap(r)) return false;
    }
  }
  for (int j = 0; j < n_; ++j) {
    const std::size_t uj = static_cast<std::size_t>(j);
    if (((sched_ >> j) & 1U) || dur_[uj] == 0) continue;
    const int ls = T - tail_[uj];
    const int d = dur_[uj];
    int s0 = head_[uj];
    bool fits = false;
    while (s0 <= ls) {
      int bad = -1;
      for (int u = s0 + d - 1; u >= s0 && bad < 0; --u) {
        if (u < tn || u >= T) continue;
        const bool own = u >= cs[j] && u < ce[j];
        for (int r = 0; r < R_; ++r) {
          const int q = dem(j, r);
          if (q == 0) continue;
          const int other = prof_[cell(u - tn, R_, r)] - (own ? q : 0);
          if (other + q > cap(r)) {
            bad = u;
            break;
          }
        }
      }
      if (bad < 0) {
        fits = true;
        break;
      }
      s0 = bad + 1;
    }
    if (!fits) return false;
  }
  return true;
}

bool Bnb::dominated_by_cutset(Mask sched, int t) {
  auto it = cut_.find(sched);
  if (it == cut_.end()) return false;
  for (const Entry& e : it->second) {
    if (e.t > t) continue;
    bool dom = true;
    for (const auto& [j, f] : e.ip) {
      if (f > std::max(t, fin_[static_cast<std::size_t>(j)])) {
        dom = false;
        break;
      }
    }
    if (dom) return true;
  }
  return false;
}

void Bnb::store_cutset(Mask sched, int t) {
  if (cut_entries_ >= kMaxEntries) return;
  Entry e;
  e.t = t;
  for (Mask m = sched; m; m &= m - 1) {
    const int k = __builtin_ctzll(m);
    if (fin_[static_cast<std::size_t>(k)] > t)
      e.ip.emplace_back(k, fin_[static_cast<std::size_t>(k)]);
  }
  auto& v = cut_[sched];
  if (v.size() >= 8) return;
  v.push_back(std::move(e));
  ++cut_entries_;
}

void Bnb::node(int t) {
  if (stop_) return;
  if ((++nodes_ & 15) == 0 && clock_.seconds() > max_seconds_) {
    stop_ = timed_out_ = true;
    return;
  }
  if (sched_ == all_) {
    int ms = 0;
    for (int j = 0; j < n_; ++j) ms = std::max(ms, fin_[static_cast<std::size_t>(j)]);
    if (ms < ub_) {
      ub_ = ms;
      best_ = start_;
      guide_ = start_;
      if (ub_ <= lb_) stop_ = true;
    }
    return;
  }
  int tn = INT_MAX;
  for (Mask m = sched_; m; m &= m - 1) {
    const int f = fin_[static_cast<std::size_t>(__builtin_ctzll(m))];
    if (f > t) tn = std::min(tn, f);
  }
  if (tn == INT_MAX) tn = t;
  // Start every eligible job at tn (zero-duration jobs complete at once and may release more).
  int newly[64];
  int nnew = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (int j = 0; j < n_; ++j) {
      const Mask bit = Mask{1} << j;
      if (sched_ & bit) continue;
      const Mask pm = pred_mask_[static_cast<std::size_t>(j)];
      if ((pm & sched_) != pm) continue;
      bool ready = true;
      for (Mask m = pm; m; m &= m - 1) {
        if (fin_[static_cast<std::size_t>(__builtin_ctzll(m))] > tn) {
          ready = false;
          break;
        }
      }
      if (!ready) continue;
      start_[static_cast<std::size_t>(j)] = tn;
      fin_[static_cast<std::size_t>(j)] = tn + dur_[static_cast<std::size_t>(j)];
      sched_ |= bit;
      newly[nnew++] = j;
      if (dur_[static_cast<std::size_t>(j)] == 0) changed = true;
    }
  }
  auto undo_new = [&] {
    for (int i = 0; i < nnew; ++i) {
      const int j = newly[i];
      start_[static_cast<std::size_t>(j)] = fin_[static_cast<std::size_t>(j)] = -1;
      sched_ &= ~(Mask{1} << j);
    }
  };
  // In progress after tn.
  int ip[64];
  int nip = 0;
  int bound = 0;
  long long use[8] = {0};
  long long rem[8] = {0};
  const int RR = std::min(R_, 8);
  for (int r = 0; r < RR; ++r) rem[r] = energy_total_[static_cast<std::size_t>(r)];
  for (Mask m = sched_; m; m &= m - 1) {
    const int k = __builtin_ctzll(m);
    const std::size_t uk = static_cast<std::size_t>(k);
    const int done = std::min(fin_[uk], tn) - start_[uk];
    for (int r = 0; r < RR; ++r) rem[r] -= static_cast<long long>(done) * dem(k, r);
    if (fin_[uk] > tn) {
      ip[nip++] = k;
      bound = std::max(bound, start_[uk] + tail_[uk]);
      for (int r = 0; r < RR; ++r) use[r] += dem(k, r);
    } else if (start_[uk] == tn) {
      bound = std::max(bound, start_[uk] + tail_[uk]);
    }
  }
  for (int r = 0; r < RR; ++r) {
    if (cap(r) > 0) bound = std::max(bound, tn + static_cast<int>((rem[r] + cap(r) - 1) / cap(r)));
  }
  // Clique bounds: remaining work of each set after tn, plus the least tail after its last
  // member.
  long long csum[64];
  int ctail[64];
  const int ncl = static_cast<int>(std::min<std::size_t>(cliques_.size(), 64));
  for (int c = 0; c < ncl && bound < ub_; ++c) {
    long long sum = 0;
    int mt = INT_MAX;
    for (Mask m = cliques_[static_cast<std::size_t>(c)]; m; m &= m - 1) {
      const int k = __builtin_ctzll(m);
      const std::size_t uk = static_cast<std::size_t>(k);
      int remd;
      if (!((sched_ >> k) & 1U))
        remd = dur_[uk];
      else
        remd = std::max(0, fin_[uk] - tn);
      if (remd > 0) {
        sum += remd;
        mt = std::min(mt, tail_[uk] - dur_[uk]);
      }
    }
    csum[c] = sum;
    ctail[c] = mt == INT_MAX ? 0 : mt;
    bound = std::max(bound, tn + static_cast<int>(sum) + ctail[c]);
  }
  if (bound >= ub_) {
    undo_new();
    return;
  }
  bool conflict = false;
  for (int r = 0; r < R_; ++r) {
    long long u = 0;
    for (int i = 0; i < nip; ++i) u += dem(ip[i], r);
    if (u > cap(r)) conflict = true;
  }
  if (!conflict) {
    if (state_bound(tn) < ub_) child(tn, newly, nnew);
    undo_new();
    return;
  }
  // Minimal delaying alternatives: subsets D of the in-progress jobs, minimal for inclusion,
  // whose removal resolves the conflict at tn. Enumerated by increasing size.
  if (nip > 24) {  // out of scope for this scheme
    stop_ = timed_out_ = true;
    undo_new();
    return;
  }
  struct Alt {
    std::uint32_t set;
    int lb;
    int dev;  // disagreements with the incumbent (solution-guided search, Beck 2007)
  };
  std::vector<Alt> alts;
  std::vector<std::uint32_t> found;
  long long excess[8];
  for (int r = 0; r < RR; ++r) excess[r] = use[r] - cap(r);
  for (int size = 1; size < nip; ++size) {
    // Gosper's hack over subsets of {0..nip-1} of this size.
    std::uint32_t s = (1U << size) - 1;
    const std::uint32_t limit = 1U << nip;
    while (s < limit) {
      bool superset = false;
      for (std::uint32_t f : found) {
        if ((f & s) == f) {
          superset = true;
          break;
        }
      }
      if (!superset) {
        bool ok = true;
        for (int r = 0; r < RR && ok; ++r) {
          if (excess[r] <= 0) continue;
          long long freed = 0;
          for (std::uint32_t x = s; x; x &= x - 1) freed += dem(ip[__builtin_ctz(x)], r);
          if (freed < excess[r]) ok = false;
        }
        if (ok) {
          found.push_back(s);
          // Bound: delayed jobs restart no earlier than the next finish among the kept ones.
          int tnext = INT_MAX;
          int lb = 0;
          for (int i = 0; i < nip; ++i) {
            const std::size_t ui = static_cast<std::size_t>(ip[i]);
            if (!((s >> i) & 1U)) {
              tnext = std::min(tnext, fin_[ui]);
              lb = std::max(lb, start_[ui] + tail_[ui]);
            }
          }
          for (std::uint32_t x = s; x; x &= x - 1)
            lb = std::max(lb, tnext + tail_[static_cast<std::size_t>(ip[__builtin_ctz(x)])]);
          for (int r = 0; r < RR; ++r) {
            if (cap(r) <= 0) continue;
            long long e = rem[r];
            for (std::uint32_t x = s; x; x &= x - 1) {
              const int k = ip[__builtin_ctz(x)];
              e += static_cast<long long>(tn - start_[static_cast<std::size_t>(k)]) * dem(k, r);
            }
            lb = std::max(lb, tn + static_cast<int>((e + cap(r) - 1) / cap(r)));
          }
          for (int c = 0; c < ncl && lb < ub_; ++c) {
            long long sum = csum[c];
            int mt = ctail[c];
            for (std::uint32_t x = s; x; x &= x - 1) {
              const int k = ip[__builtin_ctz(x)];
              if (!((cliques_[static_cast<std::size_t>(c)] >> k) & 1U)) continue;
              sum += tn - start_[static_cast<std::size_t>(k)];  // full duration again
            }
            lb = std::max(lb, tn + static_cast<int>(sum) + mt);
          }
          if (lb < ub_) {
            for (std::uint32_t x = s; x; x &= x - 1) sched_ &= ~(Mask{1} << ip[__builtin_ctz(x)]);
            lb = std::max(lb, state_bound(tn));
            for (std::uint32_t x = s; x; x &= x - 1) sched_ |= Mask{1} << ip[__builtin_ctz(x)];
          }
          if (lb < ub_) {
            int dev = 0;
            if (!guide_.empty()) {
              for (int i = 0; i < nip; ++i) {
                const std::size_t ui = static_cast<std::size_t>(ip[i]);
                if ((s >> i) & 1U)
                  dev += guide_[ui] <= tn;
                else
                  dev += start_[ui] == tn && guide_[ui] > tn;
              }
            }
            alts.push_back({s, lb, dev});
          }
        }
      }
      const std::uint32_t c = s & (0U - s);
      const std::uint32_t rr = s + c;
      s = (((rr ^ s) >> 2) / c) | rr;
    }
  }
  std::stable_sort(alts.begin(), alts.end(), [](const Alt& a, const Alt& b) {
    return a.dev != b.dev ? a.dev < b.dev : a.lb < b.lb;
  });
  int saved_s[64];
  int saved_f[64];
  for (const Alt& a : alts) {
    if (stop_) break;
    if (a.lb >= ub_) continue;
    for (std::uint32_t x = a.set; x; x &= x - 1) {
      const int i = __builtin_ctz(x);
      const std::size_t u = static_cast<std::size_t>(ip[i]);
      saved_s[i] = start_[u];
      saved_f[i] = fin_[u];
      start_[u] = fin_[u] = -1;
      sched_ &= ~(Mask{1} << ip[i]);
    }
    child(tn, newly, nnew);
    for (std::uint32_t x = a.set; x; x &= x - 1) {
      const int i = __builtin_ctz(x);
      const std::size_t u = static_cast<std::size_t>(ip[i]);
      start_[u] = saved_s[i];
      fin_[u] = saved_f[i];
      sched_ |= Mask{1} << ip[i];
    }
  }
  undo_new();
}

void Bnb::child(int tn, const int* newly, int nnew) {
  for (int i = 0; i < nnew; ++i) {
    const int j = newly[i];
    if (!((sched_ >> j) & 1U) || dur_[static_cast<std::size_t>(j)] == 0) continue;
    if (left_shiftable(j, sched_)) return;
  }
  if (dominated_by_cutset(sched_, tn)) return;
  const Mask saved = sched_;
  node(tn);
  if (!stop_) store_cutset(saved, tn);
}

}  // namespace gw::sched::bnb_detail

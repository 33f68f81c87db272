#include "sched/rcpsp_decoder.hpp"

#include <algorithm>

#include "sched/bounds.hpp"

namespace gw::sched {

RcpspDecoder::RcpspDecoder(std::shared_ptr<const Problem> p, Options o)
    : p_(std::move(p)), o_(o), multi_(p_->M > 1 || p_->N > 0), sgs_(*p_) {
  const std::size_t n = static_cast<std::size_t>(p_->n);
  arcs_.assign((n * n + 63) / 64, 0);
  for (int j = 0; j < p_->n; ++j) {
    for (int c = p_->succ_off[static_cast<std::size_t>(j)];
         c < p_->succ_off[static_cast<std::size_t>(j) + 1]; ++c) {
      const std::size_t bit = static_cast<std::size_t>(j) * n +
                              static_cast<std::size_t>(p_->succs[static_cast<std::size_t>(c)]);
      arcs_[bit >> 6] |= 1ULL << (bit & 63);
    }
  }
  const std::vector<int> q = tails(*p_);
  lft_.resize(n);
  for (std::size_t j = 0; j < n; ++j) lft_[j] = p_->horizon - q[j] + p_->min_dur[j];
  start_.assign(n, 0);
  modes_.assign(n, 0);
  order_.assign(n, 0);
  npred_.assign(n, 0);
  eligible_.reserve(n);
  used_.assign(static_cast<std::size_t>(p_->N), 0);
  mode_used_ = used_;
}

RcpspDecoder::RcpspDecoder(const RcpspDecoder& o)
    : Decoder(o),
      p_(o.p_),
      o_(o.o_),
      multi_(o.multi_),
      sgs_(*p_),
      arcs_(o.arcs_),
      lft_(o.lft_),
      start_(o.start_),
      modes_(o.modes_),
      order_(o.order_),
      npred_(o.npred_),
      eligible_(o.eligible_),
      used_(o.used_),
      mode_used_(o.mode_used_) {
  schedules_ = 0;
}

std::unique_ptr<Decoder> RcpspDecoder::clone() const {
  return std::make_unique<RcpspDecoder>(*this);
}

// Regret-biased random sampling on the latest finish times (Kolisch 1996): an eligible job is drawn
// with probability proportional to (max LFT among eligible - its LFT + 1); half of the genomes are
// drawn uniformly among eligible jobs for diversity.
void RcpspDecoder::random_genome(Genome& g, Rng& rng) {
  const int n = p_->n;
  g.order.resize(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j)
    npred_[static_cast<std::size_t>(j)] =
        p_->pred_off[static_cast<std::size_t>(j) + 1] - p_->pred_off[static_cast<std::size_t>(j)];
  eligible_.clear();
  for (int j = 0; j < n; ++j) {
    if (npred_[static_cast<std::size_t>(j)] == 0) eligible_.push_back(j);
  }
  const bool biased = rng.below(2) == 0;
  for (int k = 0; k < n; ++k) {
    std::size_t pick = 0;
    if (biased) {
      int mx = 0;
      for (int j : eligible_) mx = std::max(mx, lft_[static_cast<std::size_t>(j)]);
      long long total = 0;
      for (int j : eligible_) total += mx - lft_[static_cast<std::size_t>(j)] + 1;
      long long x = static_cast<long long>(rng.uniform() * static_cast<double>(total));
      for (pick = 0; pick + 1 < eligible_.size(); ++pick) {
        x -= mx - lft_[static_cast<std::size_t>(eligible_[pick])] + 1;
        if (x < 0) break;
      }
    } else {
      pick = rng.below(static_cast<std::uint32_t>(eligible_.size()));
    }
    const int j = eligible_[pick];
    eligible_[pick] = eligible_.back();
    eligible_.pop_back();
    g.order[static_cast<std::size_t>(k)] = j;
    for (int c = p_->succ_off[static_cast<std::size_t>(j)];
         c < p_->succ_off[static_cast<std::size_t>(j) + 1]; ++c) {
      const int s = p_->succs[static_cast<std::size_t>(c)];
      if (--npred_[static_cast<std::size_t>(s)] == 0) eligible_.push_back(s);
    }
  }
  g.aux.resize(static_cast<std::size_t>(aux_size()));
  for (int j = 0; j < aux_size(); ++j) {
    g.aux[static_cast<std::size_t>(j)] = static_cast<int>(
        rng.below(static_cast<std::uint32_t>(p_->nmodes[static_cast<std::size_t>(j)])));
  }
}

// Local search on the total non-renewable excess: repeatedly apply the single mode change that
// reduces it most (ties: the shorter mode), starting from a random job. Returns the final excess.
long long RcpspDecoder::repair(std::vector<int>& modes) {
  const int N = p_->N;
  if (N == 0) return 0;
  auto nrq = [&](int j, int m, int r) {
    return p_->nr[static_cast<std::size_t>(p_->jm(j, m)) * static_cast<std::size_t>(N) +
                  static_cast<std::size_t>(r)];
  };
  for (int r = 0; r < N; ++r) {
    long long u = 0;
    for (int j = 0; j < p_->n; ++j) u += nrq(j, modes[static_cast<std::size_t>(j)], r);
    used_[static_cast<std::size_t>(r)] = u;
  }
  auto total_excess = [&]() {
    long long e = 0;
    for (int r = 0; r < N; ++r)
      e += std::max(0LL,
                    used_[static_cast<std::size_t>(r)] - p_->nr_cap[static_cast<std::size_t>(r)]);
    return e;
  };
  long long e = total_excess();
  for (int it = 0; e > 0 && it < 4 * p_->n; ++it) {
    long long best_e = e;
    int bj = -1;
    int bm = -1;
    int bd = 0;
    const int off = static_cast<int>(repair_rng_.below(static_cast<std::uint32_t>(p_->n)));
    for (int k = 0; k < p_->n; ++k) {
      const int j = (k + off) % p_->n;
      const int cm = modes[static_cast<std::size_t>(j)];
      for (int m = 0; m < p_->nmodes[static_cast<std::size_t>(j)]; ++m) {
        if (m == cm) continue;
        long long ne = 0;
        for (int r = 0; r < N; ++r) {
          ne += std::max(0LL, used_[static_cast<std::size_t>(r)] + nrq(j, m, r) - nrq(j, cm, r) -
                                  p_->nr_cap[static_cast<std::size_t>(r)]);
        }
        const int d = p_->dur[static_cast<std::size_t>(p_->jm(j, m))];
        if (ne < best_e || (ne == best_e && bj >= 0 && d < bd)) {
          best_e = ne;
          bj = j;
          bm = m;
          bd = d;
        }
      }
    }
    if (bj < 0) break;
    for (int r = 0; r < N; ++r)
      used_[static_cast<std::size_t>(r)] +=
          nrq(bj, bm, r) - nrq(bj, modes[static_cast<std::size_t>(bj)], r);
    modes[static_cast<std::size_t>(bj)] = bm;
    e = best_e;
  }
  return e;
}

Cost RcpspDecoder::decode(Genome& g) {
  if (multi_) {
    const long long e = repair(g.aux);
    if (e > 0) return infeasible_cost(e);
    modes_ = g.aux;
  }
  int ms =
      (o_.parallel_percent > 0 && static_cast<int>(repair_rng_.below(100)) < o_.parallel_percent)
          ? sgs_.parallel(g.order.data(), modes_.data(), start_.data())
          : sgs_.serial(g.order.data(), modes_.data(), start_.data());
  ++schedules_;
  if (o_.justify) {
    ms = sgs_.justify(modes_.data(), start_.data(), g.order.data());
    schedules_ += 2;
  }
  if (o_.secondary) {
    long long sum = 0;
    for (int j = 0; j < p_->n; ++j) sum += start_[static_cast<std::size_t>(j)];
    return (static_cast<Cost>(ms) << kSecondaryBits) +
           std::min<long long>(sum, (1LL << kSecondaryBits) - 1);
  }
  return ms;
}

}  // namespace gw::sched

namespace gw::sched {

// First-improvement descent over mode changes that keep every non-renewable budget: one job to
// another mode, or, when that alone breaks a budget, one job to a shorter mode paid for by a second
// job's change (the budgets of PSPLIB multi-mode sets are tight, so most useful speed-ups need a
// partner). Budget checks are incremental; only budget-feasible candidates are decoded.
Cost RcpspDecoder::improve_modes(Genome& g, Cost cost, Rng& rng) {
  const int n = p_->n;
  const int N = p_->N;
  auto nrq = [&](int j, int m, int r) {
    return p_->nr[static_cast<std::size_t>(p_->jm(j, m)) * static_cast<std::size_t>(N) +
                  static_cast<std::size_t>(r)];
  };
  auto dur = [&](int j, int m) { return p_->dur[static_cast<std::size_t>(p_->jm(j, m))]; };
  for (int r = 0; r < N; ++r) {
    long long u = 0;
    for (int j = 0; j < n; ++j) u += nrq(j, g.aux[static_cast<std::size_t>(j)], r);
    mode_used_[static_cast<std::size_t>(r)] = u;
  }
  // Budget slack after changing job j to mode m (and k to mk when k >= 0): negative = broken.
  auto fits = [&](int j, int m, int k, int mk) {
    for (int r = 0; r < N; ++r) {
      long long u = mode_used_[static_cast<std::size_t>(r)] + nrq(j, m, r) -
                    nrq(j, g.aux[static_cast<std::size_t>(j)], r);
      if (k >= 0) u += nrq(k, mk, r) - nrq(k, g.aux[static_cast<std::size_t>(k)], r);
      if (u > p_->nr_cap[static_cast<std::size_t>(r)]) return false;
    }
    return true;
  };
  auto apply = [&](int j, int m) {
    for (int r = 0; r < N; ++r)
      mode_used_[static_cast<std::size_t>(r)] +=
          nrq(j, m, r) - nrq(j, g.aux[static_cast<std::size_t>(j)], r);
    g.aux[static_cast<std::size_t>(j)] = m;
  };
  auto try_modes = [&](int j, int m, int k, int mk) {
    trial_ = g;
    trial_.aux[static_cast<std::size_t>(j)] = m;
    if (k >= 0) trial_.aux[static_cast<std::size_t>(k)] = mk;
    const Cost c = decode(trial_);
    if (c >= cost) return false;
    cost = c;
    g.order = trial_.order;
    apply(j, m);
    if (k >= 0) apply(k, mk);
    return true;
  };
  bool better = true;
  for (int pass = 0; pass < 3 && better; ++pass) {
    better = false;
    const int off = static_cast<int>(rng.below(static_cast<std::uint32_t>(n)));
    for (int a = 0; a < n && !better; ++a) {
      const int j = (a + off) % n;
      const int cm = g.aux[static_cast<std::size_t>(j)];
      for (int m = 0; m < p_->nmodes[static_cast<std::size_t>(j)] && !better; ++m) {
        if (m == cm) continue;
        if (fits(j, m, -1, 0)) {
          better = try_modes(j, m, -1, 0);
          continue;
        }
        if (dur(j, m) >= dur(j, cm)) continue;  // a partner only pays for a speed-up
        for (int b = 1; b < n && !better; ++b) {
          const int k = (j + b) % n;
          const int ck = g.aux[static_cast<std::size_t>(k)];
          for (int mk = 0; mk < p_->nmodes[static_cast<std::size_t>(k)] && !better; ++mk) {
            if (mk != ck && fits(j, m, k, mk)) better = try_modes(j, m, k, mk);
          }
        }
      }
    }
  }
  return cost;
}

Cost RcpspDecoder::improve(Genome& g, Cost cost, Rng& rng) {
  const int n = p_->n;
  if (multi_) cost = improve_modes(g, cost, rng);
  // Random shifts within the precedence window, accepted when not worse (plateau moves).
  for (int it = 0; it < n; ++it) {
    trial_ = g;
    const std::size_t i = rng.below(static_cast<std::uint32_t>(n));
    const int v = trial_.order[i];
    std::size_t lo = i;
    while (lo > 0 && !must_precede(trial_.order[lo - 1], v)) --lo;
    std::size_t hi = i;
    while (hi + 1 < trial_.order.size() && !must_precede(v, trial_.order[hi + 1])) ++hi;
    const std::size_t to = lo + rng.below(static_cast<std::uint32_t>(hi - lo + 1));
    if (to == i) continue;
    trial_.order.erase(trial_.order.begin() + static_cast<std::ptrdiff_t>(i));
    trial_.order.insert(trial_.order.begin() + static_cast<std::ptrdiff_t>(to), v);
    const Cost c = decode(trial_);
    if (c <= cost) {
      cost = c;
      g = trial_;
    }
  }
  return cost;
}

}  // namespace gw::sched

#include "sched/search.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

#include "model/random.hpp"

namespace gw::sched {

namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

using Clock = std::chrono::steady_clock;

struct Shared {
  std::mutex mu;
  Genome best;
  Cost cost = std::numeric_limits<Cost>::max();
  std::atomic<bool> stop{false};
  std::atomic<bool> reached{false};
  std::atomic<std::uint64_t> schedules{0};
  std::atomic<std::uint64_t> decodes{0};
};

class Island {
 public:
  // `t0`: the call's start (wall basis). The CPU basis measures from the island's construction,
  // which must happen on the thread that runs it.
  Island(Decoder& dec, const SearchParams& p, Shared& sh, std::uint64_t seed, Clock::time_point t0)
      : dec_(dec),
        p_(p),
        sh_(sh),
        rng_(seed),
        t0_(t0),
        cpu_(TimeBasis::kThreadCpu),
        n_(dec.size()),
        naux_(dec.aux_size()) {
    pop_size_ = std::max(4, p.population);
    restart_after_ = p.restart_after > 0 ? p.restart_after : 150 * pop_size_;
    taken_.assign(static_cast<std::size_t>(n_), 0);
  }

  [[nodiscard]] double cpu_seconds() const { return cpu_.seconds(); }

  void run() {
    pop_.resize(static_cast<std::size_t>(pop_size_));
    cost_.assign(static_cast<std::size_t>(pop_size_), std::numeric_limits<Cost>::max());
    std::size_t filled = 0;
    for (const Genome& s : p_.seeds) {
      if (filled >= pop_.size()) break;
      pop_[filled] = s;
      cost_[filled] = evaluate(pop_[filled]);
      ++filled;
      if (stopped()) return;
    }
    if (!fill_random(filled)) return;
    Genome child;
    std::uint64_t since_best = 0;
    Cost island_best = *std::min_element(cost_.begin(), cost_.end());
    // The current run (since the start or the last fresh restart): children, and the child count
    // at its last primary improvement.
    std::uint64_t run_children = 0;
    std::uint64_t run_improved_at = 0;
    Cost run_primary = dec_.primary(island_best);
    const std::uint64_t min_stall =
        static_cast<std::uint64_t>(p_.fresh_restart_min > 0 ? p_.fresh_restart_min : 2 * pop_size_);
    while (!stopped()) {
      const std::size_t a = tournament();
      std::size_t b = tournament();
      if (b == a)
        b = (a + 1 + rng_.below(static_cast<std::uint32_t>(pop_.size() - 1))) % pop_.size();
      crossover(pop_[a], pop_[b], child);
      mutate(child);
      Cost c = evaluate(child);
      if (c < island_best && !stopped()) {
        c = dec_.improve(child, c, rng_);
        note(child, c);
      }
      if (c < island_best) {
        island_best = c;
        since_best = 0;
      } else {
        ++since_best;
      }
      insert(child, c);
      ++run_children;
      if (dec_.primary(c) < run_primary) {
        run_primary = dec_.primary(c);
        run_improved_at = run_children;
      } else if (p_.fresh_restart_ratio > 0 &&
                 static_cast<double>(run_children - run_improved_at) >
                     std::max(static_cast<double>(min_stall),
                              p_.fresh_restart_ratio * static_cast<double>(run_improved_at))) {
        if (!fill_random(0)) return;
        island_best = *std::min_element(cost_.begin(), cost_.end());
        run_primary = dec_.primary(island_best);
        run_children = 0;
        run_improved_at = 0;
        since_best = 0;
        continue;
      }
      if (since_best > static_cast<std::uint64_t>(restart_after_)) {
        restart();
        since_best = 0;
      }
    }
  }

 private:
  bool stopped() {
    if (own_time_up_ || sh_.stop.load(std::memory_order_relaxed)) return true;
    if (p_.max_schedules > 0 && sh_.schedules.load(std::memory_order_relaxed) >= p_.max_schedules) {
      sh_.stop = true;
      return true;
    }
    if (p_.time_limit_s > 0 && (++clock_tick_ & 15U) == 0) {
      const double el = p_.time_basis == TimeBasis::kThreadCpu
                            ? cpu_.seconds()
                            : std::chrono::duration<double>(Clock::now() - t0_).count();
      if (el >= p_.time_limit_s) {
        // On the CPU basis every island has a budget of its own: one that ran out stops only
        // itself, so an island starved by a loaded machine still gets its share. On the wall
        // basis the clock is common and the first to see it out stops them all.
        if (p_.time_basis == TimeBasis::kThreadCpu) {
          own_time_up_ = true;
        } else {
          sh_.stop = true;
        }
        return true;
      }
    }
    return false;
  }

  // Members from `from` on become fresh random genomes. False when the search stopped meanwhile.
  // With initial_samples above the population, further fresh genomes replace the worst members
  // they beat (an oversampled start: which basin a short run ends in depends on it).
  bool fill_random(std::size_t from) {
    for (std::size_t i = from; i < pop_.size(); ++i) {
      dec_.random_genome(pop_[i], rng_);
      cost_[i] = evaluate(pop_[i]);
      if (stopped()) return false;
    }
    for (int k = pop_size_; k < p_.initial_samples; ++k) {
      dec_.random_genome(sample_, rng_);
      const Cost c = evaluate(sample_);
      insert(sample_, c);
      if (stopped()) return false;
    }
    return true;
  }

  Cost evaluate(Genome& g) {
    const Cost c = dec_.decode(g);
    note(g, c);
    return c;
  }

  // Accounts for the decoder's work and records g if it is a new overall best.
  void note(const Genome& g, Cost c) {
    sh_.schedules.fetch_add(dec_.schedules() - reported_, std::memory_order_relaxed);
    reported_ = dec_.schedules();
    sh_.decodes.fetch_add(1, std::memory_order_relaxed);
    if (c < best_seen_) {
      best_seen_ = c;
      std::lock_guard<std::mutex> lock(sh_.mu);
      if (c < sh_.cost) {
        sh_.cost = c;
        sh_.best = g;
        if (p_.on_improvement) p_.on_improvement(g, c);
      }
      if (c <= p_.target) {
        sh_.reached = true;
        sh_.stop = true;
      }
    }
  }

  std::size_t tournament() {
    const std::size_t i = rng_.below(static_cast<std::uint32_t>(pop_.size()));
    const std::size_t j = rng_.below(static_cast<std::uint32_t>(pop_.size()));
    return cost_[i] <= cost_[j] ? i : j;
  }

  // Hartmann's two-point crossover: it keeps every list precedence-feasible when both parents are.
  void crossover(const Genome& mother, const Genome& father, Genome& child) {
    child.order.resize(static_cast<std::size_t>(n_));
    std::uint32_t q1 = rng_.below(static_cast<std::uint32_t>(n_ + 1));
    std::uint32_t q2 = rng_.below(static_cast<std::uint32_t>(n_ + 1));
    if (q1 > q2) std::swap(q1, q2);
    std::fill(taken_.begin(), taken_.end(), 0);
    std::size_t k = 0;
    for (; k < q1; ++k) {
      child.order[k] = mother.order[k];
      taken_[static_cast<std::size_t>(mother.order[k])] = 1;
    }
    for (std::size_t i = 0; k < q2 && i < father.order.size(); ++i) {
      const int v = father.order[i];
      if (!taken_[static_cast<std::size_t>(v)]) {
        child.order[k++] = v;
        taken_[static_cast<std::size_t>(v)] = 1;
      }
    }
    for (std::size_t i = 0; k < static_cast<std::size_t>(n_); ++i) {
      const int v = mother.order[i];
      if (!taken_[static_cast<std::size_t>(v)]) {
        child.order[k++] = v;
        taken_[static_cast<std::size_t>(v)] = 1;
      }
    }
    child.aux.resize(static_cast<std::size_t>(naux_));
    if (naux_ > 0) {
      std::uint32_t a1 = rng_.below(static_cast<std::uint32_t>(naux_ + 1));
      std::uint32_t a2 = rng_.below(static_cast<std::uint32_t>(naux_ + 1));
      if (a1 > a2) std::swap(a1, a2);
      for (std::size_t i = 0; i < static_cast<std::size_t>(naux_); ++i) {
        child.aux[i] = (i >= a1 && i < a2) ? father.aux[i] : mother.aux[i];
      }
    }
  }

  // Moves the element at position i to a random position inside the window allowed by
  // must_precede (between its nearest predecessor and nearest successor in the list).
  void shift(Genome& g, std::size_t i) {
    const int v = g.order[i];
    std::size_t lo = i;
    while (lo > 0 && !dec_.must_precede(g.order[lo - 1], v)) --lo;
    std::size_t hi = i;
    while (hi + 1 < g.order.size() && !dec_.must_precede(v, g.order[hi + 1])) ++hi;
    const std::size_t to = lo + rng_.below(static_cast<std::uint32_t>(hi - lo + 1));
    if (to < i) {
      std::move_backward(g.order.begin() + static_cast<std::ptrdiff_t>(to),
                         g.order.begin() + static_cast<std::ptrdiff_t>(i),
                         g.order.begin() + static_cast<std::ptrdiff_t>(i + 1));
    } else if (to > i) {
      std::move(g.order.begin() + static_cast<std::ptrdiff_t>(i + 1),
                g.order.begin() + static_cast<std::ptrdiff_t>(to + 1),
                g.order.begin() + static_cast<std::ptrdiff_t>(i));
    }
    g.order[to] = v;
  }

  void mutate(Genome& g, double rate) {
    if (n_ > 1) {
      for (std::size_t i = 0; i + 1 < g.order.size(); ++i) {
        if (rng_.uniform() < rate) {
          if (rng_.below(2) == 0) {
            if (!dec_.must_precede(g.order[i], g.order[i + 1]))
              std::swap(g.order[i], g.order[i + 1]);
          } else {
            shift(g, i);
          }
        }
      }
    }
    for (std::size_t i = 0; i < g.aux.size(); ++i) {
      const int dom = dec_.aux_domain(static_cast<int>(i));
      if (dom > 1 && rng_.uniform() < rate)
        g.aux[i] = static_cast<int>(rng_.below(static_cast<std::uint32_t>(dom)));
    }
  }
  void mutate(Genome& g) { mutate(g, p_.mutation_rate); }

  void insert(const Genome& child, Cost c) {
    std::size_t worst = 0;
    for (std::size_t i = 1; i < pop_.size(); ++i) {
      if (cost_[i] > cost_[worst]) worst = i;
    }
    if (c > cost_[worst]) return;
    for (std::size_t i = 0; i < pop_.size(); ++i) {
      if (cost_[i] == c && pop_[i].order == child.order && pop_[i].aux == child.aux) return;
    }
    pop_[worst] = child;
    cost_[worst] = c;
  }

  void restart() {
    const std::size_t best =
        static_cast<std::size_t>(std::min_element(cost_.begin(), cost_.end()) - cost_.begin());
    std::swap(pop_[0], pop_[best]);
    std::swap(cost_[0], cost_[best]);
    for (std::size_t i = 1; i < pop_.size() && !stopped(); ++i) {
      if (i % 2 == 0) {
        pop_[i] = pop_[0];
        mutate(pop_[i], 0.25);
      } else {
        dec_.random_genome(pop_[i], rng_);
      }
      cost_[i] = evaluate(pop_[i]);
    }
  }

  Decoder& dec_;
  const SearchParams& p_;
  Shared& sh_;
  Rng rng_;
  Clock::time_point t0_;
  Stopwatch cpu_;
  int n_;
  int naux_;
  int pop_size_ = 40;
  int restart_after_ = 0;
  unsigned clock_tick_ = 0;
  bool own_time_up_ = false;  // this island used its CPU budget (CPU basis)
  std::uint64_t reported_ = 0;
  Cost best_seen_ = std::numeric_limits<Cost>::max();
  Genome sample_;
  std::vector<Genome> pop_;
  std::vector<Cost> cost_;
  std::vector<char> taken_;
};

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& s : s_) s = splitmix64_next(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

void Decoder::random_genome(Genome& g, Rng& rng) {
  const int n = size();
  std::vector<int> rest(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rest[static_cast<std::size_t>(i)] = i;
  g.order.clear();
  // Repeatedly pick a random element that no remaining element must precede.
  while (!rest.empty()) {
    std::vector<std::size_t> eligible;
    eligible.reserve(rest.size());
    for (std::size_t i = 0; i < rest.size(); ++i) {
      bool ok = true;
      for (std::size_t j = 0; j < rest.size() && ok; ++j) {
        if (j != i && must_precede(rest[j], rest[i])) ok = false;
      }
      if (ok) eligible.push_back(i);
    }
    const std::size_t pick = eligible[rng.below(static_cast<std::uint32_t>(eligible.size()))];
    g.order.push_back(rest[pick]);
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  g.aux.resize(static_cast<std::size_t>(aux_size()));
  for (int i = 0; i < aux_size(); ++i) {
    g.aux[static_cast<std::size_t>(i)] =
        static_cast<int>(rng.below(static_cast<std::uint32_t>(aux_domain(i))));
  }
}

SearchResult genetic_search(const Decoder& prototype, const SearchParams& params) {
  const auto t0 = Clock::now();
  Shared sh;
  const int threads = std::max(1, params.threads);
  std::vector<std::unique_ptr<Decoder>> decoders;
  decoders.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) decoders.push_back(prototype.clone());
  std::vector<double> cpu(static_cast<std::size_t>(threads), 0.0);
  auto run_island = [&](int i) {
    Island island(*decoders[static_cast<std::size_t>(i)], params, sh,
                  params.seed + static_cast<std::uint64_t>(i) * 0x632be59bd9b4e019ULL, t0);
    island.run();
    cpu[static_cast<std::size_t>(i)] = island.cpu_seconds();
  };
  if (threads == 1) {
    run_island(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) pool.emplace_back(run_island, i);
    for (auto& t : pool) t.join();
  }
  SearchResult r;
  r.best = std::move(sh.best);
  r.cost = sh.cost;
  r.schedules = sh.schedules.load();
  r.decodes = sh.decodes.load();
  r.reached_target = sh.reached.load();
  for (double c : cpu) r.cpu_seconds += c;
  r.seconds = params.time_basis == TimeBasis::kThreadCpu
                  ? *std::max_element(cpu.begin(), cpu.end())
                  : std::chrono::duration<double>(Clock::now() - t0).count();
  return r;
}

}  // namespace gw::sched

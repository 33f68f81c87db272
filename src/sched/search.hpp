// The generic search layer: a steady-state genetic algorithm over priority lists (plus optional
// integer "aux" genes such as execution modes) that drives any Decoder. It knows nothing of
// projects, resources or time: a decoder turns a genome into a cost, may improve the genome in
// place (Lamarckian: e.g. forward-backward improvement rewrites the list in the order of the
// improved schedule) and reports how many schedules it generated. The district optimiser plugs its
// own decoder in the same way.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "sched/clock.hpp"

namespace gw::sched {

using Cost = std::int64_t;
inline constexpr Cost kNoTarget = std::numeric_limits<Cost>::min();

// xoshiro256** : small, fast, good enough, and identical on every platform (unlike std::
// distributions), so a seed fixes a run.
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1);
  std::uint64_t next();
  // Uniform in [0, n), n > 0.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t s_[4] = {};
};

struct Genome {
  std::vector<int> order;  // a permutation of 0 .. size()-1 (the priority list)
  std::vector<int> aux;    // aux_size() genes, gene i in [0, aux_domain(i))
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  [[nodiscard]] virtual int size() const = 0;
  [[nodiscard]] virtual int aux_size() const { return 0; }
  [[nodiscard]] virtual int aux_domain(int /*gene*/) const { return 1; }
  // True when a must come before b in every valid list. Only pairs that may end up adjacent are
  // asked, so direct precedence arcs suffice. Default: any permutation is valid.
  [[nodiscard]] virtual bool must_precede(int /*a*/, int /*b*/) const { return false; }
  // A fresh random genome (may be biased by a priority rule). The default draws a uniformly random
  // list that respects must_precede and uniformly random aux genes.
  virtual void random_genome(Genome& g, Rng& rng);
  // Decodes g into a solution and returns its cost (lower is better). May rewrite g into an
  // equivalent or better genome. Must add the number of schedules it generated to `schedules_`.
  virtual Cost decode(Genome& g) = 0;
  // Optional local improvement, called by the search on each new best of an island: may replace g
  // by a better genome and return its cost (the default does nothing). `cost` is g's cost.
  virtual Cost improve(Genome& /*g*/, Cost cost, Rng& /*rng*/) { return cost; }
  // The part of a cost whose improvement counts as progress for stall-based restarts (e.g. a
  // makespan without its tie-breaker). Default: the whole cost.
  [[nodiscard]] virtual Cost primary(Cost c) const { return c; }
  // An independent copy for another thread.
  [[nodiscard]] virtual std::unique_ptr<Decoder> clone() const = 0;

  [[nodiscard]] std::uint64_t schedules() const { return schedules_; }

 protected:
  Decoder() = default;
  Decoder(const Decoder&) = default;
  Decoder& operator=(const Decoder&) = default;
  std::uint64_t schedules_ = 0;
};

struct SearchParams {
  int population = 40;
  double time_limit_s = 1.0;  // <= 0: no time limit
  // kWall: every island stops once time_limit_s of real time has passed since the call.
  // kThreadCpu: every island stops once its own thread has used time_limit_s of CPU time.
  TimeBasis time_basis = TimeBasis::kWall;
  std::uint64_t max_schedules = 0;  // 0: no limit (counted over all threads)
  int threads = 1;
  std::uint64_t seed = 1;
  Cost target = kNoTarget;      // stop as soon as a cost <= target is found (a proven bound)
  double mutation_rate = 0.05;  // per-position probability of a mutation move
  int restart_after = 0;        // children without a new best before a restart (0: auto)
  // Stall-based fresh restarts (0: off). An island counts the children of its current run; once
  // the run has gone `fresh_restart_ratio` times as many children without improving its primary
  // cost (Decoder::primary) as it needed to reach its best (at least 2 x population), it drops the
  // whole population and starts an independent run from random genomes. The overall best is kept
  // outside the population. A run converges early and then mostly polishes tie-breakers, so on a
  // long time limit independent runs find more than one long run.
  double fresh_restart_ratio = 0.0;
  int fresh_restart_min = 0;  // least stall, in children, before such a restart (0: 2 x population)
  // Fresh genomes drawn for an initial population (also after a fresh restart); the best
  // `population` distinct ones are kept. <= population: just the population.
  int initial_samples = 0;
  std::vector<Genome> seeds;  // genomes inserted into the initial population
  // Optional: called (under a lock) with every new overall best.
  std::function<void(const Genome&, Cost)> on_improvement;
};

struct SearchResult {
  Genome best;
  Cost cost = std::numeric_limits<Cost>::max();
  std::uint64_t schedules = 0;
  std::uint64_t decodes = 0;
  double seconds = 0.0;      // on params.time_basis: wall time, or the largest island CPU time
  double cpu_seconds = 0.0;  // CPU time of all islands together
  bool reached_target = false;
};

// Runs params.threads independent GA islands (thread i seeded with seed + i) that share the best
// cost so that all stop once the target is reached. With one thread and no time limit (or a limit
// that is not hit) the result depends only on the seed.
SearchResult genetic_search(const Decoder& prototype, const SearchParams& params);

}  // namespace gw::sched

// The search layer drives any decoder: here a single machine minimising the total weighted
// completion time (optimal by Smith's rule: non-increasing weight / processing time), with a few
// chain constraints, decoded from the priority list alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "sched/search.hpp"

namespace gw::sched::test {
namespace {

class WeightedCompletionDecoder final : public Decoder {
 public:
  WeightedCompletionDecoder(std::vector<int> p, std::vector<int> w,
                            std::vector<std::pair<int, int>> chains)
      : p_(std::move(p)), w_(std::move(w)), chains_(std::move(chains)) {}
  [[nodiscard]] int size() const override { return static_cast<int>(p_.size()); }
  [[nodiscard]] bool must_precede(int a, int b) const override {
    return std::find(chains_.begin(), chains_.end(), std::pair(a, b)) != chains_.end();
  }
  Cost decode(Genome& g) override {
    ++schedules_;
    Cost t = 0;
    Cost sum = 0;
    for (int j : g.order) {
      t += p_[static_cast<std::size_t>(j)];
      sum += t * w_[static_cast<std::size_t>(j)];
    }
    return sum;
  }
  [[nodiscard]] std::unique_ptr<Decoder> clone() const override {
    return std::make_unique<WeightedCompletionDecoder>(*this);
  }

 private:
  std::vector<int> p_, w_;
  std::vector<std::pair<int, int>> chains_;
};

Cost smith_cost(const std::vector<int>& p, const std::vector<int>& w) {
  std::vector<int> idx(p.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) {
    return static_cast<long>(w[static_cast<std::size_t>(a)]) * p[static_cast<std::size_t>(b)] >
           static_cast<long>(w[static_cast<std::size_t>(b)]) * p[static_cast<std::size_t>(a)];
  });
  Cost t = 0, s = 0;
  for (int j : idx) {
    t += p[static_cast<std::size_t>(j)];
    s += t * w[static_cast<std::size_t>(j)];
  }
  return s;
}

TEST(GenericSearch, DrivesAToyDecoderToItsOptimum) {
  const std::vector<int> p{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
  const std::vector<int> w{2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5};
  WeightedCompletionDecoder dec(p, w, {});
  SearchParams sp;
  sp.time_limit_s = 0;
  sp.max_schedules = 40000;
  sp.seed = 3;
  const SearchResult r = genetic_search(dec, sp);
  EXPECT_EQ(r.cost, smith_cost(p, w));
  ASSERT_EQ(r.best.order.size(), p.size());
  EXPECT_GE(r.schedules, 1U);
  EXPECT_LE(r.schedules, 40000U + 200U);
  // Same seed, same answer.
  const SearchResult again = genetic_search(dec, sp);
  EXPECT_EQ(again.best.order, r.best.order);
}

TEST(GenericSearch, RespectsPrecedenceAndStopsAtTarget) {
  const std::vector<int> p{1, 1, 1, 1, 1, 1};
  const std::vector<int> w{1, 2, 3, 4, 5, 6};
  WeightedCompletionDecoder dec(p, w, {{0, 5}, {1, 4}});
  SearchParams sp;
  sp.time_limit_s = 0;
  sp.max_schedules = 20000;
  sp.threads = 2;
  sp.target = 0;  // unreachable: the schedule limit stops it
  const SearchResult r = genetic_search(dec, sp);
  const auto pos = [&](int j) {
    return std::find(r.best.order.begin(), r.best.order.end(), j) - r.best.order.begin();
  };
  EXPECT_LT(pos(0), pos(5));
  EXPECT_LT(pos(1), pos(4));
  EXPECT_FALSE(r.reached_target);
  sp.target = 1000;  // trivially reachable
  EXPECT_TRUE(genetic_search(dec, sp).reached_target);
}

// Counts fresh genomes: the initial population draws `population` of them, every stall-based
// fresh restart another `population`.
class CountingDecoder final : public Decoder {
 public:
  explicit CountingDecoder(WeightedCompletionDecoder inner) : inner_(std::move(inner)) {}
  [[nodiscard]] int size() const override { return inner_.size(); }
  [[nodiscard]] bool must_precede(int a, int b) const override { return inner_.must_precede(a, b); }
  void random_genome(Genome& g, Rng& rng) override {
    ++fresh_;
    Decoder::random_genome(g, rng);
  }
  Cost decode(Genome& g) override {
    ++schedules_;
    return inner_.decode(g);
  }
  [[nodiscard]] std::unique_ptr<Decoder> clone() const override {
    return std::make_unique<CountingDecoder>(*this);
  }
  // Shared by the clones (the search decodes on a clone).
  static inline int fresh_ = 0;

 private:
  WeightedCompletionDecoder inner_;
};

// The 14-job instance of the restart and oversampling tests.
const std::vector<int> kToyP{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 7, 2};
const std::vector<int> kToyW{2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 3, 9};

TEST(GenericSearch, StallBasedFreshRestartsKeepTheBestAndStayDeterministic) {
  const std::vector<int>& p = kToyP;
  const std::vector<int>& w = kToyW;
  CountingDecoder dec(WeightedCompletionDecoder(p, w, {}));
  SearchParams sp;
  sp.time_limit_s = 0;
  sp.max_schedules = 60000;
  sp.population = 30;
  sp.seed = 5;
  sp.restart_after = 1000000;  // no restarts from the best (they draw fresh genomes too)
  CountingDecoder::fresh_ = 0;
  const SearchResult plain = genetic_search(dec, sp);
  EXPECT_EQ(CountingDecoder::fresh_, sp.population);  // no stall restarts when off
  sp.fresh_restart_ratio = 1.0;
  CountingDecoder::fresh_ = 0;
  const SearchResult r = genetic_search(dec, sp);
  // The toy converges within a few hundred children, so a 60,000-decode run restarts many times.
  EXPECT_GE(CountingDecoder::fresh_, 10 * sp.population);
  EXPECT_EQ(r.cost, smith_cost(p, w));
  EXPECT_EQ(plain.cost, smith_cost(p, w));
  const SearchResult again = genetic_search(dec, sp);
  EXPECT_EQ(again.best.order, r.best.order);
  EXPECT_EQ(again.cost, r.cost);
}

TEST(GenericSearch, OversampledInitialPopulationDrawsEverySampleAndKeepsTheBest) {
  const std::vector<int>& p = kToyP;
  const std::vector<int>& w = kToyW;
  CountingDecoder dec(WeightedCompletionDecoder(p, w, {}));
  SearchParams sp;
  sp.time_limit_s = 0;
  sp.population = 20;
  sp.initial_samples = 300;
  sp.max_schedules = 300;  // the initial population only: no child
  sp.restart_after = 1000000;
  CountingDecoder::fresh_ = 0;
  const SearchResult r = genetic_search(dec, sp);
  EXPECT_EQ(CountingDecoder::fresh_, 300);
  EXPECT_EQ(r.decodes, 300U);
  // The kept best is the best of all 300 samples: redraw them with the same seed and compare.
  Rng rng(sp.seed);
  Cost best = std::numeric_limits<Cost>::max();
  WeightedCompletionDecoder plain(p, w, {});
  for (int k = 0; k < 300; ++k) {
    Genome g;
    plain.random_genome(g, rng);
    best = std::min(best, plain.decode(g));
  }
  EXPECT_EQ(r.cost, best);
  sp.max_schedules = 20000;  // and the search still reaches the optimum from there
  EXPECT_EQ(genetic_search(dec, sp).cost, smith_cost(p, w));
}

}  // namespace
}  // namespace gw::sched::test

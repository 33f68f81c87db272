// The search layer drives any decoder: here a single machine minimising the total weighted
// completion time (optimal by Smith's rule: non-increasing weight / processing time), with a few
// chain constraints, decoded from the priority list alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "sched/search.hpp"

namespace gw::sched::test {
namespace {

class WeightedCompletionDecoder final : public Decoder {
 public:
  WeightedCompletionDecoder(std::vector<int> p, std::vector<int> w, std::vector<std::pair<int, int>> chains)
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
  const auto pos = [&](int j) { return std::find(r.best.order.begin(), r.best.order.end(), j) - r.best.order.begin(); };
  EXPECT_LT(pos(0), pos(5));
  EXPECT_LT(pos(1), pos(4));
  EXPECT_FALSE(r.reached_target);
  sp.target = 1000;  // trivially reachable
  EXPECT_TRUE(genetic_search(dec, sp).reached_target);
}

}  // namespace
}  // namespace gw::sched::test

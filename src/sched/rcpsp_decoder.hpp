// The RCPSP decoder for the generic search: an activity list (and, for multi-mode problems, one
// mode gene per job) -> serial SGS schedule -> double justification. The genome is rewritten to the
// justified schedule's start order (and repaired modes), so the search works on improved solutions.
#pragma once

#include <memory>
#include <vector>

#include "sched/problem.hpp"
#include "sched/search.hpp"
#include "sched/sgs.hpp"

namespace gw::sched {

class RcpspDecoder final : public Decoder {
 public:
  struct Options {
    bool justify = true;  // forward-backward improvement after every serial decode
  };
  RcpspDecoder(std::shared_ptr<const Problem> p, Options o);
  explicit RcpspDecoder(std::shared_ptr<const Problem> p) : RcpspDecoder(std::move(p), Options{}) {}
  RcpspDecoder(const RcpspDecoder& o);
  RcpspDecoder& operator=(const RcpspDecoder&) = delete;

  [[nodiscard]] int size() const override { return p_->n; }
  [[nodiscard]] int aux_size() const override { return multi_ ? p_->n : 0; }
  [[nodiscard]] int aux_domain(int gene) const override { return p_->nmodes[static_cast<std::size_t>(gene)]; }
  [[nodiscard]] bool must_precede(int a, int b) const override {
    const std::size_t bit = static_cast<std::size_t>(a) * static_cast<std::size_t>(p_->n) + static_cast<std::size_t>(b);
    return (arcs_[bit >> 6] >> (bit & 63)) & 1U;
  }
  void random_genome(Genome& g, Rng& rng) override;
  Cost decode(Genome& g) override;
  [[nodiscard]] std::unique_ptr<Decoder> clone() const override;

  // The schedule of the last decode (starts and compiled modes).
  [[nodiscard]] const std::vector<int>& starts() const { return start_; }
  [[nodiscard]] const std::vector<int>& modes() const { return modes_; }
  // Cost of a genome whose modes violate a non-renewable budget: above any feasible makespan.
  [[nodiscard]] Cost infeasible_cost(long long excess) const { return p_->horizon + 1 + excess; }

 private:
  long long excess(const std::vector<int>& modes) const;
  long long repair(std::vector<int>& modes);

  std::shared_ptr<const Problem> p_;
  Options o_;
  bool multi_;
  Sgs sgs_;
  std::vector<std::uint64_t> arcs_;
  std::vector<int> lft_;    // latest finish (shortest modes, horizon = sum of durations): sampling bias
  std::vector<int> start_;
  std::vector<int> modes_;
  std::vector<int> order_;
  std::vector<int> npred_;
  std::vector<int> eligible_;
  std::vector<long long> used_;
  Rng repair_rng_{12345};
};

}  // namespace gw::sched

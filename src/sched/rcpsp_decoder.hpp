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
    // Break makespan ties by the sum of start times (a more compact schedule ranks better): cost =
    // makespan * 2^kSecondaryBits + min(sum of starts, 2^kSecondaryBits - 1).
    bool secondary = true;
    // Share of decodes (in %) done by the parallel SGS instead of the serial one: non-delay
    // schedules help on tightly constrained instances; justification then makes them active.
    int parallel_percent = 30;
  };
  RcpspDecoder(std::shared_ptr<const Problem> p, Options o);
  explicit RcpspDecoder(std::shared_ptr<const Problem> p) : RcpspDecoder(std::move(p), Options{}) {}
  RcpspDecoder(const RcpspDecoder& o);
  RcpspDecoder& operator=(const RcpspDecoder&) = delete;

  static constexpr int kSecondaryBits = 24;
  // The makespan encoded in a cost returned by decode().
  [[nodiscard]] int makespan_of(Cost c) const {
    return static_cast<int>(o_.secondary ? c >> kSecondaryBits : c);
  }
  // Progress for stall-based restarts: the makespan (or the infeasibility excess) alone.
  [[nodiscard]] Cost primary(Cost c) const override {
    return o_.secondary ? c >> kSecondaryBits : c;
  }
  // The largest cost whose makespan is at most `ms` (a search target).
  [[nodiscard]] Cost target_for(int ms) const {
    return o_.secondary ? ((static_cast<Cost>(ms) + 1) << kSecondaryBits) - 1 : ms;
  }

  [[nodiscard]] int size() const override { return p_->n; }
  [[nodiscard]] int aux_size() const override { return multi_ ? p_->n : 0; }
  [[nodiscard]] int aux_domain(int gene) const override {
    return p_->nmodes[static_cast<std::size_t>(gene)];
  }
  [[nodiscard]] bool must_precede(int a, int b) const override {
    const std::size_t bit =
        static_cast<std::size_t>(a) * static_cast<std::size_t>(p_->n) + static_cast<std::size_t>(b);
    return (arcs_[bit >> 6] >> (bit & 63)) & 1U;
  }
  void random_genome(Genome& g, Rng& rng) override;
  Cost decode(Genome& g) override;
  // Multi-mode: a descent over single and paired mode changes that keep the budgets; then, for
  // every problem, random shifts of the list accepted when not worse.
  Cost improve(Genome& g, Cost cost, Rng& rng) override;
  [[nodiscard]] std::unique_ptr<Decoder> clone() const override;

  // The schedule of the last decode (starts and compiled modes).
  [[nodiscard]] const std::vector<int>& starts() const { return start_; }
  [[nodiscard]] const std::vector<int>& modes() const { return modes_; }
  // Cost of a genome whose modes violate a non-renewable budget: above any feasible makespan.
  [[nodiscard]] Cost infeasible_cost(long long excess) const {
    return target_for(p_->horizon) + 1 + excess;
  }

 private:
  long long repair(std::vector<int>& modes);
  Cost improve_modes(Genome& g, Cost cost, Rng& rng);

  std::shared_ptr<const Problem> p_;
  Options o_;
  bool multi_;
  Sgs sgs_;
  std::vector<std::uint64_t> arcs_;
  std::vector<int>
      lft_;  // latest finish (shortest modes, horizon = sum of durations): sampling bias
  std::vector<int> start_;
  std::vector<int> modes_;
  std::vector<int> order_;
  std::vector<int> npred_;
  std::vector<int> eligible_;
  std::vector<long long> used_;       // non-renewable use (repair)
  std::vector<long long> mode_used_;  // non-renewable use of the genome in improve_modes
  Rng repair_rng_{12345};
  Genome trial_;
};

}  // namespace gw::sched

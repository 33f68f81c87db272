// The search state of one crew's choice: the candidate tasks found so far and which tasks this
// choice has already looked at (a round number per task, so that starting a choice costs nothing).
#pragma once

#include <cstdint>
#include <vector>

#include "model/types.hpp"

namespace gw::plan::dispatcher {

struct Candidate {
  std::uint32_t task = 0;
  NodeId entry;
  Seconds travel_s = 0;
  bool exact = true;   // travel_s from the search; otherwise a straight-line estimate
  bool ahead = false;  // look-ahead: the task is not available yet (its predecessors are under way)
};

class CandidateSet {
 public:
  // Starts a choice among tasks 0..task_count-1.
  void begin(std::size_t task_count) {
    list.clear();
    ++round_;
    if (seen_.size() != task_count) seen_.assign(task_count, 0);
  }
  [[nodiscard]] bool seen(std::uint32_t t) const { return seen_[t] == round_; }
  void mark(std::uint32_t t) { seen_[t] = round_; }

  std::vector<Candidate> list;

 private:
  std::vector<std::uint32_t> seen_;
  std::uint32_t round_ = 0;
};

}  // namespace gw::plan::dispatcher

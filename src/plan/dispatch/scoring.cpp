#include "plan/dispatch/scoring.hpp"

#include <algorithm>

namespace gw::plan::dispatcher {

Scorer::Scorer(const Scenario& s, const TaskSet& ts, const TaskBoard& board,
               const DispatchOptions& opt)
    : s_(s), ts_(ts), board_(board), opt_(opt), calendar_(s.params) {
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    for (std::size_t k = 0; k < kTaskClassCount; ++k)
      per_person_[tr][k] = per_person_rate(s.params, static_cast<Trade>(tr), k);
  }
  for (std::uint32_t t = 0; t < ts.tasks.size(); ++t) {
    for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
      Crew probe;
      probe.trade = static_cast<Trade>(tr);
      probe.people = 1;
      if (daily_rate(s, probe, ts.tasks[t]) > 0) capable_[tr][board.cls(t)] = true;
    }
  }
}

bool Scorer::too_slow(const Crew& crew, std::uint32_t t) {
  if (opt_.slowdown_limit == nullptr) return false;
  const float limit = (*opt_.slowdown_limit)[t];
  if (!(limit > 0)) return false;
  if (fastest_.empty()) {
    fastest_.assign(ts_.tasks.size(), -1);
    // Per trade, the crew with the most people x productivity: the fastest on any task.
    std::array<double, kTradeCount> cap{};
    for (const Crew& c : s_.crews) {
      const auto k = static_cast<std::size_t>(c.trade);
      const double x = static_cast<double>(c.people) * c.productivity_factor;
      if (x > cap[k]) {
        cap[k] = x;
        fastest_crew_[k] = &c;
      }
    }
  }
  if (fastest_[t] < 0) {
    Minutes best = std::numeric_limits<Minutes>::max();
    for (const Crew* c : fastest_crew_) {
      if (c != nullptr && rate(*c, t) > 0) best = std::min(best, duration(*c, t));
    }
    fastest_[t] = best;
  }
  return static_cast<double>(duration(crew, t)) >
         static_cast<double>(limit) * static_cast<double>(fastest_[t]);
}

}  // namespace gw::plan::dispatcher

// The return of the displaced (docs/model.md §7) on the planner's side: when a settlement is ready,
// how many of its displaced people are back at each moment, and the people-days displaced, from the
// times its conditions are met and its housing packages end. Used by evaluate() on a plan and by
// the lower bound on its earliest possible times (the measure only falls when any time comes
// earlier).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/evaluation.hpp"
#include "model/parameters.hpp"
#include "model/scenario.hpp"
#include "plan/calendar.hpp"

namespace gw::plan {

// When each condition of a settlement's return is first met (kNever: never).
struct ReturnConditions {
  Minutes access = kNever;
  Minutes residential = kNever;  // its built-up hazards released
  Minutes power = kNever;
  Minutes water = kNever;
  Minutes heat = kNever;  // essential in the heating season only
  // Its housing packages: (end, dwellings made habitable), in any order.
  std::vector<std::pair<Minutes, std::int64_t>> housing;
};

struct SettlementReturn {
  Minutes ready = kNever;  // the first time it is ready
  Minutes first = kNever;  // the first time someone returns (kNever when nobody is displaced)
  Minutes all = kNever;    // the first time every displaced person is back
  double people_days_displaced = 0;  // up to the horizon
  // The times the number back changes and the number back from then on, ascending.
  std::vector<std::pair<Minutes, double>> steps;
};

SettlementReturn settlement_return(const Settlement& st, const Parameters& p, const Calendar& cal,
                                   ReturnConditions c);

}  // namespace gw::plan

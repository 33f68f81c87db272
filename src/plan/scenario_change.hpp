// What-if changes to a scenario's crews, written as a programme would say them:
//   "+500 builders", "+200 deminers in manual teams", "-100 road builders", "x1.5 deminers",
//   "+20% builders in bridge brigades".
// A change is parsed into plain data (parse_change) and applied to an unlinked scenario
// (apply_change); the what-if comparison (`groundwork compare`) then plans both scenarios.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.hpp"
#include "model/scenario.hpp"

namespace gw::plan {

enum class ChangeOp : std::uint8_t {
  kAdd,     // add `people` people
  kRemove,  // remove `people` people (whole crews)
  kScale,   // multiply the group's people by `factor` (adds or removes the difference)
};

enum class CrewGroup : std::uint8_t {
  kBuilders,  // the building trades: road, bridge, comms, power, general
  kDeminers,  // the demining trades: survey, manual, dog, mechanical
  kTrade,     // one trade, named in `trade`
};

struct ScenarioChange {
  std::string text;  // as written
  ChangeOp op = ChangeOp::kAdd;
  std::int64_t people = 0;  // kAdd, kRemove
  double factor = 1.0;      // kScale
  CrewGroup group = CrewGroup::kBuilders;
  Trade trade = Trade::kRoad;  // kTrade
};

// Parses one change. Grammar (case-insensitive, words separated by spaces):
//   AMOUNT GROUP [in TRADE (teams|brigades|crews|units)]
//   AMOUNT = +N | -N | N | xF | ×F | *F | +P% | -P%
//   GROUP  = builders | deminers | TRADE [builders|deminers|teams|brigades|crews] | people
// where TRADE is a trade name or a common synonym (docs/what-if.md). "in TRADE ..." narrows a group
// to one of its trades; "people" needs it. Throws gw::Error(kInvalidInput) naming the problem.
ScenarioChange parse_change(std::string_view text);

// What a change did to one trade.
struct TradeDelta {
  Trade trade = Trade::kRoad;
  std::int64_t people = 0;  // added (> 0) or removed (< 0)
  std::int64_t crews = 0;   // crews added (> 0) or removed (< 0)
  int team_size = 0;        // the size of the teams added
};

struct ChangeEffect {
  std::string text;  // the change as written
  std::vector<TradeDelta> trades;
  [[nodiscard]] std::int64_t people() const;
  [[nodiscard]] std::string describe()
      const;  // e.g. "+500 builders: road +150 (5 crews of 30), ..."
};

// Applies a change to a scenario that is not linked yet (link it afterwards).
//  - Adding N people to a group splits N over the group's trades in proportion to the people the
//    scenario already has in each (largest remainders), or gives all to the named trade.
//  - Each trade's share becomes round(share / typical) teams of near-equal size, where the typical
//    size is the median team size of that trade in the scenario (or a default: survey 4, manual 10,
//    dog 6, mechanical 4, building trades 27). New crews get the trade's median productivity
//    factor and are based at the scenario's depots (the distinct bases of its crews, in order of
//    first appearance) in turn; their ids are "whatif-<trade>-<k>".
//  - Removing N people removes whole crews of each trade, last listed first, while that brings
//    the number removed closer to the trade's share of N.
//  - Scaling by F adds or removes round((F − 1) × the group's people).
// Throws gw::Error(kInvalidInput) when the group has no crews to take proportions, sizes or depots
// from.
ChangeEffect apply_change(Scenario& s, const ScenarioChange& c);

}  // namespace gw::plan

// One drawn truth of a district (docs/uncertainty.md): what the field turns out to hold where the
// scenario only estimates. A forecast draws many (plan/uncertainty.hpp); `groundwork simulate`
// writes one as truth.json and `validate --truth` checks an executed plan against it. Plain data,
// with the one rule that turns a scenario into the district the truth describes.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/parameters.hpp"
#include "model/scenario.hpp"

namespace gw {

struct HazardTruth {
  bool holds = true;         // the area holds explosive ordnance at all
  double density = 1.0;      // items relative to the density the nominal rates assume (holds)
  double reduced_share = 0;  // share of the area technical survey reduces (holds)
  double work_factor = 1.0;  // the resulting effort per m² (Hazard::work_factor)
};

struct Truth {
  std::uint64_t seed = 0;  // the draw's seed (forecast: derived from its seed and the sample)
  std::vector<HazardTruth> hazards;    // per hazard, in scenario order
  std::vector<double> crew_factor;     // per crew: multiplies its productivity_factor
  std::vector<double> asset_factor;    // per asset: its work_factor
  std::vector<double> housing_factor;  // per settlement: its housing_work_factor
  // Per calendar month (index 0 = January): how the month's weather compares with the seasonal
  // share the scenario assumes (season_percent; 1 = as assumed), the same in every year of the plan
  // and for every trade.
  std::array<double, kMonthCount> weather_factor{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
};

// The scenario as the truth makes it: each hazard's, asset's and settlement's work factor set to
// the truth's, each crew's productivity multiplied by its factor, and every trade's
// season_percent multiplied by the month's weather factor (rounded, at most 100, and kept at 1 or
// more where it was above 0). Throws gw::Error(kInvalidInput) when the truth's lists do not match
// the scenario's.
void apply_truth(Scenario& s, const Truth& truth);

}  // namespace gw

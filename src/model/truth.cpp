#include "model/truth.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/error.hpp"

namespace gw {

namespace {

void check_size(std::size_t got, std::size_t want, const char* what) {
  if (got != want) {
    throw Error(ErrorCode::kInvalidInput, std::string("truth: ") + std::to_string(got) + " " +
                                              what + " for a scenario of " + std::to_string(want));
  }
}

}  // namespace

void apply_truth(Scenario& s, const Truth& truth) {
  check_size(truth.hazards.size(), s.hazards.size(), "hazards");
  check_size(truth.crew_factor.size(), s.crews.size(), "crews");
  check_size(truth.asset_factor.size(), s.assets.size(), "assets");
  check_size(truth.housing_factor.size(), s.settlements.size(), "settlements");
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    s.hazards[h].work_factor = truth.hazards[h].work_factor;
  for (std::size_t c = 0; c < s.crews.size(); ++c)
    s.crews[c].productivity_factor *= truth.crew_factor[c];
  for (std::size_t a = 0; a < s.assets.size(); ++a) s.assets[a].work_factor = truth.asset_factor[a];
  for (std::size_t i = 0; i < s.settlements.size(); ++i)
    s.settlements[i].housing_work_factor = truth.housing_factor[i];
  for (auto& months : s.params.season_percent) {
    for (std::size_t m = 0; m < kMonthCount; ++m) {
      if (months[m] == 0) continue;
      const double f = std::clamp(truth.weather_factor[m], 0.0, 100.0);
      const long pct = std::lround(static_cast<double>(months[m]) * f);
      months[m] = static_cast<std::uint8_t>(std::clamp(pct, 1L, 100L));
    }
  }
}

}  // namespace gw

// apply_truth: a drawn truth turns the planned scenario into the district it describes.
#include "model/truth.hpp"

#include <gtest/gtest.h>

#include "model/error.hpp"

namespace gw {
namespace {

Scenario two_of_each() {
  Scenario s;
  s.hazards.resize(2);
  s.hazards[0].id = "H1";
  s.hazards[1].id = "H2";
  s.crews.resize(2);
  s.crews[0].productivity_factor = 1.0;
  s.crews[1].productivity_factor = 2.0;
  s.assets.resize(1);
  s.settlements.resize(1);
  return s;
}

Truth truth_of(const Scenario& s) {
  Truth t;
  t.hazards.resize(s.hazards.size());
  t.crew_factor.assign(s.crews.size(), 1.0);
  t.asset_factor.assign(s.assets.size(), 1.0);
  t.housing_factor.assign(s.settlements.size(), 1.0);
  return t;
}

TEST(Truth, SetsWorkFactorsAndScalesCrewsAndSeasons) {
  Scenario s = two_of_each();
  s.params.season_percent[0] = {0, 1, 50, 100, 100, 100, 100, 100, 100, 100, 60, 10};
  Truth t = truth_of(s);
  t.hazards[0].work_factor = 0.25;
  t.hazards[1].work_factor = 1.7;
  t.crew_factor = {0.5, 1.5};
  t.asset_factor = {2.0};
  t.housing_factor = {1.3};
  t.weather_factor = {2, 0.1, 0.5, 1.5, 1, 1, 1, 1, 1, 1, 0.5, 0.04};
  apply_truth(s, t);
  EXPECT_DOUBLE_EQ(s.hazards[0].work_factor, 0.25);
  EXPECT_DOUBLE_EQ(s.hazards[1].work_factor, 1.7);
  EXPECT_DOUBLE_EQ(s.crews[0].productivity_factor, 0.5);
  EXPECT_DOUBLE_EQ(s.crews[1].productivity_factor, 3.0);
  EXPECT_DOUBLE_EQ(s.assets[0].work_factor, 2.0);
  EXPECT_DOUBLE_EQ(s.settlements[0].housing_work_factor, 1.3);
  // A month that stops work stays stopped; a month that works keeps at least 1 %; none passes
  // 100 %; the rest is rounded.
  const std::array<std::uint8_t, kMonthCount> want = {0,   1,   25,  100, 100, 100,
                                                      100, 100, 100, 100, 30,  1};
  EXPECT_EQ(s.params.season_percent[0], want);
}

TEST(Truth, RefusesATruthOfAnotherScenario) {
  Scenario s = two_of_each();
  Truth t = truth_of(s);
  t.crew_factor.pop_back();
  try {
    apply_truth(s, t);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("1 crews for a scenario of 2"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace gw

// truth.json: written by `simulate`, read back by `validate --truth`, with errors that name the
// file and the element.
#include "io/truth_json.hpp"

#include <gtest/gtest.h>

#include "gen/district.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "plan/uncertainty.hpp"

namespace gw::io {
namespace {

Scenario small() {
  gen::DistrictOptions o;
  o.scale = 0.05;
  o.seed = 7;
  Scenario s = gen::generate_district(o);
  plan::link_scenario(s, "generated");
  return s;
}

std::string error_of(const std::string& text, const Scenario& s, ErrorCode* code) {
  try {
    (void)parse_truth_json(text, "truth.json", s);
  } catch (const Error& e) {
    *code = e.code();
    return e.what();
  }
  return "";
}

TEST(TruthJson, RoundTrips) {
  const Scenario s = small();
  const Truth t = plan::draw_truth(s, 42);
  const Truth back = parse_truth_json(truth_json(s, t).dump(), "truth.json", s);
  EXPECT_EQ(back.seed, 42U);
  ASSERT_EQ(back.hazards.size(), t.hazards.size());
  for (std::size_t h = 0; h < t.hazards.size(); ++h) {
    EXPECT_EQ(back.hazards[h].holds, t.hazards[h].holds);
    EXPECT_EQ(back.hazards[h].work_factor, t.hazards[h].work_factor);
  }
  EXPECT_EQ(back.crew_factor, t.crew_factor);
  EXPECT_EQ(back.asset_factor, t.asset_factor);
  EXPECT_EQ(back.housing_factor, t.housing_factor);
  EXPECT_EQ(back.weather_factor, t.weather_factor);
}

TEST(TruthJson, NamesTheFileAndTheElementAtFault) {
  const Scenario s = small();
  const nlohmann::json good = truth_json(s, plan::draw_truth(s, 1));
  ErrorCode code = ErrorCode::kInternal;

  nlohmann::json j = good;
  j["hazards"][2]["id"] = "nowhere";
  EXPECT_NE(error_of(j.dump(), s, &code).find("truth.json: hazards[2]: id 'nowhere' is not in"),
            std::string::npos);
  EXPECT_EQ(code, ErrorCode::kInvalidInput);

  j = good;
  j["crews"][1]["productivity_factor"] = -1;
  EXPECT_NE(error_of(j.dump(), s, &code).find("crews[1].productivity_factor: must be between"),
            std::string::npos);

  j = good;
  j["assets"].erase(0);
  EXPECT_NE(error_of(j.dump(), s, &code).find("of the scenario is missing"), std::string::npos);

  j = good;
  j["settlements"][1]["id"] = j["settlements"][0]["id"];
  EXPECT_NE(error_of(j.dump(), s, &code).find("repeated"), std::string::npos);

  j = good;
  j["weather_factor"] = {1, 2};
  EXPECT_NE(error_of(j.dump(), s, &code).find("weather_factor: must be an array of 12"),
            std::string::npos);
  EXPECT_EQ(code, ErrorCode::kParse);

  EXPECT_NE(error_of("{\"seed\": 1e999}", s, &code).find("truth.json: not JSON"),
            std::string::npos);
}

}  // namespace
}  // namespace gw::io

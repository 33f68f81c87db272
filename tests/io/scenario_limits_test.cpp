// Bad scenario input (issue 17): every class of the issue gets a clear gw::Error naming the file
// and the element ("file: element: field must be ..."), never an internal error, a wrapped number
// or a silently accepted value that breaks the arithmetic downstream.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "io/scenario_json.hpp"
#include "model/error.hpp"

namespace gw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json example() {
  std::ifstream in(fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json");
  return json::parse(in);
}

// The error of reading `doc`; expects `code`.
std::string error_of(const json& doc, ErrorCode code = ErrorCode::kInvalidInput) {
  try {
    (void)io::scenario_from_json(doc, "scenario.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

fs::path scratch(const std::string& name) {
  return fs::temp_directory_path() / ("gw_limits_" + std::to_string(::getpid()) + "_" + name);
}

// The error of reading `text` written to a file.
std::string file_error_of(const std::string& text, ErrorCode code) {
  const fs::path p = scratch("scenario.json");
  std::ofstream(p, std::ios::binary) << text;
  std::string msg;
  try {
    (void)io::read_scenario(p);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    msg = e.what();
  }
  fs::remove(p);
  return msg;
}

TEST(ScenarioLimits, TheExampleIsInsideEveryLimit) {
  EXPECT_NO_THROW((void)io::scenario_from_json(example(), "scenario.json"));
}

TEST(ScenarioLimits, ANumberThatOverflowsADoubleAnywhereIsAParseError) {
  std::string text = example().dump();
  text.insert(1, "\"comment\": 1e400, ");
  const std::string msg = file_error_of(text, ErrorCode::kParse);
  EXPECT_NE(
      msg.find("scenario.json: malformed JSON: [json.exception.out_of_range.406] number overflow"),
      std::string::npos)
      << msg;
  // Deep inside a feature, and as a 50 MB run of digits: the message stays short.
  std::string huge = example().dump();
  // NOLINTNEXTLINE(bugprone-string-constructor): the 50 MB value is the point of the test.
  const std::string digits(50'000'000, '9');
  huge.insert(1, "\"comment\": " + digits + ", ");
  const std::string m2 = file_error_of(huge, ErrorCode::kParse);
  EXPECT_LT(m2.size(), 400U) << m2.substr(0, 400);
}

TEST(ScenarioLimits, ADirectoryIsAnIoError) {
  const fs::path d = scratch("dir");
  fs::create_directories(d);
  try {
    (void)io::read_scenario(d);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("is a directory, expected a scenario file"),
              std::string::npos)
        << e.what();
  }
  fs::remove_all(d);
}

TEST(ScenarioLimits, WrongJsonTypesAnywhere) {
  json doc = example();
  doc["roads"]["type"] = 7;
  EXPECT_NE(error_of(doc).find("scenario.json: roads: must be a GeoJSON FeatureCollection"),
            std::string::npos);
  doc = example();
  doc["hazards"]["features"][0]["geometry"]["type"] = json::array({1});
  EXPECT_NE(error_of(doc).find("hazards[0]: geometry: type must be a string"), std::string::npos);
  doc = example();
  doc["hubs"] = {{"kind", "service"}, {"places", 5}};
  EXPECT_NE(error_of(doc).find("hubs: places must be a non-empty array"), std::string::npos);
  doc = example();
  doc["parameters"]["seed"] = -3;
  EXPECT_NE(error_of(doc).find("seed must be an integer >= 0"), std::string::npos);
  doc = example();
  doc["crews"][0]["id"] = 18446744073709551615ULL;  // an id as digits, not wrapped to -1
  doc["crews"][0]["trade"] = {{"nested", true}};
  EXPECT_NE(error_of(doc).find("crews[0]: trade must be a string"), std::string::npos);
}

TEST(ScenarioLimits, NumbersOutsideTheirDocumentedRange) {
  struct Case {
    const char* what;
    std::function<void(json&)> change;
    const char* message;
  };
  const Case cases[] = {
      {"huge quantity", [](json& d) { d["damage"]["features"][0]["properties"]["span_m"] = 1e300; },
       "span_m must be between 0 and 1000000000, not 1e+300"},
      {"tiny rate",
       [](json& d) { d["parameters"]["rates_m2_per_person_day"]["manual"]["clearance"] = 1e-300; },
       "clearance: must be 0 (cannot) or at least 0.001, not 1e-300"},
      {"huge rate",
       [](json& d) { d["parameters"]["rates_m2_per_person_day"]["manual"]["clearance"] = 1e308; },
       "clearance: must be a number between 0 and 1000000"},
      {"crew of 2^31", [](json& d) { d["crews"][0]["people"] = 2147483648.0; },
       "crews[0]: people must be a whole number between 1 and 1000000"},
      {"population 1e300",
       [](json& d) { d["settlements"]["features"][0]["properties"]["population"] = 1e300; },
       "settlements[0]: population must be between 0 and 1000000000, not 1e+300"},
      {"tiny productivity", [](json& d) { d["crews"][0]["productivity_factor"] = 1e-300; },
       "productivity_factor must be between 0.001 and 1000"},
      {"tiny work package", [](json& d) { d["parameters"]["work_package_m2"] = 1e-6; },
       "work_package_m2 must be between 1 and 1000000000"},
      {"crawling road",
       [](json& d) { d["roads"]["features"][0]["properties"]["speed_kmh"] = 1e-9; },
       "roads[0]: speed_kmh must be between 0.1 and 1000"},
      {"huge hazard", [](json& d) { d["hazards"]["features"][0]["properties"]["area_m2"] = 1e15; },
       "hazards[0]: area_m2 must be between 0 and 1e+10, not 1e+15"},
      {"huge hazard work factor",
       [](json& d) { d["hazards"]["features"][0]["properties"]["work_factor"] = 1e3; },
       "work_factor must be between"},
      {"zero project work factor",
       [](json& d) { d["damage"]["features"][0]["properties"]["work_factor"] = 0; },
       "work_factor must be between"},
      {"negative housing work factor",
       [](json& d) { d["settlements"]["features"][0]["properties"]["housing_work_factor"] = -1; },
       "housing_work_factor must be between"},
      {"holds probability above 1",
       [](json& d) {
         d["parameters"]["uncertainty"] = {{"holds_probability", {{"suspected", 2}}}};
       },
       "suspected must be between 0 and 1"},
      {"unknown uncertainty key",
       [](json& d) {
         d["parameters"]["uncertainty"] = {{"density_sprad", 0.3}};
       },
       "uncertainty: unknown key 'density_sprad'"},
      {"huge weight",
       [](json& d) {
         d["parameters"]["objective"] = {{"weights", {{"road_km_day", 1e300}}}};
       },
       "road_km_day must be between 0 and 1000000000"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    json doc = example();
    c.change(doc);
    const std::string msg = error_of(doc);
    EXPECT_EQ(msg.rfind("scenario.json: ", 0), 0U) << msg;
    EXPECT_NE(msg.find(c.message), std::string::npos) << msg;
  }
}

TEST(ScenarioLimits, DatesMustBeRealAndEndBeforeYear10000) {
  for (const char* bad : {"9999-12-31", "2023-02-30", "2023-13-01", "1066-10-14", "2027-4-1"}) {
    SCOPED_TRACE(bad);
    json doc = example();
    doc["parameters"]["start_date"] = bad;
    const std::string msg = error_of(doc);
    EXPECT_EQ(msg.rfind("scenario.json: parameters: start_date", 0), 0U) << msg;
  }
  json doc = example();
  doc["parameters"]["start_date"] = "9990-01-01";
  doc["parameters"]["horizon_days"] = 36500;
  EXPECT_NE(error_of(doc).find("ends after 9999-12-31"), std::string::npos);
  doc["parameters"]["horizon_days"] = 365;
  EXPECT_NO_THROW((void)io::scenario_from_json(doc, "scenario.json"));
}

// A bow tie: the same ring from a GIS layer is rejected by GDAL; inline it is now too, instead of
// an area of 0.
TEST(ScenarioLimits, SelfIntersectingInlinePolygon) {
  json doc = example();
  doc["hazards"]["features"][0]["geometry"]["coordinates"] =
      json::array({json::array({json::array({36.0245, 48.9997}), json::array({36.0255, 49.0003}),
                                json::array({36.0255, 48.9997}), json::array({36.0245, 49.0003}),
                                json::array({36.0245, 48.9997})})});
  const std::string msg = error_of(doc);
  EXPECT_NE(msg.find("scenario.json: hazards[0]: geometry: invalid polygon"), std::string::npos)
      << msg;
}

TEST(ScenarioLimits, LongBadValuesAreQuotedShort) {
  json doc = example();
  doc["crews"][0]["trade"] = std::string(1'000'000, 'x');
  const std::string msg = error_of(doc);
  EXPECT_LT(msg.size(), 400U) << msg.substr(0, 400);
  EXPECT_NE(msg.find("(1000000 characters)"), std::string::npos) << msg.substr(0, 400);
}

}  // namespace
}  // namespace gw

#include "io/plan_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "io/outputs.hpp"
#include "model/error.hpp"
#include "tiny_plan.hpp"

namespace gw {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// Parses `j` as plan.json and returns the error it raises.
Error error_of(const json& j, const Scenario& s) {
  try {
    (void)io::parse_plan_json(j.dump(), "plan.json", s);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorCode::kInternal, "");
}

class PlanReader : public ::testing::Test {
 protected:
  test::TinyPlan x = test::make_tiny_plan();
  json good = io::plan_json(x.s, x.t, x.p);
};

TEST_F(PlanReader, ParsesWhatPlanJsonWrites) {
  const auto [tasks, plan] = io::parse_plan_json(good.dump(), "plan.json", x.s);
  EXPECT_EQ(tasks.size(), 5U);
  EXPECT_EQ(plan.assignments.size(), 4U);
  EXPECT_EQ(tasks[4].kind, TaskKind::kHousing);
  EXPECT_EQ(tasks[4].settlement, SettlementId(0));
  EXPECT_EQ(tasks[4].dwellings, 20U);
  EXPECT_EQ(tasks[4].activity, ActivityKind::kHouseLight);
  EXPECT_EQ(tasks[3].activity, ActivityKind::kDeck);
  EXPECT_EQ(tasks[3].step, 2);
  EXPECT_EQ(plan.rule, "nearest");
}

TEST_F(PlanReader, OrdersAssignmentsByCrewThenStart) {
  std::swap(good["tasks"][0], good["tasks"][3]);  // order of tasks in the file does not matter
  const auto [tasks, plan] = io::parse_plan_json(good.dump(), "plan.json", x.s);
  ASSERT_EQ(plan.assignments.size(), 4U);
  EXPECT_EQ(plan.assignments[0].task, TaskId(0));
  EXPECT_EQ(plan.assignments[1].task, TaskId(1));
  EXPECT_EQ(plan.assignments[2].task, TaskId(3));
  EXPECT_EQ(plan.assignments[3].task, TaskId(4));
  EXPECT_EQ(tasks[3].kind, TaskKind::kRepair);
}

TEST_F(PlanReader, MissingFile) {
  const auto path = std::filesystem::temp_directory_path() / "gw_no_such_dir" / "plan.json";
  try {
    (void)io::read_plan_json(path, x.s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_THAT(e.what(), HasSubstr("gw_no_such_dir/plan.json"));
  }
}

TEST_F(PlanReader, BadJson) {
  try {
    (void)io::parse_plan_json("{\"tasks\": [", "plan.json", x.s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParse);
    EXPECT_THAT(e.what(), HasSubstr("plan.json: not valid JSON"));
  }
}

TEST_F(PlanReader, NotAnObjectOrNoTasks) {
  EXPECT_EQ(error_of(json::array(), x.s).code(), ErrorCode::kParse);
  const Error e = error_of(json::object({{"rule", "x"}}), x.s);
  EXPECT_EQ(e.code(), ErrorCode::kParse);
  EXPECT_THAT(e.what(), HasSubstr("plan.json: missing key 'tasks'"));
}

TEST_F(PlanReader, UnknownCrew) {
  good["tasks"][1]["crew"] = "C9";
  const Error e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_STREQ(e.what(), "plan.json: tasks[1]: crew 'C9' unknown");
}

TEST_F(PlanReader, UnknownTaskKind) {
  good["tasks"][2]["kind"] = "demolition";
  const Error e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_STREQ(e.what(), "plan.json: tasks[2]: unknown task kind 'demolition'");
}

TEST_F(PlanReader, UnknownHazardAndAsset) {
  good["tasks"][0]["hazard"] = "HZ9";
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[0]: hazard 'HZ9' unknown"));
  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][3]["asset"] = nullptr;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[3]: a repair task needs an asset"));
}

TEST_F(PlanReader, WrongTypesAndMissingFields) {
  good["tasks"][0]["start"] = "soon";
  Error e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kParse);
  EXPECT_THAT(e.what(), HasSubstr("tasks[0]: 'start' is not an integer"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][1].erase("entry_node");
  e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kParse);
  EXPECT_THAT(e.what(), HasSubstr("tasks[1]: missing key 'entry_node'"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][1]["site"] = json::array({1});
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[1]: 'site' is not an array [lon, lat]"));
}

TEST_F(PlanReader, OutOfRangeValues) {
  good["tasks"][0]["site_edge"] = 7;
  Error e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_THAT(e.what(), HasSubstr("tasks[0]: 'site_edge' 7 is not an edge (the network has 3)"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][0]["from_node"] = 4;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("'from_node' 4 is not a node"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][0]["end"] = 1;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[0]: end is before start"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][0]["depart"] = -5;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[0]: 'depart' is negative"));

  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][0]["terrain"] = "moon";
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[0]: unknown terrain 'moon'"));
}

// An assignment's route (docs/model.md §5): written when stated, read back; edge ids only, each an
// edge of the network (whether they make a trip is the validator's to say).
TEST_F(PlanReader, Routes) {
  x.p.assignments[1].route = {EdgeId(2), EdgeId(0)};
  good = io::plan_json(x.s, x.t, x.p);
  const auto task = x.p.assignments[1].task.value;
  ASSERT_EQ(good["tasks"][task]["route"], json::array({2, 0}));
  EXPECT_FALSE(good["tasks"][x.p.assignments[0].task.value].contains("route"));
  const auto [tasks, plan] = io::parse_plan_json(good.dump(), "plan.json", x.s);
  for (const Assignment& a : plan.assignments) {
    if (a.task.value == task) {
      EXPECT_EQ(a.route, (std::vector<EdgeId>{EdgeId(2), EdgeId(0)}));
    } else {
      EXPECT_TRUE(a.route.empty());
    }
  }
  const std::string where = "plan.json: tasks[" + std::to_string(task) + "]: ";
  good["tasks"][task]["route"] = json::array({2, 3});
  Error e = error_of(good, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_THAT(e.what(), HasSubstr(where + "'route' entry 1: edge 3 is not an edge of the network"));
  good["tasks"][task]["route"] = json::array({-1});
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr(where + "'route' entry 0 is not an edge id"));
  good["tasks"][task]["route"] = json::array({1.5});
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr(where + "'route' entry 0 is not an edge id"));
  good["tasks"][task]["route"] = 2;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr(where + "'route' is not an array of edge ids"));
}

// A re-plan's work factors (docs/replanning.md): written where they differ from 1, read back
// with 1 for the ids absent; unknown ids and factors outside 0.01..100 are refused by name.
TEST_F(PlanReader, WorkFactorsOfAReplan) {
  Plan p = x.p;
  p.hazard_work_factor.assign(x.s.hazards.size(), 1.0);
  p.asset_work_factor.assign(x.s.assets.size(), 1.0);
  p.hazard_work_factor[0] = 2.5;
  p.asset_work_factor[0] = 0.5;
  json j = io::plan_json(x.s, x.t, p);
  ASSERT_TRUE(j.contains("work_factors"));
  EXPECT_EQ(j["work_factors"]["hazards"].size(), 1U);
  const auto [tasks, read] = io::parse_plan_json(j.dump(), "plan.json", x.s);
  ASSERT_EQ(read.hazard_work_factor.size(), x.s.hazards.size());
  ASSERT_EQ(read.asset_work_factor.size(), x.s.assets.size());
  EXPECT_DOUBLE_EQ(read.hazard_work_factor[0], 2.5);
  EXPECT_DOUBLE_EQ(read.asset_work_factor[0], 0.5);
  EXPECT_FALSE(good.contains("work_factors")) << "a plan from day 0 carries none";

  j["work_factors"]["hazards"]["HZ9"] = 2.0;
  Error e = error_of(j, x.s);
  EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
  EXPECT_THAT(e.what(), HasSubstr("work_factors.hazards: 'HZ9' unknown"));
  j = io::plan_json(x.s, x.t, p);
  j["work_factors"]["assets"][x.s.assets[0].id] = 0.001;
  EXPECT_THAT(error_of(j, x.s).what(),
              HasSubstr("work_factors.assets: '" + x.s.assets[0].id +
                        "': the factor must be a number within 0.01 to 100"));
  j = io::plan_json(x.s, x.t, p);
  j["work_factors"] = json::array();
  EXPECT_EQ(error_of(j, x.s).code(), ErrorCode::kParse);
}

TEST_F(PlanReader, TaskIdsMustBeUniqueAndDense) {
  good["tasks"][2]["id"] = 1;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[2]: id 1 repeated"));
  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][2]["id"] = 5;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[2]: id 5 out of range 0..4"));
}

TEST_F(PlanReader, RepairAndHousingFields) {
  auto error = [&](const std::function<void(json&)>& change) {
    json j = io::plan_json(x.s, x.t, x.p);
    change(j);
    return std::string(error_of(j, x.s).what());
  };
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["settlement"] = "S9"; }),
            "plan.json: tasks[4]: settlement 'S9' unknown");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["settlement"] = nullptr; }),
            "plan.json: tasks[4]: a housing task needs a settlement");
  EXPECT_EQ(error([](json& j) { j["tasks"][3]["activity"] = "paint"; }),
            "plan.json: tasks[3]: unknown activity 'paint'");
  EXPECT_EQ(error([](json& j) { j["tasks"][3].erase("activity"); }),
            "plan.json: tasks[3]: missing key 'activity'");
  EXPECT_EQ(error([](json& j) { j["tasks"][3]["step"] = 4; }),
            "plan.json: tasks[3]: step 4 out of range: the bridge template has 4 steps");
  EXPECT_EQ(error([](json& j) { j["tasks"][3]["step"] = -1; }),
            "plan.json: tasks[3]: 'step' is negative");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["step"] = 3; }),
            "plan.json: tasks[4]: step 3 out of range: housing has 3 steps (light, heavy, "
            "destroyed)");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["activity"] = "deck"; }),
            "plan.json: tasks[4]: a housing task's activity must be house_light, house_heavy or "
            "house_rebuild, not 'deck'");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["dwellings"] = 0; }),
            "plan.json: tasks[4]: dwellings 0 out of range");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["dwellings"] = 4294967296ULL; }),
            "plan.json: tasks[4]: dwellings 4294967296 out of range");
  EXPECT_EQ(error([](json& j) { j["tasks"][4]["dwellings"] = "20"; }),
            "plan.json: tasks[4]: 'dwellings' is not an integer");
  // Demining tasks need none of these keys (a plan written before issue 14 still reads).
  json j = io::plan_json(x.s, x.t, x.p);
  for (const char* k : {"activity", "step", "dwellings", "settlement"}) j["tasks"][0].erase(k);
  EXPECT_NO_THROW((void)io::parse_plan_json(j.dump(), "plan.json", x.s));
}

}  // namespace
}  // namespace gw

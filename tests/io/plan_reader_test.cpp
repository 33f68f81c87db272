#include "io/plan_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

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
  EXPECT_EQ(tasks.size(), 4U);
  EXPECT_EQ(plan.assignments.size(), 3U);
  EXPECT_EQ(plan.rule, "nearest");
}

TEST_F(PlanReader, OrdersAssignmentsByCrewThenStart) {
  std::swap(good["tasks"][0], good["tasks"][3]);  // order of tasks in the file does not matter
  const auto [tasks, plan] = io::parse_plan_json(good.dump(), "plan.json", x.s);
  ASSERT_EQ(plan.assignments.size(), 3U);
  EXPECT_EQ(plan.assignments[0].task, TaskId(0));
  EXPECT_EQ(plan.assignments[1].task, TaskId(1));
  EXPECT_EQ(plan.assignments[2].task, TaskId(3));
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

TEST_F(PlanReader, TaskIdsMustBeUniqueAndDense) {
  good["tasks"][2]["id"] = 1;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[2]: id 1 repeated"));
  good = io::plan_json(x.s, x.t, x.p);
  good["tasks"][2]["id"] = 4;
  EXPECT_THAT(error_of(good, x.s).what(), HasSubstr("tasks[2]: id 4 out of range 0..3"));
}

}  // namespace
}  // namespace gw

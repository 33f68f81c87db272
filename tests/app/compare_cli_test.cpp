// End-to-end tests of `groundwork compare` on the small example: one scenario with what-if changes,
// two scenario files, JSON output, and clear errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using gw::test::CmdResult;

CmdResult run(const std::string& args) { return gw::test::run_groundwork(args); }

const std::string kSmall = (fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json").string();

TEST(Compare, ExtraCrewsAsText) {
  const CmdResult r =
      run("compare " + kSmall + " --change '+10 deminers in manual teams' --change '+40 builders'");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* want :
       {"people-days without safe access", "lower bound", "days to 50 % with access",
        "hectares released by month 6", "people-days without power",
        "hectares released by month 12", "makespan (days)", "crews", "manual +10 (1 crew of ~10)",
        "both plans valid", "settlements with access earlier in B"}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << "\n" << r.out;
  }
}

TEST(Compare, JsonIsOneObjectWithBothSides) {
  const CmdResult r =
      run("compare " + kSmall + " --change '+10 deminers in manual teams' --json --top 3");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["a"]["crews"].get<int>() + 1, j["b"]["crews"].get<int>());
  EXPECT_EQ(j["a"]["deminers"].get<int>() + 10, j["b"]["deminers"].get<int>());
  const double pa = j["a"]["people_days_without_access"], pb = j["b"]["people_days_without_access"];
  EXPECT_LE(j["a"]["lower_bound_people_days"].get<double>(), pa);
  EXPECT_LE(j["b"]["lower_bound_people_days"].get<double>(), pb);
  EXPECT_TRUE(j["b"]["people_days_without_school"].is_number());
  const json& st = j["settlements"];
  // What B gains minus what it loses is the difference in people-days (same settlements).
  EXPECT_NEAR(st["people_days_gained"].get<double>() - st["people_days_lost"].get<double>(),
              pa - pb, 0.01);
  EXPECT_LE(st["top_gains"].size(), 3U);
  ASSERT_EQ(j["changes"].size(), 1U);
  EXPECT_NE(j["changes"][0].get<std::string>().find("manual +10"), std::string::npos);
}

// Both sides carry the objective they were planned for: by default the scenario's (access, whose
// value is the people-days), or the one --objective names.
TEST(Compare, ObjectiveOfBothSides) {
  const CmdResult access = run("compare " + kSmall + " --change '+40 builders' --json");
  ASSERT_EQ(access.status, 0) << access.err;
  const json ja = json::parse(access.out);
  for (const char* side : {"a", "b"}) {
    EXPECT_EQ(ja[side]["objective"]["kind"], "access");
    EXPECT_NEAR(ja[side]["objective"]["value"].get<double>(),
                ja[side]["people_days_without_access"].get<double>(), 1e-3);
  }
  const CmdResult mk =
      run("compare " + kSmall + " --change '+40 builders' --json --objective makespan");
  ASSERT_EQ(mk.status, 0) << mk.err;
  const json jm = json::parse(mk.out);
  for (const char* side : {"a", "b"}) {
    EXPECT_EQ(jm[side]["objective"]["kind"], "makespan");
    EXPECT_NEAR(jm[side]["objective"]["value"].get<double>(),
                jm[side]["makespan_days"].get<double>(), 1e-3);
  }
  const CmdResult text = run("compare " + kSmall + " --change '+40 builders' --objective weighted");
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("objective (weighted)"), std::string::npos) << text.out;
  const CmdResult bad = run("compare " + kSmall + " --change '+40 builders' --objective speed");
  EXPECT_NE(bad.status, 0);
}

TEST(Compare, TwoFilesAreTheSamePlan) {
  const CmdResult r = run("compare " + kSmall + " " + kSmall + " --json --rule nearest");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["a"]["people_days_without_access"], j["b"]["people_days_without_access"]);
  EXPECT_EQ(j["settlements"]["gained"], 0);
  EXPECT_EQ(j["settlements"]["lost"], 0);
  EXPECT_EQ(j["settlements"]["unchanged"], 2);
}

TEST(Compare, ClearErrors) {
  CmdResult r = run("compare " + kSmall);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("give a second scenario or at least one --change"), std::string::npos)
      << r.err;
  r = run("compare " + kSmall + " --change '+500 cooks'");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("change '+500 cooks': unknown word 'cooks'"), std::string::npos) << r.err;
  r = run("compare " + kSmall +
          " --change '+100 deminers in dog teams' --change '-5000 road builders'");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no road crews to remove"), std::string::npos) << r.err;
}

// More crews never make the plan worse (issue 14): B starts from A's plan, which it can always
// keep with its extra crews idle, by every objective, with and without the optimiser.
TEST(Compare, MoreCrewsNeverMakeThePlanWorse) {
  for (const std::string objective : {"access", "return", "makespan", "weighted"}) {
    for (const std::string limit : {"", " --time-limit 2 --threads 1"}) {
      std::string cmd = "compare " + kSmall;
      cmd += " --change '+500 builders' --json --objective ";
      cmd += objective;
      cmd += limit;
      const CmdResult r = run(cmd);
      ASSERT_EQ(r.status, 0) << objective << limit << "\n" << r.err;
      const json j = json::parse(r.out);
      EXPECT_LE(j["b"]["objective"]["value"].get<double>(),
                j["a"]["objective"]["value"].get<double>() + 1e-9)
          << objective << limit;
    }
  }
}

}  // namespace

namespace {

// A batch of what-ifs: one comparison per --variant, each the same as `compare` with that
// variant's changes; under mpirun -np 2 the ranks share them and the output is the same.
TEST(CompareBatch, EachVariantIsTheSingleCompareAndTwoRanksGiveTheSameBatch) {
  const std::string variants =
      " --variant '+10 deminers in manual teams' --variant '+40 builders; +10 deminers in dog "
      "teams'"
      " --variant 'x2 builders'";
  const CmdResult one = run("compare " + kSmall + variants + " --json --top 3");
  ASSERT_EQ(one.status, 0) << one.err;
  json a = json::parse(one.out);
  ASSERT_EQ(a["variants"].size(), 3U);
  EXPECT_EQ(a["variants"][1]["variant"], "+40 builders; +10 deminers in dog teams");
  for (const json& v : a["variants"]) EXPECT_TRUE(v["valid"].get<bool>());
  // The second variant is `compare --change ... --change ...`.
  const CmdResult single =
      run("compare " + kSmall +
          " --change '+40 builders' --change '+10 deminers in dog teams' --json --top 3");
  ASSERT_EQ(single.status, 0) << single.err;
  EXPECT_EQ(a["variants"][1]["comparison"], json::parse(single.out));
  // Text: one table per variant, in order.
  const CmdResult text = run("compare " + kSmall + variants);
  ASSERT_EQ(text.status, 0) << text.err;
  const auto p1 = text.out.find("== variant: +10 deminers");
  const auto p3 = text.out.find("== variant: x2 builders");
  ASSERT_NE(p1, std::string::npos) << text.out;
  ASSERT_NE(p3, std::string::npos) << text.out;
  EXPECT_LT(p1, p3);

  const std::string mpirun = GW_MPIRUN;
  if (mpirun.empty() || mpirun.find("NOTFOUND") != std::string::npos)
    GTEST_SKIP() << "built without MPI (no mpirun found by CMake): install libopenmpi-dev and "
                    "openmpi-bin (scripts/install-deps.sh) and reconfigure";
  const fs::path dir = fs::temp_directory_path() / ("gw_compare_mpi_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // As in ForecastMpi (forecast_cli_test.cpp): leak detection off in the ranks only.
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 " + mpirun +
                          " --allow-run-as-root --oversubscribe -np 2 " + GW_BINARY + " compare " +
                          kSmall + variants + " --json --top 3 >" + (dir / "two.json").string() +
                          " 2>" + (dir / "two.err").string();
  const int raw = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << gw::test::slurp(dir / "two.err");
  json b = json::parse(gw::test::slurp(dir / "two.json"));
  EXPECT_EQ(a["ranks"], 1);
  EXPECT_EQ(b["ranks"], 2);
  a.erase("ranks");
  b.erase("ranks");
  EXPECT_EQ(a, b) << "the two-rank batch differs from the single-process one";
  fs::remove_all(dir);
}

TEST(CompareBatch, BadVariantsAreNamed) {
  CmdResult r = run("compare " + kSmall + " --variant '+40 builders' --variant ' ; '");
  EXPECT_EQ(r.status, 5) << r.err;  // invalid input
  EXPECT_NE(r.err.find("--variant 2: holds no change"), std::string::npos) << r.err;
  r = run("compare " + kSmall + " --variant '+40 builders; +5 wizards'");
  EXPECT_EQ(r.status, 5) << r.err;  // invalid input
  EXPECT_NE(r.err.find("--variant 1: "), std::string::npos) << r.err;
  r = run("compare " + kSmall + " --variant '+40 builders' --change '+1 deminers'");
  EXPECT_EQ(r.status, 5) << r.err;  // invalid input
  EXPECT_NE(r.err.find("--variant takes one scenario and no --change"), std::string::npos) << r.err;
}

}  // namespace

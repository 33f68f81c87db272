// Bad input at the command line (issue 17): a directory where a file is expected, an existing
// scenario that synth would overwrite, --version. Each gives one clear line and the I/O status.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;

namespace {

using gw::test::CmdResult;

CmdResult run(const std::string& args) { return gw::test::run_groundwork(args); }

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("gw_badcli_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const fs::path kSmall = fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json";

TEST(BadInputCli, Version) {
  const CmdResult r = run("--version");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("groundwork ", 0), 0U) << r.out;
  EXPECT_NE(r.out.find('.'), std::string::npos) << r.out;
}

TEST(BadInputCli, ValidateGivenADirectoryAsThePlan) {
  const fs::path d = fresh_dir("plandir");
  const CmdResult r = run("validate " + kSmall.string() + " " + d.string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("is a directory, expected a plan.json file"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal"), std::string::npos) << r.err;
  fs::remove_all(d);
}

TEST(BadInputCli, RcpspGivenADirectory) {
  const fs::path d = fresh_dir("rcpspdir");
  const CmdResult r = run("rcpsp " + d.string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("is a directory, expected a PSPLIB file"), std::string::npos) << r.err;
  fs::remove_all(d);
}

// synth checks before it reads the extract: the refusal needs no OpenStreetMap data.
TEST(BadInputCli, SynthRefusesToOverwriteAScenario) {
  const fs::path d = fresh_dir("synth");
  std::ofstream(d / "scenario.json") << "{\"edited\": true}\n";
  const CmdResult r =
      run("synth --roads " + (d / "none.osm.pbf").string() + " --out " + d.string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("already exists; pass --force"), std::string::npos) << r.err;
  std::ifstream in(d / "scenario.json");
  std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "{\"edited\": true}\n") << "the scenario was touched";
  // With --force it goes on (and here fails on the missing extract instead).
  const CmdResult f =
      run("synth --force --roads " + (d / "none.osm.pbf").string() + " --out " + d.string());
  EXPECT_NE(f.status, 0);
  EXPECT_EQ(f.err.find("--force"), std::string::npos) << f.err;
  fs::remove_all(d);
}

// A scenario no crew can work: exit 6 (infeasible) before planning, with a short list of the
// first tasks and why, instead of exit 8 and one line per unassigned task.
TEST(BadInputCli, NoCrewsIsInfeasibleUpFront) {
  const fs::path d = fresh_dir("nocrews");
  nlohmann::json doc;
  std::ifstream(kSmall) >> doc;
  doc["crews"] = nlohmann::json::array();
  std::ofstream(d / "scenario.json") << doc.dump();
  const CmdResult r =
      run("plan " + (d / "scenario.json").string() + " --out " + (d / "out").string());
  EXPECT_EQ(r.status, 6) << r.err;
  EXPECT_NE(r.err.find("tasks can never be done"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no crew with people and a rate above 0 can do it"), std::string::npos)
      << r.err;
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 8) << "a short list: " << r.err;
  EXPECT_EQ(r.err.find("invalid plan"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out")) << "no output for an infeasible scenario";
  fs::remove_all(d);
}

TEST(BadInputCli, ScenarioPathThatIsADirectory) {
  const fs::path d = fresh_dir("scdir");
  const CmdResult r = run("plan " + d.string() + " --out " + (d / "out").string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("is a directory, expected a scenario file"), std::string::npos) << r.err;
  const CmdResult v = run("validate " + d.string() + " " + (d / "plan.json").string());
  EXPECT_EQ(v.status, 3) << v.err;
  EXPECT_NE(v.err.find("is a directory"), std::string::npos) << v.err;
  fs::remove_all(d);
}

}  // namespace

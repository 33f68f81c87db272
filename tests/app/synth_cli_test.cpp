// End to end on the real OpenStreetMap extract under GW_SHARED_DIR/data/osm: synth writes a
// scenario on the country's roads, plan plans it (with plan.gpkg), validate accepts the plan.
// Skips when the extract is absent.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path shared_dir() {
  const char* env = std::getenv("GW_SHARED_DIR");
  return env ? fs::path(env) : fs::path(GW_SHARED_DIR);
}

// The first .osm.pbf under data/osm, or an empty path.
fs::path extract() {
  const fs::path dir = shared_dir() / "data" / "osm";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.size() > 8 && n.compare(n.size() - 8, 8, ".osm.pbf") == 0) return e.path();
  }
  return {};
}

struct CmdRun {
  int status = -1;
  std::string out;
};

CmdRun run(const std::string& args, const fs::path& log) {
  const std::string cmd = std::string(GW_BINARY) + " " + args + " >" + log.string() + " 2>&1";
  const int raw = std::system(cmd.c_str());
  CmdRun r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  r.out = ss.str();
  return r;
}

TEST(SynthCli, RealExtractSynthesisesPlansAndValidates) {
  const fs::path pbf = extract();
  if (pbf.empty())
    GTEST_SKIP() << "no OpenStreetMap extract under " << (shared_dir() / "data/osm")
                 << "; set GW_SHARED_DIR";
  const fs::path dir = fs::temp_directory_path() / ("gw_synth_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path log = dir / "log";

  const CmdRun synth =
      run("synth --roads " + pbf.string() + " --seed 3 --out " + (dir / "sc").string(), log);
  ASSERT_EQ(synth.status, 0) << synth.out;
  for (const char* f : {"scenario.json", "hazards.gpkg", "damage.gpkg", "settlements.gpkg"})
    EXPECT_TRUE(fs::exists(dir / "sc" / f)) << f;
  json doc;
  std::ifstream(dir / "sc" / "scenario.json") >> doc;
  EXPECT_EQ(doc["roads"]["source"], fs::absolute(pbf).lexically_normal().string());
  EXPECT_EQ(doc["settlements"]["source"], "settlements.gpkg")
      << "the settlements as synthesised, with their displaced people";
  EXPECT_FALSE(doc["crews"].empty());

  // The plan is validated once, by the `validate` command below: under the sanitizers each
  // validation of this country's plan takes some 15 s of CPU.
  const CmdRun plan = run("plan " + (dir / "sc/scenario.json").string() + " --no-validate --out " +
                              (dir / "out").string(),
                          log);
  ASSERT_EQ(plan.status, 0) << plan.out;
  EXPECT_NE(plan.out.find("hazards: "), std::string::npos)
      << "the hazards layer is reported: " << plan.out;
  EXPECT_TRUE(fs::exists(dir / "out" / "plan.gpkg"));
  EXPECT_TRUE(fs::exists(dir / "out" / "report.html"));
  // The scenario read back holds the people synth displaced ("N people, D displaced"), so the
  // return objective has something to measure.
  {
    const auto at = synth.out.find(" displaced;");
    ASSERT_NE(at, std::string::npos) << synth.out;
    const auto from = synth.out.rfind(", ", at);
    const double printed = std::stod(synth.out.substr(from + 2, at - from - 2));
    json summary;
    std::ifstream(dir / "out" / "summary.json") >> summary;
    EXPECT_GT(printed, 0);
    EXPECT_EQ(summary["population_displaced"].get<double>(), printed);
    EXPECT_GT(summary["people_days_displaced"].get<double>(), 0);
  }
  std::ifstream report(dir / "out" / "report.html");
  std::stringstream html;
  html << report.rdbuf();
  EXPECT_NE(html.str().find("OpenStreetMap contributors"), std::string::npos) << "the ODbL credit";

  const CmdRun validate = run(
      "validate " + (dir / "sc/scenario.json").string() + " " + (dir / "out/plan.json").string(),
      log);
  EXPECT_EQ(validate.status, 0) << validate.out;
  EXPECT_NE(validate.out.find("valid: 0 violations"), std::string::npos) << validate.out;

  // --copy-roads makes the directory self-contained.
  const CmdRun copy = run(
      "synth --roads " + pbf.string() + " --seed 3 --copy-roads --out " + (dir / "copy").string(),
      log);
  ASSERT_EQ(copy.status, 0) << copy.out;
  json copied;
  std::ifstream(dir / "copy" / "scenario.json") >> copied;
  EXPECT_EQ(copied["roads"]["source"], pbf.filename().string());
  EXPECT_TRUE(fs::exists(dir / "copy" / pbf.filename()));
  fs::remove_all(dir);
}

}  // namespace

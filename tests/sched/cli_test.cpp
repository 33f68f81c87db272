#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sched_test_util.hpp"

namespace gw::sched::test {
namespace {

struct CliRun {
  int status = -1;
  std::string out;
};

CliRun run_cli(const std::string& args) {
  CliRun r;
  const std::string cmd = std::string(GW_BINARY) + " " + args + " 2>/dev/null";
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(f);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// One file per test process, removed at exit: several checkouts may run this suite at the same
// time, and a shared name would let one run truncate the file another run's CLI is reading.
std::string write_temp(const std::string& name, const std::string& text) {
  struct Cleanup {
    std::vector<std::filesystem::path> files;
    ~Cleanup() {
      std::error_code ec;
      for (const auto& f : files) std::filesystem::remove(f, ec);
    }
  };
  static Cleanup cleanup;
  const auto path = std::filesystem::temp_directory_path() /
                    ("gw_sched_cli_" + std::to_string(getpid()) + "_" + name);
  std::ofstream(path) << text;
  cleanup.files.push_back(path);
  return path.string();
}

TEST(RcpspCli, JsonHasMakespanBoundStartsAndModes) {
  const std::string f = write_temp("small.sm", kSmallSm);
  const CliRun r = run_cli("rcpsp " + f + " --schedules 5000 --time-limit 0 --seed 3 --json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("makespan"), 7);
  EXPECT_GE(j.at("lower_bound").get<int>(), 6);
  EXPECT_EQ(j.at("optimal").get<bool>(), j.at("lower_bound").get<int>() == 7);
  EXPECT_EQ(j.at("starts").size(), 5U);
  EXPECT_EQ(j.at("modes"), nlohmann::json::array({1, 1, 1, 1, 1}));
  EXPECT_EQ(j.at("starts").back(), 7);
}

TEST(RcpspCli, MultiModeModesAreOneBasedAndInfeasibleIsReported) {
  const CliRun ok = run_cli("rcpsp " + write_temp("m4.mm", small_mm(4)) +
                            " --schedules 5000 --time-limit 0 --json");
  ASSERT_EQ(ok.status, 0) << ok.out;
  const auto j = nlohmann::json::parse(ok.out);
  EXPECT_EQ(j.at("makespan"), 4);
  const auto& modes = j.at("modes");
  EXPECT_EQ(modes[1].get<int>() + modes[2].get<int>(), 3);  // one fast (1), one slow (2)
  const CliRun bad = run_cli("rcpsp " + write_temp("m1.mm", small_mm(1)) + " --json");
  EXPECT_EQ(bad.status, 6);  // kInfeasible
  const auto b = nlohmann::json::parse(bad.out);
  EXPECT_EQ(b.at("feasible"), false);
  EXPECT_EQ(b.at("proven_infeasible"), true);
}

TEST(RcpspCli, MalformedFileGivesAParseErrorStatus) {
  std::string t = kSmallSm;
  t.replace(t.find("  3      1     4       2"), 24, "  3      1     4      zz");
  EXPECT_EQ(run_cli("rcpsp " + write_temp("bad.sm", t)).status, 4);  // kParse
  EXPECT_EQ(run_cli("rcpsp /nonexistent/file.sm").status, 3);        // kIo
}

}  // namespace
}  // namespace gw::sched::test

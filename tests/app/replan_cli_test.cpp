// End-to-end: `groundwork replan` from a CSV field report, its outputs validated from the reported
// state, and bad reports refused with nothing written.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using gw::test::CmdResult;
using gw::test::run_groundwork;
using gw::test::slurp;

// The date `days` after 2027-04-01 (the default start_date), as YYYY-MM-DD.
std::string date_after(int days) {
  using namespace std::chrono;
  const year_month_day d{sys_days{year{2027} / April / 1} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

TEST(ReplanCli, FromAFieldReportToAValidPlanAndADiff) {
  const fs::path dir = fs::temp_directory_path() / ("gw_replan_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string d = (dir / "d.json").string();
  ASSERT_EQ(run_groundwork("generate --scale 0.05 --seed 9 --out " + d).status, 0);
  const CmdResult p = run_groundwork("plan " + d + " --no-validate --out " + (dir / "p").string());
  ASSERT_EQ(p.status, 0) << p.err;
  // The clearance task the plan starts first: its hazard is reported half as far as planned.
  const json plan = json::parse(slurp(dir / "p" / "plan.json"));
  const json* first = nullptr;
  for (const json& t : plan["tasks"]) {
    if (t["kind"] != "clearance" || t["crew"].is_null()) continue;
    if (first == nullptr || t["start"].get<long>() < (*first)["start"].get<long>()) first = &t;
  }
  ASSERT_NE(first, nullptr);
  const int start_day = static_cast<int>((*first)["start_day"].get<double>());
  const int as_of = start_day + 30;
  {
    std::ofstream out(dir / "reports.csv");
    out << "date,hazard,area_cleared_m2,items_found\n"
        << date_after(start_day + 20) << "," << (*first)["hazard"].get<std::string>() << ","
        << (*first)["work"].get<double>() / 2 << ",3\n";
  }
  const std::string rp = (dir / "rp").string();
  const CmdResult r = run_groundwork("replan " + d + " " + (dir / "p" / "plan.json").string() +
                                     " --reports " + (dir / "reports.csv").string() + " --as-of " +
                                     date_after(as_of) + " --out " + rp);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("valid from the reported state"), std::string::npos) << r.out;
  const json diff = json::parse(slurp(rp + "/diff.json"));
  for (const char* k : {"as_of_day", "tasks_done", "tasks_kept", "tasks_moved", "instability_days",
                        "crews", "settlements", "why", "people_days_displaced"})
    EXPECT_TRUE(diff.contains(k)) << k;
  EXPECT_NEAR(diff["as_of_day"].get<double>(), as_of, 1e-9);
  const json replanned = json::parse(slurp(rp + "/plan.json"));
  EXPECT_EQ(replanned["as_of"].get<long>(), as_of * 1440L);
  // The validator checks the new plan from the reported state.
  const CmdResult v =
      run_groundwork("validate " + d + " " + rp + "/plan.json --truth " + rp + "/reported.json");
  EXPECT_EQ(v.status, 0) << v.out << v.err;

  // A bad report: an error naming the file, the row and the field, and nothing written.
  {
    std::ofstream out(dir / "bad.csv");
    out << "date,hazard,area_cleared_m2\n" << date_after(start_day + 20) << ",nowhere,5\n";
  }
  const std::string bad_out = (dir / "bad_out").string();
  const CmdResult b = run_groundwork("replan " + d + " " + (dir / "p" / "plan.json").string() +
                                     " --reports " + (dir / "bad.csv").string() + " --as-of " +
                                     date_after(as_of) + " --out " + bad_out);
  EXPECT_NE(b.status, 0);
  EXPECT_NE(b.err.find("bad.csv: layer 'bad': FID 1: hazard: unknown hazard 'nowhere'"),
            std::string::npos)
      << b.err;
  EXPECT_FALSE(fs::exists(bad_out));
  // A report dated on or after --as-of.
  {
    std::ofstream out(dir / "late.csv");
    out << "date,hazard,area_cleared_m2\n"
        << date_after(as_of) << "," << (*first)["hazard"].get<std::string>() << ",5\n";
  }
  const CmdResult l = run_groundwork("replan " + d + " " + (dir / "p" / "plan.json").string() +
                                     " --reports " + (dir / "late.csv").string() + " --as-of " +
                                     date_after(as_of) + " --out " + bad_out);
  EXPECT_NE(l.status, 0);
  EXPECT_NE(l.err.find("late.csv: layer 'late': FID 1: date:"), std::string::npos) << l.err;
  EXPECT_FALSE(fs::exists(bad_out));
  fs::remove_all(dir);
}

}  // namespace

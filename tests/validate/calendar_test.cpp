// Tests of the validator's calendar (docs/model.md §6): its own date arithmetic, the heating
// season, and task durations when the crew's month share changes during the task.
#include <gtest/gtest.h>

#include <string>

#include "district.hpp"
#include "validate/validate.hpp"
#include "validate/validate_internal.hpp"

namespace gw::validate {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's builders
using detail::Date;

TEST(ValidateCalendar, DatesCountDaysFrom1970) {
  EXPECT_EQ(detail::days_from_date({1970, 1, 1}), 0);
  EXPECT_EQ(detail::days_from_date({2027, 4, 1}), 20909);
  EXPECT_EQ(detail::days_from_date({2028, 2, 29}), 21243);
  EXPECT_EQ(detail::days_from_date({1600, 3, 1}), -135080);
  for (std::int64_t d = -150000; d < 150000; d += 37) {
    const Date x = detail::date_from_days(d);
    ASSERT_EQ(detail::days_from_date(x), d) << x.year << "-" << x.month << "-" << x.day;
    ASSERT_GE(x.day, 1);
    ASSERT_LE(x.day, detail::days_in_month(x.year, x.month));
  }
  const Date leap = detail::date_from_days(21243);
  EXPECT_EQ(leap.year, 2028);
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
  EXPECT_EQ(detail::days_in_month(2100, 2), 28);
  EXPECT_EQ(detail::days_in_month(2000, 2), 29);
}

TEST(ValidateCalendar, ParsesIsoDatesThatExist) {
  EXPECT_EQ(detail::parse_iso_date("2027-04-01"), 20909);
  EXPECT_FALSE(detail::parse_iso_date("2027-02-29"));
  EXPECT_TRUE(detail::parse_iso_date("2028-02-29"));
  EXPECT_FALSE(detail::parse_iso_date("2027-13-01"));
  EXPECT_FALSE(detail::parse_iso_date("2027-4-01"));
  EXPECT_FALSE(detail::parse_iso_date("2027-04-01T00"));
}

TEST(ValidateCalendar, HeatingSeasonRunsToTheDayBeforeItsEnd) {
  const MonthDay from{10, 15};
  const MonthDay to{4, 15};
  EXPECT_TRUE(detail::in_season(10, 15, from, to));
  EXPECT_TRUE(detail::in_season(1, 1, from, to));  // across the new year
  EXPECT_TRUE(detail::in_season(4, 14, from, to));
  EXPECT_FALSE(detail::in_season(4, 15, from, to));
  EXPECT_FALSE(detail::in_season(10, 14, from, to));
  EXPECT_TRUE(detail::in_season(6, 1, {5, 1}, {7, 1}));
  EXPECT_FALSE(detail::in_season(7, 1, {5, 1}, {7, 1}));
  EXPECT_FALSE(detail::in_season(5, 1, {5, 1}, {5, 1}));  // from == to: empty
}

// The clinic (3360 nominal minutes for the general crew) started at 12:00 on 30 April (day 29):
// 720 minutes at 100 % supply 72,000 of its 336,000 percent-minutes; May works at 70 %, so the
// other 264,000 take ceil(264000 / 70) = 3772 minutes: it cannot end before 43200 + 3772.
TEST(ValidateCalendar, DurationAcrossAMonthBoundary) {
  District f;
  auto& general = f.sc.params.season_percent[static_cast<std::size_t>(Trade::kGeneral)];
  general[4] = 70;  // May
  f.of(kClinic) = asg(kClinic, kGeneralCrew, 42478, 42480, 46972, 4, 1, 2);
  Report r = f.run();
  EXPECT_TRUE(r.valid()) << dump(r);
  f.of(kClinic).end = 46971;
  r = f.run();
  EXPECT_VIOLATION(r, "task 6 (repair PB1 step 0 pkg 0), crew C4: lasts 4491 min, needs 4492 min");
  // Started on 28 April, it ends in April at 100 %.
  f.of(kClinic) = asg(kClinic, kGeneralCrew, 38878, 38880, 38880 + 3360, 4, 1, 2);
  EXPECT_TRUE(f.run().valid()) << dump(f.run());
}

// Day 0 is 31 December: one day at 100 %, then January at 50 %. The clinic started at minute 2
// gets 1438 x 100 percent-minutes on day 0 and needs (336000 - 143800) / 50 = 3844 more minutes.
TEST(ValidateCalendar, DurationAcrossTheNewYearFromTheStartDate) {
  District f;
  f.sc.params.start_date = "2026-12-31";
  f.sc.params.season_percent[static_cast<std::size_t>(Trade::kGeneral)][0] = 50;
  f.of(kClinic).end = 1440 + 3844;
  EXPECT_TRUE(f.run().valid()) << dump(f.run());
  f.of(kClinic).end = 1440 + 3843;
  EXPECT_VIOLATION(f.run(), "crew C4: lasts 5281 min, needs 5282 min");
}

// A month at 0 % supplies nothing: the task waits for the next month.
TEST(ValidateCalendar, ZeroMonthIsSkipped) {
  District f;
  auto& general = f.sc.params.season_percent[static_cast<std::size_t>(Trade::kGeneral)];
  general[4] = 0;  // May
  f.of(kClinic) = asg(kClinic, kGeneralCrew, 42478, 42480, 0, 4, 1, 2);
  // 72,000 in April, nothing in May (31 days), 264,000 at 100 % in June: 2640 minutes.
  f.of(kClinic).end = (30 + 31) * 1440 + 2640;
  EXPECT_TRUE(f.run().valid()) << dump(f.run());
  f.of(kClinic).end -= 1;
  EXPECT_VIOLATION(f.run(), "crew C4: lasts");
}

TEST(ValidateCalendar, ReportsBadCalendarParameters) {
  District f;
  f.sc.params.start_date = "2027-02-30";
  f.sc.params.season_percent[static_cast<std::size_t>(Trade::kDog)].fill(0);
  const Report r = f.run();
  EXPECT_VIOLATION(r, "parameters: start_date '2027-02-30' is not a date");
  EXPECT_VIOLATION(r, "parameters: season_percent of dog is 0 in every month");
}

}  // namespace
}  // namespace gw::validate

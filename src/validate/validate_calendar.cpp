// The validator's calendar (docs/model.md §6, §7): its own date arithmetic, the month of each
// plan day, the heating season, and the least end of a task whose crew works at the month's share
// of its rate.
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

namespace {
constexpr std::int64_t kDaysPer400Years = 146097;
// Days from 0000-03-01 to 1970-01-01: dates are counted from a year that starts in March, so that
// the leap day is the last day of the counted year.
constexpr std::int64_t kEpochShift = 719468;

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

int days_in_month(std::int64_t year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && leap(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

std::int64_t days_from_date(const Date& d) {
  const std::int64_t y = d.month <= 2 ? d.year - 1 : d.year;  // the year that began in March
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;            // 0..399
  const std::int64_t month_from_march = (d.month + 9) % 12;  // March 0 .. February 11
  // Days before the month in a year starting in March: 31 30 31 30 31 31 30 31 30 31 31 (29),
  // which 153 days per 5 months reproduces exactly.
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPer400Years + day_of_era - kEpochShift;
}

Date date_from_days(std::int64_t days) {
  const std::int64_t z = days + kEpochShift;
  const std::int64_t era = floor_div(z, kDaysPer400Years);
  const std::int64_t day_of_era = z - era * kDaysPer400Years;  // 0..146096
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  Date d;
  d.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  d.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  d.year = year_of_era + era * 400 + (d.month <= 2 ? 1 : 0);
  return d;
}

std::optional<std::int64_t> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4);
  const auto m = digits(5, 2);
  const auto d = digits(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) {
    return std::nullopt;
  }
  return days_from_date({*y, *m, *d});
}

bool in_season(int month, int day, MonthDay from, MonthDay to) {
  const auto key = [](int m, int d) { return m * 100 + d; };
  const int md = key(month, day);
  const int lo = key(from.month, from.day);
  const int hi = key(to.month, to.day);
  if (lo <= hi) return lo <= md && md < hi;
  return md >= lo || md < hi;
}

void Validator::read_calendar() {
  if (const auto d = parse_iso_date(P_.start_date)) {
    day0_ = *d;
  } else {
    sink_.add(cat("parameters: start_date '", P_.start_date,
                  "' is not a date (YYYY-MM-DD); the calendar starts on 1970-01-01"));
    day0_ = 0;
  }
  season_ = P_.season_percent;
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    auto& row = season_[tr];
    bool any = false;
    for (auto& p : row) {
      if (p > 100) {
        sink_.add(cat("parameters: season_percent of ", name(static_cast<Trade>(tr)), " is ",
                      static_cast<int>(p), " %, above 100"));
      }
      any = any || p > 0;
    }
    if (!any) {
      // docs/model.md §6 promises a month above 0; without one no task of the trade could end.
      // Reported, and counted at 100 % so that the other checks still run.
      sink_.add(cat("parameters: season_percent of ", name(static_cast<Trade>(tr)),
                    " is 0 in every month"));
      row.fill(100);
    }
  }
}

bool Validator::heating_season(std::int64_t day) const {
  const Date d = date_of(day);
  return in_season(d.month, d.day, P_.heating_season_from, P_.heating_season_to);
}

Minutes Validator::earliest_end(Trade trade, Minutes start, double nominal) const {
  const auto tr = static_cast<std::size_t>(trade);
  if (tr >= kTradeCount) return kNever;
  const double pm = std::ceil(nominal * 100.0 - 1e-6);
  // Beyond this the end is off any calendar a plan can hold (and the integer sums would overflow).
  if (!(pm < 1e15)) return kNever;
  std::int64_t need = pm > 0 ? static_cast<std::int64_t>(pm) : 0;
  if (need == 0) return start;
  // The share is constant over a calendar month: walk the plan month by month from the start.
  Minutes m = start;
  while (true) {
    const std::int64_t day = floor_div(m, kMinutesPerDay);
    const Date d = date_of(day);
    const std::int64_t month_end_day = day + days_in_month(d.year, d.month) - d.day + 1;
    const Minutes month_end = month_end_day * kMinutesPerDay;
    const std::int64_t pct = season_[tr][static_cast<std::size_t>(d.month - 1)];
    if (pct > 0) {
      const std::int64_t supply = pct * (month_end - m);
      if (supply >= need) return m + (need + pct - 1) / pct;
      need -= supply;
    }
    m = month_end;
  }
}

}  // namespace gw::validate::detail

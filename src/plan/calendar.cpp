#include "plan/calendar.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "model/error.hpp"

namespace gw::plan {

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

// Tabulate the calendar this far beyond the horizon: tasks that end later are rare (a plan that
// long is already useless) and walk day by day.
constexpr std::int64_t kExtraDays = std::int64_t{3} * 366;

std::int64_t parse_iso(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    throw Error(ErrorCode::kInvalidInput, "date " + quote_value(iso) + " is not YYYY-MM-DD");
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok())
    throw Error(ErrorCode::kInvalidInput, "date " + quote_value(iso) + " is not a date");
  return sys_days{ymd}.time_since_epoch().count();
}

// Whether (m, d) lies in [from, to) of the year, across the new year when from > to.
bool in_season(int m, int d, MonthDay from, MonthDay to) {
  const int x = m * 100 + d, a = from.month * 100 + from.day, b = to.month * 100 + to.day;
  return a <= b ? (x >= a && x < b) : (x >= a || x < b);
}

}  // namespace

Calendar::Calendar(const Parameters& params)
    : start_days_(parse_iso(params.start_date)),
      heat_from_(params.heating_season_from),
      heat_to_(params.heating_season_to) {
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    for (std::size_t k = 0; k < 12; ++k) {
      pct_[t][k] = params.season_percent[t][k];
      max_pct_[t] = std::max(max_pct_[t], pct_[t][k]);
    }
  }
  days_ = static_cast<std::int64_t>(std::max(params.horizon_days, 1)) + kExtraDays;
  month_.resize(static_cast<std::size_t>(days_));
  for (std::int64_t d = 0; d < days_; ++d) {
    const year_month_day ymd{sys_days{days{start_days_ + d}}};
    month_[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(unsigned{ymd.month()});
  }
  const auto row = static_cast<std::size_t>(days_ + 1);
  cum_.assign(kTradeCount * row, 0);
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    std::int64_t* c = cum_.data() + t * row;
    for (std::int64_t d = 0; d < days_; ++d) {
      c[d + 1] = c[d] + kMinutesPerDay * pct_[t][month_[static_cast<std::size_t>(d)] - 1U];
    }
  }
}

int Calendar::month_of_day(std::int64_t d) const {
  if (d >= 0 && d < days_) return month_[static_cast<std::size_t>(d)];
  const year_month_day ymd{sys_days{days{start_days_ + d}}};
  return static_cast<int>(unsigned{ymd.month()});
}

std::int64_t Calendar::percent_minutes(double nominal_min) {
  return static_cast<std::int64_t>(std::ceil(nominal_min * 100.0 - 1e-6));
}

std::int64_t Calendar::day_pct(std::size_t trade, std::int64_t d) const {
  return pct_[trade][static_cast<std::size_t>(month_of_day(d) - 1)];
}

std::int64_t Calendar::cum(std::size_t trade, std::int64_t d) const {
  return cum_[trade * static_cast<std::size_t>(days_ + 1) + static_cast<std::size_t>(d)];
}

Minutes Calendar::end_of(Trade t, Minutes start, std::int64_t need) const {
  if (need <= 0) return start;
  const auto tr = static_cast<std::size_t>(t);
  std::int64_t d = start / kMinutesPerDay;
  // The rest of the start day.
  const std::int64_t p0 = day_pct(tr, d);
  const Minutes day_end = (d + 1) * kMinutesPerDay;
  if (p0 > 0) {
    const std::int64_t avail = p0 * (day_end - start);
    if (need <= avail) return start + (need + p0 - 1) / p0;
    need -= avail;
  }
  ++d;
  // Whole days from the table: the last day whose start still leaves work to do.
  if (d < days_) {
    const std::int64_t base = cum(tr, d);
    if (cum(tr, days_) - base >= need) {
      // The least e in (d, days_] with cum(e) - base >= need; work ends in day e - 1.
      std::int64_t lo = d + 1, hi = days_;
      while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (cum(tr, mid) - base >= need) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      const std::int64_t last = lo - 1;
      const std::int64_t left = need - (cum(tr, last) - base);
      const std::int64_t p = day_pct(tr, last);
      return last * kMinutesPerDay + (left + p - 1) / p;
    }
    need -= cum(tr, days_) - base;
    d = days_;
  }
  // Beyond the table: day by day (every trade works in some month, so this ends).
  for (;; ++d) {
    const std::int64_t p = day_pct(tr, d);
    if (p == 0) continue;
    if (need <= p * kMinutesPerDay) return d * kMinutesPerDay + (need + p - 1) / p;
    need -= p * kMinutesPerDay;
  }
}

std::int64_t Calendar::supplied(Trade t, Minutes from, Minutes to) const {
  const auto tr = static_cast<std::size_t>(t);
  std::int64_t s = 0;
  for (Minutes m = from; m < to;) {
    const std::int64_t d = m / kMinutesPerDay;
    const Minutes e = std::min(to, (d + 1) * kMinutesPerDay);
    if (d >= 0 && d + 1 < days_ && e == (d + 1) * kMinutesPerDay && m == d * kMinutesPerDay) {
      // Whole days from the table.
      const std::int64_t last = std::min(days_, to / kMinutesPerDay);
      s += cum(tr, last) - cum(tr, d);
      m = last * kMinutesPerDay;
      continue;
    }
    s += day_pct(tr, d) * (e - m);
    m = e;
  }
  return s;
}

bool Calendar::heating_season(Minutes m) const {
  const std::int64_t d =
      m >= 0 ? m / kMinutesPerDay : -((-m + kMinutesPerDay - 1) / kMinutesPerDay);
  const year_month_day ymd{sys_days{days{start_days_ + d}}};
  return in_season(static_cast<int>(unsigned{ymd.month()}), static_cast<int>(unsigned{ymd.day()}),
                   heat_from_, heat_to_);
}

Minutes Calendar::next_season_change(Minutes m) const {
  const bool now = heating_season(m);
  std::int64_t d = m / kMinutesPerDay + 1;
  // A change happens within a year; look day by day (called a few times per settlement).
  for (int k = 0; k < 400; ++k, ++d) {
    if (heating_season(d * kMinutesPerDay) != now) return d * kMinutesPerDay;
  }
  return std::numeric_limits<Minutes>::max();
}

Minutes Calendar::minute_of_date(const std::string& iso) const {
  return (parse_iso(iso) - start_days_) * kMinutesPerDay;
}

}  // namespace gw::plan

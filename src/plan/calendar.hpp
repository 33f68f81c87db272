// The planner's calendar (docs/model.md §6 and §7): the month of each plan day, work accrued day by
// day at each trade's seasonal share of its rate, the heating season and due dates. Built once per
// scenario and shared read-only (by the optimiser's threads too).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "model/types.hpp"

namespace gw::plan {

class Calendar {
 public:
  // Throws gw::Error(kInvalidInput) when params.start_date is not a valid ISO date.
  explicit Calendar(const Parameters& params);

  // 1..12: the calendar month of plan day `day` (day 0 is start_date).
  [[nodiscard]] int month_of_day(std::int64_t day) const;

  // The percent-minutes a task of `nominal_min` nominal minutes needs (docs/model.md §6).
  [[nodiscard]] static std::int64_t percent_minutes(double nominal_min);
  // The least end of work that needs `need` percent-minutes, started at `start` by a crew of
  // trade `t`.
  [[nodiscard]] Minutes end_of(Trade t, Minutes start, std::int64_t need) const;
  // The percent-minutes trade `t` supplies over [from, to).
  [[nodiscard]] std::int64_t supplied(Trade t, Minutes from, Minutes to) const;
  // The share of the nominal rate trade `t` works in month 1..12.
  [[nodiscard]] int percent(Trade t, int month) const {
    return pct_[static_cast<std::size_t>(t)][static_cast<std::size_t>(month - 1)];
  }
  // The largest monthly share of trade `t` (for bounds: no period goes faster).
  [[nodiscard]] int max_percent(Trade t) const { return max_pct_[static_cast<std::size_t>(t)]; }

  // Whether minute `m` lies in a day of the heating season.
  [[nodiscard]] bool heating_season(Minutes m) const;
  // The first minute >= m at which the heating season's state (in or out) changes.
  [[nodiscard]] Minutes next_season_change(Minutes m) const;

  // Minute 0 of an ISO date (YYYY-MM-DD) relative to day 0 (negative before it). Throws
  // gw::Error(kInvalidInput) on a malformed date.
  [[nodiscard]] Minutes minute_of_date(const std::string& iso) const;

 private:
  [[nodiscard]] std::int64_t day_pct(std::size_t trade, std::int64_t day) const;
  // Percent-minutes of trade `trade` from day 0 to the start of day `day` (day <= table size).
  [[nodiscard]] std::int64_t cum(std::size_t trade, std::int64_t day) const;

  std::int64_t start_days_ = 0;  // day 0 as days since 1970-01-01
  std::array<std::array<int, 12>, kTradeCount> pct_{};
  std::array<int, kTradeCount> max_pct_{};
  MonthDay heat_from_, heat_to_;
  // Per trade: percent-minutes from day 0 to the start of each day, for the first days_ days
  // (beyond them end_of walks day by day).
  std::int64_t days_ = 0;
  std::vector<std::int64_t> cum_;    // trade-major, (days_ + 1) entries per trade
  std::vector<std::uint8_t> month_;  // month of each tabulated day
};

}  // namespace gw::plan

#include "gen/workload.hpp"

#include <cstdio>

namespace gw::gen {

namespace {

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

int days_in_month(int y, int m) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[static_cast<std::size_t>(m - 1)] + (m == 2 && leap ? 1 : 0);
}

// The builder trade with the highest rate for `a` (kTradeCount when none can do it).
std::size_t natural_trade(const Parameters& p, ActivityKind a) {
  std::size_t best = kTradeCount;
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    if (is_demining(static_cast<Trade>(t)) || p.activity_rate[t][idx(a)] <= 0) continue;
    if (best == kTradeCount || p.activity_rate[t][idx(a)] > p.activity_rate[best][idx(a)]) best = t;
  }
  return best;
}

}  // namespace

std::array<double, kTradeCount> builder_work_person_days(const Scenario& s) {
  const Parameters& p = s.params;
  std::array<double, kTradeCount> out{};
  auto add = [&](ActivityKind a, double quantity) {
    const std::size_t t = natural_trade(p, a);
    if (t < kTradeCount) out[t] += quantity / p.activity_rate[t][idx(a)];
  };
  for (const Asset& a : s.assets) {
    for (const TemplateStep& step : p.templates[idx(a.kind)])
      add(step.activity, step.per_unit * a.quantity);
  }
  constexpr std::array<ActivityKind, kDamageClassCount> kHousing = {
      ActivityKind::kHouseLight, ActivityKind::kHouseHeavy, ActivityKind::kHouseRebuild};
  for (const Settlement& st : s.settlements) {
    for (std::size_t c = 0; c < kDamageClassCount; ++c)
      add(kHousing[c], static_cast<double>(st.damaged_dwellings[c]));
  }
  return out;
}

double working_days_per_person(const Parameters& p, Trade t, int days) {
  int y = 2027, m = 4, d = 1;
  std::sscanf(p.start_date.c_str(), "%d-%d-%d", &y, &m, &d);
  double percent_days = 0;
  for (int day = 0; day < days; ++day) {
    percent_days += p.season_percent[idx(t)][static_cast<std::size_t>(m - 1)];
    if (++d > days_in_month(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
  return percent_days / 100 * p.working_days_per_week / 7;
}

std::array<double, kTradeCount> builders_needed(const Scenario& s, int days) {
  auto out = builder_work_person_days(s);
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    const double avail = working_days_per_person(s.params, static_cast<Trade>(t), days);
    out[t] = avail > 0 ? out[t] / avail : 0;
  }
  return out;
}

}  // namespace gw::gen

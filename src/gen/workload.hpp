// The reconstruction workload of a generated scenario, by builder trade, for sizing the brigades to
// the work (compose_crews, src/gen/war.hpp). It follows docs/model.md §3 and §6: each step of each
// damaged asset's template and each damaged dwelling is work in its activity's unit; a trade's
// daily rate per person is parameters.activity_rate; working time follows the calendar
// (season_percent) and the working week. Pure computation.
#pragma once

#include <array>

#include "model/scenario.hpp"

namespace gw::gen {

// The days over which the generators size the builders' work (assumption: the default district's
// demining plan ran about 600 days before seasons; its winters lengthen it to about 700).
inline constexpr int kExpectedPlanDays = 700;

// Person-days of reconstruction work per trade: every step of every asset and every damaged
// dwelling, each counted at its activity's natural trade (the builder trade with the highest rate;
// the first such in trade order on a tie). Demining trades get none.
std::array<double, kTradeCount> builder_work_person_days(const Scenario& s);

// Working days one person of trade `t` supplies over the first `days` days of the plan:
// Σ season_percent[t][month(d)] / 100 × working_days_per_week / 7.
double working_days_per_person(const Parameters& p, Trade t, int days);

// The builders each trade needs to be fully busy over `days`: work / working days per person.
std::array<double, kTradeCount> builders_needed(const Scenario& s, int days);

}  // namespace gw::gen

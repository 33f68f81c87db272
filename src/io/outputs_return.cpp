// The people back home per settlement over time (outputs_util.hpp, ReturnCurves), by the rule of
// docs/model.md §7: a settlement is ready while it has access, its residential land is released,
// power and water, and heat on days of the heating season; people come back while it is ready, as
// far as its habitable dwellings have room, and stay.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "model/error.hpp"

namespace gw::io::detail {

std::vector<std::size_t> month_end_days(std::size_t curve_days) {
  std::vector<std::size_t> out;
  for (std::size_t d = 30; d < curve_days; d += 30) out.push_back(d);
  if (curve_days > 1 && (curve_days - 1) % 30 != 0) out.push_back(curve_days - 1);
  return out;
}

namespace {

// Whether the month-day (m, d) lies in the season [from, to) (across the new year when from > to).
bool in_heating_season(int m, int d, MonthDay from, MonthDay to) {
  const int x = m * 100 + d, f = from.month * 100 + from.day, t = to.month * 100 + to.day;
  return f < t ? (x >= f && x < t) : (x >= f || x < t);
}

Minutes latest(std::initializer_list<Minutes> ts) { return std::max(ts); }

}  // namespace

ReturnCurves::ReturnCurves(const Scenario& s, const TaskSet& t, const Evaluation& ev,
                           std::size_t days)
    : household_(s.params.household_size) {
  const std::size_t n = s.settlements.size();
  check_size(ev.settlement_access.size(), n, "evaluation.settlement_access");
  check_size(ev.residential_released.size(), n, "evaluation.residential_released");
  check_size(ev.task_end.size(), t.tasks.size(), "evaluation.task_end");
  auto service = [&](Service sv) -> const std::vector<Minutes>& {
    const auto& v = ev.service_restored[static_cast<std::size_t>(sv)];
    check_size(v.size(), n, "evaluation.service_restored[" + std::string(name(sv)) + "]");
    return v;
  };
  const auto& power = service(Service::kPower);
  const auto& water = service(Service::kWater);
  const auto& heat = service(Service::kHeat);
  towns_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Settlement& st = s.settlements[i];
    Town& x = towns_[i];
    x.displaced = static_cast<double>(st.displaced);
    x.stayed = static_cast<double>(st.population - st.displaced);
    std::int64_t damaged = 0;
    for (std::int64_t c : st.damaged_dwellings) damaged += c;
    x.habitable = static_cast<double>(st.dwellings - damaged);
    x.ready = latest({ev.settlement_access[i], ev.residential_released[i], power[i], water[i]});
    // Electric heating: heat is the power service.
    x.heat = st.heating == Heating::kElectric ? power[i] : heat[i];
  }
  for (std::size_t k = 0; k < t.tasks.size(); ++k) {
    const Task& task = t.tasks[k];
    if (task.kind != TaskKind::kHousing || ev.task_end[k] == kNever) continue;
    if (!task.settlement.valid() || task.settlement.index() >= n) {
      throw Error(ErrorCode::kInternal, "outputs: housing task " + std::to_string(k) +
                                            " names no settlement of the scenario");
    }
    towns_[task.settlement.index()].housed.emplace_back(ev.task_end[k], task.dwellings);
  }
  for (Town& x : towns_) {
    std::sort(x.housed.begin(), x.housed.end());
    double sum = 0;
    for (auto& [end, dwellings] : x.housed) dwellings = sum += dwellings;
  }
  // The heating season by day, and the first day of each run of season days.
  int y = 0;
  unsigned mo = 0, d = 0;
  if (std::sscanf(s.params.start_date.c_str(), "%d-%u-%u", &y, &mo, &d) != 3) {
    throw Error(ErrorCode::kInvalidInput,
                "start_date '" + s.params.start_date + "' is not an ISO date YYYY-MM-DD");
  }
  const std::chrono::sys_days day0{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}}};
  in_season_.assign(days, false);
  season_start_.assign(days, 0);
  for (std::size_t k = 0; k < days; ++k) {
    const std::chrono::year_month_day ymd{day0 + std::chrono::days{k}};
    in_season_[k] = in_heating_season(static_cast<int>(static_cast<unsigned>(ymd.month())),
                                      static_cast<int>(static_cast<unsigned>(ymd.day())),
                                      s.params.heating_season_from, s.params.heating_season_to);
    season_start_[k] = in_season_[k] && k > 0 && in_season_[k - 1] ? season_start_[k - 1]
                                                                   : static_cast<std::uint32_t>(k);
  }
}

double ReturnCurves::returned(std::size_t i, Minutes m) const {
  const Town& x = towns_.at(i);
  if (x.displaced <= 0 || x.ready == kNever || m < x.ready) return 0;
  // The latest time <= m at which the settlement is ready.
  Minutes tau = m;
  const auto day = static_cast<std::size_t>(m / kMinutesPerDay);
  if (day < in_season_.size() && in_season_[day] && !(x.heat <= m)) {
    // Without heat in the heating season: ready last just before this season began, if then.
    tau = static_cast<Minutes>(season_start_[day]) * kMinutesPerDay - 1;
    if (tau < x.ready) return 0;
  }
  const auto it =
      std::upper_bound(x.housed.begin(), x.housed.end(), std::pair<Minutes, double>(tau, 1e300));
  const double housed = it == x.housed.begin() ? 0 : std::prev(it)->second;
  const double room = std::max(0.0, (x.habitable + housed) * household_ - x.stayed);
  return std::min(x.displaced, room);
}

}  // namespace gw::io::detail

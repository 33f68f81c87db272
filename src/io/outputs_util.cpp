// The helpers shared by the output writers (outputs_util.hpp) and the calendar arithmetic of the
// outputs (outputs.hpp: civil_time, iso_date, iso_datetime, day_or_null).
#include "io/outputs_util.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "io/asset_kinds_internal.hpp"
#include "io/outputs.hpp"
#include "model/error.hpp"

namespace gw::io {

using nlohmann::json;

namespace detail {

double round_to(double x, double scale) { return std::round(x * scale) / scale; }

json opt_days(const std::optional<double>& d) {
  return d ? json(round_to(*d, 1e3)) : json(nullptr);
}

std::string grouped(double v, int decimals, std::string_view minus) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s(buf);
  const std::size_t dot = s.find('.');
  std::string int_part = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot);
  std::string out;
  for (std::size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) out += ',';
    out += int_part[i];
  }
  const bool negative = v < 0 && std::stod(s) != 0;
  return (negative ? std::string(minus) : "") + out + frac;
}

json lonlat_json(LonLat p) { return json::array({round_to(p.lon, 1e7), round_to(p.lat, 1e7)}); }

void check_size(std::size_t got, std::size_t want, std::string_view what) {
  if (got != want) {
    throw Error(ErrorCode::kInternal, "outputs: " + std::string(what) + " has " +
                                          std::to_string(got) + " entries, expected " +
                                          std::to_string(want));
  }
}

std::string_view work_unit(const Scenario& /*s*/, const Task& task) {
  if (task.kind == TaskKind::kRepair || task.kind == TaskKind::kHousing)
    return kinds::activity_unit(task.activity);
  return "m2";
}

std::string task_target(const Scenario& s, const Task& task) {
  switch (task.kind) {
    case TaskKind::kRepair:
      return task.asset.valid() && task.asset.index() < s.assets.size()
                 ? s.assets[task.asset.index()].id
                 : "";
    case TaskKind::kHousing:
      return task.settlement.valid() && task.settlement.index() < s.settlements.size()
                 ? s.settlements[task.settlement.index()].id
                 : "";
    default:
      return task.hazard.valid() && task.hazard.index() < s.hazards.size()
                 ? s.hazards[task.hazard.index()].id
                 : "";
  }
}

std::vector<const Assignment*> assignments_by_task(const TaskSet& t, const Plan& p) {
  std::vector<const Assignment*> by_task(t.tasks.size(), nullptr);
  for (const Assignment& a : p.assignments) {
    if (!a.task.valid() || a.task.index() >= t.tasks.size()) {
      throw Error(ErrorCode::kInternal, "outputs: an assignment names task " +
                                            std::to_string(a.task.value) + " outside the task set");
    }
    if (by_task[a.task.index()] != nullptr) {
      throw Error(ErrorCode::kInternal,
                  "outputs: task " + std::to_string(a.task.value) + " is assigned twice");
    }
    by_task[a.task.index()] = &a;
  }
  return by_task;
}

std::vector<const Assignment*> assignments_by_crew_start(const Plan& p) {
  std::vector<const Assignment*> v;
  v.reserve(p.assignments.size());
  for (const Assignment& a : p.assignments) v.push_back(&a);
  std::stable_sort(v.begin(), v.end(), [](const Assignment* a, const Assignment* b) {
    return std::pair(a->crew.value, a->start) < std::pair(b->crew.value, b->start);
  });
  return v;
}

std::string dump_lines(const json& obj, std::string_view array_key) {
  // An object written with one top-level key per line and the items of `array_key` one per line:
  // compact, yet easy to grep and diff.
  std::string out = "{\n";
  bool first = true;
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  for (const auto& [key, value] : obj.items()) {
    if (!first) out += ",\n";
    first = false;
    out += "  " + dump(json(key)) + ": ";
    if (key == array_key && value.is_array() && !value.empty()) {
      out += "[\n";
      for (std::size_t i = 0; i < value.size(); ++i) {
        out += "    " + dump(value[i]);
        out += i + 1 < value.size() ? ",\n" : "\n";
      }
      out += "  ]";
    } else {
      out += dump(value);
    }
  }
  out += "\n}\n";
  return out;
}

TradeUse crew_use_by_trade(const Scenario& s, const Evaluation& ev) {
  TradeUse out;
  for (std::size_t c = 0; c < s.crews.size(); ++c) {
    const auto tr = static_cast<std::size_t>(s.crews[c].trade);
    out.use[tr].working += ev.crew_use[c].working;
    out.use[tr].travelling += ev.crew_use[c].travelling;
    out.use[tr].idle += ev.crew_use[c].idle;
    out.use[tr].tasks += ev.crew_use[c].tasks;
    ++out.crews[tr];
  }
  return out;
}

}  // namespace detail

using namespace detail;

// ---------------------------------------------------------------------------------------------
// Dates

namespace {

std::chrono::sys_days parse_date(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    throw Error(ErrorCode::kInvalidInput, "start_date '" + iso + "' is not an ISO date YYYY-MM-DD");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok())
    throw Error(ErrorCode::kInvalidInput, "start_date '" + iso + "' is not a valid date");
  return std::chrono::sys_days{ymd};
}

Minutes floor_div(Minutes a, Minutes b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

CivilTime civil_time(const std::string& start_date, Minutes m) {
  const Minutes day = floor_div(m, kMinutesPerDay);
  const Minutes in_day = m - day * kMinutesPerDay;
  // A plan that ends after year 9999 cannot be written as ISO dates (four-digit years); say so
  // rather than write year 10000. The scenario reader keeps start_date + horizon inside it.
  constexpr Minutes kMaxDays = 3000000;  // ~8,200 years: keeps the sum below inside sys_days
  if (day > kMaxDays || day < -kMaxDays) {
    throw Error(ErrorCode::kInvalidInput, "the plan reaches day " + std::to_string(day) +
                                              " after start_date " + start_date +
                                              ", beyond 9999-12-31");
  }
  const std::chrono::year_month_day ymd{parse_date(start_date) + std::chrono::days{day}};
  if (static_cast<int>(ymd.year()) > 9999) {
    throw Error(ErrorCode::kInvalidInput, "the plan reaches day " + std::to_string(day) +
                                              " after start_date " + start_date +
                                              ", beyond 9999-12-31");
  }
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(in_day / 60),
          static_cast<int>(in_day % 60)};
}

std::string iso_date(const std::string& start_date, Minutes m) {
  const CivilTime t = civil_time(start_date, m);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  return buf;
}

std::string iso_datetime(const std::string& start_date, Minutes m) {
  const CivilTime t = civil_time(start_date, m);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", t.year, t.month, t.day, t.hour,
                t.minute);
  return buf;
}

json day_or_null(Minutes m) {
  if (m == kNever) return nullptr;
  return round_to(minutes_to_days(m), 1e3);
}

}  // namespace gw::io

#include "io/outputs.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <system_error>
#include <utility>

#include "io/asset_kinds_internal.hpp"
#include "io/outputs_util.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "model/evaluation.hpp"

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

// ---------------------------------------------------------------------------------------------
// plan.json

json plan_json(const Scenario& s, const TaskSet& t, const Plan& p) {
  const auto by_task = assignments_by_task(t, p);
  json tasks = json::array();
  for (std::size_t i = 0; i < t.tasks.size(); ++i) {
    const Task& task = t.tasks[i];
    json j;
    j["id"] = i;
    j["kind"] = name(task.kind);
    j["hazard"] = task.hazard.valid() && task.hazard.index() < s.hazards.size()
                      ? json(s.hazards[task.hazard.index()].id)
                      : json(nullptr);
    j["asset"] = task.asset.valid() && task.asset.index() < s.assets.size()
                     ? json(s.assets[task.asset.index()].id)
                     : json(nullptr);
    j["settlement"] = task.settlement.valid() && task.settlement.index() < s.settlements.size()
                          ? json(s.settlements[task.settlement.index()].id)
                          : json(nullptr);
    j["corridor_edge"] =
        task.corridor_edge.valid() ? json(task.corridor_edge.value) : json(nullptr);
    j["package"] = task.package;
    j["work"] = task.work;
    j["unit"] = work_unit(s, task);
    // Repair and housing: the activity and the step of the project (repair: the index in its
    // kind's template; housing: the damage class); housing: the dwellings it makes habitable.
    const bool project = task.kind == TaskKind::kRepair || task.kind == TaskKind::kHousing;
    j["activity"] = project ? json(name(task.activity)) : json(nullptr);
    j["step"] = project ? json(task.step) : json(nullptr);
    j["dwellings"] = task.kind == TaskKind::kHousing ? json(task.dwellings) : json(nullptr);
    j["terrain"] = name(task.terrain);
    j["site_edge"] = task.site_edge.valid() ? json(task.site_edge.value) : json(nullptr);
    j["site"] = json::array({task.site.lon, task.site.lat});  // exact: the validator reads it back
    const Assignment* a = by_task[i];
    if (a == nullptr) {
      j["crew"] = nullptr;
    } else {
      j["crew"] = a->crew.valid() && a->crew.index() < s.crews.size()
                      ? json(s.crews[a->crew.index()].id)
                      : json(nullptr);
      j["depart"] = a->depart;
      j["start"] = a->start;
      j["end"] = a->end;
      j["from_node"] = a->from_node.valid() ? json(a->from_node.value) : json(nullptr);
      j["entry_node"] = a->entry_node.valid() ? json(a->entry_node.value) : json(nullptr);
      j["travel_min"] = a->travel_min;
      j["start_day"] = round_to(minutes_to_days(a->start), 1e3);
      j["end_day"] = round_to(minutes_to_days(a->end), 1e3);
    }
    tasks.push_back(std::move(j));
  }
  json out;
  out["format"] = "groundwork-plan";
  out["version"] = 2;  // 2: repair steps and housing (issue 14)
  out["rule"] = p.rule;
  out["start_date"] = s.params.start_date;
  out["time_unit"] = "minutes";
  out["task_count"] = t.tasks.size();
  out["assigned"] = p.assignments.size();
  out["tasks"] = std::move(tasks);
  return out;
}

// ---------------------------------------------------------------------------------------------
// summary.json

namespace {

json use_json(const CrewUse& u, std::size_t crews) {
  const auto total = static_cast<double>(u.working + u.travelling + u.idle);
  auto share = [&](Minutes m) {
    return total > 0 ? round_to(static_cast<double>(m) / total, 1e4) : 0.0;
  };
  json j;
  j["crews"] = crews;
  j["tasks"] = u.tasks;
  j["working"] = share(u.working);
  j["travelling"] = share(u.travelling);
  j["idle"] = share(u.idle);
  j["working_days"] = round_to(minutes_to_days(u.working), 1e3);
  j["travelling_days"] = round_to(minutes_to_days(u.travelling), 1e3);
  j["idle_days"] = round_to(minutes_to_days(u.idle), 1e3);
  return j;
}

}  // namespace

json objective_summary_json(const Scenario& s, const Evaluation& ev, const OutputMeta& meta) {
  const json weights = objective_to_json(s.params.objective)["weights"];
  json c;
  c["people_days_without_access"] = ev.people_days_without_access;
  c["weighted_people_days_without_access"] = ev.weighted_people_days_without_access;
  for (Service sv : kRestorableServices) {
    c["weighted_people_days_without_" + std::string(name(sv))] =
        ev.weighted_people_days_without_service[static_cast<std::size_t>(sv)];
  }
  json land = json::object();
  double land_total = 0;
  for (std::size_t k = 0; k < kLandUseCount; ++k) {
    land[std::string(kLandUseNames[k])] = ev.hectare_days_contaminated[k];
    land_total += ev.hectare_days_contaminated[k];
  }
  c["hectare_days_contaminated"] = land_total;
  c["hectare_days_contaminated_by_land_use"] = std::move(land);
  c["road_km_days_closed"] = ev.road_km_days_closed;
  c["makespan_days"] = ev.makespan_days;
  json j;
  j["kind"] = std::string(name(s.params.objective.kind));
  j["value"] = ev.objective;
  j["baseline"] = meta.baseline_objective ? json(*meta.baseline_objective) : json(nullptr);
  const auto& lb = meta.lower_bound_objective;
  j["lower_bound"] = lb ? json(*lb) : json(nullptr);
  j["gap_percent"] = lb ? json(round_to(gap_percent(ev.objective, *lb), 1e3)) : json(nullptr);
  j["weights"] = weights;
  j["components"] = std::move(c);
  return j;
}

json summary_json(const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                  const OutputMeta& meta) {
  check_size(ev.crew_use.size(), s.crews.size(), "evaluation.crew_use");
  json j;
  j["rule"] = meta.rule.empty() ? p.rule : meta.rule;
  j["scenario"] = meta.scenario_name;
  j["start_date"] = s.params.start_date;
  j["horizon_days"] = s.params.horizon_days;
  j["seed"] = s.params.seed;
  j["seconds"] = round_to(meta.seconds, 1e3);

  j["population_total"] = ev.population_total;
  j["people_days_without_access"] = ev.people_days_without_access;
  const auto& lb = meta.lower_bound_people_days;
  j["lower_bound_people_days"] = lb ? json(*lb) : json(nullptr);
  j["gap_percent"] =
      lb ? json(round_to(gap_percent(ev.people_days_without_access, *lb), 1e3)) : json(nullptr);
  j["baseline_people_days"] =
      meta.baseline_people_days ? json(*meta.baseline_people_days) : json(nullptr);
  j["objective"] = objective_summary_json(s, ev, meta);
  j["days_to_access_50"] = opt_days(ev.days_to_access_50);
  j["days_to_access_90"] = opt_days(ev.days_to_access_90);
  j["days_to_access_100"] = opt_days(ev.days_to_access_100);
  for (Service sv : kRestorableServices) {
    j["people_days_without_" + std::string(name(sv))] =
        ev.people_days_without_service[static_cast<std::size_t>(sv)];
  }
  j["hectares_cancelled"] = ev.hectares_cancelled;
  j["hectares_released"] = ev.hectares_released;
  j["hectares_cleared"] = ev.hectares_released - ev.hectares_cancelled;
  j["hectares_cancelled_by_month"] = ev.cancelled_ha_by_month;
  j["hectares_released_by_month"] = ev.released_ha_by_month;
  j["makespan_days"] = ev.makespan_days;
  j["end_date"] = iso_date(s.params.start_date,
                           static_cast<Minutes>(std::ceil(ev.makespan_days * kMinutesPerDay)));

  j["tasks"] = t.tasks.size();
  j["tasks_assigned"] = p.assignments.size();
  json by_kind = json::object();
  for (std::string_view k : kTaskKindNames) by_kind[std::string(k)] = 0;
  for (const Task& task : t.tasks)
    by_kind[std::string(name(task.kind))] =
        by_kind[std::string(name(task.kind))].get<std::size_t>() + 1;
  j["tasks_by_kind"] = std::move(by_kind);
  j["crews"] = s.crews.size();
  j["settlements"] = s.settlements.size();
  j["hubs"] = s.hubs.size();
  j["hazards"] = s.hazards.size();
  j["assets"] = s.assets.size();
  j["edges"] = s.roads.num_edges();
  j["nodes"] = s.roads.num_nodes();

  json util = use_json(ev.crew_use_total, s.crews.size());
  const auto [by_trade, crews_of] = crew_use_by_trade(s, ev);
  json trades = json::object();
  for (std::size_t tr = 0; tr < kTradeCount; ++tr) {
    if (crews_of[tr] > 0)
      trades[std::string(kTradeNames[tr])] = use_json(by_trade[tr], crews_of[tr]);
  }
  util["by_trade"] = std::move(trades);
  j["crew_utilisation"] = std::move(util);
  return j;
}

// ---------------------------------------------------------------------------------------------
// schedule.csv

namespace {

std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

std::string schedule_csv(const Scenario& s, const TaskSet& t, const Plan& p) {
  std::string out =
      "task,kind,hazard,asset,settlement,crew,trade,depart_day,start_day,end_day,depart_at,start_"
      "at,"
      "end_at,travel_min,work,unit,activity\n";
  const std::string& d0 = s.params.start_date;
  for (const Assignment* a : assignments_by_crew_start(p)) {
    if (!a->task.valid() || a->task.index() >= t.tasks.size()) {
      throw Error(ErrorCode::kInternal, "outputs: an assignment names a task outside the task set");
    }
    const Task& task = t.tasks[a->task.index()];
    const bool has_crew = a->crew.valid() && a->crew.index() < s.crews.size();
    const std::string target = task_target(s, task);
    out += std::to_string(a->task.value);
    out += ',' + std::string(name(task.kind));
    const bool project = task.kind == TaskKind::kRepair || task.kind == TaskKind::kHousing;
    out += ',' + csv_field(project ? "" : target);
    out += ',' + csv_field(task.kind == TaskKind::kRepair ? target : "");
    out += ',' + csv_field(task.kind == TaskKind::kHousing ? target : "");
    out += ',' + csv_field(has_crew ? s.crews[a->crew.index()].id : "");
    out += ',' + std::string(has_crew ? name(s.crews[a->crew.index()].trade) : "");
    out += ',' + fixed(minutes_to_days(a->depart), 3);
    out += ',' + fixed(minutes_to_days(a->start), 3);
    out += ',' + fixed(minutes_to_days(a->end), 3);
    out += ',' + iso_datetime(d0, a->depart);
    out += ',' + iso_datetime(d0, a->start);
    out += ',' + iso_datetime(d0, a->end);
    out += ',' + std::to_string(a->travel_min);
    out += ',' + fixed(task.work, 2);
    out += ',' + std::string(work_unit(s, task));
    out += ',' + std::string(project ? name(task.activity) : "");
    out += '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

namespace {

json feature(json geometry, json properties) {
  json f;
  f["type"] = "Feature";
  f["geometry"] = std::move(geometry);
  f["properties"] = std::move(properties);
  return f;
}

json collection(json features) {
  json c;
  c["type"] = "FeatureCollection";
  c["features"] = std::move(features);
  return c;
}

// RFC 7946 §3.1.6: closed rings, exterior counterclockwise, holes clockwise.
json ring_json(const Ring& ring, bool counterclockwise) {
  Ring r = ring;
  if (!r.empty() && !(r.front() == r.back())) r.push_back(r.front());
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) {
    twice_area += r[i].lon * r[i + 1].lat - r[i + 1].lon * r[i].lat;
  }
  if ((twice_area > 0) != counterclockwise && twice_area != 0) std::reverse(r.begin(), r.end());
  json coords = json::array();
  for (const LonLat& q : r) coords.push_back(lonlat_json(q));
  return coords;
}

}  // namespace

json roads_geojson(const Scenario& s, const Evaluation& ev) {
  const RoadNetwork& g = s.roads;
  check_size(ev.edge_open.size(), g.num_edges(), "evaluation.edge_open");
  json features = json::array();
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    json coords = json::array();
    for (std::uint32_t k = g.edge_shape_offset[e]; k < g.edge_shape_offset[e + 1]; ++k) {
      coords.push_back(lonlat_json(g.edge_shape[k]));
    }
    json geom;
    geom["type"] = "LineString";
    geom["coordinates"] = std::move(coords);
    json props;
    props["edge"] = e;
    props["from"] = g.edge_from[e].value;
    props["to"] = g.edge_to[e].value;
    props["class"] = name(g.edge_class[e]);
    props["bridge"] = g.edge_bridge[e] != 0;
    props["length_m"] = round_to(g.edge_length_m[e], 10);
    props["speed_kmh"] = g.edge_speed_kmh[e];
    props["source_id"] = g.edge_source_id[e];
    props["open_day"] = day_or_null(ev.edge_open[e]);
    props["blocked"] = ev.edge_open[e] != 0;
    features.push_back(feature(std::move(geom), std::move(props)));
  }
  return collection(std::move(features));
}

json hazards_geojson(const Scenario& s, const Evaluation& ev) {
  check_size(ev.hazard_cancelled.size(), s.hazards.size(), "evaluation.hazard_cancelled");
  check_size(ev.hazard_cleared.size(), s.hazards.size(), "evaluation.hazard_cleared");
  json features = json::array();
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const Hazard& hz = s.hazards[h];
    json rings = json::array();
    rings.push_back(ring_json(hz.polygon.outer, true));
    for (const Ring& hole : hz.polygon.holes) rings.push_back(ring_json(hole, false));
    json geom;
    geom["type"] = "Polygon";
    geom["coordinates"] = std::move(rings);
    json props;
    props["id"] = hz.id;
    props["status"] = name(hz.status);
    props["contamination"] = name(hz.contamination);
    props["terrain"] = name(hz.terrain);
    props["land_use"] = name(hz.land_use);
    props["area_m2"] = round_to(hz.area_m2, 10);
    props["cancelled_day"] = day_or_null(ev.hazard_cancelled[h]);
    props["cleared_day"] = day_or_null(ev.hazard_cleared[h]);
    features.push_back(feature(std::move(geom), std::move(props)));
  }
  return collection(std::move(features));
}

json settlements_geojson(const Scenario& s, const Evaluation& ev) {
  check_size(ev.settlement_access.size(), s.settlements.size(), "evaluation.settlement_access");
  for (Service sv : kRestorableServices) {
    check_size(ev.service_restored[static_cast<std::size_t>(sv)].size(), s.settlements.size(),
               "evaluation.service_restored[" + std::string(name(sv)) + "]");
  }
  json features = json::array();
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    json geom;
    geom["type"] = "Point";
    geom["coordinates"] = lonlat_json(st.pos);
    json props;
    props["id"] = st.id;
    props["name"] = st.name;
    props["population"] = st.population;
    props["weight"] = st.weight;
    props["access_day"] = day_or_null(ev.settlement_access[i]);
    for (Service sv : kRestorableServices) {
      props[std::string(name(sv)) + "_day"] =
          day_or_null(ev.service_restored[static_cast<std::size_t>(sv)][i]);
    }
    features.push_back(feature(std::move(geom), std::move(props)));
  }
  return collection(std::move(features));
}

// ---------------------------------------------------------------------------------------------
// All files, atomically

void write_files_atomic(const std::filesystem::path& dir, const std::vector<FileOutput>& files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw Error(ErrorCode::kIo, "cannot create output directory " + dir.string() + ": " +
                                    (ec ? ec.message() : "not a directory"));
  }
  std::vector<fs::path> written;
  auto discard = [&] {
    std::error_code ignored;
    for (const fs::path& tmp : written) fs::remove(tmp, ignored);
  };
  for (const FileOutput& f : files) {
    const fs::path tmp = dir / (f.name + ".tmp");
    try {
      f.write(tmp);
    } catch (...) {
      std::error_code ignored;
      if (fs::is_regular_file(tmp, ignored)) fs::remove(tmp, ignored);  // a partial file
      discard();
      throw;
    }
    written.push_back(tmp);
  }
  for (std::size_t i = 0; i < written.size(); ++i) {
    const fs::path final_path = dir / files[i].name;
    fs::rename(written[i], final_path, ec);
    if (ec) {
      for (std::size_t k = i; k < written.size(); ++k) {
        std::error_code ignored;
        fs::remove(written[k], ignored);
      }
      throw Error(ErrorCode::kIo, "cannot rename " + written[i].string() + " to " +
                                      final_path.string() + ": " + ec.message());
    }
  }
}

FileOutput text_output(std::string name, std::string content) {
  auto text = std::make_shared<const std::string>(std::move(content));
  return {std::move(name), [text](const std::filesystem::path& tmp) {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(text->data(), static_cast<std::streamsize>(text->size()));
            out.close();
            if (!out) throw Error(ErrorCode::kIo, "cannot write " + tmp.string());
          }};
}

void write_outputs(const std::filesystem::path& dir, const Scenario& s, const TaskSet& t,
                   const Plan& p, const Evaluation& ev, const OutputMeta& meta,
                   const std::vector<FileOutput>& more) {
  // Build every text in memory first: an error here touches no file.
  const json::error_handler_t replace = json::error_handler_t::replace;
  std::vector<FileOutput> files;
  files.push_back(
      text_output(std::string(kOutputFiles[0]), dump_lines(plan_json(s, t, p), "tasks")));
  files.push_back(text_output(std::string(kOutputFiles[1]), schedule_csv(s, t, p)));
  files.push_back(text_output(std::string(kOutputFiles[2]),
                              summary_json(s, t, p, ev, meta).dump(2, ' ', false, replace) + "\n"));
  files.push_back(
      text_output(std::string(kOutputFiles[3]), dump_lines(roads_geojson(s, ev), "features")));
  files.push_back(
      text_output(std::string(kOutputFiles[4]), dump_lines(hazards_geojson(s, ev), "features")));
  files.push_back(text_output(std::string(kOutputFiles[5]),
                              dump_lines(settlements_geojson(s, ev), "features")));
  files.push_back(text_output(std::string(kOutputFiles[6]), report_html(s, t, p, ev, meta)));
  files.insert(files.end(), more.begin(), more.end());
  write_files_atomic(dir, files);
}

}  // namespace gw::io

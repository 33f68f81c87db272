// The scenario's parameters and objective: read over the defaults (apply_parameters) and written
// in full (parameters_to_json, objective_to_json).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "io/scenario_json_internal.hpp"

namespace gw::io {

using namespace scenario_detail;

namespace {

// A table keyed by trade; every cell is 0 or in [min_positive, max_value].
template <typename F>
void set_table(const json& j, const char* key, const Where& w, double min_positive,
               double max_value, F&& apply_one) {
  if (!j.contains(key)) return;
  const Where tw = w.at(key);
  if (!j[key].is_object()) tw.fail("must be an object keyed by trade");
  for (const auto& [trade_name, row] : j[key].items()) {
    const auto trade = enum_from_name<Trade>(trade_name, kTradeNames);
    if (!trade) tw.fail("unknown trade " + quote_value(trade_name));
    if (!row.is_object()) tw.at(trade_name).fail("must be an object");
    for (const auto& item : row.items()) {
      const json& v = item.value();
      const std::string& col = item.key();
      if (!v.is_number() || !(v.template get<double>() >= 0) ||
          !(v.template get<double>() <= max_value)) {
        tw.at(trade_name).at(col).fail("must be a number between 0 and " + range_text(max_value));
      }
      const double x = v.template get<double>();
      if (x > 0 && x < min_positive) {
        tw.at(trade_name)
            .at(col)
            .fail("must be 0 (cannot) or at least " + range_text(min_positive) + ", not " +
                  range_text(x));
      }
      apply_one(*trade, col, x, tw.at(trade_name));
    }
  }
}

// `parameters.objective` (docs/scenario.md, "Objective"): the kind and the weights of the mix.
void apply_objective(const json& j, Objective& o, const Where& w) {
  if (!j.is_object()) w.fail("must be an object");
  for (const auto& [k, v] : j.items()) {
    if (k != "kind" && k != "weights" && k != "comment")
      w.fail("unknown key " + quote_value(k) + " (expected kind, weights)");
  }
  if (j.contains("kind")) o.kind = enum_value<ObjectiveKind>(j, "kind", kObjectiveKindNames, w);
  if (!j.contains("weights")) return;
  const Where ww = w.at("weights");
  const json& wj = j["weights"];
  if (!wj.is_object()) ww.fail("must be an object");
  auto non_negative = [](const json& obj, const char* key, const Where& at) {
    return number_in(obj, key, 0, limits::kObjectiveWeightMax, at);
  };
  // A table keyed by enum names: only the entries given change.
  auto table = [&](const char* key, const auto& names, auto& cells, auto skip) {
    if (!wj.contains(key)) return;
    const Where tw = ww.at(key);
    if (!wj[key].is_object()) tw.fail("must be an object");
    for (const auto& [name_key, v] : wj[key].items()) {
      std::optional<std::size_t> idx;
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name_key && !skip(i)) idx = i;
      }
      if (!idx) {
        std::string allowed;
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (!skip(i)) allowed += (allowed.empty() ? "" : ", ") + std::string(names[i]);
        }
        tw.fail("unknown key " + quote_value(name_key) + " (expected one of: " + allowed + ")");
      }
      cells[*idx] = non_negative(wj[key], name_key.c_str(), tw);
    }
  };
  for (const auto& [k, v] : wj.items()) {
    if (k != "access_people_day" && k != "land_hectare_day" && k != "service_people_day" &&
        k != "road_km_day" && k != "return_people_day" && k != "milestone_day" && k != "comment") {
      ww.fail("unknown key " + quote_value(k) +
              " (expected access_people_day, land_hectare_day, service_people_day, road_km_day, "
              "return_people_day, milestone_day)");
    }
  }
  ObjectiveWeights& x = o.weights;
  if (wj.contains("access_people_day"))
    x.access_people_day = non_negative(wj, "access_people_day", ww);
  if (wj.contains("road_km_day")) x.road_km_day = non_negative(wj, "road_km_day", ww);
  if (wj.contains("return_people_day"))
    x.return_people_day = non_negative(wj, "return_people_day", ww);
  if (wj.contains("milestone_day")) x.milestone_day = non_negative(wj, "milestone_day", ww);
  table("land_hectare_day", kLandUseNames, x.land_hectare_day, [](std::size_t) { return false; });
  table("service_people_day", kServiceNames, x.service_people_day,
        [](std::size_t i) { return static_cast<Service>(i) == Service::kNone; });
}

json uncertainty_to_json(const UncertaintyParameters& u) {
  return json{
      {"holds_probability",
       {{"suspected", u.holds_probability[0]}, {"confirmed", u.holds_probability[1]}}},
      {"empty_work_factor", u.empty_work_factor},
      {"reduced_share_beta", {u.reduced_share_a, u.reduced_share_b}},
      {"density_spread", u.density_spread},
      {"crew_spread", u.crew_spread},
      {"machine_availability_beta", {u.machine_availability_a, u.machine_availability_b}},
      {"weather_spread", {{"cold", u.weather_spread_cold}, {"warm", u.weather_spread_warm}}},
      {"asset_spread", u.asset_spread},
      {"housing_spread", u.housing_spread}};
}

void apply_uncertainty(const json& j, UncertaintyParameters& u, const Where& parent) {
  const Where w = parent.at("uncertainty");
  if (!j.is_object()) w.fail("must be an object");
  static const std::array<std::string_view, 10> kKeys = {
      "holds_probability",  "empty_work_factor",
      "reduced_share_beta", "density_spread",
      "crew_spread",        "machine_availability_beta",
      "weather_spread",     "asset_spread",
      "housing_spread",     "comment"};
  for (const auto& [k, v] : j.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), k) == kKeys.end())
      w.fail("unknown key " + quote_value(k));
  }
  // Spreads are log-normal sigmas: 3 already spans a factor of 20 either way at one sigma.
  for (const auto& [key, field] :
       std::array<std::pair<const char*, double*>, 4>{{{"density_spread", &u.density_spread},
                                                       {"crew_spread", &u.crew_spread},
                                                       {"asset_spread", &u.asset_spread},
                                                       {"housing_spread", &u.housing_spread}}}) {
    if (j.contains(key)) *field = number_in(j, key, 0, 3, w);
  }
  if (j.contains("empty_work_factor"))
    u.empty_work_factor =
        number_in(j, "empty_work_factor", limits::kWorkFactorMin, limits::kWorkFactorMax, w);
  if (j.contains("holds_probability")) {
    const json& h = j["holds_probability"];
    const Where hw = w.at("holds_probability");
    if (!h.is_object()) hw.fail("must be an object {\"suspected\": p, \"confirmed\": p}");
    for (const auto& [k, v] : h.items()) {
      if (k != "suspected" && k != "confirmed") hw.fail("unknown status " + quote_value(k));
    }
    if (h.contains("suspected")) u.holds_probability[0] = number_in(h, "suspected", 0, 1, hw);
    if (h.contains("confirmed")) u.holds_probability[1] = number_in(h, "confirmed", 0, 1, hw);
  }
  // Beta(a, b) parameters: 0 means no spread (docs/uncertainty.md).
  auto beta = [&](const char* key, double& a, double& b) {
    if (!j.contains(key)) return;
    const json& x = j[key];
    if (!x.is_array() || x.size() != 2 || !x[0].is_number() || !x[1].is_number())
      w.at(key).fail("must be an array of two numbers [a, b]");
    a = x[0].get<double>();
    b = x[1].get<double>();
    if (!(a >= 0 && a <= 1000 && b >= 0 && b <= 1000))
      w.at(key).fail("a and b must be between 0 and 1000");
  };
  beta("reduced_share_beta", u.reduced_share_a, u.reduced_share_b);
  beta("machine_availability_beta", u.machine_availability_a, u.machine_availability_b);
  if (j.contains("weather_spread")) {
    const json& x = j["weather_spread"];
    const Where ww = w.at("weather_spread");
    if (!x.is_object()) ww.fail("must be an object {\"cold\": s, \"warm\": s}");
    for (const auto& [k, v] : x.items()) {
      if (k != "cold" && k != "warm") ww.fail("unknown key " + quote_value(k));
    }
    if (x.contains("cold")) u.weather_spread_cold = number_in(x, "cold", 0, 3, ww);
    if (x.contains("warm")) u.weather_spread_warm = number_in(x, "warm", 0, 3, ww);
  }
}

}  // namespace

json objective_to_json(const Objective& o) {
  json land = json::object();
  for (std::size_t k = 0; k < kLandUseCount; ++k)
    land[std::string(kLandUseNames[k])] = o.weights.land_hectare_day[k];
  json services = json::object();
  for (const Service sv : kRestorableServices)
    services[std::string(name(sv))] = o.weights.service_people_day[static_cast<std::size_t>(sv)];
  return json{{"kind", std::string(name(o.kind))},
              {"weights",
               {{"access_people_day", o.weights.access_people_day},
                {"land_hectare_day", land},
                {"service_people_day", services},
                {"road_km_day", o.weights.road_km_day},
                {"return_people_day", o.weights.return_people_day},
                {"milestone_day", o.weights.milestone_day}}}};
}

json parameters_to_json(const Parameters& p) {
  json j;
  j["seed"] = p.seed;
  j["start_date"] = p.start_date;
  j["horizon_days"] = p.horizon_days;
  j["working_days_per_week"] = p.working_days_per_week;
  j["corridor_width_m"] = p.corridor_width_m;
  j["work_package_m2"] = p.work_package_m2;
  j["nts_cancel_share"] = p.nts_cancel_share;
  j["snap_warning_m"] = p.snap_warning_m;
  j["max_snap_m"] = p.max_snap_m;
  write_return_parameters(p, j);
  json rates = json::object();
  json activity = json::object();
  json terrain = json::object();
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    const std::string tn(kTradeNames[t]);
    // Every cell is written, zeros included, so that a file read back plans exactly the same.
    for (std::size_t k = 0; k < kTaskKindCount; ++k) {
      const auto kind = static_cast<TaskKind>(k);
      if (kind != TaskKind::kRepair && kind != TaskKind::kHousing)
        rates[tn][std::string(kTaskKindNames[k])] = p.rate[t][k];
    }
    for (std::size_t k = 0; k < kActivityKindCount; ++k) {
      activity[tn][std::string(kActivityKindNames[k])] = p.activity_rate[t][k];
    }
    if (is_demining(static_cast<Trade>(t))) {
      for (std::size_t k = 0; k < kTerrainCount; ++k) {
        terrain[tn][std::string(kTerrainNames[k])] = p.terrain_factor[t][k];
      }
    }
  }
  j["rates_m2_per_person_day"] = rates;
  j["activity_rates_per_person_day"] = activity;
  j["templates"] = templates_to_json(p);
  j["season_factors"] = season_factors_to_json(p);
  j["terrain_factors"] = terrain;
  json mech = json::array();
  for (std::size_t k = 0; k < kTerrainCount; ++k) {
    if (p.mechanical_terrain[k]) mech.push_back(std::string(kTerrainNames[k]));
  }
  j["mechanical_terrains"] = mech;
  j["objective"] = objective_to_json(p.objective);
  j["uncertainty"] = uncertainty_to_json(p.uncertainty);
  return j;
}

void apply_parameters(const json& j, Parameters& p, const std::string& where) {
  const Where w{where};
  if (!j.is_object()) w.fail("must be an object");
  static const std::array<std::string_view, 22> kKnown = {"seed",
                                                          "start_date",
                                                          "horizon_days",
                                                          "working_days_per_week",
                                                          "corridor_width_m",
                                                          "work_package_m2",
                                                          "nts_cancel_share",
                                                          "snap_warning_m",
                                                          "max_snap_m",
                                                          "household_size",
                                                          "built_up_radius_m",
                                                          "heating_season",
                                                          "housing_package_dwellings",
                                                          "rates_m2_per_person_day",
                                                          "activity_rates_per_person_day",
                                                          "templates",
                                                          "season_factors",
                                                          "terrain_factors",
                                                          "mechanical_terrains",
                                                          "objective",
                                                          "uncertainty",
                                                          "comment"};
  for (const auto& [k, v] : j.items()) {
    if (k == "repair_rates_per_person_day") {
      w.fail(
          "repair_rates_per_person_day was replaced by activity_rates_per_person_day and "
          "templates: each damaged asset is now a project of steps (docs/scenario.md, "
          "\"Templates\")");
    }
    if (std::find(kKnown.begin(), kKnown.end(), k) == kKnown.end())
      w.fail("unknown parameter " + quote_value(k));
  }
  // Positive, at most `hi`.
  auto positive = [&](const char* key, double& field, double hi) {
    if (!j.contains(key)) return;
    field = number(j, key, w);
    if (!(field > 0)) w.fail(std::string(key) + " must be > 0");
    check_range(field, key, 0, hi, w);
  };
  auto at_least = [&](const char* key, double& field, double lo, double hi) {
    if (j.contains(key)) field = number_in(j, key, lo, hi, w);
  };
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned())
      w.fail("seed must be an integer >= 0, not " + quote_value(j["seed"].dump()));
    p.seed = j["seed"].get<std::uint64_t>();
  }
  if (j.contains("start_date")) {
    p.start_date = text(j, "start_date", w);
    int y = 0, m = 0, d = 0;
    char extra = 0;
    if (p.start_date.size() != 10 ||
        std::sscanf(p.start_date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
        !std::chrono::year_month_day{std::chrono::year{y},
                                     std::chrono::month{static_cast<unsigned>(m)},
                                     std::chrono::day{static_cast<unsigned>(d)}}
             .ok() ||
        y < limits::kFirstYear) {
      w.fail("start_date must be a calendar date YYYY-MM-DD from " +
             std::to_string(limits::kFirstYear) + "-01-01, not " + quote_value(p.start_date));
    }
  }
  if (j.contains("horizon_days")) {
    const double h = number(j, "horizon_days", w);
    if (!(h >= 1 && h <= 36500)) w.fail("horizon_days must be between 1 and 36500");
    p.horizon_days = static_cast<int>(h);
  }
  if (j.contains("working_days_per_week")) {
    const double d = number(j, "working_days_per_week", w);
    if (!(d >= 1 && d <= 7)) w.fail("working_days_per_week must be between 1 and 7");
    p.working_days_per_week = static_cast<int>(d);
  }
  // The whole horizon must be writable as four-digit years (whatever order the keys came in).
  {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(p.start_date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
      const std::chrono::sys_days start{std::chrono::year_month_day{
          std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
          std::chrono::day{static_cast<unsigned>(d)}}};
      const std::chrono::sys_days last{std::chrono::year{9999} / 12 / 31};
      if (start + std::chrono::days{p.horizon_days} > last) {
        w.fail("start_date " + quote_value(p.start_date) + " + horizon_days " +
               std::to_string(p.horizon_days) + " ends after 9999-12-31");
      }
    }
  }
  positive("corridor_width_m", p.corridor_width_m, limits::kCorridorWidthMaxM);
  at_least("work_package_m2", p.work_package_m2, limits::kWorkPackageMinM2,
           limits::kWorkPackageMaxM2);
  positive("snap_warning_m", p.snap_warning_m, limits::kSnapMaxM);
  positive("max_snap_m", p.max_snap_m, limits::kSnapMaxM);
  if (j.contains("nts_cancel_share")) {
    p.nts_cancel_share = number(j, "nts_cancel_share", w);
    if (!(p.nts_cancel_share >= 0 && p.nts_cancel_share <= 1))
      w.fail("nts_cancel_share must be in [0, 1]");
  }
  set_table(j, "rates_m2_per_person_day", w, limits::kRateMin, limits::kRateMax,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<TaskKind>(col, kTaskKindNames);
              if (!k || *k == TaskKind::kRepair || *k == TaskKind::kHousing)
                cw.fail("unknown task kind " + quote_value(col));
              p.rate[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  set_table(j, "activity_rates_per_person_day", w, limits::kRateMin, limits::kRateMax,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<ActivityKind>(col, kActivityKindNames);
              if (!k) {
                cw.fail("unknown activity " + quote_value(col) +
                        " (expected one of: " + names_list(kActivityKindNames) + ")");
              }
              p.activity_rate[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  apply_return_parameters(j, p, w);
  if (j.contains("templates")) apply_templates(j["templates"], p, w.at("templates"));
  if (j.contains("season_factors"))
    apply_season_factors(j["season_factors"], p, w.at("season_factors"));
  set_table(j, "terrain_factors", w, 0, limits::kTerrainFactorMax,
            [&](Trade t, const std::string& col, double v, const Where& cw) {
              const auto k = enum_from_name<Terrain>(col, kTerrainNames);
              if (!k) cw.fail("unknown terrain " + quote_value(col));
              p.terrain_factor[static_cast<std::size_t>(t)][static_cast<std::size_t>(*k)] = v;
            });
  if (j.contains("mechanical_terrains")) {
    const Where mw = w.at("mechanical_terrains");
    if (!j["mechanical_terrains"].is_array()) mw.fail("must be an array of terrains");
    p.mechanical_terrain.fill(false);
    for (const auto& v : j["mechanical_terrains"]) {
      const auto k = v.is_string() ? enum_from_name<Terrain>(v.get<std::string>(), kTerrainNames)
                                   : std::nullopt;
      if (!k) mw.fail("unknown terrain " + quote_value(v.dump()));
      p.mechanical_terrain[static_cast<std::size_t>(*k)] = true;
    }
  }
  if (j.contains("objective")) apply_objective(j["objective"], p.objective, w.at("objective"));
  if (j.contains("uncertainty")) apply_uncertainty(j["uncertainty"], p.uncertainty, w);
}

}  // namespace gw::io

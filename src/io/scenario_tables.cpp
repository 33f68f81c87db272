// The scenario parameters of issue 14 (docs/scenario.md, "Parameters"): the return of the
// displaced (household_size, built_up_radius_m, heating_season, housing_package_dwellings), the
// project templates and the seasons. Read over the defaults and written in full, so that a file
// read back plans exactly like the scenario that was written.
#include <cmath>
#include <cstdio>
#include <string>

#include "io/scenario_json_internal.hpp"

namespace gw::io::scenario_detail {

namespace {

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// "MM-DD" of a real month-day (29 February refused: the season would move with leap years).
MonthDay month_day(const json& obj, const char* key, const Where& w) {
  const std::string t = text(obj, key, w);
  int m = 0, d = 0;
  char extra = 0;
  const bool ok = t.size() == 5 && t[2] == '-' &&
                  std::sscanf(t.c_str(), "%2d-%2d%c", &m, &d, &extra) == 2 && m >= 1 && m <= 12 &&
                  d >= 1 && d <= kDaysInMonth[static_cast<std::size_t>(m - 1)];
  if (!ok) {
    w.fail(std::string(key) + " must be a month and day MM-DD (29 February is not accepted), not " +
           quote_value(t));
  }
  return {m, d};
}

std::string month_day_text(MonthDay md) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d", md.month, md.day);
  return buf;
}

void only_keys(const json& obj, std::initializer_list<std::string_view> keys, const Where& w) {
  for (const auto& [k, v] : obj.items()) {
    bool known = k == "comment";
    for (std::string_view x : keys) known = known || k == x;
    if (!known) {
      std::string list;
      for (std::string_view x : keys) list += (list.empty() ? "" : ", ") + std::string(x);
      w.fail("unknown key " + quote_value(k) + " (expected " + list + ")");
    }
  }
}

TemplateStep read_step(const json& j, std::size_t index, const Where& w) {
  if (!j.is_object()) w.fail("a step must be an object {\"activity\": ..., \"per_unit\": ...}");
  only_keys(j, {"activity", "per_unit", "after", "max_crews", "crew_share", "opens"}, w);
  TemplateStep s;
  s.activity = enum_value<ActivityKind>(j, "activity", kActivityKindNames, w);
  if (j.contains("per_unit")) {
    s.per_unit = number(j, "per_unit", w);
    if (!(s.per_unit > 0)) w.fail("per_unit must be > 0");
    check_range(s.per_unit, "per_unit", 0, limits::kPerUnitMax, w);
  }
  if (j.contains("after")) {
    const json& a = j["after"];
    if (!a.is_array()) w.fail("after must be an array of the indices of earlier steps");
    if (index == 0 && !a.empty())
      w.fail("after must be empty for the first step, not " + quote_value(a.dump()));
    for (const auto& v : a) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0 ||
          static_cast<std::size_t>(v.get<std::int64_t>()) >= index) {
        w.fail("after: " + quote_value(v.dump()) + " is not the index of an earlier step (0 to " +
               std::to_string(index - 1) + "): a step comes after earlier steps only");
      }
      const auto k = static_cast<std::uint8_t>(v.get<std::int64_t>());
      for (std::uint8_t x : s.after) {
        if (x == k) w.fail("after: step " + std::to_string(k) + " listed twice");
      }
      s.after.push_back(k);
    }
  }
  if (j.contains("max_crews"))
    s.max_crews = static_cast<int>(whole_in(j, "max_crews", 1, limits::kMaxCrewsMax, w));
  if (j.contains("crew_share"))
    s.crew_share = number_in(j, "crew_share", 0, limits::kCrewShareMax, w);
  if (j.contains("opens")) {
    if (!j["opens"].is_boolean()) w.fail("opens must be true or false");
    s.opens = j["opens"].get<bool>();
  }
  return s;
}

}  // namespace

void apply_return_parameters(const json& j, Parameters& p, const Where& w) {
  if (j.contains("household_size"))
    p.household_size =
        number_in(j, "household_size", limits::kHouseholdMin, limits::kHouseholdMax, w);
  if (j.contains("built_up_radius_m"))
    p.built_up_radius_m = number_in(j, "built_up_radius_m", 0, limits::kBuiltUpRadiusMaxM, w);
  if (j.contains("heating_season")) {
    const Where hw = w.at("heating_season");
    const json& h = j["heating_season"];
    if (!h.is_object()) hw.fail("must be an object {\"from\": \"MM-DD\", \"to\": \"MM-DD\"}");
    only_keys(h, {"from", "to"}, hw);
    const MonthDay from = month_day(h, "from", hw);
    const MonthDay to = month_day(h, "to", hw);
    if (from.month == to.month && from.day == to.day)
      hw.fail("from and to must differ (both are " + quote_value(month_day_text(from)) + ")");
    p.heating_season_from = from;
    p.heating_season_to = to;
  }
  if (j.contains("housing_package_dwellings")) {
    const Where hw = w.at("housing_package_dwellings");
    const json& h = j["housing_package_dwellings"];
    if (!h.is_object()) hw.fail("must be an object {\"light\": n, \"heavy\": n, \"destroyed\": n}");
    for (const auto& [k, v] : h.items()) {
      if (k == "comment") continue;
      const auto c = enum_from_name<DamageClass>(k, kDamageClassNames);
      if (!c) {
        hw.fail("unknown key " + quote_value(k) +
                " (expected one of: " + names_list(kDamageClassNames) + ")");
      }
      p.housing_package_dwellings[static_cast<std::size_t>(*c)] =
          static_cast<int>(whole_in(h, k.c_str(), 1, limits::kHousingPackageMax, hw));
    }
  }
}

void write_return_parameters(const Parameters& p, json& j) {
  j["household_size"] = p.household_size;
  j["built_up_radius_m"] = p.built_up_radius_m;
  j["heating_season"] = {{"from", month_day_text(p.heating_season_from)},
                         {"to", month_day_text(p.heating_season_to)}};
  json h = json::object();
  for (std::size_t c = 0; c < kDamageClassCount; ++c)
    h[std::string(kDamageClassNames[c])] = p.housing_package_dwellings[c];
  j["housing_package_dwellings"] = h;
}

void apply_templates(const json& j, Parameters& p, const Where& w) {
  if (!j.is_object()) w.fail("must be an object keyed by asset kind");
  for (const auto& [kind_name, steps] : j.items()) {
    if (kind_name == "comment") continue;
    const auto kind = enum_from_name<AssetKind>(kind_name, kAssetKindNames);
    if (!kind) {
      w.fail("unknown asset kind " + quote_value(kind_name) +
             " (expected one of: " + names_list(kAssetKindNames) + ")");
    }
    const Where kw = w.at(kind_name);
    if (!steps.is_array() || steps.empty() || steps.size() > limits::kTemplateStepsMax) {
      kw.fail("must be an array of 1 to " + std::to_string(limits::kTemplateStepsMax) + " steps");
    }
    std::vector<TemplateStep> out;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      out.push_back(read_step(steps[i], i, Where{kw.text + "[" + std::to_string(i) + "]"}));
    }
    p.templates[static_cast<std::size_t>(*kind)] = std::move(out);
  }
}

json templates_to_json(const Parameters& p) {
  json out = json::object();
  for (std::size_t k = 0; k < kAssetKindCount; ++k) {
    json steps = json::array();
    for (const TemplateStep& s : p.templates[k]) {
      json after = json::array();
      for (std::uint8_t a : s.after) after.push_back(a);
      steps.push_back({{"activity", std::string(name(s.activity))},
                       {"per_unit", s.per_unit},
                       {"after", std::move(after)},
                       {"max_crews", s.max_crews},
                       {"crew_share", s.crew_share},
                       {"opens", s.opens}});
    }
    out[std::string(kAssetKindNames[k])] = std::move(steps);
  }
  return out;
}

void apply_season_factors(const json& j, Parameters& p, const Where& w) {
  if (!j.is_object()) w.fail("must be an object keyed by trade");
  for (const auto& [trade_name, months] : j.items()) {
    if (trade_name == "comment") continue;
    const auto trade = enum_from_name<Trade>(trade_name, kTradeNames);
    if (!trade) w.fail("unknown trade " + quote_value(trade_name));
    const Where tw = w.at(trade_name);
    if (!months.is_array() || months.size() != kMonthCount)
      tw.fail("must be an array of 12 numbers in [0, 1], January first");
    std::array<std::uint8_t, kMonthCount> percent{};
    bool some = false;
    for (std::size_t m = 0; m < kMonthCount; ++m) {
      const json& v = months[m];
      if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 1)) {
        tw.fail("month " + std::to_string(m + 1) + " must be a number in [0, 1], not " +
                quote_value(v.dump()));
      }
      // Stored in whole percent (docs/model.md §6).
      percent[m] = static_cast<std::uint8_t>(std::lround(v.get<double>() * 100));
      some = some || percent[m] > 0;
    }
    if (!some) {
      tw.fail("every month is 0 (in whole percent): a trade must work in some month");
    }
    p.season_percent[static_cast<std::size_t>(*trade)] = percent;
  }
}

json season_factors_to_json(const Parameters& p) {
  json out = json::object();
  for (std::size_t t = 0; t < kTradeCount; ++t) {
    json months = json::array();
    for (std::uint8_t v : p.season_percent[t]) months.push_back(v / 100.0);
    out[std::string(kTradeNames[t])] = std::move(months);
  }
  return out;
}

}  // namespace gw::io::scenario_detail

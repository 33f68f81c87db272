#include "io/field_reports.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "io/gis_layer.hpp"
#include "io/input_file.hpp"
#include "model/error.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

bool calendar_date(const std::string& d) {
  int y = 0, m = 0, day = 0;
  char extra = 0;
  if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &extra) != 3)
    return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || day < 1 || day > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && day == 29 && !leap);
}

[[noreturn]] void fail(const std::string& where, const std::string& field, const std::string& why) {
  throw Error(ErrorCode::kInvalidInput, where + ": " + field + ": " + why);
}

std::string value_text(const json& v) {
  return quote_value(v.is_string() ? v.get<std::string>() : v.dump());
}

std::optional<std::string> text_of(const json& p, const char* key, const std::string& where) {
  if (!p.contains(key) || p[key].is_null()) return std::nullopt;
  const json& v = p[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  fail(where, key, "not a text: " + value_text(v));
}

double amount(const json& p, const char* key, double most, const std::string& where) {
  if (!p.contains(key) || p[key].is_null()) return 0;
  const json& v = p[key];
  double x = 0;
  if (v.is_number()) {
    x = v.get<double>();
  } else if (v.is_string()) {
    const std::string t = v.get<std::string>();
    char* end = nullptr;
    x = std::strtod(t.c_str(), &end);
    if (t.empty() || end == t.c_str() || *end != '\0')
      fail(where, key, "not a number: " + value_text(v));
  } else {
    fail(where, key, "not a number: " + value_text(v));
  }
  if (!std::isfinite(x) || x < 0) fail(where, key, "must be a number >= 0, not " + value_text(v));
  if (x > most) {
    fail(where, key, "must be at most " + json(most).dump() + ", not " + value_text(v));
  }
  return x;
}

}  // namespace

// Ten years of one crew: more in one report is a typing error.
constexpr double kMaxCrewDaysLost = 3660;

std::vector<FieldReport> read_field_reports(const std::filesystem::path& path, const Scenario& s) {
  check_input_file(path, "a field report file");
  LayerRef ref;
  ref.source = path.string();
  ref.path = path;
  const GisLayer layer = read_gis_layer(ref, "reports", "reports");
  std::map<std::string, std::size_t> hazards, assets;
  std::set<std::string> crews;
  for (std::size_t i = 0; i < s.hazards.size(); ++i) hazards.emplace(s.hazards[i].id, i);
  for (std::size_t i = 0; i < s.assets.size(); ++i) assets.emplace(s.assets[i].id, i);
  for (const Crew& c : s.crews) crews.insert(c.id);
  std::vector<FieldReport> out;
  out.reserve(layer.features.size());
  for (std::size_t r = 0; r < layer.features.size(); ++r) {
    const json& p = layer.features[r];
    FieldReport fr;
    fr.where = layer.label + ": FID " + std::to_string(layer.fids[r]);
    fr.id = text_of(p, "id", fr.where).value_or(std::to_string(layer.fids[r]));
    const auto date = text_of(p, "date", fr.where);
    if (!date) fail(fr.where, "date", "missing (every report needs the date of its work)");
    if (!calendar_date(*date))
      fail(fr.where, "date", "must be a date YYYY-MM-DD, not " + quote_value(*date));
    fr.date = *date;
    fr.hazard = text_of(p, "hazard", fr.where);
    fr.asset = text_of(p, "asset", fr.where);
    if (fr.hazard.has_value() == fr.asset.has_value()) {
      fail(fr.where, "hazard, asset",
           fr.hazard ? "a report is about one hazard or one asset, not both"
                     : "names neither a hazard nor an asset");
    }
    if (fr.hazard) {
      const auto it = hazards.find(*fr.hazard);
      if (it == hazards.end())
        fail(fr.where, "hazard", "unknown hazard " + quote_value(*fr.hazard));
      const double area = s.hazards[it->second].area_m2;
      fr.area_cleared_m2 = amount(p, "area_cleared_m2", area, fr.where);
      fr.area_cancelled_m2 = amount(p, "area_cancelled_m2", area, fr.where);
      fr.items_found = static_cast<std::int64_t>(amount(p, "items_found", 1e9, fr.where));
      if (p.contains("quantity_done") && !p["quantity_done"].is_null())
        fail(fr.where, "quantity_done", "is for asset reports; a hazard reports its areas");
    } else {
      const auto it = assets.find(*fr.asset);
      if (it == assets.end()) fail(fr.where, "asset", "unknown asset " + quote_value(*fr.asset));
      fr.quantity_done = amount(p, "quantity_done", 100 * s.assets[it->second].quantity, fr.where);
      for (const char* k : {"area_cleared_m2", "area_cancelled_m2", "items_found"}) {
        if (p.contains(k) && !p[k].is_null())
          fail(fr.where, k, "is for hazard reports; an asset reports quantity_done");
      }
    }
    fr.crew_days_lost = amount(p, "crew_days_lost", kMaxCrewDaysLost, fr.where);
    fr.crew = text_of(p, "crew", fr.where);
    if (fr.crew && crews.count(*fr.crew) == 0)
      fail(fr.where, "crew", "unknown crew " + quote_value(*fr.crew));
    out.push_back(std::move(fr));
  }
  return out;
}

}  // namespace gw::io

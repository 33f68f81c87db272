#include "io/truth_json.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "io/input_file.hpp"
#include "model/error.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

// Ranges of truth.json's values: the work factors those of the scenario (docs/scenario.md), a
// crew's factor and a month's weather wide enough for any draw, narrow enough for the arithmetic.
constexpr double kFactorMin = 1e-2, kFactorMax = 100;
constexpr double kCrewFactorMin = 1e-3, kCrewFactorMax = 1e3;
constexpr double kWeatherMin = 0, kWeatherMax = 100;

class Reader {
 public:
  Reader(std::string_view source, const Scenario& s) : source_(source), s_(s) {}

  Truth read(const json& root) {
    if (!root.is_object()) fail(ErrorCode::kParse, "", "the top level is not a JSON object");
    Truth t;
    if (root.contains("seed")) {
      if (!root["seed"].is_number_unsigned()) fail(ErrorCode::kParse, "seed", "not a whole number");
      t.seed = root["seed"].get<std::uint64_t>();
    }
    t.hazards.resize(s_.hazards.size());
    rows(root, "hazards", s_.hazards, [&](const json& j, std::size_t i, const std::string& at) {
      HazardTruth& h = t.hazards[i];
      if (!j.contains("holds") || !j["holds"].is_boolean())
        fail(ErrorCode::kParse, at + ".holds", "missing or not true/false");
      h.holds = j["holds"].get<bool>();
      h.density = number(j, "density", at, 0, kFactorMax);
      h.reduced_share = number(j, "reduced_share", at, 0, 1);
      h.work_factor = number(j, "work_factor", at, kFactorMin, kFactorMax);
    });
    t.crew_factor.resize(s_.crews.size());
    rows(root, "crews", s_.crews, [&](const json& j, std::size_t i, const std::string& at) {
      t.crew_factor[i] = number(j, "productivity_factor", at, kCrewFactorMin, kCrewFactorMax);
    });
    t.asset_factor.resize(s_.assets.size());
    rows(root, "assets", s_.assets, [&](const json& j, std::size_t i, const std::string& at) {
      t.asset_factor[i] = number(j, "work_factor", at, kFactorMin, kFactorMax);
    });
    t.housing_factor.resize(s_.settlements.size());
    rows(root, "settlements", s_.settlements,
         [&](const json& j, std::size_t i, const std::string& at) {
           t.housing_factor[i] = number(j, "housing_work_factor", at, kFactorMin, kFactorMax);
         });
    if (!root.contains("weather_factor") || !root["weather_factor"].is_array() ||
        root["weather_factor"].size() != kMonthCount) {
      fail(ErrorCode::kParse, "weather_factor", "must be an array of 12 numbers");
    }
    for (std::size_t m = 0; m < kMonthCount; ++m) {
      const json& v = root["weather_factor"][m];
      const std::string at = "weather_factor[" + std::to_string(m) + "]";
      if (!v.is_number()) fail(ErrorCode::kParse, at, "not a number");
      const double x = v.get<double>();
      if (!(x >= kWeatherMin && x <= kWeatherMax))
        fail(ErrorCode::kInvalidInput, at, "must be between 0 and 100");
      t.weather_factor[m] = x;
    }
    return t;
  }

 private:
  [[noreturn]] void fail(ErrorCode code, const std::string& at, const std::string& why) const {
    throw Error(code, std::string(source_) + ": " + (at.empty() ? "" : at + ": ") + why);
  }

  double number(const json& j, const char* key, const std::string& at, double lo, double hi) const {
    const std::string where = at + "." + key;
    if (!j.contains(key) || !j[key].is_number())
      fail(ErrorCode::kParse, where, "missing or not a number");
    const double x = j[key].get<double>();
    if (!(x >= lo && x <= hi)) {
      fail(ErrorCode::kInvalidInput, where,
           "must be between " + num(lo) + " and " + num(hi) + ", not " + num(x));
    }
    return x;
  }

  static std::string num(double x) {
    std::string s = json(x).dump();
    return s.size() > 80 ? s.substr(0, 80) : s;
  }

  // Each element of root[key] names one item of `items` by id; every item exactly once.
  template <typename Items, typename Fn>
  void rows(const json& root, const char* key, const Items& items, Fn fn) const {
    if (!root.contains(key) || !root[key].is_array())
      fail(ErrorCode::kParse, key, "missing or not an array");
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
    std::vector<char> seen(items.size(), 0);
    const json& arr = root[key];
    for (std::size_t r = 0; r < arr.size(); ++r) {
      const std::string at = std::string(key) + "[" + std::to_string(r) + "]";
      const json& j = arr[r];
      if (!j.is_object() || !j.contains("id") || !j["id"].is_string())
        fail(ErrorCode::kParse, at, "not an object with a string id");
      const std::string id = j["id"].get<std::string>();
      const auto it = index.find(id);
      if (it == index.end())
        fail(ErrorCode::kInvalidInput, at, "id " + quote_value(id) + " is not in the scenario");
      if (seen[it->second] != 0)
        fail(ErrorCode::kInvalidInput, at, "id " + quote_value(id) + " repeated");
      seen[it->second] = 1;
      fn(j, it->second, at);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (seen[i] == 0)
        fail(ErrorCode::kInvalidInput, key,
             quote_value(items[i].id) + " of the scenario is missing");
    }
  }

  std::string_view source_;
  const Scenario& s_;
};

}  // namespace

json truth_json(const Scenario& s, const Truth& t) {
  json j;
  j["seed"] = t.seed;
  json hz = json::array();
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    const HazardTruth& x = t.hazards[h];
    hz.push_back({{"id", s.hazards[h].id},
                  {"holds", x.holds},
                  {"density", x.density},
                  {"reduced_share", x.reduced_share},
                  {"work_factor", x.work_factor}});
  }
  j["hazards"] = std::move(hz);
  json cr = json::array();
  for (std::size_t c = 0; c < s.crews.size(); ++c)
    cr.push_back({{"id", s.crews[c].id}, {"productivity_factor", t.crew_factor[c]}});
  j["crews"] = std::move(cr);
  json as = json::array();
  for (std::size_t a = 0; a < s.assets.size(); ++a)
    as.push_back({{"id", s.assets[a].id}, {"work_factor", t.asset_factor[a]}});
  j["assets"] = std::move(as);
  json st = json::array();
  for (std::size_t i = 0; i < s.settlements.size(); ++i)
    st.push_back({{"id", s.settlements[i].id}, {"housing_work_factor", t.housing_factor[i]}});
  j["settlements"] = std::move(st);
  j["weather_factor"] = t.weather_factor;
  return j;
}

Truth parse_truth_json(std::string_view text, std::string_view source, const Scenario& s) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(ErrorCode::kParse, std::string(source) + ": not JSON (" + e.what() + ")");
  }
  return Reader(source, s).read(root);
}

Truth read_truth_json(const std::filesystem::path& path, const Scenario& s) {
  const std::string text = read_input_file(path, "a truth file");
  return parse_truth_json(text, path.string(), s);
}

}  // namespace gw::io

#include "io/plan_reader.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "io/input_file.hpp"
#include "model/error.hpp"
#include "model/parameters.hpp"

namespace gw::io {

using nlohmann::json;

namespace {

class Reader {
 public:
  Reader(std::string_view source, const Scenario& s) : source_(source), s_(s) {
    for (std::size_t i = 0; i < s.crews.size(); ++i) crews_.emplace(s.crews[i].id, i);
    for (std::size_t i = 0; i < s.hazards.size(); ++i) hazards_.emplace(s.hazards[i].id, i);
    for (std::size_t i = 0; i < s.assets.size(); ++i) assets_.emplace(s.assets[i].id, i);
    for (std::size_t i = 0; i < s.settlements.size(); ++i)
      settlements_.emplace(s.settlements[i].id, i);
  }

  std::pair<std::vector<Task>, Plan> read(const json& root) {
    where_.clear();
    if (!root.is_object()) fail(ErrorCode::kParse, "the top level is not a JSON object");
    Plan plan;
    if (root.contains("rule")) plan.rule = string_of(root, "rule");
    if (root.contains("as_of")) plan.as_of = minutes_of(root, "as_of");
    if (root.contains("work_factors")) read_work_factors(root["work_factors"], plan);
    if (!root.contains("tasks")) fail(ErrorCode::kParse, "missing key 'tasks'");
    const json& tasks = root["tasks"];
    if (!tasks.is_array()) fail(ErrorCode::kParse, "'tasks' is not an array");

    std::vector<Task> out(tasks.size());
    std::vector<bool> seen(tasks.size(), false);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      where_ = "tasks[" + std::to_string(i) + "]";
      const json& j = tasks[i];
      if (!j.is_object()) fail(ErrorCode::kParse, "not a JSON object");
      const std::uint64_t id = uint_of(j, "id");
      if (id >= tasks.size()) {
        fail(ErrorCode::kInvalidInput,
             "id " + std::to_string(id) + " out of range 0.." + std::to_string(tasks.size() - 1));
      }
      if (seen[id]) fail(ErrorCode::kInvalidInput, "id " + std::to_string(id) + " repeated");
      seen[id] = true;
      const TaskId tid = TaskId::from_index(id);
      Task& task = out[id];

      const std::string kind = string_of(j, "kind");
      const auto k = enum_from_name<TaskKind>(kind, kTaskKindNames);
      if (!k) fail(ErrorCode::kInvalidInput, "unknown task kind " + quote_value(kind));
      task.kind = *k;
      if (const auto h = optional_string(j, "hazard")) {
        const auto it = hazards_.find(*h);
        if (it == hazards_.end())
          fail(ErrorCode::kInvalidInput, "hazard " + quote_value(*h) + " unknown");
        task.hazard = HazardId::from_index(it->second);
      }
      if (const auto a = optional_string(j, "asset")) {
        const auto it = assets_.find(*a);
        if (it == assets_.end())
          fail(ErrorCode::kInvalidInput, "asset " + quote_value(*a) + " unknown");
        task.asset = AssetId::from_index(it->second);
      }
      if (const auto st = optional_string(j, "settlement")) {
        const auto it = settlements_.find(*st);
        if (it == settlements_.end())
          fail(ErrorCode::kInvalidInput, "settlement " + quote_value(*st) + " unknown");
        task.settlement = SettlementId::from_index(it->second);
      }
      if (task.kind == TaskKind::kRepair && !task.asset.valid()) {
        fail(ErrorCode::kInvalidInput, "a repair task needs an asset");
      }
      if (task.kind == TaskKind::kHousing && !task.settlement.valid()) {
        fail(ErrorCode::kInvalidInput, "a housing task needs a settlement");
      }
      if (task.kind != TaskKind::kRepair && task.kind != TaskKind::kHousing &&
          !task.hazard.valid()) {
        fail(ErrorCode::kInvalidInput, "a " + kind + " task needs a hazard");
      }
      if (task.kind == TaskKind::kRepair || task.kind == TaskKind::kHousing) read_project(j, task);
      if (!j.contains("corridor_edge") || !j["corridor_edge"].is_null()) {
        task.corridor_edge = edge_of(j, "corridor_edge");
      }
      const std::uint64_t package = uint_of(j, "package");
      if (package > std::numeric_limits<std::uint32_t>::max()) {
        fail(ErrorCode::kInvalidInput, "package " + std::to_string(package) + " out of range");
      }
      task.package = static_cast<std::uint32_t>(package);
      task.work = number_of(j, "work");
      if (!(task.work >= 0)) fail(ErrorCode::kInvalidInput, "work is negative");
      const std::string terrain = string_of(j, "terrain");
      const auto te = enum_from_name<Terrain>(terrain, kTerrainNames);
      if (!te) fail(ErrorCode::kInvalidInput, "unknown terrain " + quote_value(terrain));
      task.terrain = *te;
      task.site_edge = edge_of(j, "site_edge");
      if (!j.contains("site")) fail(ErrorCode::kParse, "missing key 'site'");
      const json& site = j["site"];
      if (!site.is_array() || site.size() != 2 || !site[0].is_number() || !site[1].is_number()) {
        fail(ErrorCode::kParse, "'site' is not an array [lon, lat]");
      }
      task.site = LonLat{site[0].get<double>(), site[1].get<double>()};

      // The assignment.
      const auto crew = optional_string(j, "crew");
      if (!crew) continue;
      const auto it = crews_.find(*crew);
      if (it == crews_.end())
        fail(ErrorCode::kInvalidInput, "crew " + quote_value(*crew) + " unknown");
      Assignment a;
      a.task = tid;
      a.crew = CrewId::from_index(it->second);
      a.depart = minutes_of(j, "depart");
      a.start = minutes_of(j, "start");
      a.end = minutes_of(j, "end");
      a.from_node = node_of(j, "from_node");
      a.entry_node = node_of(j, "entry_node");
      a.travel_min = minutes_of(j, "travel_min");
      if (j.contains("reported")) {
        if (!j["reported"].is_boolean()) fail(ErrorCode::kParse, "reported is not true or false");
        a.reported = j["reported"].get<bool>();
      }
      if (j.contains("route")) read_route(j["route"], a.route);
      if (a.end < a.start) fail(ErrorCode::kInvalidInput, "end is before start");
      plan.assignments.push_back(std::move(a));
    }
    where_.clear();
    std::stable_sort(plan.assignments.begin(), plan.assignments.end(),
                     [](const Assignment& x, const Assignment& y) {
                       return std::pair(x.crew.value, x.start) < std::pair(y.crew.value, y.start);
                     });
    return {std::move(out), std::move(plan)};
  }

  // A re-plan's work factors: {"hazards": {id: factor}, "assets": {id: factor}}, 1 for an id
  // absent; each within [0.01, 100] (the pace's range, docs/replanning.md).
  void read_work_factors(const json& j, Plan& plan) {
    where_ = "work_factors";
    if (!j.is_object()) fail(ErrorCode::kParse, "not a JSON object");
    plan.hazard_work_factor.assign(s_.hazards.size(), 1.0);
    plan.asset_work_factor.assign(s_.assets.size(), 1.0);
    const auto read = [&](const char* key, const std::unordered_map<std::string, std::size_t>& ix,
                          std::vector<double>& out) {
      const auto it = j.find(key);
      if (it == j.end()) return;
      where_ = std::string("work_factors.") + key;
      if (!it->is_object()) fail(ErrorCode::kParse, "not a JSON object");
      for (const auto& [id, v] : it->items()) {
        const auto at = ix.find(id);
        if (at == ix.end()) fail(ErrorCode::kInvalidInput, quote_value(id) + " unknown");
        if (!v.is_number() || !(v.get<double>() >= 0.01 && v.get<double>() <= 100)) {
          fail(ErrorCode::kInvalidInput,
               quote_value(id) + ": the factor must be a number within 0.01 to 100");
        }
        out[at->second] = v.get<double>();
      }
    };
    read("hazards", hazards_, plan.hazard_work_factor);
    read("assets", assets_, plan.asset_work_factor);
    where_.clear();
  }

  // A repair or housing task's activity, step and (housing) dwellings.
  void read_project(const json& j, Task& task) const {
    const std::string activity = string_of(j, "activity");
    const auto a = enum_from_name<ActivityKind>(activity, kActivityKindNames);
    if (!a) fail(ErrorCode::kInvalidInput, "unknown activity " + quote_value(activity));
    task.activity = *a;
    const std::uint64_t step = uint_of(j, "step");
    if (task.kind == TaskKind::kRepair) {
      const Asset& asset = s_.assets[task.asset.index()];
      const std::size_t steps = s_.params.templates[static_cast<std::size_t>(asset.kind)].size();
      if (step >= steps) {
        fail(ErrorCode::kInvalidInput, "step " + std::to_string(step) + " out of range: the " +
                                           std::string(name(asset.kind)) + " template has " +
                                           std::to_string(steps) + " steps");
      }
      task.step = static_cast<std::uint8_t>(step);
      return;
    }
    const bool housing_activity = *a == ActivityKind::kHouseLight ||
                                  *a == ActivityKind::kHouseHeavy ||
                                  *a == ActivityKind::kHouseRebuild;
    if (!housing_activity) {
      fail(ErrorCode::kInvalidInput,
           "a housing task's activity must be house_light, house_heavy "
           "or house_rebuild, not " +
               quote_value(activity));
    }
    if (step >= kDamageClassCount) {
      fail(ErrorCode::kInvalidInput, "step " + std::to_string(step) +
                                         " out of range: housing has 3 steps (light, heavy, "
                                         "destroyed)");
    }
    task.step = static_cast<std::uint8_t>(step);
    const std::uint64_t dwellings = uint_of(j, "dwellings");
    if (dwellings < 1 || dwellings > std::numeric_limits<std::uint32_t>::max()) {
      fail(ErrorCode::kInvalidInput, "dwellings " + std::to_string(dwellings) + " out of range");
    }
    task.dwellings = static_cast<std::uint32_t>(dwellings);
  }

  [[noreturn]] void fail(ErrorCode code, const std::string& what) const {
    // Error takes its message by const reference: build it once, pass it as it is.
    std::string msg(source_);
    msg += ": ";
    if (!where_.empty()) msg += where_ + ": ";
    msg += what;
    throw Error(code, msg);
  }

 private:
  const json& field(const json& j, const char* key) const {
    const auto it = j.find(key);
    if (it == j.end()) fail(ErrorCode::kParse, std::string("missing key '") + key + "'");
    return *it;
  }
  std::string string_of(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_string()) fail(ErrorCode::kParse, std::string("'") + key + "' is not a string");
    return v.get<std::string>();
  }
  std::optional<std::string> optional_string(const json& j, const char* key) const {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_string())
      fail(ErrorCode::kParse, std::string("'") + key + "' is not a string or null");
    return it->get<std::string>();
  }
  double number_of(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_number()) fail(ErrorCode::kParse, std::string("'") + key + "' is not a number");
    return v.get<double>();
  }
  std::int64_t int_of(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (v.is_number_unsigned()) {
      if (v.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(ErrorCode::kInvalidInput, std::string("'") + key + "' is too large");
      }
      return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    if (!v.is_number_integer())
      fail(ErrorCode::kParse, std::string("'") + key + "' is not an integer");
    return v.get<std::int64_t>();
  }
  std::uint64_t uint_of(const json& j, const char* key) const {
    const std::int64_t v = int_of(j, key);
    if (v < 0) fail(ErrorCode::kInvalidInput, std::string("'") + key + "' is negative");
    return static_cast<std::uint64_t>(v);
  }
  Minutes minutes_of(const json& j, const char* key) const {
    const std::int64_t v = int_of(j, key);
    if (v < 0) fail(ErrorCode::kInvalidInput, std::string("'") + key + "' is negative");
    return v;
  }
  // An assignment's route: road edge ids of the network, in order (docs/model.md §5); whether
  // they make a trip is the validator's to say.
  void read_route(const json& r, std::vector<EdgeId>& out) const {
    if (!r.is_array()) fail(ErrorCode::kParse, "'route' is not an array of edge ids");
    out.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (!r[i].is_number_unsigned()) {
        fail(ErrorCode::kParse, "'route' entry " + std::to_string(i) + " is not an edge id");
      }
      const std::uint64_t v = r[i].get<std::uint64_t>();
      if (v >= s_.roads.num_edges()) {
        fail(ErrorCode::kInvalidInput, "'route' entry " + std::to_string(i) + ": edge " +
                                           std::to_string(v) + " is not an edge of the network");
      }
      out.push_back(EdgeId::from_index(v));
    }
  }

  EdgeId edge_of(const json& j, const char* key) const {
    const std::uint64_t v = uint_of(j, key);
    if (v >= s_.roads.num_edges()) {
      fail(ErrorCode::kInvalidInput, std::string("'") + key + "' " + std::to_string(v) +
                                         " is not an edge (the network has " +
                                         std::to_string(s_.roads.num_edges()) + ")");
    }
    return EdgeId::from_index(v);
  }
  NodeId node_of(const json& j, const char* key) const {
    const std::uint64_t v = uint_of(j, key);
    if (v >= s_.roads.num_nodes()) {
      fail(ErrorCode::kInvalidInput, std::string("'") + key + "' " + std::to_string(v) +
                                         " is not a node (the network has " +
                                         std::to_string(s_.roads.num_nodes()) + ")");
    }
    return NodeId::from_index(v);
  }

  std::string_view source_;
  const Scenario& s_;
  std::string where_;
  std::unordered_map<std::string, std::size_t> crews_, hazards_, assets_, settlements_;
};

}  // namespace

std::pair<std::vector<Task>, Plan> parse_plan_json(std::string_view text, std::string_view source,
                                                   const Scenario& s) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {  // syntax, and numbers that overflow a double
    throw Error(ErrorCode::kParse,
                std::string(source) + ": not valid JSON: " + cut_text(e.what(), 200));
  }
  return Reader(source, s).read(root);
}

std::pair<std::vector<Task>, Plan> read_plan_json(const std::filesystem::path& path,
                                                  const Scenario& s) {
  return parse_plan_json(read_input_file(path, "a plan.json file"), path.string(), s);
}

}  // namespace gw::io

#include "server/scenarios.hpp"

#include <algorithm>
#include <fstream>
#include <random>

#include "io/plan_reader.hpp"
#include "io/scenario_json.hpp"
#include "io/zip_archive.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "validate/validate.hpp"

namespace gw::server {

namespace fs = std::filesystem;
using nlohmann::json;

void check_file_name(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 128 && name[0] != '.' &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                  });
  if (!ok) {
    throw Error(ErrorCode::kInvalidInput,
                "file name '" + name +
                    "': use letters, digits, '.', '-' and '_' only, not starting with '.'");
  }
}

namespace {

void walk_sources(const json& j, const std::string& where,
                  const std::vector<std::string>& uploaded) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      std::string at = where;
      if (!at.empty()) at += '.';
      at += k;
      if (k == "source" && v.is_string()) {
        const std::string src = v.get<std::string>();
        if (std::find(uploaded.begin(), uploaded.end(), src) == uploaded.end()) {
          std::string names;
          for (const auto& u : uploaded) {
            if (!names.empty()) names += ", ";
            names += u;
          }
          std::string msg = "scenario.json: ";
          msg += at;
          msg += ": ";
          msg += quote_value(src);
          msg +=
              " is not an uploaded file (a scenario on the server reads only the files uploaded "
              "with it";
          if (!names.empty()) {
            msg += ": ";
            msg += names;
          }
          msg += ')';
          throw Error(ErrorCode::kInvalidInput, msg);
        }
      } else {
        walk_sources(v, at, uploaded);
      }
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string at = where;
      at += '[';
      at += std::to_string(i);
      at += ']';
      walk_sources(j[i], at, uploaded);
    }
  }
}

void write_binary(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw Error(ErrorCode::kIo, "store: cannot write " + p.filename().string());
}

}  // namespace

void check_layer_sources(const json& doc, const std::vector<std::string>& uploaded) {
  walk_sources(doc, "", uploaded);
}

void unpack_archive(const std::string& zip, std::size_t max_bytes, std::string& scenario_text,
                    std::vector<UploadedFile>& layers) {
  io::ZipLimits limits;
  limits.max_total_bytes = max_bytes;
  std::vector<io::ArchiveFile> files = io::read_zip(zip, "upload.zip", limits);
  auto is_json = [](const std::string& n) {
    return n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0;
  };
  auto pick = std::find_if(files.begin(), files.end(),
                           [](const io::ArchiveFile& f) { return f.name == "scenario.json"; });
  if (pick == files.end() && std::count_if(files.begin(), files.end(),
                                           [&](const auto& f) { return is_json(f.name); }) == 1) {
    pick = std::find_if(files.begin(), files.end(), [&](const auto& f) { return is_json(f.name); });
  }
  if (pick == files.end()) {
    throw Error(ErrorCode::kInvalidInput,
                "upload.zip: no scenario: name it scenario.json, or put only one .json file in "
                "the archive");
  }
  scenario_text = std::move(pick->content);
  for (auto it = files.begin(); it != files.end(); ++it) {
    if (it != pick) layers.push_back({it->name, std::move(it->content)});
  }
}

ScenarioRow ingest_scenario(Store& store, const fs::path& data_dir, const std::string& name,
                            const std::string& scenario_text,
                            const std::vector<UploadedFile>& layers) {
  json doc;
  try {
    doc = json::parse(scenario_text);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::kParse, std::string("scenario.json: ") + e.what());
  }
  if (!doc.is_object()) throw Error(ErrorCode::kParse, "scenario.json: not a JSON object");
  std::vector<std::string> names;
  for (const auto& l : layers) {
    check_file_name(l.name);
    if (l.name == "scenario.json" || std::find(names.begin(), names.end(), l.name) != names.end())
      throw Error(ErrorCode::kInvalidInput, "file name '" + l.name + "': given twice");
    names.push_back(l.name);
  }
  check_layer_sources(doc, names);

  // A random folder name: two uploads at once never share one.
  std::random_device rd;
  const fs::path tmp =
      data_dir / "tmp" / ("upload-" + std::to_string(rd()) + "-" + std::to_string(rd()));
  fs::create_directories(tmp);
  try {
    write_binary(tmp / "scenario.json", scenario_text);
    for (const auto& l : layers) write_binary(tmp / l.name, l.content);
    Scenario s = io::read_scenario(tmp / "scenario.json");
    plan::link_scenario(s, "scenario.json");
    const json counts = {{"road_edges", s.roads.num_edges()},
                         {"settlements", s.settlements.size()},
                         {"hazards", s.hazards.size()},
                         {"damaged_assets", s.assets.size()},
                         {"crews", s.crews.size()}};
    json files = json::array({"scenario.json"});
    for (const auto& n : names) files.push_back(n);
    const std::string label = !name.empty() ? name : !s.name.empty() ? s.name : "scenario";
    const std::int64_t id = store.add_scenario(label, files, counts);
    const fs::path dest = data_dir / "scenarios" / std::to_string(id);
    try {
      fs::create_directories(dest.parent_path());
      fs::remove_all(dest);
      fs::rename(tmp, dest);
    } catch (...) {
      store.delete_scenario(id);
      throw;
    }
    return *store.scenario(id);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    throw;
  }
}

json validate_plan_document(const fs::path& scenario, const std::string& plan_text,
                            std::optional<ObjectiveKind> objective) {
  Scenario s = io::read_scenario(scenario);
  if (objective) s.params.objective.kind = *objective;
  const auto [tasks, p] = io::parse_plan_json(plan_text, "plan.json", s);
  const validate::Report r = validate::validate_plan(s, tasks, p);
  const auto& m = r.measures;
  auto opt_day = [](const std::optional<double>& d) { return d ? json(*d) : json(nullptr); };
  return {{"valid", r.valid()},
          {"violations", r.violations},
          {"measures",
           {{"people_days_without_access", m.people_days_without_access},
            {"population_total", m.population_total},
            {"days_to_access_50", opt_day(m.days_to_access_50)},
            {"days_to_access_90", opt_day(m.days_to_access_90)},
            {"days_to_access_100", opt_day(m.days_to_access_100)},
            {"hectares_cancelled", m.hectares_cancelled},
            {"hectares_released", m.hectares_released},
            {"makespan_days", m.makespan_days},
            {"road_km_days_closed", m.road_km_days_closed},
            {"objective", std::string(name(s.params.objective.kind))},
            {"objective_value", m.objective}}}};
}

}  // namespace gw::server

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
#include "model/parameters.hpp"

namespace gw::io {

using nlohmann::json;
using namespace detail;

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
      if (a->reported) j["reported"] = true;
      if (!a->route.empty()) {
        json route = json::array();
        for (const EdgeId e : a->route) route.push_back(e.value);
        j["route"] = std::move(route);
      }
      j["start_day"] = round_to(minutes_to_days(a->start), 1e3);
      j["end_day"] = round_to(minutes_to_days(a->end), 1e3);
    }
    tasks.push_back(std::move(j));
  }
  json out;
  out["format"] = "groundwork-plan";
  out["version"] = 2;  // 2: repair steps and housing (issue 14)
  out["rule"] = p.rule;
  if (p.as_of > 0) out["as_of"] = p.as_of;
  // The work factors a re-plan planned the rest with (only where they differ from 1).
  if (!p.hazard_work_factor.empty() || !p.asset_work_factor.empty()) {
    json hz = json::object(), as = json::object();
    for (std::size_t h = 0; h < p.hazard_work_factor.size() && h < s.hazards.size(); ++h)
      if (p.hazard_work_factor[h] != 1.0) hz[s.hazards[h].id] = p.hazard_work_factor[h];
    for (std::size_t a = 0; a < p.asset_work_factor.size() && a < s.assets.size(); ++a)
      if (p.asset_work_factor[a] != 1.0) as[s.assets[a].id] = p.asset_work_factor[a];
    out["work_factors"] = {{"hazards", std::move(hz)}, {"assets", std::move(as)}};
  }
  out["start_date"] = s.params.start_date;
  out["time_unit"] = "minutes";
  out["task_count"] = t.tasks.size();
  out["assigned"] = p.assignments.size();
  out["tasks"] = std::move(tasks);
  return out;
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
  const std::size_t n = s.settlements.size();
  check_size(ev.settlement_access.size(), n, "evaluation.settlement_access");
  for (Service sv : kRestorableServices) {
    check_size(ev.service_restored[static_cast<std::size_t>(sv)].size(), n,
               "evaluation.service_restored[" + std::string(name(sv)) + "]");
  }
  check_size(ev.residential_released.size(), n, "evaluation.residential_released");
  check_size(ev.settlement_ready.size(), n, "evaluation.settlement_ready");
  check_size(ev.return_first.size(), n, "evaluation.return_first");
  check_size(ev.return_all.size(), n, "evaluation.return_all");
  json features = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    const Settlement& st = s.settlements[i];
    json geom;
    geom["type"] = "Point";
    geom["coordinates"] = lonlat_json(st.pos);
    json props;
    props["id"] = st.id;
    props["name"] = st.name;
    props["population"] = st.population;
    props["weight"] = st.weight;
    props["population_displaced"] = st.displaced;
    props["dwellings"] = st.dwellings;
    std::int64_t damaged = 0;
    for (std::size_t c = 0; c < kDamageClassCount; ++c) {
      props["dwellings_" + std::string(kDamageClassNames[c])] = st.damaged_dwellings[c];
      damaged += st.damaged_dwellings[c];
    }
    props["dwellings_damaged"] = damaged;
    props["heating"] = name(st.heating);
    props["access_day"] = day_or_null(ev.settlement_access[i]);
    for (Service sv : kRestorableServices) {
      props[std::string(name(sv)) + "_day"] =
          day_or_null(ev.service_restored[static_cast<std::size_t>(sv)][i]);
    }
    props["residential_released_day"] = day_or_null(ev.residential_released[i]);
    props["ready_day"] = day_or_null(ev.settlement_ready[i]);
    props["return_day"] = day_or_null(ev.return_first[i]);
    props["returned_day_100"] = day_or_null(ev.return_all[i]);
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

#include "io/gpkg_writer.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/asset_kinds_internal.hpp"
#include "io/gdal_util.hpp"
#include "io/gpkg_util.hpp"
#include "io/outputs_util.hpp"
#include "model/error.hpp"

namespace gw::io {

namespace {

namespace fs = std::filesystem;
using gdal::LayerWriter;
using gdal::line;
using gdal::point;
using gdal::polygon;

// One project: an asset's packages, or a settlement's housing packages.
struct Project {
  Minutes start = kNever;  // the first package's start (kNever: none assigned)
  Minutes end = 0;         // the last package's end (kNever: some package never done)
  std::vector<std::uint8_t> steps;
  std::size_t packages = 0;
  void add(const Task& task, const Assignment* a) {
    ++packages;
    if (std::find(steps.begin(), steps.end(), task.step) == steps.end()) steps.push_back(task.step);
    if (!a) {
      end = kNever;
      return;
    }
    start = std::min(start, a->start);
    if (end != kNever) end = std::max(end, a->end);
  }
};

// projects: one feature per damaged asset (its geometry) and per settlement with damaged
// dwellings (its point), worked from start_at to end_at.
void write_projects(GDALDataset& ds, const fs::path& path, gdal::ErrorCapture& errors,
                    const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev) {
  const std::string& d0 = s.params.start_date;
  detail::check_size(ev.asset_done.size(), s.assets.size(), "evaluation.asset_done");
  detail::check_size(ev.asset_works.size(), s.assets.size(), "evaluation.asset_works");
  std::vector<Project> assets(s.assets.size()), housing(s.settlements.size());
  const auto by_task = detail::assignments_by_task(t, p);
  for (std::size_t i = 0; i < t.tasks.size(); ++i) {
    const Task& task = t.tasks[i];
    if (task.kind == TaskKind::kRepair && task.asset.valid() &&
        task.asset.index() < assets.size()) {
      assets[task.asset.index()].add(task, by_task[i]);
    } else if (task.kind == TaskKind::kHousing && task.settlement.valid() &&
               task.settlement.index() < housing.size()) {
      housing[task.settlement.index()].add(task, by_task[i]);
    }
  }
  std::vector<const Evaluation::Milestone*> milestone(s.assets.size(), nullptr);
  for (const Evaluation::Milestone& m : ev.milestones) {
    if (m.asset.valid() && m.asset.index() < s.assets.size()) milestone[m.asset.index()] = &m;
  }
  LayerWriter w(ds, "projects", wkbUnknown,
                {{"project", OFTString},
                 {"kind", OFTString},
                 {"asset", OFTString},
                 {"settlement", OFTString},
                 {"service", OFTString},
                 {"quantity", OFTReal},
                 {"unit", OFTString},
                 {"steps", OFTInteger},
                 {"packages", OFTInteger},
                 {"start_day", OFTReal},
                 {"end_day", OFTReal},
                 {"start_at", OFTDateTime},
                 {"end_at", OFTDateTime},
                 {"works_at", OFTDateTime},
                 {"due_date", OFTDate},
                 {"lateness_days", OFTReal}},
                path, errors, d0);
  auto common = [&](OGRFeature& f, const Project& pr) {
    f.SetField("steps", static_cast<int>(pr.steps.size()));
    f.SetField("packages", static_cast<int>(pr.packages));
    LayerWriter::set_day(f, "start_day", pr.start);
    LayerWriter::set_day(f, "end_day", pr.packages ? pr.end : kNever);
    w.set_time(f, "start_at", pr.start);
    w.set_time(f, "end_at", pr.packages ? pr.end : kNever);
  };
  for (std::size_t i = 0; i < s.assets.size(); ++i) {
    const Asset& a = s.assets[i];
    auto f = w.feature();
    f->SetField("project", a.id.c_str());
    f->SetField("kind", std::string(name(a.kind)).c_str());
    f->SetField("asset", a.id.c_str());
    f->SetField("service", std::string(name(a.service)).c_str());
    f->SetField("quantity", detail::round_to(a.quantity, 10));
    f->SetField("unit", std::string(kinds::info(a.kind).unit).c_str());
    common(*f, assets[i]);
    w.set_time(*f, "end_at", ev.asset_done[i]);
    LayerWriter::set_day(*f, "end_day", ev.asset_done[i]);
    w.set_time(*f, "works_at", ev.asset_works[i]);
    if (const Evaluation::Milestone* m = milestone[i]) {
      const CivilTime due = civil_time(d0, m->due);
      f->SetField(f->GetFieldIndex("due_date"), due.year, due.month, due.day);
      if (m->lateness_days) f->SetField("lateness_days", detail::round_to(*m->lateness_days, 1e3));
    }
    w.add(*f, kinds::info(a.kind).line && a.geometry.size() >= 2
                  ? line(a.geometry.data(), a.geometry.data() + a.geometry.size())
                  : point(a.geometry.front()));
  }
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    if (housing[i].packages == 0) continue;
    const Settlement& st = s.settlements[i];
    auto f = w.feature();
    f->SetField("project", ("housing " + st.id).c_str());
    f->SetField("kind", "housing");
    f->SetField("settlement", st.id.c_str());
    std::int64_t damaged = 0;
    for (std::int64_t c : st.damaged_dwellings) damaged += c;
    f->SetField("quantity", static_cast<double>(damaged));
    f->SetField("unit", "dwelling");
    common(*f, housing[i]);
    w.set_time(*f, "works_at", housing[i].packages ? housing[i].end : kNever);
    w.add(*f, point(st.pos));
  }
  w.finish();
}

// returned_by_month: a table (no geometry) of the people of each settlement with people displaced
// back home at each month end (days 30, 60, ... and the curves' last day).
void write_returns(GDALDataset& ds, const fs::path& path, gdal::ErrorCapture& errors,
                   const Scenario& s, const TaskSet& t, const Evaluation& ev) {
  const std::string& d0 = s.params.start_date;
  LayerWriter w(ds, "returned_by_month", wkbNone,
                {{"settlement", OFTString},
                 {"month", OFTInteger},
                 {"month_end_day", OFTInteger},
                 {"month_end", OFTDate},
                 {"displaced", OFTInteger64},
                 {"people_back", OFTReal},
                 {"still_away", OFTReal}},
                path, errors, d0);
  const std::size_t days = ev.returned_by_day.size();
  const detail::ReturnCurves curves(s, t, ev, days);
  const std::vector<std::size_t> ends = detail::month_end_days(days);
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    if (st.displaced == 0) continue;
    for (std::size_t k = 0; k < ends.size(); ++k) {
      const auto m = static_cast<Minutes>(ends[k]) * kMinutesPerDay;
      const double back = detail::round_to(curves.returned(i, m), 1e3);
      auto f = w.feature();
      f->SetField("settlement", st.id.c_str());
      f->SetField("month", static_cast<int>(k + 1));
      f->SetField("month_end_day", static_cast<int>(ends[k]));
      const CivilTime date = civil_time(d0, m);
      f->SetField(f->GetFieldIndex("month_end"), date.year, date.month, date.day);
      f->SetField("displaced", static_cast<GIntBig>(st.displaced));
      f->SetField("people_back", back);
      f->SetField("still_away", static_cast<double>(st.displaced) - back);
      w.add(*f, nullptr);
    }
  }
  w.finish();
}

void write_layers(GDALDataset& ds, const fs::path& path, gdal::ErrorCapture& errors,
                  const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                  const Forecast* forecast) {
  using detail::check_size;
  check_size(ev.edge_open.size(), s.roads.num_edges(), "evaluation.edge_open");
  check_size(ev.hazard_cancelled.size(), s.hazards.size(), "evaluation.hazard_cancelled");
  check_size(ev.hazard_cleared.size(), s.hazards.size(), "evaluation.hazard_cleared");
  check_size(ev.settlement_access.size(), s.settlements.size(), "evaluation.settlement_access");
  check_size(ev.crew_use.size(), s.crews.size(), "evaluation.crew_use");
  const std::string& d0 = s.params.start_date;
  constexpr Minutes kStart = 0;

  {  // roads: blocked from the plan's start until open_at (null: never opened)
    LayerWriter w(ds, "roads", wkbLineString,
                  {{"edge", OFTInteger},
                   {"source_id", OFTInteger64},
                   {"class", OFTString},
                   {"bridge", OFTInteger, OFSTBoolean},
                   {"length_m", OFTReal},
                   {"speed_kmh", OFTReal},
                   {"blocked", OFTInteger, OFSTBoolean},
                   {"open_day", OFTReal},
                   {"plan_start", OFTDateTime},
                   {"open_at", OFTDateTime}},
                  path, errors, d0);
    const RoadNetwork& g = s.roads;
    for (std::size_t e = 0; e < g.num_edges(); ++e) {
      auto f = w.feature();
      f->SetField("edge", static_cast<int>(e));
      f->SetField("source_id", static_cast<GIntBig>(g.edge_source_id[e]));
      f->SetField("class", std::string(name(g.edge_class[e])).c_str());
      f->SetField("bridge", g.edge_bridge[e] != 0 ? 1 : 0);
      f->SetField("length_m", detail::round_to(g.edge_length_m[e], 10));
      f->SetField("speed_kmh", g.edge_speed_kmh[e]);
      f->SetField("blocked", ev.edge_open[e] != 0 ? 1 : 0);
      LayerWriter::set_day(*f, "open_day", ev.edge_open[e]);
      w.set_time(*f, "plan_start", kStart);
      w.set_time(*f, "open_at", ev.edge_open[e]);
      w.add(*f, line(g.edge_shape.data() + g.edge_shape_offset[e],
                     g.edge_shape.data() + g.edge_shape_offset[e + 1]));
    }
    w.finish();
  }
  {  // hazards: present from the plan's start until released_at (cancelled or cleared)
    LayerWriter w(ds, "hazards", wkbPolygon,
                  {{"id", OFTString},
                   {"status", OFTString},
                   {"contamination", OFTString},
                   {"terrain", OFTString},
                   {"land_use", OFTString},
                   {"area_m2", OFTReal},
                   {"cancelled_day", OFTReal},
                   {"cleared_day", OFTReal},
                   {"plan_start", OFTDateTime},
                   {"cancelled_at", OFTDateTime},
                   {"cleared_at", OFTDateTime},
                   {"released_at", OFTDateTime}},
                  path, errors, d0);
    for (std::size_t h = 0; h < s.hazards.size(); ++h) {
      const Hazard& z = s.hazards[h];
      auto f = w.feature();
      f->SetField("id", z.id.c_str());
      f->SetField("status", std::string(name(z.status)).c_str());
      f->SetField("contamination", std::string(name(z.contamination)).c_str());
      f->SetField("terrain", std::string(name(z.terrain)).c_str());
      f->SetField("land_use", std::string(name(z.land_use)).c_str());
      f->SetField("area_m2", detail::round_to(z.area_m2, 10));
      LayerWriter::set_day(*f, "cancelled_day", ev.hazard_cancelled[h]);
      LayerWriter::set_day(*f, "cleared_day", ev.hazard_cleared[h]);
      w.set_time(*f, "plan_start", kStart);
      w.set_time(*f, "cancelled_at", ev.hazard_cancelled[h]);
      w.set_time(*f, "cleared_at", ev.hazard_cleared[h]);
      w.set_time(*f, "released_at", std::min(ev.hazard_cancelled[h], ev.hazard_cleared[h]));
      w.add(*f, polygon(z.polygon));
    }
    w.finish();
  }
  {  // settlements: without access from the plan's start until access_at; return dates
    std::vector<gdal::Field> fields = {{"id", OFTString},
                                       {"name", OFTString},
                                       {"population", OFTInteger64},
                                       {"weight", OFTReal},
                                       {"snap_distance_m", OFTReal},
                                       {"population_displaced", OFTInteger64},
                                       {"dwellings", OFTInteger64},
                                       {"dwellings_damaged", OFTInteger64},
                                       {"heating", OFTString},
                                       {"access_day", OFTReal},
                                       {"return_day", OFTReal},
                                       {"returned_day_100", OFTReal},
                                       {"plan_start", OFTDateTime},
                                       {"access_at", OFTDateTime},
                                       {"power_at", OFTDateTime},
                                       {"comms_at", OFTDateTime},
                                       {"clinic_at", OFTDateTime},
                                       {"school_at", OFTDateTime},
                                       {"water_at", OFTDateTime},
                                       {"heat_at", OFTDateTime},
                                       {"gas_at", OFTDateTime},
                                       {"residential_released_at", OFTDateTime},
                                       {"ready_at", OFTDateTime},
                                       {"return_at", OFTDateTime},
                                       {"returned_all_at", OFTDateTime}};
    // A forecast's ranges beside the planned dates, so that QGIS can colour by return_p90.
    if (forecast != nullptr) {
      check_size(forecast->settlements.size(), s.settlements.size(), "forecast.settlements");
      for (const char* f :
           {"return_p10", "return_p50", "return_p90", "access_p10", "access_p50", "access_p90"})
        fields.push_back({f, OFTReal});
    }
    LayerWriter w(ds, "settlements", wkbPoint, fields, path, errors, d0);
    const std::size_t n = s.settlements.size();
    check_size(ev.residential_released.size(), n, "evaluation.residential_released");
    check_size(ev.settlement_ready.size(), n, "evaluation.settlement_ready");
    check_size(ev.return_first.size(), n, "evaluation.return_first");
    check_size(ev.return_all.size(), n, "evaluation.return_all");
    for (std::size_t i = 0; i < n; ++i) {
      const Settlement& st = s.settlements[i];
      auto f = w.feature();
      f->SetField("id", st.id.c_str());
      f->SetField("name", st.name.c_str());
      f->SetField("population", static_cast<GIntBig>(st.population));
      f->SetField("weight", st.weight);
      f->SetField("snap_distance_m", detail::round_to(st.snap_distance_m, 10));
      f->SetField("population_displaced", static_cast<GIntBig>(st.displaced));
      f->SetField("dwellings", static_cast<GIntBig>(st.dwellings));
      std::int64_t damaged = 0;
      for (std::int64_t c : st.damaged_dwellings) damaged += c;
      f->SetField("dwellings_damaged", static_cast<GIntBig>(damaged));
      f->SetField("heating", std::string(name(st.heating)).c_str());
      LayerWriter::set_day(*f, "access_day", ev.settlement_access[i]);
      LayerWriter::set_day(*f, "return_day", ev.return_first[i]);
      LayerWriter::set_day(*f, "returned_day_100", ev.return_all[i]);
      w.set_time(*f, "plan_start", kStart);
      w.set_time(*f, "access_at", ev.settlement_access[i]);
      for (Service sv : kRestorableServices) {
        const auto& restored = ev.service_restored[static_cast<std::size_t>(sv)];
        check_size(restored.size(), n, "evaluation.service_restored");
        w.set_time(*f, (std::string(name(sv)) + "_at").c_str(), restored[i]);
      }
      w.set_time(*f, "residential_released_at", ev.residential_released[i]);
      w.set_time(*f, "ready_at", ev.settlement_ready[i]);
      w.set_time(*f, "return_at", ev.return_first[i]);
      w.set_time(*f, "returned_all_at", ev.return_all[i]);
      if (forecast != nullptr) {
        gdal::set_quantiles(*f, "return", forecast->settlements[i].return_day);
        gdal::set_quantiles(*f, "access", forecast->settlements[i].access_day);
      }
      w.add(*f, point(st.pos));
    }
    w.finish();
  }
  {
    LayerWriter w(
        ds, "hubs", wkbPoint,
        {{"id", OFTString}, {"name", OFTString}, {"kind", OFTString}, {"snap_distance_m", OFTReal}},
        path, errors, d0);
    for (const Hub& h : s.hubs) {
      auto f = w.feature();
      f->SetField("id", h.id.c_str());
      f->SetField("name", h.name.c_str());
      f->SetField("kind", std::string(name(h.kind)).c_str());
      f->SetField("snap_distance_m", detail::round_to(h.snap_distance_m, 10));
      w.add(*f, point(h.pos));
    }
    w.finish();
  }
  {  // tasks: one point at the task's site, worked from start_at to end_at
    LayerWriter w(
        ds, "tasks", wkbPoint,
        {{"task", OFTInteger},      {"kind", OFTString},       {"hazard", OFTString},
         {"asset", OFTString},      {"settlement", OFTString}, {"terrain", OFTString},
         {"activity", OFTString},   {"step", OFTInteger},      {"dwellings", OFTInteger64},
         {"work", OFTReal},         {"unit", OFTString},       {"site_edge", OFTInteger},
         {"crew", OFTString},       {"trade", OFTString},      {"travel_min", OFTInteger64},
         {"start_day", OFTReal},    {"end_day", OFTReal},      {"depart_at", OFTDateTime},
         {"start_at", OFTDateTime}, {"end_at", OFTDateTime}},
        path, errors, d0);
    const auto by_task = detail::assignments_by_task(t, p);
    for (std::size_t i = 0; i < t.tasks.size(); ++i) {
      const Task& task = t.tasks[i];
      auto f = w.feature();
      f->SetField("task", static_cast<int>(i));
      f->SetField("kind", std::string(name(task.kind)).c_str());
      const std::string target = detail::task_target(s, task);
      if (task.kind == TaskKind::kRepair || task.kind == TaskKind::kHousing) {
        f->SetField(task.kind == TaskKind::kRepair ? "asset" : "settlement", target.c_str());
        f->SetField("activity", std::string(name(task.activity)).c_str());
        f->SetField("step", static_cast<int>(task.step));
        if (task.kind == TaskKind::kHousing)
          f->SetField("dwellings", static_cast<GIntBig>(task.dwellings));
      } else {
        f->SetField("hazard", target.c_str());
        f->SetField("terrain", std::string(name(task.terrain)).c_str());
      }
      f->SetField("work", detail::round_to(task.work, 100));
      f->SetField("unit", std::string(detail::work_unit(s, task)).c_str());
      if (task.site_edge.valid()) f->SetField("site_edge", static_cast<int>(task.site_edge.value));
      const Assignment* a = by_task[i];
      const bool has_crew = a && a->crew.valid() && a->crew.index() < s.crews.size();
      if (has_crew) {
        const Crew& c = s.crews[a->crew.index()];
        f->SetField("crew", c.id.c_str());
        f->SetField("trade", std::string(name(c.trade)).c_str());
      }
      if (a) {
        f->SetField("travel_min", static_cast<GIntBig>(a->travel_min));
        LayerWriter::set_day(*f, "start_day", a->start);
        LayerWriter::set_day(*f, "end_day", a->end);
      }
      w.set_time(*f, "depart_at", a ? a->depart : kNever);
      w.set_time(*f, "start_at", a ? a->start : kNever);
      w.set_time(*f, "end_at", a ? a->end : kNever);
      w.add(*f, point(task.site));
    }
    w.finish();
  }
  {  // crews: at their base, with their utilisation over the makespan
    LayerWriter w(ds, "crews", wkbPoint,
                  {{"id", OFTString},
                   {"trade", OFTString},
                   {"people", OFTInteger},
                   {"base", OFTString},
                   {"productivity_factor", OFTReal},
                   {"tasks", OFTInteger},
                   {"working_days", OFTReal},
                   {"travelling_days", OFTReal},
                   {"idle_days", OFTReal}},
                  path, errors, d0);
    std::unordered_map<std::string, LonLat> place;
    for (const Settlement& st : s.settlements) place.emplace(st.id, st.pos);
    for (const Hub& h : s.hubs) place.emplace(h.id, h.pos);
    for (std::size_t c = 0; c < s.crews.size(); ++c) {
      const Crew& crew = s.crews[c];
      auto f = w.feature();
      f->SetField("id", crew.id.c_str());
      f->SetField("trade", std::string(name(crew.trade)).c_str());
      f->SetField("people", crew.people);
      f->SetField("base", crew.base.c_str());
      f->SetField("productivity_factor", crew.productivity_factor);
      const CrewUse& u = ev.crew_use[c];
      f->SetField("tasks", static_cast<int>(u.tasks));
      f->SetField("working_days", detail::round_to(minutes_to_days(u.working), 1e3));
      f->SetField("travelling_days", detail::round_to(minutes_to_days(u.travelling), 1e3));
      f->SetField("idle_days", detail::round_to(minutes_to_days(u.idle), 1e3));
      auto it = place.find(crew.base);
      LonLat pos = it != place.end() ? it->second : LonLat{};
      if (it == place.end() && crew.base_node.valid())
        pos = s.roads.node_pos[crew.base_node.index()];
      w.add(*f, point(pos));
    }
    w.finish();
  }
  write_projects(ds, path, errors, s, t, p, ev);
  write_returns(ds, path, errors, s, t, ev);
}

}  // namespace

void write_plan_gpkg_file(const fs::path& path, const Scenario& s, const TaskSet& t, const Plan& p,
                          const Evaluation& ev, const Forecast* forecast) {
  gdal::ErrorCapture errors;
  GDALDatasetUniquePtr ds = gdal::create_gpkg(path, errors);
  try {
    write_layers(*ds, path, errors, s, t, p, ev, forecast);
    gdal::close_gpkg(ds, path, errors);
  } catch (...) {
    ds.reset();
    std::error_code ec;
    fs::remove(path, ec);
    throw;
  }
}

FileOutput plan_gpkg_output(const Scenario& s, const TaskSet& t, const Plan& p,
                            const Evaluation& ev, const Forecast* forecast) {
  return {std::string(kPlanGpkg), [&s, &t, &p, &ev, forecast](const fs::path& tmp) {
            write_plan_gpkg_file(tmp, s, t, p, ev, forecast);
          }};
}

}  // namespace gw::io

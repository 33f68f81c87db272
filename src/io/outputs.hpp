// Output writers of a plan (issue 2, §7): plan.json, schedule.csv, summary.json, three GeoJSON
// layers and a self-contained report.html. Each piece is a pure function of the plan and its
// evaluation; write_outputs() writes them all atomically into a directory.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evaluation.hpp"
#include "model/forecast.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::io {

struct OutputMeta {
  std::string rule;           // the rule that made the plan ("nearest", "impact", ...)
  std::string scenario_name;  // shown in the summary and the report
  double seconds = 0;         // wall-clock time the planner took
  // Set when the scenario's roads come from OpenStreetMap: the report then shows the ODbL credit.
  bool roads_from_osm = false;
  // When computed: the lower bound on people-days without access (plan::lower_bound; no valid plan
  // does better) and the best dispatch rule's people-days (plan::best_dispatch). summary.json and
  // the report then show them and the gap; otherwise these keys are null.
  std::optional<double> lower_bound_people_days{};
  std::optional<double> baseline_people_days{};
  // The same for the scenario's objective (params.objective): the baseline rule's value and a lower
  // bound (plan::objective_lower_bound), when computed and when a valid bound exists.
  std::optional<double> baseline_objective{};
  std::optional<double> lower_bound_objective{};
  // The plan's forecast when `groundwork forecast` made it (docs/uncertainty.md): report.html then
  // adds the ranges (fan charts of the return and access curves, the district by P90 dates, the
  // least certain dates). Not owned; it must outlive the writing.
  const Forecast* forecast = nullptr;
};

// The names of the files write_outputs() writes, in the order it writes them.
inline constexpr std::array<std::string_view, 7> kOutputFiles = {
    "plan.json",       "schedule.csv",        "summary.json", "roads.geojson",
    "hazards.geojson", "settlements.geojson", "report.html"};

// An output file that a function writes itself (plan.gpkg, through GDAL): write(tmp) creates the
// file at `tmp`, or throws gw::Error.
struct FileOutput {
  std::string name;
  std::function<void(const std::filesystem::path& tmp)> write;
};

// Writes each file of `files` to `<name>.tmp` in `dir` (created if missing), then renames them all
// once all were written: an error leaves no partial file (and no *.tmp).
void write_files_atomic(const std::filesystem::path& dir, const std::vector<FileOutput>& files);
// A FileOutput that writes `content`.
FileOutput text_output(std::string name, std::string content);

// Writes every output file of a plan into `dir` (created if missing), then the `more` files. Every
// file is first built in memory (or by its writer), written to `<name>.tmp` in `dir`, and all are
// renamed once all were written: an error leaves no partial file (and no *.tmp). Throws
// gw::Error(kIo) when a file cannot be written.
void write_outputs(const std::filesystem::path& dir, const Scenario& s, const TaskSet& t,
                   const Plan& p, const Evaluation& ev, const OutputMeta& meta,
                   const std::vector<FileOutput>& more = {});

// plan.json: the rule and, per task, its definition and assignment (times in minutes, days for
// humans). Everything gw::io::read_plan_json() needs to read the plan back.
nlohmann::json plan_json(const Scenario& s, const TaskSet& t, const Plan& p);

// summary.json: the measures of docs/model.md §7, crew utilisation and counts, and (when meta has
// them) lower_bound_people_days, gap_percent = 100 × (people-days − bound) / people-days (0 when
// people-days are 0) and baseline_people_days; `objective` holds the scenario's objective, its
// value, weights and components, and its baseline, bound and gap (null when not computed).
nlohmann::json summary_json(const Scenario& s, const TaskSet& t, const Plan& p,
                            const Evaluation& ev, const OutputMeta& meta);
// summary.json's `milestones`: per asset with a due date, its id, kind, due_date, planned_date
// (the date it is done; null if never), planned_day and lateness_days (null if never done).
nlohmann::json milestones_json(const Scenario& s, const Evaluation& ev);
// summary.json's `objective` object.
nlohmann::json objective_summary_json(const Scenario& s, const Evaluation& ev,
                                      const OutputMeta& meta);

// schedule.csv: one row per assignment, ordered by crew then start.
std::string schedule_csv(const Scenario& s, const TaskSet& t, const Plan& p);

// GeoJSON layers (RFC 7946, WGS 84 lon/lat, coordinates rounded to 7 decimals).
nlohmann::json roads_geojson(const Scenario& s, const Evaluation& ev);
nlohmann::json hazards_geojson(const Scenario& s, const Evaluation& ev);
nlohmann::json settlements_geojson(const Scenario& s, const Evaluation& ev);

// report.html: one self-contained page (inline CSS, SVG and JS; no network access).
std::string report_html(const Scenario& s, const TaskSet& t, const Plan& p, const Evaluation& ev,
                        const OutputMeta& meta);

// Helpers shared by the writers, exposed for tests and other front ends.
// Minutes since day 0 as days, rounded to 3 decimals; null for kNever.
nlohmann::json day_or_null(Minutes m);
// "YYYY-MM-DDTHH:MM" of minute `m` after 00:00 of `start_date` ("YYYY-MM-DD").
// Throws gw::Error(kInvalidInput) when start_date is not a valid ISO date.
std::string iso_datetime(const std::string& start_date, Minutes m);
// "YYYY-MM-DD" of the day containing minute `m`.
std::string iso_date(const std::string& start_date, Minutes m);
// The calendar date and time of minute `m` after 00:00 of `start_date`. Plan minutes are calendar
// minutes (durations already include the days off, docs/model.md §6), so this is plain calendar
// arithmetic. Throws gw::Error(kInvalidInput) when start_date is not a valid ISO date.
struct CivilTime {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  int hour = 0;
  int minute = 0;
};
CivilTime civil_time(const std::string& start_date, Minutes m);

}  // namespace gw::io

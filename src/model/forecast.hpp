// A forecast's results (docs/uncertainty.md) as plain data: what src/forecast computes and the
// writers in src/io print. Kept in the model so that the writers need not depend on the planner.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "model/types.hpp"

namespace gw {

// P10, P50 and P90 of a date or figure over the samples, in days (nearest rank); nullopt when
// the quantile lies beyond the horizon (or never happens) in that share of samples.
struct Quantiles {
  std::optional<double> p10, p50, p90;
};

struct SettlementForecast {
  Quantiles return_day;        // the first displaced people back (null for none displaced)
  Quantiles returned_all_day;  // every displaced person back
  Quantiles access_day;
  std::array<Quantiles, kServiceCount> service_day;  // by gw::Service (kNone unused)
};

struct MilestoneForecast {
  std::uint32_t asset = 0;
  double due_day = 0;
  Quantiles done_day;
  double on_time_probability = 0;  // share of samples in which it is done by its due date
};

// A curve of the plan over the samples (a fan chart): its value at each day of the grid
// (Forecast::curves.days) in the planned scenario's plan, and P10 / P50 / P90 over the samples at
// each day (nearest rank, as the dates). Values are shares from 0 to 1.
struct CurveBand {
  std::vector<double> planned, p10, p50, p90;
};

// The return and access curves at fixed days, for the fan charts of report.html and forecast.json.
struct ForecastCurves {
  std::vector<int> days;  // the grid: every kCurveStepDays days from 0, and the horizon
  // Share of the displaced people back home; empty when nobody is displaced.
  CurveBand returned;
  CurveBand access;  // share of the population with safe road access
};

// The grid's spacing: a week resolves the curves' shape at a fraction of the daily curve's cost
// per sample (a design choice, not a measured figure).
inline constexpr int kCurveStepDays = 7;

struct Sensitivity {
  std::string input;  // what varies, e.g. "hazard effort (area-weighted work factor)"
  // Spearman's rank correlation over the samples with the headline figure and the makespan.
  double rho_headline = 0;
  double rho_makespan = 0;
};

inline constexpr std::size_t kLeastCertainShown = 10;

struct Forecast {
  std::size_t samples = 0;
  // How the samples were executed: "redecide" (the dispatcher re-decides at every event) or
  // "fixed" (the planned plan's decisions kept).
  std::string mode = "redecide";
  std::uint64_t seed = 0;
  std::string headline;  // "people_days_displaced", or "people_days_without_access" with no one
                         // displaced
  Quantiles people_days_displaced, people_days_without_access, makespan_days;
  // The same figures of the plan made on the planned scenario (no truth drawn).
  double planned_people_days_displaced = 0, planned_people_days_without_access = 0,
         planned_makespan_days = 0;
  std::vector<SettlementForecast> settlements;  // per settlement
  std::vector<Quantiles> hazard_release_day;    // per hazard: all of it released
  std::vector<Quantiles> asset_done_day;        // per asset: its project done
  std::vector<Quantiles> asset_works_day;       // per asset: it and its supply chain work
  // Per edge closed on day 0 in the planned scenario's plan: the edge and when it opens.
  std::vector<EdgeId> edges;
  std::vector<Quantiles> edge_open_day;
  std::vector<MilestoneForecast> milestones;
  std::vector<Sensitivity> sensitivity;  // by falling |rho_headline|
  ForecastCurves curves;
  // The settlements (indices) whose headline date (return, or access when nobody is displaced)
  // has the widest P10–P90 range, widest first; at most kLeastCertainShown.
  std::vector<std::size_t> least_certain;
  std::size_t invalid_samples = 0;            // executed plans the validator rejected
  std::vector<std::string> first_violations;  // a few of their findings
  std::size_t unassigned_samples = 0;         // samples in which some task was never done
};

}  // namespace gw

// Private to the validator (validate.cpp and the validate_*.cpp files of its steps): the helpers
// and the Validator class, whose run() steps are defined one group to a file. validate.cpp lists
// the readings of docs/model.md they rely on. Not a public API; nothing here is shared with
// src/plan. The tests include it for the calendar functions.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/enums.hpp"
#include "validate/geometry.hpp"
#include "validate/road_index.hpp"
#include "validate/trip_search.hpp"
#include "validate/validate.hpp"

namespace gw::validate::detail {

using geom::Box;
using geom::Line;
using geom::Poly;
using geom::Projection;
using geom::Pt;

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

inline std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

template <typename... A>
std::string cat(const A&... a) {
  std::ostringstream os;
  (os << ... << a);
  return os.str();
}

class Sink {
 public:
  void add(std::string line) {
    if (lines_.size() < kMaxViolations) {
      lines_.push_back(std::move(line));
    } else {
      ++dropped_;
    }
  }
  // Another sink's findings after this one's, as if they had been added here.
  void absorb(Sink&& other) {
    for (auto& line : other.lines_) add(std::move(line));
    dropped_ += other.dropped_;
  }
  std::vector<std::string> finish() {
    if (dropped_ > 0) lines_.push_back(cat("... and ", dropped_, " more violations"));
    return std::move(lines_);
  }

 private:
  std::vector<std::string> lines_;
  std::size_t dropped_ = 0;
};

class Dsu {
 public:
  explicit Dsu(std::size_t n) : parent_(n), size_(n, 1) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // Returns {kept root, absorbed root}, or {r, r} when already joined.
  std::pair<std::uint32_t, std::uint32_t> unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return {a, a};
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    return {a, b};
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

inline bool is_demining(TaskKind k) {
  return k == TaskKind::kClearance || k == TaskKind::kMechanical || k == TaskKind::kFollowUp;
}
inline bool is_final(TaskKind k) { return k == TaskKind::kClearance || k == TaskKind::kFollowUp; }
inline bool cuts_road(AssetKind k) {
  return k == AssetKind::kRoadSection || k == AssetKind::kBridge;
}
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - static_cast<std::int64_t>((a % b != 0) && ((a < 0) != (b < 0)));
}

// ------------------------------------------------ calendar (validate_calendar.cpp)
// The validator's own date arithmetic (docs/model.md §6, §7): proleptic Gregorian dates counted
// in days since 1970-01-01.
struct Date {
  std::int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};
std::int64_t days_from_date(const Date& d);
Date date_from_days(std::int64_t days);
int days_in_month(std::int64_t year, int month);
// An ISO date "YYYY-MM-DD" that exists, as days since 1970-01-01; nullopt otherwise.
std::optional<std::int64_t> parse_iso_date(std::string_view text);
// Whether month-day (month, day) lies in the season from `from` to the day before `to`, across the
// new year when from > to; empty when from == to.
bool in_season(int month, int day, MonthDay from, MonthDay to);

// One hazard's relation to one nearby edge.
struct HazEdge {
  std::uint32_t edge = kNone;
  double dist = 0;  // metres from the polyline to the polygon
  double area = 0;  // corridor area in m² (< 0: could not be computed)
  bool required = false;
  bool blocked = false;
};

// A hazard's overlay on the roads, from its polygon, the roads and the corridor width alone:
// derived once and kept in the Workspace while those stay the same (`print`).
struct HazardGeometry {
  std::uint64_t print = 0;
  Projection proj;
  Poly poly;
  Box gbox{};                  // the polygon's box in the road index's projection
  std::vector<HazEdge> edges;  // within w/2 + 0.5 m, as derived (`blocked` false)
};

// What a Workspace keeps between validations (validate.hpp).
struct Shared {
  unsigned threads = 1;  // for the travel checks (Workspace)
  std::unique_ptr<RoadIndex> roads;
  std::unique_ptr<TripSearch> trips;    // over `roads`, remembering the trips of earlier plans
  std::vector<HazardGeometry> hazards;  // by hazard index, derived over `roads`
};

// The declared packages of one part (a corridor edge or the land) of one hazard.
struct Part {
  std::vector<std::uint32_t> tasks;
  std::size_t packages = 0;
  double mine = -1;  // my area of the part (< 0 unknown)
  double tolerance = 0;
  bool area_ok = true;
};

struct HazardInfo {
  Projection proj;
  Poly poly;
  bool valid_poly = false;
  bool cancelled = false;
  std::vector<HazEdge> edges;             // within w/2 + 0.5 m
  std::vector<std::uint32_t> surveys;     // declared survey tasks
  std::vector<std::uint32_t> work_tasks;  // declared clearance/mechanical/follow_up tasks
  std::map<std::uint32_t, Part> parts;    // by corridor edge; kNone = land
  // The nearest edge on day-0 safe ground and its distance (check_site_near_polygon), once known.
  std::optional<std::pair<std::uint32_t, double>> nearest_safe;
};

struct TaskInfo {
  bool ok = false;  // fields refer to existing things
  std::uint32_t hazard = kNone;
  std::uint32_t asset = kNone;
  std::uint32_t settlement = kNone;  // housing
  std::uint32_t corridor = kNone;
  std::uint32_t step = kNone;  // repair and housing: a step of its project that exists
  std::uint32_t site = kNone;  // the site edge used for the plan checks
  double work = 0;             // the work used for the duration check
  // Repair and housing: the activity used for the duration check (the step's, when it exists).
  ActivityKind activity = ActivityKind::kDebris;
};

// One step of a project (docs/model.md §3): a step of an asset's template, or one damage class of
// a settlement's housing, with the packages it must be split into.
struct StepInfo {
  ActivityKind activity = ActivityKind::kDebris;
  std::vector<std::uint32_t> after;  // repair: the steps of the same project it comes after
  int max_crews = 0;                 // repair: crews allowed on it at once (0: housing, no limit)
  bool opens = false;                // road sections and bridges: the edge waits for its packages
  double quantity = 0;               // repair: Q, the step's quantity
  double work = 0;                   // repair: each package's work, Q / n
  std::vector<std::uint32_t> dwellings;  // housing: each package's dwellings
  std::vector<std::uint32_t> task;       // per package: the declared task (kNone when missing)
  std::vector<std::uint32_t> declared;   // every declared task of the step (extra ones too)
  [[nodiscard]] bool first() const { return after.empty(); }
};

class Validator {
 public:
  Validator(const Scenario& sc, const std::vector<Task>& tasks, const Plan& plan, Shared& shared)
      : sc_(sc),
        rn_(sc.roads),
        P_(sc.params),
        tasks_(tasks),
        plan_(plan),
        net_(*shared.roads),
        trips_(*shared.trips),
        threads_(shared.threads),
        shared_hazards_(shared.hazards) {}

  Report run();

 private:
  // ------------------------------------------------ linking (validate_network.cpp)
  void link_points();
  bool node_ok(NodeId n) const { return n.valid() && n.index() < rn_.num_nodes(); }

  // ------------------------------------------------ tasks, hazards, parts (validate_hazards.cpp)
  std::string label(std::uint32_t t) const;
  void classify_tasks();
  static bool within(double declared, double mine, double tol) {
    return std::abs(declared - mine) <= tol;
  }
  static double part_tol(double area) { return 0.01 * area + 5; }
  Box global_box(const Polygon& poly) const {
    Box b;
    geom::bg::assign_inverse(b);
    for (const auto& p : poly.outer) geom::bg::expand(b, net_.global(p));
    return b;
  }
  void derive_hazards();
  // Hazard h's overlay (HazardGeometry), from the Workspace when its print matches.
  const HazardGeometry& hazard_geometry(std::uint32_t h);
  void check_hazard_tasks(std::uint32_t h);
  void check_part(std::uint32_t h, std::uint32_t edge, Part& part);
  // docs/model.md §1: surveys and land packages are worked from the edge nearest to the hazard
  // among the edges that touch the safe ground of day 0. The validator's safe ground treats every
  // edge within w/2 + 0.5 m of a hazard as blocked (a superset of what any planner may block), so
  // its nearest safe edge is never nearer than the planner's: the check cannot reject a right site.
  void compute_safe_ground();
  void check_site_near_polygon(std::uint32_t t, std::uint32_t h);
  void check_task_fields();

  // ------------------------------------------------ projects and housing (validate_projects.cpp)
  // docs/model.md §1: the settlement whose built-up area holds each residential hazard.
  void derive_built_up();
  void derive_assets();
  void derive_steps(std::uint32_t a);
  void match_repairs(std::uint32_t a);
  void derive_housing();
  // Nearest edge to a point (any edge); the reference points of a site with their nearest edges;
  // and a declared site checked against them with 1 m of slack (ties between edges are common):
  // a wrong site is reported and replaced by the nearest edge of the first point.
  struct SiteRef {
    LonLat point;
    std::uint32_t edge = kNone;
    double dist = 0;
  };
  std::pair<std::uint32_t, double> nearest_edge(LonLat p) const;
  std::vector<SiteRef> site_refs(const std::vector<LonLat>& points) const;
  void check_site_near_points(std::uint32_t t, const std::vector<SiteRef>& refs,
                              const std::string& what);
  std::string step_name(std::uint32_t a, std::uint32_t i) const;
  std::string housing_name(std::uint32_t s, std::uint32_t c) const;

  // ------------------------------------------------ calendar (validate_calendar.cpp)
  void read_calendar();
  [[nodiscard]] Date date_of(std::int64_t day) const { return date_from_days(day0_ + day); }
  [[nodiscard]] bool heating_season(std::int64_t day) const;
  // docs/model.md §6: the least end of a task of `nominal` minutes started at `start` by a crew of
  // `trade` (kNever when it cannot end).
  [[nodiscard]] Minutes earliest_end(Trade trade, Minutes start, double nominal) const;

  // ------------------------------------------------ precedence and timeline
  // (validate_timeline.cpp)
  void build_precedence();
  void assign();
  // The end of task t (kNever when unassigned, or when t is kNone: a package not declared).
  Minutes end_of(std::uint32_t t) const {
    return t == kNone || chosen_[t] == kNone ? kNever : plan_.assignments[chosen_[t]].end;
  }
  void compute_edge_open();
  // Daily rate of crew c on task t (docs/model.md §6); 0 when the trade does not fit.
  double daily_rate(std::uint32_t c, std::uint32_t t) const;
  // The work factor of the task's site (docs/model.md §6): its hazard's (not for surveys), its
  // asset's or its settlement's housing's.
  double work_factor(std::uint32_t t) const;
  void check_crews();
  // The rules of docs/model.md §5-6 for crew c's assignments `list` (sorted here by start).
  // What is wrong with `route` as a trip from src to dst over the edges open at `depart` within
  // `budget` seconds (docs/model.md §5); empty when nothing.
  std::string route_fault(const std::vector<EdgeId>& route, std::uint32_t src, std::uint32_t dst,
                          Minutes depart, Seconds budget) const;
  void check_crew(std::uint32_t c, std::vector<std::uint32_t>& list, const std::vector<char>& reach,
                  const std::vector<char>& prev_cut, TripSearch& trips, Sink& sink) const;
  void check_step_crews();
  void check_precedence();

  // ------------------------------------------------ measures and objective (validate_measures.cpp)
  Measures measures();
  void measure_access(Measures& m);
  void measure_services(Measures& m);
  void measure_land(Measures& m);
  // The scenario's objective, from the measures (docs/scenario.md, "Objective").
  double objective_of(const Measures& m) const;
  Minutes horizon() const { return static_cast<Minutes>(P_.horizon_days) * kMinutesPerDay; }
  double clip_days(Minutes t) const {
    return static_cast<double>(std::min(t, horizon())) / kMinutesPerDay;
  }

  // ------------------------------------------------ return and milestones (validate_return.cpp)
  Minutes hazard_released(std::uint32_t h) const;
  void measure_return(Measures& m);
  void measure_milestones(Measures& m);
  // The heating season's boundaries (minutes at which it begins or ends) before `until`.
  std::vector<Minutes> season_changes(Minutes until) const;

  const Scenario& sc_;
  const RoadNetwork& rn_;
  const Parameters& P_;
  const std::vector<Task>& tasks_;
  const Plan& plan_;
  Sink sink_;

  RoadIndex& net_;     // the validator's own road network, perhaps shared with earlier plans
  TripSearch& trips_;  // its searches, the same
  unsigned threads_;   // for the travel checks
  std::vector<HazardGeometry>& shared_hazards_;  // the same, for the hazards' overlays
  geom::bgi::rtree<std::pair<Box, std::uint32_t>, geom::bgi::rstar<16>> hazard_tree_;

  std::vector<std::uint32_t> settlement_node_, hub_node_, crew_base_;
  std::vector<char> safe_touch_;  // per edge: touches the safe ground of day 0
  std::unordered_map<std::string, std::uint32_t> settlement_by_id_;

  std::vector<TaskInfo> info_;
  std::vector<HazardInfo> hz_;
  std::vector<std::vector<std::uint32_t>> asset_tasks_;    // declared repair tasks per asset
  std::vector<std::vector<std::uint32_t>> housing_tasks_;  // declared housing tasks per settlement
  std::vector<std::vector<StepInfo>> asset_steps_;         // per asset: its project
  std::vector<std::vector<StepInfo>> housing_steps_;       // per settlement: one per damage class
  std::vector<std::uint32_t> asset_edge_;
  std::vector<std::vector<std::uint32_t>> asset_deps_;
  std::vector<std::vector<std::uint32_t>> asset_hazards_;
  std::vector<std::uint32_t> built_up_;                       // per hazard: its settlement or kNone
  std::vector<std::vector<std::uint32_t>> built_up_hazards_;  // per settlement
  geom::bgi::rtree<std::pair<Pt, std::uint32_t>, geom::bgi::rstar<16>> settlement_tree_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> edge_hazards_;
  std::vector<std::vector<std::uint32_t>> preds_;

  std::vector<std::uint32_t> chosen_;
  std::vector<char> asg_ok_;
  std::vector<Minutes> open_;
  std::vector<std::uint32_t> edges_by_open_;

  std::int64_t day0_ = 0;  // start_date, in days since 1970-01-01
  // season_percent, with 100 % for a trade whose every month is 0 (reported as a violation).
  std::array<std::array<std::uint8_t, kMonthCount>, kTradeCount> season_{};
};

}  // namespace gw::validate::detail

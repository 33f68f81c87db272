// The independent plan validator. Everything here is derived from docs/model.md and the scenario's
// raw fields; nothing is shared with src/plan.
//
// Readings of docs/model.md this file relies on (where the text leaves room):
// - Corridor band (§1): the Minkowski sum of the edge polyline and a disc of corridor_width_m / 2
//   (round ends and joins); this is the reading under which the "equivalently ... passes within
//   corridor_width_m / 2" clause of §1 holds.
// - Blocking (§1) is decided with the 0.5 m tolerance the text grants: an edge the polyline comes
//   within w/2 - 0.5 m of, with a corridor area over 6 m² (1 m² plus the 5 m² part tolerance),
//   must be blocked; one farther than w/2 + 0.5 m must not be; in between, the declared tasks
//   decide (for a cancelled hazard, which has no packages to tell, area >= 1 m² decides).
// - A bridge with no bridge edge within 200 m cuts the nearest edge of any kind (§1).
// - The "middle vertex" of a line with an even number of vertices may be either of the two middle
//   ones (§1); site edges of surveys, land packages and non-road repairs are accepted when they are
//   within 1 m of the nearest edge's distance (ties between edges are common).
// - Snapping (§1) uses road nodes, i.e. nodes with at least one incident edge.
// - Crew trade fit (§6) is the rate test only; Asset::trade is informational.
// - Land part tolerance: 1 % + 5 m² of the land part plus that of every corridor part it is
//   computed from, since the land part is A minus the corridor parts.
// - days_to_access_p (§7 names no definition): the earliest access time at which at least p % of
//   the population has access, in days, not clipped to the horizon; nullopt if never.
// - Objective components (docs/scenario.md, "Objective"): a cancelled hazard's area_m2 is
//   contaminated until its earliest assigned survey ends; each declared final task's work (checked
//   above against my own part areas, within the part tolerance) until that task ends. Unassigned
//   pieces count until the horizon.
// - Durations (§6) are compared with 1e-6 min of slack beyond the formula's own 1e-9, so that the
//   planner's and the validator's floating-point evaluation orders cannot disagree by one minute.
#include "validate/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
#include <queue>
#include <sstream>
#include <unordered_map>

#include "validate/geometry.hpp"

namespace gw::validate {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

bool nts_cancelled(std::uint64_t seed, std::string_view hazard_id, double cancel_share) {
  const std::uint64_t x = splitmix64(seed ^ fnv1a64(hazard_id));
  const double u = static_cast<double>(x >> 11) * 0x1.0p-53;
  return u < cancel_share;
}

namespace {

using geom::Box;
using geom::Line;
using geom::Poly;
using geom::Projection;
using geom::Pt;

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::string num(double v) {
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

bool is_demining(TaskKind k) {
  return k == TaskKind::kClearance || k == TaskKind::kMechanical || k == TaskKind::kFollowUp;
}
bool is_final(TaskKind k) { return k == TaskKind::kClearance || k == TaskKind::kFollowUp; }
bool cuts_road(AssetKind k) { return k == AssetKind::kRoadSection || k == AssetKind::kBridge; }

// One hazard's relation to one nearby edge.
struct HazEdge {
  std::uint32_t edge = kNone;
  double dist = 0;  // metres from the polyline to the polygon
  double area = 0;  // corridor area in m² (< 0: could not be computed)
  bool required = false;
  bool blocked = false;
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
};

struct TaskInfo {
  bool ok = false;  // fields refer to existing things
  std::uint32_t hazard = kNone;
  std::uint32_t asset = kNone;
  std::uint32_t corridor = kNone;
  std::uint32_t site = kNone;  // the site edge used for the plan checks
  double work = 0;             // the work used for the duration check
};

struct AStarEntry {
  double f;
  Seconds g;
  std::uint32_t node;
  bool operator>(const AStarEntry& o) const { return f > o.f; }
};

class Validator {
 public:
  Validator(const Scenario& sc, const std::vector<Task>& tasks, const Plan& plan)
      : sc_(sc), rn_(sc.roads), P_(sc.params), tasks_(tasks), plan_(plan) {}

  Report run() {
    build_network();
    link_points();
    classify_tasks();
    derive_hazards();
    derive_assets();
    check_task_fields();
    build_precedence();
    assign();
    compute_edge_open();
    check_crews();
    check_precedence();
    Report r;
    r.measures = measures();
    r.violations = sink_.finish();
    return r;
  }

 private:
  // ---------------------------------------------------------------- network and linking
  void build_network() {
    const std::size_t n = rn_.num_nodes();
    const std::size_t m = rn_.num_edges();
    double lo_lon = 180, hi_lon = -180, lo_lat = 90, hi_lat = -90;
    for (const auto& p : rn_.node_pos) {
      lo_lon = std::min(lo_lon, p.lon);
      hi_lon = std::max(hi_lon, p.lon);
      lo_lat = std::min(lo_lat, p.lat);
      hi_lat = std::max(hi_lat, p.lat);
    }
    if (n == 0) lo_lon = hi_lon = lo_lat = hi_lat = 0;
    global_ = Projection({(lo_lon + hi_lon) / 2, (lo_lat + hi_lat) / 2});
    node_xy_.resize(n);
    for (std::size_t i = 0; i < n; ++i) node_xy_[i] = global_(rn_.node_pos[i]);

    // Own adjacency (the file's is not trusted either), edge travel seconds and the A* bound.
    adj_off_.assign(n + 1, 0);
    edge_ok_.assign(m, false);
    for (std::size_t e = 0; e < m; ++e) {
      const auto a = rn_.edge_from[e].index();
      const auto b = rn_.edge_to[e].index();
      if (a >= n || b >= n) {
        sink_.add(cat("road network: edge ", e, " has an end node outside the network"));
        continue;
      }
      edge_ok_[e] = true;
      ++adj_off_[a + 1];
      if (a != b) ++adj_off_[b + 1];
    }
    for (std::size_t i = 0; i < n; ++i) adj_off_[i + 1] += adj_off_[i];
    adj_.assign(adj_off_[n], 0);
    std::vector<std::uint32_t> fill(adj_off_.begin(), adj_off_.end() - 1);
    edge_s_.assign(m, -1);
    double vmax = 0;
    double kappa = 1;
    for (std::size_t e = 0; e < m; ++e) {
      if (!edge_ok_[e]) continue;
      const auto a = rn_.edge_from[e].index();
      const auto b = rn_.edge_to[e].index();
      adj_[fill[a]++] = static_cast<std::uint32_t>(e);
      if (a != b) adj_[fill[b]++] = static_cast<std::uint32_t>(e);
      const double len = rn_.edge_length_m[e];
      const double v = rn_.edge_speed_kmh[e];
      if (!(v > 0) || !std::isfinite(len) || len < 0) continue;  // not passable
      edge_s_[e] = static_cast<Seconds>(std::ceil(len * 3.6 / v));
      vmax = std::max(vmax, v);
      const double chord =
          std::hypot(node_xy_[a].x() - node_xy_[b].x(), node_xy_[a].y() - node_xy_[b].y());
      if (chord > 0) kappa = std::min(kappa, len / chord);
    }
    // Admissible and consistent: a path is at least kappa times its projected chord long.
    h_coef_ = vmax > 0 ? kappa * (1 - 1e-9) * 3.6 / vmax : 0;

    std::vector<std::pair<Pt, std::uint32_t>> pts;
    for (std::size_t i = 0; i < n; ++i) {
      if (adj_off_[i + 1] > adj_off_[i])
        pts.emplace_back(node_xy_[i], static_cast<std::uint32_t>(i));
    }
    node_tree_ = decltype(node_tree_)(pts.begin(), pts.end());
    edge_index_ = std::make_unique<geom::EdgeIndex>(rn_, global_);
  }

  std::uint32_t snap(LonLat p) const {
    std::uint32_t best = kNone;
    double best_d = std::numeric_limits<double>::infinity();
    for (auto it = node_tree_.qbegin(geom::bgi::nearest(global_(p), 8)); it != node_tree_.qend();
         ++it) {
      const double d = geom::great_circle_m(p, rn_.node_pos[it->second]);
      if (d < best_d || (d == best_d && it->second < best)) {
        best_d = d;
        best = it->second;
      }
    }
    return best;
  }

  void link_points() {
    settlement_node_.resize(sc_.settlements.size());
    for (std::size_t i = 0; i < sc_.settlements.size(); ++i) {
      settlement_node_[i] = snap(sc_.settlements[i].pos);
      settlement_by_id_.emplace(sc_.settlements[i].id, static_cast<std::uint32_t>(i));
    }
    hub_node_.resize(sc_.hubs.size());
    std::unordered_map<std::string, std::uint32_t> hub_by_id;
    for (std::size_t i = 0; i < sc_.hubs.size(); ++i) {
      hub_node_[i] = snap(sc_.hubs[i].pos);
      hub_by_id.emplace(sc_.hubs[i].id, static_cast<std::uint32_t>(i));
    }
    crew_base_.assign(sc_.crews.size(), kNone);
    for (std::size_t c = 0; c < sc_.crews.size(); ++c) {
      const auto& base = sc_.crews[c].base;
      if (auto it = settlement_by_id_.find(base); it != settlement_by_id_.end()) {
        crew_base_[c] = settlement_node_[it->second];
      } else if (auto h = hub_by_id.find(base); h != hub_by_id.end()) {
        crew_base_[c] = hub_node_[h->second];
      } else {
        sink_.add(
            cat("crew ", sc_.crews[c].id, ": base '", base, "' is neither a settlement nor a hub"));
      }
    }
  }

  // ---------------------------------------------------------------- tasks
  std::string label(std::uint32_t t) const {
    const Task& k = tasks_[t];
    std::string s = cat("task ", t, " (", name(k.kind));
    const TaskInfo& i = info_[t];
    if (i.hazard != kNone) s += cat(" ", sc_.hazards[i.hazard].id);
    if (i.asset != kNone) s += cat(" ", sc_.assets[i.asset].id);
    if (is_demining(k.kind)) {
      if (i.corridor != kNone) s += cat(" edge ", i.corridor);
      s += cat(" pkg ", k.package);
    }
    return s + ")";
  }

  void classify_tasks() {
    info_.resize(tasks_.size());
    hz_.resize(sc_.hazards.size());
    asset_tasks_.resize(sc_.assets.size());
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      const Task& k = tasks_[t];
      TaskInfo& i = info_[t];
      if (static_cast<std::size_t>(k.kind) >= kTaskKindCount) {
        sink_.add(cat("task ", t, ": unknown kind ", static_cast<int>(k.kind)));
        continue;
      }
      if (k.kind == TaskKind::kRepair) {
        if (!k.asset.valid() || k.asset.index() >= sc_.assets.size()) {
          sink_.add(cat("task ", t, " (repair): asset ", k.asset.value, " does not exist"));
          continue;
        }
        i.asset = static_cast<std::uint32_t>(k.asset.index());
        asset_tasks_[i.asset].push_back(t);
      } else {
        if (!k.hazard.valid() || k.hazard.index() >= sc_.hazards.size()) {
          sink_.add(
              cat("task ", t, " (", name(k.kind), "): hazard ", k.hazard.value, " does not exist"));
          continue;
        }
        i.hazard = static_cast<std::uint32_t>(k.hazard.index());
        if (is_demining(k.kind) && k.corridor_edge.valid()) {
          if (k.corridor_edge.index() >= rn_.num_edges()) {
            sink_.add(cat("task ", t, " (", name(k.kind), " ", sc_.hazards[i.hazard].id,
                          "): corridor edge ", k.corridor_edge.value, " does not exist"));
            i.hazard = kNone;
            continue;
          }
          i.corridor = static_cast<std::uint32_t>(k.corridor_edge.index());
        }
        if (k.kind == TaskKind::kSurvey) {
          hz_[i.hazard].surveys.push_back(t);
        } else {
          hz_[i.hazard].work_tasks.push_back(t);
        }
      }
      i.ok = true;
      i.work = k.work;
      if (k.site_edge.valid() && k.site_edge.index() < rn_.num_edges()) {
        i.site = static_cast<std::uint32_t>(k.site_edge.index());
      } else {
        sink_.add(
            cat(label(t), ": site edge ", k.site_edge.value, " is not an edge of the network"));
      }
    }
  }

  static bool within(double declared, double mine, double tol) {
    return std::abs(declared - mine) <= tol;
  }
  static double part_tol(double area) { return 0.01 * area + 5; }

  Box global_box(const Polygon& poly) const {
    Box b;
    geom::bg::assign_inverse(b);
    for (const auto& p : poly.outer) geom::bg::expand(b, global_(p));
    return b;
  }

  void derive_hazards() {
    const double w2 = P_.corridor_width_m / 2;
    std::vector<std::uint32_t> cand;
    std::vector<std::pair<Box, std::uint32_t>> hazard_boxes;
    for (std::uint32_t h = 0; h < sc_.hazards.size(); ++h) {
      const Hazard& hazard = sc_.hazards[h];
      HazardInfo& hi = hz_[h];
      const bool suspected = hazard.status == HazardStatus::kSuspected;
      hi.cancelled = suspected && nts_cancelled(P_.seed, hazard.id, P_.nts_cancel_share);
      if (hazard.polygon.outer.size() < 3) {
        sink_.add(cat("hazard ", hazard.id, ": polygon has fewer than 3 points"));
        continue;
      }
      hi.proj = Projection(geom::centre(hazard.polygon.outer));
      hi.poly = geom::project(hazard.polygon, hi.proj);
      hi.valid_poly = true;
      const Box gbox = global_box(hazard.polygon);
      hazard_boxes.emplace_back(gbox, h);
      const double extent = std::max(gbox.max_corner().x() - gbox.min_corner().x(),
                                     gbox.max_corner().y() - gbox.min_corner().y());

      // Edges near the polygon, their distances and corridor areas.
      cand.clear();
      edge_index_->query(geom::grow(gbox, w2 + 0.5 + 2 + 0.01 * extent), cand);
      std::sort(cand.begin(), cand.end());
      for (auto e : cand) {
        const Line line = geom::project_edge(rn_, e, hi.proj);
        const double d = geom::distance(line, hi.poly);
        if (!(d <= w2 + 0.5)) continue;
        HazEdge he;
        he.edge = e;
        he.dist = d;
        he.area = d <= w2 ? geom::corridor_area(hi.poly, line, w2) : 0.0;
        he.required = d <= w2 - 0.5 && (he.area < 0 || he.area >= 6);
        hi.edges.push_back(he);
      }
      check_hazard_tasks(h);
    }
    hazard_tree_ = decltype(hazard_tree_)(hazard_boxes.begin(), hazard_boxes.end());
  }

  void check_hazard_tasks(std::uint32_t h) {
    const Hazard& hazard = sc_.hazards[h];
    HazardInfo& hi = hz_[h];
    const double A = hazard.area_m2;
    const bool suspected = hazard.status == HazardStatus::kSuspected;

    // Surveys.
    if (!suspected && !hi.surveys.empty()) {
      sink_.add(cat("hazard ", hazard.id, " is confirmed but has a survey task (",
                    label(hi.surveys[0]), ")"));
    } else if (suspected && hi.surveys.empty()) {
      sink_.add(cat("hazard ", hazard.id, ": missing survey task"));
    } else if (hi.surveys.size() > 1) {
      sink_.add(cat("hazard ", hazard.id, ": ", hi.surveys.size(), " survey tasks (",
                    label(hi.surveys[0]), ", ", label(hi.surveys[1]), ")"));
    }
    for (auto t : hi.surveys) {
      if (!within(tasks_[t].work, A, part_tol(A))) {
        sink_.add(
            cat(label(t), ": work ", num(tasks_[t].work), " m², hazard area is ", num(A), " m²"));
        info_[t].work = A;
      }
    }

    // Group the declared packages by part.
    for (auto t : hi.work_tasks) hi.parts[info_[t].corridor].tasks.push_back(t);

    auto find_edge = [&](std::uint32_t e) -> HazEdge* {
      for (auto& he : hi.edges) {
        if (he.edge == e) return &he;
      }
      return nullptr;
    };

    if (hi.cancelled) {
      if (!hi.work_tasks.empty()) {
        sink_.add(cat("hazard ", hazard.id, " is cancelled by non-technical survey but has ",
                      hi.work_tasks.size(), " clearance tasks (", label(hi.work_tasks[0]), ")"));
      }
      for (auto& he : hi.edges)
        he.blocked = he.dist <= P_.corridor_width_m / 2 && (he.area < 0 || he.area >= 1);
      return;
    }

    // Which edges it blocks: the declared corridor parts (checked below) and the required ones.
    for (auto& [e, part] : hi.parts) {
      if (e == kNone) continue;
      if (HazEdge* he = find_edge(e)) {
        he->blocked = true;
      } else {
        const double d = geom::distance(geom::project_edge(rn_, e, hi.proj), hi.poly);
        sink_.add(cat("hazard ", hazard.id, ": corridor packages on edge ", e,
                      ", which it does not block (", num(d), " m away)"));
        part.mine = 0;
        part.area_ok = false;
      }
    }
    double corridor_sum = 0;
    double corridor_tol = 0;
    bool land_known = true;
    for (auto& he : hi.edges) {
      if (he.required && !hi.parts.count(he.edge)) {
        sink_.add(cat("hazard ", hazard.id, " blocks edge ", he.edge, " (corridor ",
                      he.area < 0 ? std::string("?") : num(he.area),
                      " m²) but has no corridor packages on it"));
        he.blocked = true;
      }
      if (!he.blocked) continue;
      if (he.area < 0) {
        land_known = false;
      } else {
        corridor_sum += he.area;
        corridor_tol += part_tol(he.area);
      }
      if (auto it = hi.parts.find(he.edge); it != hi.parts.end()) {
        it->second.mine = he.area;
        it->second.tolerance = part_tol(std::max(0.0, he.area));
      }
    }
    const double land = std::max(0.0, A - corridor_sum);
    if (auto it = hi.parts.find(kNone); it != hi.parts.end()) {
      it->second.mine = land_known ? land : -1;
      it->second.tolerance = part_tol(land) + corridor_tol;
    } else if (land_known && land > part_tol(land) + corridor_tol) {
      sink_.add(
          cat("hazard ", hazard.id, ": no land packages for its land part of ", num(land), " m²"));
    }
    for (auto& [e, part] : hi.parts) check_part(h, e, part);
  }

  void check_part(std::uint32_t h, std::uint32_t edge, Part& part) {
    const Hazard& hazard = sc_.hazards[h];
    const bool mech = P_.mechanical_terrain[static_cast<std::size_t>(hazard.terrain)];
    const std::string where = edge == kNone ? cat("hazard ", hazard.id, " land")
                                            : cat("hazard ", hazard.id, " edge ", edge);
    struct Pkg {
      std::vector<std::uint32_t> primary, follow;
    };
    std::map<std::uint32_t, Pkg> pkgs;
    for (auto t : part.tasks) {
      const Task& k = tasks_[t];
      if (k.kind == TaskKind::kClearance && mech) {
        sink_.add(cat(label(t), ": terrain ", name(hazard.terrain),
                      " is cleared by mechanical + follow_up, not clearance"));
      } else if (k.kind != TaskKind::kClearance && !mech) {
        sink_.add(cat(label(t), ": terrain ", name(hazard.terrain),
                      " is not mechanical: expected clearance"));
      }
      if (k.kind == TaskKind::kFollowUp) {
        pkgs[k.package].follow.push_back(t);
      } else {
        pkgs[k.package].primary.push_back(t);
      }
    }
    const std::size_t n = pkgs.size();
    part.packages = n;
    if (n == 0) return;
    if (pkgs.rbegin()->first != n - 1) {
      sink_.add(cat(where, ": package indices are not 0..", n - 1));
    }
    double total = 0;
    for (auto& [idx, p] : pkgs) {
      if (p.primary.size() != 1) {
        sink_.add(cat(where, " pkg ", idx, ": ", p.primary.size(), " ",
                      mech ? "mechanical" : "clearance", " tasks, expected 1"));
      }
      if (mech && p.follow.size() != 1) {
        sink_.add(cat(where, " pkg ", idx, ": ", p.follow.size(), " follow_up tasks, expected 1"));
      }
      const std::uint32_t first = !p.primary.empty() ? p.primary[0] : p.follow[0];
      total += tasks_[first].work;
      if (!p.primary.empty() && !p.follow.empty() &&
          !within(tasks_[p.follow[0]].work, tasks_[p.primary[0]].work,
                  1e-6 * tasks_[p.primary[0]].work + 1e-6)) {
        sink_.add(cat(label(p.follow[0]), ": work ", num(tasks_[p.follow[0]].work),
                      " m² differs from its mechanical task's ", num(tasks_[p.primary[0]].work),
                      " m²"));
      }
    }
    const double wp = P_.work_package_m2;
    const double dn = static_cast<double>(n);
    if (!((dn - 1) * wp < total + 1e-6 && total <= dn * wp + 1e-6)) {
      sink_.add(cat(where, ": ", n, " packages for ", num(total), " m², expected ",
                    std::ceil(total / wp - 1e-9), " (ceil of area / work_package_m2)"));
    }
    for (auto t : part.tasks) {
      if (!within(tasks_[t].work, total / dn, 1e-6 * total / dn + 1e-3)) {
        sink_.add(cat(label(t), ": work ", num(tasks_[t].work), " m², packages of its part are ",
                      num(total / dn), " m² each"));
        break;
      }
    }
    if (part.mine >= 0 && part.area_ok && !within(total, part.mine, part.tolerance)) {
      sink_.add(
          cat(where, ": packages total ", num(total), " m², the part is ", num(part.mine), " m²"));
      for (auto t : part.tasks) info_[t].work = part.mine / dn;
    }
  }

  // docs/model.md §1: surveys and land packages are worked from the edge nearest to the hazard
  // among the edges that touch the safe ground of day 0. The validator's safe ground treats every
  // edge within w/2 + 0.5 m of a hazard as blocked (a superset of what any planner may block), so
  // its nearest safe edge is never nearer than the planner's: the check cannot reject a right site.
  void compute_safe_ground() {
    const double w2 = P_.corridor_width_m / 2;
    std::vector<char> blocked(rn_.num_edges(), 0);
    for (const auto& hi : hz_) {
      for (const auto& he : hi.edges) {
        if (he.dist <= w2 + 0.5) blocked[he.edge] = 1;
      }
    }
    for (auto e : asset_edge_) {
      if (e != kNone) blocked[e] = 1;
    }
    Dsu dsu(rn_.num_nodes());
    for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
      if (!blocked[e]) dsu.unite(rn_.edge_from[e].value, rn_.edge_to[e].value);
    }
    std::vector<char> hub_root(rn_.num_nodes(), 0);
    for (auto n : hub_node_) {
      if (n != kNone) hub_root[dsu.find(n)] = 1;
    }
    safe_touch_.assign(rn_.num_edges(), 0);
    bool any = false;
    for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
      safe_touch_[e] = static_cast<char>(hub_root[dsu.find(rn_.edge_from[e].value)] ||
                                         hub_root[dsu.find(rn_.edge_to[e].value)]);
      any = any || safe_touch_[e];
    }
    if (!any) safe_touch_.assign(rn_.num_edges(), 1);  // no safe ground at all: the nearest edge
  }

  void check_site_near_polygon(std::uint32_t t, std::uint32_t h) {
    TaskInfo& i = info_[t];
    const HazardInfo& hi = hz_[h];
    if (!hi.valid_poly) return;
    if (safe_touch_.empty()) compute_safe_ground();
    double d = std::numeric_limits<double>::infinity();
    if (i.site != kNone) d = geom::distance(geom::project_edge(rn_, i.site, hi.proj), hi.poly);
    const auto best = edge_index_->nearest(
        global_box(sc_.hazards[h].polygon),
        [&](std::uint32_t e) {
          return geom::distance(geom::project_edge(rn_, e, hi.proj), hi.poly);
        },
        [&](std::uint32_t e) { return safe_touch_[e] != 0; },
        std::numeric_limits<double>::infinity());
    if (d <= best.second + 1.0) return;
    if (i.site != kNone) {
      sink_.add(cat(label(t), ": site edge ", i.site, " is ", num(d), " m from the hazard; edge ",
                    best.first, " is the nearest edge on day-0 safe ground, at ", num(best.second),
                    " m"));
    }
    i.site = best.first;
  }

  void derive_assets() {
    const double w2 = P_.corridor_width_m / 2;
    asset_edge_.assign(sc_.assets.size(), kNone);
    std::unordered_map<std::string, std::uint32_t> asset_by_id;
    for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) asset_by_id.emplace(sc_.assets[a].id, a);
    asset_dep_.assign(sc_.assets.size(), kNone);
    asset_hazards_.resize(sc_.assets.size());

    // Edge -> hazards blocking it (from derive_hazards).
    for (std::uint32_t h = 0; h < hz_.size(); ++h) {
      for (const auto& he : hz_[h].edges) {
        if (he.blocked) edge_hazards_[he.edge].push_back(h);
      }
    }

    for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
      const Asset& asset = sc_.assets[a];
      if (asset.depends_on) {
        if (auto it = asset_by_id.find(*asset.depends_on); it != asset_by_id.end()) {
          asset_dep_[a] = it->second;
        } else {
          sink_.add(
              cat("asset ", asset.id, ": depends_on '", *asset.depends_on, "' is not an asset"));
        }
      }
      const auto& ts = asset_tasks_[a];
      if (ts.empty()) {
        sink_.add(cat("asset ", asset.id, ": missing repair task"));
      } else if (ts.size() > 1) {
        sink_.add(cat("asset ", asset.id, ": ", ts.size(), " repair tasks (", label(ts[0]), ", ",
                      label(ts[1]), ")"));
      }
      for (auto t : ts) {
        if (!within(tasks_[t].work, asset.quantity, 1e-6 * std::abs(asset.quantity) + 1e-6)) {
          sink_.add(cat(label(t), ": work ", num(tasks_[t].work), ", asset quantity is ",
                        num(asset.quantity)));
          info_[t].work = asset.quantity;
        }
      }
      if (asset.geometry.empty()) {
        sink_.add(cat("asset ", asset.id, ": no geometry"));
        continue;
      }
      if (cuts_road(asset.kind)) {
        const LonLat p = asset.geometry[0];
        const Projection proj(p);
        const Pt q = proj(p);
        Box b(global_(p), global_(p));
        auto dist = [&](std::uint32_t e) {
          return geom::distance(q, geom::project_edge(rn_, e, proj));
        };
        std::pair<std::uint32_t, double> best{kNone, 0};
        if (asset.kind == AssetKind::kBridge) {
          best = edge_index_->nearest(
              b, dist, [&](std::uint32_t e) { return rn_.edge_bridge[e] != 0; }, 200.0);
        }
        if (best.first == kNone) {
          best = edge_index_->nearest(
              b, dist, [](std::uint32_t) { return true; }, std::numeric_limits<double>::infinity());
        }
        asset_edge_[a] = best.first;
        if (best.first == kNone) continue;
        for (auto t : ts) {
          if (info_[t].site != best.first) {
            sink_.add(cat(label(t), ": site edge ",
                          info_[t].site == kNone ? std::string("none") : cat(info_[t].site),
                          ", the asset cuts edge ", best.first));
            info_[t].site = best.first;
          }
        }
        if (auto it = edge_hazards_.find(best.first); it != edge_hazards_.end())
          asset_hazards_[a] = it->second;
      } else {
        // Site: nearest edge to the point, or to the line's middle vertex (either middle one when
        // the line has an even number of vertices).
        std::vector<LonLat> refs{asset.geometry[asset.geometry.size() / 2]};
        if (asset.geometry.size() % 2 == 0)
          refs.push_back(asset.geometry[asset.geometry.size() / 2 - 1]);
        std::uint32_t fallback = kNone;
        for (auto t : ts) {
          bool ok = false;
          for (const auto& r : refs) {
            const Projection proj(r);
            const Pt q = proj(r);
            auto dist = [&](std::uint32_t e) {
              return geom::distance(q, geom::project_edge(rn_, e, proj));
            };
            const auto best = edge_index_->nearest(
                Box(global_(r), global_(r)), dist, [](std::uint32_t) { return true; },
                std::numeric_limits<double>::infinity());
            if (fallback == kNone) fallback = best.first;
            if (info_[t].site != kNone && dist(info_[t].site) <= best.second + 1.0) ok = true;
          }
          if (!ok) {
            if (info_[t].site != kNone) {
              sink_.add(cat(label(t), ": site edge ", info_[t].site,
                            " is not the edge nearest to the asset (edge ", fallback, ")"));
            }
            info_[t].site = fallback;
          }
        }
        // Hazards on the asset: its geometry within w/2 of the polygon (0.5 m tolerance).
        Box gb;
        geom::bg::assign_inverse(gb);
        for (const auto& p : asset.geometry) geom::bg::expand(gb, global_(p));
        for (auto it = hazard_tree_.qbegin(geom::bgi::intersects(
                 geom::grow(gb, w2 + 3 + 0.01 * (gb.max_corner().x() - gb.min_corner().x()))));
             it != hazard_tree_.qend(); ++it) {
          const std::uint32_t h = it->second;
          const Line line = geom::project(asset.geometry, hz_[h].proj);
          if (geom::distance(line, hz_[h].poly) <= w2 - 0.5) asset_hazards_[a].push_back(h);
        }
        std::sort(asset_hazards_[a].begin(), asset_hazards_[a].end());
      }
    }
  }

  void check_task_fields() {
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      const TaskInfo& i = info_[t];
      if (!i.ok) continue;
      const Task& k = tasks_[t];
      if (i.hazard != kNone) {
        const Hazard& hazard = sc_.hazards[i.hazard];
        if (k.terrain != hazard.terrain) {
          sink_.add(cat(label(t), ": terrain ", name(k.terrain), ", the hazard's is ",
                        name(hazard.terrain)));
        }
        if (k.kind == TaskKind::kSurvey) {
          check_site_near_polygon(t, i.hazard);
        } else if (is_demining(k.kind)) {
          if (i.corridor != kNone) {
            if (i.site != i.corridor) {
              sink_.add(cat(label(t), ": site edge ",
                            i.site == kNone ? std::string("none") : cat(i.site),
                            ", a corridor package is worked from its corridor edge ", i.corridor));
            }
            info_[t].site = i.corridor;
          } else {
            check_site_near_polygon(t, i.hazard);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- precedence
  void build_precedence() {
    preds_.resize(tasks_.size());
    for (std::uint32_t h = 0; h < hz_.size(); ++h) {
      const HazardInfo& hi = hz_[h];
      std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> mech;
      for (auto t : hi.work_tasks) {
        if (tasks_[t].kind == TaskKind::kMechanical)
          mech[{info_[t].corridor, tasks_[t].package}].push_back(t);
      }
      for (auto t : hi.work_tasks) {
        const TaskKind k = tasks_[t].kind;
        if (k == TaskKind::kClearance || k == TaskKind::kMechanical) {
          preds_[t].insert(preds_[t].end(), hi.surveys.begin(), hi.surveys.end());
        } else if (k == TaskKind::kFollowUp) {
          if (auto it = mech.find({info_[t].corridor, tasks_[t].package}); it != mech.end()) {
            preds_[t].insert(preds_[t].end(), it->second.begin(), it->second.end());
          }
        }
      }
    }
    for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
      const bool road = cuts_road(sc_.assets[a].kind);
      for (auto t : asset_tasks_[a]) {
        for (auto h : asset_hazards_[a]) {
          preds_[t].insert(preds_[t].end(), hz_[h].surveys.begin(), hz_[h].surveys.end());
          for (auto w : hz_[h].work_tasks) {
            if (!is_final(tasks_[w].kind)) continue;
            if (road && info_[w].corridor != asset_edge_[a]) continue;
            preds_[t].push_back(w);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- the plan
  void assign() {
    chosen_.assign(tasks_.size(), kNone);
    asg_ok_.assign(plan_.assignments.size(), false);
    for (std::uint32_t i = 0; i < plan_.assignments.size(); ++i) {
      const Assignment& a = plan_.assignments[i];
      if (!a.task.valid() || a.task.index() >= tasks_.size()) {
        sink_.add(cat("assignment ", i, ": task ", a.task.value, " does not exist"));
        continue;
      }
      const auto t = static_cast<std::uint32_t>(a.task.index());
      if (!a.crew.valid() || a.crew.index() >= sc_.crews.size()) {
        sink_.add(cat(label(t), ": assigned to crew ", a.crew.value, ", which does not exist"));
      } else {
        asg_ok_[i] = info_[t].ok;
      }
      if (chosen_[t] == kNone) {
        chosen_[t] = i;
      } else {
        sink_.add(
            cat(label(t), ": assigned more than once (assignments ", chosen_[t], " and ", i, ")"));
      }
    }
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      if (chosen_[t] == kNone) sink_.add(cat(label(t), ": not assigned"));
    }
  }

  Minutes end_of(std::uint32_t t) const {
    return chosen_[t] == kNone ? kNever : plan_.assignments[chosen_[t]].end;
  }

  void compute_edge_open() {
    open_.assign(rn_.num_edges(), 0);
    auto block = [&](std::uint32_t e, Minutes m) { open_[e] = std::max(open_[e], m); };
    for (const auto& [e, hs] : edge_hazards_) {
      for (auto h : hs) {
        if (sc_.hazards[h].status != HazardStatus::kSuspected) continue;
        if (hz_[h].surveys.empty()) block(e, kNever);
        for (auto s : hz_[h].surveys) block(e, end_of(s));
      }
    }
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      if (info_[t].ok && info_[t].corridor != kNone && is_final(tasks_[t].kind))
        block(info_[t].corridor, end_of(t));
    }
    for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
      if (asset_edge_[a] == kNone) continue;
      if (asset_tasks_[a].empty()) block(asset_edge_[a], kNever);
      for (auto t : asset_tasks_[a]) block(asset_edge_[a], end_of(t));
    }
    edges_by_open_.clear();
    for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
      if (edge_ok_[e] && open_[e] != kNever) edges_by_open_.push_back(e);
    }
    std::stable_sort(edges_by_open_.begin(), edges_by_open_.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return open_[x] < open_[y]; });
  }

  bool node_ok(NodeId n) const { return n.valid() && n.index() < rn_.num_nodes(); }

  // ALT landmarks: travel seconds from a few far-apart nodes over all passable edges. Closing edges
  // only lengthens paths, so |d(L, t) - d(L, v)| stays an admissible, consistent lower bound at any
  // time of the plan.
  void build_landmarks() {
    const std::size_t n = rn_.num_nodes();
    if (n == 0 || lm_count_ > 0) return;
    std::vector<Seconds> nearest_lm(n, kInf);
    std::uint32_t next = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (adj_off_[i + 1] > adj_off_[i]) {
        next = i;
        break;
      }
    }
    // Farthest-point selection (the first one replaced by the node farthest from the start).
    std::vector<Seconds> d;
    full_dijkstra(next, d);
    next = farthest(d);
    lm_.assign(n * kLandmarks, kLmUnreached);
    for (std::size_t k = 0; k < kLandmarks; ++k) {
      full_dijkstra(next, d);
      // Node-major, 32-bit: a node's distances to every landmark share one cache line, where a
      // table per landmark cost the heuristic a miss per landmark on a country network.
      for (std::size_t v = 0; v < n; ++v) {
        if (d[v] < kLmUnreached) lm_[v * kLandmarks + k] = static_cast<std::int32_t>(d[v]);
      }
      ++lm_count_;
      for (std::size_t v = 0; v < n; ++v) nearest_lm[v] = std::min(nearest_lm[v], d[v]);
      next = farthest(nearest_lm);
      if (nearest_lm[next] == 0 || nearest_lm[next] == kInf) break;
    }
  }
  static constexpr Seconds kInf = std::numeric_limits<Seconds>::max() / 4;
  static std::uint32_t farthest(const std::vector<Seconds>& d) {
    std::uint32_t best = 0;
    for (std::uint32_t v = 0; v < d.size(); ++v) {
      if (d[v] != kInf && (d[best] == kInf || d[v] > d[best])) best = v;
    }
    return best;
  }
  void full_dijkstra(std::uint32_t src, std::vector<Seconds>& d) const {
    d.assign(rn_.num_nodes(), kInf);
    using Item = std::pair<Seconds, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    d[src] = 0;
    heap.push({0, src});
    while (!heap.empty()) {
      const auto [du, u] = heap.top();
      heap.pop();
      if (du != d[u]) continue;
      for (std::uint32_t k = adj_off_[u]; k < adj_off_[u + 1]; ++k) {
        const std::uint32_t e = adj_[k];
        if (edge_s_[e] < 0) continue;
        const auto v = static_cast<std::uint32_t>(
            rn_.edge_from[e].index() == u ? rn_.edge_to[e].index() : rn_.edge_from[e].index());
        if (du + edge_s_[e] < d[v]) {
          d[v] = du + edge_s_[e];
          heap.push({d[v], v});
        }
      }
    }
  }

  // Least travel seconds from src to dst over edges open at `depart`; stops early and returns
  // limit + 1 once the answer is known to exceed `limit`; -1 when dst cannot be reached.
  Seconds shortest(std::uint32_t src, std::uint32_t dst, Minutes depart, Seconds limit) {
    if (src == dst) return 0;
    if (g_.size() != rn_.num_nodes()) {
      g_.assign(rn_.num_nodes(), 0);
      stamp_.assign(rn_.num_nodes(), 0);
    }
    if (++cur_stamp_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      cur_stamp_ = 1;
    }
    const Pt target = node_xy_[dst];
    const std::int32_t* lm_dst = lm_.data() + static_cast<std::size_t>(dst) * kLandmarks;
    auto h = [&](std::uint32_t v) {
      double best =
          h_coef_ * std::hypot(node_xy_[v].x() - target.x(), node_xy_[v].y() - target.y());
      const std::int32_t* lm_v = lm_.data() + static_cast<std::size_t>(v) * kLandmarks;
      for (std::size_t k = 0; k < lm_count_; ++k) {
        const Seconds a = lm_v[k];
        const Seconds b = lm_dst[k];
        if (a == kLmUnreached || b == kLmUnreached) continue;
        best = std::max(best, static_cast<double>(a > b ? a - b : b - a));
      }
      return best;
    };
    std::priority_queue<AStarEntry, std::vector<AStarEntry>, std::greater<>> heap;
    g_[src] = 0;
    stamp_[src] = cur_stamp_;
    heap.push({h(src), 0, src});
    const double bound = static_cast<double>(limit) + 1e-6;
    while (!heap.empty()) {
      const AStarEntry top = heap.top();
      heap.pop();
      if (top.g != g_[top.node]) continue;
      if (top.f > bound) return limit + 1;
      if (top.node == dst) return top.g;
      for (std::uint32_t k = adj_off_[top.node]; k < adj_off_[top.node + 1]; ++k) {
        const std::uint32_t e = adj_[k];
        if (edge_s_[e] < 0 || open_[e] > depart) continue;
        const std::uint32_t v = static_cast<std::uint32_t>(rn_.edge_from[e].index() == top.node
                                                               ? rn_.edge_to[e].index()
                                                               : rn_.edge_from[e].index());
        const Seconds ng = top.g + edge_s_[e];
        if (stamp_[v] != cur_stamp_ || ng < g_[v]) {
          stamp_[v] = cur_stamp_;
          g_[v] = ng;
          heap.push({static_cast<double>(ng) + h(v), ng, v});
        }
      }
    }
    return -1;
  }

  // Daily rate of crew c on task t (docs/model.md §6); 0 when the trade does not fit.
  double daily_rate(std::uint32_t c, std::uint32_t t) const {
    const Crew& crew = sc_.crews[c];
    const auto trade = static_cast<std::size_t>(crew.trade);
    if (trade >= kTradeCount) return 0;
    const Task& k = tasks_[t];
    const double people = static_cast<double>(crew.people);
    if (k.kind == TaskKind::kRepair) {
      const auto kind = static_cast<std::size_t>(sc_.assets[info_[t].asset].kind);
      return people * P_.repair_rate[trade][kind] * crew.productivity_factor;
    }
    const auto terrain = static_cast<std::size_t>(sc_.hazards[info_[t].hazard].terrain);
    return people * P_.rate[trade][static_cast<std::size_t>(k.kind)] *
           P_.terrain_factor[trade][terrain] * crew.productivity_factor;
  }

  void check_crews() {
    const std::size_t na = plan_.assignments.size();
    // Connectivity to the base: departures in time order against a growing union-find.
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < na; ++i) {
      if (asg_ok_[i]) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return plan_.assignments[x].depart < plan_.assignments[y].depart;
    });
    std::vector<char> reach(na, 1);
    if (na > 0) build_landmarks();
    {
      Dsu dsu(rn_.num_nodes());
      std::size_t next = 0;
      for (auto i : order) {
        const Assignment& a = plan_.assignments[i];
        while (next < edges_by_open_.size() && open_[edges_by_open_[next]] <= a.depart) {
          const auto e = edges_by_open_[next++];
          dsu.unite(static_cast<std::uint32_t>(rn_.edge_from[e].index()),
                    static_cast<std::uint32_t>(rn_.edge_to[e].index()));
        }
        const auto base = crew_base_[a.crew.index()];
        if (base == kNone || !node_ok(a.entry_node)) continue;
        if (dsu.find(base) != dsu.find(static_cast<std::uint32_t>(a.entry_node.index())))
          reach[i] = 0;
      }
    }

    std::vector<std::vector<std::uint32_t>> by_crew(sc_.crews.size());
    for (std::uint32_t i = 0; i < na; ++i) {
      if (asg_ok_[i]) by_crew[plan_.assignments[i].crew.index()].push_back(i);
    }
    for (std::uint32_t c = 0; c < sc_.crews.size(); ++c) {
      auto& list = by_crew[c];
      std::stable_sort(list.begin(), list.end(), [&](std::uint32_t x, std::uint32_t y) {
        const auto& a = plan_.assignments[x];
        const auto& b = plan_.assignments[y];
        return a.start != b.start ? a.start < b.start : a.end < b.end;
      });
      const std::string& cid = sc_.crews[c].id;
      Minutes prev_end = 0;
      Minutes max_end = 0;
      std::uint32_t prev_task = kNone;
      std::uint32_t max_task = kNone;
      std::uint32_t prev_node = crew_base_[c];
      for (auto i : list) {
        const Assignment& a = plan_.assignments[i];
        const auto t = static_cast<std::uint32_t>(a.task.index());
        const std::string who = cat(label(t), ", crew ", cid);
        if (max_task != kNone && a.start < max_end) {
          sink_.add(cat("crew ", cid, ": assignments of tasks ", max_task, " and ", t, " overlap"));
        }
        if (a.depart < prev_end) {
          if (prev_task == kNone) {
            sink_.add(cat(who, ": departs at ", a.depart, ", before time 0"));
          } else {
            sink_.add(cat(who, ": departs at ", a.depart, " before its previous task ", prev_task,
                          " ends at ", prev_end));
          }
        }
        if (prev_node != kNone && (!a.from_node.valid() || a.from_node.index() != prev_node)) {
          sink_.add(cat(who, ": from_node ", a.from_node.value, ", expected ", prev_node,
                        prev_task == kNone ? " (the crew's base)" : " (the previous entry node)"));
        }
        // The entry is checked against the declared site edge when it exists (a wrong site edge is
        // reported once, by the task checks, not again for every entry).
        const std::uint32_t site =
            tasks_[t].site_edge.valid() && tasks_[t].site_edge.index() < rn_.num_edges()
                ? static_cast<std::uint32_t>(tasks_[t].site_edge.index())
                : info_[t].site;
        bool entry_ok = node_ok(a.entry_node);
        if (!entry_ok) {
          sink_.add(cat(who, ": entry node ", a.entry_node.value, " is not a node of the network"));
        } else if (site != kNone && rn_.edge_from[site] != a.entry_node &&
                   rn_.edge_to[site] != a.entry_node) {
          sink_.add(
              cat(who, ": entry node ", a.entry_node.value, " is not an end of site edge ", site));
        }
        if (entry_ok && !reach[i]) {
          sink_.add(cat(who, ": site unreachable, entry node ", a.entry_node.value,
                        " not connected to base node ", crew_base_[c], " over roads open at ",
                        a.depart));
        } else if (entry_ok) {
          const std::uint32_t src = prev_node != kNone ? prev_node
                                    : node_ok(a.from_node)
                                        ? static_cast<std::uint32_t>(a.from_node.index())
                                        : kNone;
          if (a.start < a.depart) {
            sink_.add(cat(who, ": starts at ", a.start, " before it departs at ", a.depart));
          } else if (src != kNone) {
            const Seconds budget = (a.start - a.depart) * 60;
            const auto dst = static_cast<std::uint32_t>(a.entry_node.index());
            const Seconds s = shortest(src, dst, a.depart, budget);
            if (s < 0) {
              sink_.add(cat(who, ": no road open at ", a.depart, " from node ", src,
                            " to entry node ", dst));
            } else if (s > budget) {
              const Seconds full =
                  shortest(src, dst, a.depart, std::numeric_limits<Seconds>::max() / 2);
              sink_.add(cat(who, ": starts at ", a.start, ", before depart ", a.depart,
                            " + travel ", (full + 59) / 60, " min (node ", src, " to ", dst, ")"));
            }
          }
        }
        // Trade and duration.
        const double rate = daily_rate(c, t);
        if (!(rate > 0)) {
          sink_.add(cat(who, ": trade ", name(sc_.crews[c].trade), " cannot do this task"));
        } else {
          const double x =
              info_[t].work / rate * 1440.0 * 7.0 / static_cast<double>(P_.working_days_per_week);
          const double need = std::ceil(x - 1e-9);
          const double have = static_cast<double>(a.end - a.start);
          if (have < need && have < x - 1e-6) {
            sink_.add(cat(who, ": lasts ", a.end - a.start, " min, needs ",
                          static_cast<std::int64_t>(need), " min"));
          }
        }
        prev_end = a.end;
        prev_task = t;
        prev_node = entry_ok ? static_cast<std::uint32_t>(a.entry_node.index()) : kNone;
        if (max_task == kNone || a.end > max_end) {
          max_end = a.end;
          max_task = t;
        }
      }
    }
  }

  void check_precedence() {
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      if (chosen_[t] == kNone) continue;
      const Minutes start = plan_.assignments[chosen_[t]].start;
      auto& ps = preds_[t];
      std::sort(ps.begin(), ps.end());
      ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
      for (auto p : ps) {
        if (chosen_[p] == kNone || p == t) continue;
        const Minutes pe = plan_.assignments[chosen_[p]].end;
        if (pe > start) {
          sink_.add(cat(label(t), ": starts at ", start, " before predecessor ", label(p),
                        " ends at ", pe));
        }
      }
    }
  }

  // ---------------------------------------------------------------- measures
  Measures measures() {
    Measures m;
    const std::size_t ns = sc_.settlements.size();
    const Minutes horizon = static_cast<Minutes>(P_.horizon_days) * kMinutesPerDay;
    auto clip_days = [&](Minutes t) {
      return static_cast<double>(std::min(t, horizon)) / kMinutesPerDay;
    };

    // Access: sweep edges by opening time; a component gains access when it joins a hub's.
    m.settlement_access.assign(ns, kNever);
    {
      Dsu dsu(rn_.num_nodes());
      std::vector<char> hub(rn_.num_nodes(), 0);
      for (auto n : hub_node_) {
        if (n != kNone) hub[n] = 1;
      }
      std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> waiting;  // root -> settlements
      for (std::uint32_t s = 0; s < ns; ++s) {
        const auto n = settlement_node_[s];
        if (n == kNone) continue;
        if (hub[n]) {
          m.settlement_access[s] = 0;
        } else {
          waiting[n].push_back(s);
        }
      }
      for (auto e : edges_by_open_) {
        const auto [keep, gone] = dsu.unite(static_cast<std::uint32_t>(rn_.edge_from[e].index()),
                                            static_cast<std::uint32_t>(rn_.edge_to[e].index()));
        if (keep == gone) continue;
        const bool hk = hub[keep] != 0;
        const bool hg = hub[gone] != 0;
        if (hk != hg) {
          const std::uint32_t dark = hk ? gone : keep;
          if (auto it = waiting.find(dark); it != waiting.end()) {
            for (auto s : it->second) m.settlement_access[s] = open_[e];
            waiting.erase(it);
          }
          hub[keep] = 1;
        } else if (!hk) {
          if (auto it = waiting.find(gone); it != waiting.end()) {
            auto moved = std::move(it->second);
            waiting.erase(it);
            auto& into = waiting[keep];
            if (into.size() < moved.size()) std::swap(into, moved);
            into.insert(into.end(), moved.begin(), moved.end());
          }
        }
      }
    }
    std::vector<std::uint32_t> by_access(ns);
    std::iota(by_access.begin(), by_access.end(), 0u);
    std::stable_sort(by_access.begin(), by_access.end(), [&](std::uint32_t a, std::uint32_t b) {
      return m.settlement_access[a] < m.settlement_access[b];
    });
    for (std::uint32_t s = 0; s < ns; ++s) {
      const auto pop = sc_.settlements[s].population;
      m.population_total += pop;
      m.people_days_without_access += static_cast<double>(pop) * clip_days(m.settlement_access[s]);
      m.weighted_people_days_without_access +=
          static_cast<double>(pop) * sc_.settlements[s].weight * clip_days(m.settlement_access[s]);
    }
    {
      std::int64_t cum = 0;
      std::array<std::optional<double>*, 3> out{&m.days_to_access_50, &m.days_to_access_90,
                                                &m.days_to_access_100};
      const std::array<std::int64_t, 3> pct{50, 90, 100};
      for (std::size_t k = 0; k < 3; ++k) {
        if (m.population_total == 0) *out[k] = 0.0;
      }
      for (auto s : by_access) {
        if (m.settlement_access[s] == kNever) break;
        cum += sc_.settlements[s].population;
        for (std::size_t k = 0; k < 3; ++k) {
          if (!*out[k] && cum * 100 >= pct[k] * m.population_total) {
            *out[k] = minutes_to_days(m.settlement_access[s]);
          }
        }
      }
    }

    // Services: an asset works once it and, recursively, what it depends on are repaired.
    const std::size_t na = sc_.assets.size();
    std::vector<Minutes> works(na, -1);
    std::vector<char> visiting(na, 0);
    auto repaired = [&](std::uint32_t a) {
      Minutes r = asset_tasks_[a].empty() ? kNever : 0;
      for (auto t : asset_tasks_[a]) r = std::max(r, end_of(t));
      return r;
    };
    auto works_from = [&](auto&& self, std::uint32_t a) -> Minutes {
      if (works[a] >= 0) return works[a];
      if (visiting[a]) return 0;  // a dependency cycle adds nothing more
      visiting[a] = 1;
      Minutes r = repaired(a);
      if (asset_dep_[a] != kNone) r = std::max(r, self(self, asset_dep_[a]));
      visiting[a] = 0;
      return works[a] = r;
    };
    std::vector<std::array<Minutes, 5>> service(ns);
    for (auto& row : service) row.fill(0);
    for (std::uint32_t a = 0; a < na; ++a) {
      const Asset& asset = sc_.assets[a];
      if (asset.service == Service::kNone) continue;
      const Minutes t = works_from(works_from, a);
      for (const auto& sid : asset.serves) {
        auto it = settlement_by_id_.find(sid);
        if (it == settlement_by_id_.end()) {
          sink_.add(cat("asset ", asset.id, ": serves '", sid, "', which is not a settlement"));
          continue;
        }
        auto& slot = service[it->second][static_cast<std::size_t>(asset.service)];
        slot = std::max(slot, t);
      }
    }
    for (std::uint32_t s = 0; s < ns; ++s) {
      for (auto x : kRestorableServices) {
        const auto k = static_cast<std::size_t>(x);
        const double pd =
            static_cast<double>(sc_.settlements[s].population) * clip_days(service[s][k]);
        m.people_days_without_service[k] += pd;
        m.weighted_people_days_without_service[k] += pd * sc_.settlements[s].weight;
      }
    }

    // Roads: every edge's closed days, by its length and weight.
    for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
      const double weight = e < rn_.edge_weight.size() ? rn_.edge_weight[e] : 1.0;
      m.road_km_days_closed += rn_.edge_length_m[e] / 1000 * weight * clip_days(open_[e]);
    }

    // Land.
    double cancelled = 0;
    double cleared = 0;
    for (std::uint32_t h = 0; h < hz_.size(); ++h) {
      const HazardInfo& hi = hz_[h];
      if (hi.cancelled) {
        const bool done = std::any_of(hi.surveys.begin(), hi.surveys.end(),
                                      [&](std::uint32_t t) { return chosen_[t] != kNone; });
        if (done) cancelled += sc_.hazards[h].area_m2;
        continue;
      }
      for (const auto& [e, part] : hi.parts) {
        if (part.packages == 0) continue;
        std::map<std::uint32_t, bool> done;
        for (auto t : part.tasks) {
          if (!is_final(tasks_[t].kind)) continue;
          done[tasks_[t].package] = done[tasks_[t].package] || chosen_[t] != kNone;
        }
        const auto n_done = static_cast<double>(
            std::count_if(done.begin(), done.end(), [](const auto& kv) { return kv.second; }));
        if (part.mine >= 0 && part.area_ok) {
          cleared += part.mine * n_done / static_cast<double>(part.packages);
        } else if (part.area_ok) {  // my area unknown: the declared works of the finished packages
          for (auto t : part.tasks) {
            if (is_final(tasks_[t].kind) && chosen_[t] != kNone) cleared += tasks_[t].work;
          }
        }
      }
    }
    m.hectares_cancelled = cancelled / 10000;
    m.hectares_released = (cancelled + cleared) / 10000;

    // Land still contaminated, in hectare-days by land use.
    for (std::uint32_t h = 0; h < hz_.size(); ++h) {
      const HazardInfo& hi = hz_[h];
      double& slot = m.hectare_days_contaminated[static_cast<std::size_t>(sc_.hazards[h].land_use)];
      if (hi.cancelled) {
        Minutes done = kNever;
        for (auto t : hi.surveys) done = std::min(done, end_of(t));
        slot += sc_.hazards[h].area_m2 / 10000 * clip_days(done);
        continue;
      }
      for (auto t : hi.work_tasks) {
        if (is_final(tasks_[t].kind)) slot += tasks_[t].work / 10000 * clip_days(end_of(t));
      }
    }

    Minutes last = 0;
    for (std::uint32_t t = 0; t < tasks_.size(); ++t) {
      if (chosen_[t] != kNone) last = std::max(last, plan_.assignments[chosen_[t]].end);
    }
    m.makespan_days = minutes_to_days(last);
    m.objective = objective_of(m);
    return m;
  }

  // The scenario's objective, from the measures (docs/scenario.md, "Objective").
  double objective_of(const Measures& m) const {
    const Objective& o = P_.objective;
    if (o.kind == ObjectiveKind::kAccess) return m.people_days_without_access;
    if (o.kind == ObjectiveKind::kMakespan) return m.makespan_days;
    double v = o.weights.access_people_day * m.weighted_people_days_without_access +
               o.weights.road_km_day * m.road_km_days_closed;
    for (std::size_t k = 0; k < m.hectare_days_contaminated.size(); ++k)
      v += o.weights.land_hectare_day[k] * m.hectare_days_contaminated[k];
    for (std::size_t k = 1; k < m.weighted_people_days_without_service.size(); ++k)
      v += o.weights.service_people_day[k] * m.weighted_people_days_without_service[k];
    return v;
  }

  const Scenario& sc_;
  const RoadNetwork& rn_;
  const Parameters& P_;
  const std::vector<Task>& tasks_;
  const Plan& plan_;
  Sink sink_;

  Projection global_;
  std::vector<Pt> node_xy_;
  std::vector<std::uint32_t> adj_off_, adj_;
  std::vector<char> edge_ok_;
  std::vector<Seconds> edge_s_;
  double h_coef_ = 0;
  geom::bgi::rtree<std::pair<Pt, std::uint32_t>, geom::bgi::rstar<16>> node_tree_;
  geom::bgi::rtree<std::pair<Box, std::uint32_t>, geom::bgi::rstar<16>> hazard_tree_;
  std::unique_ptr<geom::EdgeIndex> edge_index_;

  std::vector<std::uint32_t> settlement_node_, hub_node_, crew_base_;
  std::vector<char> safe_touch_;  // per edge: touches the safe ground of day 0
  std::unordered_map<std::string, std::uint32_t> settlement_by_id_;

  std::vector<TaskInfo> info_;
  std::vector<HazardInfo> hz_;
  std::vector<std::vector<std::uint32_t>> asset_tasks_;
  std::vector<std::uint32_t> asset_edge_, asset_dep_;
  std::vector<std::vector<std::uint32_t>> asset_hazards_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> edge_hazards_;
  std::vector<std::vector<std::uint32_t>> preds_;

  std::vector<std::uint32_t> chosen_;
  std::vector<char> asg_ok_;
  std::vector<Minutes> open_;
  std::vector<std::uint32_t> edges_by_open_;

  // ALT: lm_[v * kLandmarks + k] is the travel seconds between node v and landmark k
  // (kLmUnreached when none), for the first lm_count_ landmarks.
  static constexpr std::size_t kLandmarks = 12;
  static constexpr std::int32_t kLmUnreached = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> lm_;
  std::size_t lm_count_ = 0;
  std::vector<Seconds> g_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t cur_stamp_ = 0;
};

}  // namespace

Report validate_plan(const Scenario& scenario, const std::vector<Task>& tasks, const Plan& plan) {
  return Validator(scenario, tasks, plan).run();
}

}  // namespace gw::validate

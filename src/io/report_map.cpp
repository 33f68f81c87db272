// The district map of report.html (report_html_internal.hpp): inline SVG in a plain
// equirectangular projection (x scaled by the cosine of the middle latitude), which is close
// enough at district scale. Roads and hazards of one colour class share one <path>, and vertices
// closer than half a pixel to the last one kept are dropped, so that the page stays small.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/report_html_internal.hpp"

namespace gw::io::report {

namespace {

// The classes of a day (when a road opens, a hazard is released, people start to return).
struct DayClass {
  double up_to_days;  // the class holds days <= this
  const char* label;
  const char* color;
};
constexpr std::array<DayClass, 5> kClasses = {{{30, "within 30 days", "#1a9850"},
                                               {90, "31–90 days", "#91cf60"},
                                               {180, "91–180 days", "#f4c542"},
                                               {365, "181–365 days", "#fc8d59"},
                                               {1e300, "after a year", "#d73027"}}};
constexpr const char* kNeverColor = "#4a4a4a";
constexpr const char* kOpenColor = "#b8c0c8";  // roads open from day 0

// The class of minute `m` (kNever: the last index + 1).
std::size_t class_of(Minutes m) {
  if (m == kNever) return kClasses.size();
  const double d = minutes_to_days(m);
  for (std::size_t k = 0; k < kClasses.size(); ++k) {
    if (d <= kClasses[k].up_to_days) return k;
  }
  return kClasses.size() - 1;
}

const char* color_of(std::size_t k) {
  return k < kClasses.size() ? kClasses[k].color : kNeverColor;
}

class Projection {
 public:
  Projection(double min_lon, double min_lat, double max_lon, double max_lat) {
    const double kx = std::cos((min_lat + max_lat) / 2 * std::numbers::pi / 180);
    const double w = std::max(1e-9, (max_lon - min_lon) * kx);
    const double h = std::max(1e-9, max_lat - min_lat);
    // 1000 px wide unless that makes the map taller than 900 px.
    scale_ = std::min(kWidth / w, kMaxHeight / h);
    kx_ = kx;
    min_lon_ = min_lon;
    max_lat_ = max_lat;
    width_ = w * scale_;
    height_ = h * scale_;
  }
  [[nodiscard]] double x(LonLat p) const { return kPad + (p.lon - min_lon_) * kx_ * scale_; }
  [[nodiscard]] double y(LonLat p) const { return kPad + (max_lat_ - p.lat) * scale_; }
  [[nodiscard]] double width() const { return width_ + 2 * kPad; }
  [[nodiscard]] double height() const { return height_ + 2 * kPad; }

 private:
  static constexpr double kWidth = 960, kMaxHeight = 860, kPad = 20;
  double scale_ = 1, kx_ = 1, min_lon_ = 0, max_lat_ = 0, width_ = 0, height_ = 0;
};

// "M x y L x y ..." of a polyline, without vertices within half a pixel of the last one kept
// (the last vertex is always kept).
void append_path(std::string& d, const Projection& pr, const LonLat* begin, const LonLat* end,
                 bool close) {
  char buf[64];
  double lx = 0, ly = 0;
  for (const LonLat* q = begin; q != end; ++q) {
    const double x = pr.x(*q), y = pr.y(*q);
    const bool first = q == begin, last = q + 1 == end;
    if (!first && !last && std::abs(x - lx) < 0.5 && std::abs(y - ly) < 0.5) continue;
    std::snprintf(buf, sizeof buf, "%c%.1f %.1f", first ? 'M' : 'L', x, y);
    d += buf;
    lx = x;
    ly = y;
  }
  if (close) d += 'Z';
}

std::string legend_row(const std::string& title, const std::string& first,
                       const std::string& last) {
  std::string s = "<div class=\"legend\" style=\"margin-left:0\"><b>" + title + "</b>";
  s += first;
  for (const DayClass& c : kClasses)
    s += "<span><i style=\"background:" + std::string(c.color) + "\"></i>" + c.label + "</span>";
  return s + last + "</div>";
}

}  // namespace

const char* day_color(Minutes m) { return color_of(class_of(m)); }

std::string district_map(const Scenario& s, const Evaluation& ev) {
  MapDays m;
  m.edge_open = ev.edge_open;
  m.hazard_released = ev.hazard_cleared;
  for (std::size_t h = 0; h < m.hazard_released.size() && h < ev.hazard_cancelled.size(); ++h)
    m.hazard_released[h] = std::min(ev.hazard_cancelled[h], ev.hazard_cleared[h]);
  m.settlement = ev.return_first;
  m.aria =
      "Map of the district: roads by the day they open, hazards by the day they are released, "
      "settlements by the day their people start to return";
  m.settlement_title = "Settlements: people start to return";
  m.settlement_what = "return from day ";
  m.settlement_never = "no return within the plan";
  m.never = "never within the plan";
  return district_map(s, m);
}

std::string district_map(const Scenario& s, const MapDays& m) {
  const RoadNetwork& g = s.roads;
  double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;
  auto extend = [&](LonLat p) {
    min_lon = std::min(min_lon, p.lon);
    max_lon = std::max(max_lon, p.lon);
    min_lat = std::min(min_lat, p.lat);
    max_lat = std::max(max_lat, p.lat);
  };
  for (const LonLat& p : g.edge_shape) extend(p);
  for (const Settlement& st : s.settlements) extend(st.pos);
  for (const Hub& h : s.hubs) extend(h.pos);
  for (const Hazard& z : s.hazards) {
    for (const LonLat& p : z.polygon.outer) extend(p);
  }
  if (min_lon > max_lon) return "<p class=\"muted\">Nothing to map.</p>";
  const Projection pr(min_lon, min_lat, max_lon, max_lat);

  char buf[512];
  std::snprintf(buf, sizeof buf,
                "<svg class=\"map\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
                pr.width(), pr.height());
  std::string out = buf + esc(m.aria) + "\">";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#fbfcfd\"/>";

  // Hazards, one path per class of release day.
  std::array<std::string, kClasses.size() + 1> hazard_d;
  for (std::size_t h = 0; h < s.hazards.size() && h < m.hazard_released.size(); ++h) {
    const Hazard& z = s.hazards[h];
    std::string& d = hazard_d[class_of(m.hazard_released[h])];
    append_path(d, pr, z.polygon.outer.data(), z.polygon.outer.data() + z.polygon.outer.size(),
                true);
    for (const Ring& hole : z.polygon.holes) {
      append_path(d, pr, hole.data(), hole.data() + hole.size(), true);
    }
  }
  for (std::size_t k = 0; k < hazard_d.size(); ++k) {
    if (hazard_d[k].empty()) continue;
    out += "<path fill-rule=\"evenodd\" fill=\"" + std::string(color_of(k)) +
           "\" fill-opacity=\"0.55\" stroke=\"" + color_of(k) + "\" stroke-width=\"0.6\" d=\"" +
           hazard_d[k] + "\"/>";
  }

  // Roads: open from day 0 thin and grey, then one path per class of opening day.
  std::array<std::string, kClasses.size() + 1> road_d;
  std::string open_d;
  for (std::size_t e = 0; e < g.num_edges() && e < m.edge_open.size(); ++e) {
    std::string& d = m.edge_open[e] == 0 ? open_d : road_d[class_of(m.edge_open[e])];
    append_path(d, pr, g.edge_shape.data() + g.edge_shape_offset[e],
                g.edge_shape.data() + g.edge_shape_offset[e + 1], false);
  }
  if (!open_d.empty()) {
    out += "<path fill=\"none\" stroke=\"" + std::string(kOpenColor) +
           "\" stroke-width=\"1\" stroke-linecap=\"round\" d=\"" + open_d + "\"/>";
  }
  for (std::size_t k = 0; k < road_d.size(); ++k) {
    if (road_d[k].empty()) continue;
    out += "<path fill=\"none\" stroke=\"" + std::string(color_of(k)) + "\" stroke-width=\"2.2\"" +
           (k == kClasses.size() ? " stroke-dasharray=\"4 3\"" : "") +
           " stroke-linecap=\"round\" d=\"" + road_d[k] + "\"/>";
  }

  // Hubs as squares, settlements as circles sized by population (area), coloured by the day
  // their displaced people start to return; hollow when nobody was displaced.
  for (const Hub& h : s.hubs) {
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"#1d2733\">",
                  pr.x(h.pos) - 4.5, pr.y(h.pos) - 4.5);
    out += std::string(buf) + "<title>" + esc(h.name) + " (hub)</title></rect>";
  }
  double max_pop = 1;
  for (const Settlement& st : s.settlements)
    max_pop = std::max(max_pop, static_cast<double>(st.population));
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Settlement& st = s.settlements[i];
    const double r = 2.5 + 7.5 * std::sqrt(static_cast<double>(st.population) / max_pop);
    const Minutes back = i < m.settlement.size() ? m.settlement[i] : kNever;
    std::string title = esc(st.name) + ": " + num(static_cast<double>(st.population)) + " people";
    if (st.displaced > 0 || m.every_settlement) {
      if (st.displaced > 0) title += ", " + num(static_cast<double>(st.displaced)) + " displaced";
      title += "; " + (back == kNever ? esc(m.settlement_never)
                                      : esc(m.settlement_what) + num(minutes_to_days(back), 1));
      std::snprintf(buf, sizeof buf,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#1d2733\" "
                    "stroke-width=\"0.8\">",
                    pr.x(st.pos), pr.y(st.pos), r, color_of(class_of(back)));
    } else {
      title += ", nobody displaced";
      std::snprintf(buf, sizeof buf,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#ffffff\" "
                    "fill-opacity=\"0.7\" stroke=\"#5d6b7a\" stroke-width=\"1\">",
                    pr.x(st.pos), pr.y(st.pos), r);
    }
    out += std::string(buf) + "<title>" + title + "</title></circle>";
  }
  out += "</svg>";

  const std::string never = "<span><i style=\"background:" + std::string(kNeverColor) + "\"></i>" +
                            esc(m.never) + "</span>";
  out += legend_row(
      "Roads open",
      "<span><i style=\"background:" + std::string(kOpenColor) + "\"></i>from day 0</span>", never);
  out += legend_row("Hazards released", "", never);
  out += legend_row(esc(m.settlement_title), "",
                    never +
                        "<span><i style=\"background:#fff;border:1px solid #5d6b7a\"></i>nobody "
                        "displaced</span><span><i style=\"background:#1d2733\"></i>hub</span>");
  return out;
}

}  // namespace gw::io::report

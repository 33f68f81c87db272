// The inline SVG charts of report.html (report_html_internal.hpp): line charts of daily curves and
// stacked bars by month, and the small formatting helpers the page shares.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "io/outputs.hpp"
#include "io/outputs_util.hpp"
#include "io/report_html_internal.hpp"

namespace gw::io::report {

using namespace detail;

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v, int decimals) { return grouped(v, decimals, "−"); }

std::string pct(double share) { return num(share * 100, 1) + " %"; }

Minutes day_to_min(double d) { return static_cast<Minutes>(std::llround(d * kMinutesPerDay)); }

std::string day_and_date(const std::string& d0, std::optional<double> d) {
  if (!d) return "<span class=\"muted\">not reached</span>";
  return "day " + num(*d, *d == std::floor(*d) ? 0 : 1) + " <span class=\"muted\">(" +
         iso_date(d0, day_to_min(*d)) + ")</span>";
}

double nice_step(double range, int target) {
  if (range <= 0) return 1;
  const double raw = range / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * mag) return m * mag;
  }
  return 10 * mag;
}

// -------------------------------------------------------------------------------------------
// Inline SVG line charts

namespace {
std::string fmt_tick(double v, double step) {
  if (step >= 1 || v == 0) return num(v, 0);
  return num(v, step >= 0.1 ? 1 : 2);
}
// The horizontal grid lines and y-axis ticks of a chart whose plot area starts at (L, T) and is
// pw × ph, for values 0 to y_max in steps of ystep.
void append_y_grid(std::string& s, double L, double pw, double T, double ph, double y_max,
                   double ystep) {
  char buf[256];
  for (double v = 0; v <= y_max + 1e-9; v += ystep) {
    const double y = T + ph - v / y_max * ph;
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                  L, L + pw, y, y, L - 8, y + 4);
    s += buf + fmt_tick(v, ystep) + "</text>";
  }
}
// The points (day, value) of a curve given at days `x`, up to `xmax`: the segment that crosses
// xmax ends there, at the value interpolated linearly.
std::vector<std::pair<double, double>> clipped(const std::vector<double>& x,
                                               const std::vector<double>& y, double xmax) {
  std::vector<std::pair<double, double>> out;
  const std::size_t n = std::min(x.size(), y.size());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] <= xmax) {
      out.emplace_back(x[i], y[i]);
      continue;
    }
    if (i > 0 && x[i] > x[i - 1]) {
      const double t = (xmax - x[i - 1]) / (x[i] - x[i - 1]);
      out.emplace_back(xmax, y[i - 1] + t * (y[i] - y[i - 1]));
    }
    break;
  }
  return out;
}
}  // namespace

std::string line_chart(const std::string& aria, const std::string& y_label, int x_max_days,
                       double y_max, const std::vector<Series>& series,
                       const std::vector<Mark>& marks, const std::vector<HLine>& hlines,
                       const std::string& d0, const std::vector<Band>& bands) {
  const double W = 1000, H = 330, L = 78, R = 44, T = 16, B = 58;
  const double pw = W - L - R, ph = H - T - B;
  if (y_max <= 0) y_max = 1;
  const double ystep = nice_step(y_max, 6);
  y_max = std::ceil(y_max / ystep - 1e-9) * ystep;
  const double xmax = std::max(1, x_max_days);
  auto X = [&](double d) { return L + d / xmax * pw; };
  auto Y = [&](double v) { return T + ph - v / y_max * ph; };
  char buf[256];
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 1000 330\" role=\"img\" aria-label=\"" +
                  esc(aria) + "\">";
  // Grid and y axis.
  append_y_grid(s, L, pw, T, ph, y_max, ystep);
  // x axis: days, with the date of each tick below.
  const double xstep = nice_step(xmax, 10);
  for (double d = 0; d <= xmax + 1e-9; d += xstep) {
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                  X(d), X(d), T, T + ph, X(d), T + ph + 16);
    s += buf + num(d) + "</text>";
    std::snprintf(buf, sizeof buf,
                  "<text class=\"tick date\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", X(d),
                  T + ph + 30);
    s += buf + iso_date(d0, day_to_min(d)) + "</text>";
  }
  std::snprintf(buf, sizeof buf,
                "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
                L, L + pw, T + ph, T + ph, L, L, T, T + ph);
  s += buf;
  std::snprintf(buf, sizeof buf,
                "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", L + pw / 2,
                H - 6);
  s += std::string(buf) + "Days from the start of the plan (date below)</text>";
  std::snprintf(buf, sizeof buf,
                "<text class=\"label\" transform=\"translate(16 %.1f) rotate(-90)\" "
                "text-anchor=\"middle\">",
                T + ph / 2);
  s += buf + esc(y_label) + "</text>";
  // Horizontal reference lines.
  for (const HLine& h : hlines) {
    if (h.y > y_max) continue;
    std::snprintf(buf, sizeof buf,
                  "<line class=\"ref\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"reflabel\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                  L, L + pw, Y(h.y), Y(h.y), L + pw - 4, Y(h.y) - 4);
    s += buf + esc(h.label) + "</text>";
  }
  auto svg_point = [&](std::string& pts, const std::pair<double, double>& p) {
    std::snprintf(buf, sizeof buf, "%.1f,%.1f ", X(p.first), Y(std::clamp(p.second, 0.0, y_max)));
    pts += buf;
  };
  // Bands: the upper curve left to right, then the lower one back, as one closed polygon.
  for (const Band& b : bands) {
    const auto hi = clipped(b.x, b.hi, xmax);
    const auto lo = clipped(b.x, b.lo, xmax);
    std::string pts;
    for (const auto& p : hi) svg_point(pts, p);
    for (auto it = lo.rbegin(); it != lo.rend(); ++it) svg_point(pts, *it);
    s += "<polygon fill=\"" + b.color + "\" fill-opacity=\"0.22\" stroke=\"none\" points=\"" + pts +
         "\"/>";
  }
  // Series.
  for (const Series& se : series) {
    std::string pts;
    if (se.x.empty()) {
      const std::size_t n = std::min<std::size_t>(se.y.size(), static_cast<std::size_t>(xmax) + 1);
      for (std::size_t d = 0; d < n; ++d) svg_point(pts, {static_cast<double>(d), se.y[d]});
    } else {
      for (const auto& p : clipped(se.x, se.y, xmax)) svg_point(pts, p);
    }
    s += "<polyline fill=\"none\" stroke=\"" + se.color + "\" stroke-width=\"2.2\"" +
         (se.dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + pts + "\"/>";
  }
  // Vertical markers.
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    if (m.day > xmax) continue;
    std::snprintf(buf, sizeof buf,
                  "<line class=\"mark\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"marklabel\" x=\"%.1f\" y=\"%.1f\">",
                  X(m.day), X(m.day), T, T + ph, X(m.day) + 4,
                  T + ph - 8 - 14 * static_cast<double>(marks.size() - 1 - i));
    s += buf + esc(m.label) + "</text>";
  }
  s += "</svg>";
  // Legend.
  s += "<div class=\"legend\">";
  for (const Band& b : bands) {
    s += "<span><i style=\"background:" + b.color + ";opacity:0.35\"></i>" + esc(b.label) +
         "</span>";
  }
  for (const Series& se : series) {
    s += "<span><i style=\"background:" + se.color + "\"></i>" + esc(se.label) + "</span>";
  }
  s += "</div>";
  return s;
}

// Population with (or without) something per day, from per-settlement times in minutes.
std::vector<double> population_without_by_day(const Scenario& s, const std::vector<Minutes>& when,
                                              int days) {
  std::vector<double> gained(static_cast<std::size_t>(days) + 2, 0);
  double total = 0;
  for (std::size_t i = 0; i < s.settlements.size() && i < when.size(); ++i) {
    const auto pop = static_cast<double>(s.settlements[i].population);
    total += pop;
    if (when[i] == kNever) continue;
    // Has it at day d when when[i] <= d * 1440.
    const Minutes d = (when[i] + kMinutesPerDay - 1) / kMinutesPerDay;
    if (d <= days) gained[static_cast<std::size_t>(d)] += pop;
  }
  std::vector<double> out(static_cast<std::size_t>(days) + 1);
  double have = 0;
  for (std::size_t d = 0; d < out.size(); ++d) {
    have += gained[d];
    out[d] = total - have;
  }
  return out;
}

std::string stacked_bars(const std::string& aria, const std::string& y_label,
                         const std::vector<std::size_t>& days, const std::vector<Stack>& layers,
                         const std::string& d0) {
  const double W = 1000, H = 330, L = 78, R = 44, T = 16, B = 58;
  const double pw = W - L - R, ph = H - T - B;
  double y_max = 0;
  for (std::size_t k = 0; k < days.size(); ++k) {
    double sum = 0;
    for (const Stack& st : layers) sum += k < st.y.size() ? std::max(0.0, st.y[k]) : 0;
    y_max = std::max(y_max, sum);
  }
  if (y_max <= 0) y_max = 1;
  const double ystep = nice_step(y_max, 6);
  y_max = std::ceil(y_max / ystep - 1e-9) * ystep;
  auto Y = [&](double v) { return T + ph - v / y_max * ph; };
  const double slot = pw / static_cast<double>(std::max<std::size_t>(1, days.size()));
  const double bw = std::max(1.0, slot * 0.72);
  char buf[256];
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 1000 330\" role=\"img\" aria-label=\"" +
                  esc(aria) + "\">";
  append_y_grid(s, L, pw, T, ph, y_max, ystep);
  // A label under every bar when they fit, else under every n-th.
  const std::size_t every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(70 / slot)));
  for (std::size_t k = 0; k < days.size(); ++k) {
    const double x = L + slot * (static_cast<double>(k) + 0.5);
    double base = 0;
    std::string title = "Month " + std::to_string(k + 1) + " (day " +
                        num(static_cast<double>(days[k])) + ", " +
                        iso_date(d0, static_cast<Minutes>(days[k]) * kMinutesPerDay) + ")";
    for (const Stack& st : layers) {
      const double v = k < st.y.size() ? std::max(0.0, st.y[k]) : 0;
      title += "&#10;" + esc(st.label) + ": " + num(v);
      std::snprintf(buf, sizeof buf,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x - bw / 2, Y(base + v), bw, Y(base) - Y(base + v), st.color.c_str());
      s += buf;
      base += v;
    }
    // A transparent box over the whole bar carries the tooltip.
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                  "fill=\"transparent\"><title>",
                  x - slot / 2, T, slot, ph);
    s += buf + title + "</title></rect>";
    if (k % every == 0) {
      std::snprintf(buf, sizeof buf,
                    "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
                    T + ph + 16);
      s += buf + num(static_cast<double>(k + 1)) + "</text>";
      std::snprintf(buf, sizeof buf,
                    "<text class=\"tick date\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
                    T + ph + 30);
      s += buf + iso_date(d0, static_cast<Minutes>(days[k]) * kMinutesPerDay) + "</text>";
    }
  }
  std::snprintf(buf, sizeof buf,
                "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                L, L + pw, T + ph, T + ph, L + pw / 2, H - 6);
  s += std::string(buf) +
       "Months of 30 days from the start of the plan (date of the month end below)</text>";
  std::snprintf(buf, sizeof buf,
                "<text class=\"label\" transform=\"translate(16 %.1f) rotate(-90)\" "
                "text-anchor=\"middle\">",
                T + ph / 2);
  s += buf + esc(y_label) + "</text></svg><div class=\"legend\">";
  for (const Stack& st : layers)
    s += "<span><i style=\"background:" + st.color + "\"></i>" + esc(st.label) + "</span>";
  return s + "</div>";
}

}  // namespace gw::io::report

// Road fixtures drawn as ASCII maps (in the spirit of Valhalla's gurka tests).
//
//   H---a---#---S        letters and digits are nodes, 100 m apart per character cell;
//       |                '-' and '|' are roads between the nearest nodes on that line;
//       b                '#' on a road is a hazard straddling it (a 30 m square, suspected
//                        or confirmed as the test sets), 'H' is a hub, upper-case letters other
//                        than H are settlements (population given by the test).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "geo/projection.hpp"
#include "model/scenario.hpp"

namespace gw::test {

struct AsciiMap {
  Scenario scenario;
  std::map<char, NodeId> nodes;
};

inline AsciiMap build_ascii_map(const std::vector<std::string>& rows,
                                const std::map<char, std::int64_t>& population,
                                HazardStatus status = HazardStatus::kConfirmed) {
  AsciiMap m;
  Scenario& s = m.scenario;
  const geo::LocalProjection proj({30.0, 50.0});
  constexpr double kCell = 100.0;
  auto pos = [&](std::size_t r, std::size_t c) {
    return proj.inverse({static_cast<double>(c) * kCell, -static_cast<double>(r) * kCell});
  };
  auto is_node = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
  auto at = [&](std::size_t r, std::size_t c) -> char {
    return r < rows.size() && c < rows[r].size() ? rows[r][c] : ' ';
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const char ch = rows[r][c];
      if (!is_node(ch)) continue;
      m.nodes[ch] = s.roads.add_node(pos(r, c));
      if (ch == 'H') {
        Hub h;
        h.id = "H";
        h.name = "Hub";
        h.pos = pos(r, c);
        s.hubs.push_back(h);
      } else if (std::isupper(static_cast<unsigned char>(ch))) {
        Settlement st;
        st.id = std::string(1, ch);
        st.name = st.id;
        st.pos = pos(r, c);
        auto it = population.find(ch);
        st.population = it == population.end() ? 100 : it->second;
        s.settlements.push_back(st);
      }
    }
  }
  int hazard_count = 0;
  auto add_edge = [&](std::size_t r0, std::size_t c0, std::size_t r1, std::size_t c1,
                      const std::vector<std::pair<std::size_t, std::size_t>>& hazards) {
    const LonLat a = pos(r0, c0), b = pos(r1, c1);
    const double len = geo::distance_m(a, b);
    s.roads.add_edge(m.nodes[at(r0, c0)], m.nodes[at(r1, c1)], {a, b}, len, 36.0,
                     RoadClass::kUnclassified, false,
                     static_cast<std::int64_t>(s.roads.num_edges()));
    for (auto [hr, hc] : hazards) {
      const geo::XY q = proj.forward(pos(hr, hc));
      Hazard z;
      z.id = "Z" + std::to_string(++hazard_count);
      for (auto [dx, dy] :
           {std::pair{-15.0, -15.0}, {15.0, -15.0}, {15.0, 15.0}, {-15.0, 15.0}, {-15.0, -15.0}}) {
        z.polygon.outer.push_back(proj.inverse({q.x + dx, q.y + dy}));
      }
      z.area_m2 = geo::area_m2(z.polygon);
      z.status = status;
      z.terrain = Terrain::kBuiltUp;  // manual clearance, no machines: simple durations
      z.land_use = LandUse::kTransport;
      s.hazards.push_back(z);
    }
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (!is_node(rows[r][c])) continue;
      // Horizontal: walk right over '-' and '#'.
      std::vector<std::pair<std::size_t, std::size_t>> hz;
      std::size_t k = c + 1;
      while (at(r, k) == '-' || at(r, k) == '#') {
        if (at(r, k) == '#') hz.emplace_back(r, k);
        ++k;
      }
      if (k > c + 1 && is_node(at(r, k))) add_edge(r, c, r, k, hz);
      hz.clear();
      k = r + 1;
      while (at(k, c) == '|' || at(k, c) == '#') {
        if (at(k, c) == '#') hz.emplace_back(k, c);
        ++k;
      }
      if (k > r + 1 && is_node(at(k, c))) add_edge(r, c, k, c, hz);
    }
  }
  s.roads.build_adjacency();
  s.params.nts_cancel_share = 0;
  return m;
}

inline Crew make_crew(const std::string& id, Trade trade, int people, const std::string& base) {
  Crew c;
  c.id = id;
  c.trade = trade;
  c.people = people;
  c.base = base;
  return c;
}

}  // namespace gw::test

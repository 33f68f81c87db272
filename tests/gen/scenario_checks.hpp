// Checks shared by the generators' tests (the built-in district and synth): supply chains, the
// people cut off on day 0 and the builders' workload, each computed here from docs/model.md's text,
// not with the generators' own helpers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "plan/link.hpp"
#include "plan/tasks.hpp"

namespace gw::gen::test {

inline std::size_t count_kind(const Scenario& s, AssetKind k) {
  return static_cast<std::size_t>(
      std::count_if(s.assets.begin(), s.assets.end(), [&](const Asset& a) { return a.kind == k; }));
}

// Every depends_on names an asset, and following them never comes back (docs/model.md §7).
inline void expect_supply_chains_acyclic(const Scenario& s) {
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < s.assets.size(); ++i) by_id[s.assets[i].id] = i;
  std::vector<int> state(s.assets.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  for (std::size_t root = 0; root < s.assets.size(); ++root) {
    if (state[root]) continue;
    stack.emplace_back(root, 0);
    state[root] = 1;
    while (!stack.empty()) {
      auto& [a, next] = stack.back();
      const auto& deps = s.assets[a].depends_on;
      if (next == deps.size()) {
        state[a] = 2;
        stack.pop_back();
        continue;
      }
      const auto it = by_id.find(deps[next++]);
      ASSERT_NE(it, by_id.end()) << s.assets[a].id << " depends on an unknown asset";
      ASSERT_NE(state[it->second], 1) << "a cycle through " << s.assets[a].id;
      if (state[it->second] == 0) {
        state[it->second] = 1;
        stack.emplace_back(it->second, 0);
      }
    }
  }
}

// The longest chain of depends_on from any asset (1: an asset that depends on nothing).
inline std::size_t longest_supply_chain(const Scenario& s) {
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < s.assets.size(); ++i) by_id[s.assets[i].id] = i;
  std::vector<std::size_t> depth(s.assets.size(), 0);
  std::function<std::size_t(std::size_t)> d = [&](std::size_t a) -> std::size_t {
    if (depth[a]) return depth[a];
    std::size_t best = 0;
    for (const auto& id : s.assets[a].depends_on) best = std::max(best, d(by_id.at(id)));
    return depth[a] = best + 1;
  };
  std::size_t out = 0;
  for (std::size_t a = 0; a < s.assets.size(); ++a) out = std::max(out, d(a));
  return out;
}

// The share of the population whose settlement no hub reaches on day 0 over edges that nothing
// blocks (docs/model.md §5 and §7: an edge with blockers opens only when they end). Links a copy.
inline double share_without_access_on_day0(Scenario s) {
  plan::link_scenario(s, "test");
  const TaskSet t = plan::generate_tasks(s);
  const RoadNetwork& g = s.roads;
  std::vector<char> seen(g.num_nodes(), 0);
  std::vector<std::size_t> stack;
  for (const Hub& h : s.hubs) {
    if (!seen[h.node.index()]) stack.push_back(h.node.index());
    seen[h.node.index()] = 1;
  }
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    for (auto k = g.adj_offset[v]; k < g.adj_offset[v + 1]; ++k) {
      const EdgeId e = g.adj_edge[k];
      if (t.edge_blockers.count(e.index()) > 0) continue;
      const std::size_t w = g.other_end(e, NodeId(static_cast<std::uint32_t>(v))).index();
      if (!seen[w]) {
        seen[w] = 1;
        stack.push_back(w);
      }
    }
  }
  double all = 0, cut = 0;
  for (const Settlement& st : s.settlements) {
    all += static_cast<double>(st.population);
    if (!seen[st.node.index()]) cut += static_cast<double>(st.population);
  }
  return all > 0 ? cut / all : 0;
}

// The builders' workload (docs/model.md §3 and §6), computed from the parameters: each step's
// quantity at the builder trade with the highest rate for its activity, each damaged dwelling at
// the general trade's housing rates; against each trade's people × the working days one person
// supplies over `days` (season percentages from the start date, working days per week).
struct BuilderLoad {
  std::array<double, kTradeCount> person_days{};  // work, by trade
  std::array<double, kTradeCount> people{};
  std::array<double, kTradeCount> days_per_person{};  // working days one person supplies
  [[nodiscard]] double load(Trade t) const {
    const auto i = static_cast<std::size_t>(t);
    return people[i] > 0 ? person_days[i] / (people[i] * days_per_person[i]) : 0;
  }
  [[nodiscard]] double overall() const {
    double w = 0, c = 0;
    for (std::size_t t = 0; t < kTradeCount; ++t) {
      if (is_demining(static_cast<Trade>(t))) continue;
      w += person_days[t];
      c += people[t] * days_per_person[t];
    }
    return c > 0 ? w / c : 0;
  }
};

inline BuilderLoad builder_load(const Scenario& s, int days) {
  const Parameters& p = s.params;
  BuilderLoad out;
  auto rate = [&](std::size_t t, ActivityKind a) {
    return p.activity_rate[t][static_cast<std::size_t>(a)];
  };
  auto work = [&](ActivityKind a, double q) {
    std::size_t best = kTradeCount;
    for (std::size_t t = 0; t < kTradeCount; ++t) {
      if (!is_demining(static_cast<Trade>(t)) && rate(t, a) > 0 &&
          (best == kTradeCount || rate(t, a) > rate(best, a)))
        best = t;
    }
    ASSERT_LT(best, kTradeCount) << "no builder trade does " << name(a);
    out.person_days[best] += q / rate(best, a);
  };
  for (const Asset& a : s.assets) {
    for (const TemplateStep& st : p.templates[static_cast<std::size_t>(a.kind)])
      work(st.activity, st.per_unit * a.quantity);
  }
  for (const Settlement& st : s.settlements) {
    work(ActivityKind::kHouseLight, static_cast<double>(st.damaged_dwellings[0]));
    work(ActivityKind::kHouseHeavy, static_cast<double>(st.damaged_dwellings[1]));
    work(ActivityKind::kHouseRebuild, static_cast<double>(st.damaged_dwellings[2]));
  }
  for (const Crew& c : s.crews) out.people[static_cast<std::size_t>(c.trade)] += c.people;
  int y = 0, m = 0, d = 0;
  std::sscanf(p.start_date.c_str(), "%d-%d-%d", &y, &m, &d);
  const std::array<int, 12> month_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int day = 0; day < days; ++day) {
    for (std::size_t t = 0; t < kTradeCount; ++t)
      out.days_per_person[t] += p.season_percent[t][static_cast<std::size_t>(m - 1)] / 100.0 *
                                p.working_days_per_week / 7.0;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (++d > month_days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap ? 1 : 0)) {
      d = 1;
      if (++m == 13) {
        m = 1;
        ++y;
      }
    }
  }
  return out;
}

}  // namespace gw::gen::test

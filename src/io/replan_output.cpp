#include "io/replan_output.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace gw::io {

using nlohmann::json;

namespace {

json day_json(Minutes m) {
  if (m == kNever) return nullptr;
  return std::round(static_cast<double>(m) / kMinutesPerDay * 100) / 100;
}

}  // namespace

json replan_diff_json(const Scenario& s, const TaskSet& ts, const Plan& before,
                      const Evaluation& eb, const Plan& after, const Evaluation& ea, Minutes as_of,
                      const std::vector<char>& task_done, const std::vector<std::string>& why) {
  const std::size_t n = ts.tasks.size();
  std::vector<const Assignment*> b(n, nullptr), a(n, nullptr);
  for (const Assignment& x : before.assignments) b[x.task.index()] = &x;
  for (const Assignment& x : after.assignments) a[x.task.index()] = &x;
  std::size_t done = 0, kept = 0, moved = 0;
  double instability = 0;
  struct CrewChange {
    std::vector<std::uint32_t> gained, lost;
  };
  std::map<std::uint32_t, CrewChange> crews;
  for (std::size_t t = 0; t < n; ++t) {
    if (task_done[t] != 0) {
      ++done;
      continue;
    }
    if (b[t] == nullptr || a[t] == nullptr) continue;
    instability += std::abs(static_cast<double>(a[t]->start - b[t]->start)) / kMinutesPerDay;
    if (a[t]->crew == b[t]->crew) {
      ++kept;
    } else {
      ++moved;
      crews[static_cast<std::uint32_t>(a[t]->crew.index())].gained.push_back(
          static_cast<std::uint32_t>(t));
      crews[static_cast<std::uint32_t>(b[t]->crew.index())].lost.push_back(
          static_cast<std::uint32_t>(t));
    }
  }
  json cj = json::array();
  for (const auto& [c, ch] : crews) {
    cj.push_back({{"crew", s.crews[c].id},
                  {"tasks_gained", ch.gained.size()},
                  {"tasks_lost", ch.lost.size()},
                  {"first_gained", ch.gained.empty() ? json(nullptr) : json(ch.gained.front())},
                  {"first_lost", ch.lost.empty() ? json(nullptr) : json(ch.lost.front())}});
  }
  json sj = json::array();
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const Minutes ab = eb.settlement_access[i], aa = ea.settlement_access[i];
    const Minutes rb = eb.return_first[i], ra = ea.return_first[i];
    if (ab == aa && rb == ra) continue;
    auto delta = [](Minutes x, Minutes y) -> json {
      if (x == kNever || y == kNever) return nullptr;
      return std::round(static_cast<double>(y - x) / kMinutesPerDay * 100) / 100;
    };
    sj.push_back({{"id", s.settlements[i].id},
                  {"name", s.settlements[i].name},
                  {"access_day_before", day_json(ab)},
                  {"access_day_after", day_json(aa)},
                  {"access_days_later", delta(ab, aa)},
                  {"return_day_before", day_json(rb)},
                  {"return_day_after", day_json(ra)},
                  {"return_days_later", delta(rb, ra)}});
  }
  return json{
      {"as_of_day", day_json(as_of)},
      {"tasks", n},
      {"tasks_done", done},
      {"tasks_kept", kept},
      {"tasks_moved", moved},
      {"instability_days", std::round(instability * 100) / 100},
      {"people_days_displaced",
       {{"before", eb.people_days_displaced}, {"after", ea.people_days_displaced}}},
      {"people_days_without_access",
       {{"before", eb.people_days_without_access}, {"after", ea.people_days_without_access}}},
      {"makespan_days", {{"before", eb.makespan_days}, {"after", ea.makespan_days}}},
      {"crews", std::move(cj)},
      {"settlements", std::move(sj)},
      {"why", why}};
}

}  // namespace gw::io

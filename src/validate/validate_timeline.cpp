// The validator's timeline (docs/model.md §4-§6): the precedence the scenario implies, the
// plan's assignments, when each edge opens, each crew's sequence (travel, durations, connectivity
// to its base) and the precedence in time.
#include <atomic>
#include <exception>
#include <thread>

#include "validate/trip_search.hpp"
#include "validate/validate_internal.hpp"

namespace gw::validate::detail {

void Validator::build_precedence() {
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
  // Projects: a step after the steps it comes after; hazards on an asset before its first steps,
  // the built-up hazards of a settlement before its housing.
  std::vector<std::uint32_t> before;
  auto add_hazard = [&](std::uint32_t h, std::uint32_t only_corridor) {
    before.insert(before.end(), hz_[h].surveys.begin(), hz_[h].surveys.end());
    for (auto w : hz_[h].work_tasks) {
      if (!is_final(tasks_[w].kind)) continue;
      if (only_corridor != kNone && info_[w].corridor != only_corridor) continue;
      before.push_back(w);
    }
  };
  for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
    const bool road = cuts_road(sc_.assets[a].kind);
    before.clear();
    for (auto h : asset_hazards_[a]) add_hazard(h, road ? asset_edge_[a] : kNone);
    const auto& steps = asset_steps_[a];
    for (const auto& st : steps) {
      for (auto t : st.declared) {
        if (st.first()) preds_[t].insert(preds_[t].end(), before.begin(), before.end());
        for (auto j : st.after)
          preds_[t].insert(preds_[t].end(), steps[j].declared.begin(), steps[j].declared.end());
      }
    }
  }
  for (std::uint32_t s = 0; s < sc_.settlements.size(); ++s) {
    before.clear();
    for (auto h : built_up_hazards_[s]) add_hazard(h, kNone);
    for (const auto& st : housing_steps_[s]) {
      for (auto t : st.declared) preds_[t].insert(preds_[t].end(), before.begin(), before.end());
    }
  }
}

void Validator::assign() {
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

void Validator::compute_edge_open() {
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
    for (const auto& st : asset_steps_[a]) {
      if (!st.opens) continue;
      for (auto t : st.task) block(asset_edge_[a], end_of(t));
    }
  }
  edges_by_open_.clear();
  for (std::uint32_t e = 0; e < rn_.num_edges(); ++e) {
    if (net_.edge_ok[e] && open_[e] != kNever) edges_by_open_.push_back(e);
  }
  std::stable_sort(edges_by_open_.begin(), edges_by_open_.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return open_[x] < open_[y]; });
}

double Validator::daily_rate(std::uint32_t c, std::uint32_t t) const {
  const Crew& crew = sc_.crews[c];
  const auto trade = static_cast<std::size_t>(crew.trade);
  if (trade >= kTradeCount) return 0;
  const Task& k = tasks_[t];
  const double people = static_cast<double>(crew.people);
  if (k.kind == TaskKind::kRepair || k.kind == TaskKind::kHousing) {
    const auto activity = static_cast<std::size_t>(info_[t].activity);
    return people * P_.activity_rate[trade][activity] * crew.productivity_factor;
  }
  const auto terrain = static_cast<std::size_t>(sc_.hazards[info_[t].hazard].terrain);
  return people * P_.rate[trade][static_cast<std::size_t>(k.kind)] *
         P_.terrain_factor[trade][terrain] * crew.productivity_factor;
}

double Validator::work_factor(std::uint32_t t) const {
  switch (tasks_[t].kind) {
    case TaskKind::kSurvey:
      return 1.0;
    case TaskKind::kRepair:
      return sc_.assets[info_[t].asset].work_factor;
    case TaskKind::kHousing:
      return sc_.settlements[info_[t].settlement].housing_work_factor;
    default:
      return sc_.hazards[info_[t].hazard].work_factor;
  }
}

void Validator::check_crews() {
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
  // Each assignment's previous one in its crew's order (start, then end), for the rule on crews
  // that reported history left where the open roads do not reach their base (docs/model.md §5).
  std::vector<std::uint32_t> prev_of(na, kNone);
  {
    std::vector<std::vector<std::uint32_t>> seq(sc_.crews.size());
    for (std::uint32_t i = 0; i < na; ++i) {
      if (asg_ok_[i]) seq[plan_.assignments[i].crew.index()].push_back(i);
    }
    for (auto& list : seq) {
      std::stable_sort(list.begin(), list.end(), [&](std::uint32_t x, std::uint32_t y) {
        const auto& a = plan_.assignments[x];
        const auto& b = plan_.assignments[y];
        return a.start != b.start ? a.start < b.start : a.end < b.end;
      });
      for (std::size_t k = 1; k < list.size(); ++k) prev_of[list[k]] = list[k - 1];
    }
  }
  // Whether the previous entry node is cut off from the crew's base at the departure.
  std::vector<char> prev_cut(na, 0);
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
      if (base != kNone && prev_of[i] != kNone) {
        const NodeId pe = plan_.assignments[prev_of[i]].entry_node;
        prev_cut[i] =
            node_ok(pe) && dsu.find(base) != dsu.find(static_cast<std::uint32_t>(pe.index())) ? 1
                                                                                              : 0;
      }
      if (base == kNone || !node_ok(a.entry_node)) continue;
      if (dsu.find(base) != dsu.find(static_cast<std::uint32_t>(a.entry_node.index())))
        reach[i] = 0;
    }
  }

  std::vector<std::vector<std::uint32_t>> by_crew(sc_.crews.size());
  for (std::uint32_t i = 0; i < na; ++i) {
    if (asg_ok_[i]) by_crew[plan_.assignments[i].crew.index()].push_back(i);
  }
  trips_.begin_plan(open_);
  // Crews are independent here: with several threads, each thread takes the next crew not yet
  // checked, with its own searches, and the findings are joined in crew order, so the report is
  // the same for any number of threads. (Crews differ widely in cost: deminers' trips are long.)
  const std::size_t nc = sc_.crews.size();
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads_, nc));
  if (workers == 1) {
    for (std::uint32_t c = 0; c < nc; ++c)
      check_crew(c, by_crew[c], reach, prev_cut, trips_, sink_);
    return;
  }
  std::vector<Sink> sinks(nc);
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failed(workers);
  auto work = [&](std::size_t w, TripSearch& trips) {
    try {
      for (std::size_t c = next++; c < nc; c = next++) {
        check_crew(static_cast<std::uint32_t>(c), by_crew[c], reach, prev_cut, trips, sinks[c]);
      }
    } catch (...) {
      failed[w] = std::current_exception();
      next = nc;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) {
    pool.emplace_back([&, w] {
      TripSearch trips(trips_.index());  // allocates nothing until its first search
      trips.begin_plan(open_);
      work(w, trips);
    });
  }
  work(0, trips_);
  for (auto& t : pool) t.join();
  for (const auto& f : failed) {
    if (f) std::rethrow_exception(f);
  }
  for (auto& sink : sinks) sink_.absorb(std::move(sink));
}

void Validator::check_crew(std::uint32_t c, std::vector<std::uint32_t>& list,
                           const std::vector<char>& reach, const std::vector<char>& prev_cut,
                           TripSearch& trips, Sink& sink) const {
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
  bool prev_reported = false;
  for (auto i : list) {
    const Assignment& a = plan_.assignments[i];
    const auto t = static_cast<std::uint32_t>(a.task.index());
    // Formatted only for a finding: most assignments have none.
    const auto who = [&] { return cat(label(t), ", crew ", cid); };
    if (max_task != kNone && a.start < max_end) {
      sink.add(cat("crew ", cid, ": assignments of tasks ", max_task, " and ", t, " overlap"));
    }
    if (a.depart < prev_end) {
      if (prev_task == kNone) {
        sink.add(cat(who(), ": departs at ", a.depart, ", before time 0"));
      } else {
        sink.add(cat(who(), ": departs at ", a.depart, " before its previous task ", prev_task,
                     " ends at ", prev_end));
      }
    }
    // After reported history that left the crew where the roads open at its departure do not
    // connect to its base, the crew starts again from its base (docs/model.md §5).
    const bool from_base_after_reports = prev_task != kNone && prev_reported && prev_cut[i] != 0 &&
                                         a.from_node.valid() &&
                                         a.from_node.index() == crew_base_[c];
    if (prev_node != kNone && !from_base_after_reports &&
        (!a.from_node.valid() || a.from_node.index() != prev_node)) {
      sink.add(cat(who(), ": from_node ", a.from_node.value, ", expected ", prev_node,
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
      sink.add(cat(who(), ": entry node ", a.entry_node.value, " is not a node of the network"));
    } else if (site != kNone && rn_.edge_from[site] != a.entry_node &&
               rn_.edge_to[site] != a.entry_node) {
      sink.add(
          cat(who(), ": entry node ", a.entry_node.value, " is not an end of site edge ", site));
    }
    // A reported assignment is history (docs/model.md §5): its trip and duration are not
    // checked against the model.
    if (entry_ok && !reach[i] && !a.reported) {
      sink.add(cat(who(), ": site unreachable, entry node ", a.entry_node.value,
                   " not connected to base node ", crew_base_[c], " over roads open at ",
                   a.depart));
    } else if (entry_ok && !a.reported) {
      const std::uint32_t src = from_base_after_reports ? crew_base_[c]
                                : prev_node != kNone    ? prev_node
                                : node_ok(a.from_node)
                                    ? static_cast<std::uint32_t>(a.from_node.index())
                                    : kNone;
      if (a.start < a.depart) {
        sink.add(cat(who(), ": starts at ", a.start, " before it departs at ", a.depart));
      } else if (src != kNone && !a.route.empty()) {
        // The plan says which roads the crew drives: that route is what is checked.
        const Seconds budget = (a.start - a.depart) * 60;
        const auto dst = static_cast<std::uint32_t>(a.entry_node.index());
        const std::string fault = route_fault(a.route, src, dst, a.depart, budget);
        if (!fault.empty()) sink.add(cat(who(), ": route ", fault));
      } else if (src != kNone) {
        const Seconds budget = (a.start - a.depart) * 60;
        const auto dst = static_cast<std::uint32_t>(a.entry_node.index());
        const Seconds s = trips.trip_within(src, dst, a.depart, budget, open_);
        const Seconds full =
            s > budget
                ? trips.shortest(src, dst, a.depart, std::numeric_limits<Seconds>::max() / 2, open_)
                : s;
        if (s < 0 || full < 0) {
          sink.add(cat(who(), ": no road open at ", a.depart, " from node ", src, " to entry node ",
                       dst));
        } else if (s > budget) {
          sink.add(cat(who(), ": starts at ", a.start, ", before depart ", a.depart, " + travel ",
                       (full + 59) / 60, " min (node ", src, " to ", dst, ")"));
        }
      }
    }
    // Trade and duration: nominal minutes in the formula's order of operations (§6), then the
    // calendar.
    const double rate = daily_rate(c, t);
    if (!(rate > 0)) {
      sink.add(cat(who(), ": trade ", name(sc_.crews[c].trade), " cannot do this task"));
    } else if (!a.reported) {
      const double nominal = info_[t].work * work_factor(t) / rate * 1440.0 * 7.0 /
                             static_cast<double>(P_.working_days_per_week);
      const Minutes least = earliest_end(sc_.crews[c].trade, a.start, nominal);
      if (least == kNever) {
        sink.add(cat(who(), ": cannot end (", num(nominal), " nominal minutes)"));
      } else if (a.end < least) {
        sink.add(cat(who(), ": lasts ", a.end - a.start, " min, needs ", least - a.start, " min"));
      }
    }
    prev_end = a.end;
    prev_task = t;
    prev_reported = a.reported;
    prev_node = entry_ok ? static_cast<std::uint32_t>(a.entry_node.index()) : kNone;
    if (max_task == kNone || a.end > max_end) {
      max_end = a.end;
      max_task = t;
    }
  }
}

std::string Validator::route_fault(const std::vector<EdgeId>& route, std::uint32_t src,
                                   std::uint32_t dst, Minutes depart, Seconds budget) const {
  std::uint32_t at = src;
  Seconds total = 0;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const EdgeId id = route[i];
    if (!id.valid() || id.index() >= rn_.num_edges())
      return cat("entry ", i, ": edge ", id.value, " is not an edge of the network");
    const auto e = static_cast<std::uint32_t>(id.index());
    if (!net_.edge_ok[e] || net_.edge_s[e] < 0) return cat("edge ", e, " is not passable");
    if (net_.from[e] != at && net_.to[e] != at)
      return cat("edge ", e, " does not leave node ", at, " (entry ", i, ")");
    if (open_[e] > depart) {
      return cat("edge ", e, " is closed at ", depart,
                 open_[e] == kNever ? ", never opens" : cat(", opens at ", open_[e]));
    }
    at = net_.other(e, at);
    total += net_.edge_s[e];
  }
  if (at != dst) return cat("ends at node ", at, ", not entry node ", dst);
  if (total > budget) {
    return cat("takes ", (total + 59) / 60, " min, more than start ", depart + budget / 60,
               " - depart ", depart);
  }
  return {};
}

void Validator::check_step_crews() {
  std::vector<std::pair<Minutes, int>> events;
  for (std::uint32_t a = 0; a < sc_.assets.size(); ++a) {
    for (std::uint32_t i = 0; i < asset_steps_[a].size(); ++i) {
      const StepInfo& st = asset_steps_[a][i];
      if (st.declared.size() <= static_cast<std::size_t>(st.max_crews)) continue;
      events.clear();
      for (auto t : st.declared) {
        if (chosen_[t] == kNone || !asg_ok_[chosen_[t]]) continue;
        const Assignment& x = plan_.assignments[chosen_[t]];
        if (x.end <= x.start) continue;
        events.emplace_back(x.start, 1);
        events.emplace_back(x.end, -1);
      }
      std::sort(events.begin(), events.end());  // at one moment, ends before starts
      int crews = 0;
      for (const auto& [at, d] : events) {
        crews += d;
        if (crews > st.max_crews) {
          sink_.add(cat(step_name(a, i), ": ", crews, " crews at once at minute ", at,
                        ", max_crews is ", st.max_crews));
          break;
        }
      }
    }
  }
}

void Validator::check_precedence() {
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

}  // namespace gw::validate::detail

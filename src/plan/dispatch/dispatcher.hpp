// The event-driven dispatcher (docs/algorithms.md §3): crews, when free, choose their next task by
// a dispatch rule, over the roads open at that moment. This class only drives the simulation and
// the choice; its state lives in components held by value, each with one job:
//   TaskBoard        task states, precedence, the event queue        task_board.hpp
//   RoadState        open edges, components and their work counts    road_state.hpp
//   CrewPool         crew positions, idle crews by component         crew_pool.hpp
//   Travel           estimates, A* trips, day-0 tables               travel.hpp
//   TaskGrid         available tasks by node and by grid cell        task_grid.hpp
//   Scorer           durations, capability, the rules' scores        scoring.hpp
//   ImpactPriorities the impact rule's priorities                    priorities.hpp
//   HotLists         tasks on restoration paths, by priority         hot_lists.hpp
//   CandidateSet     one choice's search state                       candidates.hpp
// The choice (assign_next) is a few named steps in choice.cpp and far_lookup.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "network/dijkstra.hpp"
#include "plan/dispatch.hpp"
#include "plan/dispatch/candidates.hpp"
#include "plan/dispatch/crew_pool.hpp"
#include "plan/dispatch/hot_lists.hpp"
#include "plan/dispatch/priorities.hpp"
#include "plan/dispatch/road_state.hpp"
#include "plan/dispatch/scoring.hpp"
#include "plan/dispatch/task_board.hpp"
#include "plan/dispatch/task_grid.hpp"
#include "plan/dispatch/travel.hpp"

namespace gw::plan::dispatcher {

class Dispatcher {
 public:
  Dispatcher(const Scenario& s, const TaskSet& ts, const DispatchOptions& opt);
  DispatchResult run();

 private:
  // ---- the simulation (dispatcher.cpp) ----
  bool all_have_access();
  void make_available(std::uint32_t t);
  void open_edge(std::size_t e);
  void finish(std::uint32_t t);
  void dispatch_all(Minutes now, std::vector<std::uint32_t>& crews);
  void park(std::uint32_t c);
  // Re-planning: work already done (DispatchOptions::fixed), taken as given.
  void commit_fixed(const Assignment& a);
  void update_priorities(Minutes now);
  // Look-ahead bookkeeping: task t was just assigned, to end at `end`.
  void under_way(std::uint32_t t, Minutes end);

  // ---- the choice (choice.cpp, far_lookup.cpp) ----
  // Finds candidate tasks for crew c and assigns the best by the rule; false when there is none.
  bool assign_next(std::uint32_t c, Minutes now);
  // Whether a task the crew can do lies in its grid cell or the eight around it, in its component.
  bool work_nearby(std::uint32_t c, const ClassSet& cap);
  // The local search from the crew (or its day-0 table): the nearest available tasks, in travel
  // order, exact travel. Returns whether a search ran (its labels then hold real paths).
  bool near_candidates(std::uint32_t c, const ClassSet& cap, const SourceTable* table, bool nearby);
  // Whether tasks a and b score the same for every crew, travel and wait.
  [[nodiscard]] bool twins(std::uint32_t a, std::uint32_t b) const;
  // Nothing near: available tasks of the crew's component ranked by straight-line estimate.
  void far_candidates(std::uint32_t c, const Crew& crew, const ClassSet& cap);
  // Impact rule: the hot tasks of the crew's component compete too (estimated travel).
  void hot_candidates(std::uint32_t c, const ClassSet& cap);
  void add_listed(HotLists& lists, TaskState listed, bool ahead, std::uint32_t c,
                  std::uint32_t root, const ClassSet& cap);
  // The candidate the rule picks.
  std::size_t pick(const Crew& crew, Minutes now);
  // Exact travel for a pick known by an estimate only.
  void resolve_travel(std::uint32_t c, Candidate& pick, const SourceTable* table, bool searched);
  void commit(std::uint32_t c, const Candidate& pick, Minutes now, const SourceTable* table);

  // Look-ahead: minutes a crew leaving now with `travel_s` to go would wait for task t.
  [[nodiscard]] Minutes wait_min(std::uint32_t t, Minutes now, Seconds travel_s) const {
    return std::max<Minutes>(0, board_.ready_at(t) - (now + (travel_s + 59) / 60));
  }
  [[nodiscard]] double priority(std::uint32_t t) const { return prio_ ? (*prio_)[t] : 0.0; }
  // How far (estimated) a crew goes for a hot task: the optimiser may send crews further.
  [[nodiscard]] double far_limit_s(std::uint32_t t) const {
    const double f =
        opt_.reach_factor != nullptr ? static_cast<double>((*opt_.reach_factor)[t]) : 1.0;
    return static_cast<double>(opt_.far_travel_s) * f;
  }

  // A crew's search for nearby work settles at most this many nodes.
  static constexpr std::size_t kSearchNodes = 800;
  static constexpr std::uint32_t kNoTask = 0xFFFFFFFFU;

  const Scenario& s_;
  const TaskSet& ts_;
  const DispatchOptions& opt_;
  const RoadNetwork& net_;
  TaskBoard board_;
  RoadState roads_;
  Travel travel_;
  CrewPool crews_;
  Scorer scorer_;
  TaskGrid grid_;
  std::optional<ImpactPriorities> prio_;  // impact rule
  HotLists hot_;                          // available tasks on restoration paths
  HotLists soon_;                         // look-ahead: waiting, predecessors under way
  CandidateSet cands_;
  std::vector<std::pair<double, std::size_t>> window_;  // far lookup: (cell bound, cell slot)
  std::vector<std::size_t> deferred_;  // far lookup: window cells beyond the travel limit
  std::vector<NodeId> targets_;
  std::vector<NodeId> hub_nodes_;
  std::vector<Assignment> assignments_;
  DispatchStats stats_;
  std::vector<std::uint32_t> waiting_nodes_;  // settlement nodes not yet known to have access
  std::uint64_t checked_version_ = 0;
  // stop_when_all_returned: per task whether a return waits for it, and how many such tasks are
  // not assigned yet.
  std::vector<char> return_task_;
  std::size_t return_left_ = 0;
  bool stopped_early_ = false;
  bool aborted_ = false;
  std::uint32_t deadline_tick_ = 0;
};

}  // namespace gw::plan::dispatcher

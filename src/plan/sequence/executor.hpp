// Executes crews' task sequences (the decisions of a fixed plan) into a timed plan: each crew
// takes its tasks in its order, each as early as docs/model.md allows: after its predecessors,
// once its site can be reached over the roads open at departure, for the calendar's duration. The
// optimiser's local search (local_search.hpp) moves tasks within and between sequences and
// re-executes them. A plan made by the dispatch rules, turned into sequences and executed with
// least-travel trips, gives a plan whose every task ends no later (tests/plan/sequence: each crew
// keeps its order, and decides, as the dispatcher, at each event); with the default weighted A*
// a trip can be longer than the dispatcher's and the tasks after it later.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "network/dijkstra.hpp"
#include "plan/calendar.hpp"

namespace gw::plan::sequence {

// Each crew's tasks, in the order it does them.
struct Sequences {
  std::vector<std::vector<std::uint32_t>> by_crew;
};

// The top speed of a network's passable edges: the A* speed under which every trip is the least.
double least_travel_kmh(const RoadNetwork& roads);

// The sequences of a plan: each crew's assignments in start order.
Sequences sequences_of(const Plan& plan, std::size_t crews);

// Work already done or under way (re-planning, plan/replan.hpp): fixed as given, each crew's in
// start order; every crew takes its sequence from release_at, or the end of its fixed work, where
// that work left it (or at its base, when the roads open then do not connect the two:
// docs/model.md §5).
struct History {
  const std::vector<Assignment>* fixed = nullptr;
  Minutes release_at = 0;
};

struct Execution {
  Plan plan;              // ordered by crew, then start (as the dispatcher's)
  bool complete = false;  // every task of the sequences was done
  std::string why;        // when not complete: the first reason
  std::uint64_t nodes_settled = 0;
};

class Executor {
 public:
  // The scenario must be linked and `ts` generated from it; both must outlive the executor.
  // Trips are searched by A* with the straight line at `heuristic_speed_kmh`: the default (10
  // km/h, as the dispatcher's far trips) is a weighted A*, fast, whose paths can be longer than
  // the least; with the network's top speed (least_travel_kmh) each trip is the least.
  Executor(const Scenario& s, const TaskSet& ts, double heuristic_speed_kmh = 10);

  // Runs the sequences. A sequence that deadlocks (crews waiting on each other's later tasks), a
  // task no crew can reach, or a crew that cannot do its task leaves the execution incomplete; so
  // does the `deadline` passing (checked every 256 steps: one execution of a scale-4 district's
  // sequences, a search per trip, took longer than the optimiser's whole budget before the
  // searches for unreachable sites were skipped, and still takes seconds).
  // With `history`, the sequences hold the other tasks only, and the plan holds both.
  Execution run(const Sequences& seq,
                std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt,
                const History& history = {});

 private:
  struct Wake {
    Minutes time;
    std::uint32_t crew;
    std::uint32_t acted;  // the crew's wakes acted on when this one was set
    bool operator>(const Wake& o) const { return time != o.time ? time > o.time : crew > o.crew; }
  };
  struct Opening {
    Minutes time;
    std::uint32_t edge;
    bool operator>(const Opening& o) const {
      return time != o.time ? time > o.time : edge > o.edge;
    }
  };

  const Scenario& s_;
  const TaskSet& ts_;
  Calendar calendar_;
  network::Dijkstra search_;
  double heuristic_speed_kmh_;
  Csr<std::uint32_t> blocks_;            // task -> edges it blocks
  std::vector<std::uint32_t> blockers_;  // per edge: its number of blockers
};

}  // namespace gw::plan::sequence

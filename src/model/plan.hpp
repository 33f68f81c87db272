// A plan: which crew does which task, when. Plain data.
#pragma once

#include <string>
#include <vector>

#include "model/types.hpp"

namespace gw {

struct Assignment {
  TaskId task;
  CrewId crew;
  Minutes depart = 0;      // the crew leaves its previous site (or its base)
  Minutes start = 0;       // work starts: depart + travel (or later)
  Minutes end = 0;         // work ends
  NodeId from_node;        // where the crew left from
  NodeId entry_node;       // the end of the task's site edge the crew reached it through
  Minutes travel_min = 0;  // open-road travel time from from_node to entry_node at depart
};

struct Plan {
  std::string rule;                     // how it was made: "nearest", "impact", ...
  std::vector<Assignment> assignments;  // ordered by crew, then start
};

}  // namespace gw

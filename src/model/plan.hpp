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
  // History from field reports (`groundwork replan`, docs/replanning.md): the work was done, at
  // these times as far as the reports tell; the model's travel and duration rules do not bind it.
  bool reported = false;
  // The road edges the crew drives from from_node to entry_node, in order, over roads open at
  // depart (docs/model.md §5): the trip the planner timed. Empty when the plan does not say
  // (reported history, a trip of no travel, a plan from elsewhere); the trip's feasibility is then
  // checked by search.
  std::vector<EdgeId> route;
};

struct Plan {
  std::string rule;  // how it was made: "nearest", "impact", ...
  // A re-plan (`groundwork replan`): the moment it was made from; the work before it is reported
  // history. 0 for a plan made from day 0.
  Minutes as_of = 0;
  // A re-plan: the work factors (model.md §6) it planned the rest with, per hazard and per asset,
  // the scenario's times the pace the reports showed. A later re-plan judges the field's pace
  // against these. Empty: the scenario's own.
  std::vector<double> hazard_work_factor;
  std::vector<double> asset_work_factor;
  std::vector<Assignment> assignments;  // ordered by crew, then start
};

}  // namespace gw

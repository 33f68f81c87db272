// The impact rule's gains from bringing the displaced home (docs/model.md §7), in people per day of
// work: a settlement's displaced people wait for its built-up hazards, the supply chains of its
// essential services (power, water, heat) and, when its intact dwellings cannot house them, its
// housing; Smith's rule shares them over that work, so that settlements with many people and
// little work left come first and work that serves many settlements (a substation) gains from all.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan::dispatcher {

// Asset `a` and, recursively, every asset it depends on (each once).
std::vector<std::uint32_t> supply_chain(const Scenario& s, std::size_t a);

// Per task, the displaced people (times their settlement's weight) whose return waits for it,
// divided by the nominal days of all the work their return waits for (`nominal_days` per task).
std::vector<double> return_priorities(const Scenario& s, const TaskSet& ts,
                                      const std::vector<double>& nominal_days);

}  // namespace gw::plan::dispatcher

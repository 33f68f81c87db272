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

// Per settlement, the tasks its displaced people's return waits for: its built-up hazards' tasks,
// the projects of its essential services' supply chains and, when its intact dwellings cannot take
// everyone back, its housing, each with all its transitive predecessors (the hazards on a line's
// site come first). Empty for settlements nobody left.
Csr<std::uint32_t> return_work(const Scenario& s, const TaskSet& ts);

// Per task, the displaced people (times their settlement's weight) whose return waits for it,
// divided by the nominal days (`nominal_days` per task) of all the work their return still waits
// for (the tasks of `work` not `done`); tasks done get nothing.
std::vector<double> return_priorities(const Scenario& s, const Csr<std::uint32_t>& work,
                                      const std::vector<double>& nominal_days,
                                      const std::vector<char>& done);

}  // namespace gw::plan::dispatcher

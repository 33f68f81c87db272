// The impact rule's gains from bringing the displaced home (docs/model.md §7), in people per day of
// work. A settlement's displaced people wait for its *gate*: its built-up hazards, the supply
// chains of its essential services (power, water, heat) and its access (the access part of the
// priorities, priorities.hpp), with every transitive predecessor (the hazards on a line's site).
// Once the gate is done, those the intact dwellings can house return; each housing package then
// brings back the people its dwellings hold. That is a chain (the gate, then the packages), and
// Smith's rule for chains (Sidney 1975) gives the gate the best ratio of people back over days of
// work among the chain's prefixes (the gate with the packages that pay most per day), shared by the
// packages of that prefix; each later package gets its own people over its days. Work that several
// settlements wait for (a substation) gains from each.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan::dispatcher {

// Asset `a` and, recursively, every asset it depends on (each once).
std::vector<std::uint32_t> supply_chain(const Scenario& s, std::size_t a);

// Per settlement, what its displaced people's return waits for. Empty for settlements nobody left.
struct ReturnWork {
  Csr<std::uint32_t> gate;     // built-up hazards, essential supply chains, their predecessors
  Csr<std::uint32_t> housing;  // the housing packages
};
ReturnWork return_work(const Scenario& s, const TaskSet& ts);

// Per task, its gain from the returns it brings closer (people × settlement weight per nominal day
// of work; `nominal_days` per task), over the work not `done` yet; tasks done get nothing.
// `settlement_factor` (optional, one per settlement) multiplies each settlement's gains.
// `ends` (optional, per task): the days from now until the task can end (estimate_ends); with
// `slack_days` > 0 each task's share of a settlement's gain is discounted by exp(-slack /
// slack_days), the slack being how much earlier than the settlement's gate it can end (the gate's
// latest estimated end, less the task's own; for a housing package, less its nominal days).
std::vector<double> return_priorities(const Scenario& s, const TaskSet& ts, const ReturnWork& work,
                                      const std::vector<double>& nominal_days,
                                      const std::vector<char>& done,
                                      const std::vector<float>* settlement_factor = nullptr,
                                      const std::vector<double>* ends = nullptr,
                                      double slack_days = 0);

// Per task, the days from now until it can end: 0 for the tasks done, the tasks under way at their
// end (`end_min`, minutes; -1 for tasks not under way), the others at their nominal days after
// their latest predecessor. `order` lists the tasks predecessors first.
void estimate_ends(const TaskSet& ts, const std::vector<std::uint32_t>& order,
                   const std::vector<double>& nominal_days, const std::vector<char>& done,
                   const std::vector<Minutes>& end_min, Minutes now_min, std::vector<double>& out);

}  // namespace gw::plan::dispatcher

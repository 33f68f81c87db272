// Drawing truths (docs/uncertainty.md): what a district turns out to hold, sampled from the
// distributions of its parameters.uncertainty, and the task efforts a truth implies.
#pragma once

#include <cstdint>

#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/truth.hpp"

namespace gw::plan {

// One truth of scenario `s` for `seed`. Each hazard, crew, asset, settlement and month draws from
// a stream of its own, keyed by the seed and its id (or month): the draw of one does not depend on
// how many others the scenario has or in which order. Deterministic for a seed on one build (the
// distributions are the standard library's).
Truth draw_truth(const Scenario& s, std::uint64_t seed);

// The seed of sample `i` of a forecast with seed `seed` (a hash of both: a truth seed given to
// `simulate` meets it only by chance, about 2^-64 per pair).
std::uint64_t sample_seed(std::uint64_t seed, std::uint64_t i);

// Sets every task's effort (Task::effort) from the work factors of `s` (docs/model.md §6): what
// generate_tasks does, for a task set generated from a scenario that differs from `s` in its work
// factors only.
void set_efforts(TaskSet& ts, const Scenario& s);

}  // namespace gw::plan

// Reads a plan.json written by gw::io::write_outputs() back into tasks and a plan, for the
// validator. The tasks are returned as written (the validator regenerates its own and compares);
// ids of hazards, assets and crews are resolved against the scenario.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::io {

// Throws gw::Error naming the file and the element at fault:
//   kIo           the file cannot be read;
//   kParse        not JSON, or a field of the wrong JSON type;
//   kInvalidInput a well-formed value that makes no sense (unknown kind, crew, hazard, asset,
//                 settlement, activity; an edge, node, step or dwelling count out of range; ids
//                 not 0..n-1; end before start).
// Plan.assignments are ordered by crew, then start; unassigned tasks (crew null) have none.
std::pair<std::vector<Task>, Plan> read_plan_json(const std::filesystem::path& path,
                                                  const Scenario& s);
// The same from text; `source` names it in messages.
std::pair<std::vector<Task>, Plan> parse_plan_json(std::string_view text, std::string_view source,
                                                   const Scenario& s);

}  // namespace gw::io

// Printing the what-if comparison (`groundwork compare`): a side-by-side table for people, one
// JSON object for programs.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "model/comparison.hpp"

namespace gw::io {

// The comparison as text: key figures of A and B side by side with the change, then the `top`
// settlements gaining and losing the most people-days of access, and totals.
std::string compare_text(const Comparison& c, std::size_t top);

// The same as one JSON object: {"a": figures, "b": figures, "changes": [...], "settlements":
// {"gained": n, "lost": n, "unchanged": n, "people_days_gained": x, "people_days_lost": x,
// "top_gains": [...], "top_losses": [...]}}. Days are null when never reached.
nlohmann::json compare_json(const Comparison& c, std::size_t top);

}  // namespace gw::io

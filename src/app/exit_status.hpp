// The process exit statuses (README, "Exit statuses"): the one place that maps gw::ErrorCode to a
// status. Only the front end turns errors into statuses; a bad command line exits with CLI11's own.
#pragma once

#include "model/error.hpp"

namespace gw::app {

inline constexpr int kExitSuccess = 0;
// An exception that is not a gw::Error (a bug or an exhausted resource).
inline constexpr int kExitUnexpected = 1;

// Distinct per code and never 0 or kExitUnexpected: 2 internal, 3 I/O, 4 parse, 5 invalid input,
// 6 infeasible, 7 unsupported, 8 invalid plan.
constexpr int exit_status(ErrorCode code) { return 1 + static_cast<int>(code); }

}  // namespace gw::app

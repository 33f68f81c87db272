// Readers for PSPLIB project files: single-mode `.sm` and multi-mode `.mm` (renewable and
// non-renewable resources). Malformed input throws gw::Error(kParse, "file:line: expected ...").
#pragma once

#include <string>
#include <string_view>

#include "sched/instance.hpp"

namespace gw::io {

// Documented ranges: the reader rejects (kParse, "file:line: expected ... between lo and hi") any
// number outside them, so that nothing downstream overflows a 32-bit int (n x demand, the sum of
// durations) and the engine's memory stays bounded. PSPLIB's largest sets (j120, RG300, mm j30)
// lie far inside. The sum over jobs of the longest mode (the engine's horizon) has its own limit,
// sched::kMaxHorizon, checked by sched::validate.
inline constexpr int kPsplibMaxJobs = 10000;       // incl. source and sink: an n x n arc bitmap
inline constexpr int kPsplibMaxModes = 100;        // per job
inline constexpr int kPsplibMaxResources = 16;     // renewable, and non-renewable, each
inline constexpr int kPsplibMaxDuration = 100000;  // periods, per mode
inline constexpr int kPsplibMaxQuantity = 100000;  // each demand and each availability

// Parses the text of a PSPLIB file; `source` names it in error messages.
sched::Instance parse_psplib(std::string_view text, const std::string& source);
// Reads a file (kIo when it cannot be opened).
sched::Instance read_psplib(const std::string& path);

}  // namespace gw::io

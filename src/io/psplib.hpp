// Readers for PSPLIB project files: single-mode `.sm` and multi-mode `.mm` (renewable and
// non-renewable resources). Malformed input throws gw::Error(kParse, "file:line: expected ...").
#pragma once

#include <string>
#include <string_view>

#include "sched/instance.hpp"

namespace gw::io {

// Parses the text of a PSPLIB file; `source` names it in error messages.
sched::Instance parse_psplib(std::string_view text, const std::string& source);
// Reads a file (kIo when it cannot be opened).
sched::Instance read_psplib(const std::string& path);

}  // namespace gw::io

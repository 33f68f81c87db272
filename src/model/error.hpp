// Typed errors with stable codes. The library throws gw::Error; only front ends turn it into text
// or JSON and an exit status.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gw {

enum class ErrorCode : int {
  kInternal = 1,
  kIo = 2,            // a file cannot be opened, read or written
  kParse = 3,         // malformed syntax (JSON, PSPLIB, CSV, ...)
  kInvalidInput = 4,  // well-formed but semantically wrong input (a negative area, unknown enum)
  kInfeasible = 5,    // the instance has no feasible solution
  kUnsupported = 6,   // a feature or format groundwork does not handle
  kInvalidPlan = 7,   // the validator rejected a plan
};

constexpr std::string_view error_code_name(ErrorCode c) {
  switch (c) {
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kParse:
      return "parse";
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kInfeasible:
      return "infeasible";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kInvalidPlan:
      return "invalid_plan";
  }
  return "unknown";
}

class Error : public std::runtime_error {
 public:
  // std::runtime_error copies the message whatever it is given: it has no constructor that takes
  // a string by value or by rvalue reference.
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// A text cut after about `max` characters (on a UTF-8 boundary) with the full length noted, control
// characters shown as '?': for messages that may carry a huge value (a library's error quoting a
// 50 MB token, a bad attribute).
inline std::string cut_text(std::string_view v, std::size_t max = 80) {
  std::size_t n = v.size() <= max ? v.size() : max;
  if (n < v.size()) {
    while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0U) == 0x80U) --n;
  }
  std::string out;
  out.reserve(n + 32);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    out += c < 0x20U || c == 0x7FU ? '?' : static_cast<char>(c);
  }
  if (n < v.size()) out += "... (" + std::to_string(v.size()) + " characters)";
  return out;
}

// An offending value as quoted in an error message: in single quotes and cut by cut_text, so that
// a 50 MB bad value never ends up whole on stderr. Every reader quotes values through this.
inline std::string quote_value(std::string_view v, std::size_t max = 80) {
  std::string q = cut_text(v, max);
  const std::size_t dots = v.size() <= max ? std::string::npos : q.rfind("... (");
  if (dots == std::string::npos) return "'" + q + "'";
  return "'" + q.substr(0, dots) + "'" + q.substr(dots);
}

}  // namespace gw

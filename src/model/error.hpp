// Typed errors with stable codes. The library throws gw::Error; only front ends turn it into text
// or JSON and an exit status.
#pragma once

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

}  // namespace gw

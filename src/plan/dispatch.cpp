#include "plan/dispatch.hpp"

#include "plan/dispatch/dispatcher.hpp"

namespace gw::plan {

std::string_view rule_name(Rule r) { return r == Rule::kNearest ? "nearest" : "impact"; }
std::optional<Rule> rule_from_name(std::string_view s) {
  if (s == "nearest") return Rule::kNearest;
  if (s == "impact") return Rule::kImpact;
  return std::nullopt;
}

DispatchResult dispatch(const Scenario& s, const TaskSet& tasks, const DispatchOptions& opt) {
  dispatcher::Dispatcher d(s, tasks, opt);
  return d.run();
}

}  // namespace gw::plan

// Test support: the routes a plan states (docs/model.md §5).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>

#include "model/plan.hpp"

namespace gw::test {

// The number of assignments that state a route.
inline std::size_t stated_routes(const Plan& plan) {
  std::size_t n = 0;
  for (const Assignment& a : plan.assignments) n += a.route.empty() ? 0 : 1;
  return n;
}

// Every trip that moves the crew states its route (the dispatcher and the sequence executor always
// do); the validator, run on the plan beside this, holds each one to the rules.
inline void expect_routes_stated(const Plan& plan) {
  for (const Assignment& a : plan.assignments) {
    if (a.from_node != a.entry_node) {
      EXPECT_FALSE(a.route.empty()) << "task " << a.task.value;
    }
  }
  EXPECT_GT(stated_routes(plan), 0U);
}

}  // namespace gw::test

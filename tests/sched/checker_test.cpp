#include "sched/checker.hpp"

#include <gtest/gtest.h>

#include "io/psplib.hpp"
#include "sched_test_util.hpp"

namespace gw::sched::test {
namespace {

TEST(Checker, AcceptsAValidSchedule) {
  const Instance inst = io::parse_psplib(kSmallSm, "s.sm");
  // 2 in [0,3), 4 in [0,3), 3 in [3,7), sink at 7.
  const auto rep = check_schedule(inst, {0, 0, 3, 0, 7}, {0, 0, 0, 0, 0});
  EXPECT_TRUE(rep.ok) << (rep.errors.empty() ? "" : rep.errors[0]);
  EXPECT_EQ(rep.makespan, 7);
}

TEST(Checker, RejectsOverCapacity) {
  const Instance inst = io::parse_psplib(kSmallSm, "s.sm");
  const auto rep = check_schedule(inst, {0, 0, 2, 0, 7}, {0, 0, 0, 0, 0});  // 2 and 3 overlap at 2
  EXPECT_FALSE(rep.ok);
  ASSERT_FALSE(rep.errors.empty());
  EXPECT_NE(rep.errors[0].find("over capacity in period 2"), std::string::npos) << rep.errors[0];
}

TEST(Checker, RejectsPrecedenceViolation) {
  const Instance inst = io::parse_psplib(kSmallSm, "s.sm");
  const auto rep = check_schedule(inst, {0, 0, 3, 0, 6}, {0, 0, 0, 0, 0});  // sink before 3 ends
  EXPECT_FALSE(rep.ok);
  EXPECT_NE(rep.errors.at(0).find("precedence 3 -> 5"), std::string::npos) << rep.errors[0];
}

TEST(Checker, RejectsBudgetAndBadShapes) {
  const Instance inst = io::parse_psplib(small_mm(4), "m.mm");
  // Both fast modes: 6 > 4.
  auto rep = check_schedule(inst, {0, 0, 1, 2}, {0, 0, 0, 0});
  EXPECT_FALSE(rep.ok);
  EXPECT_NE(rep.errors.at(0).find("over budget"), std::string::npos) << rep.errors[0];
  rep = check_schedule(inst, {0, 0, 1, 4}, {0, 0, 1, 0});
  EXPECT_TRUE(rep.ok) << rep.errors.at(0);
  EXPECT_FALSE(check_schedule(inst, {0, 0, 1}, {0, 0, 1}).ok);
  EXPECT_FALSE(check_schedule(inst, {0, 0, 1, 4}, {0, 0, 2, 0}).ok);
  EXPECT_FALSE(check_schedule(inst, {-1, 0, 1, 4}, {0, 0, 1, 0}).ok);
}

}  // namespace
}  // namespace gw::sched::test

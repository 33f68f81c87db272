#include <gtest/gtest.h>

#include <string>

#include "io/psplib.hpp"
#include "model/error.hpp"
#include "sched_test_util.hpp"

namespace gw::sched::test {
namespace {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

// Expects a kParse error whose message starts with "src:LINE:" and mentions `what`.
void expect_parse_error(const std::string& text, int line, const std::string& what) {
  try {
    (void)io::parse_psplib(text, "bad.sm");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParse);
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("bad.sm:" + std::to_string(line) + ":", 0), 0U) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  }
}

TEST(PsplibReader, ReadsSingleMode) {
  const Instance inst = io::parse_psplib(kSmallSm, "dir/made_up.sm");
  EXPECT_EQ(inst.name, "made_up");
  ASSERT_EQ(inst.num_jobs(), 5);
  EXPECT_EQ(inst.renewable_capacity, std::vector<int>{3});
  EXPECT_TRUE(inst.nonrenewable_capacity.empty());
  EXPECT_EQ(inst.jobs[0].successors, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(inst.jobs[2].modes.at(0).duration, 4);
  EXPECT_EQ(inst.jobs[2].modes.at(0).renewable, std::vector<int>{2});
  EXPECT_FALSE(inst.multi_mode());
}

TEST(PsplibReader, ReadsMultiModeWithContinuationRows) {
  const Instance inst = io::parse_psplib(small_mm(4), "m.mm");
  ASSERT_EQ(inst.num_jobs(), 4);
  EXPECT_EQ(inst.nonrenewable_capacity, std::vector<int>{4});
  ASSERT_EQ(inst.jobs[1].modes.size(), 2U);
  EXPECT_EQ(inst.jobs[1].modes[1].duration, 3);
  EXPECT_EQ(inst.jobs[1].modes[1].nonrenewable, std::vector<int>{1});
  EXPECT_TRUE(inst.multi_mode());
}

TEST(PsplibReader, ErrorsNameFileLineAndExpectation) {
  expect_parse_error(replace_once(kSmallSm, "   2        1          1           5",
                                  "   2        1          2           5"),
                     20, "expected 2 successors for job 2");
  expect_parse_error(replace_once(kSmallSm, "  3      1     4       2", "  3      1     x       2"),
                     30, "found 'x'");
  expect_parse_error(replace_once(kSmallSm, "  4      1     3       1", "  4      1     3"), 31,
                     "expected a request row");
  expect_parse_error(replace_once(kSmallSm, "   4        1          1           5",
                                  "   4        1          1           9"),
                     22, "a successor between 1 and 5");
  expect_parse_error(replace_once(kSmallSm, "    3\n****", "    three\n****"), 36,
                     "resource availabilities");
  // Truncated file: the section is missing.
  const std::string s = kSmallSm;
  expect_parse_error(s.substr(0, s.find("RESOURCEAVAILABILITIES")), 33, "RESOURCEAVAILABILITIES");
  expect_parse_error("hello\n", 1, "jobs (incl. supersource/sink");
}

TEST(PsplibReader, MissingFileIsAnIoError) {
  try {
    (void)io::read_psplib("/nonexistent/x.sm");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
  }
}

TEST(PsplibReader, CycleIsAParseError) {
  const std::string t =
      replace_once(kSmallSm, "   5        1          0", "   5        1          1           2");
  try {
    (void)io::parse_psplib(t, "cyc.sm");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParse);
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace gw::sched::test

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

// Every number has a documented range: a fraction, a count that wraps a 32-bit int, a duration
// or demand beyond the limit are errors naming the line, not silently truncated values.
TEST(PsplibReader, RejectsNonIntegersAndOutOfRangeNumbers) {
  expect_parse_error(replace_once(kSmallSm, "sink ):  5", "sink ):  32.5"), 6,
                     "the number of jobs between 1 and 10000 after ':', found '32.5'");
  expect_parse_error(replace_once(kSmallSm, "sink ):  5", "sink ):  4294967297"), 6,
                     "found '4294967297'");
  expect_parse_error(replace_once(kSmallSm, "sink ):  5", "sink ):  5 6"), 6, "found '5 6'");
  expect_parse_error(replace_once(kSmallSm, "renewable                 :  1   R",
                                  "renewable                 :  99   R"),
                     9, "renewable resources between 0 and 16");
  // A mode count of 2^32 + 1 used to wrap to 1.
  expect_parse_error(replace_once(kSmallSm, "   2        1          1           5",
                                  "   2        4294967297          1           5"),
                     20, "between 1 and 100 modes for job 2, found 4294967297");
  expect_parse_error(replace_once(kSmallSm, "   2        1          1           5",
                                  "   2        1          9223372036854775807           5"),
                     20, "successors for job 2");
  expect_parse_error(
      replace_once(kSmallSm, "  3      1     4       2", "  3      1     100001       2"), 30,
      "a duration between 0 and 100000, found 100001");
  expect_parse_error(
      replace_once(kSmallSm, "  3      1     4       2", "  3      1     4       -2"), 30,
      "demands between 0 and 100000, found -2");
  expect_parse_error(replace_once(kSmallSm, "  3      1     4       2",
                                  "  3      1     4       99999999999999999999"),
                     30, "found '99999999999999999999'");
  expect_parse_error(replace_once(kSmallSm, "    3\n****", "    2147483648\n****"), 36,
                     "availabilities between 0 and 100000");
}

// A value quoted in an error is cut to about 80 characters.
TEST(PsplibReader, QuotesAtMostEightyCharactersOfABadValue) {
  const std::string huge(100000, '7');
  try {
    (void)io::parse_psplib(
        replace_once(kSmallSm, "  3      1     4       2", "  3      1     4       x" + huge),
        "bad.sm");
    FAIL();
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_LT(msg.size(), 300U) << msg.substr(0, 300);
    EXPECT_NE(msg.find("(100001 characters)"), std::string::npos) << msg;
  }
}

// A long chain of long jobs: the horizon (sum of the longest durations) would size the engine's
// time-indexed profile at gigabytes; it is refused up front with the limit named.
TEST(PsplibReader, HorizonBeyondTheEngineLimitIsUnsupported) {
  std::string t = kSmallSm;
  t = replace_once(t, "  2      1     3       2", "  2      1     100000       2");
  t = replace_once(t, "  3      1     4       2", "  3      1     100000       2");
  EXPECT_NO_THROW((void)io::parse_psplib(t, "ok.sm"));
  // 10,000 jobs in a chain, 100,000 periods each: 10^9 periods.
  std::string chain =
      "jobs (incl. supersource/sink ):  10000\n  - renewable : 1\n"
      "  - nonrenewable : 0\n  - doubly constrained : 0\nPRECEDENCE RELATIONS:\n"
      "jobnr. #modes #successors successors\n";
  for (int j = 1; j <= 10000; ++j) {
    chain += std::to_string(j) + " 1 " + (j < 10000 ? "1 " + std::to_string(j + 1) : "0") + "\n";
  }
  chain += "REQUESTS/DURATIONS:\njobnr. mode duration R 1\n----\n";
  for (int j = 1; j <= 10000; ++j) chain += std::to_string(j) + " 1 100000 1\n";
  chain += "RESOURCEAVAILABILITIES:\n R 1\n 1\n";
  try {
    (void)io::parse_psplib(chain, "chain.sm");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnsupported);
    EXPECT_NE(std::string(e.what()).find("limit of 2000000"), std::string::npos) << e.what();
  }
}

TEST(PsplibReader, DirectoryIsAnIoError) {
  try {
    (void)io::read_psplib("/tmp");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
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

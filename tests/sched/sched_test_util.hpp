// Helpers shared by the sched tests: small made-up PSPLIB texts and the shared-data location.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace gw::sched::test {

inline std::string shared_dir() {
  if (const char* e = std::getenv("GW_SHARED_DIR")) return e;
  return GW_SHARED_DIR;
}

inline std::string psplib_dir() { return shared_dir() + "/benchmarks/psplib"; }

// A 5-job single-mode instance (3 real jobs, one resource of capacity 3). Optimum 7: jobs 2 and 3
// (demand 2 each) cannot overlap; job 4 (demand 1) runs alongside.
inline const char* kSmallSm = R"(************************************************************************
file with basedata            : made_up.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  10
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      3      0       4        0       4
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          3           2   3   4
   2        1          1           5
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     4       2
  4      1     3       1
  5      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1
    3
************************************************************************
)";

// A multi-mode instance: 2 real jobs with 2 modes each, one renewable (capacity 1) and one
// non-renewable resource. Fast modes cost 3 units of N1 each; the budget `budget` decides what is
// possible: 6 -> both fast (makespan 2 in series), 4 -> one fast one slow (1 + 3 = 4), 2 -> both
// slow (6), 1 -> infeasible.
inline std::string small_mm(int budget) {
  return std::string(R"(************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  8
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  1   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        2          1           4
   3        2          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  N 1
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     1       1    3
         2     3       1    1
  3      1     1       1    3
         2     3       1    1
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  N 1
    1    )") + std::to_string(budget) + R"(
************************************************************************
)";
}

}  // namespace gw::sched::test

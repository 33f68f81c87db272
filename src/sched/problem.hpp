// The engine's internal, flat view of an Instance after preprocessing: modes that can never be
// used are removed (a renewable demand above capacity, a non-renewable demand that cannot fit the
// budget with every other job at its cheapest mode, and modes dominated by another mode of the
// same job), redundant non-renewable resources are dropped, and everything is laid out in flat
// arrays for the schedule generation schemes. Indices: job j, compiled mode m -> j * max_modes + m.
#pragma once

#include <string>
#include <vector>

#include "sched/instance.hpp"

namespace gw::sched {

struct Problem {
  int n = 0;                   // jobs
  int R = 0;                   // renewable resources
  int N = 0;                   // non-renewable resources kept (non-redundant)
  int M = 1;                   // max modes per job after reduction
  std::vector<int> cap;        // R
  std::vector<int> nr_cap;     // N
  std::vector<int> nmodes;     // n
  std::vector<int> mode_orig;  // n*M : the original (Instance) mode index
  std::vector<int> dur;        // n*M
  std::vector<int> dem;        // n*M*R
  std::vector<int> nr;         // n*M*N
  std::vector<int> nz_off;     // n*M+1 : CSR of the non-zero renewable demands
  std::vector<int> nz_res;
  std::vector<int> nz_qty;
  std::vector<int> pred_off, preds;  // CSR, n+1
  std::vector<int> succ_off, succs;  // CSR, n+1
  std::vector<int> rank;             // position in a topological order
  std::vector<int> min_dur;          // n
  int horizon = 0;                   // sum over jobs of the longest mode: any SGS stays below it
  bool infeasible = false;           // proven by preprocessing
  std::string infeasible_reason;

  [[nodiscard]] int jm(int j, int m) const { return j * M + m; }
  [[nodiscard]] bool multi_mode() const { return M > 1 || N > 0; }
};

// The exact budget tables (jobs x (first budget + 1) ints, filled in jobs x budget x modes steps)
// are built only up to this many cells; beyond, the heuristic path is taken, so that a large budget
// costs neither gigabytes nor minutes. PSPLIB's mm sets need a few thousand cells.
inline constexpr long long kMaxBudgetTableCells = 1LL << 22;
[[nodiscard]] inline bool budget_table_fits(long long rows, int budget) {
  return rows * (static_cast<long long>(budget) + 1) <= kMaxBudgetTableCells;
}

// Throws gw::Error(kInvalidInput) for inconsistent data (see validate()).
Problem compile(const Instance& inst);

// A mode assignment (compiled indices) that respects every non-renewable budget. Exact (dynamic
// programming) for up to two non-renewable resources, a repair heuristic beyond. Returns false when
// none exists (exact case) or none was found.
bool find_nonrenewable_feasible_modes(const Problem& p, std::vector<int>& modes,
                                      bool* exact = nullptr);

// The single-mode project left when every job's compiled mode is fixed to `modes[j]`: same jobs,
// arcs and renewable capacities, no non-renewable resource (the caller checks the budgets).
// mode_orig keeps the original index of the chosen mode.
Problem fix_modes(const Problem& p, const std::vector<int>& modes);

}  // namespace gw::sched

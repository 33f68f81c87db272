// Time limits for the engine: wall-clock seconds or the calling thread's CPU seconds.
// A CPU-time limit measures the work one core did for the search, so a result does not depend on
// how many other processes share the machine (the PSPLIB figures in docs/benchmarks.md use it).
#pragma once

#include <chrono>
#include <ctime>

namespace gw::sched {

enum class TimeBasis {
  kWall,       // steady clock: the limit is elapsed real time
  kThreadCpu,  // CLOCK_THREAD_CPUTIME_ID of the thread that measures: the limit is its CPU time
};

// CPU seconds consumed by the calling thread so far.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Measures from its construction on the chosen basis. A kThreadCpu stopwatch must be read from
// the thread that created it.
class Stopwatch {
 public:
  explicit Stopwatch(TimeBasis basis = TimeBasis::kWall)
      : basis_(basis),
        wall0_(std::chrono::steady_clock::now()),
        cpu0_(basis == TimeBasis::kThreadCpu ? thread_cpu_seconds() : 0.0) {}
  [[nodiscard]] double seconds() const {
    if (basis_ == TimeBasis::kThreadCpu) return thread_cpu_seconds() - cpu0_;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0_).count();
  }
  [[nodiscard]] double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0_).count();
  }
  [[nodiscard]] TimeBasis basis() const { return basis_; }

 private:
  TimeBasis basis_;
  std::chrono::steady_clock::time_point wall0_;
  double cpu0_;
};

}  // namespace gw::sched

// Forecasts (docs/uncertainty.md): the plan's policy executed against many drawn truths of the
// district, with P10 / P50 / P90 of every key date, the probability of meeting each milestone and
// which uncertain inputs move the headline figure most. Also the execution of one truth, for
// `groundwork simulate`. No I/O: src/io/forecast_output.hpp writes the results.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/evaluation.hpp"
#include "model/forecast.hpp"
#include "model/parameters.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "model/truth.hpp"
#include "plan/dispatch.hpp"

namespace gw::forecast {

// One sample executed: the truth, the district as the truth makes it, its tasks (the planned
// scenario's, with the truth's efforts), the executed plan and its measures.
struct Execution {
  Truth truth;
  Scenario scenario;  // linked: the planned scenario with the truth applied (model/truth.hpp)
  TaskSet tasks;
  Plan plan;
  Evaluation evaluation;
  std::vector<TaskId> unassigned;
};

// Executes the dispatch policy against `truth` (docs/uncertainty.md, "Execution"): crews choose
// their next task, as in planning, by what the planned scenario `s` says of each task's effort;
// the work takes what the truth says, and every later choice sees the ends that result. `tasks`
// are generated from `s` (linked). Mode: the dispatcher re-decides at every event.
Execution execute(const Scenario& s, const TaskSet& tasks, const Truth& truth,
                  const plan::DispatchOptions& opt);

// Executes the decisions of a fixed plan against `truth` (docs/uncertainty.md, "Execution", the
// second mode): each crew does the tasks `planned` gave it, in the plan's order, each as early as
// the truth allows (plan/sequence/executor.hpp); nobody re-decides. Tasks the sequences cannot
// reach (a deadlock of crews waiting on each other's later tasks) are left unassigned.
Execution execute_fixed(const Scenario& s, const TaskSet& tasks, const Truth& truth,
                        const Plan& planned);

// How a sample is executed: the dispatcher re-decides at every event (the plan's policy), or
// the planned plan's decisions are kept (execute_fixed).
enum class Mode : std::uint8_t { kRedecide, kFixed };

struct ForecastOptions {
  std::size_t samples = 200;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: every core
  plan::DispatchOptions dispatch;
  // Check every executed plan against its truth with the independent validator.
  bool validate = true;
  Mode mode = Mode::kRedecide;
};

// What one sample leaves for the summary: its figures and every key date in days (+inf: never),
// in a fixed layout (SampleLayout), so that samples computed apart (threads, MPI ranks) merge by
// concatenation.
// The curves come last: the return share, then the access share, at each day of the grid.
struct SampleLayout {
  std::size_t settlements = 0, hazards = 0, assets = 0, edges = 0, milestones = 0;
  std::size_t curve_days = 0;  // points of the curves' grid (ForecastBase::curve_days)
  [[nodiscard]] std::size_t width() const;
};
inline constexpr std::size_t kSampleFigures = 4;  // people-days displaced, without access,
                                                  // makespan, valid (1) or not (0)
inline constexpr std::size_t kSampleInputs = 7;   // the sensitivity inputs (forecast.cpp)

// `requested` threads, or every core for 0.
int thread_count(int requested);

// The days at which a sample records its curves: every kCurveStepDays from 0, and the horizon.
std::vector<int> curve_days(int horizon_days);

// The planned scenario's plan and what the samples are measured against, computed once.
struct ForecastBase {
  TaskSet tasks;  // generated from the planned scenario
  Plan plan;      // the planned scenario's plan, for its usual outputs beside the forecast
  Evaluation planned;
  std::vector<int> curve_days;
  std::vector<EdgeId> edges;  // closed on day 0 in the planned plan
  SampleLayout layout;
};
ForecastBase prepare(const Scenario& s, const plan::DispatchOptions& opt);

// Samples [first, last) of the forecast, one row of layout.width() floats each, rows in sample
// order; with the validator's first findings of any invalid sample appended to `violations`.
std::vector<float> record_samples(const Scenario& s, const ForecastBase& base,
                                  const ForecastOptions& opt, std::size_t first, std::size_t last,
                                  std::vector<std::string>* violations);

// The forecast from every sample's row (`rows` holds opt.samples rows in sample order).
Forecast summarise(const Scenario& s, const ForecastBase& base, const ForecastOptions& opt,
                   const std::vector<float>& rows, std::vector<std::string> violations);

// prepare, record_samples over every sample on `opt.threads` threads, summarise. Sample i draws
// the truth of seed plan::sample_seed(opt.seed, i); the result is the same for any number of
// threads (or ranks). The scenario must be linked.
Forecast run_forecast(const Scenario& s, const ForecastOptions& opt);

}  // namespace gw::forecast

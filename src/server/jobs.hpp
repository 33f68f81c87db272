// The planning job queue: a bounded FIFO of job ids served by N worker threads, each running the
// CLI's planning pipeline (flow::plan_scenario_file) on a stored scenario. The queue's truth is the
// store: a restarted server re-queues the jobs still queued and marks the running ones
// interrupted. Progress goes to a per-job event log that Server-Sent Events stream.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "flow/plan_run.hpp"
#include "server/store.hpp"

namespace gw::server {

struct JobEvent {
  std::uint64_t seq = 0;  // 1, 2, ... within a job's log
  std::string type;       // state, phase, progress, warning, end
  nlohmann::json data;
};

// The events of one job's current run, kept in memory; the last is `end`.
class EventLog {
 public:
  void append(std::string type, nlohmann::json data);
  // The events after `after_seq`, waiting up to `wait` for one when there is none yet; `ended` is
  // set once the `end` event is among those returned or earlier.
  std::vector<JobEvent> since(std::uint64_t after_seq, std::chrono::milliseconds wait, bool& ended);
  [[nodiscard]] bool ended();

 private:
  // Bounded: progress events beyond this many are dropped (the end event carries the final
  // figures), so a long optimiser run cannot grow the log without limit.
  static constexpr std::size_t kMaxEvents = 2000;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<JobEvent> events_;
  bool ended_ = false;
};

// Parses a job's `options` object into the pipeline's options. Unknown keys and bad values are
// gw::Error(kInvalidInput) naming the element ("options.threads: must be an integer in 1..16").
flow::PlanRunOptions parse_job_options(const nlohmann::json& options, int max_threads,
                                       double max_time_limit_s);

struct RunnerOptions {
  int workers = 1;
  std::size_t queue_limit = 64;  // queued jobs beyond this are refused (HTTP 429)
  int max_threads = 2;           // per job
  double max_time_limit_s = 3600;
};

class JobRunner {
 public:
  JobRunner(Store& store, std::filesystem::path data_dir, RunnerOptions opt);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Recovers the store's jobs (interrupted and queued), then starts the workers. Returns how many
  // jobs were marked interrupted.
  std::size_t start();
  // Stops taking jobs; waits for the workers to finish their current job.
  void stop();

  // Runs `insert` (which adds a queued job to the store and returns its id) and queues the job,
  // both under the queue's lock, when the queue has room; nullopt when it is full.
  std::optional<std::int64_t> submit(const std::function<std::int64_t()>& insert);
  // Puts an existing (re-queued) job at the end of the queue; false when the queue is full.
  bool enqueue(std::int64_t id);
  // queued or running -> cancelled. A running job's planning cannot be interrupted (the planner
  // has no stop point): it runs to its end and its outputs are discarded.
  bool cancel(std::int64_t id);
  // The event log of the job's current or last run in this process; nullptr when there is none.
  std::shared_ptr<EventLog> events(std::int64_t id);

  [[nodiscard]] std::size_t queued();
  [[nodiscard]] std::size_t running();
  [[nodiscard]] const RunnerOptions& options() const { return opt_; }

  // Folders of a job, relative to the data directory.
  static std::string plan_dir(std::int64_t job_id);
  static std::string staging_dir(std::int64_t job_id);

 private:
  void work();
  void run_job(std::int64_t id);
  std::shared_ptr<EventLog> new_log(std::int64_t id);

  Store& store_;
  std::filesystem::path data_dir_;
  RunnerOptions opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::int64_t> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::map<std::int64_t, std::shared_ptr<EventLog>> logs_;
};

}  // namespace gw::server

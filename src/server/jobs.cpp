#include "server/jobs.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/error.hpp"

namespace gw::server {

namespace fs = std::filesystem;
using nlohmann::json;

void EventLog::append(std::string type, json data) {
  {
    const std::lock_guard<std::mutex> lock(mu_);
    if (ended_) return;
    if (type == "progress" && events_.size() >= kMaxEvents) return;
    const std::uint64_t seq = events_.size() + 1;
    if (type == "end") ended_ = true;
    events_.push_back({seq, std::move(type), std::move(data)});
  }
  cv_.notify_all();
}

std::vector<JobEvent> EventLog::since(std::uint64_t after_seq, std::chrono::milliseconds wait,
                                      bool& ended) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, wait, [&] { return events_.size() > after_seq; });
  std::vector<JobEvent> out;
  for (std::size_t i = after_seq; i < events_.size(); ++i) out.push_back(events_[i]);
  ended = ended_;
  return out;
}

bool EventLog::ended() {
  const std::lock_guard<std::mutex> lock(mu_);
  return ended_;
}

namespace {

[[noreturn]] void bad_option(const std::string& key, const std::string& what) {
  throw Error(ErrorCode::kInvalidInput, "options." + key + ": " + what);
}

}  // namespace

flow::PlanRunOptions parse_job_options(const json& options, int max_threads,
                                       double max_time_limit_s) {
  flow::PlanRunOptions o;
  o.threads = 1;  // one core per job unless asked: the workers share the machine
  if (options.is_null()) return o;
  if (!options.is_object()) throw Error(ErrorCode::kInvalidInput, "options: must be an object");
  for (const auto& [key, v] : options.items()) {
    if (key == "rule") {
      const auto r = v.is_string() ? plan::rule_from_name(v.get<std::string>()) : std::nullopt;
      if (!r) bad_option(key, "must be \"nearest\" or \"impact\"");
      o.rule = *r;
    } else if (key == "objective") {
      const auto k = v.is_string()
                         ? enum_from_name<ObjectiveKind>(v.get<std::string>(), kObjectiveKindNames)
                         : std::nullopt;
      if (!k) bad_option(key, "must be \"access\", \"weighted\" or \"makespan\"");
      o.objective = *k;
    } else if (key == "time_limit_s") {
      if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > max_time_limit_s) {
        std::ostringstream m;
        m << "must be a number of seconds in 0.." << max_time_limit_s;
        bad_option(key, m.str());
      }
      o.time_limit_s = v.get<double>();
    } else if (key == "evaluations") {
      if (!v.is_number_unsigned()) bad_option(key, "must be an integer >= 0");
      o.evaluations = v.get<std::uint64_t>();
    } else if (key == "threads") {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1 ||
          v.get<std::int64_t>() > max_threads) {
        bad_option(key, "must be an integer in 1.." + std::to_string(max_threads));
      }
      o.threads = v.get<int>();
    } else if (key == "seed") {
      if (!v.is_number_unsigned()) bad_option(key, "must be an integer >= 0");
      o.seed = v.get<std::uint64_t>();
    } else if (key == "validate" || key == "baseline" || key == "lower_bound") {
      if (!v.is_boolean()) bad_option(key, "must be true or false");
      (key == "validate"   ? o.validate
       : key == "baseline" ? o.baseline
                           : o.lower_bound) = v.get<bool>();
    } else {
      bad_option(key,
                 "unknown option (known: rule, objective, time_limit_s, evaluations, threads, "
                 "seed, validate, baseline, lower_bound)");
    }
  }
  return o;
}

JobRunner::JobRunner(Store& store, fs::path data_dir, RunnerOptions opt)
    : store_(store), data_dir_(std::move(data_dir)), opt_(opt) {}

JobRunner::~JobRunner() { stop(); }

std::string JobRunner::plan_dir(std::int64_t job_id) {
  return "jobs/" + std::to_string(job_id) + "/plan";
}
std::string JobRunner::staging_dir(std::int64_t job_id) {
  return "jobs/" + std::to_string(job_id) + "/staging";
}

std::size_t JobRunner::start() {
  const std::size_t interrupted = store_.mark_interrupted();
  {
    const std::lock_guard<std::mutex> lock(mu_);
    // Jobs queued before the restart run first, in their order, even beyond the queue limit:
    // they were accepted already.
    for (const std::int64_t id : store_.job_ids_in_state("queued")) {
      queue_.push_back(id);
      new_log(id)->append("state", {{"state", "queued"}});
    }
  }
  for (int i = 0; i < std::max(1, opt_.workers); ++i) workers_.emplace_back([this] { work(); });
  return interrupted;
}

void JobRunner::stop() {
  {
    const std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

std::optional<std::int64_t> JobRunner::submit(const std::function<std::int64_t()>& insert) {
  std::int64_t id = 0;
  {
    const std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= opt_.queue_limit) return std::nullopt;
    id = insert();
    queue_.push_back(id);
    new_log(id)->append("state", {{"state", "queued"}});
  }
  cv_.notify_one();
  return id;
}

bool JobRunner::enqueue(std::int64_t id) {
  {
    const std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= opt_.queue_limit) return false;
    queue_.push_back(id);
    new_log(id)->append("state", {{"state", "queued"}});
  }
  cv_.notify_one();
  return true;
}

std::shared_ptr<EventLog> JobRunner::new_log(std::int64_t id) {
  // Called with mu_ held. The logs of finished runs are dropped oldest first beyond a bound;
  // their end state stays in the store.
  constexpr std::size_t kMaxLogs = 512;
  auto log = std::make_shared<EventLog>();
  logs_[id] = log;
  for (auto it = logs_.begin(); logs_.size() > kMaxLogs && it != logs_.end();) {
    it = it->second->ended() ? logs_.erase(it) : std::next(it);
  }
  return log;
}

bool JobRunner::cancel(std::int64_t id) {
  std::shared_ptr<EventLog> log;
  bool was_queued = false;
  {
    const std::lock_guard<std::mutex> lock(mu_);
    if (!store_.cancel_job(id)) return false;
    const auto it = std::find(queue_.begin(), queue_.end(), id);
    if (it != queue_.end()) {
      queue_.erase(it);
      was_queued = true;
    }
    const auto l = logs_.find(id);
    if (l != logs_.end()) log = l->second;
  }
  // A running job's log ends when its planning returns (run_job), so that the stream tells when
  // the worker is free again.
  if (log && was_queued) log->append("end", {{"state", "cancelled"}});
  return true;
}

std::shared_ptr<EventLog> JobRunner::events(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  const auto it = logs_.find(id);
  return it == logs_.end() ? nullptr : it->second;
}

std::size_t JobRunner::queued() {
  const std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

std::size_t JobRunner::running() {
  const std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

void JobRunner::work() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      if (!store_.start_job(id)) continue;  // cancelled meanwhile
      ++running_;
      if (!logs_.count(id)) new_log(id);
    }
    run_job(id);
    {
      const std::lock_guard<std::mutex> lock(mu_);
      --running_;
    }
  }
}

void JobRunner::run_job(std::int64_t id) {
  const std::shared_ptr<EventLog> log = events(id);
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [t0] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  log->append("state", {{"state", "running"}});
  auto end_failed = [&](std::string_view code, const std::string& message) {
    if (store_.fail_job(id, code, message)) {
      log->append("end", {{"state", "failed"},
                          {"elapsed_s", elapsed()},
                          {"error", {{"code", code}, {"message", message}}}});
    } else {
      log->append("end", {{"state", "cancelled"}, {"elapsed_s", elapsed()}});
    }
  };
  const fs::path staging = data_dir_ / staging_dir(id);
  const fs::path final_dir = data_dir_ / plan_dir(id);
  try {
    const auto job = store_.job(id);
    const auto scen = job ? store_.scenario(job->scenario_id) : std::nullopt;
    if (!scen) throw Error(ErrorCode::kInternal, "job " + std::to_string(id) + ": no scenario");
    const flow::PlanRunOptions ro =
        parse_job_options(job->options, opt_.max_threads, opt_.max_time_limit_s);
    std::error_code ec;
    fs::remove_all(staging, ec);

    flow::PlanRunHooks hooks;
    hooks.on_phase = [&](std::string_view p) {
      log->append("phase", {{"phase", p}, {"elapsed_s", elapsed()}});
    };
    hooks.on_warning = [&](const std::string& w) { log->append("warning", {{"message", w}}); };
    hooks.on_invalid = [&](const std::string& f) { log->append("warning", {{"message", f}}); };
    hooks.on_search_start = [&] {
      log->append("phase", {{"phase", "search"}, {"elapsed_s", elapsed()}});
    };
    // The optimiser reports every new best; the stream gets at most a few a second.
    std::mutex pmu;
    double last_sent = -1;
    hooks.on_improvement = [&](const plan::OptimiseProgress& p) {
      const std::lock_guard<std::mutex> lock(pmu);
      if (last_sent >= 0 && p.elapsed_s - last_sent < 0.25) return;
      last_sent = p.elapsed_s;
      log->append("progress", {{"elapsed_s", elapsed()},
                               {"search_elapsed_s", p.elapsed_s},
                               {"best", p.best_value},
                               {"baseline", p.baseline_value},
                               {"improvement_percent",
                                p.baseline_value > 0
                                    ? 100.0 * (p.baseline_value - p.best_value) / p.baseline_value
                                    : 0.0},
                               {"evaluations", p.evaluations}});
    };
    const flow::PlanRun run =
        flow::plan_scenario_file(data_dir_ / scen->dir / "scenario.json", staging, ro, hooks);

    // The folder is complete (write_outputs renames its files only once all are written); it
    // becomes the plan by one rename, and the store records it after that, so a row never points
    // at a half-written folder.
    json summary;
    {
      std::ifstream in(staging / "summary.json");
      summary = json::parse(in);
    }
    fs::remove_all(final_dir, ec);
    fs::rename(staging, final_dir);
    const std::optional<bool> valid = ro.validate ? std::optional<bool>(run.valid) : std::nullopt;
    std::string invalid;
    for (const auto& e : run.validation_errors) invalid += (invalid.empty() ? "" : "; ") + e;
    if (invalid.size() > 4000) invalid = invalid.substr(0, 4000) + " ...";
    if (!store_.finish_job(id, plan_dir(id), summary, valid, invalid)) {
      fs::remove_all(final_dir, ec);
      log->append("end", {{"state", "cancelled"}, {"elapsed_s", elapsed()}});
      return;
    }
    json end = {{"state", valid.value_or(true) ? "done" : "failed"},
                {"elapsed_s", elapsed()},
                {"rule", run.meta.rule},
                {"people_days_without_access", summary.value("people_days_without_access", json())},
                {"lower_bound_people_days", summary.value("lower_bound_people_days", json())},
                {"gap_percent", summary.value("gap_percent", json())}};
    if (summary.contains("objective")) {
      const json& ob = summary["objective"];
      end["objective"] = {{"kind", ob.value("kind", json())},
                          {"value", ob.value("value", json())},
                          {"lower_bound", ob.value("lower_bound", json())},
                          {"gap_percent", ob.value("gap_percent", json())}};
    }
    if (!valid.value_or(true)) end["error"] = {{"code", "invalid_plan"}, {"message", invalid}};
    log->append("end", end);
  } catch (const Error& e) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    end_failed(error_code_name(e.code()), e.what());
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    end_failed("internal", e.what());
  }
}

}  // namespace gw::server

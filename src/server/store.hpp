// The server's store: one SQLite database in WAL mode (scenarios, jobs, plans and their
// summaries), with the numbered migrations of src/server/migrations applied at open. Large files
// (scenario layers, plan outputs) live in folders next to the database, referenced by relative
// paths. Every method is safe to call from several threads (one connection behind a mutex:
// requests are short, and planning never holds it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace gw::server {

struct ScenarioRow {
  std::int64_t id = 0;
  std::string name;
  std::string created_at;
  std::string dir;  // relative to the data directory
  nlohmann::json files = nlohmann::json::array();
  nlohmann::json counts = nlohmann::json::object();
};

struct JobRow {
  std::int64_t id = 0;
  std::int64_t scenario_id = 0;
  nlohmann::json options = nlohmann::json::object();
  std::string state;  // queued, running, done, failed, cancelled
  std::string created_at;
  std::optional<std::string> started_at, finished_at, error_code, error_message;
  int attempts = 0;
};

// clang-tidy follows nlohmann::json's by-value assignment into a copy that may throw; the implicit
// moves of this struct move the json, which does not throw.
struct PlanRow {  // NOLINT(bugprone-exception-escape)
  std::int64_t job_id = 0;
  std::string dir;  // relative to the data directory
  nlohmann::json summary;
  std::optional<bool> valid;  // the validator's verdict; nullopt when it did not run
};

// The migrations compiled into the program (generated from src/server/migrations/NNNN_*.sql).
struct Migration {
  int number;
  std::string_view name;
  std::string_view sql;
};
const std::vector<Migration>& migrations();

class Store {
 public:
  // Opens (creating if missing) the database, switches it to WAL and applies the migrations
  // above PRAGMA user_version, each in its own transaction. Throws gw::Error(kIo) on failure, and
  // gw::Error(kUnsupported) for a database newer than this program.
  explicit Store(const std::filesystem::path& file);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] int schema_version();
  [[nodiscard]] std::string journal_mode();

  // Inserts a scenario; its folder is "scenarios/<id>".
  std::int64_t add_scenario(const std::string& name, const nlohmann::json& files,
                            const nlohmann::json& counts);
  void delete_scenario(std::int64_t id);
  std::optional<ScenarioRow> scenario(std::int64_t id);
  std::vector<ScenarioRow> scenarios();

  std::int64_t add_job(std::int64_t scenario_id, const nlohmann::json& options);
  std::optional<JobRow> job(std::int64_t id);
  std::vector<JobRow> jobs();
  std::vector<std::int64_t> job_ids_in_state(std::string_view state);
  std::size_t count_in_state(std::string_view state);
  // queued -> running (attempts + 1); false when the job is no longer queued.
  bool start_job(std::int64_t id);
  // running -> failed with a stable code and a message; false when it is no longer running
  // (cancelled meanwhile).
  bool fail_job(std::int64_t id, std::string_view code, const std::string& message);
  // queued or running -> cancelled; false otherwise.
  bool cancel_job(std::int64_t id);
  // running -> done, with its plan row, in one transaction (the folder is complete already).
  // A plan that the validator rejected is recorded too, and its job marked failed (invalid_plan).
  // False (nothing recorded) when the job is no longer running (cancelled meanwhile).
  bool finish_job(std::int64_t id, const std::string& plan_dir, const nlohmann::json& summary,
                  std::optional<bool> valid, const std::string& invalid_message);
  // failed or cancelled -> queued (its plan row removed); false otherwise.
  bool requeue_job(std::int64_t id);
  // At start-up: running jobs were interrupted by the end of the previous server.
  std::size_t mark_interrupted();
  std::optional<PlanRow> plan(std::int64_t job_id);

 private:
  class Stmt;
  void exec(const char* sql);
  sqlite3* db_ = nullptr;
  std::mutex mu_;
};

}  // namespace gw::server

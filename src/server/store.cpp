#include "server/store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>

#include "model/error.hpp"

namespace gw::server {

namespace {

std::string now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw Error(ErrorCode::kIo, "store: " + what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

}  // namespace

// A prepared statement with positional binding; finalised on destruction.
class Store::Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) fail(db, sql);
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
  }
  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  void run() {
    while (step()) {
    }
  }
  std::int64_t i64(int c) { return sqlite3_column_int64(st_, c); }
  bool is_null(int c) { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  std::string text(int c) {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(st_, c)))
             : std::string();
  }
  std::optional<std::string> opt_text(int c) {
    if (is_null(c)) return std::nullopt;
    return text(c);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

Store::Store(const std::filesystem::path& file) {
  if (sqlite3_open_v2(file.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot allocate";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::kIo, file.string() + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  // FULL: a transaction that returned is on disk, so a killed server loses no finished plan.
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  const int have = schema_version();
  const auto& ms = migrations();
  const int newest = ms.empty() ? 0 : ms.back().number;
  if (have > newest) {
    throw Error(ErrorCode::kUnsupported,
                file.string() + ": schema version " + std::to_string(have) +
                    " is newer than this program's " + std::to_string(newest));
  }
  for (const Migration& m : ms) {
    if (m.number <= have) continue;
    exec("BEGIN IMMEDIATE");
    try {
      exec(std::string(m.sql).c_str());
      exec(("PRAGMA user_version=" + std::to_string(m.number)).c_str());
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

Store::~Store() { sqlite3_close(db_); }

void Store::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw Error(ErrorCode::kIo, std::string("store: ") + msg);
  }
}

int Store::schema_version() {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "PRAGMA user_version");
  return st.step() ? static_cast<int>(st.i64(0)) : 0;
}

std::string Store::journal_mode() {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "PRAGMA journal_mode");
  return st.step() ? st.text(0) : "";
}

std::int64_t Store::add_scenario(const std::string& name, const nlohmann::json& files,
                                 const nlohmann::json& counts) {
  const std::lock_guard<std::mutex> lock(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    Stmt(db_, "INSERT INTO scenarios(name, created_at, dir, files, counts) VALUES(?,?,'',?,?)")
        .bind(1, name)
        .bind(2, now_iso())
        .bind(3, files.dump())
        .bind(4, counts.dump())
        .run();
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    Stmt(db_, "UPDATE scenarios SET dir=? WHERE id=?")
        .bind(1, "scenarios/" + std::to_string(id))
        .bind(2, id)
        .run();
    exec("COMMIT");
    return id;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Store::delete_scenario(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_, "DELETE FROM scenarios WHERE id=?").bind(1, id).run();
}

namespace {
ScenarioRow scenario_row(auto& st) {
  ScenarioRow r;
  r.id = st.i64(0);
  r.name = st.text(1);
  r.created_at = st.text(2);
  r.dir = st.text(3);
  r.files = nlohmann::json::parse(st.text(4));
  r.counts = nlohmann::json::parse(st.text(5));
  return r;
}
JobRow job_row(auto& st) {
  JobRow r;
  r.id = st.i64(0);
  r.scenario_id = st.i64(1);
  r.options = nlohmann::json::parse(st.text(2));
  r.state = st.text(3);
  r.created_at = st.text(4);
  r.started_at = st.opt_text(5);
  r.finished_at = st.opt_text(6);
  r.error_code = st.opt_text(7);
  r.error_message = st.opt_text(8);
  r.attempts = static_cast<int>(st.i64(9));
  return r;
}
constexpr const char* kJobCols =
    "SELECT id, scenario_id, options, state, created_at, started_at, finished_at, error_code, "
    "error_message, attempts FROM jobs";
}  // namespace

std::optional<ScenarioRow> Store::scenario(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "SELECT id, name, created_at, dir, files, counts FROM scenarios WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return scenario_row(st);
}

std::vector<ScenarioRow> Store::scenarios() {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "SELECT id, name, created_at, dir, files, counts FROM scenarios ORDER BY id");
  std::vector<ScenarioRow> out;
  while (st.step()) out.push_back(scenario_row(st));
  return out;
}

std::int64_t Store::add_job(std::int64_t scenario_id, const nlohmann::json& options) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_, "INSERT INTO jobs(scenario_id, options, state, created_at) VALUES(?,?,'queued',?)")
      .bind(1, scenario_id)
      .bind(2, options.dump())
      .bind(3, now_iso())
      .run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<JobRow> Store::job(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, (std::string(kJobCols) + " WHERE id=?").c_str());
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return job_row(st);
}

std::vector<JobRow> Store::jobs() {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, (std::string(kJobCols) + " ORDER BY id").c_str());
  std::vector<JobRow> out;
  while (st.step()) out.push_back(job_row(st));
  return out;
}

std::vector<std::int64_t> Store::job_ids_in_state(std::string_view state) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "SELECT id FROM jobs WHERE state=? ORDER BY id");
  st.bind(1, state);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.i64(0));
  return out;
}

std::size_t Store::count_in_state(std::string_view state) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "SELECT count(*) FROM jobs WHERE state=?");
  st.bind(1, state);
  return st.step() ? static_cast<std::size_t>(st.i64(0)) : 0;
}

bool Store::start_job(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_,
       "UPDATE jobs SET state='running', started_at=?, attempts=attempts+1 WHERE id=? AND "
       "state='queued'")
      .bind(1, now_iso())
      .bind(2, id)
      .run();
  return sqlite3_changes(db_) == 1;
}

bool Store::fail_job(std::int64_t id, std::string_view code, const std::string& message) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_,
       "UPDATE jobs SET state='failed', finished_at=?, error_code=?, error_message=? WHERE id=? "
       "AND state='running'")
      .bind(1, now_iso())
      .bind(2, code)
      .bind(3, message)
      .bind(4, id)
      .run();
  return sqlite3_changes(db_) == 1;
}

bool Store::cancel_job(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_,
       "UPDATE jobs SET state='cancelled', finished_at=? WHERE id=? AND state IN "
       "('queued','running')")
      .bind(1, now_iso())
      .bind(2, id)
      .run();
  return sqlite3_changes(db_) == 1;
}

bool Store::finish_job(std::int64_t id, const std::string& plan_dir, const nlohmann::json& summary,
                       std::optional<bool> valid, const std::string& invalid_message) {
  const std::lock_guard<std::mutex> lock(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    {
      Stmt st(db_, "SELECT state FROM jobs WHERE id=?");
      st.bind(1, id);
      if (!st.step() || st.text(0) != "running") {
        exec("ROLLBACK");
        return false;
      }
    }
    Stmt ins(db_,
             "INSERT OR REPLACE INTO plans(job_id, dir, summary, created_at, valid) "
             "VALUES(?,?,?,?,?)");
    ins.bind(1, id).bind(2, plan_dir).bind(3, summary.dump()).bind(4, now_iso());
    if (valid) {
      ins.bind(5, static_cast<std::int64_t>(*valid));
    } else {
      ins.bind_null(5);
    }
    ins.run();
    if (valid.value_or(true)) {
      Stmt(db_, "UPDATE jobs SET state='done', finished_at=? WHERE id=?")
          .bind(1, now_iso())
          .bind(2, id)
          .run();
    } else {
      Stmt(db_,
           "UPDATE jobs SET state='failed', finished_at=?, error_code='invalid_plan', "
           "error_message=? WHERE id=?")
          .bind(1, now_iso())
          .bind(2, invalid_message)
          .bind(3, id)
          .run();
    }
    exec("COMMIT");
    return true;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

bool Store::requeue_job(std::int64_t id) {
  const std::lock_guard<std::mutex> lock(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    Stmt(db_,
         "UPDATE jobs SET state='queued', started_at=NULL, finished_at=NULL, error_code=NULL, "
         "error_message=NULL WHERE id=? AND state IN ('failed','cancelled')")
        .bind(1, id)
        .run();
    const bool changed = sqlite3_changes(db_) == 1;
    if (changed) Stmt(db_, "DELETE FROM plans WHERE job_id=?").bind(1, id).run();
    exec("COMMIT");
    return changed;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::size_t Store::mark_interrupted() {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt(db_,
       "UPDATE jobs SET state='failed', finished_at=?, error_code='interrupted', "
       "error_message='the server stopped while this job ran; POST /api/v1/jobs/{id}/rerun runs "
       "it again' WHERE state='running'")
      .bind(1, now_iso())
      .run();
  return static_cast<std::size_t>(sqlite3_changes(db_));
}

std::optional<PlanRow> Store::plan(std::int64_t job_id) {
  const std::lock_guard<std::mutex> lock(mu_);
  Stmt st(db_, "SELECT job_id, dir, summary, valid FROM plans WHERE job_id=?");
  st.bind(1, job_id);
  if (!st.step()) return std::nullopt;
  PlanRow r;
  r.job_id = st.i64(0);
  r.dir = st.text(1);
  r.summary = nlohmann::json::parse(st.text(2));
  if (!st.is_null(3)) r.valid = st.i64(3) != 0;
  return r;
}

}  // namespace gw::server

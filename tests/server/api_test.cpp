// The API against the real server: every endpoint, every error status, SSE, restarts.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "server_process.hpp"

namespace gw::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kSmall = fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json";

struct Api {
  explicit Api(const ServerProcess& s, const std::string& token = "") : cli("127.0.0.1", s.port()) {
    cli.set_read_timeout(120);
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  }
  httplib::Result get(const std::string& path) { return cli.Get(path, headers); }
  httplib::Result post(const std::string& path, const std::string& body,
                       const std::string& type = "application/json") {
    return cli.Post(path, headers, body, type);
  }
  httplib::Result post(const std::string& path, const json& body) {
    return post(path, body.dump());
  }
  // The body of a response as JSON (fails the test when it is not).
  static json body(const httplib::Result& r) {
    EXPECT_TRUE(r) << "no response";
    if (!r) return json();
    try {
      return json::parse(r->body);
    } catch (const json::exception&) {
      ADD_FAILURE() << "not JSON: " << r->body.substr(0, 200);
      return json();
    }
  }
  std::int64_t upload_small() {
    const auto r = post("/api/v1/scenarios", read_file(kSmall));
    EXPECT_EQ(r->status, 201) << r->body;
    return body(r)["id"].get<std::int64_t>();
  }
  std::int64_t submit(std::int64_t scenario, const json& options = json::object()) {
    const auto r = post("/api/v1/jobs", json{{"scenario", scenario}, {"options", options}});
    EXPECT_EQ(r->status, 202) << r->body;
    return body(r)["id"].get<std::int64_t>();
  }
  // Polls until the job is in one of `states`; returns its status object.
  json wait(std::int64_t job, const std::set<std::string>& states = {"done", "failed", "cancelled"},
            int timeout_s = 300) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    json j;
    while (std::chrono::steady_clock::now() < deadline) {
      j = body(get("/api/v1/jobs/" + std::to_string(job)));
      if (states.count(j.value("state", ""))) return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "job " << job << " stayed " << j.dump();
    return j;
  }
  httplib::Client cli;
  httplib::Headers headers;
};

// An error response: the status, and a {"code","message"} body with this code.
void expect_error(const httplib::Result& r, int status, const std::string& code,
                  const std::string& in_message = "") {
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, status) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  const json b = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(b.is_object()) << r->body;
  EXPECT_EQ(b.value("code", ""), code) << r->body;
  EXPECT_FALSE(b.value("message", "").empty()) << r->body;
  if (!in_message.empty()) {
    EXPECT_NE(b.value("message", "").find(in_message), std::string::npos) << r->body;
  }
}

// clang-tidy follows nlohmann::json's by-value assignment into a copy that may throw; the implicit
// moves of this struct move the json, which does not throw.
struct SseEvent {  // NOLINT(bugprone-exception-escape)
  std::string type;
  json data;
  std::uint64_t id = 0;
};

// Reads a job's event stream to its end (the server closes it after `end`).
std::vector<SseEvent> read_events(const ServerProcess& s, std::int64_t job,
                                  const std::string& last_id = "") {
  httplib::Client c("127.0.0.1", s.port());
  c.set_read_timeout(300);
  std::string raw;
  httplib::Headers h;
  if (!last_id.empty()) h.emplace("Last-Event-ID", last_id);
  std::string type;
  const auto r = c.Get("/api/v1/jobs/" + std::to_string(job) + "/events", h,
                       [&](const char* d, std::size_t n) {
                         raw.append(d, n);
                         return true;
                       });
  EXPECT_TRUE(r);
  if (r) {
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/event-stream");
  }
  std::vector<SseEvent> out;
  std::istringstream in(raw);
  std::string line;
  SseEvent cur;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!cur.type.empty()) out.push_back(cur);
      cur = {};
    } else if (line.rfind("event: ", 0) == 0) {
      cur.type = line.substr(7);
    } else if (line.rfind("data: ", 0) == 0) {
      cur.data = json::parse(line.substr(6));
    } else if (line.rfind("id: ", 0) == 0) {
      cur.id = std::stoull(line.substr(4));
    }
  }
  return out;
}

TEST(Api, HealthReportsTheStoreInWalModeAtTheLatestMigration) {
  ServerProcess s;
  s.start();
  Api api(s);
  const auto r = api.get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const json h = Api::body(r);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["journal_mode"], "wal");
  // One per file in src/server/migrations.
  std::size_t migrations = 0;
  for (const auto& e : fs::directory_iterator(fs::path(GW_SOURCE_DIR) / "src/server/migrations"))
    migrations += e.path().extension() == ".sql";
  EXPECT_EQ(h["schema_version"].get<std::size_t>(), migrations);
  EXPECT_TRUE(fs::exists(s.data() / "groundwork.sqlite-wal"));
}

TEST(Api, PlansTheSmallExampleAsTheCliDoes) {
  ServerProcess s;
  s.start();
  Api api(s);
  const std::int64_t sid = api.upload_small();
  const json list = Api::body(api.get("/api/v1/scenarios"));
  ASSERT_EQ(list["scenarios"].size(), 1U);
  EXPECT_EQ(list["scenarios"][0]["id"], sid);
  const json sc = Api::body(api.get("/api/v1/scenarios/" + std::to_string(sid)));
  EXPECT_EQ(sc["counts"]["settlements"], 2);
  EXPECT_EQ(sc["counts"]["crews"], 6);
  EXPECT_EQ(
      json::parse(api.get("/api/v1/scenarios/" + std::to_string(sid) + "/scenario.json")->body),
      json::parse(read_file(kSmall)));

  const std::int64_t job = api.submit(sid, {{"rule", "impact"}});
  const json st = api.wait(job);
  ASSERT_EQ(st["state"], "done") << st.dump();
  EXPECT_EQ(st["valid"], true);
  EXPECT_EQ(st["attempts"], 1);
  EXPECT_TRUE(st["error"].is_null());

  // The same figures as the CLI's plan of the same file (docs/examples/small/expected_summary).
  const json expected =
      json::parse(read_file(fs::path(GW_SOURCE_DIR) / "docs/examples/small/expected_summary.json"));
  const json summary = Api::body(api.get("/api/v1/jobs/" + std::to_string(job) + "/summary"));
  for (const char* k : {"people_days_without_access", "lower_bound_people_days", "tasks", "crews",
                        "makespan_days", "rule"}) {
    if (expected[k].is_number_float()) {
      EXPECT_NEAR(summary[k].get<double>(), expected[k].get<double>(), 1e-6) << k;
    } else {
      EXPECT_EQ(summary[k], expected[k]) << k;
    }
  }

  // Layers: GeoJSON with one feature per element.
  const std::string j = "/api/v1/jobs/" + std::to_string(job);
  const std::string layers = j + "/layers/";
  for (const auto& [layer, n] : std::vector<std::pair<std::string, int>>{
           {"roads", -1}, {"hazards", sc["counts"]["hazards"].get<int>()}, {"settlements", 2}}) {
    const auto r = api.get(layers + layer);
    ASSERT_EQ(r->status, 200) << layer;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/geo+json");
    const json g = json::parse(r->body);
    EXPECT_EQ(g["type"], "FeatureCollection");
    if (n >= 0) {
      EXPECT_EQ(g["features"].size(), static_cast<std::size_t>(n)) << layer;
    } else {
      EXPECT_GE(g["features"].size(), sc["counts"]["road_edges"].get<std::size_t>());
    }
  }
  // Every file of the plan, as the CLI writes it.
  for (const char* f : {"plan.json", "schedule.csv", "summary.json", "roads.geojson",
                        "hazards.geojson", "settlements.geojson", "report.html", "plan.gpkg"}) {
    const auto r = api.get(j + "/files/" + f);
    ASSERT_EQ(r->status, 200) << f;
    EXPECT_EQ(r->body, read_file(s.data() / "jobs" / std::to_string(job) / "plan" / f)) << f;
  }
  EXPECT_EQ(api.get(j + "/files/plan.gpkg")->body.substr(0, 15), "SQLite format 3");
  const json jobs = Api::body(api.get("/api/v1/jobs"));
  ASSERT_EQ(jobs["jobs"].size(), 1U);
  EXPECT_EQ(jobs["jobs"][0]["state"], "done");
}

TEST(Api, EventsStreamThePhasesAndAFinalEvent) {
  ServerProcess s;
  s.start();
  Api api(s);
  const std::int64_t sid = api.upload_small();
  // With the optimiser for a second: its search phase and progress show in the stream.
  const std::int64_t job = api.submit(sid, {{"time_limit_s", 1.0}, {"threads", 1}});
  // Read while the job runs (the stream starts at its first event whatever the moment).
  const auto events = read_events(s, job);
  ASSERT_GE(events.size(), 4U);
  EXPECT_EQ(events.front().type, "state");
  EXPECT_EQ(events.front().data["state"], "queued");
  std::vector<std::string> phases;
  for (const auto& e : events) {
    if (e.type == "phase") {
      phases.push_back(e.data["phase"]);
      EXPECT_GE(e.data["elapsed_s"].get<double>(), 0);
    }
  }
  for (const char* p : {"read", "link", "plan", "search", "validate", "bound", "write"}) {
    EXPECT_NE(std::find(phases.begin(), phases.end(), p), phases.end()) << p;
  }
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].id, i + 1);
  const SseEvent& end = events.back();
  EXPECT_EQ(end.type, "end");
  EXPECT_EQ(end.data["state"], "done");
  EXPECT_GT(end.data["people_days_without_access"].get<double>(), 0);
  EXPECT_TRUE(end.data["gap_percent"].is_number());
  EXPECT_TRUE(end.data["lower_bound_people_days"].is_number());
  // Resuming after the last event seen gives only what came after.
  const auto tail = read_events(s, job, std::to_string(events.size() - 1));
  ASSERT_EQ(tail.size(), 1U);
  EXPECT_EQ(tail[0].type, "end");
  // Unknown job.
  expect_error(api.get("/api/v1/jobs/999/events"), 404, "not_found", "999");
}

TEST(Api, BadRequestsGetTheirStatusAndAClearMessage) {
  ServerProcess s;
  s.start({"--max-body-mib", "1"});
  Api api(s);
  const std::int64_t sid = api.upload_small();
  // Malformed JSON.
  expect_error(api.post("/api/v1/jobs", std::string("{\"scenario\": 1,")), 400, "parse",
               "request body");
  expect_error(api.post("/api/v1/scenarios", std::string("{\"roads\": [")), 400, "parse",
               "scenario.json");
  // An unknown option, a bad value, an unknown key.
  expect_error(api.post("/api/v1/jobs", json{{"scenario", sid}, {"options", {{"speed", 3}}}}), 400,
               "invalid_input", "options.speed: unknown option");
  expect_error(api.post("/api/v1/jobs", json{{"scenario", sid}, {"options", {{"rule", "fast"}}}}),
               400, "invalid_input", "options.rule");
  expect_error(api.post("/api/v1/jobs", json{{"scenario", sid}, {"options", {{"threads", 0}}}}),
               400, "invalid_input", "options.threads");
  expect_error(api.post("/api/v1/jobs", json{{"scenario", sid}, {"priority", 1}}), 400,
               "invalid_input", "priority: unknown key");
  expect_error(api.post("/api/v1/jobs", json{{"options", json::object()}}), 400, "invalid_input",
               "scenario");
  // A scenario that is well-formed but wrong: the element named as the CLI names it.
  json bad = json::parse(read_file(kSmall));
  bad["hazards"]["features"][0]["properties"]["contamination"] = "lots";
  expect_error(api.post("/api/v1/scenarios", bad), 400, "invalid_input", "hazards[0]");
  // A layer reference to a path outside the upload.
  json escape = json::parse(read_file(kSmall));
  escape["crews"] = {{"source", "../../etc/passwd"}};
  expect_error(api.post("/api/v1/scenarios", escape), 400, "invalid_input", "crews.source");
  escape["crews"] = {{"source", "/etc/passwd"}};
  expect_error(api.post("/api/v1/scenarios", escape), 400, "invalid_input", "crews.source");
  // Paths that try to leave the data directory or the page's folder.
  for (const char* p :
       {"/api/v1/jobs/1/files/..%2F..%2F..%2Fetc%2Fpasswd", "/api/v1/jobs/1/files/../../etc/passwd",
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2F..%2Fgroundwork.sqlite",
        "/api/v1/jobs/1/layers/..%2F..%2Fgroundwork.sqlite"}) {
    const auto r = api.get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << p << " " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("SQLite format"), std::string::npos) << p;
  }
  expect_error(api.get("/api/v1/jobs/1/files/groundwork.sqlite"), 404, "not_found",
               "the files are");
  // Unknown ids and routes.
  expect_error(api.get("/api/v1/jobs/424242"), 404, "not_found", "no job 424242");
  expect_error(api.get("/api/v1/jobs/424242/summary"), 404, "not_found");
  expect_error(api.get("/api/v1/jobs/424242/layers/roads"), 404, "not_found");
  expect_error(api.get("/api/v1/jobs/abc"), 404, "not_found");
  expect_error(api.get("/api/v1/scenarios/77"), 404, "not_found", "no scenario 77");
  expect_error(api.post("/api/v1/jobs", json{{"scenario", 77}}), 404, "not_found");
  expect_error(api.post("/api/v1/jobs/424242/cancel", std::string()), 404, "not_found");
  expect_error(api.get("/api/v1/nothing"), 404, "not_found");
  // Oversized body (limit 1 MiB here).
  expect_error(api.post("/api/v1/scenarios", std::string(2U << 20, ' ')), 413, "too_large");
  // Wrong media type.
  expect_error(api.post("/api/v1/scenarios", std::string("a,b"), "text/csv"), 415,
               "unsupported_media_type");
  // A job that is done: its summary exists; it cannot be cancelled or re-run.
  const std::int64_t job = api.submit(sid);
  ASSERT_EQ(api.wait(job)["state"], "done");
  const std::string j = "/api/v1/jobs/" + std::to_string(job);
  expect_error(api.post(j + "/cancel", std::string()), 409, "conflict", "is done");
  expect_error(api.post(j + "/rerun", std::string()), 409, "conflict", "is done");
  expect_error(api.get(j + "/layers/rivers"), 404, "not_found", "roads, hazards and settlements");
  // Compare and validate with bad arguments.
  expect_error(api.get("/api/v1/compare?a=" + std::to_string(job)), 400, "invalid_input", "b:");
  expect_error(api.get("/api/v1/compare?a=" + std::to_string(job) + "&b=x"), 400, "invalid_input");
  expect_error(api.get("/api/v1/compare?a=" + std::to_string(job) + "&b=999"), 404, "not_found");
  expect_error(api.post("/api/v1/validate", json{{"scenario", sid}}), 400, "invalid_input", "plan");
  expect_error(api.post("/api/v1/validate", json{{"scenario", sid}, {"plan", {{"tasks", 3}}}}), 400,
               "parse");
}

TEST(Api, AFullQueueRefusesWith429AndCancelsQueuedJobs) {
  ServerProcess s;
  s.start({"--workers", "1", "--queue", "2"});
  Api api(s);
  const std::int64_t sid = api.upload_small();
  // The first job keeps the one worker busy for its 3 s search; two more fill the queue.
  const json slow = {{"time_limit_s", 3.0}, {"threads", 1}};
  const std::int64_t a = api.submit(sid, slow);
  api.wait(a, {"running"});
  const std::int64_t b = api.submit(sid, slow);
  const std::int64_t c = api.submit(sid, slow);
  const auto full = api.post("/api/v1/jobs", json{{"scenario", sid}, {"options", slow}});
  expect_error(full, 429, "queue_full");
  EXPECT_FALSE(full->get_header_value("Retry-After").empty());
  const json qb = Api::body(api.get("/api/v1/jobs/" + std::to_string(b)));
  EXPECT_EQ(qb["state"], "queued");
  EXPECT_EQ(qb["queue_position"], 1);
  expect_error(api.get("/api/v1/jobs/" + std::to_string(b) + "/summary"), 409, "conflict",
               "once it is done");
  // Cancel a queued job: it never runs; its stream ends at once.
  const auto cr = api.post("/api/v1/jobs/" + std::to_string(c) + "/cancel", std::string());
  ASSERT_EQ(cr->status, 200) << cr->body;
  EXPECT_EQ(Api::body(cr)["state"], "cancelled");
  const auto ce = read_events(s, c);
  ASSERT_FALSE(ce.empty());
  EXPECT_EQ(ce.back().type, "end");
  EXPECT_EQ(ce.back().data["state"], "cancelled");
  // Cancel the running one: it is marked at once, and its outputs are discarded at its end.
  ASSERT_EQ(api.post("/api/v1/jobs/" + std::to_string(a) + "/cancel", std::string())->status, 200);
  EXPECT_EQ(Api::body(api.get("/api/v1/jobs/" + std::to_string(a)))["state"], "cancelled");
  EXPECT_EQ(api.wait(b)["state"], "done");
  EXPECT_EQ(Api::body(api.get("/api/v1/jobs/" + std::to_string(a)))["state"], "cancelled");
  EXPECT_FALSE(fs::exists(s.data() / "jobs" / std::to_string(a) / "plan"));
  EXPECT_EQ(Api::body(api.get("/api/v1/jobs/" + std::to_string(c)))["attempts"], 0);
  // A cancelled job can be re-run.
  const auto rr = api.post("/api/v1/jobs/" + std::to_string(c) + "/rerun", std::string());
  ASSERT_EQ(rr->status, 202) << rr->body;
  EXPECT_EQ(api.wait(c)["state"], "done");
}

TEST(Api, JobsSurviveAKilledServer) {
  auto s = std::make_unique<ServerProcess>();
  s->keep_data();
  const fs::path data = s->data();
  s->start({"--workers", "1"});
  std::int64_t sid = 0, done = 0, running = 0, queued = 0;
  {
    Api api(*s);
    sid = api.upload_small();
    done = api.submit(sid);
    ASSERT_EQ(api.wait(done)["state"], "done");
    running = api.submit(sid, {{"time_limit_s", 20.0}, {"threads", 1}});
    api.wait(running, {"running"});
    queued = api.submit(sid);
  }
  s->kill9();
  s.reset();
  ServerProcess again(data);
  again.start({"--workers", "1"});
  Api api(again);
  // The finished plan is intact; the interrupted job is marked; the queued one runs.
  const json d = api.wait(done);
  EXPECT_EQ(d["state"], "done");
  EXPECT_EQ(api.get("/api/v1/jobs/" + std::to_string(done) + "/summary")->status, 200);
  const json r = Api::body(api.get("/api/v1/jobs/" + std::to_string(running)));
  EXPECT_EQ(r["state"], "failed");
  EXPECT_EQ(r["error"]["code"], "interrupted");
  EXPECT_FALSE(fs::exists(data / "jobs" / std::to_string(running) / "plan"));
  EXPECT_EQ(api.wait(queued)["state"], "done");
  const auto ev = read_events(again, running);
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.back().data["error"]["code"], "interrupted");
  // Re-run the interrupted job, without the long search this time is not possible: it runs its
  // own options again (a 20 s search).
  const auto rr = api.post("/api/v1/jobs/" + std::to_string(running) + "/rerun", std::string());
  ASSERT_EQ(rr->status, 202) << rr->body;
  const json rerun = api.wait(running);
  EXPECT_EQ(rerun["state"], "done");
  EXPECT_EQ(rerun["attempts"], 2);
}

TEST(Api, MultipartUploadWithAGisLayer) {
  ServerProcess s;
  s.start();
  Api api(s);
  json doc = json::parse(read_file(kSmall));
  std::string csv = "id,trade,people,base\n";
  for (const auto& c : doc["crews"]) {
    csv += c["id"].get<std::string>() + "," + c["trade"].get<std::string>() + "," +
           std::to_string(c["people"].get<int>()) + "," + c["base"].get<std::string>() + "\n";
  }
  doc["crews"] = {{"source", "crews.csv"}};
  httplib::MultipartFormDataItems items = {
      {"scenario", doc.dump(), "scenario.json", "application/json"},
      {"layer", csv, "crews.csv", "text/csv"},
  };
  const auto r = api.cli.Post("/api/v1/scenarios?name=with%20a%20crew%20layer", items);
  ASSERT_EQ(r->status, 201) << r->body;
  const json sc = Api::body(r);
  EXPECT_EQ(sc["name"], "with a crew layer");
  EXPECT_EQ(sc["counts"]["crews"], 6);
  EXPECT_EQ(sc["files"], json::array({"scenario.json", "crews.csv"}));
  EXPECT_EQ(api.wait(api.submit(sc["id"]))["state"], "done");
  // A layer file name that is a path is refused; so is a reference to a file not uploaded.
  httplib::MultipartFormDataItems evil = {
      {"scenario", doc.dump(), "scenario.json", "application/json"},
      {"layer", csv, "../crews.csv", "text/csv"},
  };
  expect_error(api.cli.Post("/api/v1/scenarios", evil), 400, "invalid_input", "file name");
  httplib::MultipartFormDataItems missing = {
      {"scenario", doc.dump(), "scenario.json", "application/json"}};
  expect_error(api.cli.Post("/api/v1/scenarios", missing), 400, "invalid_input",
               "not an uploaded file");
}

// tests/server/data/small_crews_layer.zip: the small example in a folder `small/`, its crews in
// a layer `crews.csv` (made with Python's zipfile from docs/examples/small/scenario.json, as the
// multipart test above builds its parts).
TEST(Api, ZipUploadAsABodyOrAPart) {
  ServerProcess s;
  s.start();
  Api api(s);
  const std::string zip =
      read_file(fs::path(GW_SOURCE_DIR) / "tests/server/data/small_crews_layer.zip");
  const auto r = api.cli.Post("/api/v1/scenarios?name=zipped", zip, "application/zip");
  ASSERT_EQ(r->status, 201) << r->body;
  const json sc = Api::body(r);
  EXPECT_EQ(sc["name"], "zipped");
  EXPECT_EQ(sc["counts"]["crews"], 6);
  EXPECT_EQ(sc["files"], json::array({"scenario.json", "crews.csv"}));
  EXPECT_EQ(api.wait(api.submit(sc["id"]))["state"], "done");

  httplib::MultipartFormDataItems part = {{"archive", zip, "district.zip", "application/zip"}};
  const auto p = api.cli.Post("/api/v1/scenarios", part);
  ASSERT_EQ(p->status, 201) << p->body;
  EXPECT_EQ(Api::body(p)["counts"]["crews"], 6);

  // Not a ZIP; a ZIP with more parts beside it; a ZIP with no scenario in it.
  expect_error(api.cli.Post("/api/v1/scenarios", "PK but not a zip", "application/zip"), 400,
               "parse", "upload.zip: not a ZIP archive");
  httplib::MultipartFormDataItems two = {{"archive", zip, "district.zip", "application/zip"},
                                         {"layer", "id\n", "crews.csv", "text/csv"}};
  expect_error(api.cli.Post("/api/v1/scenarios", two), 400, "invalid_input", "comes alone");
  expect_error(api.cli.Post("/api/v1/scenarios", read_file(kSmall), "text/plain"), 415,
               "unsupported_media_type", "application/zip");
}

TEST(Api, CompareAndValidate) {
  ServerProcess s;
  s.start({"--workers", "2"});
  Api api(s);
  const std::int64_t sid = api.upload_small();
  const std::int64_t a = api.submit(sid, {{"rule", "nearest"}});
  const std::int64_t b = api.submit(sid, {{"rule", "impact"}});
  ASSERT_EQ(api.wait(a)["state"], "done");
  ASSERT_EQ(api.wait(b)["state"], "done");
  const auto r = api.get("/api/v1/compare?a=" + std::to_string(a) + "&b=" + std::to_string(b));
  ASSERT_EQ(r->status, 200) << r->body;
  const json c = Api::body(r);
  const json sa = Api::body(api.get("/api/v1/jobs/" + std::to_string(a) + "/summary"));
  const json sb = Api::body(api.get("/api/v1/jobs/" + std::to_string(b) + "/summary"));
  EXPECT_NEAR(c["a"]["people_days_without_access"].get<double>(),
              sa["people_days_without_access"].get<double>(), 1e-6);
  EXPECT_NEAR(c["b"]["people_days_without_access"].get<double>(),
              sb["people_days_without_access"].get<double>(), 1e-6);
  EXPECT_TRUE(c.contains("settlements"));

  const json plan = Api::body(api.get("/api/v1/jobs/" + std::to_string(b) + "/files/plan.json"));
  const auto v = api.post("/api/v1/validate", json{{"scenario", sid}, {"plan", plan}});
  ASSERT_EQ(v->status, 200) << v->body;
  const json vr = Api::body(v);
  EXPECT_EQ(vr["valid"], true) << vr.dump();
  EXPECT_NEAR(vr["measures"]["people_days_without_access"].get<double>(),
              sb["people_days_without_access"].get<double>(), 1e-6);
  // A tampered plan: every assigned task departs and starts at minute 0, which breaks
  // precedence, travel and crews doing one task at a time.
  json bad = plan;
  for (auto& t : bad["tasks"]) {
    if (t.contains("start")) {
      t["depart"] = 0;
      t["start"] = 0;
    }
  }
  const json vb = Api::body(api.post("/api/v1/validate", json{{"scenario", sid}, {"plan", bad}}));
  EXPECT_EQ(vb["valid"], false) << vb.dump().substr(0, 400);
  EXPECT_FALSE(vb["violations"].empty());
}

TEST(Api, ATokenIsRequiredWhenGiven) {
  const fs::path tf = fs::temp_directory_path() / ("gw_token_" + std::to_string(::getpid()));
  { std::ofstream(tf) << "0123456789abcdef0123456789abcdef\n"; }
  ServerProcess s;
  s.start({"--token-file", tf.string()});
  Api anon(s);
  const auto r = anon.get("/api/v1/health");
  expect_error(r, 401, "unauthorized", "Bearer");
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  Api wrong(s, "0123456789abcdef0123456789abcdeX");
  expect_error(wrong.get("/api/v1/scenarios"), 401, "unauthorized");
  Api ok(s, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(ok.get("/api/v1/health")->status, 200);
  EXPECT_EQ(ok.upload_small(), 1);
  fs::remove(tf);
}

}  // namespace
}  // namespace gw::test

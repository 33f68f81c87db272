#include "server/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <sstream>

#include "gen/district.hpp"
#include "io/scenario_json.hpp"
#include "model/error.hpp"
#include "plan/link.hpp"
#include "server/scenarios.hpp"

namespace gw::server {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// An uploaded ZIP may inflate to this many times the request body limit (GeoPackages and CSV
// layers compress some 3-10 times); beyond, the upload is refused as a ZIP bomb would be.
constexpr std::size_t kArchiveInflation = 16;

// The HTTP status of each stable error code (src/model/error.hpp): the caller's fault is 4xx.
int http_status(ErrorCode c) {
  switch (c) {
    case ErrorCode::kParse:
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kInfeasible:
    case ErrorCode::kUnsupported:
    case ErrorCode::kInvalidPlan:
      return 422;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, std::string_view code,
                const std::string& message) {
  send_json(res, status, {{"code", code}, {"message", message}});
}

// The code of an HTTP status that no handler explained (routing, body limit).
std::string_view code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "conflict";
    case 413:
      return "too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "queue_full";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

std::string message_for_status(int status, const httplib::Request& req, std::size_t max_body) {
  switch (status) {
    case 404:
      return "no such resource: " + req.method + " " + req.path;
    case 413:
      return "request body larger than the limit of " + std::to_string(max_body) + " bytes";
    case 400:
      return "malformed request";
    default:
      return "HTTP status " + std::to_string(status);
  }
}

// A job or scenario id from the path; nullopt when it does not fit (the route then answers 404).
std::optional<std::int64_t> id_of(const std::string& s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  return std::stoll(s);
}

json parse_body(const httplib::Request& req) {
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::kParse, std::string("request body: ") + e.what());
  }
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, p.filename().string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The files a finished plan has, with their media types. A request names one of these; nothing
// else under the data directory is reachable.
struct PlanFile {
  std::string_view name;
  std::string_view type;
};
constexpr std::array<PlanFile, 8> kPlanFiles = {{
    {"plan.json", "application/json"},
    {"schedule.csv", "text/csv"},
    {"summary.json", "application/json"},
    {"roads.geojson", "application/geo+json"},
    {"hazards.geojson", "application/geo+json"},
    {"settlements.geojson", "application/geo+json"},
    {"report.html", "text/html; charset=utf-8"},
    {"plan.gpkg", "application/geopackage+sqlite3"},
}};

bool token_matches(const std::string& got, const std::string& want) {
  // Constant time in the token's length, so that timing does not reveal a prefix.
  if (got.size() != want.size()) return false;
  unsigned char d = 0;
  for (std::size_t i = 0; i < got.size(); ++i) d |= static_cast<unsigned char>(got[i] ^ want[i]);
  return d == 0;
}

json job_json(const JobRow& j, const std::optional<PlanRow>& plan, std::size_t queue_position) {
  json o = {{"id", j.id},
            {"scenario", j.scenario_id},
            {"state", j.state},
            {"options", j.options},
            {"created_at", j.created_at},
            {"started_at", j.started_at ? json(*j.started_at) : json(nullptr)},
            {"finished_at", j.finished_at ? json(*j.finished_at) : json(nullptr)},
            {"attempts", j.attempts},
            {"error", j.error_code
                          ? json{{"code", *j.error_code}, {"message", j.error_message.value_or("")}}
                          : json(nullptr)},
            {"has_plan", plan.has_value()}};
  if (plan) o["valid"] = plan->valid ? json(*plan->valid) : json(nullptr);
  if (j.state == "queued" && queue_position > 0) o["queue_position"] = queue_position;
  return o;
}

json scenario_json(const ScenarioRow& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"created_at", s.created_at},
          {"files", s.files},
          {"counts", s.counts}};
}

std::string sse_event(const JobEvent& e) {
  return "id: " + std::to_string(e.seq) + "\nevent: " + e.type + "\ndata: " + e.data.dump() +
         "\n\n";
}

// The scenario and its layer files out of a POST /api/v1/scenarios body: a scenario JSON; a ZIP
// of it with its layers (application/zip, or a multipart part "archive"); or multipart parts
// "scenario" and "layer". Returns the message of a 415 for any other media type.
std::optional<std::string> upload_parts(const httplib::Request& req, std::size_t max_inflated,
                                        std::string& text, std::vector<UploadedFile>& layers) {
  const std::string type = req.get_header_value("Content-Type");
  if (req.is_multipart_form_data() && req.has_file("archive")) {
    if (req.files.size() != 1) {
      throw Error(ErrorCode::kInvalidInput,
                  "multipart upload: a part named 'archive' comes alone (or send 'scenario' and "
                  "'layer' parts instead)");
    }
    unpack_archive(req.get_file_value("archive").content, max_inflated, text, layers);
  } else if (req.is_multipart_form_data()) {
    if (!req.has_file("scenario")) {
      throw Error(ErrorCode::kInvalidInput,
                  "multipart upload: a part named 'scenario' (the scenario JSON) or 'archive' (a "
                  "ZIP) is required");
    }
    text = req.get_file_value("scenario").content;
    for (const auto& [key, part] : req.files) {
      if (key == "scenario") continue;
      if (key != "layer") {
        throw Error(ErrorCode::kInvalidInput, "multipart upload: unknown part '" + key +
                                                  "' (parts: scenario, layer; or archive)");
      }
      layers.push_back({part.filename, part.content});
    }
  } else if (type.rfind("application/zip", 0) == 0) {
    unpack_archive(req.body, max_inflated, text, layers);
  } else if (type.empty() || type.rfind("application/json", 0) == 0) {
    text = req.body;
  } else {
    return "Content-Type must be application/json, application/zip or multipart/form-data, not " +
           type;
  }
  return std::nullopt;
}

}  // namespace

struct Server::Impl {
  ServerOptions opt;
  Store store;
  JobRunner runner;
  httplib::Server http;
  std::atomic<bool> stopping{false};

  explicit Impl(ServerOptions o)
      : opt(std::move(o)),
        store((fs::create_directories(opt.data_dir), opt.data_dir / "groundwork.sqlite")),
        runner(store, opt.data_dir, opt.runner) {}

  void routes();
  void serve_static(const httplib::Request& req, httplib::Response& res) const;
  std::size_t queue_position(std::int64_t id);
  // Runs a handler, turning gw::Error into its status and {"code","message"}.
  template <class F>
  auto guarded(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
      try {
        f(req, res);
      } catch (const Error& e) {
        send_error(res, http_status(e.code()), error_code_name(e.code()), e.what());
      } catch (const json::exception& e) {
        send_error(res, 400, "invalid_input", std::string("request: ") + e.what());
      }
    };
  }
};

std::size_t Server::Impl::queue_position(std::int64_t id) {
  const auto ids = store.job_ids_in_state("queued");
  const auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? 0 : static_cast<std::size_t>(it - ids.begin()) + 1;
}

void Server::Impl::serve_static(const httplib::Request& req, httplib::Response& res) const {
  // Only plain names (and one folder level, for Vite's assets/) are served: no "..", no hidden
  // file, nothing outside the built page's folder.
  static const std::regex kSafe(R"(^/((assets/)?[A-Za-z0-9_-][A-Za-z0-9._-]*)?$)");
  if (!std::regex_match(req.path, kSafe) || req.path.find("..") != std::string::npos) {
    send_error(res, 404, "not_found", "no such resource: " + req.path);
    return;
  }
  const std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
  const fs::path file = opt.web_dir / rel;
  std::error_code ec;
  if (opt.web_dir.empty() || !fs::is_regular_file(file, ec)) {
    if (rel == "index.html") {
      res.status = 503;
      res.set_content(
          "<!doctype html><title>groundwork</title><p>The web page was not built: configure "
          "with npm available (scripts/install-deps.sh installs it) and build the target "
          "<code>web</code>, or pass <code>--web DIR</code>. The API is under "
          "<code>/api/v1</code>.</p>",
          "text/html; charset=utf-8");
      return;
    }
    send_error(res, 404, "not_found", "no such resource: " + req.path);
    return;
  }
  static const std::map<std::string, std::string> kTypes = {{".html", "text/html; charset=utf-8"},
                                                            {".js", "text/javascript"},
                                                            {".css", "text/css"},
                                                            {".svg", "image/svg+xml"},
                                                            {".png", "image/png"},
                                                            {".json", "application/json"},
                                                            {".woff2", "font/woff2"},
                                                            {".map", "application/json"},
                                                            {".mjs", "text/javascript"}};
  const auto t = kTypes.find(file.extension().string());
  res.set_content(read_file(file), t == kTypes.end() ? "application/octet-stream" : t->second);
  // Vite names assets by their content hash: they never change under one name.
  if (rel.rfind("assets/", 0) == 0) res.set_header("Cache-Control", "max-age=31536000, immutable");
}

void Server::Impl::routes() {
  using Req = httplib::Request;
  using Res = httplib::Response;
  httplib::Server& s = http;
  const fs::path data = opt.data_dir;

  s.Get("/api/v1/health", guarded([this](const Req&, Res& res) {
          send_json(res, 200,
                    {{"status", "ok"},
                     {"version", "0.1.0"},
                     {"schema_version", store.schema_version()},
                     {"journal_mode", store.journal_mode()},
                     {"workers", runner.options().workers},
                     {"queue_limit", runner.options().queue_limit},
                     {"queued", runner.queued()},
                     {"running", runner.running()}});
        }));
  s.Get("/api/v1/openapi.json",
        [](const Req&, Res& res) { res.set_content(openapi_document(), "application/json"); });

  // Scenarios.
  s.Get("/api/v1/scenarios", guarded([this](const Req&, Res& res) {
          json list = json::array();
          for (const auto& sc : store.scenarios()) list.push_back(scenario_json(sc));
          send_json(res, 200, {{"scenarios", list}});
        }));
  s.Post("/api/v1/scenarios", guarded([this, data](const Req& req, Res& res) {
           const std::string name = req.has_param("name") ? req.get_param_value("name") : "";
           std::string text;
           std::vector<UploadedFile> layers;
           if (const auto refused =
                   upload_parts(req, kArchiveInflation * opt.max_body_bytes, text, layers)) {
             send_error(res, 415, "unsupported_media_type", *refused);
             return;
           }
           const ScenarioRow row = ingest_scenario(store, data, name, text, layers);
           res.set_header("Location", "/api/v1/scenarios/" + std::to_string(row.id));
           send_json(res, 201, scenario_json(row));
         }));
  s.Get(R"(/api/v1/scenarios/(\d+))", guarded([this](const Req& req, Res& res) {
          const auto id = id_of(req.matches[1]);
          const auto sc = id ? store.scenario(*id) : std::nullopt;
          if (!sc) {
            send_error(res, 404, "not_found", "no scenario " + std::string(req.matches[1]));
            return;
          }
          send_json(res, 200, scenario_json(*sc));
        }));
  s.Get(R"(/api/v1/scenarios/(\d+)/scenario.json)", guarded([this, data](const Req& req, Res& res) {
          const auto id = id_of(req.matches[1]);
          const auto sc = id ? store.scenario(*id) : std::nullopt;
          if (!sc) {
            send_error(res, 404, "not_found", "no scenario " + std::string(req.matches[1]));
            return;
          }
          res.set_content(read_file(data / sc->dir / "scenario.json"), "application/json");
        }));

  // Jobs.
  s.Get("/api/v1/jobs", guarded([this](const Req&, Res& res) {
          json list = json::array();
          const auto queued = store.job_ids_in_state("queued");
          for (const auto& j : store.jobs()) {
            const auto it = std::find(queued.begin(), queued.end(), j.id);
            list.push_back(job_json(
                j, store.plan(j.id),
                it == queued.end() ? 0 : static_cast<std::size_t>(it - queued.begin()) + 1));
          }
          send_json(res, 200, {{"jobs", list}});
        }));
  s.Post("/api/v1/jobs", guarded([this](const Req& req, Res& res) {
           const json body = parse_body(req);
           if (!body.is_object())
             throw Error(ErrorCode::kInvalidInput, "request body: not an object");
           for (const auto& [k, v] : body.items()) {
             if (k != "scenario" && k != "options") {
               throw Error(ErrorCode::kInvalidInput, k + ": unknown key (keys: scenario, options)");
             }
           }
           if (!body.contains("scenario") || !body["scenario"].is_number_integer()) {
             throw Error(ErrorCode::kInvalidInput,
                         "scenario: the id of a stored scenario is required");
           }
           const std::int64_t sid = body["scenario"].get<std::int64_t>();
           if (!store.scenario(sid)) {
             send_error(res, 404, "not_found", "no scenario " + std::to_string(sid));
             return;
           }
           const json options = body.value("options", json::object());
           // Checked now, so that a bad option is the caller's 400 and not a failed job.
           parse_job_options(options, runner.options().max_threads,
                             runner.options().max_time_limit_s);
           const auto id = runner.submit([&] { return store.add_job(sid, options); });
           if (!id) {
             res.set_header("Retry-After", "10");
             send_error(res, 429, "queue_full",
                        "the job queue is full (" + std::to_string(runner.options().queue_limit) +
                            " queued jobs); try again later");
             return;
           }
           res.set_header("Location", "/api/v1/jobs/" + std::to_string(*id));
           send_json(res, 202, {{"id", *id}, {"state", "queued"}});
         }));
  auto with_job = [this](const Req& req, Res& res) -> std::optional<JobRow> {
    const auto id = id_of(req.matches[1]);
    auto j = id ? store.job(*id) : std::nullopt;
    if (!j) send_error(res, 404, "not_found", "no job " + std::string(req.matches[1]));
    return j;
  };
  s.Get(R"(/api/v1/jobs/(\d+))", guarded([this, with_job](const Req& req, Res& res) {
          const auto j = with_job(req, res);
          if (!j) return;
          send_json(res, 200, job_json(*j, store.plan(j->id), queue_position(j->id)));
        }));
  s.Post(R"(/api/v1/jobs/(\d+)/cancel)", guarded([this, with_job](const Req& req, Res& res) {
           const auto j = with_job(req, res);
           if (!j) return;
           if (!runner.cancel(j->id)) {
             send_error(res, 409, "conflict",
                        "job " + std::to_string(j->id) + " is " + j->state +
                            ": only a queued or running job can be cancelled");
             return;
           }
           send_json(res, 200, job_json(*store.job(j->id), std::nullopt, 0));
         }));
  s.Post(R"(/api/v1/jobs/(\d+)/rerun)", guarded([this, with_job](const Req& req, Res& res) {
           const auto j = with_job(req, res);
           if (!j) return;
           if (j->state != "failed" && j->state != "cancelled") {
             send_error(res, 409, "conflict",
                        "job " + std::to_string(j->id) + " is " + j->state +
                            ": only a failed, interrupted or cancelled job can be re-run");
             return;
           }
           if (runner.running() > 0 && runner.events(j->id) && !runner.events(j->id)->ended()) {
             send_error(res, 409, "conflict",
                        "job " + std::to_string(j->id) + " is still finishing its cancelled run");
             return;
           }
           if (runner.queued() >= runner.options().queue_limit) {
             send_error(res, 429, "queue_full", "the job queue is full; try again later");
             return;
           }
           if (!store.requeue_job(j->id) || !runner.enqueue(j->id)) {
             send_error(res, 409, "conflict",
                        "job " + std::to_string(j->id) + " changed meanwhile");
             return;
           }
           send_json(res, 202, {{"id", j->id}, {"state", "queued"}});
         }));
  s.Get(
      R"(/api/v1/jobs/(\d+)/events)", guarded([this, with_job](const Req& req, Res& res) {
        const auto j = with_job(req, res);
        if (!j) return;
        std::uint64_t after = 0;
        if (req.has_header("Last-Event-ID")) {
          try {
            after = std::stoull(req.get_header_value("Last-Event-ID"));
          } catch (const std::exception&) {
            after = 0;
          }
        }
        std::shared_ptr<EventLog> log = runner.events(j->id);
        if (!log) {
          // A job of an earlier server process (or one whose log was dropped): its state now,
          // and the end when it has ended.
          log = std::make_shared<EventLog>();
          log->append("state", {{"state", j->state}});
          if (j->state == "done" || j->state == "failed" || j->state == "cancelled") {
            json end = {{"state", j->state}};
            if (j->error_code)
              end["error"] = {{"code", *j->error_code}, {"message", j->error_message.value_or("")}};
            log->append("end", end);
          }
        }
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Accel-Buffering", "no");
        auto seq = std::make_shared<std::uint64_t>(after);
        auto quiet = std::make_shared<int>(0);
        res.set_chunked_content_provider(
            "text/event-stream", [this, log, seq, quiet](std::size_t, httplib::DataSink& sink) {
              if (stopping) return false;
              bool ended = false;
              const auto events = log->since(*seq, std::chrono::milliseconds(500), ended);
              std::string out;
              for (const auto& e : events) {
                out += sse_event(e);
                *seq = e.seq;
              }
              if (out.empty() && ++*quiet >= 30) {  // a comment every 15 s keeps proxies open
                out = ": keep-alive\n\n";
                *quiet = 0;
              }
              if (!out.empty() && !sink.write(out.data(), out.size())) return false;
              if (ended && events.empty()) sink.done();
              if (ended && !events.empty() && events.back().type == "end") sink.done();
              return true;
            });
      }));
  auto with_plan = [this, with_job](const Req& req, Res& res) -> std::optional<PlanRow> {
    const auto j = with_job(req, res);
    if (!j) return std::nullopt;
    auto p = store.plan(j->id);
    if (!p) {
      send_error(
          res, 409, "conflict",
          "job " + std::to_string(j->id) + " is " + j->state +
              (j->state == "queued" || j->state == "running" ? ": its plan exists once it is done"
                                                             : ": it has no plan"));
    }
    return p;
  };
  s.Get(R"(/api/v1/jobs/(\d+)/summary)", guarded([with_plan](const Req& req, Res& res) {
          const auto p = with_plan(req, res);
          if (p) send_json(res, 200, p->summary);
        }));
  auto send_plan_file = [data](Res& res, const PlanRow& p, std::string_view name) {
    for (const auto& f : kPlanFiles) {
      if (f.name != name) continue;
      res.set_content(read_file(data / p.dir / std::string(f.name)), std::string(f.type));
      if (name == "plan.gpkg" || name == "schedule.csv")
        res.set_header("Content-Disposition", "attachment; filename=\"" + std::string(name) + "\"");
      return true;
    }
    return false;
  };
  s.Get(R"(/api/v1/jobs/(\d+)/layers/([^/]+))",
        guarded([with_plan, send_plan_file](const Req& req, Res& res) {
          const std::string layer = req.matches[2];
          if (layer != "roads" && layer != "hazards" && layer != "settlements") {
            send_error(res, 404, "not_found",
                       "no layer '" + layer + "': the layers are roads, hazards and settlements");
            return;
          }
          const auto p = with_plan(req, res);
          if (p) send_plan_file(res, *p, layer + ".geojson");
        }));
  s.Get(R"(/api/v1/jobs/(\d+)/files/([^/]+))",
        guarded([with_plan, send_plan_file](const Req& req, Res& res) {
          const std::string name = req.matches[2];
          if (std::none_of(kPlanFiles.begin(), kPlanFiles.end(),
                           [&](const PlanFile& f) { return f.name == name; })) {
            std::string names;
            for (const auto& f : kPlanFiles)
              names += (names.empty() ? "" : ", ") + std::string(f.name);
            send_error(res, 404, "not_found", "no file '" + name + "': the files are " + names);
            return;
          }
          const auto p = with_plan(req, res);
          if (p) send_plan_file(res, *p, name);
        }));

  // Compare two finished plans: what B gains over A.
  s.Get("/api/v1/compare", guarded([this, data](const Req& req, Res& res) {
          std::array<std::optional<PlanRow>, 2> plans;
          std::array<std::optional<ScenarioRow>, 2> scens;
          const std::array<std::string, 2> keys = {"a", "b"};
          for (std::size_t i = 0; i < 2; ++i) {
            if (!req.has_param(keys[i])) {
              throw Error(ErrorCode::kInvalidInput,
                          keys[i] + ": the id of a finished job is required (?a=ID&b=ID)");
            }
            const std::string v = req.get_param_value(keys[i]);
            const auto id =
                std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })
                    ? id_of(v)
                    : std::nullopt;
            if (!id) throw Error(ErrorCode::kInvalidInput, keys[i] + ": not a job id: '" + v + "'");
            const auto j = store.job(*id);
            if (!j) {
              send_error(res, 404, "not_found", "no job " + v);
              return;
            }
            plans[i] = store.plan(*id);
            if (!plans[i]) {
              send_error(res, 409, "conflict", "job " + v + " is " + j->state + ": no plan yet");
              return;
            }
            scens[i] = store.scenario(j->scenario_id);
          }
          std::size_t top = 10;
          if (req.has_param("top")) {
            const std::string v = req.get_param_value("top");
            if (v.empty() || v.size() > 4 ||
                !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
              throw Error(ErrorCode::kInvalidInput, "top: must be an integer in 0..9999");
            }
            top = std::stoul(v);
          }
          send_json(res, 200,
                    flow::compare_plan_files(
                        data / scens[0]->dir / "scenario.json", data / plans[0]->dir / "plan.json",
                        "job " + std::to_string(plans[0]->job_id),
                        data / scens[1]->dir / "scenario.json", data / plans[1]->dir / "plan.json",
                        "job " + std::to_string(plans[1]->job_id), top));
        }));

  // Validate an uploaded plan against a stored scenario with the independent validator.
  s.Post("/api/v1/validate", guarded([this, data](const Req& req, Res& res) {
           const json body = parse_body(req);
           if (!body.is_object())
             throw Error(ErrorCode::kInvalidInput, "request body: not an object");
           for (const auto& [k, v] : body.items()) {
             if (k != "scenario" && k != "plan" && k != "objective") {
               throw Error(ErrorCode::kInvalidInput,
                           k + ": unknown key (keys: scenario, plan, objective)");
             }
           }
           if (!body.contains("scenario") || !body["scenario"].is_number_integer())
             throw Error(ErrorCode::kInvalidInput,
                         "scenario: the id of a stored scenario is required");
           if (!body.contains("plan") || !body["plan"].is_object())
             throw Error(ErrorCode::kInvalidInput, "plan: a plan.json object is required");
           const auto sc = store.scenario(body["scenario"].get<std::int64_t>());
           if (!sc) {
             send_error(res, 404, "not_found",
                        "no scenario " + std::to_string(body["scenario"].get<std::int64_t>()));
             return;
           }
           std::optional<ObjectiveKind> objective;
           if (body.contains("objective")) {
             const auto& o = body["objective"];
             objective = o.is_string() ? enum_from_name<ObjectiveKind>(o.get<std::string>(),
                                                                       kObjectiveKindNames)
                                       : std::nullopt;
             if (!objective)
               throw Error(ErrorCode::kInvalidInput,
                           "objective: must be \"access\", \"weighted\" or \"makespan\"");
           }
           send_json(res, 200,
                     validate_plan_document(data / sc->dir / "scenario.json", body["plan"].dump(),
                                            objective));
         }));

  s.Get(".*", [this](const Req& req, Res& res) {
    try {
      serve_static(req, res);
    } catch (const Error& e) {
      send_error(res, 500, "io", e.what());
    }
  });
}

Server::Server(ServerOptions opt) : impl_(std::make_unique<Impl>(std::move(opt))) {
  Impl& m = *impl_;
  const std::size_t max_body = m.opt.max_body_bytes;
  m.http.set_payload_max_length(max_body);
  const int threads = std::max(4, m.opt.http_threads);
  m.http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  m.http.set_read_timeout(30);
  m.http.set_write_timeout(30);
  if (m.opt.token) {
    const std::string want = "Bearer " + *m.opt.token;
    m.http.set_pre_routing_handler([want](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
      if (token_matches(req.get_header_value("Authorization"), want))
        return httplib::Server::HandlerResponse::Unhandled;
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, "unauthorized",
                 "this server needs an 'Authorization: Bearer <token>' header");
      return httplib::Server::HandlerResponse::Handled;
    });
  }
  m.http.set_error_handler(httplib::Server::HandlerWithResponse(
      [max_body](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, res.status, code_for_status(res.status),
                   message_for_status(res.status, req, max_body));
        return httplib::Server::HandlerResponse::Handled;
      }));
  m.http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr& ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, "internal", what);
      });
  m.routes();
  interrupted_ = m.runner.start();
}

Server::~Server() {
  stop();
  impl_->runner.stop();
}

int Server::bind() {
  Impl& m = *impl_;
  // cpp-httplib 0.11 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into
  // Debian's shared library): a burst of clients then waits for SYN retries of 1, 3, 7, ... s.
  // Listening again on the same socket raises the backlog (Linux allows it).
  socket_t listening = INVALID_SOCKET;
  m.http.set_socket_options([&listening](socket_t sock) {
    httplib::default_socket_options(sock);
    listening = sock;
  });
  const int port = m.opt.port == 0
                       ? m.http.bind_to_any_port(m.opt.bind)
                       : (m.http.bind_to_port(m.opt.bind, m.opt.port) ? m.opt.port : -1);
  if (port <= 0) {
    throw Error(ErrorCode::kIo,
                "serve: cannot listen on " + m.opt.bind + ":" + std::to_string(m.opt.port));
  }
  if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  return port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

std::size_t Server::running_jobs() { return impl_->runner.running(); }

void Server::seed_default_district() {
  Impl& m = *impl_;
  if (!m.store.scenarios().empty()) return;
  gen::DistrictOptions d;
  d.seed = 1;
  const std::string text = io::scenario_to_json(gen::generate_district(d)).dump();
  const ScenarioRow row =
      ingest_scenario(m.store, m.opt.data_dir, "default district (seed 1)", text, {});
  if (!m.runner.submit([&] { return m.store.add_job(row.id, json::object()); })) {
    throw Error(ErrorCode::kInternal, "serve: the job queue refused the default district's job");
  }
}

}  // namespace gw::server

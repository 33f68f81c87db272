// `groundwork serve`: the HTTP server (cpp-httplib) of the JSON API under /api/v1 and the web
// page, over the store (store.hpp) and the planning job queue (jobs.hpp). docs/api.md and
// docs/openapi.json describe every endpoint.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/jobs.hpp"

namespace gw::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::filesystem::path data_dir = "groundwork-data";
  // With a token, every /api/ request needs "Authorization: Bearer <token>".
  std::optional<std::string> token;
  RunnerOptions runner;
  std::size_t max_body_bytes = 64UL << 20;
  // The built web page (web/dist); empty or missing: `/` says how to build it.
  std::filesystem::path web_dir;
  int http_threads = 16;  // connections served at once (an SSE stream holds one)
};

// The OpenAPI 3 description of the API (docs/openapi.json, compiled in).
const std::string& openapi_document();

class Server {
 public:
  // Opens the store in `data_dir` (created if missing) and starts the job workers.
  explicit Server(ServerOptions opt);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port. Throws gw::Error(kIo) when it cannot.
  int bind();
  // Serves until stop() (from another thread or a signal thread).
  void run();
  void stop();
  // When the store holds no scenario: the built-in default district (seed 1) as scenario 1 and a
  // planning job for it, so that the page opens on a plan.
  void seed_default_district();
  [[nodiscard]] std::size_t interrupted_at_start() const { return interrupted_; }
  [[nodiscard]] std::size_t running_jobs();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t interrupted_ = 0;
};

}  // namespace gw::server

// groundwork serve: the web map of the plan and the JSON API (src/server).
#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "app/commands.hpp"
#include "model/error.hpp"
#include "server/server.hpp"

namespace gw::app {

namespace {

struct ServeOptions {
  server::ServerOptions server;
  std::string token_file;
  std::string web_dir;
  std::size_t max_body_mib = 64;
  bool demo = false;
};

// The built page sits next to the program in the build tree (build/<preset>/web); an installed
// program finds it in ../share/groundwork/web.
std::filesystem::path default_web_dir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (const auto& cand : {exe.parent_path() / "web",
                           exe.parent_path().parent_path() / "share" / "groundwork" / "web"}) {
    if (std::filesystem::is_regular_file(cand / "index.html", ec)) return cand;
  }
  return {};
}

int run_serve(ServeOptions o) {
  if (!o.token_file.empty()) {
    std::ifstream in(o.token_file);
    std::string token;
    if (!in || !std::getline(in, token)) {
      throw Error(ErrorCode::kIo, o.token_file + ": cannot read the token");
    }
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.size() < 16) {
      throw Error(ErrorCode::kInvalidInput,
                  o.token_file + ": the token must have at least 16 characters");
    }
    o.server.token = token;
  }
  o.server.web_dir = o.web_dir.empty() ? default_web_dir() : std::filesystem::path(o.web_dir);
  o.server.max_body_bytes = o.max_body_mib << 20;
  o.server.runner.max_threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));

  // SIGINT and SIGTERM stop the server from one thread that waits for them; every other thread
  // (started below, so inheriting the mask) never sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  server::Server srv(o.server);
  if (srv.interrupted_at_start() > 0) {
    std::fprintf(stderr, "groundwork serve: %zu job(s) were interrupted by the last stop\n",
                 srv.interrupted_at_start());
  }
  if (o.demo) srv.seed_default_district();
  const int port = srv.bind();
  std::thread signals([&srv, set] {
    int sig = 0;
    sigwait(&set, &sig);
    srv.stop();
  });
  std::printf("groundwork serve: listening on http://%s:%d/ (data in %s)\n", o.server.bind.c_str(),
              port, o.server.data_dir.string().c_str());
  if (o.server.web_dir.empty()) {
    std::printf("groundwork serve: the web page was not built; the API is under /api/v1\n");
  }
  std::fflush(stdout);
  srv.run();
  // Woken by a signal, or the listener failed: make sure the signal thread ends too. SIGINT is
  // one of the signals it waits for (blocked everywhere, so it only ends the sigwait).
  pthread_kill(signals.native_handle(), SIGINT);
  signals.join();
  if (srv.running_jobs() > 0) {
    // The planner has no stop point; the store marks these jobs interrupted at the next start.
    std::fprintf(stderr,
                 "groundwork serve: stopped with %zu job(s) running; they are marked interrupted "
                 "at the next start\n",
                 srv.running_jobs());
    std::fflush(stderr);
    std::_Exit(0);
  }
  return 0;
}

}  // namespace

void register_serve(CLI::App& app, Action& run) {
  auto* cmd = app.add_subcommand(
      "serve", "Serve the web map of plans and the JSON API (docs/api.md) with a job queue");
  auto o = std::make_shared<ServeOptions>();
  cmd->add_option("--bind", o->server.bind, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", o->server.port, "Port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--data", o->server.data_dir,
                  "Data directory: the store (SQLite) and the plans (default groundwork-data)");
  cmd->add_option("--token-file", o->token_file,
                  "File whose first line is the token every /api/ request must bear "
                  "(Authorization: Bearer)");
  cmd->add_option("--workers", o->server.runner.workers, "Planning workers (default 1)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--queue", o->server.runner.queue_limit,
                  "Queued jobs accepted at most; more get 429 (default 64)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-body-mib", o->max_body_mib, "Request body limit in MiB (default 64)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--max-time-limit", o->server.runner.max_time_limit_s,
                  "Largest optimiser time limit a job may ask for, in seconds (default 3600)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--web", o->web_dir,
                  "Folder of the built web page (default: web/ next to the program)");
  cmd->add_flag("--demo", o->demo,
                "When the store is empty: add the default district and queue its plan");
  cmd->callback([&run, o] { run = [o] { return run_serve(*o); }; });
}

}  // namespace gw::app

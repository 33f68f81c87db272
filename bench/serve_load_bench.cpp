// Loopback load test of `groundwork serve` (issue 16): starts the server on a free 127.0.0.1 port
// with a fresh data directory, plans one small scenario, then
//   1. N concurrent clients (default 200) each send R requests (default 5), alternating the job's
//      status and its three GeoJSON layers, all released at once;
//   2. J planning jobs (default 20) of the same scenario are queued at once while the status is
//      polled, and waited for.
// Prints the error count, p50/p90/p99/max latencies and the server's peak RSS (VmHWM). Bounded in
// count and in time (--timeout, default 300 s); loopback only.
//   serve_load_bench --binary build/release/groundwork --scenario docs/examples/small/scenario.json
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string binary, scenario;
  int clients = 200, requests = 5, jobs = 20, workers = 2;
  double timeout_s = 300;
};

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long kib_field(pid_t pid, const char* key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::string(key).size()));
  }
  return -1;
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i =
      std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size())));
  return v[i];
}

void report(const char* what, const std::vector<double>& ms, int errors) {
  std::printf("%-34s %6zu requests, %d errors; ms p50 %.2f p90 %.2f p99 %.2f max %.2f\n", what,
              ms.size(), errors, pct(ms, 50), pct(ms, 90), pct(ms, 99),
              ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--binary")
      a.binary = v;
    else if (k == "--scenario")
      a.scenario = v;
    else if (k == "--clients")
      a.clients = std::stoi(v);
    else if (k == "--requests")
      a.requests = std::stoi(v);
    else if (k == "--jobs")
      a.jobs = std::stoi(v);
    else if (k == "--workers")
      a.workers = std::stoi(v);
    else if (k == "--timeout")
      a.timeout_s = std::stod(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (a.binary.empty() || a.scenario.empty()) {
    std::fprintf(stderr,
                 "usage: serve_load_bench --binary GROUNDWORK --scenario FILE.json [--clients N] "
                 "[--requests R] [--jobs J] [--workers W] [--timeout S]\n");
    return 2;
  }
  const auto deadline = Clock::now() + std::chrono::duration<double>(a.timeout_s);
  const std::filesystem::path data =
      std::filesystem::temp_directory_path() / ("gw_load_" + std::to_string(::getpid()));
  std::filesystem::remove_all(data);

  int fds[2];
  if (::pipe(fds) != 0) return 1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    const std::string workers = std::to_string(a.workers);
    ::execl(a.binary.c_str(), a.binary.c_str(), "serve", "--bind", "127.0.0.1", "--port", "0",
            "--data", data.c_str(), "--workers", workers.c_str(), "--queue", "100", nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  int port = 0;
  std::string out;
  while (port == 0 && Clock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[256];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    const auto at = out.find("127.0.0.1:");
    if (at != std::string::npos && out.find('/', at) != std::string::npos)
      port = std::stoi(out.substr(at + 10));
  }
  if (port == 0) {
    std::fprintf(stderr, "the server did not start: %s\n", out.c_str());
    ::kill(pid, SIGKILL);
    return 1;
  }
  int status_code = 0;
  {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60);
    const auto up = c.Post("/api/v1/scenarios", slurp(a.scenario), "application/json");
    if (!up || up->status != 201) {
      std::fprintf(stderr, "upload failed\n");
      ::kill(pid, SIGKILL);
      return 1;
    }
    const int sid = json::parse(up->body)["id"];
    const auto jr = c.Post("/api/v1/jobs", json{{"scenario", sid}}.dump(), "application/json");
    const int job = json::parse(jr->body)["id"];
    const std::string jpath = "/api/v1/jobs/" + std::to_string(job);
    while (Clock::now() < deadline && json::parse(c.Get(jpath)->body)["state"] != "done")
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const long rss_idle = kib_field(pid, "VmRSS:");

    // 1. Concurrent status and layer requests, released together.
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(a.clients));
    std::atomic<int> errors{0};
    std::mutex mu;
    std::condition_variable cv;
    bool go = false;
    std::vector<std::thread> ts;
    const std::array<std::string, 4> paths = {
        jpath, jpath + "/layers/roads", jpath + "/layers/hazards", jpath + "/layers/settlements"};
    for (int i = 0; i < a.clients; ++i) {
      ts.emplace_back([&, i] {
        httplib::Client cl("127.0.0.1", port);
        cl.set_read_timeout(60);
        cl.set_connection_timeout(30);
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return go; });
        }
        for (int r = 0; r < a.requests && Clock::now() < deadline; ++r) {
          const auto t0 = Clock::now();
          const auto res = cl.Get(paths[static_cast<std::size_t>(i + r) % paths.size()]);
          lat[static_cast<std::size_t>(i)].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          if (!res || res->status != 200) ++errors;
        }
      });
    }
    const auto t_burst = Clock::now();
    {
      const std::lock_guard<std::mutex> lock(mu);
      go = true;
    }
    cv.notify_all();
    for (auto& t : ts) t.join();
    const double burst_s = std::chrono::duration<double>(Clock::now() - t_burst).count();
    std::vector<double> all;
    for (const auto& v : lat) all.insert(all.end(), v.begin(), v.end());
    std::printf("server: 127.0.0.1:%d, %d workers; RSS after the first plan %ld KiB\n", port,
                a.workers, rss_idle);
    char what[96];
    std::snprintf(what, sizeof what, "%d clients x %d status/layer", a.clients, a.requests);
    report(what, all, errors.load());
    std::printf("  burst took %.2f s (%.0f requests/s)\n", burst_s,
                static_cast<double>(all.size()) / burst_s);
    if (errors.load() > 0) status_code = 1;

    // 2. Queued planning jobs, with the status polled meanwhile.
    const auto t_jobs = Clock::now();
    std::vector<int> ids;
    int job_errors = 0;
    std::vector<double> submit_ms;
    for (int i = 0; i < a.jobs; ++i) {
      const auto t0 = Clock::now();
      const auto r =
          c.Post("/api/v1/jobs", json{{"scenario", sid}, {"options", {{"seed", i + 1}}}}.dump(),
                 "application/json");
      submit_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!r || r->status != 202) {
        ++job_errors;
        continue;
      }
      ids.push_back(json::parse(r->body)["id"]);
    }
    std::vector<double> poll_ms;
    int poll_errors = 0;
    std::size_t done = 0;
    int failed = 0;
    while (done < ids.size() && Clock::now() < deadline) {
      done = 0;
      failed = 0;
      for (const int id : ids) {
        const auto t0 = Clock::now();
        const auto r = c.Get("/api/v1/jobs/" + std::to_string(id));
        poll_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!r || r->status != 200) {
          ++poll_errors;
          continue;
        }
        const std::string st = json::parse(r->body)["state"];
        if (st == "done" || st == "failed" || st == "cancelled") ++done;
        if (st != "done" && (st == "failed" || st == "cancelled")) ++failed;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const double jobs_s = std::chrono::duration<double>(Clock::now() - t_jobs).count();
    std::snprintf(what, sizeof what, "%d job submissions", a.jobs);
    report(what, submit_ms, job_errors);
    report("status polls while they ran", poll_ms, poll_errors);
    std::printf("  %zu of %zu jobs ended (%d not done) in %.2f s (%.2f s per job)\n", done,
                ids.size(), failed, jobs_s,
                jobs_s / static_cast<double>(std::max<std::size_t>(1, ids.size())));
    if (job_errors || poll_errors || failed || done < ids.size()) status_code = 1;
  }
  const long hwm = kib_field(pid, "VmHWM:");
  std::printf("server peak RSS (VmHWM): %ld KiB (%.1f MiB)\n", hwm,
              static_cast<double>(hwm) / 1024);
  ::kill(pid, SIGTERM);
  int st = 0;
  ::waitpid(pid, &st, 0);
  std::filesystem::remove_all(data);
  std::printf("%s\n", status_code == 0 ? "no errors" : "ERRORS");
  return status_code;
}

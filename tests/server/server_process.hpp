// Starts the real `groundwork serve` on a free loopback port in a fresh data directory, for the
// API, load and browser tests, and stops it (SIGTERM, or SIGKILL to test what a killed server
// leaves).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gw::test {

// The whole content of a file (empty when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ServerProcess {
 public:
  // A data directory of its own, removed by the destructor unless keep_data().
  ServerProcess() {
    static int counter = 0;
    data_ = std::filesystem::temp_directory_path() /
            ("gw_serve_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(data_);
  }
  explicit ServerProcess(std::filesystem::path data) : data_(std::move(data)) {}
  ~ServerProcess() {
    stop();
    if (!keep_) {
      std::error_code ec;
      std::filesystem::remove_all(data_, ec);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void keep_data() { keep_ = true; }
  [[nodiscard]] const std::filesystem::path& data() const { return data_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Runs `groundwork serve --port 0 --data DIR EXTRA...` and waits for its "listening on" line.
  void start(const std::vector<std::string>& extra = {}) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<std::string> args = {GW_BINARY, "serve", "--bind", "127.0.0.1",
                                       "--port",  "0",     "--data", data_.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(GW_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_fd_ = fds[0];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::string out;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_fd_, POLLIN, 0};
      if (::poll(&p, 1, 200) > 0) {
        char buf[512];
        const ssize_t n = ::read(out_fd_, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        const auto at = out.find("listening on http://127.0.0.1:");
        if (at != std::string::npos && out.find('/', at + 30) != std::string::npos) {
          port_ = std::stoi(out.substr(at + 30));
          return;
        }
      }
    }
    stop();
    throw std::runtime_error("groundwork serve did not start: " + out);
  }

  // SIGTERM (or `sig`), then waits; returns the exit status (-signal when killed by one).
  int stop(int sig = SIGTERM) {
    if (pid_ <= 0) return status_;
    ::kill(pid_, sig);
    int st = 0;
    ::waitpid(pid_, &st, 0);
    pid_ = -1;
    if (out_fd_ >= 0) ::close(out_fd_);
    out_fd_ = -1;
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
    return status_;
  }
  void kill9() { stop(SIGKILL); }

 private:
  std::filesystem::path data_;
  bool keep_ = false;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  int status_ = 0;
};

}  // namespace gw::test

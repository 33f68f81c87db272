// psplib_bench: solves every instance of a PSPLIB folder with a per-instance limit, checks every
// schedule with the independent checker and prints the set's table. The bound tables are read only
// here, to score the results; the engine never sees them.
//
//   psplib_bench --dir ../shared/benchmarks/psplib/j30 --time-limit 1 [--threads 1] [--seed 1]
//                [--schedules N] [--every K] [--first N] [--csv out.csv] [--wall-clock]
//                [--verbose]
//
// The time limit is CPU seconds of the solving thread (each search thread's own with --threads >
// 1) unless --wall-clock is given: on a shared machine a wall-clock limit would measure the load.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "io/psplib.hpp"
#include "model/error.hpp"
#include "sched/checker.hpp"
#include "sched/solver.hpp"

namespace fs = std::filesystem;

namespace {

struct Ref {
  std::optional<int> optimum;     // proven optimum
  std::optional<int> best_known;  // best known makespan (upper bound)
  std::optional<int> cpm;         // critical-path bound, when the table has it
  bool infeasible = false;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '\r') continue;
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

int to_int(const std::string& s) {
  try {
    return std::stoi(s);
  } catch (...) {
    return 0;
  }
}

void merge_best(Ref& r, int v) {
  if (!r.best_known || v < *r.best_known) r.best_known = v;
}

// Reads whatever bound tables the folder holds (see ../shared/benchmarks/psplib/README.md).
std::map<std::string, Ref> read_tables(const fs::path& dir) {
  std::map<std::string, Ref> refs;
  const std::string set = dir.filename().string();  // j30, j60, j10 ...
  // Single mode: <set>_bounds.csv (merged table).
  const fs::path bounds = dir / (set + "_bounds.csv");
  if (fs::exists(bounds)) {
    std::ifstream in(bounds);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto c = split(line, ',');
      if (c.size() < 19) continue;
      Ref& r = refs[c[0]];
      r.cpm = to_int(c[3]);
      merge_best(r, to_int(c[17]));
      if (c[18] == "1") r.optimum = to_int(c[17]);
    }
  }
  // Multi mode j10..j20: <set>opt.mm, "par, inst, makespan, cpu"; 16384 = infeasible.
  const fs::path opt = dir / (set + "opt.mm");
  if (fs::exists(opt)) {
    std::ifstream in(opt);
    std::string line;
    while (std::getline(in, line)) {
      const auto c = split(line, ',');
      if (c.size() < 4) continue;
      const int par = to_int(c[0]);
      const int inst = to_int(c[1]);
      const int ms = to_int(c[2]);
      if (par <= 0 || inst <= 0) continue;
      Ref& r = refs[set + std::to_string(par) + "_" + std::to_string(inst)];
      if (ms == 16384) {
        r.infeasible = true;
      } else {
        r.optimum = ms;
        merge_best(r, ms);
      }
    }
  }
  // Multi mode j30: j30hrs.mm (heuristic UBs) and reference/J30MM_ASGJBS_1.csv (optima, UBs).
  const fs::path hrs = dir / (set + "hrs.mm");
  if (fs::exists(hrs)) {
    std::ifstream in(hrs);
    std::string line;
    while (std::getline(in, line)) {
      const auto c = split(line, ',');
      if (c.size() < 3) continue;
      const int par = to_int(c[0]);
      const int inst = to_int(c[1]);
      if (par <= 0 || inst <= 0) continue;
      merge_best(refs[set + std::to_string(par) + "_" + std::to_string(inst)], to_int(c[2]));
    }
  }
  const fs::path asg = dir / "reference" / "J30MM_ASGJBS_1.csv";
  if (fs::exists(asg)) {
    std::ifstream in(asg);
    std::string line;
    while (std::getline(in, line)) {
      const auto c = split(line, ';');
      if (c.size() < 3 || c[0].empty() || c[0][0] == '#') continue;
      std::string name = c[0];
      if (name.size() < 4 || name.substr(name.size() - 3) != ".mm") continue;
      name.resize(name.size() - 3);
      Ref& r = refs[name];
      if (c[1] == "optimal") {
        r.optimum = to_int(c[2]);
        merge_best(r, to_int(c[2]));
      } else if (c[1] == "upper bound") {
        merge_best(r, to_int(c[2]));
      }
    }
  }
  return refs;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir;
  std::string set_label;
  gw::sched::SolveOptions opt;
  opt.time_basis = gw::sched::TimeBasis::kThreadCpu;
  std::size_t first = 0;
  std::size_t every = 1;
  std::string csv;
  bool verbose = false;
  std::set<std::string> only;  // --names: just these instances (file stems)
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value after " << a << '\n';
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--dir")
      dir = val();
    else if (a == "--set")
      set_label = val();
    else if (a == "--time-limit")
      opt.time_limit_s = std::stod(val());
    else if (a == "--schedules")
      opt.max_schedules = std::stoull(val());
    else if (a == "--threads")
      opt.threads = std::stoi(val());
    else if (a == "--seed")
      opt.seed = std::stoull(val());
    else if (a == "--first")
      first = std::stoul(val());
    else if (a == "--every")
      every = std::max<std::size_t>(1, std::stoul(val()));
    else if (a == "--csv")
      csv = val();
    else if (a == "--verbose")
      verbose = true;
    else if (a == "--wall-clock")
      opt.time_basis = gw::sched::TimeBasis::kWall;
    else if (a == "--ga-share")
      opt.exact_ga_share = std::stod(val());
    else if (a == "--population")
      opt.population = std::stoi(val());
    else if (a == "--mm-runs")
      opt.multi_mode_runs = std::stoi(val());
    else if (a == "--init-samples")
      opt.initial_samples = std::stoi(val());
    else if (a == "--runs")
      opt.single_mode_runs = std::stoi(val());
    else if (a == "--restart-ratio")
      opt.fresh_restart_ratio = std::stod(val());
    else if (a == "--mm-ga-share")
      opt.mode_exact_ga_share = std::stod(val());
    else if (a == "--names") {
      const auto v = split(val(), ',');
      only.insert(v.begin(), v.end());
    } else {
      std::cerr << "usage: psplib_bench --dir DIR [--set NAME] [--time-limit S] [--schedules N] "
                   "[--threads T] [--seed N] [--every K] [--first N] [--csv FILE] [--verbose] "
                   "[--ga-share F] [--population P] [--mm-runs K] [--mm-ga-share F] "
                   "[--restart-ratio F] [--runs K] [--init-samples N] "
                   "[--names A,B,...] "
                   "[--wall-clock]\n";
      return 2;
    }
  }
  if (dir.empty() || !fs::is_directory(dir)) {
    std::cerr << "psplib_bench: --dir must name a folder of .sm/.mm files\n";
    return 2;
  }
  if (set_label.empty()) set_label = dir.filename().string();
  const auto refs = read_tables(dir);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const std::string ext = e.path().extension().string();
    if ((ext != ".sm" && ext != ".mm") || name.find("opt") != std::string::npos ||
        name.find("hrs") != std::string::npos || name.find("lb.") != std::string::npos) {
      continue;
    }
    if (!only.empty() && only.count(e.path().stem().string()) == 0) continue;
    files.push_back(e.path());
  }
  // Natural order: parameter, then instance.
  auto key = [](const fs::path& p) {
    const std::string s = p.stem().string();
    const auto u = s.find('_');
    const int inst = std::atoi(s.c_str() + u + 1);
    const int par = std::atoi(s.substr(3, u - 3).c_str());
    return std::pair(par, inst);
  };
  std::sort(files.begin(), files.end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  if (every > 1) {
    std::vector<fs::path> sample;
    for (std::size_t i = 0; i < files.size(); i += every) sample.push_back(files[i]);
    files.swap(sample);
  }
  if (first > 0 && files.size() > first) files.resize(first);

  std::ofstream out;
  if (!csv.empty()) {
    out.open(csv);
    out << "instance,feasible,makespan,lower_bound,cpm,optimal,best_known,optimum,checker_ok,"
           "schedules,seconds,cpu_seconds\n";
  }
  int n = 0, feasible = 0, proven_infeasible = 0, check_fail = 0, hits_bk = 0, proven_opt = 0;
  int at_optimum = 0, with_optimum = 0, with_bk = 0, with_cpm = 0, better_than_bk = 0;
  double dev_opt_or_cpm = 0, dev_cpm = 0, dev_bk = 0, dev_opt = 0;
  int n_opt_or_cpm = 0;
  int ref_infeasible_but_solved = 0;
  int false_proofs =
      0;  // claimed optimal above a proven optimum: a bug in a bound or dominance rule
  double total_cpu = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (const fs::path& f : files) {
    ++n;
    const std::string name = f.stem().string();
    Ref ref;
    if (auto it = refs.find(name); it != refs.end()) ref = it->second;
    gw::sched::Instance inst;
    try {
      inst = gw::io::read_psplib(f.string());
    } catch (const gw::Error& e) {
      std::cerr << "read error: " << e.what() << '\n';
      continue;
    }
    const gw::sched::SolveResult r = gw::sched::solve(inst, opt);
    total_cpu += r.cpu_seconds;
    bool ok = false;
    if (r.feasible) {
      ++feasible;
      if (ref.infeasible) ++ref_infeasible_but_solved;
      const auto rep = gw::sched::check_schedule(inst, r.schedule.starts, r.schedule.modes);
      ok = rep.ok && rep.makespan == r.makespan;
      if (!ok) {
        ++check_fail;
        std::cerr << name << ": CHECKER REJECTED: "
                  << (rep.errors.empty() ? "makespan mismatch" : rep.errors[0]) << '\n';
      }
      if (r.optimal) ++proven_opt;
      if (r.optimal && ref.optimum && r.makespan > *ref.optimum) {
        ++false_proofs;
        std::cerr << name << ": PROVEN OPTIMAL " << r.makespan << " BUT THE TABLE HAS "
                  << *ref.optimum << '\n';
      }
      const int cpm = ref.cpm ? *ref.cpm : r.critical_path_bound;
      ++with_cpm;
      dev_cpm += 100.0 * (r.makespan - cpm) / cpm;
      const int base = ref.optimum ? *ref.optimum : cpm;
      dev_opt_or_cpm += 100.0 * (r.makespan - base) / base;
      ++n_opt_or_cpm;
      if (ref.optimum) {
        ++with_optimum;
        dev_opt += 100.0 * (r.makespan - *ref.optimum) / *ref.optimum;
        if (r.makespan == *ref.optimum) ++at_optimum;
      }
      if (ref.best_known) {
        ++with_bk;
        dev_bk += 100.0 * (r.makespan - *ref.best_known) / *ref.best_known;
        if (r.makespan <= *ref.best_known) ++hits_bk;
        if (r.makespan < *ref.best_known) ++better_than_bk;
      }
    } else if (r.proven_infeasible) {
      ++proven_infeasible;
    }
    if (verbose) {
      std::printf(
          "%-12s %s ms=%d lb=%d cpm=%d bk=%s opt=%s%s %.2fs (cpu %.2fs) %llu sched %llu bnb %llu "
          "modes\n",
          name.c_str(), r.feasible ? "feasible" : (r.proven_infeasible ? "INFEASIBLE" : "none"),
          r.makespan, r.lower_bound, r.critical_path_bound,
          ref.best_known ? std::to_string(*ref.best_known).c_str() : "-",
          ref.optimum ? std::to_string(*ref.optimum).c_str() : "-", r.optimal ? " proven" : "",
          r.seconds, r.cpu_seconds, static_cast<unsigned long long>(r.schedules),
          static_cast<unsigned long long>(r.exact_nodes),
          static_cast<unsigned long long>(r.mode_assignments));
      std::fflush(stdout);
    }
    if (out) {
      out << name << ',' << r.feasible << ',' << r.makespan << ',' << r.lower_bound << ','
          << r.critical_path_bound << ',' << r.optimal << ','
          << (ref.best_known ? std::to_string(*ref.best_known) : "") << ','
          << (ref.optimum ? std::to_string(*ref.optimum) : "") << ',' << ok << ',' << r.schedules
          << ',' << r.seconds << ',' << r.cpu_seconds << '\n';
    }
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto avg = [](double s, int k) { return k > 0 ? s / k : 0.0; };
  std::printf(
      "| set | instances | feasible | proven infeasible | checker rejects | avg %% dev from "
      "optimum (or CPM) | avg %% dev from CPM | avg %% dev from best known | best known hit | "
      "better than best known | at known optimum | proven optimal (own bound) | total time | total "
      "CPU |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::printf(
      "| %s | %d | %d | %d | %d | %.2f | %.2f | %.3f | %d/%d | %d | %d/%d | %d | %.0f s | %.0f s "
      "|\n",
      set_label.c_str(), n, feasible, proven_infeasible, check_fail,
      avg(dev_opt_or_cpm, n_opt_or_cpm), avg(dev_cpm, with_cpm), avg(dev_bk, with_bk), hits_bk,
      with_bk, better_than_bk, at_optimum, with_optimum, proven_opt, total, total_cpu);
  if (ref_infeasible_but_solved > 0) {
    std::printf("WARNING: %d instances listed as infeasible were solved\n",
                ref_infeasible_but_solved);
  }
  if (false_proofs > 0)
    std::printf("ERROR: %d optimality claims above the table's optimum\n", false_proofs);
  (void)dev_opt;
  return check_fail == 0 && false_proofs == 0 ? 0 : 1;
}

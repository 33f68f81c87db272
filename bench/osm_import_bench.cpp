// Times groundwork's OSM import (read, graph build, places: gw::io::read_osm) beside
// `osmium tags-filter FILE w/highway -o TMP/roads.osm.pbf --overwrite` (osmium-tool) in the same
// run, interleaved, and prints the medians and their ratio (issue 3 target: ratio <= 2).
//
//   osm_import_bench [--reps N] [--osmium PATH] [FILE.osm.pbf]
//
// `osmium tags-filter -R` (without the referenced nodes) is timed too, as a reference for the cost
// of decoding the file once. FILE defaults to the first *.osm.pbf in $GW_SHARED_DIR/data/osm (or
// the configured shared dir). Wall time is the measure; CPU time (all threads, and the osmium
// child's) is printed beside it because the machine may be shared. The import is timed with both
// node strategies (one pass with every node location in memory, the default for files of this size,
// and two passes).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "io/osm_reader.hpp"
#include "model/error.hpp"

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

double cpu_s(int who) {
  struct rusage u {};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

struct Sample {
  double wall_s = 0, cpu_s = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Series {
  std::string name;
  std::vector<double> wall, cpu;
  void add(Sample s) { wall.push_back(s.wall_s), cpu.push_back(s.cpu_s); }
};

fs::path default_extract() {
  const char* env = std::getenv("GW_SHARED_DIR");
  const fs::path dir = fs::path(env ? env : GW_SHARED_DIR) / "data" / "osm";
  std::vector<fs::path> found;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().string().ends_with(".osm.pbf")) found.push_back(e.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found.empty() ? fs::path() : found.front();
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 7;
  std::string osmium = "osmium";
  fs::path file;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--osmium") == 0 && i + 1 < argc) {
      osmium = argv[++i];
    } else if (argv[i][0] == '-') {
      std::fprintf(stderr, "usage: %s [--reps N] [--osmium PATH] [FILE.osm.pbf]\n", argv[0]);
      return 2;
    } else {
      file = argv[i];
    }
  }
  if (file.empty()) file = default_extract();
  if (file.empty()) {
    std::fprintf(stderr, "no FILE given and no *.osm.pbf in GW_SHARED_DIR/data/osm\n");
    return 2;
  }
  const fs::path tmp = fs::temp_directory_path() / ("gw_osm_bench_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  auto filter_cmd = [&](const char* flags, const char* out) {
    return osmium + " tags-filter " + flags + "'" + file.string() + "' w/highway -o '" +
           (tmp / out).string() + "' --overwrite";
  };
  const std::string cmd = filter_cmd("", "roads.osm.pbf");
  // Reference only: the same filter without the referenced nodes (-R: one pass, no node id set).
  // Its output has no node locations, so it is not a usable road file.
  const std::string cmd_r = filter_cmd("-R ", "ways.osm.pbf");

  using Pass = gw::io::detail::OsmNodePass;
  gw::io::OsmImportReport report;
  auto run_import = [&](Pass pass) {
    const double c0 = cpu_s(RUSAGE_SELF);
    const auto t0 = clock_type::now();
    const gw::io::OsmImport im = gw::io::detail::read_osm(file, {}, pass);
    const Sample s{std::chrono::duration<double>(clock_type::now() - t0).count(),
                   cpu_s(RUSAGE_SELF) - c0};
    if (pass == Pass::kAuto) report = im.report;
    return s;
  };
  auto run_osmium = [&](const std::string& command) {
    const double c0 = cpu_s(RUSAGE_CHILDREN);
    const auto t0 = clock_type::now();
    const int rc = std::system(command.c_str());
    const Sample s{std::chrono::duration<double>(clock_type::now() - t0).count(),
                   cpu_s(RUSAGE_CHILDREN) - c0};
    if (rc != 0) {
      std::fprintf(stderr, "failed (%d): %s\n", rc, command.c_str());
      std::exit(1);
    }
    return s;
  };

  Series auto_import{"groundwork import (default: one pass)", {}, {}};
  Series two_pass{"groundwork import (two passes)", {}, {}};
  Series tool{"osmium tags-filter w/highway", {}, {}};
  Series tool_r{"osmium tags-filter -R w/highway (ref.)", {}, {}};
  try {
    // Warm-up: the file in the page cache, the thread pool started.
    (void)run_import(Pass::kAuto);
    (void)run_osmium(cmd);
    for (int r = 0; r < reps; ++r) {
      // Rotate the order so that drift in machine load does not favour one side.
      for (int k = 0; k < 4; ++k) {
        switch ((r + k) % 4) {
          case 0:
            auto_import.add(run_import(Pass::kAuto));
            break;
          case 1:
            two_pass.add(run_import(Pass::kTwoPass));
            break;
          case 2:
            tool.add(run_osmium(cmd));
            break;
          default:
            tool_r.add(run_osmium(cmd_r));
            break;
        }
      }
    }
  } catch (const gw::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    fs::remove_all(tmp);
    return 1;
  }
  fs::remove_all(tmp);

  std::printf("file: %s (%.1f MB)\n", file.string().c_str(),
              static_cast<double>(fs::file_size(file)) / 1e6);
  std::printf("osmium: %s\n", cmd.c_str());
  std::printf(
      "import: %zu ways read, %zu roads, %zu nodes, %zu edges, %.1f km, %zu settlements, %zu hubs, "
      "%d pass(es)\n",
      report.ways_read, report.ways_used, report.nodes, report.edges, report.length_m / 1000,
      report.settlements, report.hubs, report.passes);
  std::printf("%d repetitions each, interleaved\n\n", reps);
  std::printf("%-40s %12s %12s %12s\n", "", "median wall", "min wall", "median CPU");
  for (const Series* s : {&auto_import, &two_pass, &tool, &tool_r}) {
    std::printf("%-40s %10.3f s %10.3f s %10.3f s\n", s->name.c_str(), median(s->wall),
                *std::min_element(s->wall.begin(), s->wall.end()), median(s->cpu));
  }
  const double ratio = median(auto_import.wall) / median(tool.wall);
  std::printf(
      "\nratio groundwork / osmium (median wall): %.2f (two passes: %.2f); target <= 2.0: %s\n",
      ratio, median(two_pass.wall) / median(tool.wall), ratio <= 2.0 ? "met" : "NOT met");
  std::printf("ratio groundwork / osmium -R (reference): %.2f\n",
              median(auto_import.wall) / median(tool_r.wall));
  struct rusage self {};
  struct rusage children {};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  std::printf("peak RSS: this process %.0f MB, largest osmium run %.0f MB\n",
              static_cast<double>(self.ru_maxrss) / 1024,
              static_cast<double>(children.ru_maxrss) / 1024);
  return 0;
}

// Serial-SGS decodes per second on j60 instances (no justification): the raw speed of the engine's
// inner loop. Needs the shared PSPLIB data (GW_SHARED_DIR, env overrides); skips otherwise.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "io/psplib.hpp"
#include "sched/problem.hpp"
#include "sched/rcpsp_decoder.hpp"
#include "sched/search.hpp"
#include "sched/sgs.hpp"

namespace {

std::string shared_dir() {
  if (const char* e = std::getenv("GW_SHARED_DIR")) return e;
  return GW_SHARED_DIR;
}

void run(benchmark::State& state, const std::string& name, bool justify) {
  const std::string path = shared_dir() + "/benchmarks/psplib/j60/" + name;
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("PSPLIB j60 not found at " + path).c_str());
    return;
  }
  auto p = std::make_shared<gw::sched::Problem>(gw::sched::compile(gw::io::read_psplib(path)));
  gw::sched::RcpspDecoder dec(p);
  gw::sched::Rng rng(7);
  // 64 random lists decoded round-robin, so the branch predictor cannot learn one list.
  std::vector<gw::sched::Genome> lists(64);
  for (auto& g : lists) dec.random_genome(g, rng);
  gw::sched::Sgs sgs(*p);
  std::vector<int> modes(static_cast<std::size_t>(p->n), 0);
  std::vector<int> start(static_cast<std::size_t>(p->n), 0);
  std::vector<int> order(static_cast<std::size_t>(p->n), 0);
  std::size_t k = 0;
  std::int64_t schedules = 0;
  for (auto _ : state) {
    const auto& g = lists[k++ & 63];
    int ms = sgs.serial(g.order.data(), modes.data(), start.data());
    ++schedules;
    if (justify) {
      ms = sgs.justify(modes.data(), start.data(), order.data());
      schedules += 2;
    }
    benchmark::DoNotOptimize(ms);
  }
  state.counters["schedules/s"] =
      benchmark::Counter(static_cast<double>(schedules), benchmark::Counter::kIsRate);
}

}  // namespace

// A spread of j60 parameter cells (network complexity / resource factor / strength).
BENCHMARK_CAPTURE(run, serial_j601_1, std::string("j601_1.sm"), false);
BENCHMARK_CAPTURE(run, serial_j6013_1, std::string("j6013_1.sm"), false);
BENCHMARK_CAPTURE(run, serial_j6029_1, std::string("j6029_1.sm"), false);
BENCHMARK_CAPTURE(run, serial_j6045_1, std::string("j6045_1.sm"), false);
BENCHMARK_CAPTURE(run, serial_fbi_j6013_1, std::string("j6013_1.sm"), true);

BENCHMARK_MAIN();

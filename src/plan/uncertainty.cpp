#include "plan/uncertainty.hpp"

#include <cmath>
#include <random>
#include <string_view>

#include "model/random.hpp"

namespace gw::plan {

namespace {

// A stream per (seed, kind of thing, id): FNV-1a of the id, mixed with the kind and the seed.
std::mt19937_64 stream(std::uint64_t seed, std::uint64_t kind, std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return std::mt19937_64(splitmix64(seed ^ splitmix64(h ^ (kind * 0x9e3779b97f4a7c15ULL))));
}

// A log-normal factor with median 1 and log-spread `sigma` (1 when sigma is 0).
double lognormal(std::mt19937_64& g, double sigma) {
  if (!(sigma > 0)) return 1.0;
  return std::lognormal_distribution<double>(0.0, sigma)(g);
}

// Beta(a, b) from two gamma draws; a = 0 gives 0 and b = 0 gives 1 (no spread).
double beta(std::mt19937_64& g, double a, double b) {
  if (!(a > 0)) return 0.0;
  if (!(b > 0)) return 1.0;
  const double x = std::gamma_distribution<double>(a, 1.0)(g);
  const double y = std::gamma_distribution<double>(b, 1.0)(g);
  return x + y > 0 ? x / (x + y) : 0.5;
}

constexpr std::uint64_t kHazard = 1, kCrew = 2, kAsset = 3, kHousing = 4, kWeather = 5;

}  // namespace

std::uint64_t sample_seed(std::uint64_t seed, std::uint64_t i) {
  return splitmix64(splitmix64(seed) ^ splitmix64(i + 0x5eedULL));
}

Truth draw_truth(const Scenario& s, std::uint64_t seed) {
  const UncertaintyParameters& u = s.params.uncertainty;
  Truth t;
  t.seed = seed;
  t.hazards.reserve(s.hazards.size());
  for (const Hazard& z : s.hazards) {
    auto g = stream(seed, kHazard, z.id);
    HazardTruth h;
    const double p = u.holds_probability[static_cast<std::size_t>(z.status)];
    h.holds = std::uniform_real_distribution<double>(0.0, 1.0)(g) < p;
    if (h.holds) {
      h.density = lognormal(g, u.density_spread);
      h.reduced_share = beta(g, u.reduced_share_a, u.reduced_share_b);
      h.work_factor = (1.0 - h.reduced_share) * h.density + h.reduced_share * u.empty_work_factor;
    } else {
      h.density = 0;
      h.reduced_share = 1;
      h.work_factor = u.empty_work_factor;
    }
    t.hazards.push_back(h);
  }
  for (const Crew& c : s.crews) {
    auto g = stream(seed, kCrew, c.id);
    double f = lognormal(g, u.crew_spread);
    if (c.trade == Trade::kMechanical)
      f *= beta(g, u.machine_availability_a, u.machine_availability_b);
    t.crew_factor.push_back(f);
  }
  for (const Asset& a : s.assets) {
    auto g = stream(seed, kAsset, a.id);
    t.asset_factor.push_back(lognormal(g, u.asset_spread));
  }
  for (const Settlement& st : s.settlements) {
    auto g = stream(seed, kHousing, st.id);
    t.housing_factor.push_back(lognormal(g, u.housing_spread));
  }
  for (std::size_t m = 0; m < kMonthCount; ++m) {
    auto g = stream(seed, kWeather, std::string_view(&"abcdefghijkl"[m], 1));
    const bool cold = m <= 2 || m >= 10;  // November to March
    t.weather_factor[m] = lognormal(g, cold ? u.weather_spread_cold : u.weather_spread_warm);
  }
  return t;
}

void set_efforts(TaskSet& ts, const Scenario& s) {
  for (Task& t : ts.tasks) {
    switch (t.kind) {
      case TaskKind::kSurvey:
        t.effort = 1.0;
        break;
      case TaskKind::kRepair:
        t.effort = s.assets[t.asset.index()].work_factor;
        break;
      case TaskKind::kHousing:
        t.effort = s.settlements[t.settlement.index()].housing_work_factor;
        break;
      default:
        t.effort = s.hazards[t.hazard.index()].work_factor;
        break;
    }
  }
}

}  // namespace gw::plan

// Households after the war: displacement, dwellings and their damage, heating (aftermath.hpp).
#include "gen/aftermath.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace gw::gen {

namespace {

// Damaged dwellings at intensity I (assumptions, shaped so that the villages of the front line are
// mostly ruins, as those of a static front are, with damage falling off away from it, blast damage
// to windows and roofs reaching furthest): a share S = 0.92·I^0.4 of the dwellings (times a draw
// in [0.85, 1.15]) is destroyed or heavily damaged, S·(0.4 + 0.2·I) destroyed and S·0.35 heavily
// damaged; a share 0.25·I^0.3 of them is lightly damaged, within what is left (at most 97 % of the
// dwellings damaged).
constexpr double kDamagedAtFront = 0.92, kDamageExponent = 0.4;
constexpr double kDestroyedBase = 0.4, kDestroyedPerIntensity = 0.2, kHeavyShare = 0.35;
constexpr double kLightAtFront = 0.25, kLightExponent = 0.3;
// Far from the front (intensity below 0.02): sporadic strikes hit about 1 % of the dwellings
// lightly, 0.3 % heavily and destroy 0.1 % (assumption); their households stay with neighbours.
constexpr std::array<double, kDamageClassCount> kSporadicDamage = {0.01, 0.003, 0.001};
constexpr double kNoDisplacementBelow = 0.02;
// The share of the population displaced on day 0 is drawn in this range (the issue asks for at
// least 30 %; the band's evacuation alone gives less, the rest follows intensity).
constexpr double kDisplacedShareLo = 0.32, kDisplacedShareHi = 0.38;
// Outside the band at most this share of a settlement leaves (some always stay).
constexpr double kMaxDisplacedOutsideBand = 0.95;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool parse_date(const std::string& s, int& y, int& m, int& d) {
  return std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) == 3;
}

std::string format_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

double war_intensity(double offset_m, double half_band_m) {
  const double a = std::abs(offset_m);
  if (a <= half_band_m) return 1.0;
  if (offset_m > 0) return 0.75 * std::exp(-(a - half_band_m) / (2.0 * half_band_m));
  return std::exp(-(a - half_band_m) / (0.6 * half_band_m));
}

void WarMap::measure(const std::function<double(XY)>& front_offset, double half_band_m) {
  offset.clear();
  intensity.clear();
  in_band.clear();
  for (const Place& p : places) {
    offset.push_back(front_offset(p.p));
    intensity.push_back(war_intensity(offset.back(), half_band_m));
    in_band.push_back(std::abs(offset.back()) <= half_band_m ? 1 : 0);
  }
}

std::string first_date_after(const std::string& start, int month, int day, int min_days) {
  int y = 2027, m = 4, d = 1;
  parse_date(start, y, m, d);
  const long t0 = days_from_civil(y, m, d) + min_days;
  for (int year = y;; ++year) {
    if (days_from_civil(year, month, day) >= t0) return format_date(year, month, day);
  }
}

std::string add_years(const std::string& start, int years) {
  int y = 2027, m = 4, d = 1;
  parse_date(start, y, m, d);
  if (m == 2 && d == 29) d = 28;
  return format_date(y + years, m, d);
}

std::vector<XY> street_serpentine(XY c, double length_m, Rng& r) {
  constexpr double kSpacing = 60;  // between parallel streets (assumption: village plots)
  const double len = std::max(length_m, 1.0);
  const double side = std::sqrt(len * kSpacing);
  const auto rows = static_cast<int>(std::clamp(std::round(len / side), 1.0, len / kSpacing + 1));
  const double row_len = std::max(1.0, (len - (rows - 1) * kSpacing) / rows);
  const double angle = r.uniform(0, geo::kPi);
  const XY origin{-row_len / 2, -(rows - 1) * kSpacing / 2};
  std::vector<XY> pts;
  for (int k = 0; k < rows; ++k) {
    const double y = origin.y + k * kSpacing;
    const XY a{origin.x, y}, b{origin.x + row_len, y};
    if (k % 2 == 0) {
      pts.push_back(a);
      pts.push_back(b);
    } else {
      pts.push_back(b);
      pts.push_back(a);
    }
  }
  for (auto& p : pts) p = c + rotate(p, angle);
  return pts;
}

GasHeated settle_households(std::vector<Settlement>& settlements, const WarMap& w,
                            const Parameters& params, Rng& r) {
  const double hh = params.household_size;
  const std::size_t n = settlements.size();
  GasHeated gas(n, 0);
  std::vector<double> base(n, 0), floor_share(n, 0);
  std::vector<std::int64_t> unhoused(n, 0);  // people whose dwelling is uninhabitable
  double population = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Settlement& st = settlements[i];
    const Place& p = w.places[i];
    const double intensity = w.intensity[i];
    const auto pop = static_cast<double>(st.population);
    population += pop;
    const auto households = static_cast<std::int64_t>(std::ceil(pop / hh));
    if (st.dwellings > 0) {
      st.dwellings = std::max(st.dwellings, households);
    } else {
      // Assumption: villages have 5-35 % more dwellings than households (the empty houses of a
      // shrinking countryside), towns 2-12 % (the vacancy of a housing market).
      const double f = p.kind == 2 ? r.uniform(1.05, 1.35) : r.uniform(1.02, 1.12);
      st.dwellings = std::max<std::int64_t>(st.population > 0 ? 1 : 0,
                                            std::llround(static_cast<double>(households) * f));
    }
    const auto dw = static_cast<double>(st.dwellings);
    std::array<double, kDamageClassCount> share{};
    if (intensity >= kNoDisplacementBelow) {
      const double hit =
          kDamagedAtFront * std::pow(intensity, kDamageExponent) * r.uniform(0.85, 1.15);
      const double destroyed = hit * (kDestroyedBase + kDestroyedPerIntensity * intensity);
      const double heavy = hit * kHeavyShare;
      const double light = std::min(kLightAtFront * std::pow(intensity, kLightExponent),
                                    std::max(0.0, 0.97 - destroyed - heavy));
      share = {light, heavy, destroyed};
    } else {
      for (std::size_t c = 0; c < kDamageClassCount; ++c)
        share[c] = kSporadicDamage[c] * r.uniform(0.5, 1.5);
    }
    std::int64_t damaged = 0;
    for (std::size_t c = kDamageClassCount; c-- > 0;) {  // destroyed first, within the stock
      const auto want = std::llround(dw * share[c]);
      st.damaged_dwellings[c] = std::clamp<std::int64_t>(want, 0, st.dwellings - damaged);
      damaged += st.damaged_dwellings[c];
    }
    // Heating (assumptions): the district centre and towns have district heat from boiler
    // houses; villages heat with gas from a gas line (50 %), electricity (30 %) or wood and coal
    // stoves (20 %, nothing to restore).
    st.heating = Heating::kNetwork;
    if (p.kind == 2) {
      const double u = r.uniform();
      if (u < 0.3) {
        st.heating = Heating::kElectric;
      } else if (u < 0.8) {
        gas[i] = 1;
      }
    }
    // Displacement before scaling: the band's people all leave; elsewhere in proportion to the
    // intensity, with a draw in [0.7, 1.3]. Those whose dwelling is uninhabitable always leave.
    if (w.in_band[i]) {
      base[i] = 1;
    } else if (intensity >= kNoDisplacementBelow) {
      base[i] = intensity * r.uniform(0.7, 1.3);
      const double housed = (dw - static_cast<double>(damaged)) * hh;
      floor_share[i] = pop > 0 ? std::clamp((pop - housed) / pop, 0.0, 1.0) : 0;
      unhoused[i] = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(pop - housed)), 0,
                                             st.population);
    }
  }
  auto share_of = [&](std::size_t i, double c) {
    if (w.in_band[i]) return 1.0;
    if (base[i] == 0) return 0.0;
    return std::max(floor_share[i], std::min(kMaxDisplacedOutsideBand, c * base[i]));
  };
  auto displaced_at = [&](double c) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      sum += share_of(i, c) * static_cast<double>(settlements[i].population);
    return sum;
  };
  const double target = r.uniform(kDisplacedShareLo, kDisplacedShareHi) * population;
  double lo = 0, hi = 3;  // the scale on intensity: at 3, intensity 0.32 already means 95 %
  if (displaced_at(hi) >= target) {
    for (int it = 0; it < 50; ++it) {
      const double mid = (lo + hi) / 2;
      (displaced_at(mid) >= target ? hi : lo) = mid;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    Settlement& st = settlements[i];
    const auto d = std::llround(share_of(i, hi) * static_cast<double>(st.population));
    st.displaced =
        std::clamp<std::int64_t>(std::max<std::int64_t>(d, unhoused[i]), 0, st.population);
  }
  return gas;
}

}  // namespace gw::gen

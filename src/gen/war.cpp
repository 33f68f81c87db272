#include "gen/war.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "geo/projection.hpp"

namespace gw::gen {

namespace {

// Moves team sizes by one person at a time (round robin, within bounds that widen when stuck)
// until the deminers total exactly `want`.
void adjust_to_total(std::vector<Crew>& crews, std::vector<std::pair<int, int>>& bounds, int sum,
                     int want) {
  for (int widen = 0; sum != want && widen < 1000; ++widen) {
    bool moved = false;
    for (std::size_t i = 0; i < crews.size() && sum != want; ++i) {
      const int lo = std::max(1, bounds[i].first - widen);
      const int hi = bounds[i].second + widen;
      if (sum < want && crews[i].people < hi) {
        ++crews[i].people;
        ++sum;
        moved = true;
      } else if (sum > want && crews[i].people > lo) {
        --crews[i].people;
        --sum;
        moved = true;
      }
    }
    if (moved) --widen;  // only widen when a full round made no progress
  }
}

}  // namespace

double HazardRecipe::draw_area(Rng& r) const {
  return std::clamp(r.lognormal(area_median_m2, area_sigma), area_min_m2, area_max_m2);
}

HazardStatus draw_status(Rng& r, double confirmed) {
  return r.chance(confirmed) ? HazardStatus::kConfirmed : HazardStatus::kSuspected;
}

Contamination draw_contamination(Rng& r, const std::array<double, 4>& weights) {
  return static_cast<Contamination>(r.weighted(weights));  // AP, AT, UXO, cluster
}

double forest_belt_length_m(Rng& r, double wid) {
  return std::clamp(r.lognormal(kForestBelts.area_median_m2, kForestBelts.area_sigma) / wid,
                    1300 / wid, 3000.0);
}

double pavement_m(RoadClass c) {
  constexpr std::array<double, 9> f = {12, 10, 7.5, 7, 6, 5.5, 5, 4, 4};
  return f[static_cast<std::size_t>(c)];
}

double bridge_span_m(Rng& r, RoadClass c) {
  const double big = c <= RoadClass::kSecondary ? 1.8 : 1.0;
  return std::round(std::clamp(r.lognormal(22 * big, 0.5), 6.0, 180.0));
}

double crater_pavement_m2(Rng& r, RoadClass c) {
  const double len = std::clamp(r.lognormal(25, 0.7), 5.0, 200.0);
  return std::round(len * pavement_m(c));
}

Asset& new_asset(std::vector<Asset>& assets, AssetKind kind, Service svc, Trade trade, double qty) {
  Asset a;
  a.id = make_id("A", assets.size() + 1, 4);
  a.kind = kind;
  a.service = svc;
  a.trade = trade;
  a.quantity = qty;
  assets.push_back(std::move(a));
  return assets.back();
}

void add_service_damage(const std::vector<Place>& places, const PlaceIndex& index,
                        const std::vector<std::uint32_t>& affected,
                        const std::function<bool(std::uint32_t)>& chain_ok,
                        const std::vector<std::string>& ids,
                        const std::function<LonLat(XY)>& to_lonlat, Rng& r,
                        std::vector<Asset>& assets) {
  std::vector<std::uint32_t> power_of(places.size(), kNone);  // asset index of a cut power line
  for (int pass = 0; pass < 2; ++pass) {
    const bool power = pass == 0;
    std::vector<std::uint8_t> done(places.size(), 0);
    for (std::size_t k = 0; k < affected.size(); ++k) {  // deterministic shuffle order
      const auto v = affected[(k * 7919 + pass * 31) % affected.size()];
      if (done[v] || places[v].kind == 0 || !r.chance(power ? 0.8 : 0.65)) continue;
      std::vector<std::uint32_t> chain{v};
      done[v] = 1;
      const std::size_t extra = r.index(4);
      for (std::size_t x = 0; x < extra; ++x) {
        const auto nb = index.nearest(places[chain.back()].p, chain.back(), [&](std::uint32_t id) {
          return !done[id] && places[id].kind == 2 && chain_ok(id);
        });
        if (nb == kNone || dist(places[nb].p, places[chain.back()].p) > 5000) break;
        chain.push_back(nb);
        done[nb] = 1;
      }
      const auto src = index.nearest(places[v].p, v, [&](std::uint32_t id) {
        return !done[id] && std::find(chain.begin(), chain.end(), id) == chain.end();
      });
      std::vector<XY> pts;
      if (src != kNone) pts.push_back(places[src].p + XY{r.uniform(-60, 60), r.uniform(-60, 60)});
      for (auto c : chain) pts.push_back(places[c].p + XY{r.uniform(-60, 60), r.uniform(-60, 60)});
      if (pts.size() < 2) pts.push_back(pts.back() + XY{r.uniform(300, 900), r.uniform(300, 900)});
      LineString line;
      for (const auto& p : pts) line.push_back(to_lonlat(p));
      const double len = std::round(geo::length_m(line));
      std::optional<std::string> dep;
      if (!power && power_of[v] != kNone && r.chance(0.7)) dep = assets[power_of[v]].id;
      const auto idx = static_cast<std::uint32_t>(assets.size());
      auto& a = new_asset(assets, power ? AssetKind::kPowerLine : AssetKind::kCommsLine,
                          power ? Service::kPower : Service::kComms,
                          power ? Trade::kPower : Trade::kComms, len);
      a.geometry = std::move(line);
      if (dep) a.depends_on.push_back(std::move(*dep));
      for (auto c : chain) {
        a.serves.push_back(ids[c]);
        if (power) power_of[c] = idx;
      }
    }
  }
  // Damaged schools and clinics near the band.
  for (auto i : affected) {
    const auto& p = places[i];
    if (p.pop < 100) continue;
    for (const bool school : {true, false}) {
      if (p.kind == 2 && !r.chance(school ? 0.55 : 0.35)) continue;
      const double town = p.kind == 2 ? 1.0 : 2.5;
      const double floor = school ? std::clamp(r.lognormal(1200 * town, 0.5), 300.0, 8000.0)
                                  : std::clamp(r.lognormal(350 * town, 0.5), 80.0, 3000.0);
      auto& a = new_asset(assets, AssetKind::kPublicBuilding,
                          school ? Service::kSchool : Service::kClinic, Trade::kGeneral,
                          std::round(floor));
      a.geometry = {to_lonlat(p.p + XY{r.uniform(-150, 150), r.uniform(-150, 150)})};
      const auto catchment = index.within(p.p, school ? 3500 : 6000);
      for (std::size_t c = 0; c < catchment.size() && c < 8; ++c) {
        a.serves.push_back(ids[catchment[c]]);
      }
    }
  }
}

std::vector<Crew> compose_crews(double k, Rng& r) {
  struct Spec {
    Trade trade;
    double teams;
    int size;
    int lo, hi;
  };
  // 10 survey x 4, 70 manual x 10 (8 deminers, leader, medic), 20 dog x 6, 35 mechanical x 4.
  const std::array<Spec, 4> demining = {
      Spec{Trade::kSurvey, 10, 4, 3, 5}, Spec{Trade::kManual, 70, 10, 9, 11},
      Spec{Trade::kDog, 20, 6, 5, 7}, Spec{Trade::kMechanical, 35, 4, 3, 5}};
  std::vector<Crew> crews;
  std::vector<std::pair<int, int>> bounds;
  const auto deminers = static_cast<int>(std::llround(1000 * k));
  int sum = 0;
  for (const auto& s : demining) {
    for (std::size_t i = 0, n = scaled_count(s.teams, k); i < n; ++i) {
      crews.push_back({"", s.trade, s.size, "", 1.0, {}});
      bounds.emplace_back(s.lo, s.hi);
      sum += s.size;
    }
  }
  auto manual_count = [&] {
    return std::count_if(crews.begin(), crews.end(),
                         [](const Crew& c) { return c.trade == Trade::kManual; });
  };
  while (deminers - sum >= 10) {
    crews.push_back({"", Trade::kManual, 10, "", 1.0, {}});
    bounds.emplace_back(9, 11);
    sum += 10;
  }
  while (sum - deminers >= 10 && manual_count() > 1) {
    const auto it = std::find_if(crews.rbegin(), crews.rend(),
                                 [](const Crew& c) { return c.trade == Trade::kManual; });
    const auto idx = static_cast<std::size_t>(std::distance(it, crews.rend()) - 1);
    sum -= crews[idx].people;
    crews.erase(crews.begin() + static_cast<std::ptrdiff_t>(idx));
    bounds.erase(bounds.begin() + static_cast<std::ptrdiff_t>(idx));
  }
  adjust_to_total(crews, bounds, sum, deminers);

  // Builders: road 30 %, bridge 12 %, comms 12 %, power 16 %, general 30 %; brigades of 15-40.
  const auto builders = static_cast<int>(std::llround(5000 * k));
  const std::array<std::pair<Trade, double>, 5> shares = {std::pair{Trade::kRoad, 0.30},
                                                          {Trade::kBridge, 0.12},
                                                          {Trade::kComms, 0.12},
                                                          {Trade::kPower, 0.16},
                                                          {Trade::kGeneral, 0.30}};
  int assigned = 0;
  for (std::size_t t = 0; t < shares.size(); ++t) {
    const int total = t + 1 == shares.size()
                          ? builders - assigned
                          : static_cast<int>(std::llround(builders * shares[t].second));
    assigned += total;
    if (total <= 0) continue;
    const auto n = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(total / 27.0)));
    const std::size_t first = crews.size();
    for (std::size_t i = 0; i < n; ++i) {
      const int size =
          total / static_cast<int>(n) + (i < static_cast<std::size_t>(total) % n ? 1 : 0);
      crews.push_back({"", shares[t].first, size, "", 1.0, {}});
    }
    // Vary sizes within 15..40, keeping the trade's total.
    for (std::size_t i = 0; n > 1 && i < n; ++i) {
      auto& a = crews[first + i];
      auto& b = crews[first + r.index(n)];
      const int m = static_cast<int>(r.index(9));
      if (&a != &b && a.people - m >= 15 && b.people + m <= 40) {
        a.people -= m;
        b.people += m;
      }
    }
  }
  return crews;
}

}  // namespace gw::gen

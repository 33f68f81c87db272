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

std::vector<Crew> compose_crews(double k, int builders,
                                const std::array<double, kTradeCount>& builders_needed, Rng& r) {
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

  // Builders: split in proportion to the people each trade needs for its work (assumption: the
  // reconstruction authority forms the brigades for the work there is), every trade with at least
  // two brigades of 15 (one when the district has fewer than 300 builders, none below 75), so that
  // a trade with little work still works two sites at once; brigades of 15-40. Without any work,
  // the former fixed mix: road 30 %, bridge 12 %, comms 12 %, power 16 %, general 30 %.
  std::array<std::pair<Trade, double>, 5> shares = {std::pair{Trade::kRoad, 0.30},
                                                    {Trade::kBridge, 0.12},
                                                    {Trade::kComms, 0.12},
                                                    {Trade::kPower, 0.16},
                                                    {Trade::kGeneral, 0.30}};
  double need = 0;
  for (const auto& [t, sh] : shares) need += builders_needed[static_cast<std::size_t>(t)];
  if (need > 0) {
    const double floor = builders >= 300 ? 30.0 / builders : builders >= 75 ? 15.0 / builders : 0.0;
    double low = 0, high = 0;
    // A trade that needs under 4 % of the builders gets half as many again (assumption: its few
    // brigades cannot spread over many sites at once, and are lent to other work when free).
    double weights = 0;
    for (auto& [t, sh] : shares) {
      sh = builders_needed[static_cast<std::size_t>(t)] / need;
      if (sh < 0.04) sh *= 1.5;
      weights += sh;
    }
    for (auto& [t, sh] : shares) {
      sh /= weights;
      (sh < floor ? low : high) += sh < floor ? floor : sh;
    }
    // The trades below the floor rise to it; the others give up the difference pro rata.
    for (auto& [t, sh] : shares) sh = sh < floor ? floor : sh * (1 - low) / high;
  }
  int assigned = 0;
  for (std::size_t t = 0; t < shares.size(); ++t) {
    const int total = t + 1 == shares.size()
                          ? builders - assigned
                          : static_cast<int>(std::llround(builders * shares[t].second));
    assigned += total;
    if (total <= 0) continue;
    const auto n = std::max<std::size_t>(total >= 30 ? 2 : 1,
                                         static_cast<std::size_t>(std::llround(total / 27.0)));
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

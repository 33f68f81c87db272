// Utilities cut at their sources, public buildings and memorials (aftermath.hpp). Every size and
// share below is an assumption, labelled where it is set; the shapes of the networks follow the
// typical pattern of docs on interdependent infrastructure (../shared/domain.md §6: pumping
// stations, masts and boiler houses need power; district heat needs its boiler houses and gas; a
// single substation cuts many settlements).
#include <algorithm>
#include <cmath>

#include "gen/aftermath.hpp"
#include "gen/war.hpp"
#include "geo/projection.hpp"

namespace gw::gen {

namespace {

// Reach of the sources a settlement is fed from (assumptions): a rural 35/10 kV substation feeds
// 10 kV lines of up to about 6 km; the operators' shared masts stand about 3 km apart in the
// countryside (several operators, each covering 4-6 km per mast); a village of under
// 400 people within 5 km of a water works is on its group main with probability 0.6 (the others
// draw from wells).
constexpr double kSubstationReach = 6000;
constexpr double kMastReach = 3000;
constexpr double kWaterReach = 5000;
constexpr double kWaterOwnPopulation = 400;
constexpr double kGroupMainShare = 0.6;
// A feeder, gas line or main strings together at most this many settlements, hops of at most
// `kHop` metres (assumption).
constexpr std::size_t kChainMax = 4;
constexpr double kHop = 5000;
// Local networks, per damaged dwelling (assumptions): 30 m of low-voltage line, 8 m of water
// pipe; and 3 m of heat main per dwelling of a town's district heat.
constexpr double kLowVoltagePerDwelling = 30;
constexpr double kWaterPipePerDwelling = 8;
constexpr double kHeatMainPerDwelling = 3;
// A local network is rebuilt where at least this share of the dwellings is damaged (assumption).
constexpr double kLocalNetworkDamage = 0.2;

double clamp_lognormal(Rng& r, double median, double sigma, double lo, double hi) {
  return std::round(std::clamp(r.lognormal(median, sigma), lo, hi));
}

// Probability that an asset at intensity I is damaged: `per_intensity`·I within the war zone
// (assumption: sites are hit in proportion to the fighting around them), 0 outside it.
double damage_chance(double intensity, double per_intensity) {
  return intensity < kWarZone ? 0.0 : std::min(1.0, per_intensity * intensity);
}

struct Chain {
  std::uint32_t source;                // the place of the source (substation, town, water works)
  std::vector<std::uint32_t> members;  // the settlements strung along it, nearest first
};

class Networks {
 public:
  Networks(Scenario& s, const WarMap& w, Rng& r)
      : s_(s),
        w_(w),
        r_(r),
        index_(w.places, w.side),
        n_(static_cast<std::uint32_t>(w.places.size())) {}

  void run(const GasHeated& gas) {
    power();
    gas_lines(gas);
    heat();
    water();
    comms();
  }

 private:
  [[nodiscard]] const Place& place(std::uint32_t i) const { return w_.places[i]; }
  [[nodiscard]] double intensity(std::uint32_t i) const { return w_.intensity[i]; }
  [[nodiscard]] double damaged_share(std::uint32_t i) const {
    const Settlement& st = s_.settlements[i];
    if (st.dwellings <= 0) return 0;
    std::int64_t d = 0;
    for (auto x : st.damaged_dwellings) d += x;
    return static_cast<double>(d) / static_cast<double>(st.dwellings);
  }
  XY near(std::uint32_t i, double lo, double hi) {
    return place(i).p + rotate({r_.uniform(lo, hi), 0}, r_.uniform(0, 2 * geo::kPi));
  }
  LineString line_of(const std::vector<XY>& pts) const {
    LineString l;
    for (const XY& p : pts) l.push_back(w_.to_lonlat(p));
    return l;
  }
  std::uint32_t add(AssetKind kind, Service svc, Trade trade, double qty, LineString geometry) {
    const auto idx = static_cast<std::uint32_t>(s_.assets.size());
    new_asset(s_.assets, kind, svc, trade, qty).geometry = std::move(geometry);
    return idx;
  }
  std::uint32_t add_line(AssetKind kind, Service svc, Trade trade, const std::vector<XY>& pts) {
    LineString l = line_of(pts);
    const double len = std::max(1.0, std::round(geo::length_m(l)));
    return add(kind, svc, trade, len, std::move(l));
  }
  void serve(std::uint32_t a, std::uint32_t settlement) {
    s_.assets[a].serves.push_back(s_.settlements[settlement].id);
  }
  void depend(std::uint32_t a, std::uint32_t on) {
    if (on == kNone) return;
    auto& deps = s_.assets[a].depends_on;
    const std::string& id = s_.assets[on].id;
    if (std::find(deps.begin(), deps.end(), id) == deps.end()) deps.push_back(id);
  }
  // The damaged intermediate of a chain, or the first non-kNone of the arguments.
  static std::uint32_t first_of(std::uint32_t a, std::uint32_t b, std::uint32_t c = kNone) {
    return a != kNone ? a : b != kNone ? b : c;
  }

  // Sources by greedy covering: every place passing `is_source` is one; then, by population
  // (largest first), every place with no source within `reach` becomes one.
  template <typename Forced>
  std::vector<std::uint8_t> cover(double reach, Forced&& forced) const {
    std::vector<std::uint8_t> src(n_, 0);
    PointGrid grid(w_.side, 2000);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (forced(i)) {
        src[i] = 1;
        grid.insert(i, place(i).p);
      }
    }
    std::vector<std::uint32_t> order(n_);
    for (std::uint32_t i = 0; i < n_; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](auto a, auto b) { return place(a).pop > place(b).pop; });
    for (auto i : order) {
      if (src[i]) continue;
      bool covered = false;
      grid.for_near(place(i).p, reach, [&](std::uint32_t j) {
        covered = covered || dist(place(j).p, place(i).p) <= reach;
      });
      if (!covered) {
        src[i] = 1;
        grid.insert(i, place(i).p);
      }
    }
    return src;
  }
  // Per place, the nearest place passing `accept` (itself when it passes), or kNone.
  template <typename Accept>
  std::vector<std::uint32_t> nearest_of(Accept&& accept) const {
    std::vector<std::uint32_t> out(n_, kNone);
    for (std::uint32_t i = 0; i < n_; ++i)
      out[i] = accept(i) ? i : index_.nearest(place(i).p, i, accept);
    return out;
  }
  // The members of each source strung into chains: from the source, nearest first, each chain
  // growing to the nearest member left within kHop, up to `max` members.
  std::vector<Chain> chains(const std::vector<std::uint32_t>& source_of,
                            const std::vector<std::uint8_t>& member, std::size_t max) const {
    std::vector<std::vector<std::uint32_t>> groups(n_);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (member[i] && source_of[i] != kNone && source_of[i] != i)
        groups[source_of[i]].push_back(i);
    }
    std::vector<Chain> out;
    for (std::uint32_t src = 0; src < n_; ++src) {
      auto& g = groups[src];
      std::vector<std::uint8_t> used(g.size(), 0);
      auto nearest_left = [&](XY from, double limit) {
        std::size_t best = g.size();
        double bd = limit;
        for (std::size_t k = 0; k < g.size(); ++k) {
          const double d = dist(place(g[k]).p, from);
          if (!used[k] && d <= bd) {
            bd = d;
            best = k;
          }
        }
        return best;
      };
      for (std::size_t left = g.size(); left > 0;) {
        Chain c{src, {}};
        for (std::size_t k = nearest_left(place(src).p, 1e300);
             k < g.size() && c.members.size() < max;
             k = nearest_left(place(c.members.back()).p, kHop)) {
          used[k] = 1;
          --left;
          c.members.push_back(g[k]);
        }
        out.push_back(std::move(c));
      }
    }
    return out;
  }
  [[nodiscard]] double max_intensity(const Chain& c) const {
    double m = 0;
    for (auto v : c.members) m = std::max(m, intensity(v));
    return m;
  }
  std::vector<XY> route(const Chain& c) {
    std::vector<XY> pts{near(c.source, 0, 60)};
    for (auto v : c.members) pts.push_back(near(v, 0, 60));
    return pts;
  }

  // ---- power ----
  void power() {
    const auto is_site =
        cover(kSubstationReach, [&](std::uint32_t i) { return place(i).kind <= 1; });
    site_of_ = nearest_of([&](std::uint32_t i) { return is_site[i] != 0; });
    substation_.assign(n_, kNone);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (!is_site[i] || !r_.chance(damage_chance(intensity(i), 1.5))) continue;
      // Station m² (assumption): a town's 110/35/10 kV substation about 5,000 m² of switchyard,
      // a rural 35/10 kV one about 2,500 m².
      const double area = place(i).kind <= 1 ? clamp_lognormal(r_, 5000, 0.3, 2500, 12000)
                                             : clamp_lognormal(r_, 2500, 0.3, 1000, 6000);
      substation_[i] = add(AssetKind::kSubstation, Service::kPower, Trade::kPower, area,
                           {w_.to_lonlat(near(i, 150, 500))});
    }
    std::vector<std::uint8_t> all(n_, 1);
    feeder_of_.assign(n_, kNone);
    for (const Chain& c : chains(site_of_, all, kChainMax)) {
      const std::uint32_t sub = substation_[c.source];
      std::uint32_t line = kNone;
      if (r_.chance(damage_chance(max_intensity(c), 1.5))) {
        line = add_line(AssetKind::kPowerLine, Service::kPower, Trade::kPower, route(c));
        for (auto v : c.members) serve(line, v);
        depend(line, sub);
        feeders_.push_back(c);
      }
      for (auto v : c.members) feeder_of_[v] = line;
    }
    // Every settlement a damaged substation feeds loses power with it.
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (site_of_[i] != kNone && substation_[site_of_[i]] != kNone)
        serve(substation_[site_of_[i]], i);
    }
    // The low-voltage networks of the settlements whose houses were hit.
    power_of_.assign(n_, kNone);
    for (std::uint32_t i = 0; i < n_; ++i) {
      const std::uint32_t upstream =
          first_of(feeder_of_[i], site_of_[i] != kNone ? substation_[site_of_[i]] : kNone);
      std::uint32_t local = kNone;
      const double share = damaged_share(i);
      if (intensity(i) >= kWarZone && share >= kLocalNetworkDamage) {
        const double len = std::max(200.0, static_cast<double>(s_.settlements[i].dwellings) *
                                               share * kLowVoltagePerDwelling);
        local = add_line(AssetKind::kPowerLine, Service::kPower, Trade::kPower,
                         street_serpentine(place(i).p, len, r_));
        serve(local, i);
        depend(local, upstream);
      }
      power_of_[i] = first_of(local, upstream);
    }
  }

  // ---- gas ----
  void gas_lines(const GasHeated& gas) {
    town_gas_.assign(n_, kNone);
    auto is_town = [&](std::uint32_t i) { return place(i).kind <= 1; };
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (!is_town(i) || !r_.chance(damage_chance(intensity(i), 1.5))) continue;
      // The town's supply from its gas distribution station, 2-6 km out (assumption).
      town_gas_[i] = add_line(AssetKind::kGasLine, Service::kGas, Trade::kGeneral,
                              {near(i, 2000, 6000), near(i, 0, 100)});
      serve(town_gas_[i], i);
    }
    const auto hub_of = nearest_of(is_town);
    for (const Chain& c : chains(hub_of, gas, kChainMax + 1)) {
      if (!r_.chance(damage_chance(max_intensity(c), 1.5))) continue;
      const auto line = add_line(AssetKind::kGasLine, Service::kGas, Trade::kGeneral, route(c));
      for (auto v : c.members) serve(line, v);
    }
  }

  // ---- district heat ----
  void heat() {
    const std::string due_outside =
        first_date_after(s_.params.start_date, s_.params.heating_season_from.month,
                         s_.params.heating_season_from.day, 120);
    const std::string due_band =
        first_date_after(s_.params.start_date, s_.params.heating_season_from.month,
                         s_.params.heating_season_from.day, 120 + 365);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (place(i).kind > 1 || intensity(i) < kWarZone) continue;
      const std::string& due = w_.in_band[i] ? due_band : due_outside;
      // One boiler house per started 6,000 people (assumption).
      const auto boilers = 1 + static_cast<int>(place(i).pop / 6000);
      std::vector<std::uint32_t> hit;
      for (int b = 0; b < boilers; ++b) {
        if (!r_.chance(damage_chance(intensity(i), 1.5))) continue;
        const auto a =
            add(AssetKind::kBoilerHouse, Service::kHeat, Trade::kPower,
                clamp_lognormal(r_, 900, 0.35, 300, 2500), {w_.to_lonlat(near(i, 200, 1200))});
        serve(a, i);
        depend(a, power_of_[i]);
        depend(a, town_gas_[i]);
        s_.assets[a].due_date = due;
        hit.push_back(a);
      }
      if (!r_.chance(damage_chance(intensity(i), 1.5))) continue;
      const double len = static_cast<double>(s_.settlements[i].dwellings) *
                         (0.3 + 0.7 * intensity(i)) * kHeatMainPerDwelling;
      const auto main = add_line(AssetKind::kHeatMain, Service::kHeat, Trade::kGeneral,
                                 street_serpentine(place(i).p, std::max(300.0, len), r_));
      serve(main, i);
      s_.assets[main].due_date = due;
      if (hit.empty()) {  // intact boiler houses still need power and gas
        depend(main, power_of_[i]);
        depend(main, town_gas_[i]);
      }
      for (auto b : hit) depend(main, b);
    }
  }

  // ---- water ----
  void water() {
    auto own = [&](std::uint32_t i) {
      return place(i).kind <= 1 || place(i).pop >= kWaterOwnPopulation;
    };
    const auto works_of = nearest_of(own);
    std::vector<std::uint8_t> member(n_, 0);
    for (std::uint32_t i = 0; i < n_; ++i) {
      const auto w = works_of[i];
      member[i] = !own(i) && w != kNone && dist(place(w).p, place(i).p) <= kWaterReach &&
                  r_.chance(kGroupMainShare);
    }
    std::vector<std::vector<std::uint32_t>> systems(n_);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (member[i]) systems[works_of[i]].push_back(i);
    }
    std::vector<Chain> mains = chains(works_of, member, 1000);
    std::vector<std::uint32_t> station(n_, kNone);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (!own(i)) continue;
      double worst = intensity(i);
      for (auto v : systems[i]) worst = std::max(worst, intensity(v));
      if (worst < kWarZone) continue;
      if (r_.chance(damage_chance(intensity(i), 1.2))) {
        // Station m² (assumption): a town's water works about 1,200 m², a village's 400 m².
        const double area = place(i).kind <= 1 ? clamp_lognormal(r_, 1200, 0.3, 500, 3000)
                                               : clamp_lognormal(r_, 400, 0.35, 150, 1200);
        station[i] = add(AssetKind::kPumpingStation, Service::kWater, Trade::kPower, area,
                         {w_.to_lonlat(near(i, 300, 1500))});
        serve(station[i], i);
        for (auto v : systems[i]) serve(station[i], v);
        depend(station[i], power_of_[i]);
      }
      const double share = damaged_share(i);
      if (intensity(i) >= kWarZone && share >= kLocalNetworkDamage) {
        const double len = std::max(200.0, static_cast<double>(s_.settlements[i].dwellings) *
                                               share * kWaterPipePerDwelling);
        const auto net = add_line(AssetKind::kWaterMain, Service::kWater, Trade::kGeneral,
                                  street_serpentine(place(i).p, len, r_));
        serve(net, i);
        depend(net, first_of(station[i], power_of_[i]));
      }
    }
    for (const Chain& c : mains) {  // the group mains, one per system (a single chain)
      if (!r_.chance(damage_chance(max_intensity(c), 1.5))) continue;
      const auto main = add_line(AssetKind::kWaterMain, Service::kWater, Trade::kGeneral, route(c));
      for (auto v : c.members) serve(main, v);
      depend(main, first_of(station[c.source], power_of_[c.source]));
    }
  }

  // ---- comms ----
  void comms() {
    const auto is_site = cover(kMastReach, [](std::uint32_t) { return false; });
    const auto mast_of = nearest_of([&](std::uint32_t i) { return is_site[i] != 0; });
    std::vector<std::uint32_t> mast(n_, kNone);
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (!is_site[i] || !r_.chance(damage_chance(intensity(i), 1.5))) continue;
      // Site m² (assumption): a 50 m lattice mast's fenced compound of about 20 x 30 m, with its
      // foundations, equipment shelter and generator pad.
      mast[i] = add(AssetKind::kCommsMast, Service::kComms, Trade::kComms,
                    clamp_lognormal(r_, 600, 0.3, 250, 1500), {w_.to_lonlat(near(i, 300, 1500))});
      depend(mast[i], power_of_[i]);
    }
    for (std::uint32_t i = 0; i < n_; ++i) {
      if (mast_of[i] != kNone && mast[mast_of[i]] != kNone) serve(mast[mast_of[i]], i);
    }
    // Wired lines run along the cut feeders from the exchange at the substation's settlement,
    // which needs power (assumption: 70 % of the feeders' routes carry a line that was cut too).
    for (const Chain& c : feeders_) {
      if (!r_.chance(0.7)) continue;
      const auto line = add_line(AssetKind::kCommsLine, Service::kComms, Trade::kComms, route(c));
      for (auto v : c.members) serve(line, v);
      depend(line, power_of_[c.source]);
    }
  }

  Scenario& s_;
  const WarMap& w_;
  Rng& r_;
  PlaceIndex index_;
  std::uint32_t n_;
  std::vector<std::uint32_t> site_of_, substation_, feeder_of_, power_of_, town_gas_;
  std::vector<Chain> feeders_;
};

}  // namespace

void add_utilities(Scenario& s, const WarMap& w, const GasHeated& gas, Rng& r) {
  Networks(s, w, r).run(gas);
}

void add_public_buildings(Scenario& s, const WarMap& w, Rng& r) {
  const PlaceIndex index(w.places, w.side);
  const std::string due_outside = first_date_after(s.params.start_date, 9, 1, 120);
  const std::string due_band = first_date_after(s.params.start_date, 9, 1, 120 + 365);
  struct Kind {
    Service service;
    double village_min_pop;  // villages at least this big have one (towns always)
    double town_per_people;  // towns have 1 + population / this
    double village_m2, town_m2, lo, hi;
    double catchment_m;  // it also serves the smaller villages this near with none of their own
  };
  // Assumptions: a village school for 250 people or more (about 900 m² of floor), a town school per
  // 2,500 people (2,500 m²); a kindergarten (it counts as school) for 300 or more, a town one per
  // 2,000 people; a village clinic (a doctor's post) for 500 or more, a town hospital per 8,000
  // people (3,500 m²); a village council for 400 or more, a town administration; a house of
  // culture (community centre) for 600 or more, a town one per 10,000 people.
  constexpr std::array<Kind, 5> kinds = {{
      {Service::kSchool, 250, 2500, 900, 2500, 300, 8000, 3500},
      {Service::kSchool, 300, 2000, 350, 900, 120, 2500, 0},
      {Service::kClinic, 500, 8000, 250, 3500, 80, 12000, 6000},
      {Service::kNone, 400, 1e12, 400, 1500, 150, 5000, 0},
      {Service::kNone, 600, 10000, 600, 2000, 200, 5000, 0},
  }};
  for (std::uint32_t i = 0; i < w.places.size(); ++i) {
    const Place& p = w.places[i];
    if (w.intensity[i] < kWarZone) continue;
    for (const Kind& k : kinds) {
      const bool town = p.kind <= 1;
      if (!town && p.pop < k.village_min_pop) continue;
      const int count = town ? std::min(8, 1 + static_cast<int>(p.pop / k.town_per_people)) : 1;
      for (int c = 0; c < count; ++c) {
        // Each is damaged with probability 1.3·intensity (assumption).
        if (!r.chance(std::min(1.0, 1.3 * w.intensity[i]))) continue;
        const double floor =
            std::round(std::clamp(r.lognormal(town ? k.town_m2 : k.village_m2, 0.35), k.lo, k.hi));
        Asset& a =
            new_asset(s.assets, AssetKind::kPublicBuilding, k.service, Trade::kGeneral, floor);
        a.geometry = {w.to_lonlat(p.p + XY{r.uniform(-250, 250), r.uniform(-250, 250)})};
        a.serves.push_back(s.settlements[i].id);
        if (k.catchment_m > 0) {
          for (auto j : index.within(p.p, k.catchment_m)) {
            if (j != i && w.places[j].kind == 2 && w.places[j].pop < k.village_min_pop &&
                a.serves.size() < 8)
              a.serves.push_back(s.settlements[j].id);
          }
        }
        if (k.service == Service::kSchool && k.catchment_m > 0)  // schools, not kindergartens
          a.due_date = w.in_band[i] ? due_band : due_outside;
      }
    }
  }
}

void add_memorials(Scenario& s, const WarMap& w, std::size_t count, Rng& r) {
  std::vector<std::uint32_t> order(w.places.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  // The most fought-over places first: the band's, then by intensity, then the most populous.
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    if (w.intensity[a] != w.intensity[b]) return w.intensity[a] > w.intensity[b];
    return w.places[a].pop > w.places[b].pop;
  });
  const std::string due = add_years(s.params.start_date, 1);  // the first anniversary
  for (std::size_t k = 0; k < count && k < order.size(); ++k) {
    const Place& p = w.places[order[k]];
    // A memorial of about 500 m² (assumption).
    Asset& a = new_asset(s.assets, AssetKind::kMemorial, Service::kNone, Trade::kGeneral,
                         std::round(std::clamp(r.lognormal(500, 0.3), 200.0, 1500.0)));
    a.geometry = {w.to_lonlat(p.p + rotate({r.uniform(100, 300), 0}, r.uniform(0, 2 * geo::kPi)))};
    a.due_date = due;
  }
}

}  // namespace gw::gen

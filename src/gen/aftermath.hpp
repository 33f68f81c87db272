// What the war left in a district's settlements, shared by the generators (the built-in district,
// src/gen/district*.cpp, and the synthetic scenario on real roads, src/gen/synth.cpp):
//  - households (aftermath.cpp): the people displaced on day 0, the dwellings and their damage,
//    how each settlement is heated;
//  - utilities (utilities.cpp): power, water, heat, gas and comms cut at their sources, as supply
//    chains in the spirit of interdependent network restoration (INDP, González et al. 2016):
//    substations feed power lines that feed villages' local networks; pumping stations, boiler
//    houses and masts need power; boiler houses need gas; mains need their stations;
//  - public buildings and a memorial (utilities.cpp), with due dates that make milestones.
// Everything follows one measure, the war's intensity at a settlement (war_intensity): 1 in the
// front-line band, falling with distance behind it and more slowly beyond it. Pure computation;
// every draw comes from the caller's Rng.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gen/places.hpp"
#include "gen/random.hpp"
#include "model/scenario.hpp"

namespace gw::gen {

// How hard the war hit a point at the signed distance `offset_m` from the front line (negative on
// the side of the hubs, "behind"; positive beyond, on the side the other army held), 0..1.
// Assumptions, shaped after the pattern of damage along a static front: 1 within the band
// (|offset| <= half_band_m); behind it, falling by a factor e every 0.6 half-band (about 2 km at
// scale 1: artillery reaches a few km behind the line); beyond it, 0.75 at the band's edge,
// falling by e every 2 half-bands (ground fought over twice, shelled while held).
double war_intensity(double offset_m, double half_band_m);

// The settlements as the recipes see them: in local metres, with their intensity.
struct WarMap {
  std::vector<Place> places;          // one per settlement, in the scenario's order
  std::vector<double> offset;         // per settlement: signed distance from the front line, m
  std::vector<double> intensity;      // per settlement: war_intensity of its offset
  std::vector<std::uint8_t> in_band;  // per settlement: within the front-line band
  std::function<LonLat(XY)> to_lonlat;
  double side = 0;  // every place lies in [0, side]² (for the neighbour grids)

  // Fills offset, intensity and in_band from `front_offset` (signed distance of a point).
  void measure(const std::function<double(XY)>& front_offset, double half_band_m);
};

// Settlements whose intensity is at least this are "in the war zone": their utilities and public
// buildings may be damaged (assumption: below it, damage is sporadic).
inline constexpr double kWarZone = 0.1;

// Per settlement: heated by gas from a gas line (villages only; towns have district heat).
using GasHeated = std::vector<std::uint8_t>;

// Fills each settlement's displaced, dwellings, damaged_dwellings and heating (docs/model.md §7).
// A settlement whose `dwellings` is already above 0 (counted from OpenStreetMap buildings) keeps
// that count, raised to its households (population / household_size) when below. Displacement:
// the band's settlements are evacuated entirely, the others in proportion to their intensity,
// scaled so that about 32-38 % of the population is displaced; nobody is displaced where the
// intensity is below 0.02, and the people of uninhabitable dwellings are always displaced.
// Returns which settlements are gas-heated (for the gas lines).
GasHeated settle_households(std::vector<Settlement>& settlements, const WarMap& w,
                            const Parameters& params, Rng& r);

// The damaged utilities as supply chains (see the file comment); appends to s.assets. Due dates:
// the heat assets of towns outside the band before the first heating season.
void add_utilities(Scenario& s, const WarMap& w, const GasHeated& gas, Rng& r);

// Damaged schools, clinics and administration buildings in the war zone; schools outside the band
// are due for the first 1 September at least 120 days away, those in the band a year later.
void add_public_buildings(Scenario& s, const WarMap& w, Rng& r);

// `count` memorials at the most fought-over settlements, due on the first anniversary of day 0.
void add_memorials(Scenario& s, const WarMap& w, std::size_t count, Rng& r);

// ISO dates for due dates: the first (month, day) at least `min_days` after `start` (YYYY-MM-DD),
// and `start` plus whole years (29 February becomes 28 February).
std::string first_date_after(const std::string& start, int month, int day, int min_days);
std::string add_years(const std::string& start, int years);

// A serpentine polyline of about `length_m` through a square around c: the streets of a local
// network (power, water, heat) whose geometry has the network's length.
std::vector<XY> street_serpentine(XY c, double length_m, Rng& r);

}  // namespace gw::gen

// A scenario written as a scenario file plus GeoPackage layers (what `groundwork synth` writes):
// the hazards and the damage go to GeoPackages in groundwork's own property names, so that a layer
// reference {"source": "hazards.gpkg"} reads them back unchanged, with no mapping.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "io/outputs.hpp"
#include "model/scenario.hpp"

namespace gw::io {

// hazards.gpkg: one Polygon per hazard with id, status, contamination, terrain, land_use, area_m2
// and settlement (when given).
FileOutput hazards_gpkg_output(const Scenario& s, std::string name = "hazards.gpkg");
// damage.gpkg: one Point or LineString per damaged asset with id, kind, trade, the quantity
// property of its kind (pavement_m2, span_m, length_m, floor_m2, site_m2, area_m2), building,
// serves and depends_on (ids separated by commas) and due_date.
FileOutput damage_gpkg_output(const Scenario& s, std::string name = "damage.gpkg");
// settlements.gpkg: one Point per settlement with id, name, population, weight, displaced,
// dwellings, dwellings_light, dwellings_heavy, dwellings_destroyed and heating.
FileOutput settlements_gpkg_output(const Scenario& s, std::string name = "settlements.gpkg");

// The scenario file of such a scenario: name, every parameter, `roads` as given (a layer
// reference), the hubs inline, `hazards` and `damage` referencing the files above, the crews
// inline. Settlements reference `settlements_file` when it is not empty; otherwise they are left
// out, so the reader takes them from the OpenStreetMap roads file.
nlohmann::json layered_scenario_json(const Scenario& s, const nlohmann::json& roads,
                                     const std::string& hazards_file = "hazards.gpkg",
                                     const std::string& damage_file = "damage.gpkg",
                                     const std::string& settlements_file = "");

}  // namespace gw::io

// The what-if comparison of two planned scenarios (`groundwork compare`): key figures side by side
// and the settlements that gain or lose access, by how many days, into the plain data of
// model/comparison.hpp; printing is in src/io/compare_output.hpp.
#pragma once

#include <cstddef>
#include <string>

#include "model/comparison.hpp"
#include "model/evaluation.hpp"
#include "model/scenario.hpp"

namespace gw::plan {

// Key figures of one planned scenario.
PlanFigures plan_figures(const std::string& label, const Scenario& s, std::size_t tasks,
                         const Evaluation& ev);

// Compares B against A: what B gains over A.
Comparison compare_plans(PlanFigures a, const Scenario& sa, const Evaluation& ea, PlanFigures b,
                         const Scenario& sb, const Evaluation& eb);

}  // namespace gw::plan

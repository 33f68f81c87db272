// The what-if comparison of two planned scenarios (`groundwork compare`): key figures side by side
// and the settlements that gain or lose access, by how many days, into the plain data of
// model/comparison.hpp; printing is in src/io/compare_output.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "model/comparison.hpp"
#include "model/evaluation.hpp"
#include "model/plan.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"

namespace gw::plan {

// Key figures of one planned scenario.
PlanFigures plan_figures(const std::string& label, const Scenario& s, std::size_t tasks,
                         const Evaluation& ev);

// Compares B against A: what B gains over A.
Comparison compare_plans(PlanFigures a, const Scenario& sa, const Evaluation& ea, PlanFigures b,
                         const Scenario& sb, const Evaluation& eb);

// Plan `plan` of scenario A (tasks `ta`) as a plan of scenario B (tasks `tb`), when it is one: the
// same tasks, and every crew it uses present in B under the same id with the same trade, size,
// productivity and base. Then B can do at least as well as A (its other crews stay idle), which
// `compare` uses so that more crews never make B's plan worse. nullopt otherwise.
std::optional<Plan> transfer_plan(const Scenario& a, const TaskSet& ta, const Plan& plan,
                                  const Scenario& b, const TaskSet& tb);

}  // namespace gw::plan

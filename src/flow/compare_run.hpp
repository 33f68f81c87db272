// The pipeline behind `groundwork compare` (docs/what-if.md): read the scenarios, apply the
// what-if changes, plan each side (the optimiser when it has time; B starting from A's plan where
// that is a plan of B), validate and bound both, and compare them. Front ends print; nothing here
// decides about text beyond the comparison's own rendering (io/compare_output.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"

namespace gw::flow {

struct CompareRunOptions {
  std::vector<std::string> scenarios;  // one or two files
  std::vector<std::string> changes;    // applied to B (the copy of A, or the second file)
  // A batch: each variant is B = A with its changes (separated by ';'), compared with A.
  std::vector<std::string> variants;
  std::string rule = "impact";
  double time_limit_s = 0;  // > 0: the optimiser, per side
  int threads = 0;          // optimiser threads (0: every core)
  std::uint64_t seed = 1;
  std::size_t top = 10;                    // settlements listed among those gaining and losing
  std::optional<ObjectiveKind> objective;  // overrides both scenarios' parameters.objective.kind
  bool text = true;                        // render each comparison as text too
  // A batch shared across the processes of an MPI job (dist::Session): this process's rank of
  // `ranks` compares its share of the variants, and gather_strings brings every rank's to rank 0
  // in rank order. One process: rank 0 of 1, no gather.
  int rank = 0;
  int ranks = 1;
  std::function<std::vector<std::string>(const std::vector<std::string>&)> gather_strings;
  // Linking warnings and the validator's findings, as they come.
  std::function<void(const std::string&)> warn;
};

// clang-tidy follows nlohmann::json's by-value assignment into a copy that may throw; the implicit
// moves of this struct move the json, which does not throw.
struct CompareItem {          // NOLINT(bugprone-exception-escape)
  std::string variant;        // the --variant text (empty for a single comparison)
  bool valid = false;         // both plans valid
  nlohmann::json comparison;  // io::compare_json
  std::string text;           // io::compare_text (when CompareRunOptions::text)
};

struct CompareRun {
  std::string a_label;  // A's name
  int ranks = 1;
  // One item for a single comparison; one per variant, in order, for a batch (on rank 0 only:
  // the other ranks' is empty).
  std::vector<CompareItem> items;
  bool valid = true;  // every plan compared is valid
};

// Throws gw::Error: unreadable scenarios, bad changes or variants (naming the variant), a single
// scenario with no change, a batch with a second scenario or --change.
CompareRun compare_scenarios(const CompareRunOptions& opt);

}  // namespace gw::flow

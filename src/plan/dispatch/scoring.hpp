// What the dispatch rules compare: crews' durations on tasks (from compact per-task work and
// per-person rate tables), which trades can do which classes, the impact rule's score (benefit per
// crew-day spent, travel included) and the slowdown limit (DispatchOptions::slowdown_limit).
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/parameters.hpp"
#include "model/scenario.hpp"
#include "model/task.hpp"
#include "plan/dispatch.hpp"
#include "plan/dispatch/road_state.hpp"
#include "plan/dispatch/task_board.hpp"
#include "plan/dispatch/task_grid.hpp"
#include "plan/tasks.hpp"

namespace gw::plan::dispatcher {

// score() <= priority + 1e-6 / duration, and durations are whole minutes (at least one).
inline constexpr double kScoreSlack = 1e-6 * kMinutesPerDay;

// The impact rule's score: benefit per crew-day spent, travel (and waiting) included; a tiny term
// prefers near tasks among tasks with no measured benefit.
inline double score_of(double priority, Minutes duration_min, Seconds travel_s, Minutes wait_min) {
  const double dur = static_cast<double>(duration_min) / kMinutesPerDay;
  const double travel = static_cast<double>(travel_s) / 86400.0 +
                        static_cast<double>(wait_min) / static_cast<double>(kMinutesPerDay);
  return (priority * dur + 1e-6) / (travel + dur);
}

class Scorer {
 public:
  Scorer(const Scenario& s, const TaskSet& ts, const TaskBoard& board, const DispatchOptions& opt);

  // Which classes each trade can do (the rate is then > 0 for every crew of the trade).
  [[nodiscard]] const ClassSet& capable(std::size_t trade) const { return capable_[trade]; }

  [[nodiscard]] double rate(const Crew& c, std::uint32_t t) const {
    return daily_rate(c, per_person_[static_cast<std::size_t>(c.trade)][board_.cls(t)]);
  }
  // The nominal duration (every day at the full rate), from the compact tables: what the rules
  // compare. The task's real end follows the calendar (end()).
  [[nodiscard]] Minutes duration(const Crew& c, std::uint32_t t) const {
    return work_minutes(s_.params, board_.work(t), rate(c, t));
  }
  // The task's end when the crew starts it at `start` (docs/model.md §6): the same arithmetic as
  // need_percent_minutes (plan/tasks.hpp), from the compact tables.
  [[nodiscard]] Minutes end(const Crew& c, std::uint32_t t, Minutes start) const {
    const std::int64_t need =
        Calendar::percent_minutes(nominal_minutes(s_.params, board_.true_work(t), rate(c, t)));
    assert(need == need_percent_minutes(s_, c, ts_.tasks[t]));
    return calendar_.end_of(c.trade, start, need);
  }

  // The score the choice compares for task t with priority p: a crew too slow for the task ranks
  // it below every task it is not too slow for.
  double choice_score(const Crew& crew, std::uint32_t t, double p, Seconds travel_s,
                      Minutes wait = 0) {
    const double sc = score_of(p, duration(crew, t), travel_s, wait) * kept(crew, t);
    return too_slow(crew, t) ? sc * 1e-9 : sc;
  }
  // choice_score from a cell entry of class k: the same value, from the entry's copies rather than
  // the per-task arrays.
  double entry_score(const Crew& crew, const CellEntry& e, std::size_t k, Seconds travel_s) {
    const Minutes dur = work_minutes(
        s_.params, e.work, daily_rate(crew, per_person_[static_cast<std::size_t>(crew.trade)][k]));
    assert(dur == duration(crew, e.task));
    const double sc = score_of(e.priority, dur, travel_s, 0) * kept(crew, e.task);
    return too_slow(crew, e.task) ? sc * 1e-9 : sc;
  }
  // Whether tasks a and b were given to the same crew by the plan being followed (or there is
  // none).
  [[nodiscard]] bool same_keeper(std::uint32_t a, std::uint32_t b) const {
    return opt_.planned_crew == nullptr || (*opt_.planned_crew)[a] == (*opt_.planned_crew)[b];
  }
  // Re-planning's stability (DispatchOptions::planned_crew): 1 + stability for a task the plan
  // being followed gave this crew, else 1.
  [[nodiscard]] double kept(const Crew& crew, std::uint32_t t) const {
    if (opt_.planned_crew == nullptr) return 1.0;
    const auto c = static_cast<std::int32_t>(&crew - s_.crews.data());
    return (*opt_.planned_crew)[t] == c ? 1.0 + opt_.stability : 1.0;
  }
  // Whether the crew's duration for t is more than the task's slowdown limit times the fastest
  // crew's.
  bool too_slow(const Crew& crew, std::uint32_t t);
  // Whether two entries of one cell (hence one class) score the same for every crew and travel.
  [[nodiscard]] bool same_score(const CellEntry& a, const CellEntry& b) const {
    return a.u_node == b.u_node && a.v_node == b.v_node && a.priority == b.priority &&
           a.work == b.work && same_limit(a.task, b.task) && same_keeper(a.task, b.task);
  }
  // Whether tasks a and b have the same slowdown limit (DispatchOptions::slowdown_limit).
  [[nodiscard]] bool same_limit(std::uint32_t a, std::uint32_t b) const {
    return opt_.slowdown_limit == nullptr || (*opt_.slowdown_limit)[a] == (*opt_.slowdown_limit)[b];
  }

 private:
  const Scenario& s_;
  const TaskSet& ts_;
  const TaskBoard& board_;
  const DispatchOptions& opt_;
  Calendar calendar_;
  std::array<std::array<double, kTaskClassCount>, kTradeCount> per_person_{};
  std::array<ClassSet, kTradeCount> capable_{};
  // slowdown_limit: per task, the fastest crew's duration (-1: not computed yet); per trade, the
  // crew with the most people x productivity.
  std::vector<Minutes> fastest_;
  std::array<const Crew*, kTradeCount> fastest_crew_{};
};

}  // namespace gw::plan::dispatcher

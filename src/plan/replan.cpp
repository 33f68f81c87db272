#include "plan/replan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "model/error.hpp"
#include "plan/evaluate.hpp"
#include "plan/sequence/executor.hpp"

namespace gw::plan {

namespace {

// The rounding a report's amount may carry, in its own unit (m² or the asset's unit), per row:
// reports written to a whole unit or a tenth of one still cover the work they finish.
constexpr double kReportSlackUnits = 1.0;

std::string day_text(Minutes m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "day %.1f", static_cast<double>(m) / kMinutesPerDay);
  return buf;
}

}  // namespace

ReportedState reported_state(const Scenario& s, const TaskSet& ts, const Plan& plan,
                             const std::vector<FieldReport>& reports,
                             const std::vector<Minutes>& report_minute, Minutes as_of) {
  const std::size_t n = ts.tasks.size();
  if (as_of < plan.as_of) {
    throw Error(ErrorCode::kInvalidInput,
                "--as-of: " + day_text(as_of) + " is before " + day_text(plan.as_of) +
                    ", the date the plan being followed was itself re-planned from");
  }
  ReportedState st;
  st.as_of = as_of;
  st.task_done.assign(n, 0);
  st.hazard_factor.resize(s.hazards.size());
  st.asset_factor.resize(s.assets.size());
  // The work factors the plan being followed was made with (a re-plan's own, else the
  // scenario's): the field's pace is judged against them, and they stand where nothing is new.
  const bool replanned_h = plan.hazard_work_factor.size() == s.hazards.size();
  const bool replanned_a = plan.asset_work_factor.size() == s.assets.size();
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    st.hazard_factor[h] = replanned_h ? plan.hazard_work_factor[h] : s.hazards[h].work_factor;
  for (std::size_t a = 0; a < s.assets.size(); ++a)
    st.asset_factor[a] = replanned_a ? plan.asset_work_factor[a] : s.assets[a].work_factor;

  std::vector<const Assignment*> of_task(n, nullptr);
  for (const Assignment& a : plan.assignments) {
    if (a.task.index() < n) of_task[a.task.index()] = &a;
  }
  std::map<std::string, std::size_t> hazard_ix, asset_ix;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) hazard_ix.emplace(s.hazards[h].id, h);
  for (std::size_t a = 0; a < s.assets.size(); ++a) asset_ix.emplace(s.assets[a].id, a);

  // Reported amounts per hazard (m² released) and per asset (quantity done): in all, and since
  // the plan being followed was made (its own as_of; 0 for a plan from day 0), with the crew-days
  // lost since then and the number of rows.
  std::vector<double> hazard_area(s.hazards.size(), 0), asset_qty(s.assets.size(), 0);
  std::vector<double> hazard_new(s.hazards.size(), 0), asset_new(s.assets.size(), 0);
  std::vector<double> hazard_lost(s.hazards.size(), 0), asset_lost(s.assets.size(), 0);
  std::vector<std::uint32_t> hazard_rows(s.hazards.size(), 0), asset_rows(s.assets.size(), 0);
  std::vector<char> hazard_reported(s.hazards.size(), 0), asset_reported(s.assets.size(), 0);
  for (std::size_t r = 0; r < reports.size(); ++r) {
    const FieldReport& fr = reports[r];
    const Minutes m = report_minute[r];
    if (m < 0)
      throw Error(ErrorCode::kInvalidInput,
                  fr.where + ": date: " + fr.date + " is before the plan starts (start_date)");
    if (m >= as_of) {
      throw Error(ErrorCode::kInvalidInput,
                  fr.where + ": date: " + fr.date +
                      " is not before --as-of (reports tell what was done before it)");
    }
    // The subject's tasks, and whether the plan started any of them before the report's date.
    const bool hazard = fr.hazard.has_value();
    const std::size_t k = hazard ? hazard_ix.at(*fr.hazard) : asset_ix.at(*fr.asset);
    const Csr<TaskId>& rows = hazard ? ts.hazard_tasks : ts.asset_tasks;
    bool started = false;
    for (const TaskId* t = rows.begin(k); t != rows.end(k); ++t) {
      const Assignment* a = of_task[t->index()];
      started = started || (a != nullptr && a->start < m + kMinutesPerDay);
    }
    // Reports older than the plan's own as-of were checked when that plan was made (the work
    // they report may since have been re-planned to start again).
    if (!started && m >= plan.as_of) {
      throw Error(ErrorCode::kInvalidInput,
                  fr.where + ": " + (hazard ? "hazard" : "asset") + ": reports work on " +
                      quote_value(hazard ? *fr.hazard : *fr.asset) +
                      ", which the plan does not start by " + fr.date +
                      " (a report for work not started: replan from a plan that has it, or check "
                      "the id and the date)");
    }
    const bool recent = m >= plan.as_of;
    if (hazard) {
      const double area = fr.area_cleared_m2 + fr.area_cancelled_m2;
      hazard_area[k] += area;
      hazard_new[k] += recent ? area : 0;
      hazard_lost[k] += recent ? fr.crew_days_lost : 0;
      ++hazard_rows[k];
      hazard_reported[k] = 1;
    } else {
      asset_qty[k] += fr.quantity_done;
      asset_new[k] += recent ? fr.quantity_done : 0;
      asset_lost[k] += recent ? fr.crew_days_lost : 0;
      ++asset_rows[k];
      asset_reported[k] = 1;
    }
  }

  // How much slower than the plan being followed each reported subject goes (its time over the
  // planned time), for the rest of the work under way.
  std::vector<double> hazard_pace(s.hazards.size(), 1.0), asset_pace(s.assets.size(), 1.0);
  const Minutes since = plan.as_of;
  // History of the plan being followed (a re-plan's done work): done, whatever the reports say.
  const auto history = [&](const Assignment* a) {
    return a != nullptr && a->reported && a->end <= since;
  };
  // Tasks of reported subjects: covered in the order the plan ends them (its history first), by
  // `amount_in_work` (every report so far), to within `slack_in_work` (the reports' rounding).
  // The pace is judged since the plan being followed was made: its progress planned from then to
  // as_of against `recent_in_work` (the reports dated since).
  auto cover = [&](const TaskId* begin, const TaskId* end, double amount_in_work,
                   double recent_in_work, double slack_in_work, bool survey_too, double lost_days,
                   const std::string& what, double& factor, double& pace) {
    std::vector<std::uint32_t> started;
    started.reserve(static_cast<std::size_t>(end - begin));
    double planned_progress = 0, total = 0, planned_days = 0;
    for (const TaskId* t = begin; t != end; ++t) {
      const auto i = static_cast<std::uint32_t>(t->index());
      const Task& k = ts.tasks[i];
      const Assignment* a = of_task[i];
      if (history(a)) st.task_done[i] = 1;
      // The area of a machine-prepared package counts once, at its follow-up (the task that
      // releases it); the preparation is done with it.
      if (k.kind == TaskKind::kSurvey) continue;
      if (k.kind == TaskKind::kMechanical) {
        // Reports of released area cannot speak of preparation: done as the plan ends it.
        if (a != nullptr && a->end <= as_of) st.task_done[i] = 1;
        continue;
      }
      total += k.work;
      if (a == nullptr || a->start >= as_of) continue;
      started.push_back(i);
      const double span = static_cast<double>(std::max<Minutes>(1, a->end - a->start));
      const Minutes from = std::max(a->start, since), to = std::min(a->end, as_of);
      if (to <= from) continue;
      planned_progress += k.work * static_cast<double>(to - from) / span;
      planned_days += static_cast<double>(to - from) / kMinutesPerDay;
    }
    std::sort(started.begin(), started.end(),
              [&](std::uint32_t x, std::uint32_t y) { return of_task[x]->end < of_task[y]->end; });
    // The history (first in this order: it ends by `since`, the rest after) is done already and
    // takes its work from the reports dated before `since` only, as far as they go: a subject the
    // plan followed had finished with no report (no news is the plan) keeps the area reported
    // since for the work after.
    double before = std::max(0.0, amount_in_work - recent_in_work);
    double left = -1;
    for (const std::uint32_t i : started) {
      if (history(of_task[i])) {  // done already (above)
        before = std::max(0.0, before - ts.tasks[i].work);
        continue;
      }
      if (left < 0) {
        left = before + recent_in_work + slack_in_work + 1e-6 * std::max(1.0, amount_in_work);
      }
      if (ts.tasks[i].work > left) break;
      left -= ts.tasks[i].work;
      st.task_done[i] = 1;
      for (const TaskId* p = ts.preds.begin(i); p != ts.preds.end(i); ++p) {
        if (ts.tasks[p->index()].kind == TaskKind::kMechanical) st.task_done[p->index()] = 1;
      }
    }
    if (survey_too && amount_in_work > 0) {
      for (const TaskId* t = begin; t != end; ++t) {
        if (ts.tasks[t->index()].kind == TaskKind::kSurvey && of_task[t->index()] != nullptr &&
            of_task[t->index()]->start < as_of)
          st.task_done[t->index()] = 1;
      }
    }
    // Crew-days lost: the planned progress of the days worked only (the crews' planned days on the
    // subject since, less those lost, as a share of them).
    const double worked =
        planned_days > 0 ? std::clamp(1 - lost_days / planned_days, 0.0, 1.0) : 1.0;
    if (lost_days > 0) {
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "%s: %.1f crew-days lost of %.1f planned from %s to %s: the pace is judged "
                    "over the %.0f %% worked",
                    what.c_str(), lost_days, planned_days, day_text(since).c_str(),
                    day_text(as_of).c_str(), 100 * worked);
      st.notes.emplace_back(buf);
    }
    planned_progress *= worked;
    // The pace: planned progress from `since` to as_of against the reported one (the rest of the
    // work is planned at that pace), within a factor of 10 either way of the plan being followed.
    if (recent_in_work > 0 && planned_progress > 0 && amount_in_work < total) {
      const double ratio = std::clamp(planned_progress / recent_in_work, 0.1, 10.0);
      if (std::abs(ratio - 1) > 0.05) {
        factor = std::clamp(factor * ratio, 0.01, 100.0);
        pace = ratio;
        char buf[320];
        std::snprintf(buf, sizeof buf,
                      "%s: %.0f reported against %.0f planned from %s to %s: the rest planned "
                      "%.2fx %s (work factor %.2f)",
                      what.c_str(), recent_in_work, planned_progress, day_text(since).c_str(),
                      day_text(as_of).c_str(), ratio, ratio > 1 ? "slower" : "faster", factor);
        st.notes.emplace_back(buf);
      }
    }
  };
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    if (hazard_reported[h] == 0) continue;
    // The reported area as the same share of the packages' work (where road corridors overlap,
    // the packages together hold more than the hazard's area).
    double work = 0;
    for (const TaskId* t = ts.hazard_tasks.begin(h); t != ts.hazard_tasks.end(h); ++t) {
      const TaskKind k = ts.tasks[t->index()].kind;
      if (k != TaskKind::kSurvey && k != TaskKind::kMechanical) work += ts.tasks[t->index()].work;
    }
    const double area = s.hazards[h].area_m2;
    const double per_m2 = area > 0 ? work / area : 0;
    cover(ts.hazard_tasks.begin(h), ts.hazard_tasks.end(h), std::min(area, hazard_area[h]) * per_m2,
          std::min(area, hazard_new[h]) * per_m2, kReportSlackUnits * hazard_rows[h] * per_m2, true,
          hazard_lost[h], "hazard " + quote_value(s.hazards[h].id) + " (m²)", st.hazard_factor[h],
          hazard_pace[h]);
  }
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    if (asset_reported[a] == 0) continue;
    // The asset's quantity done, as the same share of its project's work.
    double total = 0;
    for (const TaskId* t = ts.asset_tasks.begin(a); t != ts.asset_tasks.end(a); ++t)
      total += ts.tasks[t->index()].work;
    const double qty = s.assets[a].quantity;
    const double per_unit = qty > 0 ? total / qty : 0;
    cover(ts.asset_tasks.begin(a), ts.asset_tasks.end(a), std::min(qty, asset_qty[a]) * per_unit,
          std::min(qty, asset_new[a]) * per_unit, kReportSlackUnits * asset_rows[a] * per_unit,
          false, asset_lost[a], "asset " + quote_value(s.assets[a].id) + " (work units)",
          st.asset_factor[a], asset_pace[a]);
  }
  // Everything else: done when the plan ends it by as_of.
  std::vector<char> reported_subject(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    const Task& k = ts.tasks[t];
    if (k.hazard.valid() && hazard_reported[k.hazard.index()] != 0) reported_subject[t] = 1;
    if (k.kind == TaskKind::kRepair && asset_reported[k.asset.index()] != 0)
      reported_subject[t] = 1;
    if (reported_subject[t] == 0 && of_task[t] != nullptr && of_task[t]->end <= as_of)
      st.task_done[t] = 1;
  }
  // Done only with every predecessor done (repeat until nothing changes: ids need not be in
  // precedence order).
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t t = 0; t < n; ++t) {
      if (st.task_done[t] == 0) continue;
      for (const TaskId* p = ts.preds.begin(t); p != ts.preds.end(t); ++p) {
        if (st.task_done[p->index()] == 0) {
          st.task_done[t] = 0;
          changed = true;
          break;
        }
      }
    }
  }
  // The work under way: started before as_of, ending after it, not done, its predecessors done
  // (one not done means the site is not ready after all: the task goes back to be planned).
  std::vector<char> under_way(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    const Assignment* a = of_task[t];
    if (st.task_done[t] != 0 || a == nullptr || a->start >= as_of || a->end <= as_of) continue;
    bool ready = true;
    for (const TaskId* p = ts.preds.begin(t); ready && p != ts.preds.end(t); ++p)
      ready = st.task_done[p->index()] != 0;
    under_way[t] = ready ? 1 : 0;
  }
  // The kept work as history: per crew in start order, from_node chained; done work ends at most
  // as_of, work under way at its projected end.
  for (std::size_t t = 0; t < n; ++t) {
    if (st.task_done[t] == 0 && under_way[t] == 0) continue;
    Assignment a = *of_task[t];
    if (under_way[t] != 0) {
      // The rest of its planned time at the pace reported for its subject against the plan.
      const Task& k = ts.tasks[t];
      double pace = 1;
      if (k.hazard.valid()) {
        pace = hazard_pace[k.hazard.index()];
      } else if (k.kind == TaskKind::kRepair && k.asset.valid()) {
        pace = asset_pace[k.asset.index()];
      }
      const double rest = static_cast<double>(a.end - as_of) * pace;
      a.end = as_of + std::max<Minutes>(1, static_cast<Minutes>(std::ceil(rest)));
    } else {
      a.end = std::min(a.end, as_of);
    }
    a.start = std::min(a.start, a.end);
    a.depart = std::min(a.depart, a.start);
    a.reported = true;
    a.route.clear();  // history: where the crew drove is not reported
    st.kept.push_back(a);
  }
  std::stable_sort(st.kept.begin(), st.kept.end(), [](const Assignment& x, const Assignment& y) {
    return x.crew != y.crew ? x.crew < y.crew : x.start < y.start;
  });
  for (std::size_t i = 0; i < st.kept.size(); ++i) {
    Assignment& a = st.kept[i];
    const bool first = i == 0 || st.kept[i - 1].crew != a.crew;
    a.from_node = first ? s.crews[a.crew.index()].base_node : st.kept[i - 1].entry_node;
    if (!first) a.depart = std::max(a.depart, st.kept[i - 1].end);
    a.start = std::max(a.start, a.depart);
    a.end = std::max(a.end, a.start);
    (under_way[a.task.index()] != 0 ? st.under_way : st.done).push_back(a);
  }
  return st;
}

DispatchOptions replan_options(DispatchOptions base, const ReportedState& state, const Plan& plan,
                               std::size_t tasks, double stability,
                               std::vector<std::int32_t>& planned_crew, bool keep_under_way) {
  planned_crew.assign(tasks, -1);
  for (const Assignment& a : plan.assignments) {
    if (a.task.index() < tasks)
      planned_crew[a.task.index()] = static_cast<std::int32_t>(a.crew.index());
  }
  base.fixed = keep_under_way ? &state.kept : &state.done;
  base.release_at = state.as_of;
  base.planned_crew = stability > 0 ? &planned_crew : nullptr;
  base.stability = stability;
  base.stop_when_all_access = false;
  base.stop_when_all_returned = false;
  return base;
}

Replanned replan_rest(const Scenario& s, const TaskSet& ts, const DispatchOptions& base,
                      const ReportedState& state, const Plan& plan, double stability) {
  std::vector<std::int32_t> planned_crew;
  Replanned r;
  r.result =
      dispatch(s, ts, replan_options(base, state, plan, ts.tasks.size(), stability, planned_crew));
  r.kept_objective = r.stopped_objective = r.chosen_objective =
      evaluate(s, ts, r.result.plan).objective;
  // A plan that leaves more tasks unassigned never pays.
  auto pays = [&](const DispatchResult& d, double objective) {
    return d.unassigned.size() < r.result.unassigned.size() ||
           (d.unassigned.size() == r.result.unassigned.size() && objective < r.chosen_objective);
  };
  if (!state.under_way.empty()) {
    DispatchResult stopped = dispatch(
        s, ts, replan_options(base, state, plan, ts.tasks.size(), stability, planned_crew, false));
    r.stopped_objective = evaluate(s, ts, stopped.plan).objective;
    if (pays(stopped, r.stopped_objective)) {
      r.result = std::move(stopped);
      r.chosen_objective = r.stopped_objective;
      r.stopped_tasks = state.under_way.size();
    }
  }
  if (r.stopped_tasks == 0 && state.under_way.size() > 1) {
    // Task by task: the kStopCandidates tasks under way that end last (the longest rest, where a
    // slow field holds a crew) are each stopped in turn, on top of those whose stopping paid, and
    // stay stopped when the plan of the rest is better for it.
    std::vector<const Assignment*> cands;
    for (const Assignment& a : state.under_way) cands.push_back(&a);
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Assignment* x, const Assignment* y) { return x->end > y->end; });
    cands.resize(std::min(cands.size(), kStopCandidates));
    std::vector<char> stop(ts.tasks.size(), 0);
    std::vector<Assignment> fixed;
    for (const Assignment* c : cands) {
      stop[c->task.index()] = 1;
      fixed.clear();
      for (const Assignment& a : state.kept) {
        if (stop[a.task.index()] == 0) fixed.push_back(a);
      }
      DispatchOptions o =
          replan_options(base, state, plan, ts.tasks.size(), stability, planned_crew);
      o.fixed = &fixed;
      DispatchResult trial = dispatch(s, ts, o);
      const double objective = evaluate(s, ts, trial.plan).objective;
      if (pays(trial, objective)) {
        r.result = std::move(trial);
        r.chosen_objective = objective;
        ++r.stopped_tasks;
      } else {
        stop[c->task.index()] = 0;
      }
    }
  }
  r.stopped_under_way = r.stopped_tasks > 0;
  // The repair: the plan being followed, less the kept work, as each crew's sequence.
  std::vector<char> kept(ts.tasks.size(), 0);
  for (const Assignment& a : state.kept) kept[a.task.index()] = 1;
  Plan rest;
  for (const Assignment& a : plan.assignments) {
    if (a.task.index() < kept.size() && kept[a.task.index()] == 0) rest.assignments.push_back(a);
  }
  sequence::Executor exec(s, ts, sequence::least_travel_kmh(s.roads));
  sequence::Execution repaired =
      exec.run(sequence::sequences_of(rest, s.crews.size()), std::nullopt,
               sequence::History{&state.kept, state.as_of});
  if (!repaired.complete || repaired.plan.assignments.size() != ts.tasks.size()) return r;
  r.repaired_objective = evaluate(s, ts, repaired.plan).objective;
  const double dispatched =
      !r.result.unassigned.empty() ? std::numeric_limits<double>::infinity() : r.chosen_objective;
  const double margin = std::max(0.0, stability) * kRepairMargin;
  if (dispatched >= r.repaired_objective * (1 - margin)) {
    r.result = DispatchResult{};
    r.result.plan = std::move(repaired.plan);
    r.result.plan.rule = std::string(rule_name(base.rule));
    r.repaired = true;
    r.stopped_under_way = false;
  }
  return r;
}

}  // namespace gw::plan

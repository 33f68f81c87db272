#include "forecast/forecast.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>

#include "plan/evaluate.hpp"
#include "plan/sequence/executor.hpp"
#include "plan/tasks.hpp"
#include "plan/uncertainty.hpp"
#include "validate/validate.hpp"

namespace gw::forecast {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr std::size_t kPerSettlement = 3 + kRestorableServices.size();
constexpr std::size_t kMaxViolationsKept = 10;

float days_of(Minutes m) {
  return m == kNever ? kInf : static_cast<float>(static_cast<double>(m) / kMinutesPerDay);
}

// A curve of the plan at `day` (its last point beyond its end; 0 when empty) as a share of `total`.
template <typename T>
double share_at(const std::vector<T>& curve, int day, double total) {
  if (curve.empty() || !(total > 0)) return 0;
  const auto d = std::min(static_cast<std::size_t>(std::max(0, day)), curve.size() - 1);
  return static_cast<double>(curve[d]) / total;
}
double returned_share(const Evaluation& ev, int day) {
  return share_at(ev.returned_by_day, day, static_cast<double>(ev.population_displaced));
}
double access_share(const Evaluation& ev, int day) {
  return share_at(ev.access_by_day, day, static_cast<double>(ev.population_total));
}

// The sensitivity inputs of a truth (docs/uncertainty.md, "Sensitivity"), in a fixed order.
constexpr std::array<const char*, kSampleInputs> kInputNames = {
    "hazard effort (area-weighted work factor)",
    "deminer productivity (people-weighted)",
    "builder productivity (people-weighted)",
    "weather, November to March",
    "weather, April to October",
    "project effort (mean work factor)",
    "housing effort (damaged-dwelling-weighted)"};

std::array<double, kSampleInputs> inputs_of(const Scenario& s, const Truth& t) {
  std::array<double, kSampleInputs> x{};
  auto mean = [](double sum, double weight) { return weight > 0 ? sum / weight : 1.0; };
  double a = 0, aw = 0;
  for (std::size_t h = 0; h < s.hazards.size(); ++h) {
    a += t.hazards[h].work_factor * s.hazards[h].area_m2;
    aw += s.hazards[h].area_m2;
  }
  x[0] = mean(a, aw);
  double d = 0, dw = 0, b = 0, bw = 0;
  for (std::size_t c = 0; c < s.crews.size(); ++c) {
    const auto people = static_cast<double>(s.crews[c].people);
    if (is_demining(s.crews[c].trade)) {
      d += t.crew_factor[c] * people;
      dw += people;
    } else {
      b += t.crew_factor[c] * people;
      bw += people;
    }
  }
  x[1] = mean(d, dw);
  x[2] = mean(b, bw);
  double cold = 0, warm = 0;
  for (std::size_t m = 0; m < kMonthCount; ++m)
    (m <= 2 || m >= 10 ? cold : warm) += t.weather_factor[m];
  x[3] = cold / 5;
  x[4] = warm / 7;
  double p = 0;
  for (const double f : t.asset_factor) p += f;
  x[5] = mean(p, static_cast<double>(t.asset_factor.size()));
  double hsum = 0, hw = 0;
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    const auto& dd = s.settlements[i].damaged_dwellings;
    const auto n = static_cast<double>(dd[0] + dd[1] + dd[2]);
    hsum += t.housing_factor[i] * n;
    hw += n;
  }
  x[6] = mean(hsum, hw);
  return x;
}

// Nearest-rank quantile q of `v` (sorted ascending), as a day number when within the horizon.
std::optional<double> quantile(const std::vector<float>& v, double q, double horizon) {
  if (v.empty()) return std::nullopt;
  const auto n = static_cast<double>(v.size());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n)));
  const float x = v[std::min(rank, v.size()) - 1];
  if (!(x <= horizon)) return std::nullopt;
  return std::round(static_cast<double>(x) * 100) / 100;  // to about a quarter of an hour
}

Quantiles quantiles(std::vector<float> v, double horizon) {
  std::sort(v.begin(), v.end());
  return {quantile(v, 0.1, horizon), quantile(v, 0.5, horizon), quantile(v, 0.9, horizon)};
}

// Nearest-rank P10, P50 and P90 of a curve's values at one day of the grid, unrounded: a share
// needs finer steps than quantile()'s hundredths.
void band_point(std::vector<float> v, CurveBand& band) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    if (v.empty()) return 0.0;
    const auto rank =
        static_cast<std::size_t>(std::max(1.0, std::ceil(q * static_cast<double>(v.size()))));
    return static_cast<double>(v[std::min(rank, v.size()) - 1]);
  };
  band.p10.push_back(at(0.1));
  band.p50.push_back(at(0.5));
  band.p90.push_back(at(0.9));
}

// P90 − P10 in days, +inf when only P90 is beyond the horizon (the least certain of all), −1 when
// both are (no range to speak of).
double spread(const Quantiles& q) {
  if (!q.p10 || !q.p90) return q.p10 ? std::numeric_limits<double>::infinity() : -1;
  return *q.p90 - *q.p10;
}

// The settlements whose headline date has the widest P10–P90 range (Forecast::least_certain).
std::vector<std::size_t> least_certain(const Scenario& s, const Forecast& f) {
  std::vector<std::size_t> order;
  order.reserve(s.settlements.size());
  const bool by_return = f.headline == "people_days_displaced";
  for (std::size_t i = 0; i < s.settlements.size(); ++i) {
    if (!by_return || s.settlements[i].displaced > 0) order.push_back(i);
  }
  auto key = [&](std::size_t i) {
    return spread(by_return ? f.settlements[i].return_day : f.settlements[i].access_day);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  if (order.size() > kLeastCertainShown) order.resize(kLeastCertainShown);
  return order;
}

// Average ranks (ties share their mean rank).
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = mid;
    i = j + 1;
  }
  return r;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() < 3) return 0;
  const auto rx = ranks(x);
  const auto ry = ranks(y);
  const double n = static_cast<double>(x.size());
  const double mean = (n + 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (!(sxx > 0) || !(syy > 0)) return 0;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

int thread_count(int requested) {
  return requested > 0 ? requested
                       : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

std::size_t SampleLayout::width() const {
  return kSampleFigures + kSampleInputs + settlements * kPerSettlement + hazards + 2 * assets +
         edges + milestones + 2 * curve_days;
}

std::vector<int> curve_days(int horizon_days) {
  std::vector<int> days;
  const int h = std::max(0, horizon_days);
  for (int d = 0; d <= h; d += kCurveStepDays) days.push_back(d);
  if (days.back() != h) days.push_back(h);
  return days;
}

namespace {

// A sample before its execution: the district as the truth makes it, and its tasks with the
// truth's efforts.
Execution with_truth(const Scenario& s, const TaskSet& tasks, const Truth& truth) {
  Execution x;
  x.truth = truth;
  x.scenario = s;
  apply_truth(x.scenario, truth);
  x.tasks = tasks;
  plan::set_efforts(x.tasks, x.scenario);
  return x;
}

}  // namespace

Execution execute(const Scenario& s, const TaskSet& tasks, const Truth& truth,
                  const plan::DispatchOptions& opt) {
  Execution x = with_truth(s, tasks, truth);
  // What the dispatcher believes: the planned scenario's efforts.
  std::vector<float> believed(tasks.tasks.size());
  for (std::size_t t = 0; t < tasks.tasks.size(); ++t)
    believed[t] = static_cast<float>(tasks.tasks[t].effort);
  plan::DispatchOptions o = opt;
  o.believed_effort = &believed;
  o.stop_when_all_access = false;
  o.stop_when_all_returned = false;
  o.deadline.reset();
  plan::DispatchResult d = plan::dispatch(x.scenario, x.tasks, o);
  x.plan = std::move(d.plan);
  x.unassigned = std::move(d.unassigned);
  x.evaluation = plan::evaluate(x.scenario, x.tasks, x.plan);
  return x;
}

Execution execute_fixed(const Scenario& s, const TaskSet& tasks, const Truth& truth,
                        const Plan& planned) {
  Execution x = with_truth(s, tasks, truth);
  // Least-travel trips: the weighted A* of the optimiser's executor finds paths up to a sixth
  // longer than the plan's (whose near trips come from complete tables), and those minutes,
  // carried through the seasons, made the kept plan look later than it is.
  plan::sequence::Executor exec(x.scenario, x.tasks,
                                plan::sequence::least_travel_kmh(x.scenario.roads));
  plan::sequence::Execution run =
      exec.run(plan::sequence::sequences_of(planned, x.scenario.crews.size()));
  x.plan = std::move(run.plan);
  std::vector<char> assigned(x.tasks.tasks.size(), 0);
  for (const Assignment& a : x.plan.assignments) assigned[a.task.index()] = 1;
  for (std::size_t t = 0; t < assigned.size(); ++t) {
    if (assigned[t] == 0) x.unassigned.push_back(TaskId::from_index(t));
  }
  x.evaluation = plan::evaluate(x.scenario, x.tasks, x.plan);
  return x;
}

ForecastBase prepare(const Scenario& s, const plan::DispatchOptions& opt) {
  ForecastBase b;
  b.tasks = plan::generate_tasks(s);
  plan::DispatchOptions o = opt;
  o.stop_when_all_access = false;
  o.stop_when_all_returned = false;
  plan::DispatchResult d = plan::dispatch(s, b.tasks, o);
  b.planned = plan::evaluate(s, b.tasks, d.plan);
  b.plan = std::move(d.plan);
  b.curve_days = curve_days(s.params.horizon_days);
  for (std::size_t e = 0; e < b.planned.edge_open.size(); ++e) {
    if (b.planned.edge_open[e] > 0) b.edges.push_back(EdgeId::from_index(e));
  }
  b.layout.settlements = s.settlements.size();
  b.layout.hazards = s.hazards.size();
  b.layout.assets = s.assets.size();
  b.layout.edges = b.edges.size();
  b.layout.milestones = b.planned.milestones.size();
  b.layout.curve_days = b.curve_days.size();
  return b;
}

std::vector<float> record_samples(const Scenario& s, const ForecastBase& base,
                                  const ForecastOptions& opt, std::size_t first, std::size_t last,
                                  std::vector<std::string>* violations) {
  const std::size_t w = base.layout.width();
  std::vector<float> rows((last - first) * w, 0.0F);
  std::atomic<std::size_t> next{first};
  std::mutex mu;
  auto work = [&] {
    validate::Workspace checks;  // this thread's: the samples repeat the same trips
    for (std::size_t i = next.fetch_add(1); i < last; i = next.fetch_add(1)) {
      const Truth truth = plan::draw_truth(s, plan::sample_seed(opt.seed, i));
      const Execution x = opt.mode == Mode::kFixed ? execute_fixed(s, base.tasks, truth, base.plan)
                                                   : execute(s, base.tasks, truth, opt.dispatch);
      const Evaluation& ev = x.evaluation;
      float* r = rows.data() + (i - first) * w;
      std::size_t k = 0;
      r[k++] = static_cast<float>(ev.people_days_displaced);
      r[k++] = static_cast<float>(ev.people_days_without_access);
      r[k++] = static_cast<float>(ev.makespan_days);
      bool valid = true;
      if (opt.validate) {
        const validate::Report rep =
            validate::validate_plan(x.scenario, x.tasks.tasks, x.plan, checks);
        valid = rep.valid();
        if (!valid && violations != nullptr) {
          const std::lock_guard<std::mutex> lock(mu);
          for (const auto& v : rep.violations) {
            if (violations->size() >= kMaxViolationsKept) break;
            violations->push_back("sample " + std::to_string(i) + ": " + v);
          }
        }
      }
      r[k++] = valid && x.unassigned.empty() ? 1.0F : (valid ? 2.0F : 0.0F);
      for (const double v : inputs_of(s, truth)) r[k++] = static_cast<float>(v);
      for (std::size_t st = 0; st < s.settlements.size(); ++st) {
        r[k++] = days_of(ev.return_first[st]);
        r[k++] = days_of(ev.return_all[st]);
        r[k++] = days_of(ev.settlement_access[st]);
        for (const Service sv : kRestorableServices)
          r[k++] = days_of(ev.service_restored[static_cast<std::size_t>(sv)][st]);
      }
      for (std::size_t h = 0; h < s.hazards.size(); ++h)
        r[k++] = days_of(std::min(ev.hazard_cleared[h], ev.hazard_cancelled[h]));
      for (std::size_t a = 0; a < s.assets.size(); ++a) {
        r[k++] = days_of(ev.asset_done[a]);
        r[k++] = days_of(ev.asset_works[a]);
      }
      for (const EdgeId e : base.edges) r[k++] = days_of(ev.edge_open[e.index()]);
      for (const auto& m : ev.milestones) r[k++] = days_of(m.done);
      for (const int d : base.curve_days) r[k++] = static_cast<float>(returned_share(ev, d));
      for (const int d : base.curve_days) r[k++] = static_cast<float>(access_share(ev, d));
    }
  };
  const int threads = thread_count(opt.threads);
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(std::max(0, threads - 1)));
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return rows;
}

Forecast summarise(const Scenario& s, const ForecastBase& base, const ForecastOptions& opt,
                   const std::vector<float>& rows, std::vector<std::string> violations) {
  const std::size_t w = base.layout.width();
  const std::size_t n = w > 0 ? rows.size() / w : 0;
  const double horizon = s.params.horizon_days;
  Forecast f;
  f.samples = n;
  f.seed = opt.seed;
  f.mode = opt.mode == Mode::kFixed ? "fixed" : "redecide";
  f.first_violations = std::move(violations);
  auto column = [&](std::size_t c) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = rows[i * w + c];
    return v;
  };
  // The figures are not dates: no horizon cuts them.
  const double any = std::numeric_limits<double>::infinity();
  f.people_days_displaced = quantiles(column(0), any);
  f.people_days_without_access = quantiles(column(1), any);
  f.makespan_days = quantiles(column(2), any);
  f.planned_people_days_displaced = base.planned.people_days_displaced;
  f.planned_people_days_without_access = base.planned.people_days_without_access;
  f.planned_makespan_days = base.planned.makespan_days;
  f.headline = base.planned.population_displaced > 0 ? "people_days_displaced"
                                                     : "people_days_without_access";
  for (std::size_t i = 0; i < n; ++i) {
    const float v = rows[i * w + 3];
    if (v == 0.0F) ++f.invalid_samples;
    if (v == 2.0F) ++f.unassigned_samples;
  }
  std::size_t k = kSampleFigures + kSampleInputs;
  f.settlements.resize(s.settlements.size());
  for (auto& st : f.settlements) {
    st.return_day = quantiles(column(k++), horizon);
    st.returned_all_day = quantiles(column(k++), horizon);
    st.access_day = quantiles(column(k++), horizon);
    for (const Service sv : kRestorableServices)
      st.service_day[static_cast<std::size_t>(sv)] = quantiles(column(k++), horizon);
  }
  for (std::size_t h = 0; h < s.hazards.size(); ++h)
    f.hazard_release_day.push_back(quantiles(column(k++), horizon));
  for (std::size_t a = 0; a < s.assets.size(); ++a) {
    f.asset_done_day.push_back(quantiles(column(k++), horizon));
    f.asset_works_day.push_back(quantiles(column(k++), horizon));
  }
  f.edges = base.edges;
  for (std::size_t e = 0; e < base.edges.size(); ++e)
    f.edge_open_day.push_back(quantiles(column(k++), horizon));
  for (const auto& m : base.planned.milestones) {
    MilestoneForecast mf;
    mf.asset = static_cast<std::uint32_t>(m.asset.index());
    mf.due_day = static_cast<double>(m.due) / kMinutesPerDay;
    const std::vector<float> done = column(k++);
    std::size_t met = 0;
    for (const float d : done) met += static_cast<double>(d) <= mf.due_day ? 1 : 0;
    mf.on_time_probability = n > 0 ? static_cast<double>(met) / static_cast<double>(n) : 0;
    mf.done_day = quantiles(done, horizon);
    f.milestones.push_back(mf);
  }
  // The curves at each day of the grid: the planned plan's and the samples' P10 / P50 / P90.
  ForecastCurves& c = f.curves;
  c.days = base.curve_days;
  const bool displaced = base.planned.population_displaced > 0;
  for (const int d : c.days) {
    if (displaced) {
      c.returned.planned.push_back(returned_share(base.planned, d));
      band_point(column(k), c.returned);
    }
    ++k;
  }
  for (const int d : c.days) {
    c.access.planned.push_back(access_share(base.planned, d));
    band_point(column(k++), c.access);
  }
  f.least_certain = least_certain(s, f);
  // Sensitivity: rank correlation of each input with the headline figure and the makespan.
  std::vector<double> head(n), span(n);
  const std::size_t head_col = f.headline == "people_days_displaced" ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    head[i] = rows[i * w + head_col];
    span[i] = rows[i * w + 2];
  }
  for (std::size_t j = 0; j < kSampleInputs; ++j) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = rows[i * w + kSampleFigures + j];
    f.sensitivity.push_back({kInputNames[j], spearman(x, head), spearman(x, span)});
  }
  std::stable_sort(f.sensitivity.begin(), f.sensitivity.end(),
                   [](const Sensitivity& a, const Sensitivity& b) {
                     return std::abs(a.rho_headline) > std::abs(b.rho_headline);
                   });
  return f;
}

Forecast run_forecast(const Scenario& s, const ForecastOptions& opt) {
  const ForecastBase base = prepare(s, opt.dispatch);
  std::vector<std::string> violations;
  const std::vector<float> rows = record_samples(s, base, opt, 0, opt.samples, &violations);
  // Threads append findings in the order they meet them: sort so the output does not depend on
  // the schedule.
  std::sort(violations.begin(), violations.end());
  return summarise(s, base, opt, rows, std::move(violations));
}

}  // namespace gw::forecast

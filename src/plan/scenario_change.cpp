#include "plan/scenario_change.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>

#include "model/error.hpp"

namespace gw::plan {

namespace {

constexpr std::array<Trade, 4> kDemining = {Trade::kSurvey, Trade::kManual, Trade::kDog,
                                            Trade::kMechanical};
constexpr std::array<Trade, 5> kBuilding = {Trade::kRoad, Trade::kBridge, Trade::kComms,
                                            Trade::kPower, Trade::kGeneral};

[[noreturn]] void fail(std::string_view text, const std::string& why) {
  throw Error(
      ErrorCode::kInvalidInput,
      "change '" + std::string(text) + "': " + why +
          " (examples: '+500 builders', '+200 deminers in manual teams', '-100 road builders', "
          "'x1.5 deminers', '+20% builders in bridge brigades')");
}

std::optional<Trade> trade_word(std::string_view w) {
  struct Synonym {
    std::string_view word;
    Trade trade;
  };
  static constexpr std::array<Synonym, 30> kWords = {{
      {"survey", Trade::kSurvey},
      {"surveys", Trade::kSurvey},
      {"surveyor", Trade::kSurvey},
      {"surveyors", Trade::kSurvey},
      {"nts", Trade::kSurvey},
      {"manual", Trade::kManual},
      {"dog", Trade::kDog},
      {"dogs", Trade::kDog},
      {"mdd", Trade::kDog},
      {"mechanical", Trade::kMechanical},
      {"machine", Trade::kMechanical},
      {"machines", Trade::kMechanical},
      {"mechanised", Trade::kMechanical},
      {"mechanized", Trade::kMechanical},
      {"road", Trade::kRoad},
      {"roads", Trade::kRoad},
      {"bridge", Trade::kBridge},
      {"bridges", Trade::kBridge},
      {"comms", Trade::kComms},
      {"communications", Trade::kComms},
      {"telecom", Trade::kComms},
      {"telecoms", Trade::kComms},
      {"power", Trade::kPower},
      {"electric", Trade::kPower},
      {"electrical", Trade::kPower},
      {"electricians", Trade::kPower},
      {"general", Trade::kGeneral},
      {"construction", Trade::kGeneral},
      {"line", Trade::kPower},
      {"lines", Trade::kPower},
  }};
  for (const auto& s : kWords) {
    if (s.word == w) return s.trade;
  }
  return std::nullopt;
}

bool unit_word(std::string_view w) {
  for (std::string_view u :
       {"team", "teams", "brigade", "brigades", "crew", "crews", "unit", "units"}) {
    if (u == w) return true;
  }
  return false;
}

std::optional<double> number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void parse_amount(std::string_view text, std::string tok, ScenarioChange& c) {
  // Multiplication signs: "x", "*" or "×" (UTF-8 C3 97).
  for (std::string_view mul : {"\xc3\x97", "x", "*"}) {
    if (tok.rfind(mul, 0) == 0) {
      const auto f = number(std::string_view(tok).substr(mul.size()));
      if (!f || *f < 0) fail(text, "'" + tok + "' is not a factor >= 0");
      c.op = ChangeOp::kScale;
      c.factor = *f;
      return;
    }
  }
  char sign = '+';
  if (!tok.empty() && (tok[0] == '+' || tok[0] == '-')) {
    sign = tok[0];
    tok.erase(0, 1);
  }
  if (!tok.empty() && tok.back() == '%') {
    const auto p = number(std::string_view(tok).substr(0, tok.size() - 1));
    if (!p || *p < 0) fail(text, "'" + tok + "' is not a percentage");
    c.op = ChangeOp::kScale;
    c.factor = sign == '+' ? 1 + *p / 100 : 1 - *p / 100;
    if (c.factor < 0) fail(text, "cannot remove more than 100 %");
    return;
  }
  const auto n = number(tok);
  if (!n || *n < 1 || *n != std::floor(*n) || *n > 1e9)
    fail(text, "'" + tok + "' is not a whole number of people >= 1");
  c.op = sign == '+' ? ChangeOp::kAdd : ChangeOp::kRemove;
  c.people = static_cast<std::int64_t>(*n);
}

bool in_group(CrewGroup g, Trade t) {
  if (g == CrewGroup::kTrade) return true;
  return (g == CrewGroup::kDeminers) == is_demining(t);
}

// The scenario's depots: distinct crew bases in order of first appearance.
std::vector<std::string> depots(const Scenario& s) {
  std::vector<std::string> out;
  for (const Crew& c : s.crews) {
    if (std::find(out.begin(), out.end(), c.base) == out.end()) out.push_back(c.base);
  }
  return out;
}

std::int64_t people_of(const Scenario& s, Trade t) {
  std::int64_t n = 0;
  for (const Crew& c : s.crews) {
    if (c.trade == t) n += c.people;
  }
  return n;
}

template <typename T>
T median(std::vector<T> v, T fallback) {
  if (v.empty()) return fallback;
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

int default_team_size(Trade t) {
  switch (t) {
    case Trade::kSurvey:
      return 4;
    case Trade::kManual:
      return 10;
    case Trade::kDog:
      return 6;
    case Trade::kMechanical:
      return 4;
    default:
      return 27;
  }
}

// Splits `total` over the trades in proportion to `weight` (largest remainders, ties to the first).
std::vector<std::int64_t> split(std::int64_t total, const std::vector<std::int64_t>& weight) {
  std::int64_t sum = 0;
  for (auto w : weight) sum += w;
  std::vector<std::int64_t> out(weight.size(), 0);
  if (sum <= 0) return out;
  std::vector<std::pair<double, std::size_t>> rest;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    const double exact =
        static_cast<double>(total) * static_cast<double>(weight[i]) / static_cast<double>(sum);
    out[i] = static_cast<std::int64_t>(std::floor(exact));
    given += out[i];
    rest.emplace_back(-(exact - std::floor(exact)), i);
  }
  std::stable_sort(rest.begin(), rest.end());
  for (std::size_t k = 0; given < total; ++k, ++given) ++out[rest[k % rest.size()].second];
  return out;
}

TradeDelta add_people(Scenario& s, Trade t, std::int64_t n, const std::vector<std::string>& bases,
                      std::size_t& next_base) {
  std::vector<int> sizes;
  std::vector<double> factors;
  for (const Crew& c : s.crews) {
    if (c.trade != t) continue;
    sizes.push_back(c.people);
    factors.push_back(c.productivity_factor);
  }
  const int size = median(sizes, default_team_size(t));
  const double factor = median(factors, 1.0);
  const auto teams = std::max<std::int64_t>(1, std::llround(static_cast<double>(n) / size));
  std::set<std::string> ids;
  for (const Crew& c : s.crews) ids.insert(c.id);
  int k = 0;
  for (std::int64_t i = 0; i < teams; ++i) {
    Crew c;
    do {
      c.id = "whatif-" + std::string(name(t)) + "-" + std::to_string(++k);
    } while (ids.contains(c.id));
    ids.insert(c.id);
    c.trade = t;
    c.people = static_cast<int>(n / teams + (i < n % teams ? 1 : 0));
    c.productivity_factor = factor;
    c.base = bases[next_base++ % bases.size()];
    s.crews.push_back(std::move(c));
  }
  return {t, n, teams, size};
}

TradeDelta remove_people(Scenario& s, Trade t, std::int64_t n) {
  TradeDelta d{t, 0, 0, 0};
  std::int64_t removed = 0;
  for (std::size_t i = s.crews.size(); i-- > 0;) {
    if (s.crews[i].trade != t) continue;
    const std::int64_t p = s.crews[i].people;
    if (std::llabs(n - (removed + p)) >= std::llabs(n - removed)) break;
    removed += p;
    --d.crews;
    s.crews.erase(s.crews.begin() + static_cast<std::ptrdiff_t>(i));
  }
  d.people = -removed;
  return d;
}

}  // namespace

ScenarioChange parse_change(std::string_view text) {
  ScenarioChange c;
  c.text = std::string(text);
  std::vector<std::string> words;
  {
    std::string lower(text);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::istringstream in(lower);
    for (std::string w; in >> w;) words.push_back(w);
  }
  if (words.empty()) fail(text, "empty");
  parse_amount(text, words[0], c);
  // The group phrase, then an optional "in TRADE ..." phrase.
  const auto in = std::find(words.begin() + 1, words.end(), "in");
  std::optional<CrewGroup> group;
  std::optional<Trade> trade;
  bool people = false;
  for (auto it = words.begin() + 1; it != in; ++it) {
    const std::string& w = *it;
    if (w == "builders" || w == "builder") {
      group = CrewGroup::kBuilders;
    } else if (w == "deminers" || w == "deminer") {
      group = CrewGroup::kDeminers;
    } else if (w == "people" || w == "persons" || w == "staff" || w == "workers") {
      people = true;
    } else if (auto t = trade_word(w)) {
      if (trade && *trade != *t) fail(text, "names two trades");
      trade = t;
    } else if (!unit_word(w) && w != "handlers") {
      fail(text, "unknown word '" + w + "'");
    }
  }
  if (trade) {
    if (group && (*group == CrewGroup::kDeminers) != is_demining(*trade)) {
      fail(text, std::string(name(*trade)) + " is not a " +
                     (*group == CrewGroup::kDeminers ? "demining" : "building") + " trade");
    }
    group = CrewGroup::kTrade;
  }
  if (in != words.end()) {
    std::optional<Trade> narrow;
    for (auto it = in + 1; it != words.end(); ++it) {
      if (auto t = trade_word(*it)) {
        if (narrow && *narrow != *t) fail(text, "names two trades after 'in'");
        narrow = t;
      } else if (!unit_word(*it) && *it != "deminers" && *it != "builders") {
        fail(text, "unknown word '" + *it + "' after 'in'");
      }
    }
    if (!narrow) fail(text, "'in' must name a trade, e.g. 'in manual teams'");
    if (group && *group != CrewGroup::kTrade && !in_group(*group, *narrow)) {
      fail(text, std::string(name(*narrow)) + " is not a " +
                     (*group == CrewGroup::kDeminers ? "demining" : "building") + " trade");
    }
    if (trade && *trade != *narrow) fail(text, "names two trades");
    group = CrewGroup::kTrade;
    trade = narrow;
  }
  if (!group)
    fail(text, people ? "say which trade the people join, e.g. 'in road brigades'"
                      : "say who: builders, deminers or a trade");
  c.group = *group;
  if (trade) c.trade = *trade;
  return c;
}

std::int64_t ChangeEffect::people() const {
  std::int64_t n = 0;
  for (const auto& t : trades) n += t.people;
  return n;
}

std::string ChangeEffect::describe() const {
  std::string out = text + ":";
  bool first = true;
  for (const auto& t : trades) {
    if (t.people == 0 && t.crews == 0) continue;
    out += first ? " " : ", ";
    first = false;
    out +=
        std::string(name(t.trade)) + (t.people >= 0 ? " +" : " ") + std::to_string(t.people) + " (";
    out += std::to_string(std::llabs(t.crews)) + (std::llabs(t.crews) == 1 ? " crew" : " crews");
    if (t.crews > 0) out += " of ~" + std::to_string(t.team_size);
    out += t.crews >= 0 ? ")" : " removed)";
  }
  if (first) out += " no change";
  return out;
}

ChangeEffect apply_change(Scenario& s, const ScenarioChange& c) {
  ChangeEffect effect;
  effect.text = c.text;
  std::vector<Trade> trades;
  if (c.group == CrewGroup::kTrade) {
    trades.push_back(c.trade);
  } else if (c.group == CrewGroup::kDeminers) {
    trades.assign(kDemining.begin(), kDemining.end());
  } else {
    trades.assign(kBuilding.begin(), kBuilding.end());
  }
  std::vector<std::int64_t> existing;
  std::int64_t group_people = 0;
  for (Trade t : trades) {
    existing.push_back(people_of(s, t));
    group_people += existing.back();
  }
  const std::string who = c.group == CrewGroup::kTrade      ? std::string(name(c.trade)) + " crews"
                          : c.group == CrewGroup::kDeminers ? "deminers"
                                                            : "builders";
  std::int64_t delta = 0;
  switch (c.op) {
    case ChangeOp::kAdd:
      delta = c.people;
      break;
    case ChangeOp::kRemove:
      delta = -c.people;
      break;
    case ChangeOp::kScale:
      delta = std::llround((c.factor - 1.0) * static_cast<double>(group_people));
      break;
  }
  if (delta == 0) return effect;
  if (c.group != CrewGroup::kTrade && group_people == 0) {
    throw Error(ErrorCode::kInvalidInput,
                "change '" + c.text + "': the scenario has no " + who +
                    " to split among trades; name a trade, e.g. 'in road brigades'");
  }
  if (c.group == CrewGroup::kTrade && delta < 0 && group_people == 0) {
    throw Error(ErrorCode::kInvalidInput,
                "change '" + c.text + "': the scenario has no " + who + " to remove");
  }
  const std::vector<std::string> bases = depots(s);
  if (bases.empty()) {
    throw Error(
        ErrorCode::kInvalidInput,
        "change '" + c.text + "': the scenario has no crews, hence no depots to base new crews at");
  }
  const std::vector<std::int64_t> shares = c.group == CrewGroup::kTrade
                                               ? std::vector<std::int64_t>{std::llabs(delta)}
                                               : split(std::llabs(delta), existing);
  std::size_t next_base = 0;
  for (std::size_t i = 0; i < trades.size(); ++i) {
    if (shares[i] == 0) continue;
    effect.trades.push_back(delta > 0 ? add_people(s, trades[i], shares[i], bases, next_base)
                                      : remove_people(s, trades[i], shares[i]));
  }
  return effect;
}

}  // namespace gw::plan

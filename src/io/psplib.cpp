#include "io/psplib.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>
#include <vector>

#include "io/input_file.hpp"
#include "model/error.hpp"

namespace gw::io {

namespace {

struct Line {
  int number = 0;
  std::string text;
};

class Parser {
 public:
  Parser(std::string_view text, std::string source) : source_(std::move(source)) {
    std::size_t pos = 0;
    int no = 0;
    while (pos <= text.size()) {
      std::size_t e = text.find('\n', pos);
      if (e == std::string_view::npos) e = text.size();
      std::string l(text.substr(pos, e - pos));
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines_.push_back({++no, std::move(l)});
      if (e == text.size()) break;
      pos = e + 1;
    }
  }

  sched::Instance parse() {
    sched::Instance inst;
    const std::size_t slash = source_.find_last_of('/');
    inst.name = slash == std::string::npos ? source_ : source_.substr(slash + 1);
    const std::size_t dot = inst.name.rfind('.');
    if (dot != std::string::npos) inst.name.resize(dot);

    const std::size_t jl = find_prefix("jobs (incl. supersource/sink", 0);
    const int njobs = int_after_colon(jl, "the number of jobs", 1, kPsplibMaxJobs);
    const std::size_t rl = find_prefix("- renewable", jl);
    const int nr = int_after_colon(rl, "the number of renewable resources", 0, kPsplibMaxResources);
    const std::size_t nl = find_prefix("- nonrenewable", rl);
    const int nn =
        int_after_colon(nl, "the number of non-renewable resources", 0, kPsplibMaxResources);
    const std::size_t dl = find_prefix("- doubly constrained", nl);
    const int nd =
        int_after_colon(dl, "the number of doubly constrained resources", 0, kPsplibMaxResources);
    if (nd != 0) {
      throw Error(ErrorCode::kUnsupported,
                  where(lines_[dl].number) + "doubly constrained resources are not supported");
    }
    inst.jobs.resize(static_cast<std::size_t>(njobs));

    // PRECEDENCE RELATIONS: header line, then one row per job.
    std::size_t pl = find_prefix("PRECEDENCE RELATIONS", dl) + 2;
    std::vector<int> nmodes(static_cast<std::size_t>(njobs));
    for (int j = 0; j < njobs; ++j, ++pl) {
      const std::vector<long long> v =
          numbers(pl, "a precedence row: job, #modes, #successors, successors");
      if (v.size() < 3) fail(line_no(pl), "a precedence row: job, #modes, #successors, successors");
      if (v[0] != j + 1)
        fail(line_no(pl), "job number " + std::to_string(j + 1) + " in the precedence row");
      if (v[1] < 1 || v[1] > kPsplibMaxModes) {
        fail(line_no(pl), "between 1 and " + std::to_string(kPsplibMaxModes) + " modes for job " +
                              std::to_string(j + 1) + ", found " + std::to_string(v[1]));
      }
      if (v[2] < 0 || v[2] > njobs || static_cast<long long>(v.size()) != 3 + v[2]) {
        fail(line_no(pl), std::to_string(v[2]) + " successors for job " + std::to_string(j + 1) +
                              ", found " + std::to_string(v.size() - 3));
      }
      nmodes[static_cast<std::size_t>(j)] = static_cast<int>(v[1]);
      for (std::size_t k = 3; k < v.size(); ++k) {
        if (v[k] < 1 || v[k] > njobs)
          fail(line_no(pl), "a successor between 1 and " + std::to_string(njobs));
        inst.jobs[static_cast<std::size_t>(j)].successors.push_back(static_cast<int>(v[k] - 1));
      }
    }
    // REQUESTS/DURATIONS: two header lines, then a row per mode; further modes of a job leave the
    // job number out.
    std::size_t ql = find_prefix("REQUESTS/DURATIONS", pl);
    ql += 1;
    if (ql < lines_.size() && lines_[ql].text.find("jobnr") != std::string::npos) ++ql;
    if (ql < lines_.size() && lines_[ql].text.find("---") != std::string::npos) ++ql;
    const std::size_t k = static_cast<std::size_t>(nr) + static_cast<std::size_t>(nn);
    const std::string row =
        "a request row: job, mode, duration and " + std::to_string(k) + " demands";
    for (int j = 0; j < njobs; ++j) {
      for (int m = 0; m < nmodes[static_cast<std::size_t>(j)]; ++m, ++ql) {
        const std::vector<long long> v = numbers(ql, row);
        std::size_t o = 0;
        if (m == 0) {
          if (v.size() != k + 3) fail(line_no(ql), row);
          if (v[0] != j + 1)
            fail(line_no(ql), "job number " + std::to_string(j + 1) + " in the request rows");
          o = 1;
        } else {
          if (v.size() != k + 2)
            fail(line_no(ql), "mode " + std::to_string(m + 1) + " of job " + std::to_string(j + 1) +
                                  ": mode, duration and " + std::to_string(k) + " demands");
        }
        if (v[o] != m + 1)
          fail(line_no(ql),
               "mode number " + std::to_string(m + 1) + " of job " + std::to_string(j + 1));
        sched::Mode md;
        md.duration = to_int(v[o + 1], ql, "a duration", kPsplibMaxDuration);
        for (std::size_t r = 0; r < k; ++r) {
          const int q = to_int(v[o + 2 + r], ql, "demands", kPsplibMaxQuantity);
          if (static_cast<int>(r) < nr) {
            md.renewable.push_back(q);
          } else {
            md.nonrenewable.push_back(q);
          }
        }
        inst.jobs[static_cast<std::size_t>(j)].modes.push_back(std::move(md));
      }
    }
    // RESOURCEAVAILABILITIES: a header line, then the capacities.
    std::size_t al = find_prefix("RESOURCEAVAILABILITIES", ql) + 2;
    const std::vector<long long> caps = numbers(al, std::to_string(k) + " resource availabilities");
    if (caps.size() != k)
      fail(line_no(al),
           std::to_string(k) + " resource availabilities, found " + std::to_string(caps.size()));
    for (std::size_t r = 0; r < k; ++r) {
      const int c = to_int(caps[r], al, "availabilities", kPsplibMaxQuantity);
      if (static_cast<int>(r) < nr) {
        inst.renewable_capacity.push_back(c);
      } else {
        inst.nonrenewable_capacity.push_back(c);
      }
    }
    try {
      sched::validate(inst);
    } catch (const Error& e) {
      // Keep the code: a precedence cycle is a parse-level defect of the file, a horizon beyond
      // the engine's limit is not.
      throw Error(e.code() == ErrorCode::kInvalidInput ? ErrorCode::kParse : e.code(),
                  source_ + ": " + e.what());
    }
    return inst;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& expected) const {
    throw Error(ErrorCode::kParse, where(line) + "expected " + expected);
  }
  std::string where(int line) const { return source_ + ":" + std::to_string(line) + ": "; }
  int line_no(std::size_t i) const {
    return i < lines_.size() ? lines_[i].number : (lines_.empty() ? 1 : lines_.back().number + 1);
  }

  std::size_t find_prefix(const std::string& key, std::size_t from) const {
    for (std::size_t i = from; i < lines_.size(); ++i) {
      const std::string& t = lines_[i].text;
      const std::size_t b = t.find_first_not_of(" \t");
      if (b != std::string::npos && t.compare(b, key.size(), key) == 0) return i;
    }
    fail(line_no(from), "a line starting with '" + key + "' (end of file reached)");
  }

  // The integer after the ':' of header line i, in [lo, hi], optionally followed by a unit label
  // of letters ("4   R"). Anything else ("32.5", "4294967297", "5 6") is an error rather than a
  // silently truncated count.
  int int_after_colon(std::size_t i, const std::string& what, int lo, int hi) const {
    const std::string& t = lines_[i].text;
    const std::size_t c = t.find(':');
    if (c == std::string::npos) fail(lines_[i].number, what + " after ':'");
    const std::size_t b = t.find_first_not_of(" \t", c + 1);
    const std::size_t e = t.find_last_not_of(" \t");
    if (b == std::string::npos) fail(lines_[i].number, what + " after ':'");
    const std::string_view all(t.data() + b, e + 1 - b);
    const std::string_view tok = all.substr(0, all.find_first_of(" \t"));
    const std::string_view label = tok.size() == all.size()
                                       ? std::string_view{}
                                       : all.substr(all.find_first_not_of(" \t", tok.size()));
    long long v = 0;
    const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    const bool label_ok = std::all_of(label.begin(), label.end(), [](char ch) {
      return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    });
    if (r.ec != std::errc() || r.ptr != tok.data() + tok.size() || v < lo || v > hi || !label_ok) {
      fail(lines_[i].number, what + " between " + std::to_string(lo) + " and " +
                                 std::to_string(hi) + " after ':', found " + quote_value(all));
    }
    return static_cast<int>(v);
  }

  // All whitespace-separated integers of line i; anything else is an error.
  std::vector<long long> numbers(std::size_t i, const std::string& what) const {
    if (i >= lines_.size()) fail(line_no(i), what + " (end of file reached)");
    std::vector<long long> out;
    const std::string& t = lines_[i].text;
    std::size_t p = 0;
    while (p < t.size()) {
      while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
      if (p >= t.size()) break;
      std::size_t e = p;
      while (e < t.size() && t[e] != ' ' && t[e] != '\t') ++e;
      long long v = 0;
      const auto r = std::from_chars(t.data() + p, t.data() + e, v);
      if (r.ec != std::errc() || r.ptr != t.data() + e) {
        fail(lines_[i].number,
             what + ", found " + quote_value(std::string_view(t).substr(p, e - p)));
      }
      out.push_back(v);
      p = e;
    }
    return out;
  }

  int to_int(long long v, std::size_t i, const std::string& what, int hi) const {
    if (v < 0 || v > hi) {
      fail(line_no(i),
           what + " between 0 and " + std::to_string(hi) + ", found " + std::to_string(v));
    }
    return static_cast<int>(v);
  }

  std::string source_;
  std::vector<Line> lines_;
};

}  // namespace

sched::Instance parse_psplib(std::string_view text, const std::string& source) {
  return Parser(text, source).parse();
}

sched::Instance read_psplib(const std::string& path) {
  return parse_psplib(read_input_file(path, "a PSPLIB file (.sm or .mm)"), path);
}

}  // namespace gw::io

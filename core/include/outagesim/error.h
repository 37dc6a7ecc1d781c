// The one exception tree of outagesim: every failure the library reports is an outagesim::Error.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace outagesim {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One thing wrong with a model: where (file and JSON pointer) and what was expected.
struct Problem {
  std::string file;     // the model file, or "<dict>" / "<string>" for in-memory models
  std::string path;     // JSON pointer, "" for the document root, e.g. "/services/web/replicas/1"
  std::string message;  // what was found and what was expected

  // "FILE: PATH: MESSAGE" (PATH shown as "/" for the root)
  std::string to_string() const;
};

// A file lists at most this many problems, then one saying that more follow: a generated file
// with a mistake in every entry gives a readable answer, in memory in proportion to the limit.
inline constexpr std::size_t MAX_PROBLEMS = 1000;

// Appends `problem` to `sink` unless MAX_PROBLEMS are there already (the first time, a last
// problem says that more follow). Returns false when the problem was left out.
bool report_problem(std::vector<Problem>& sink, Problem problem);

// A model that cannot be used. Carries every problem found, not just the first, with control
// characters of the file's text escaped ("\u001B") so that showing a problem is always safe.
class ModelError : public Error {
 public:
  explicit ModelError(std::vector<Problem> problems);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  ModelError(std::vector<Problem> escaped_problems, int escaped);

  std::vector<Problem> problems_;
};

// The engine was asked for something it cannot do (bad options, interrupted run, ...).
class SimulationError : public Error {
 public:
  using Error::Error;
};

// An option out of its range (a negative seed, an unknown method, ...). The message names the
// option as the API calls it; the CLI and Python translate it to their own spelling.
class OptionError : public Error {
 public:
  using Error::Error;
};

// An exact answer was asked for a model that has none (timed failover with non-exponential
// timings, a state space beyond the limit, ...). The message says why and what to use instead.
class ExactNotApplicable : public Error {
 public:
  using Error::Error;
};

}  // namespace outagesim

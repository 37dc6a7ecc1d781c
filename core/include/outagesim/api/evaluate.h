// The one evaluation path: every door (the CLI, Python's evaluate, compare and sweep) calls
// api::evaluate, so the same model, seed and options give the same digits whichever door is used.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "outagesim/api/result.h"
#include "outagesim/cost/business.h"
#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"
#include "outagesim/sim/simulate.h"

namespace outagesim::api {

enum class Method { automatic, monte_carlo, exact };

// With Method::automatic, the Markov chain's state budget at most. Exploring this many states
// takes a fraction of a second, so a chain too big for it is given up within about a second and
// Monte Carlo runs instead; a chain within it solves in a few seconds (bench/bench_ctmc.cpp).
// Method::exact keeps exact::Options::state_limit.
inline constexpr std::size_t AUTO_STATE_LIMIT = 50'000;

// "auto", "mc" or "exact"; throws OptionError for anything else.
Method parse_method(const std::string& text);
std::string to_string(Method method);

// Every option of one evaluation, validated in one place (validate_options).
struct EvaluateOptions {
  Method method = Method::automatic;
  // Seed, replications, horizon, threads, precision, time budget, start, warm-up, progress and
  // cancellation of the Monte Carlo run. evaluate() sets its random-stream scheme and the SLA
  // window itself: the caller's values of per_element_streams and window_hours are ignored.
  sim::Options simulation;
  exact::Options exact;
};

// Throws OptionError naming the option and the range it must be in.
void validate_options(const EvaluateOptions& options);

// One evaluation: the figures and, when the model has a business section, their business impact,
// computed from the same run (the same sample: one seed means one sample).
struct Evaluation {
  Result result;
  std::optional<cost::BusinessImpact> business;
};

// Chooses the method (auto: exact when an exact answer exists and the model states no SLA, whose
// breach probability needs the simulated distribution of downtime per window; Monte Carlo
// otherwise, saying why in result.method_reason), runs it once, and prices the outcome.
// Every Monte Carlo run draws each element's failures and repairs from its own stream keyed by
// (seed, replication, element name): designs that share an element see it fail at the same
// moments (common random numbers), and evaluate, compare and sweep agree exactly.
// max_seconds bounds the whole call: time the exact solver spent is taken from the simulation's.
// Throws ExactNotApplicable for Method::exact on a model without an exact answer.
Evaluation evaluate(const graph::Plan& plan, const EvaluateOptions& options);

// The result's JSON (api::to_json) with "business" (cost::to_json, or null without a business
// section): the form of `outagesim evaluate --json` and of the Python result.
nlohmann::json to_json(const Evaluation& evaluation);

}  // namespace outagesim::api

// The one evaluation path of api/evaluate.h: method choice, one run, and its business impact.
#include "outagesim/api/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "outagesim/error.h"
#include "outagesim/sim/rare_event.h"

namespace outagesim::api {
namespace {

// With method auto, the exact solver's share of the time limit at most.
constexpr double AUTO_EXACT_SECONDS = 10.0;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool states_sla(const graph::Plan& plan) {
  const auto& business = plan.architecture.business;
  return business && business->sla;
}

// Data and recovery objectives: their figures count simulated events.
bool needs_simulated_events(const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  auto stated = [](const model::Objectives& o) { return o.rto_hours || o.rpo_hours; };
  if (a.has_data() || stated(a.objectives)) return true;
  for (const model::Capability& c : a.capabilities)
    if (stated(c.objectives)) return true;
  return false;
}

bool has_business(const graph::Plan& plan) {
  const auto& business = plan.architecture.business;
  return business && (business->sla || business->downtime_cost_per_hour);
}

// The Monte Carlo run of every evaluation: one random-stream scheme (a stream per element, so
// that designs sharing an element share its failures), and the SLA windows of the same run.
sim::Options run_options(const graph::Plan& plan, const EvaluateOptions& options,
                         double seconds_left) {
  sim::Options run = options.simulation;
  run.per_element_streams = true;
  run.window_hours = states_sla(plan) ? plan.architecture.business->sla->window_hours : 0.0;
  if (options.simulation.max_seconds > 0.0) run.max_seconds = std::max(seconds_left, 1e-3);
  return run;
}

}  // namespace

Method parse_method(const std::string& text) {
  if (text == "auto") return Method::automatic;
  if (text == "mc") return Method::monte_carlo;
  if (text == "exact") return Method::exact;
  throw OptionError("method must be auto, mc or exact, not '" + text + "'");
}

std::string to_string(Method method) {
  switch (method) {
    case Method::automatic:
      return "auto";
    case Method::monte_carlo:
      return "mc";
    case Method::exact:
      return "exact";
  }
  return "auto";
}

void validate_options(const EvaluateOptions& options) {
  const sim::Options& o = options.simulation;
  if (!(o.horizon_hours > 0.0) || !std::isfinite(o.horizon_hours))
    throw OptionError("horizon must be a finite duration greater than zero");
  if (o.replications < 0) throw OptionError("replications must be a positive integer");
  if (!(o.rel_error >= 0.0 && o.rel_error < 1.0))
    throw OptionError("rel_error must be in [0, 1) (0.05: within +-5%)");
  if (o.rel_error == 0.0 && o.replications == 0)
    throw OptionError(
        "rel_error 0 needs a number of replications (nothing else decides when to stop)");
  if (!(o.max_seconds >= 0.0) || std::isnan(o.max_seconds))
    throw OptionError("max_time must be a duration >= 0 (0: no limit)");
  if (o.threads < 0) throw OptionError("threads must be >= 0 (0: every core)");
  if (o.threads > sim::MAX_THREADS)
    throw OptionError("threads must be at most " + std::to_string(sim::MAX_THREADS) + ", not " +
                      std::to_string(o.threads) +
                      " (the figures do not depend on the thread count; 0: every core)");
  if (o.warmup_hours && (!(*o.warmup_hours >= 0.0) || !std::isfinite(*o.warmup_hours)))
    throw OptionError("warmup must be a finite duration >= 0");
}

Evaluation evaluate(const graph::Plan& plan, const EvaluateOptions& options) {
  validate_options(options);
  const auto started = std::chrono::steady_clock::now();
  Evaluation evaluation;
  std::string reason;

  if (options.method != Method::monte_carlo) {
    // The exact solver's budget: the whole time limit when exact is asked for; with auto, half
    // of it and at most AUTO_EXACT_SECONDS, so that a fallback to Monte Carlo keeps the rest.
    exact::Options exact_options = options.exact;
    exact_options.cancel = options.simulation.cancel;
    const double limit = options.simulation.max_seconds;
    exact_options.max_seconds = options.method == Method::exact ? limit
                                : limit > 0.0 ? std::min(limit / 2.0, AUTO_EXACT_SECONDS)
                                              : AUTO_EXACT_SECONDS;
    // auto decides within about a second: a chain past its state budget is refused on a lower
    // bound before exploring, or once exploration passes the budget, never after minutes.
    if (options.method == Method::automatic)
      exact_options.state_limit = std::min(exact_options.state_limit, AUTO_STATE_LIMIT);
    const exact::Applicability check = exact::check(plan, exact_options);
    if (options.method == Method::automatic && needs_simulated_events(plan)) {
      reason =
          "auto chose Monte Carlo: the model declares data or recovery objectives, and the "
          "data lost per event and the incidents longer than an RTO come from the simulated "
          "events, which the exact solver does not give";
    } else if (options.method == Method::automatic && states_sla(plan)) {
      reason =
          "auto chose Monte Carlo: the model states an SLA, and the probability that a window "
          "breaches it needs the simulated distribution of downtime per window, which the exact "
          "solver does not give";
    } else if (check.possible) {
      try {
        if (exact_options.max_seconds > 0.0)  // what check() left of the budget
          exact_options.max_seconds =
              std::max(exact_options.max_seconds - seconds_since(started), 1e-3);
        evaluation.result = exact::solve(plan, exact_options);
        evaluation.result.method_reason =
            std::string(options.method == Method::exact ? "exact requested" : "auto chose exact") +
            " (" + check.solver + "): " + evaluation.result.method_reason;
        evaluation.result.wall_seconds = seconds_since(started);
        if (needs_simulated_events(plan))
          evaluation.result.warnings.push_back(
              "the exact solver gives availability only: the data-loss figures and how often "
              "the recovery objectives are missed need the Monte Carlo method (--method mc)");
        if (has_business(plan)) {
          evaluation.business = cost::business_impact(plan.architecture, evaluation.result, {});
          if (states_sla(plan))
            evaluation.business->warnings.push_back(
                "the exact solver gives long-run figures only: the SLA breach probability per "
                "window needs the Monte Carlo method");
        }
        return evaluation;
      } catch (const ExactNotApplicable& error) {
        if (options.method == Method::exact) throw;
        reason = std::string("auto chose Monte Carlo: ") + error.what();
      }
    } else if (options.method == Method::exact) {
      throw ExactNotApplicable("no exact answer for " + plan.architecture.name + ": " +
                               check.reason);
    } else {
      reason = "auto chose Monte Carlo, since no exact answer exists: " + check.reason;
    }
  } else {
    reason = "Monte Carlo requested";
  }

  const double left = options.simulation.max_seconds - seconds_since(started);
  evaluation.result = sim::simulate_monte_carlo(plan, run_options(plan, options, left));
  const std::string rare_event_note = evaluation.result.method_reason;
  evaluation.result.method_reason =
      reason + (rare_event_note.empty() ? "" : "; " + rare_event_note);
  evaluation.result.wall_seconds = seconds_since(started);
  if (has_business(plan)) {
    evaluation.business = cost::business_impact(plan.architecture, evaluation.result,
                                                evaluation.result.window_availability);
    if (states_sla(plan) && evaluation.result.window_availability.empty() &&
        evaluation.result.solver == "monte-carlo/importance-sampling")
      evaluation.business->warnings.push_back(
          "importance sampling gives long-run figures only: the SLA breach probability per "
          "window needs --rare-event off");
  }
  return evaluation;
}

nlohmann::json to_json(const Evaluation& evaluation) {
  nlohmann::json out = to_json(evaluation.result);
  out["business"] = evaluation.business ? cost::to_json(*evaluation.business) : nlohmann::json();
  return out;
}

}  // namespace outagesim::api

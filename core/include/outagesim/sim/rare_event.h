// Rare-event acceleration: regenerative simulation with balanced failure biasing (importance
// sampling), and the choice between it and the crude simulation of sim::simulate.
#pragma once

#include <string>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "outagesim/sim/simulate.h"

namespace outagesim::sim {

// "auto", "off" or "failure-biasing"; throws OptionError for anything else.
RareEvent parse_rare_event(const std::string& text);
std::string to_string(RareEvent rare_event);

// Whether failure biasing applies to a model, and if not, why.
struct RareEventCheck {
  bool applies = false;
  std::string reason;
};

// Applies when every element that can fail has an exponential time to failure (repairs may have
// any distribution) and every service is active_active: then "every element up" is a
// regeneration state (failure clocks are memoryless, no repair is in progress, and the system's
// state is a function of the element states). An active_passive service has no failback, so the
// replica that serves when everything is up again depends on the past: such models are refused.
RareEventCheck check_rare_event(const graph::Plan& plan);

// Diagnostics of a failure-biasing run, for tests: the likelihood ratio's mean over cycles and
// its 95% half-width (unbiasedness: the mean is 1 in expectation), and the cycle count.
struct FailureBiasingDiagnostics {
  double likelihood_ratio_mean = 0.0;
  double likelihood_ratio_half_width = 0.0;
  std::int64_t cycles = 0;
};

// Importance sampling by failure biasing; throws SimulationError when check_rare_event refuses.
// - A cycle starts with every element up; its first failure happens at natural rates (the
//   all-up sojourn is not simulated: its exact mean 1/Lambda, Lambda the sum of failure rates,
//   enters the cycle length). While anything is down, the cycle advances in steps, each up to
//   the next scheduled repair (repairs keep their own distributions): an up element fails
//   inside the step's window w with probability p = max(1/2, pi), pi = 1 - exp(-Lambda_up w)
//   its natural probability, at the natural time given that it falls inside the window, the
//   element chosen evenly among the up ones (balanced failure biasing); otherwise the repair
//   comes first. Memoryless failure clocks make each step's draw exact. The cycle ends when
//   every element is up again.
// - Likelihood ratio L, the product over steps of the natural over the biased probability:
//   (1 - pi) / (1 - p) <= 2 for a step without failure, pi lambda_i n_up / (Lambda_up p) for a
//   failure of element i. Every factor is bounded, whatever the repair distributions.
// - Figures: each outage is weighted by L of the path up to its start (optional stopping; the
//   biasing is off while the system is down, so L holds until it is up). With D_L and N_L a
//   cycle's weighted downtime and incidents, U = E[D_L] / E[T], incidents per year =
//   8760 E[N_L] / E[T], mean incident hours = E[D_L] / E[N_L], per capability the same,
//   attribution per element that started a system outage; T = 1/Lambda + L x (busy time), the
//   busy part weighted by the cycle's whole ratio. Intervals: the delta method on the cycle
//   pairs (regenerative ratio estimator), Student t quantile.
// - Cycles run in batches (the same size for every model); cycle i draws from the Philox stream
//   (seed, i) and batches are reduced in cycle order, so any thread count gives the same digits.
//   Stopping: rel_error on the system and every capability unavailability (once >= 10 cycles saw
//   a system incident), max_replications (in cycles), max_seconds.
// - Not given (no honest per-year or per-incident sample under biasing): the downtime-per-year
//   distribution, incident duration quantiles and histograms (count 0), and SLA windows (none);
//   a warning says so.
api::Result simulate_failure_biasing(const graph::Plan& plan, const Options& options,
                                     FailureBiasingDiagnostics* diagnostics = nullptr);

// The Monte Carlo run of options.rare_event: off -> simulate(); failure_biasing ->
// simulate_failure_biasing() when it applies, else simulate() with a warning saying why;
// automatic -> failure biasing when it applies, options.window_hours == 0 (SLA windows need the
// crude sample), and a pilot of biased cycles estimates that the crude run would see too few
// incidents: with rel_error > 0, when reaching it would take crude simulation more than
// CRUDE_EVENT_LIMIT events; with rel_error == 0, when the requested replications would see fewer
// than 10 incidents (it then runs as many cycles as that simulated time holds, at least
// replications). result.method_reason says why when failure biasing ran, was asked for and
// did not apply, or auto weighed it (empty for off, and for auto where it does not apply).
api::Result simulate_monte_carlo(const graph::Plan& plan, const Options& options);

// Crude events above which auto prefers failure biasing (about a second of crude simulation).
inline constexpr double CRUDE_EVENT_LIMIT = 1.0e7;

}  // namespace outagesim::sim

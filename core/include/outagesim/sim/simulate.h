// Monte Carlo simulation of failures, repairs and failovers over a compiled plan.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <thread>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"

namespace outagesim::sim {

enum class StartState { all_up, stationary };

// Rare-event acceleration (sim/rare_event.h): automatic (when it applies and crude simulation
// would see too few incidents), off (crude Monte Carlo), or failure biasing (importance sampling).
enum class RareEvent { automatic, off, failure_biasing };

struct Options {
  std::uint64_t seed = 1;
  // Replications to run at least; with rel_error > 0 the run continues in batches until the
  // relative half-width of the unavailability interval is <= rel_error, max_replications is
  // reached, or max_seconds pass. replications == 0: let the stopping rule decide.
  std::int64_t replications = 0;
  std::int64_t max_replications = 1'000'000'000;
  double horizon_hours = 8760.0;  // length of one replication
  int threads = 0;                // 0: every core
  double rel_error = 0.05;        // 0: run exactly `replications`
  // Wall-time limit (0: none), looked at every few thousand events: a batch stopped inside
  // keeps its whole replications only; when not one replication is whole, the first one, cut
  // short, is kept with its shorter horizon (Result::horizon_years) and a warning.
  double max_seconds = 60.0;
  // stationary (the default): the long-run state, so that every long-run figure is unbiased at
  // any horizon; all_up: a brand-new system, everything up at t = 0 (the start transient).
  StartState start = StartState::stationary;
  // Called from the calling thread between batches with (replications done, current relative
  // error). Return false to stop the run (the result then says it was interrupted).
  std::function<bool(std::int64_t, double)> progress;
  // Set from another thread to stop the run early (Ctrl-C); the run throws SimulationError.
  // Looked at every few thousand events, inside replications too.
  const std::atomic<bool>* cancel = nullptr;
  // > 0: record the system availability of each whole window of this length (an SLA window:
  // a month is 720 h) in every replication, into Result::window_availability; a partial last
  // window is dropped. 0: none.
  double window_hours = 0.0;
  // true: each element (and each active_passive service's failover) draws from its own stream
  // keyed by (seed, replication, hash of its name) instead of one stream per replication, so
  // two models that share an element see it fail at the same moments (common random numbers
  // for comparing designs). The figures of a model change (a different, equally valid sample).
  bool per_element_streams = false;
  // Each replication first runs this many hours from its start state with the same event loop
  // and random stream, recording nothing, then measures horizon_hours from the state reached
  // (initial-transient deletion: e.g. which active_passive replica serves). 0: none. Empty (the
  // default): automatic, the warm-up the stationary start needs (automatic_warmup.h: none
  // without active_passive services), and none for the all-up start.
  std::optional<double> warmup_hours;
  // Read by simulate_monte_carlo (sim/rare_event.h); simulate() itself is always crude.
  RareEvent rare_event = RareEvent::automatic;
  // Starts one worker thread (empty: std::thread). A seam for tests that make the system refuse
  // threads; a refused thread (std::system_error) leaves the run on the threads obtained, with a
  // warning.
  std::function<std::thread(std::function<void()>)> thread_factory;
};

// Most worker threads a run may ask for. The figures never depend on the thread count, and
// beyond the cores more threads only cost memory and process ids; threads = 0 takes every core
// up to this cap.
inline constexpr int MAX_THREADS = 256;

// Most window availabilities a result keeps (the first ones, in replication order).
inline constexpr std::size_t MAX_WINDOWS = 1'000'000;

// Runs the simulation. What the figures mean:
// - Each replication is one horizon from t = 0. Its stream of random numbers is Philox4x32-10
//   keyed by the seed with the replication index in the counter, so it depends only on
//   (seed, replication). Replications run in batches whose sizes depend only on the model
//   (about 1e5 expected events, 16..4096 replications); results are reduced in replication
//   order, so any thread count gives bit-identical figures. The stopping rule is looked at
//   between batches only.
// - availability: mean over replications of the fraction of the horizon the system was up,
//   with a Student t 95% interval across replications; nines and downtime come from that
//   interval (nines is +inf when no downtime was seen: null in JSON).
// - incidents_per_year: up-to-down transitions per replication / horizon in years, t interval.
// - mean_incident_hours: mean of the incidents that ended inside the horizon (an incident still
//   open at the horizon counts as downtime up to the horizon but is censored: left out of the
//   durations); delta-method interval of the ratio estimator.
// - incident_duration_hours: quantiles of those completed durations; downtime distribution:
//   quantiles over replications of each replication's downtime scaled to minutes per year
//   (exactly per simulated year when the horizon is one year; a warning says so otherwise).
//   Both are read from bins 1/64 of an octave wide (within 0.8%); max is exact.
// - attribution: each system incident is charged to the element whose event took the system
//   from up to down (for an outage extended by a failover or a failed failover, still that
//   element); per element minutes per year with a t interval across replications, share of all
//   system downtime, incidents per year. A system already down at a stationary start is charged
//   to the lowest-numbered element that is down (domains before components).
// - start stationary (the default): each element is up with probability MTTF/(MTTF+MTTR) and its
//   first event comes after a draw from the equilibrium (forward-recurrence) distribution of the
//   current state: exponential -> the same exponential; otherwise U x (length-biased draw), exact
//   for Weibull (lambda * Gamma(1+1/k)^(1/k)), lognormal (mu + sigma^2) and deterministic. An
//   active_passive service then serves from its first healthy replica with no failover in
//   progress, which is not its long-run state (no failback): the automatic warm-up (when
//   warmup_hours is empty) runs long enough for that transient to die out.
// - start all_up: every element new and up at t = 0, no warm-up unless one is given: the figures
//   of a brand-new system over the horizon, not long-run figures.
// - warmup_hours > 0: statistics start at the end of the warm-up, from the state reached (every
//   element, timer, failover in progress and serving replica). An outage in progress then counts
//   as downtime from the measurement start (charged to its cause) but not as an incident, and
//   its duration is left out of the completed durations (left-censored); windows start there.
//   events counts the warm-up events too.
// - stop_reason: "rel-error reached", "max-replications reached", "max-time reached",
//   "replications reached" (rel_error == 0), "interrupted" (progress returned false),
//   "nothing can fail". rel-error is only accepted once >= 10 system incidents were seen; a
//   warning says when fewer were seen and the interval is not meaningful.
api::Result simulate(const graph::Plan& plan, const Options& options);

}  // namespace outagesim::sim

// Failure-biased regenerative simulation and the choice between it and crude simulation.
#include "outagesim/sim/rare_event.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "batch_pool.h"
#include "compiled.h"
#include "outagesim/error.h"
#include "outagesim/model/duration.h"
#include "rare_event/cycle.h"
#include "rare_event/cycle_aggregate.h"

#ifndef OUTAGESIM_VERSION
#define OUTAGESIM_VERSION "0.0.0"
#endif

namespace outagesim::sim {
namespace {

// Cycles per batch: the same for every model and thread count, so the stopping rule sees the
// same sums whatever the threads. A cycle has a handful of events in the designs this serves.
constexpr std::int64_t CYCLES_PER_BATCH = 4096;
// Fewer cycles with a system incident than this and an interval means little.
constexpr std::int64_t MIN_INCIDENT_CYCLES = 10;
// Incidents a fixed crude run must expect for auto to keep it.
constexpr double MIN_CRUDE_INCIDENTS = 10.0;

std::string format(const char* pattern, double a, double b = 0.0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, a, b);
  return buffer;
}

// Events of crude simulation per simulated hour: two per failure cycle of every element.
double crude_events_per_hour(const Compiled& c) {
  double events = 0.0;
  for (int e = 0; e < c.element_count; ++e)
    if (c.can_fail[e]) events += 2.0 / (c.ttf[e].mean + c.ttr[e].mean);
  return events;
}

// The biased run itself; `pilot_cycles` > 0 stops after that many cycles (the auto pilot).
struct Run {
  api::Result result;
  double incidents_per_year = 0.0;
  FailureBiasingDiagnostics diagnostics;
};

Run run_cycles(const graph::Plan& plan, const Options& options, std::int64_t pilot_cycles) {
  const auto started = std::chrono::steady_clock::now();
  const Compiled compiled = compile(plan);
  BatchPool pool(resolve_threads(options.threads, MAX_THREADS), options.thread_factory);
  std::vector<std::unique_ptr<CycleRunner>> runners;
  for (int w = 0; w < pool.size(); ++w) runners.push_back(std::make_unique<CycleRunner>(compiled));
  const double total_rate = runners[0]->total_failure_rate();
  if (!(total_rate > 0.0))
    throw SimulationError("failure biasing: nothing in " + plan.architecture.name + " can fail");
  CycleAggregate aggregate(compiled, 1.0 / total_rate);

  const StopSignal stop = StopSignal::after(options.cancel, started, options.max_seconds);
  const bool fixed = options.rel_error == 0.0 || pilot_cycles > 0;
  const std::int64_t wanted = pilot_cycles > 0 ? pilot_cycles : options.replications;
  const std::int64_t limit = fixed ? wanted : std::max(wanted, options.max_replications);
  std::vector<CycleOutcome> outcomes;
  std::string stop_reason;
  std::int64_t left_out = 0;
  std::int64_t done = 0;
  for (;;) {
    const std::int64_t size = std::min(CYCLES_PER_BATCH, limit - done);
    outcomes.resize(static_cast<std::size_t>(size));
    const std::int64_t first = done;
    pool.run(size, [&](int worker, std::int64_t i) {
      CycleOutcome& outcome = outcomes[static_cast<std::size_t>(i)];
      outcome.complete = false;
      if (stop.cancelled() || stop.past_deadline()) return;
      runners[static_cast<std::size_t>(worker)]->run(options.seed, first + i, stop, outcome);
    });
    if (stop.cancelled()) {
      if (done == 0) throw SimulationError("interrupted");
      stop_reason = "interrupted";
      break;
    }
    // Whole cycles only, in cycle order: those before the first one the time limit stopped
    // (keeping cut cycles would bias towards short ones).
    std::int64_t usable = 0;
    while (usable < size && outcomes[static_cast<std::size_t>(usable)].complete) ++usable;
    for (std::int64_t i = 0; i < usable; ++i) aggregate.add(outcomes[static_cast<std::size_t>(i)]);
    done += usable;
    if (usable < size) {
      if (done == 0)
        throw SimulationError(
            "failure biasing: the time limit ran out before one regeneration cycle (every "
            "element up again) completed; give a longer max-time or use --rare-event off");
      left_out = size - usable;
      stop_reason = "max-time reached";
      break;
    }
    const double rel = aggregate.relative_error();
    if (fixed) {
      if (done >= wanted) {
        stop_reason = "replications reached";
        break;
      }
    } else {
      if (done >= options.replications && rel <= options.rel_error &&
          aggregate.system_incident_cycles() >= MIN_INCIDENT_CYCLES) {
        stop_reason = "rel-error reached";
        break;
      }
      if (done >= limit) {
        stop_reason = "max-replications reached";
        break;
      }
    }
    if (options.progress && !options.progress(done, rel)) {
      stop_reason = "interrupted";
      break;
    }
  }

  Run run;
  api::Result& result = run.result;
  aggregate.fill(plan, result);
  result.model_name = plan.architecture.name;
  result.method = "mc";
  result.solver = "monte-carlo/importance-sampling";
  result.version = OUTAGESIM_VERSION;
  result.seed = options.seed;
  result.replications = aggregate.cycles();
  result.horizon_years = 0.0;
  result.simulated_years = static_cast<double>(aggregate.cycles()) * aggregate.mean_cycle_hours() /
                           model::HOURS_PER_YEAR;
  result.events = aggregate.events();
  result.threads = pool.size();
  result.start = "stationary";
  result.stop_reason = stop_reason;
  result.rel_error_target = options.rel_error;
  result.rel_error_achieved = aggregate.relative_error();
  result.per_element_streams = false;
  result.warnings.push_back(
      "importance sampling (failure biasing) estimates long-run means only: the downtime-per-year "
      "distribution, the incident duration quantiles and SLA windows are not given (a biased "
      "sample has no honest per-year or per-incident distribution); run with --rare-event off "
      "for them");
  if (options.warmup_hours.value_or(0.0) > 0.0)
    result.warnings.push_back(
        "importance sampling gives long-run (stationary) figures from regeneration cycles: the "
        "warm-up does not apply");
  if (aggregate.system_incident_cycles() < MIN_INCIDENT_CYCLES)
    result.warnings.push_back(
        "only " + std::to_string(aggregate.system_incident_cycles()) +
        " cycles saw a system incident: the availability interval is not meaningful (at least " +
        std::to_string(MIN_INCIDENT_CYCLES) + " are needed); run more cycles or a longer time");
  if (left_out > 0)
    result.warnings.push_back(
        "the time limit stopped the run inside a batch: " + std::to_string(left_out) +
        " cycles that were not whole were left out");
  if (stop_reason == "max-time reached" && !fixed &&
      !(result.rel_error_achieved <= options.rel_error))
    result.warnings.push_back(
        format("stopped by the time limit before the relative error target %.3g was reached "
               "(achieved %.3g)",
               options.rel_error, result.rel_error_achieved));
  run.incidents_per_year = aggregate.system_incidents_per_year();
  run.diagnostics.likelihood_ratio_mean = aggregate.likelihood_ratio().mean;
  run.diagnostics.likelihood_ratio_half_width = aggregate.likelihood_ratio().half_width();
  run.diagnostics.cycles = aggregate.cycles();
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

}  // namespace

RareEvent parse_rare_event(const std::string& text) {
  if (text == "auto") return RareEvent::automatic;
  if (text == "off") return RareEvent::off;
  if (text == "failure-biasing") return RareEvent::failure_biasing;
  throw OptionError("rare_event must be auto, off or failure-biasing, not '" + text + "'");
}

std::string to_string(RareEvent rare_event) {
  switch (rare_event) {
    case RareEvent::automatic:
      return "auto";
    case RareEvent::off:
      return "off";
    case RareEvent::failure_biasing:
      return "failure-biasing";
  }
  return "auto";
}

RareEventCheck check_rare_event(const graph::Plan& plan) {
  const model::Architecture& arch = plan.architecture;
  for (const model::Service& service : arch.services)
    if (service.mode != model::RedundancyMode::active_active)
      return {false, "service " + service.name +
                         " is active_passive: with no failback the replica serving when every "
                         "element is up again depends on the past, so that state is no "
                         "regeneration point"};
  if (arch.has_data())
    return {false,
            "the model declares data: the data-loss figures count events one by one, which "
            "the likelihood-ratio weights of failure biasing do not carry"};
  if (arch.has_degraded_modes())
    return {false,
            "the model declares degraded modes: the time in full and the value delivered are "
            "integrated along each run, which the step-wise biasing does not weight"};
  if (arch.has_gated_recovery())
    return {false,
            "recovery waits for control planes or responders (repairs and failovers depend on "
            "other elements), which the step-wise biasing does not weight"};
  if (plan.has_triggers())
    return {false,
            "a beta-factor group is repaired individually: its common failure fails "
            "several members at once, which the step-wise biasing does not weight"};
  for (int k = 0; k < plan.change_count; ++k) {
    if (plan.element_process[plan.change_element(k)].never_fails) continue;
    return {false, "service " + plan.element_name[plan.change_element(k)] +
                       " has bad changes, which run through their own process (waves, detection "
                       "then rollback) that failure biasing does not weight"};
  }
  bool any = false;
  for (int e = 0; e < plan.element_count(); ++e) {
    const model::FailureProcess& process = plan.element_process[e];
    if (process.never_fails) continue;
    any = true;
    if (!process.ttf.is_exponential())
      return {false, plan.element_name[e] + " has a " + model::to_string(process.ttf.kind) +
                         " time to failure: failure biasing needs exponential (memoryless) "
                         "failure clocks"};
  }
  if (!any) return {false, "nothing in the model can fail"};
  return {true, "every failure clock is exponential and every service active_active"};
}

api::Result simulate_failure_biasing(const graph::Plan& plan, const Options& options,
                                     FailureBiasingDiagnostics* diagnostics) {
  const RareEventCheck check = check_rare_event(plan);
  if (!check.applies)
    throw SimulationError("failure biasing does not apply to " + plan.architecture.name + ": " +
                          check.reason);
  if (options.replications == 0 && options.rel_error == 0.0)
    throw SimulationError("nothing decides when to stop: give replications > 0 or rel_error > 0");
  Run run = run_cycles(plan, options, 0);
  run.result.method_reason = "failure biasing (importance sampling) requested";
  if (diagnostics) *diagnostics = run.diagnostics;
  return std::move(run.result);
}

api::Result simulate_monte_carlo(const graph::Plan& plan, const Options& options) {
  if (options.rare_event == RareEvent::off) {
    api::Result result = simulate(plan, options);
    result.method_reason.clear();  // crude, as asked: nothing to add
    return result;
  }
  const RareEventCheck check = check_rare_event(plan);
  if (options.rare_event == RareEvent::failure_biasing) {
    if (check.applies) {
      api::Result result = simulate_failure_biasing(plan, options);
      result.method_reason = "failure biasing requested: " + check.reason;
      return result;
    }
    api::Result result = simulate(plan, options);
    result.method_reason = "crude Monte Carlo: failure biasing does not apply, " + check.reason;
    result.warnings.insert(result.warnings.begin(),
                           "--rare-event failure-biasing does not apply (" + check.reason +
                               "): crude Monte Carlo ran instead");
    return result;
  }
  if (!check.applies) {
    api::Result result = simulate(plan, options);
    result.method_reason.clear();  // crude, the usual method: nothing to add
    return result;
  }
  if (options.window_hours > 0.0) {
    api::Result result = simulate(plan, options);
    result.method_reason =
        "crude Monte Carlo: rare-event auto keeps it when SLA windows are asked for (a biased "
        "sample has no honest per-window availability)";
    return result;
  }
  // The pilot: a batch of biased cycles estimates the system incident frequency f, and so what
  // crude simulation would need.
  const auto started = std::chrono::steady_clock::now();
  Options pilot_options = options;
  pilot_options.progress = nullptr;
  double f = 0.0;
  try {
    f = run_cycles(plan, pilot_options, CYCLES_PER_BATCH).incidents_per_year;
  } catch (const SimulationError&) {
    // Not one cycle in the time given (or Ctrl-C): crude simulation decides, and reports.
    api::Result result = simulate(plan, options);
    result.method_reason =
        "crude Monte Carlo: rare-event auto, the pilot of biased cycles did "
        "not complete one cycle in the time given";
    return result;
  }
  const Compiled compiled = compile(plan);
  const double events_per_year = crude_events_per_hour(compiled) * model::HOURS_PER_YEAR;
  bool rare;
  std::string why;
  if (options.rel_error > 0.0) {
    // A rate estimated from k incidents has a relative half-width of about 1.96 / sqrt(k).
    const double incidents_needed = std::pow(1.96 / options.rel_error, 2.0);
    const double crude_events = f > 0.0 ? incidents_needed / f * events_per_year : HUGE_VAL;
    rare = crude_events > CRUDE_EVENT_LIMIT;
    why = format(
        "%.3g system incidents/yr (pilot of biased cycles): crude simulation would need "
        "about %.3g events to reach the relative error asked",
        f, crude_events);
  } else {
    const double years =
        static_cast<double>(options.replications) * options.horizon_hours / model::HOURS_PER_YEAR;
    const double expected = f * years;
    rare = expected < MIN_CRUDE_INCIDENTS;
    why = format(
        "%.3g system incidents/yr (pilot of biased cycles): the requested replications "
        "would see about %.3g",
        f, expected);
  }
  if (!rare) {
    Options crude = options;
    if (crude.max_seconds > 0.0)
      crude.max_seconds = std::max(
          1e-3,
          crude.max_seconds -
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    api::Result result = simulate(plan, crude);
    result.method_reason =
        "crude Monte Carlo: rare-event auto, incidents are frequent enough; " + why;
    return result;
  }
  Options biased = options;
  if (biased.max_seconds > 0.0)
    biased.max_seconds = std::max(
        1e-3,
        biased.max_seconds -
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (options.rel_error == 0.0) {
    // Replications of a horizon asked for: as many cycles as that simulated time holds (a cycle
    // lasts at least the all-up sojourn, 1/Lambda), so the run covers at least as much time.
    double lambda = 0.0;
    for (int e = 0; e < compiled.element_count; ++e)
      if (compiled.can_fail[e]) lambda += 1.0 / compiled.ttf[e].mean;
    const double hours = static_cast<double>(options.replications) * options.horizon_hours;
    biased.replications = std::max<std::int64_t>(
        options.replications, static_cast<std::int64_t>(std::min(std::ceil(hours * lambda), 1e12)));
    why += format("; %.0f cycles stand for the requested replications' simulated time",
                  static_cast<double>(biased.replications));
  }
  api::Result result = simulate_failure_biasing(plan, biased);
  result.method_reason = "failure biasing (importance sampling): rare-event auto, " + why;
  return result;
}

}  // namespace outagesim::sim

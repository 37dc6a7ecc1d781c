// sim::simulate: runs replications in batches on a thread pool, reduces them in replication
// order, applies the stopping rule at batch boundaries and fills api::Result.
#include "outagesim/sim/simulate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "aggregate.h"
#include "automatic_warmup.h"
#include "batch_pool.h"
#include "compiled.h"
#include "outagesim/error.h"
#include "outagesim/model/duration.h"
#include "reliability_warnings.h"
#include "replication.h"
#include "stream_keys.h"

#ifndef OUTAGESIM_VERSION
#define OUTAGESIM_VERSION "0.0.0"
#endif

namespace outagesim::sim {
namespace {

// A batch aims at about this many events so progress, the time limit and the stopping rule are
// looked at often; the sizes depend only on the model, never on timing or threads.
constexpr double EVENTS_PER_BATCH = 1.0e5;

std::string format(const char* pattern, double a, double b = 0.0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, a, b);
  return buffer;
}

// Expected events of one replication: two per failure cycle of every element.
double expected_events(const Compiled& c, double horizon) {
  double events = 0.0;
  for (int e = 0; e < c.element_count; ++e)
    if (c.can_fail[e]) events += 2.0 * horizon / (c.ttf[e].mean + c.ttr[e].mean);
  return events;
}

void check_options(const Options& o) {
  if (!(o.horizon_hours > 0.0) || !std::isfinite(o.horizon_hours))
    throw SimulationError("horizon must be a positive duration");
  if (o.replications < 0) throw SimulationError("replications must be >= 0");
  if (o.max_replications < 1) throw SimulationError("max_replications must be >= 1");
  if (!(o.rel_error >= 0.0)) throw SimulationError("rel_error must be >= 0");
  if (o.threads < 0) throw SimulationError("threads must be >= 0 (0: every core)");
  if (o.threads > MAX_THREADS)
    throw SimulationError("threads must be at most " + std::to_string(MAX_THREADS) + ", not " +
                          std::to_string(o.threads) +
                          " (results do not depend on the thread count; 0: every core)");
  if (o.warmup_hours && (!(*o.warmup_hours >= 0.0) || !std::isfinite(*o.warmup_hours)))
    throw SimulationError("warmup_hours must be a finite duration >= 0 (0: no warm-up)");
  if (!(o.window_hours >= 0.0) || !std::isfinite(o.window_hours))
    throw SimulationError("window_hours must be a finite duration >= 0 (0: no windows)");
  if (o.replications == 0 && o.rel_error == 0.0)
    throw SimulationError("nothing decides when to stop: give replications > 0 or rel_error > 0");
}

}  // namespace

api::Result simulate(const graph::Plan& plan, const Options& options) {
  check_options(options);
  const auto started = std::chrono::steady_clock::now();
  const Compiled compiled = compile(plan);
  const int threads = resolve_threads(options.threads, MAX_THREADS);
  const double horizon = options.horizon_hours;
  const bool stationary = options.start == StartState::stationary;
  const bool fixed = options.rel_error == 0.0;
  const double warmup = options.warmup_hours ? *options.warmup_hours
                        : stationary         ? automatic_warmup_hours(compiled)
                                             : 0.0;
  const std::int64_t limit =
      fixed ? options.replications : std::max(options.replications, options.max_replications);

  const double per_replication = std::max(1.0, expected_events(compiled, warmup + horizon));
  const std::int64_t batch_cap = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(EVENTS_PER_BATCH / per_replication), 16, 4096);
  std::int64_t batch_size = std::min<std::int64_t>(batch_cap, 256);

  BatchPool pool(threads, options.thread_factory);
  std::vector<std::unique_ptr<Replicator>> replicators;
  std::vector<std::uint32_t> element_keys, service_keys;
  if (options.per_element_streams) stream_keys(plan, compiled, element_keys, service_keys);
  for (int w = 0; w < pool.size(); ++w) {
    replicators.push_back(std::make_unique<Replicator>(compiled));
    replicators.back()->configure(options.window_hours, element_keys, service_keys);
  }
  std::vector<double> windows;
  bool windows_capped = false;
  std::vector<ReplicationOutcome> outcomes;
  // Constructed again, empty, when the only replication is cut short (its own horizon).
  std::optional<Aggregate> aggregate(std::in_place, compiled, horizon);
  double measured_horizon = horizon;
  std::atomic<bool> cancelled{false};
  const StopSignal stop = StopSignal::after(options.cancel, started, options.max_seconds);
  std::int64_t left_out = 0;    // replications the time limit stopped inside the last batch
  bool used_cut_short = false;  // the only replication, cut short by the time limit

  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  std::string stop_reason;
  bool interrupted_by_progress = false;
  bool interrupted_by_cancel = false;
  std::int64_t done = 0;
  for (;;) {
    const std::int64_t size = std::min(batch_size, limit - done);
    // The batch runs in chunks, each reduced in replication order once it is done. One worker
    // takes small chunks, whose outcomes are still in cache when they are reduced; more workers
    // take the whole batch at once (every chunk costs them a wait). Where a batch ends, and so
    // where the stopping rule looks, does not depend on the chunks: neither do the results.
    const std::int64_t chunk = pool.size() == 1 ? std::min<std::int64_t>(size, 64) : size;
    outcomes.resize(static_cast<std::size_t>(chunk));
    std::atomic<bool> timed_out{false};
    std::int64_t usable = 0;  // whole replications of this batch, in replication order
    for (std::int64_t offset = 0; offset < size;) {
      const std::int64_t count = std::min(chunk, size - offset);
      const std::int64_t first = done + offset;
      pool.run(count, [&](int worker, std::int64_t i) {
        ReplicationOutcome& outcome = outcomes[static_cast<std::size_t>(i)];
        outcome.completion = Completion::not_run;
        if (cancelled.load(std::memory_order_relaxed) || timed_out.load(std::memory_order_relaxed))
          return;
        if (stop.cancelled()) {
          cancelled.store(true, std::memory_order_relaxed);
          return;
        }
        if (stop.past_deadline()) {
          timed_out.store(true, std::memory_order_relaxed);
          return;
        }
        const RunStatus status = replicators[worker]->run(options.seed, first + i, horizon,
                                                          stationary, warmup, stop, outcome);
        if (status == RunStatus::cancelled) cancelled.store(true, std::memory_order_relaxed);
        if (status == RunStatus::timed_out) timed_out.store(true, std::memory_order_relaxed);
      });
      if (cancelled.load()) break;
      // Whole replications only, in replication order: those before the first one the time
      // limit stopped. Dropping the ones it cut short would bias towards short outages if they
      // were kept with their partial horizon among whole ones.
      std::int64_t whole = 0;
      while (whole < count &&
             outcomes[static_cast<std::size_t>(whole)].completion == Completion::complete)
        ++whole;
      if (whole < count && done + offset == 0 && whole == 0) {
        // Not one whole replication in the time given: the first one, cut short, is all there
        // is, and its simulated time counts as what it is, a shorter horizon.
        const ReplicationOutcome& head = outcomes[0];
        if (head.completion != Completion::cut_short)
          throw SimulationError(
              "the time limit ran out before the first replication measured anything (still in "
              "its warm-up): give a longer max-time or a shorter warm-up");
        measured_horizon = head.measured_hours;
        aggregate.emplace(compiled, measured_horizon);
        whole = 1;
        used_cut_short = true;
      }
      for (std::int64_t i = 0; i < whole; ++i) {
        const ReplicationOutcome& outcome = outcomes[static_cast<std::size_t>(i)];
        aggregate->add(outcome);
        const std::size_t room = MAX_WINDOWS - windows.size();
        windows_capped =
            windows_capped || outcome.windows_dropped || outcome.window_availability.size() > room;
        windows.insert(
            windows.end(), outcome.window_availability.begin(),
            outcome.window_availability.begin() +
                static_cast<std::ptrdiff_t>(std::min(room, outcome.window_availability.size())));
      }
      usable += whole;
      if (whole < count) break;  // the time limit stopped this chunk: no later one runs
      offset += count;
    }
    if (cancelled.load()) {
      // Ctrl-C: the replications after the last whole chunk are dropped; those before it are a
      // sample of whole replications, returned as such.
      done += usable;
      if (done == 0) throw SimulationError("interrupted");
      stop_reason = "interrupted";
      interrupted_by_cancel = true;
      break;
    }
    if (usable < size) left_out = size - usable;
    done += usable;
    batch_size = std::min(batch_cap, batch_size * 2);

    if (usable < size) {
      stop_reason = "max-time reached";
      break;
    }
    const double rel = aggregate->worst_relative_error();
    if (compiled.timer_count == 0 && done >= options.replications) {
      stop_reason = "nothing can fail";
      break;
    }
    if (fixed) {
      if (done >= options.replications) {
        stop_reason = "replications reached";
        break;
      }
    } else {
      if (done >= options.replications && aggregate->precise_enough(options.rel_error)) {
        stop_reason = "rel-error reached";
        break;
      }
      if (done >= limit) {
        stop_reason = "max-replications reached";
        break;
      }
    }
    if (options.max_seconds > 0.0 && elapsed() >= options.max_seconds) {
      stop_reason = "max-time reached";
      break;
    }
    if (options.progress && !options.progress(done, rel)) {
      stop_reason = "interrupted";
      interrupted_by_progress = true;
      break;
    }
  }

  api::Result result;
  aggregate->fill(plan, result);
  result.model_name = plan.architecture.name;
  result.method = "mc";
  result.method_reason = "Monte Carlo simulation requested";
  result.solver = "monte-carlo";
  result.version = OUTAGESIM_VERSION;
  result.seed = options.seed;
  result.replications = aggregate->replications();
  result.horizon_years = measured_horizon / model::HOURS_PER_YEAR;
  result.warmup_years = warmup / model::HOURS_PER_YEAR;
  result.warmup_automatic = !options.warmup_hours.has_value();
  result.simulated_years = static_cast<double>(result.replications) * result.horizon_years;
  result.events = aggregate->events();
  result.threads = pool.size();
  result.start = stationary ? "stationary" : "all-up";
  result.stop_reason = stop_reason;
  result.rel_error_target = options.rel_error;
  result.rel_error_achieved = aggregate->worst_relative_error();
  result.window_hours = options.window_hours;
  result.window_availability = std::move(windows);
  result.per_element_streams = options.per_element_streams;
  if (pool.size() < threads)
    result.warnings.push_back("only " + std::to_string(pool.size()) + " of the " +
                              std::to_string(threads) +
                              " threads asked for could be started (the system refused more); "
                              "the figures do not depend on the thread count");
  if (used_cut_short)
    result.warnings.push_back(
        format("the time limit stopped the first replication after %.6g of its %.6g years, "
               "before any replication was whole: the figures cover those simulated years only "
               "(horizon_years says so); give a longer max-time or a shorter horizon",
               result.horizon_years, horizon / model::HOURS_PER_YEAR));
  else if (left_out > 0)
    result.warnings.push_back(
        "the time limit stopped the run inside a batch: " + std::to_string(left_out) +
        " replications that were not whole were left out (the figures cover whole replications "
        "only)");
  if (options.window_hours > 0.0 && options.window_hours > horizon)
    result.warnings.push_back(
        "the window is longer than the horizon: no whole window was simulated");
  if (windows_capped)
    result.warnings.push_back("window availabilities: only the first " +
                              std::to_string(MAX_WINDOWS) +
                              " windows (in replication order) are kept");

  const std::int64_t incidents = result.system.incidents_observed;
  if (incidents < MIN_INCIDENTS || aggregate->system_downtime_hours() <= 0.0) {
    result.warnings.push_back(
        "only " + std::to_string(incidents) + " system incidents in " +
        format("%.6g", result.simulated_years) +
        " simulated years: the availability interval is not meaningful (at least " +
        std::to_string(MIN_INCIDENTS) +
        " are needed); run more replications or a longer time limit");
  }
  if (result.replications < 2)
    result.warnings.push_back(
        "a single replication gives no interval: run at least two (intervals are taken across "
        "replications)");
  if (compiled.capability_count > 1) {
    for (const api::MeasureResult& m : result.capabilities) {
      if (m.incidents_observed < MIN_INCIDENTS)
        result.warnings.push_back("capability " + m.name + ": only " +
                                  std::to_string(m.incidents_observed) +
                                  " incidents observed, its interval is not meaningful");
    }
  }
  if ((stop_reason == "max-time reached" || stop_reason == "max-replications reached") && !fixed) {
    std::string short_of;
    auto note = [&](const api::MeasureResult& m) {
      if (m.rel_error_achieved <= options.rel_error) return;
      short_of += (short_of.empty() ? "" : ", ") + m.name + format(" (%.3g)", m.rel_error_achieved);
    };
    note(result.system);
    for (const api::MeasureResult& m : result.capabilities) note(m);
    if (!short_of.empty())
      result.warnings.push_back(
          "stopped (" + stop_reason + ")" +
          format(" before the relative error target %.3g was reached by: ", options.rel_error) +
          short_of);
  }
  if (stop_reason == "max-time reached" && fixed)
    result.warnings.push_back("stopped by the time limit before the requested replications ran");
  if (interrupted_by_progress) result.warnings.push_back("run interrupted: figures so far");
  if (interrupted_by_cancel)
    result.warnings.push_back("run interrupted (Ctrl-C): the figures of the " +
                              std::to_string(result.replications) +
                              " replications completed so far");
  if (std::fabs(measured_horizon - model::HOURS_PER_YEAR) > 1e-9)
    result.warnings.push_back(
        format("horizon is %.6g years, not 1: the downtime-per-year distribution scales each "
               "replication's downtime to minutes per year",
               result.horizon_years));
  add_reliability_warnings(plan, options, result);
  result.wall_seconds = elapsed();
  return result;
}

}  // namespace outagesim::sim

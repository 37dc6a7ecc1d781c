// sim::simulate: runs replications in batches on a thread pool, reduces them in replication
// order, applies the stopping rule at batch boundaries and fills api::Result.
#include "outagesim/sim/simulate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "aggregate.h"
#include "batch_pool.h"
#include "compiled.h"
#include "outagesim/error.h"
#include "outagesim/model/duration.h"
#include "replication.h"

#ifndef OUTAGESIM_VERSION
#define OUTAGESIM_VERSION "0.0.0"
#endif

namespace outagesim::sim {
namespace {

// Fewer system incidents than this and an interval means little.
constexpr std::int64_t MIN_INCIDENTS = 10;
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

int resolve_threads(int threads) {
  if (threads > 0) return threads;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(hardware) : 1;
}

void check_options(const Options& o) {
  if (!(o.horizon_hours > 0.0) || !std::isfinite(o.horizon_hours))
    throw SimulationError("horizon must be a positive duration");
  if (o.replications < 0) throw SimulationError("replications must be >= 0");
  if (o.max_replications < 1) throw SimulationError("max_replications must be >= 1");
  if (!(o.rel_error >= 0.0)) throw SimulationError("rel_error must be >= 0");
  if (o.threads < 0) throw SimulationError("threads must be >= 0 (0: every core)");
  if (o.replications == 0 && o.rel_error == 0.0)
    throw SimulationError(
        "nothing decides when to stop: give replications > 0 or rel_error > 0");
}

}  // namespace

api::Result simulate(const graph::Plan& plan, const Options& options) {
  check_options(options);
  const auto started = std::chrono::steady_clock::now();
  const Compiled compiled = compile(plan);
  const int threads = resolve_threads(options.threads);
  const double horizon = options.horizon_hours;
  const bool stationary = options.start == StartState::stationary;
  const bool fixed = options.rel_error == 0.0;
  const std::int64_t limit =
      fixed ? options.replications : std::max(options.replications, options.max_replications);

  const double per_replication = std::max(1.0, expected_events(compiled, horizon));
  const std::int64_t batch_cap = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(EVENTS_PER_BATCH / per_replication), 16, 4096);
  std::int64_t batch_size = std::min<std::int64_t>(batch_cap, 256);

  BatchPool pool(threads);
  std::vector<std::unique_ptr<Replicator>> replicators;
  for (int w = 0; w < pool.size(); ++w) replicators.push_back(std::make_unique<Replicator>(compiled));
  std::vector<ReplicationOutcome> outcomes;
  Aggregate aggregate(compiled, horizon);
  std::atomic<bool> cancelled{false};

  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  std::string stop_reason;
  bool interrupted_by_progress = false;
  std::int64_t done = 0;
  for (;;) {
    const std::int64_t size = std::min(batch_size, limit - done);
    outcomes.resize(static_cast<std::size_t>(size));
    const std::int64_t first = done;
    pool.run(size, [&](int worker, std::int64_t i) {
      if (cancelled.load(std::memory_order_relaxed)) return;
      if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
        cancelled.store(true, std::memory_order_relaxed);
        return;
      }
      if (!replicators[worker]->run(options.seed, first + i, horizon, stationary, options.cancel,
                                    outcomes[static_cast<std::size_t>(i)]))
        cancelled.store(true, std::memory_order_relaxed);
    });
    if (cancelled.load()) throw SimulationError("interrupted");
    for (std::int64_t i = 0; i < size; ++i) aggregate.add(outcomes[static_cast<std::size_t>(i)]);
    done += size;
    batch_size = std::min(batch_cap, batch_size * 2);

    const double rel = aggregate.relative_error();
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
      const bool enough = aggregate.system_incidents() >= MIN_INCIDENTS &&
                          aggregate.system_downtime_hours() > 0.0;
      if (done >= options.replications && enough && rel <= options.rel_error) {
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
  aggregate.fill(plan, result);
  result.model_name = plan.architecture.name;
  result.method = "mc";
  result.method_reason = "Monte Carlo simulation requested";
  result.solver = "monte-carlo";
  result.version = OUTAGESIM_VERSION;
  result.seed = options.seed;
  result.replications = aggregate.replications();
  result.horizon_years = horizon / model::HOURS_PER_YEAR;
  result.simulated_years = static_cast<double>(result.replications) * result.horizon_years;
  result.events = aggregate.events();
  result.threads = threads;
  result.start = stationary ? "stationary" : "all-up";
  result.stop_reason = stop_reason;
  result.rel_error_target = options.rel_error;
  result.rel_error_achieved = aggregate.relative_error();

  const std::int64_t incidents = result.system.incidents_observed;
  if (incidents < MIN_INCIDENTS || aggregate.system_downtime_hours() <= 0.0) {
    result.warnings.push_back(
        "only " + std::to_string(incidents) + " system incidents in " +
        format("%.6g", result.simulated_years) +
        " simulated years: the availability interval is not meaningful (at least " +
        std::to_string(MIN_INCIDENTS) +
        " are needed); run more replications or a longer --max-time");
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
  if (stop_reason == "max-time reached" && !fixed && !(result.rel_error_achieved <= options.rel_error))
    result.warnings.push_back(format(
        "stopped by the time limit before the relative error target %.3g was reached "
        "(achieved %.3g)",
        options.rel_error, result.rel_error_achieved));
  if (stop_reason == "max-time reached" && fixed)
    result.warnings.push_back("stopped by the time limit before the requested replications ran");
  if (interrupted_by_progress) result.warnings.push_back("run interrupted: figures so far");
  if (std::fabs(horizon - model::HOURS_PER_YEAR) > 1e-9)
    result.warnings.push_back(
        format("horizon is %.6g years, not 1: the downtime-per-year distribution scales each "
               "replication's downtime to minutes per year",
               result.horizon_years));
  result.wall_seconds = elapsed();
  return result;
}

}  // namespace outagesim::sim

// Monte Carlo simulation of failures, repairs and failovers over a compiled plan.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"

namespace outagesim::sim {

enum class StartState { all_up, stationary };

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
  double max_seconds = 60.0;
  StartState start = StartState::all_up;
  // Called from the calling thread between batches with (replications done, current relative
  // error). Return false to stop the run (the result then says it was interrupted).
  std::function<bool(std::int64_t, double)> progress;
  // Set from another thread to stop the run early (Ctrl-C); the run throws SimulationError.
  const std::atomic<bool>* cancel = nullptr;
};

api::Result simulate(const graph::Plan& plan, const Options& options);

}  // namespace outagesim::sim

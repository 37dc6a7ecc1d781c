// Warnings that a Monte Carlo interval should not be trusted as it stands, from the model and
// the options (horizon, start) and from the replications' spread.
#pragma once

#include <string>
#include <vector>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "outagesim/sim/simulate.h"

namespace outagesim::sim {

// Lognormal sigma above this, or Weibull shape below this, make the variance of downtime so
// heavy-tailed that a few hundred replications misjudge it (the interval comes out too narrow).
inline constexpr double HEAVY_TAIL_SIGMA = 3.0;
inline constexpr double HEAVY_TAIL_SHAPE = 0.3;

// Appends to result.warnings: an all-up start without warm-up where some element's mean repair
// is at least the horizon (each replication sees the start of its outages, not their length);
// a zero-width availability interval despite downtime (replications in lockstep, e.g.
// deterministic timings: the width says nothing about the error); and heavy-tailed timings.
void add_reliability_warnings(const graph::Plan& plan, const Options& options, api::Result& result);

}  // namespace outagesim::sim

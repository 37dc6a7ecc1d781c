// How long the stationary start warms up before measuring: long enough that which
// active_passive replica serves (and any failover in progress) is drawn from its long-run
// distribution, which the element-by-element stationary draw cannot give.
#pragma once

#include "compiled.h"

namespace outagesim::sim {

// Warm-ups are this many relaxation times of the slowest serving-replica process. After t the
// start's transient has decayed like exp(-t / relaxation); bench/bench_start_bias measures the
// bias left at this factor against exact answers.
inline constexpr double WARMUP_RELAXATION_TIMES = 8.0;

// The warm-up (hours) the stationary start needs; 0 when the model has no active_passive
// service that can fail over, no beta-factor group repaired individually and no feature flag
// (every other state is drawn exactly from its equilibrium). Such a group's members are coupled by
// the common failure, so they also relax, at rate (own failures + common failures + repair) of a
// member.
//
// Why this length: elements start in their equilibrium state, so what remains out of balance is
// the serving replica of each active_passive service, which starts on the first healthy replica
// while the long-run share of each replica depends on how long it keeps serving (there is no
// failback). The serving replica follows failovers: when it fails, service moves to the first
// replica in replica order that the same event left up. With repairs shorter than the times
// between failures that is a Markov jump process over the replicas, whose rates come from the
// failures of each replica's component, of every failure domain it sits in and of every common
// cause or bad change that reaches it (failures of its dependencies also move the serving
// replica; they are left out). Its start transient decays like exp(-t / relaxation) with the
// relaxation its slowest mode: 1 / (lambda_0 + lambda_1) for two replicas, and far longer when
// replicas fail together (two in one zone, a third elsewhere: the slow mode is between the zone's
// pair and the third, at the zone's outage rate). An earlier version used the first two
// replicas' rates for every service and left a bias of 0.2% in the incidents of example 05's
// three-replica database (z = +4 against the Markov chain over 5 million replications). A
// failover in progress at the start relaxes within its own duration: the warm-up is at least
// the same multiple of the longest mean failover (detection, then switchover or manual
// recovery).
double automatic_warmup_hours(const Compiled& compiled);

}  // namespace outagesim::sim

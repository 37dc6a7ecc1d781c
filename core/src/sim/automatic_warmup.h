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
// service that can fail over and no beta-factor group repaired individually (every other state
// is drawn exactly from its equilibrium). Such a group's members are coupled by the common
// failure, so they also relax, at rate (own failures + common failures + repair) of a member.
//
// Why this length: elements start in their equilibrium state, so what remains out of balance is
// the serving replica of each active_passive service, which starts on the first healthy replica
// while the long-run share of each replica depends on how long it keeps serving (there is no
// failback). The serving replica follows failovers: when replica 0 fails, replica 1 takes over;
// when any other fails, replica 0 does (the first healthy one in replica order), so with repairs
// shorter than times between failures the serving replica is a two-state process between the
// first two replicas with switching rates lambda_0 and lambda_1, which relaxes at rate
// lambda_0 + lambda_1. lambda_r counts the failures of replica r's component and of every
// failure domain it sits in (failures of its dependencies also move the serving replica: leaving
// them out only makes the warm-up longer). A failover in progress at the start relaxes within
// its own duration: the warm-up is at least the same multiple of the longest mean failover
// (detection, then switchover or manual recovery).
double automatic_warmup_hours(const Compiled& compiled);

}  // namespace outagesim::sim

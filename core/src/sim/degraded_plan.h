// Degraded modes (docs/numbers.md#degraded-modes) compiled for the event loop: the value each
// capability level delivers and the feature flags that switch a dependency off.
#pragma once

#include <cstdint>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/sim/samplers.h"

namespace outagesim::sim {

struct Compiled;

struct DegradedPlan {
  // False for a model without fallbacks or feature flags: the event loop never looks below.
  bool any = false;
  std::vector<double> level_value;  // per level (Compiled::capability_levels): 1 for full forms
  // Per level: the flags on services it needs (directly or through dependencies), whose
  // switching off scales what the level delivers.
  graph::Rows level_flags;

  // Feature flags, one per dependency that declares one (model::Dependency::feature_flag).
  int flag_count = 0;
  std::vector<int> flag_service;     // dependent service position
  std::vector<int> flag_dependency;  // service position of the dependency it switches off
  std::vector<Sampler> decide;       // dependency down -> flag switched off
  std::vector<double> flag_value;
  std::vector<int> flag_timer;
  // Its own random stream (the decisions), so that declaring a flag moves no other draw.
  std::vector<std::uint32_t> flag_stream_key;
  graph::Rows service_flags;  // per service position: the flags on its dependencies
  // Per dependency entry (Compiled::dep_service): its flag, or flag_count for none (an entry
  // of Replicator's switched-off array that is always false).
  std::vector<int> dep_flag;
};

// Fills compiled.degraded, the flag timers, from the plan; compiled's levels, services and
// dependency entries are already built (`position`: service index -> position).
void compile_degraded(const graph::Plan& plan, const std::vector<int>& position,
                      Compiled& compiled);

}  // namespace outagesim::sim

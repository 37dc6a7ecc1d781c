// The plan compiled once into the flat arrays the event loop reads: integer ids only, services
// renumbered in topological order, replicas flattened into global "slots".
#pragma once

#include <string>
#include <vector>

#include "change_process.h"
#include "data_spec.h"
#include "degraded_plan.h"
#include "outagesim/graph/plan.h"
#include "outagesim/sim/samplers.h"

namespace outagesim::sim {

struct Compiled {
  int element_count = 0;
  int component_count = 0;
  int service_count = 0;  // services are numbered by topological position below
  int capability_count = 0;
  int slot_count = 0;   // replicas of all services
  int timer_count = 0;  // element timers (elements that can fail), then failover timers

  // --- elements ---
  std::vector<Sampler> ttf, ttr;        // per element
  std::vector<unsigned char> can_fail;  // per element
  std::vector<double> availability;     // per element, for the stationary start
  std::vector<int> element_timer;       // per element, -1 when it never fails
  std::vector<int> element_components_offsets, element_components;  // components it supports
  // A trigger element (a beta-factor group repaired individually, graph::Plan::element_triggers)
  // is an instantaneous event: it stays up and, when it fires, fails every up element listed
  // here (component elements), each then repaired on its own clock.
  std::vector<int> trigger_offsets, trigger_elements;
  std::vector<int> timer_trigger;  // per timer: the trigger element it fires, else -1

  // --- components ---
  std::vector<int> component_slots_offsets, component_slots;  // replica slots using it

  // --- replica slots ---
  std::vector<int> slot_service;  // service position
  std::vector<int> slot_component;
  std::vector<int> slot_deps_offsets;  // per slot: range into dep_* (one entry per dependency)
  std::vector<int> dep_service;        // service position of the dependency
  std::vector<int> dep_candidates_offsets, dep_candidates;  // candidate slots in scope
  std::vector<int> dep_slot;  // the replica slot a dependency entry belongs to
  // Reverse of dep_candidates: per slot, the dependency entries that list it as a candidate.
  std::vector<int> candidate_entries_offsets, candidate_entries;

  // --- services, by topological position ---
  std::vector<int> service_index;  // position -> Architecture service index
  std::vector<int> service_slot_begin, service_slot_end;
  std::vector<unsigned char> active_passive;
  std::vector<int> min_healthy;
  // A failover's timings: detection per service; switchover, success probability and manual
  // recovery per target slot, and per service for a failover with no healthy target.
  std::vector<Sampler> detection, switchover, manual_recovery;
  std::vector<double> success_probability;
  std::vector<Sampler> slot_switchover, slot_manual_recovery;  // per slot (active_passive only)
  std::vector<double> slot_success_probability;
  std::vector<int> service_timer;  // failover timer of an active_passive service, else -1
  std::vector<int> dependents_offsets, dependents;          // positions of services depending on it
  std::vector<int> service_levels_offsets, service_levels;  // capability levels requiring it

  // --- capabilities ---
  // Each capability is one or more levels: its full form, then its fallbacks in model order
  // (model::Capability::fallbacks); it is up while any of its levels has every service up.
  // Capability k's levels are capability_levels[k] .. capability_levels[k + 1] - 1.
  std::vector<int> capability_levels;
  std::vector<int> level_capability;
  std::vector<int> level_service_count;
  std::vector<double> capability_weight;
  double weight_total = 0.0;

  // --- timers ---
  std::vector<int> timer_element;  // element of an element timer, -1 for failover timers
  std::vector<int> timer_service;  // service position of a failover timer, -1 otherwise
  std::vector<int> timer_flag;     // the feature flag a timer switches off, -1 otherwise

  // --- bad changes (graph::Plan's change block) ---
  // A change element's timer runs the change process, not an up/down alternation: its
  // timer_element is -1 and timer_change says which change it is. The element itself stays up
  // (set_component_counts never counts it); the process takes its waves' components down. Its
  // ttf/ttr samplers and availability above serve only the means (event counts, warm-up).
  int change_begin = 0;
  std::vector<ChangeSpec> changes;
  std::vector<int> timer_change;  // per timer: the change it runs, -1 otherwise
  // --- recovery gated by control planes and responders (graph::Plan's control-plane block) ---
  // False when every repair runs on its own clock and no failover needs a control plane or a
  // responder: the event loop then never looks at anything below.
  bool gated = false;
  int control_plane_count = 0;
  std::vector<int> control_plane_support_size;              // per control plane
  std::vector<int> element_planes_offsets, element_planes;  // per element: planes it supports
  enum Repair : unsigned char { PROVIDER, REPLACE, MANUAL };
  std::vector<unsigned char> repair;  // per element (components only; PROVIDER for the rest)
  std::vector<int> repair_plane;      // per element: the control plane a replacement needs
  // Per service position: the control planes its automatic switchover needs, by target code (0:
  // no target, r + 1: replica r): row failover_plane_row[p] + code of failover_planes.
  std::vector<int> failover_plane_row;
  graph::Rows failover_planes;
  std::vector<unsigned char> fail_without_plane;  // per service position
  // Per service position: its failover has a step that a control plane or a responder gates
  // (it then fires at the end of detection, not at the end of the whole failover).
  std::vector<unsigned char> failover_gated;
  int responders = 0;  // 0: no operations (manual steps run on their own clocks)
  Sampler engage;
  int responders_element = -1;  // cause of downtime spent waiting for a responder
  int control_plane_begin = 0;  // element id of the first control plane

  // --- data (model::Service::data) and recovery objectives: data_spec.h ---
  DataPlan data;
  // --- degraded modes (fallback values, feature flags): degraded_plan.h ---
  DegradedPlan degraded;

  int change_of(int element) const {
    const int k = element - change_begin;
    return k >= 0 && k < static_cast<int>(changes.size()) ? k : -1;
  }
};

Compiled compile(const graph::Plan& plan);

}  // namespace outagesim::sim

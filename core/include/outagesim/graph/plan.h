// The model compiled once into flat arrays and integer ids, for the simulator and the exact solver.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"

namespace outagesim::graph {

// Compressed sparse rows: the items of row i are items[offsets[i] .. offsets[i+1]).
struct Rows {
  std::vector<int> offsets{0};
  std::vector<int> items;

  int size() const { return static_cast<int>(offsets.size()) - 1; }
  const int* begin(int row) const { return items.data() + offsets[row]; }
  const int* end(int row) const { return items.data() + offsets[row + 1]; }
  int count(int row) const { return offsets[row + 1] - offsets[row]; }
  void add_row(const std::vector<int>& row);
};

enum class ElementKind : std::uint8_t {
  provider,
  region,
  zone,
  component,
  common_cause,      // a shared shock or the common part of a beta-factor group
  regional_service,  // one managed service impaired in one region
  change,            // the bad changes of one service (model::Service::changes)
  control_plane,     // a control plane, or the data plane of a region outside the model it needs
  responders,        // the operations team: never fails; the cause "waiting for a responder"
  corruption         // a service's data corruption, detected then restored (common-cause block)
};
const char* to_string(ElementKind kind);

// Everything that fails and is repaired independently: the domains (ids 0..D-1, parents first,
// the same order as Architecture::domains), the components (ids D..D+C-1), then the correlated
// elements: the common-cause groups (Architecture::common_causes order) and the regional
// service events (Architecture::regional_services order), then the bad changes of each service
// that declares changes (a block from change_begin). A correlated element takes its members down
// like an enclosing domain does: it is in each member's support.
struct Plan {
  model::Architecture architecture;  // the model this plan was built from

  // --- elements ---
  int domain_count = 0;
  int component_count = 0;
  int common_cause_count = 0;
  int regional_service_count = 0;
  int change_count = 0;
  int control_plane_count = 0;  // elements of the control-plane block (see below)
  int responder_count = 0;      // 1 with operations, else 0
  int element_count() const {
    return domain_count + component_count + common_cause_count + regional_service_count +
           change_count + control_plane_count + responder_count;
  }
  int component_element(int component) const { return domain_count + component; }
  int common_cause_element(int group) const { return domain_count + component_count + group; }
  int regional_service_element(int service) const {
    return domain_count + component_count + common_cause_count + service;
  }
  // Per element: for a beta-factor group repaired individually, the components its common
  // failure fails (each then repaired on its own clock); empty for every other element. Such a
  // trigger element is never "down" itself: it is an instantaneous event.
  Rows element_triggers;
  bool has_triggers() const { return !element_triggers.items.empty(); }
  std::vector<model::FailureProcess> element_process;  // per element
  std::vector<ElementKind> element_kind;               // per element
  std::vector<std::string> element_name;               // domain path or component name
  std::vector<int> element_parent;                     // enclosing domain element, -1 for providers
  // Per component: the elements that must all be up for it to be up (itself and every
  // enclosing domain), the component's own element first.
  Rows component_support;
  // Per element: the components whose support contains it (what an event on it can change).
  Rows element_components;

  // --- bad changes: one element per service with changes, in service order ---
  // A change element is the service's bad changes as one alternating renewal process
  // (model::Changes::bad_change_process). Rolled out all at once it is in the support of every
  // replica, and the structure is exact; staged, it is in the support of its first wave only
  // (the replicas every bad change reaches), and the later waves are reached in the simulation
  // only, by the change process (sim/change_process.h).
  int change_begin = 0;  // element id of the first change element
  int change_element(int change) const { return change_begin + change; }
  std::vector<int> change_service;  // per change: index into Architecture::services
  // Per change k: rows change_wave_begin[k] .. change_wave_begin[k + 1] - 1 of change_waves,
  // one a wave in rollout order, each the components that wave reaches.
  Rows change_waves;
  std::vector<int> change_wave_begin{0};

  // --- control planes (model::Architecture::control_planes) ---
  // From control_plane_begin: one element per control plane (its own outage process), then one
  // per home region outside the model (its data-plane outage). Components never need them;
  // recovery actions do. Control plane i is usable while every element of row i of
  // control_plane_support is up (its own element first, then the domains it lives in and, for a
  // global control plane, its home region's).
  int control_plane_begin = 0;
  int control_plane_element(int control_plane) const { return control_plane_begin + control_plane; }
  Rows control_plane_support;
  // Per element: the control planes whose support contains it.
  Rows element_control_planes;
  // The responders element (after the control planes), or -1 without operations.
  int responders_element = -1;

  // --- services, in topological order (every dependency before its dependents) ---
  std::vector<int> service_order;  // service indices
  // Per service: the components of its replicas (same as Architecture::services[s].replicas).
  Rows service_replicas;
  // Per (service, replica position, dependency position): which replica positions of the
  // dependency service lie in scope. Indexed by scope_row(s, r, d).
  Rows scope_candidates;
  int scope_row(int service, int replica_position, int dependency_position) const {
    return scope_row_start_[service] +
           replica_position * static_cast<int>(architecture.services[service].depends_on.size()) +
           dependency_position;
  }
  // Per service: the services that depend on it (reverse edges), for incremental updates.
  Rows service_dependents;

  // --- capabilities (Architecture::capabilities, the implicit "system" one included) ---
  Rows capability_services;

  std::vector<int> scope_row_start_;  // per service, first row in scope_candidates
};

// Builds the dependency graph with Boost.Graph, rejects cycles (ModelError naming the cycle,
// "web -> api -> web", at /services/web/depends_on), checks scopes can be resolved for every
// replica, and flattens the result.
Plan build_plan(const model::Architecture& architecture);

}  // namespace outagesim::graph

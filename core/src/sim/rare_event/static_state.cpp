// Full re-evaluation of an active_active structure from element states (see static_state.h).
#include "static_state.h"

namespace outagesim::sim {

StaticState::StaticState(const Compiled& compiled)
    : c_(compiled),
      component_down_(static_cast<std::size_t>(compiled.component_count), 0),
      slot_healthy_(static_cast<std::size_t>(compiled.slot_count), 1),
      service_up_(static_cast<std::size_t>(compiled.service_count), 1),
      measure_up_(static_cast<std::size_t>(1 + compiled.capability_count), 1),
      level_down_(compiled.level_capability.size(), 0) {
  reset();
}

void StaticState::reset() {
  std::fill(component_down_.begin(), component_down_.end(), 0);
  evaluate();
}

void StaticState::set_element(int element, bool up) {
  const int delta = up ? -1 : 1;
  for (int i = c_.element_components_offsets[element];
       i < c_.element_components_offsets[element + 1]; ++i)
    component_down_[c_.element_components[i]] += delta;
}

void StaticState::evaluate() {
  // A replica is healthy when its component is up and, for each dependency, the dependency
  // service is up with a healthy replica in scope (every healthy replica of an active_active
  // service is usable, as in Replicator::evaluate).
  for (int p = 0; p < c_.service_count; ++p) {
    int healthy = 0;
    for (int slot = c_.service_slot_begin[p]; slot < c_.service_slot_end[p]; ++slot) {
      bool h = component_down_[c_.slot_component[slot]] == 0;
      for (int d = c_.slot_deps_offsets[slot]; h && d < c_.slot_deps_offsets[slot + 1]; ++d) {
        bool in_scope = false;
        for (int i = c_.dep_candidates_offsets[d];
             !in_scope && i < c_.dep_candidates_offsets[d + 1]; ++i)
          in_scope = slot_healthy_[c_.dep_candidates[i]] != 0;
        h = service_up_[c_.dep_service[d]] && in_scope;
      }
      slot_healthy_[slot] = h;
      healthy += h;
    }
    service_up_[p] = healthy >= c_.min_healthy[p];
  }
  // Per level (rare-event runs refuse fallbacks, so a capability has one level; counted by level
  // all the same, so that the two engines share one layout).
  std::fill(level_down_.begin(), level_down_.end(), 0);
  for (int p = 0; p < c_.service_count; ++p)
    if (!service_up_[p])
      for (int i = c_.service_levels_offsets[p]; i < c_.service_levels_offsets[p + 1]; ++i)
        ++level_down_[c_.service_levels[i]];
  bool system_up = true;
  for (int k = 0; k < c_.capability_count; ++k) {
    bool up = false;
    for (int l = c_.capability_levels[k]; l < c_.capability_levels[k + 1]; ++l)
      up = up || level_down_[l] == 0;
    measure_up_[1 + k] = up;
    system_up = system_up && up;
  }
  measure_up_[0] = system_up;
}

}  // namespace outagesim::sim

// The up/down state of every service, capability and the system as a function of the element
// states alone: the static structure of a model whose services are all active_active.
#pragma once

#include <vector>

#include "../compiled.h"

namespace outagesim::sim {

// Re-evaluates the whole structure after each change (services in topological order): the
// rare-event cycles have few events each, so a plain full pass costs less than bookkeeping.
class StaticState {
 public:
  explicit StaticState(const Compiled& compiled);

  // Every element up (the regeneration state).
  void reset();
  void set_element(int element, bool up);
  // Recomputes services, capabilities and the system from the element states.
  void evaluate();
  // Measure 0 is the system, measure 1 + k capability k (as in ReplicationOutcome).
  bool measure_up(int measure) const { return measure_up_[measure] != 0; }
  int measure_count() const { return static_cast<int>(measure_up_.size()); }

 private:
  const Compiled& c_;
  std::vector<int> component_down_;  // down elements in each component's support
  std::vector<char> slot_healthy_, service_up_, measure_up_;
  std::vector<int> level_down_;  // down services of each capability level
};

}  // namespace outagesim::sim

// The timeline of one replication: every change of state of an element, a service, a
// capability and the system, with the event that caused it. Used for one replication at a
// time (a scenario's median and worst runs), so it may look at every element after each event.
#pragma once

#include <vector>

#include "outagesim/sim/scenario.h"

namespace outagesim::sim {

class Replicator;

class Tracer {
 public:
  // Forget what was recorded (a new replication starts).
  void reset();
  // The measurement starts at `origin`: every state that is not "up" is recorded at time 0.
  void begin(const Replicator& r, double origin);
  // After each event: what changed state, recorded against `cause` (Replicator's cause ids).
  void after_event(const Replicator& r, double now, int cause);

  const std::vector<TraceEvent>& events() const { return events_; }

 private:
  void snapshot(const Replicator& r, double at, int cause);
  static TraceState element_state(const Replicator& r, int element);
  static TraceState service_state(const Replicator& r, int position);

  bool active_ = false;
  double origin_ = 0.0;
  std::vector<TraceState> elements_, services_, capabilities_;
  TraceState system_ = TraceState::up;
  std::vector<TraceEvent> events_;
};

}  // namespace outagesim::sim

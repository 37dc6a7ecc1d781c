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
  // After the event of `timer`: what changed state, recorded with the event (why) and `cause`
  // (what began the outage it belongs to: Replicator's cause ids).
  void after_event(const Replicator& r, double now, int timer, int cause);

  const std::vector<TraceEvent>& events() const { return events_; }

 private:
  void snapshot(const Replicator& r, double at, int cause, TraceReason reason, int reason_index);
  static TraceReason reason_of(const Replicator& r, int timer, int& index);
  static TraceState element_state(const Replicator& r, int element);
  static TraceState service_state(const Replicator& r, int position);

  bool active_ = false;
  double origin_ = 0.0;
  std::vector<TraceState> elements_, services_, capabilities_;
  TraceState system_ = TraceState::up;
  std::vector<TraceEvent> events_;
};

}  // namespace outagesim::sim

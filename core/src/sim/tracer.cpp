#include "tracer.h"

#include "replication.h"

namespace outagesim::sim {

void Tracer::reset() {
  active_ = false;
  events_.clear();
}

TraceState Tracer::element_state(const Replicator& r, int e) {
  const Compiled& c = r.c_;
  if (r.forced_down_[e] > 0 || !r.element_up_[e]) return TraceState::down;
  if (const int k = c.change_of(e); k >= 0 && r.changes_.in_flight(k)) return TraceState::down;
  return TraceState::up;
}

TraceState Tracer::service_state(const Replicator& r, int p) {
  const Compiled& c = r.c_;
  if (c.active_passive[p] && r.phase_[p] != Replicator::SERVING &&
      r.phase_[p] != Replicator::WAITING)
    return TraceState::failing_over;
  if (!r.service_up_[p]) return TraceState::down;
  for (int slot = c.service_slot_begin[p]; slot < c.service_slot_end[p]; ++slot)
    if (!r.slot_healthy_[slot]) return TraceState::degraded;
  return TraceState::up;
}

void Tracer::begin(const Replicator& r, double origin) {
  const Compiled& c = r.c_;
  active_ = true;
  origin_ = origin;
  events_.clear();
  elements_.assign(c.element_count, TraceState::up);
  services_.assign(c.service_count, TraceState::up);
  capabilities_.assign(c.capability_count, TraceState::up);
  system_ = TraceState::up;
  snapshot(r, origin, -1, TraceReason::start, -1);
}

TraceReason Tracer::reason_of(const Replicator& r, int timer, int& index) {
  const Compiled& c = r.c_;
  if (timer >= c.timer_count) {
    index = timer - c.timer_count;
    return r.fault_active_[index] ? TraceReason::fault_started : TraceReason::fault_ended;
  }
  if (const int e = c.timer_element[timer]; e >= 0) {
    index = e;
    return r.element_up_[e] ? TraceReason::repaired : TraceReason::failed;
  }
  if (const int trigger = c.timer_trigger[timer]; trigger >= 0) {
    index = trigger;
    return TraceReason::common_failure;
  }
  if (const int k = c.timer_change[timer]; k >= 0) {
    index = c.changes[k].element;
    return r.changes_.in_flight(k) ? TraceReason::bad_change : TraceReason::rolled_back;
  }
  if (const int f = c.timer_flag[timer]; f >= 0) {
    index = c.service_index[c.degraded.flag_service[f]];
    return TraceReason::feature_flag_switched;
  }
  const int p = c.timer_service[timer];
  index = c.service_index[p];
  return r.manual_recovery_[p] ? TraceReason::manual_recovery_completed
                               : TraceReason::failover_completed;
}

void Tracer::after_event(const Replicator& r, double now, int timer, int cause) {
  if (!active_) return;
  int index = -1;
  const TraceReason reason = reason_of(r, timer, index);
  snapshot(r, now, cause, reason, index);
}

void Tracer::snapshot(const Replicator& r, double at, int cause, TraceReason reason,
                      int reason_index) {
  const Compiled& c = r.c_;
  const double t = at - origin_;
  // The cause ids of Replicator: elements, then "none" (element_count), then the faults.
  const int none = c.element_count;
  const int fault = cause > none ? cause - none - 1 : -1;
  const int element = cause >= 0 && cause < none ? cause : -1;
  auto record = [&](TraceKind kind, int index, TraceState& last, TraceState now_state) {
    if (now_state == last) return;
    last = now_state;
    events_.push_back({t, kind, index, now_state, element, fault, reason, reason_index});
  };
  for (int e = 0; e < c.element_count; ++e)
    record(TraceKind::element, e, elements_[e], element_state(r, e));
  for (int p = 0; p < c.service_count; ++p)
    record(TraceKind::service, c.service_index[p], services_[p], service_state(r, p));
  for (int k = 0; k < c.capability_count; ++k)
    record(TraceKind::capability, k, capabilities_[k],
           r.capability_up(k) ? TraceState::up : TraceState::down);
  record(TraceKind::system, 0, system_,
         r.capabilities_down_ == 0 ? TraceState::up : TraceState::down);
}

}  // namespace outagesim::sim

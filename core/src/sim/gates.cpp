// Recovery that waits (docs/model-format.md#control-planes, #operations): repairs and failover
// steps that need a control plane start only once it is usable; manual steps wait for a free
// responder, first come first served, who engages before the step starts. Random draws stay on
// the stream of the element or service that owns the step, so two designs that differ only in
// their gates see the same failures.
#include <algorithm>

#include "replication.h"

namespace outagesim::sim {

void Replicator::reset_gates() {
  pending_repair_.assign(static_cast<std::size_t>(c_.element_count), 0.0);
  responders_busy_ = 0;
  responder_queue_.clear();
  holds_responder_.assign(static_cast<std::size_t>(c_.service_count), 0);
  pending_step_.assign(static_cast<std::size_t>(c_.service_count), 0.0);
  pending_manual_.assign(static_cast<std::size_t>(c_.service_count), 0);
  failover_target_.assign(static_cast<std::size_t>(c_.service_count), -1);
  wait_cause_.assign(static_cast<std::size_t>(c_.service_count), -1);
  wait_restore_.assign(static_cast<std::size_t>(c_.service_count), -1);
}

void Replicator::start_gates() {
  plane_down_.assign(static_cast<std::size_t>(c_.control_plane_count), 0);
  plane_waiters_.resize(static_cast<std::size_t>(c_.control_plane_count));
  for (auto& waiters : plane_waiters_) waiters.clear();
  // Without gates the state reset_gates() sets keeps its constructor values (nothing else
  // writes it), so it is not reset for every replication.
  if (!c_.gated) return;
  reset_gates();
  now_ = 0.0;
  for (int e = 0; e < c_.element_count; ++e) {
    if (element_up_[e]) continue;
    for (int i = c_.element_planes_offsets[e]; i < c_.element_planes_offsets[e + 1]; ++i)
      ++plane_down_[static_cast<std::size_t>(c_.element_planes[i])];
  }
  // A component down at a stationary start waits as it would after a failure: its timer holds
  // the rest of its repair.
  for (int e = 0; e < c_.element_count; ++e)
    if (!element_up_[e] && c_.repair[e] != Compiled::PROVIDER) gate_element(e, true);
}

void Replicator::planes_changed(int element, int delta) {
  for (int i = c_.element_planes_offsets[element]; i < c_.element_planes_offsets[element + 1];
       ++i) {
    const int plane = c_.element_planes[i];
    const int before = plane_down_[static_cast<std::size_t>(plane)];
    plane_down_[static_cast<std::size_t>(plane)] = before + delta;
    if (before > 0 && before + delta == 0) release_plane(plane);
  }
}

void Replicator::release_plane(int plane) {
  std::vector<int> jobs;
  jobs.swap(plane_waiters_[static_cast<std::size_t>(plane)]);
  for (int job : jobs) {
    if (job >= 0) {
      const int timer = c_.element_timer[job];
      if (element_up_[job] || queue_.time_of(timer) != EventQueue::NEVER) continue;  // stale
      queue_.set(timer, now_ + pending_repair_[static_cast<std::size_t>(job)]);
      continue;
    }
    // The service decides in its evaluation, once every change of this instant is in: when
    // its serving replica came back with the control plane (one region outage took both), it
    // resumes there instead of switching.
    const int p = ~job;
    if (phase_[p] == PLANE_WAIT) mark_dirty(p, DIRTY_COMPONENTS);
  }
}

bool Replicator::retry_plane_wait(int p) {
  if (const int down = first_down_plane(p); down >= 0) {
    std::vector<int>& waiters = plane_waiters_[static_cast<std::size_t>(down)];
    if (std::find(waiters.begin(), waiters.end(), ~p) == waiters.end()) waiters.push_back(~p);
    return false;
  }
  end_wait(p);
  start_failover_step(p, pending_step_[p]);
  return phase_[p] == WAITING;
}

void Replicator::gate_element(int element, bool failed) {
  const unsigned char mode = c_.repair[element];
  if (!failed) {
    if (mode == Compiled::MANUAL && c_.responders > 0) free_responder();
    return;
  }
  const int timer = c_.element_timer[element];
  if (mode == Compiled::REPLACE) {
    const int plane = c_.repair_plane[element];
    if (plane < 0 || plane_down_[static_cast<std::size_t>(plane)] == 0) return;
    pending_repair_[static_cast<std::size_t>(element)] = queue_.time_of(timer) - now_;
    queue_.set(timer, EventQueue::NEVER);
    plane_waiters_[static_cast<std::size_t>(plane)].push_back(element);
  } else if (mode == Compiled::MANUAL && c_.responders > 0) {
    pending_repair_[static_cast<std::size_t>(element)] = queue_.time_of(timer) - now_;
    queue_.set(timer, EventQueue::NEVER);
    request_responder(element);
  }
}

void Replicator::begin_gated_failover(int p, int target, bool success, double detection,
                                      double after) {
  failover_target_[p] = target;
  pending_manual_[p] = !success;
  pending_step_[p] = after;
  if (detection > 0.0) {
    phase_[p] = DETECTING;
    queue_.set(c_.service_timer[p], now_ + detection);
    return;
  }
  detection_done(p);
}

void Replicator::detection_done(int p) {
  const int timer = c_.service_timer[p];
  if (!pending_manual_[p]) {
    if (const int down = first_down_plane(p); down >= 0) {
      if (!c_.fail_without_plane[p]) {
        phase_[p] = PLANE_WAIT;
        queue_.set(timer, EventQueue::NEVER);
        plane_waiters_[static_cast<std::size_t>(down)].push_back(~p);
        begin_wait(p, c_.control_plane_begin + down);
        return;
      }
      // The automatic failover fails for want of its control plane: recovery by hand.
      pending_manual_[p] = 1;
      ++failed_failovers_[p];
      manual_recovery_[p] = 1;
      const int t = failover_target_[p];
      pending_step_[p] =
          sample(t < 0 ? c_.manual_recovery[p] : c_.slot_manual_recovery[t], service_rng(p));
    }
  }
  if (pending_manual_[p] && c_.responders > 0) {
    phase_[p] = RESPONDER_WAIT;
    queue_.set(timer, EventQueue::NEVER);
    request_responder(~p);
    return;
  }
  start_failover_step(p, pending_step_[p]);
}

void Replicator::start_failover_step(int p, double hours) {
  if (hours > 0.0) {
    phase_[p] = FAILOVER;
    queue_.set(c_.service_timer[p], now_ + hours);
  } else {
    phase_[p] = WAITING;
    queue_.set(c_.service_timer[p], EventQueue::NEVER);
  }
}

void Replicator::cancel_gated_failover(int p) {
  const auto job = static_cast<int>(~p);
  if (phase_[p] == PLANE_WAIT) {
    for (auto& waiters : plane_waiters_)
      waiters.erase(std::remove(waiters.begin(), waiters.end(), job), waiters.end());
  } else if (phase_[p] == RESPONDER_WAIT) {
    responder_queue_.erase(std::remove(responder_queue_.begin(), responder_queue_.end(), job),
                           responder_queue_.end());
  }
  end_wait(p);
  if (holds_responder_[p]) {
    holds_responder_[p] = 0;
    free_responder();
  }
}

void Replicator::request_responder(int job) {
  if (responders_busy_ < c_.responders) {
    ++responders_busy_;
    assign_responder(job);
    return;
  }
  responder_queue_.push_back(job);
  if (job < 0) begin_wait(~job, c_.responders_element);
}

void Replicator::assign_responder(int job) {
  if (job >= 0) {
    queue_.set(c_.element_timer[job], now_ + sample(c_.engage, element_rng(job)) +
                                          pending_repair_[static_cast<std::size_t>(job)]);
    return;
  }
  const int p = ~job;
  holds_responder_[p] = 1;
  end_wait(p);
  start_failover_step(p, sample(c_.engage, service_rng(p)) + pending_step_[p]);
  if (phase_[p] == WAITING) {
    // Nothing left to do by hand: the responder is free again at once.
    holds_responder_[p] = 0;
    --responders_busy_;
  }
}

void Replicator::free_responder() {
  --responders_busy_;
  while (!responder_queue_.empty() && responders_busy_ < c_.responders) {
    const int job = responder_queue_.front();
    responder_queue_.pop_front();
    ++responders_busy_;
    assign_responder(job);
    if (job < 0 && phase_[~job] == WAITING) mark_dirty(~job, DIRTY_COMPONENTS);
  }
}

int Replicator::first_down_plane(int p) const {
  const int target = failover_target_[p];
  const int code = target < 0 ? 0 : target - c_.service_slot_begin[p] + 1;
  const int row = c_.failover_plane_row[p] + code;
  for (const int* it = c_.failover_planes.begin(row); it != c_.failover_planes.end(row); ++it)
    if (plane_down_[static_cast<std::size_t>(*it)] > 0) return *it;
  return -1;
}

void Replicator::switch_cause(int cause) {
  if (measure_up_[0] || cause == system_cause_) return;
  cause_hours_[system_cause_] += now_ - cause_since_;
  if (!cause_touched_[system_cause_]) {
    cause_touched_[system_cause_] = true;
    touched_causes_.push_back(system_cause_);
  }
  cause_since_ = now_;
  system_cause_ = cause;
}

void Replicator::begin_wait(int p, int cause) {
  wait_cause_[p] = cause;
  if (measure_up_[0]) return;  // record_transitions charges it if the system goes down now
  wait_restore_[p] = system_cause_;
  switch_cause(cause);
}

void Replicator::end_wait(int p) {
  if (wait_cause_[p] < 0) return;
  wait_cause_[p] = -1;
  if (wait_restore_[p] >= 0) switch_cause(wait_restore_[p]);
  wait_restore_[p] = -1;
}

}  // namespace outagesim::sim

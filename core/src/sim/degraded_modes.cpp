// Value and full time of capabilities with degraded modes (degraded_modes.h).
#include "degraded_modes.h"

#include <algorithm>

#include "replication.h"

namespace outagesim::sim {

DegradedModes::DegradedModes(const Compiled& compiled) : c_(compiled) {
  const int flags = compiled.degraded.flag_count;
  for (auto* array : {&switched_, &needed_, &failing_}) {
    array->reset(new bool[static_cast<std::size_t>(flags) + 1]);
    std::fill(array->get(), array->get() + flags + 1, false);
  }
  const std::size_t measures = 1 + static_cast<std::size_t>(compiled.capability_count);
  value_.assign(measures, 1.0);
  since_.assign(measures, 0.0);
  full_hours_.assign(measures, 0.0);
  value_hours_.assign(measures, 0.0);
  full_.assign(measures, 1);
  up_.assign(static_cast<std::size_t>(compiled.capability_count), 1);
}

double DegradedModes::value_of(int k, const int* level_down, bool& full, bool& up) const {
  const DegradedPlan& d = c_.degraded;
  double best = 0.0;
  full = up = false;
  for (int l = c_.capability_levels[k]; l < c_.capability_levels[k + 1]; ++l) {
    if (level_down[l] != 0) continue;
    up = true;
    double value = d.level_value[l];
    bool switched = false;
    for (const int* f = d.level_flags.begin(l); f != d.level_flags.end(l); ++f) {
      if (!switched_[*f]) continue;
      value *= d.flag_value[*f];
      switched = true;
    }
    if (l == c_.capability_levels[k] && !switched) {
      full = true;
      return 1.0;
    }
    best = std::max(best, value);
  }
  return best;
}

void DegradedModes::set(int m, double value, bool full, double now) {
  const double hours = now - since_[m];
  value_hours_[m] += value_[m] * hours;
  if (full_[m]) full_hours_[m] += hours;
  value_[m] = value;
  full_[m] = full;
  since_[m] = now;
}

void DegradedModes::seed(std::uint64_t seed, std::int64_t index) {
  rng_.resize(static_cast<std::size_t>(c_.degraded.flag_count));
  for (int f = 0; f < c_.degraded.flag_count; ++f)
    rng_[static_cast<std::size_t>(f)].reset(seed, static_cast<std::uint64_t>(index),
                                            c_.degraded.flag_stream_key[f]);
}

void DegradedModes::reset() {
  const int n = c_.degraded.flag_count + 1;
  for (auto* array : {&switched_, &needed_, &failing_})
    std::fill(array->get(), array->get() + n, false);
}

void DegradedModes::start(const int* level_down) {
  std::fill(since_.begin(), since_.end(), 0.0);
  std::fill(full_hours_.begin(), full_hours_.end(), 0.0);
  std::fill(value_hours_.begin(), value_hours_.end(), 0.0);
  for (int k = 0; k < c_.capability_count; ++k) {
    bool full = false, up = false;
    value_[1 + k] = value_of(k, level_down, full, up);
    full_[1 + k] = full;
    up_[k] = up;
  }
  system_changed(0.0);
}

void DegradedModes::begin_measurement(double at) {
  std::fill(since_.begin(), since_.end(), at);
  std::fill(full_hours_.begin(), full_hours_.end(), 0.0);
  std::fill(value_hours_.begin(), value_hours_.end(), 0.0);
}

void DegradedModes::capability_changed(int k, const int* level_down, double now) {
  bool full = false, up = false;
  const double value = value_of(k, level_down, full, up);
  up_[k] = up;
  if (value != value_[1 + k] || full != static_cast<bool>(full_[1 + k]))
    set(1 + k, value, full, now);
}

void DegradedModes::system_changed(double now) {
  // The system delivers the weighted mean of its capabilities' values, but nothing while any
  // capability is down (the system is up only when every capability is); it is in full when
  // every capability is.
  double weighted = 0.0;
  bool full = true, down = false;
  for (int k = 0; k < c_.capability_count; ++k) {
    weighted += c_.capability_weight[k] * value_[1 + k];
    full = full && full_[1 + k];
    down = down || !up_[k];
  }
  const double value = down || !(c_.weight_total > 0.0) ? 0.0 : weighted / c_.weight_total;
  if (value != value_[0] || full != static_cast<bool>(full_[0])) set(0, value, full, now);
}

void DegradedModes::close(double horizon, ReplicationOutcome& out) {
  const std::size_t measures = value_.size();
  out.full_hours.assign(measures, 0.0);
  out.value_hours.assign(measures, 0.0);
  for (std::size_t m = 0; m < measures; ++m) {
    set(static_cast<int>(m), value_[m], full_[m], horizon);
    out.full_hours[m] = full_hours_[m];
    out.value_hours[m] = value_hours_[m];
  }
}

// --- the Replicator's side: feature flags in the event loop ---

void Replicator::flag_needed(int flag, bool needed, double now) {
  const DegradedPlan& d = c_.degraded;
  if (needed == degraded_.needed(flag)) return;
  degraded_.set_needed(flag, needed);
  if (!needed) {
    // The dependency serves every replica again: used again at once (switching back on takes no
    // decision). Every replica is satisfied either way, so only the values change.
    queue_.set(d.flag_timer[flag], EventQueue::NEVER);
    if (degraded_.switched_off()[flag]) {
      degraded_.set_switched_off(flag, false);
      for (int k = 0; k < c_.capability_count; ++k) touch_capability(k);
    }
    return;
  }
  const double decide = sample(d.decide[flag], degraded_.rng(flag));
  if (decide > 0.0)
    queue_.set(d.flag_timer[flag], now + decide);
  else
    switch_off(flag);  // an automatic switch: the dependent never goes down for it
}

void Replicator::switch_off(int flag) {
  const DegradedPlan& d = c_.degraded;
  queue_.set(d.flag_timer[flag], EventQueue::NEVER);
  degraded_.set_switched_off(flag, true);
  mark_dirty(d.flag_service[flag], DIRTY_DEPENDENCIES);
  for (int k = 0; k < c_.capability_count; ++k) touch_capability(k);
}

}  // namespace outagesim::sim

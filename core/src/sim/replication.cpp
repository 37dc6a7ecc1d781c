// The event loop of one replication (see replication.h). No maps, strings or virtual calls here:
// only the services an event can reach are re-evaluated, in topological order, via dirty flags.
#include "replication.h"

#include <algorithm>
#include <cmath>

#include "outagesim/sim/samplers.h"
#include "outagesim/sim/simulate.h"
#include "tracer.h"

namespace outagesim::sim {
namespace {

// Events between two looks at the cancel flag and the clock: a few milliseconds of work.
constexpr std::int64_t STOP_CHECK_MASK = 0x3FFF;

std::unique_ptr<bool[]> flags(int n, bool value) {
  std::unique_ptr<bool[]> f(new bool[static_cast<std::size_t>(std::max(n, 1))]);
  std::fill(f.get(), f.get() + std::max(n, 1), value);
  return f;
}

}  // namespace

Replicator::Replicator(const Compiled& compiled)
    : c_(compiled),
      measure_count_(1 + compiled.capability_count),
      changes_(compiled.changes),
      data_(compiled),
      degraded_(compiled) {
  element_up_ = flags(c_.element_count, true);
  component_down_.assign(c_.component_count, 0);
  slot_healthy_ = flags(c_.slot_count, false);
  slot_usable_ = flags(c_.slot_count, false);
  slot_dependencies_ok_ = flags(c_.slot_count, true);
  usable_in_scope_.assign(c_.dep_service.size(), 0);
  service_up_ = flags(c_.service_count, false);
  phase_.assign(c_.service_count, SERVING);
  serving_.assign(c_.service_count, 0);
  dirty_.assign(c_.service_count, CLEAN);
  level_down_.assign(c_.level_capability.size(), 0);
  capability_touched_ = flags(c_.capability_count, false);
  measure_up_ = flags(measure_count_, true);
  down_since_.assign(measure_count_, 0.0);
  left_censored_.assign(measure_count_, 0);
  cause_hours_.assign(c_.element_count + 1, 0.0);
  cause_incidents_.assign(c_.element_count + 1, 0);
  cause_touched_ = flags(c_.element_count + 1, false);
  touched_capabilities_.reserve(c_.capability_count);
  touched_causes_.reserve(c_.element_count + 1);
  forced_down_.assign(c_.element_count, 0);
  failovers_.assign(c_.service_count, 0);
  failed_failovers_.assign(c_.service_count, 0);
  manual_recovery_.assign(c_.service_count, 0);
  reset_gates();  // sized once; start_gates() resets it again only for gated models
  queue_.reset(c_.timer_count);
}

void Replicator::configure_faults(std::vector<FaultSpec> faults, std::vector<std::uint32_t> keys) {
  faults_ = std::move(faults);
  fault_key_ = std::move(keys);
  const std::size_t n = faults_.size();
  fault_rng_.assign(n, Stream());
  fault_followers_.assign(n, {});
  for (std::size_t f = 0; f < n; ++f)
    if (faults_[f].after >= 0) fault_followers_[faults_[f].after].push_back(static_cast<int>(f));
  fault_active_.assign(n, 0);
  fault_choice_.assign(n, -1);
  fault_start_.assign(n, -1.0);
  fault_end_.assign(n, -1.0);
  const std::size_t causes = static_cast<std::size_t>(c_.element_count) + 1 + n;
  cause_hours_.assign(causes, 0.0);
  cause_incidents_.assign(causes, 0);
  cause_touched_ = flags(static_cast<int>(causes), false);
  touched_causes_.reserve(causes);
}

void Replicator::schedule_faults(double at) {
  for (std::size_t f = 0; f < faults_.size(); ++f) {
    fault_active_[f] = 0;
    fault_choice_[f] = -1;
    fault_start_[f] = fault_end_[f] = -1.0;
    if (faults_[f].after < 0)
      queue_.set(c_.timer_count + static_cast<int>(f), at + faults_[f].offset);
  }
}

int Replicator::fault_event(int f, double now) {
  const FaultSpec& fault = faults_[f];
  Stream& rng = fault_rng_[f];
  if (!fault_active_[f]) {
    // Its choice first, then its length: one stream, fixed order.
    const int n = static_cast<int>(fault.choices.size());
    const int choice = n > 1 ? std::min(n - 1, static_cast<int>(rng.uniform() * n)) : 0;
    fault_active_[f] = 1;
    fault_choice_[f] = choice;
    fault_start_[f] = now - origin_;
    queue_.reschedule_top(now + sample(fault.duration, rng));
    for (int e : fault.choices[choice]) {
      ++forced_down_[e];
      element_changed(e, 1);
    }
    return c_.element_count + 1 + f;
  }
  fault_active_[f] = 0;
  fault_end_[f] = now - origin_;
  queue_.reschedule_top(EventQueue::NEVER);
  for (int e : fault.choices[fault_choice_[f]]) {
    --forced_down_[e];
    element_changed(e, -1);
  }
  for (int g : fault_followers_[f]) queue_.set(c_.timer_count + g, now + faults_[g].delay);
  return c_.element_count;  // never charged: an ending fault only brings things up
}

void Replicator::set_component_counts() {
  std::fill(component_down_.begin(), component_down_.end(), 0);
  for (int e = 0; e < c_.element_count; ++e) {
    if (element_up_[e]) continue;
    for (int i = c_.element_components_offsets[e]; i < c_.element_components_offsets[e + 1]; ++i)
      ++component_down_[c_.element_components[i]];
  }
  // A change element stays up: what its bad change in flight has reached is down.
  for (int k = 0; k < static_cast<int>(c_.changes.size()); ++k) {
    const ChangeStep reached = changes_.reached(k);
    for (const int* it = reached.begin; it != reached.end; ++it) ++component_down_[*it];
  }
}

void Replicator::start(bool stationary) {
  queue_.reset(c_.timer_count + static_cast<int>(faults_.size()));
  std::fill(forced_down_.begin(), forced_down_.end(), 0);
  changes_.reset();
  for (int e = 0; e < c_.element_count; ++e) {
    element_up_[e] = true;
    if (!c_.can_fail[e]) continue;
    if (const int k = c_.change_of(e); k >= 0) {
      queue_.set(c_.element_timer[e], changes_.start(k, stationary, element_rng(e)));
      continue;
    }
    double next;
    if (!stationary) {
      next = sample(c_.ttf[e], element_rng(e));
    } else if (element_rng(e).uniform() < c_.availability[e]) {
      next = sample_residual(c_.ttf[e], element_rng(e));
    } else {
      element_up_[e] = false;
      const int d = c_.data.any() ? c_.data.of_element[e] : -1;
      next = d < 0 ? sample_residual(c_.ttr[e], element_rng(e))
                   : data_.residual_down(d, c_.ttr[e], element_rng(e));
    }
    queue_.set(c_.element_timer[e], next);
  }
  start_gates();
  std::fill(down_since_.begin(), down_since_.end(), 0.0);
  cause_since_ = 0.0;
  if (c_.degraded.any) [[unlikely]]
    degraded_.reset();
  if (!stationary && all_up_.valid) {
    restore_all_up_state();
  } else {
    evaluate_start_state();
    if (!stationary) save_all_up_state();
  }
  if (c_.degraded.any) [[unlikely]]
    degraded_.start(level_down_.data());
}

void Replicator::evaluate_start_state() {
  set_component_counts();
  // Every service starts down and waiting, so evaluation picks the first healthy replica of an
  // active_passive service without running a failover (and without a random draw); then
  // everything is evaluated once.
  std::fill(service_up_.get(), service_up_.get() + c_.service_count, false);
  std::fill(slot_usable_.get(), slot_usable_.get() + c_.slot_count, false);
  std::fill(usable_in_scope_.begin(), usable_in_scope_.end(), 0);
  std::fill(phase_.begin(), phase_.end(), WAITING);
  std::copy(c_.level_service_count.begin(), c_.level_service_count.end(), level_down_.begin());
  for (int p = 0; p < c_.service_count; ++p) mark_dirty(p, DIRTY_ALL);
  propagate(0.0);
  for (int k : touched_capabilities_) capability_touched_[k] = false;
  touched_capabilities_.clear();

  capabilities_down_ = 0;
  for (int k = 0; k < c_.capability_count; ++k) {
    measure_up_[1 + k] = capability_up(k);
    capabilities_down_ += !measure_up_[1 + k];
  }
  measure_up_[0] = capabilities_down_ == 0;
  if (!measure_up_[0]) {
    // Down at the start: charge the broadest element that is down (the stationary start), or
    // "down at start" when nothing is down (a structure that can never be up).
    system_cause_ = c_.element_count;
    for (int e = 0; e < c_.element_count; ++e) {
      if (!element_up_[e] || (c_.change_of(e) >= 0 && changes_.in_flight(c_.change_of(e)))) {
        system_cause_ = e;
        break;
      }
    }
  }
}

void Replicator::save_all_up_state() {
  StartState& s = all_up_;
  s.slot_healthy.assign(slot_healthy_.get(), slot_healthy_.get() + c_.slot_count);
  s.slot_usable.assign(slot_usable_.get(), slot_usable_.get() + c_.slot_count);
  s.slot_dependencies_ok.assign(slot_dependencies_ok_.get(),
                                slot_dependencies_ok_.get() + c_.slot_count);
  s.service_up.assign(service_up_.get(), service_up_.get() + c_.service_count);
  s.measure_up.assign(measure_up_.get(), measure_up_.get() + measure_count_);
  s.usable_in_scope = usable_in_scope_;
  s.serving = serving_;
  s.level_down = level_down_;
  s.phase = phase_;
  s.capabilities_down = capabilities_down_;
  s.system_cause = system_cause_;
  s.valid = true;
}

void Replicator::restore_all_up_state() {
  const StartState& s = all_up_;
  std::fill(component_down_.begin(), component_down_.end(), 0);
  std::copy(s.slot_healthy.begin(), s.slot_healthy.end(), slot_healthy_.get());
  std::copy(s.slot_usable.begin(), s.slot_usable.end(), slot_usable_.get());
  std::copy(s.slot_dependencies_ok.begin(), s.slot_dependencies_ok.end(),
            slot_dependencies_ok_.get());
  std::copy(s.service_up.begin(), s.service_up.end(), service_up_.get());
  std::copy(s.measure_up.begin(), s.measure_up.end(), measure_up_.get());
  std::copy(s.usable_in_scope.begin(), s.usable_in_scope.end(), usable_in_scope_.begin());
  std::copy(s.serving.begin(), s.serving.end(), serving_.begin());
  std::copy(s.level_down.begin(), s.level_down.end(), level_down_.begin());
  std::copy(s.phase.begin(), s.phase.end(), phase_.begin());
  capabilities_down_ = s.capabilities_down;
  system_cause_ = s.system_cause;
}

void Replicator::configure(double window_hours, std::vector<std::uint32_t> element_keys,
                           std::vector<std::uint32_t> service_keys) {
  window_hours_ = window_hours;
  per_element_ = !element_keys.empty();
  element_key_ = std::move(element_keys);
  service_key_ = std::move(service_keys);
  element_rng_.assign(per_element_ ? element_key_.size() : 0, Stream());
  service_rng_.assign(per_element_ ? service_key_.size() : 0, Stream());
}

void Replicator::add_window_downtime(double from, double to) {
  // The down interval [from, to) split over the whole windows it overlaps; the part after the
  // last whole window is not counted anywhere.
  from -= origin_;
  to -= origin_;
  const double first = std::floor(from / window_hours_);
  if (!(first < static_cast<double>(window_count_))) return;  // past the recorded windows
  for (int w = static_cast<int>(first); w < window_count_; ++w) {
    const double begin = w * window_hours_, end = begin + window_hours_;
    if (to <= begin) break;
    const double overlap = std::min(to, end) - std::max(from, begin);
    if (overlap > 0.0) window_down_[static_cast<std::size_t>(w)] += overlap;
  }
}

inline void Replicator::element_changed(int element, int delta) {
  const int* offsets = c_.element_components_offsets.data();
  const int* components = c_.element_components.data();
  components_changed(components + offsets[element], components + offsets[element + 1], delta);
  if (c_.control_plane_count > 0) [[unlikely]]
    planes_changed(element, delta);
  if (c_.data.any()) [[unlikely]]
    data_.element_changed(element, delta, now_);
}

inline void Replicator::components_changed(const int* begin, const int* end, int delta) {
  const int* slot_offsets = c_.component_slots_offsets.data();
  const int* slots = c_.component_slots.data();
  const int* slot_service = c_.slot_service.data();
  int* down = component_down_.data();
  for (const int* it = begin; it != end; ++it) {
    const int component = *it;
    const int before = down[component];
    const int after = before + delta;
    down[component] = after;
    if ((before == 0) != (after == 0)) {
      for (int j = slot_offsets[component]; j < slot_offsets[component + 1]; ++j)
        mark_dirty(slot_service[slots[j]], DIRTY_COMPONENTS);
    }
  }
}

void Replicator::fire_trigger(int trigger, double now) {
  for (int i = c_.trigger_offsets[trigger]; i < c_.trigger_offsets[trigger + 1]; ++i) {
    const int member = c_.trigger_elements[i];
    if (!element_up_[member]) continue;  // already down: the common failure changes nothing
    element_up_[member] = false;
    // The member's own failure clock is replaced by its repair; after the repair it starts a
    // new time to failure, as after any failure.
    queue_.set(c_.element_timer[member], now + sample(c_.ttr[member], element_rng(member)));
    element_changed(member, 1);
    if (c_.gated) [[unlikely]]
      gate_element(member, true);
  }
}

void Replicator::propagate(double now) {
  // Evaluation marks only later services (dependents) dirty, except when a freed responder or
  // control plane restarts an earlier service's failover: then another pass from the earliest.
  while (dirty_count_ > 0) {
    int p = dirty_min_;
    dirty_min_ = c_.service_count;
    for (; dirty_count_ > 0 && p < c_.service_count; ++p) {
      const Dirty why = dirty_[p];
      if (why == CLEAN) continue;
      dirty_[p] = CLEAN;
      --dirty_count_;
      evaluate(p, why, now);
    }
  }
  dirty_min_ = c_.service_count;
}

inline void Replicator::set_service_up(int service, bool up) {
  service_up_[service] = up;
  const int delta = up ? -1 : 1;
  for (int i = c_.service_levels_offsets[service]; i < c_.service_levels_offsets[service + 1];
       ++i) {
    const int level = c_.service_levels[i];
    level_down_[level] += delta;
    touch_capability(c_.level_capability[level]);
  }
}

void Replicator::check_dependencies(int p, double now) {
  // A dependency is satisfied when its service is up and a usable replica lies in scope.
  const int* deps_offsets = c_.slot_deps_offsets.data();
  const int* dep_service = c_.dep_service.data();
  const int* in_scope = usable_in_scope_.data();
  const bool* service_up = service_up_.get();
  bool* deps_ok = slot_dependencies_ok_.get();
  const int begin = c_.service_slot_begin[p];
  const int end = c_.service_slot_end[p];
  if (!c_.degraded.any) [[likely]] {
    for (int slot = begin; slot < end; ++slot) {
      bool ok = true;
      for (int d = deps_offsets[slot]; d < deps_offsets[slot + 1]; ++d)
        ok = ok & service_up[dep_service[d]] & (in_scope[d] > 0);
      deps_ok[slot] = ok;
    }
    return;
  }
  // A dependency whose feature flag is switched off is not needed; a flag is needed while its
  // dependency fails any replica.
  const bool* off = degraded_.switched_off();
  bool* failing = degraded_.failing();
  const int* dep_flag = c_.degraded.dep_flag.data();
  for (int slot = begin; slot < end; ++slot) {
    bool ok = true;
    for (int d = deps_offsets[slot]; d < deps_offsets[slot + 1]; ++d) {
      const bool satisfied = service_up[dep_service[d]] & (in_scope[d] > 0);
      failing[dep_flag[d]] |= !satisfied;
      ok = ok & (satisfied | off[dep_flag[d]]);
    }
    deps_ok[slot] = ok;
  }
  const graph::Rows& flags = c_.degraded.service_flags;
  for (const int* f = flags.begin(p); f != flags.end(p); ++f) {
    flag_needed(*f, failing[*f], now);
    failing[*f] = false;
  }
}

void Replicator::evaluate(int p, Dirty why, double now) {
  if (why & DIRTY_DEPENDENCIES) check_dependencies(p, now);
  const int begin = c_.service_slot_begin[p];
  const int end = c_.service_slot_end[p];
  const int* slot_component = c_.slot_component.data();
  const int* down = component_down_.data();
  const bool* deps_ok = slot_dependencies_ok_.get();
  bool* healthy_of = slot_healthy_.get();
  int healthy = 0;
  for (int slot = begin; slot < end; ++slot) {
    const bool h = (down[slot_component[slot]] == 0) & deps_ok[slot];  // & : no branch
    healthy_of[slot] = h;
    healthy += h;
  }

  bool up;
  if (!c_.active_passive[p]) {
    up = healthy >= c_.min_healthy[p];
    const bool* usable = slot_usable_.get();
    for (int slot = begin; slot < end; ++slot)
      if (usable[slot] != healthy_of[slot]) set_usable(slot, healthy_of[slot]);
  } else {
    up = serve(p, now);
  }
  if (c_.data.any()) [[unlikely]] {
    if (const int d = c_.data.of_service[p]; d >= 0)
      data_.observe(d, healthy_of, serving_[p], up, now);
  }
  if (up != service_up_[p]) {
    set_service_up(p, up);
    for (int i = c_.dependents_offsets[p]; i < c_.dependents_offsets[p + 1]; ++i)
      mark_dirty(c_.dependents[i], DIRTY_DEPENDENCIES);
  }
}

bool Replicator::serve(int p, double now) {
  const int begin = c_.service_slot_begin[p];
  const int end = c_.service_slot_end[p];
  const bool* healthy_of = slot_healthy_.get();
  bool up = false;
  auto serve_first_healthy = [&] {
    for (int slot = begin; slot < end; ++slot) {
      if (healthy_of[slot]) {
        serving_[p] = slot;
        phase_[p] = SERVING;
        up = true;
        return;
      }
    }
  };
  switch (phase_[p]) {
    case SERVING:
      if (healthy_of[serving_[p]]) {
        up = true;
        break;
      }
      // The serving replica failed: the service is down while a failover runs.
      if (!begin_failover(p, now)) break;
      [[fallthrough]];
    case WAITING:
      // Failover done: the first healthy replica in replica order serves, at once.
      serve_first_healthy();
      break;
    case DETECTING:
    case PLANE_WAIT:
    case RESPONDER_WAIT:
    case FAILOVER:
      if (healthy_of[serving_[p]]) {
        // The serving replica came back before the failover completed: resume on it.
        if (c_.failover_gated[p]) [[unlikely]]
          cancel_gated_failover(p);
        queue_.set(c_.service_timer[p], EventQueue::NEVER);
        phase_[p] = SERVING;
        up = true;
      } else if (phase_[p] == PLANE_WAIT && retry_plane_wait(p)) [[unlikely]] {
        // The control plane is back and the switchover takes no time: the first healthy
        // replica serves at once.
        serve_first_healthy();
      }
      break;
  }
  // Only the serving replica of an active_passive service is usable by its dependents.
  const bool* usable = slot_usable_.get();
  const int serving = serving_[p];
  for (int slot = begin; slot < end; ++slot) {
    const bool u = up && slot == serving;
    if (usable[slot] != u) set_usable(slot, u);
  }
  return up;
}

bool Replicator::begin_failover(int p, double now) {
  // The target is the first healthy replica in replica order now; the timings are the target's
  // (the service's when no replica is healthy).
  const bool* healthy_of = slot_healthy_.get();
  int target = -1;
  for (int slot = c_.service_slot_begin[p]; slot < c_.service_slot_end[p] && target < 0; ++slot)
    if (healthy_of[slot]) target = slot;
  Stream& rng = service_rng(p);
  ++failovers_[p];
  const bool success = rng.uniform() < (target < 0 ? c_.success_probability[p]
                                                   : c_.slot_success_probability[target]);
  const Sampler& after =
      success ? (target < 0 ? c_.switchover[p] : c_.slot_switchover[target])
              : (target < 0 ? c_.manual_recovery[p] : c_.slot_manual_recovery[target]);
  failed_failovers_[p] += !success;
  manual_recovery_[p] = !success;
  double delay = sample(c_.detection[p], rng);  // drawn first: one stream, fixed order
  const double step = sample(after, rng);
  if (c_.failover_gated[p]) [[unlikely]] {
    // Detection first; what follows may wait for a control plane or a responder.
    begin_gated_failover(p, target, success, delay, step);
    return phase_[p] == WAITING;
  }
  delay += step;
  if (delay > 0.0) {
    phase_[p] = FAILOVER;
    queue_.set(c_.service_timer[p], now + delay);
    return false;
  }
  phase_[p] = WAITING;  // an instant failover completes at once
  return true;
}

inline void Replicator::set_usable(int slot, bool u) {
  // Dependents are re-evaluated only when a scope gains its first usable replica or loses its
  // last one; any other change cannot alter their health.
  slot_usable_[slot] = u;
  const int delta = u ? 1 : -1;
  for (int i = c_.candidate_entries_offsets[slot]; i < c_.candidate_entries_offsets[slot + 1];
       ++i) {
    const int d = c_.candidate_entries[i];
    const int before = usable_in_scope_[d];
    usable_in_scope_[d] = before + delta;
    if ((before == 0) != (before + delta == 0))
      mark_dirty(c_.slot_service[c_.dep_slot[d]], DIRTY_DEPENDENCIES);
  }
}

void Replicator::record_transitions(double now, int cause, ReplicationOutcome& out) {
  if (c_.degraded.any) [[unlikely]] {
    for (int k : touched_capabilities_) degraded_.capability_changed(k, level_down_.data(), now);
    degraded_.system_changed(now);
  }
  for (int k : touched_capabilities_) {
    capability_touched_[k] = false;
    const int m = 1 + k;
    const bool up = capability_up(k);
    if (up == measure_up_[m]) continue;
    measure_up_[m] = up;
    capabilities_down_ += up ? -1 : 1;
    if (!up) {
      ++out.incidents[m];
      down_since_[m] = now;
      if (out.first_down_hours[m] < 0.0) out.first_down_hours[m] = now - origin_;
    } else {
      const double duration = now - down_since_[m];
      out.downtime_hours[m] += duration;
      out.last_up_hours[m] = now - origin_;
      if (left_censored_[m]) {
        left_censored_[m] = 0;  // began before the measurement: its length is unknown here
        continue;
      }
      ++out.completed[m];
      out.completed_hours[m] += duration;
      add_duration(m, duration, out);
    }
  }
  touched_capabilities_.clear();

  const bool up = capabilities_down_ == 0;
  if (up == measure_up_[0]) return;
  measure_up_[0] = up;
  if (!up) {
    ++out.incidents[0];
    down_since_[0] = now;
    if (out.first_down_hours[0] < 0.0) out.first_down_hours[0] = now - origin_;
    system_cause_ = cause;
    cause_since_ = now;
    ++cause_incidents_[cause];
    if (!cause_touched_[cause]) {
      cause_touched_[cause] = true;
      touched_causes_.push_back(cause);
    }
    if (c_.gated) [[unlikely]] {
      // A failover already waiting when the system goes down: the wait is what it is down for.
      for (int p = 0; p < c_.service_count; ++p) {
        if (wait_cause_[p] < 0) continue;
        wait_restore_[p] = system_cause_;
        switch_cause(wait_cause_[p]);
        break;
      }
    }
  } else {
    const double duration = now - down_since_[0];
    out.last_up_hours[0] = now - origin_;
    if (window_count_ > 0) add_window_downtime(down_since_[0], now);
    out.downtime_hours[0] += duration;
    if (left_censored_[0]) {
      left_censored_[0] = 0;
    } else {
      ++out.completed[0];
      out.completed_hours[0] += duration;
      add_duration(0, duration, out);
    }
    cause_hours_[system_cause_] += now - cause_since_;
    if (c_.gated) [[unlikely]]
      std::fill(wait_restore_.begin(), wait_restore_.end(), -1);
    if (!cause_touched_[system_cause_]) {
      cause_touched_[system_cause_] = true;
      touched_causes_.push_back(system_cause_);
    }
  }
}

void Replicator::add_duration(int m, double hours, ReplicationOutcome& out) {
  data_.incident_completed(m, hours);
  add_listed(hours, out.durations[m], out.folded_durations[m]);
}

void Replicator::begin_measurement(double at, ReplicationOutcome& out) {
  // Everything recorded during the warm-up is dropped. An outage in progress at `at` counts as
  // downtime from `at` (charged to the element that caused it) but not as an incident, and its
  // duration is left out of the completed durations (it is left-censored).
  const std::int64_t events = out.events;
  out.downtime_hours.assign(measure_count_, 0.0);
  out.incidents.assign(measure_count_, 0);
  out.completed.assign(measure_count_, 0);
  out.completed_hours.assign(measure_count_, 0.0);
  for (auto& d : out.durations) d.clear();
  for (auto& f : out.folded_durations) f.reset();
  out.events = events;
  std::fill(failovers_.begin(), failovers_.end(), 0);
  std::fill(failed_failovers_.begin(), failed_failovers_.end(), 0);
  for (int cause : touched_causes_) {
    cause_hours_[cause] = 0.0;
    cause_incidents_[cause] = 0;
    cause_touched_[cause] = false;
  }
  touched_causes_.clear();
  std::fill(window_down_.begin(), window_down_.end(), 0.0);
  changes_.begin_measurement(at);
  data_.begin_measurement(at);
  if (c_.degraded.any) [[unlikely]]
    degraded_.begin_measurement(at);
  origin_ = at;
  for (int m = 0; m < measure_count_; ++m) {
    out.first_down_hours[m] = measure_up_[m] ? -1.0 : 0.0;
    out.last_up_hours[m] = -1.0;
    if (measure_up_[m]) continue;
    down_since_[m] = at;
    left_censored_[m] = 1;
  }
  cause_since_ = at;
}

void Replicator::close(double horizon, ReplicationOutcome& out) {
  // Incidents still open at the horizon count as downtime up to the horizon; they are censored,
  // so they are not among the completed incident durations.
  for (int m = 0; m < measure_count_; ++m) {
    if (measure_up_[m]) continue;
    out.downtime_hours[m] += horizon - down_since_[m];
  }
  if (!measure_up_[0]) {
    if (window_count_ > 0) add_window_downtime(down_since_[0], horizon);
    cause_hours_[system_cause_] += horizon - cause_since_;
    if (!cause_touched_[system_cause_]) {
      cause_touched_[system_cause_] = true;
      touched_causes_.push_back(system_cause_);
    }
  }
  changes_.close(horizon, out.change_replica_hours, out.bad_changes);
  for (int m = 0; m < measure_count_; ++m) out.down_at_end[m] = !measure_up_[m];
  out.failovers = failovers_;
  out.failed_failovers = failed_failovers_;
  data_.close(horizon, out);
  if (c_.degraded.any) [[unlikely]]
    degraded_.close(horizon, out);
  out.window_availability.resize(window_down_.size());
  for (std::size_t w = 0; w < window_down_.size(); ++w)
    out.window_availability[w] = std::clamp(1.0 - window_down_[w] / window_hours_, 0.0, 1.0);
  for (int cause : touched_causes_) {
    out.attribution.push_back({cause, cause_hours_[cause], cause_incidents_[cause]});
    cause_hours_[cause] = 0.0;
    cause_incidents_[cause] = 0;
    cause_touched_[cause] = false;
  }
  touched_causes_.clear();
}

RunStatus Replicator::run(std::uint64_t seed, std::int64_t index, double horizon, bool stationary,
                          double warmup, const StopSignal& stop, ReplicationOutcome& out) {
  out.downtime_hours.assign(measure_count_, 0.0);
  out.incidents.assign(measure_count_, 0);
  out.completed.assign(measure_count_, 0);
  out.completed_hours.assign(measure_count_, 0.0);
  out.durations.resize(measure_count_);
  for (auto& d : out.durations) d.clear();
  out.folded_durations.resize(measure_count_);
  for (auto& f : out.folded_durations) f.reset();
  out.attribution.clear();
  out.first_down_hours.assign(measure_count_, -1.0);
  out.last_up_hours.assign(measure_count_, -1.0);
  out.down_at_end.assign(measure_count_, 0);
  std::fill(failovers_.begin(), failovers_.end(), 0);
  std::fill(failed_failovers_.begin(), failed_failovers_.end(), 0);
  out.events = 0;
  out.completion = Completion::not_run;
  out.measured_hours = 0.0;

  rng_.reset(seed, static_cast<std::uint64_t>(index));
  if (per_element_) {
    for (std::size_t e = 0; e < element_rng_.size(); ++e)
      element_rng_[e].reset(seed, static_cast<std::uint64_t>(index), element_key_[e]);
    for (std::size_t p = 0; p < service_rng_.size(); ++p)
      service_rng_[p].reset(seed, static_cast<std::uint64_t>(index), service_key_[p]);
  }
  for (std::size_t f = 0; f < fault_rng_.size(); ++f)
    fault_rng_[f].reset(seed, static_cast<std::uint64_t>(index), fault_key_[f]);
  // Windows in double first: a long horizon over a short window overflows an int.
  const double whole = window_hours_ > 0.0 ? std::floor(horizon / window_hours_ + 1e-9) : 0.0;
  const double room =
      std::max(0.0, static_cast<double>(MAX_WINDOWS) - static_cast<double>(index) * whole);
  window_count_ = static_cast<int>(std::min(whole, room));
  out.windows_dropped = static_cast<double>(window_count_) < whole;
  window_down_.assign(static_cast<std::size_t>(window_count_), 0.0);
  out.window_availability.clear();
  origin_ = 0.0;
  reached_ = 0.0;
  std::fill(left_censored_.begin(), left_censored_.end(), 0);
  if (c_.degraded.any) [[unlikely]]
    degraded_.seed(seed, index);
  start(stationary);
  data_.start(seed, index, 0.0, slot_healthy_.get(), serving_, service_up_.get(),
              element_up_.get());
  if (tracer_) tracer_->reset();
  if (warmup <= 0.0) {
    if (!faults_.empty()) schedule_faults(0.0);
    if (tracer_) tracer_->begin(*this, 0.0);
  }

  if (warmup > 0.0) {
    // Warm-up: the same loop and stream, then every statistic is reset at the boundary while the
    // state reached (elements, timers, failovers, serving replicas, up/down) carries on.
    const RunStatus status = advance(warmup, stop, out);
    if (status != RunStatus::complete) return status;  // nothing measured yet: not_run
    begin_measurement(warmup, out);
    if (!faults_.empty()) schedule_faults(warmup);
    if (tracer_) tracer_->begin(*this, warmup);
  }
  const RunStatus status = advance(warmup + horizon, stop, out);
  if (status == RunStatus::cancelled) return status;
  if (status == RunStatus::timed_out) {
    // Cut short: close the figures at the last event, honestly, as a shorter horizon; only the
    // windows that ended by then are whole.
    const double end = std::max(reached_, warmup);
    out.measured_hours = end - warmup;
    const double ended = std::floor(out.measured_hours / (window_hours_ > 0 ? window_hours_ : 1));
    if (window_count_ > 0 && ended < window_count_) {
      window_count_ = static_cast<int>(ended);
      window_down_.resize(static_cast<std::size_t>(window_count_));
      out.windows_dropped = true;
    }
    close(end, out);
    if (out.measured_hours > 0.0) out.completion = Completion::cut_short;
    return status;
  }
  close(warmup + horizon, out);
  out.completion = Completion::complete;
  out.measured_hours = horizon;
  return status;
}

RunStatus Replicator::advance(double until, const StopSignal& stop, ReplicationOutcome& out) {
  const int* timer_element = c_.timer_element.data();
  const Sampler* ttf = c_.ttf.data();
  const Sampler* ttr = c_.ttr.data();
  bool* element_up = element_up_.get();
  std::int64_t events = out.events;
  for (;;) {
    const double now = queue_.top_time();
    if (!(now < until)) break;
    now_ = now;
    const int timer = queue_.top();
    int cause;
    if (timer >= c_.timer_count) [[unlikely]] {
      cause = fault_event(timer - c_.timer_count, now);
    } else if (const int element = timer_element[timer]; element >= 0) {
      // Up and down alternate at random: selected without a branch, which would be mispredicted
      // about half the time.
      const bool was_up = element_up[element];
      element_up[element] = !was_up;
      const Sampler* next = was_up ? ttr : ttf;
      queue_.reschedule_top(now + sample(next[element], element_rng(element)));
      if (c_.data.any()) [[unlikely]] {
        // A corruption begins (down for its detection, then the restore just drawn) or its
        // restore completes.
        if (const int d = c_.data.of_element[element]; d >= 0) {
          if (was_up)
            queue_.set(timer, queue_.time_of(timer) + data_.corruption_began(d, now));
          else
            data_.corruption_ended(d);
        }
      }
      element_changed(element, was_up ? 1 : -1);
      if (c_.gated) [[unlikely]]
        gate_element(element, was_up);
      cause = element;
    } else if (const int trigger = c_.timer_trigger[timer]; trigger >= 0) {
      // A common failure (beta factor, individual repair): its next occurrence is scheduled
      // first (the others' timers move below), then every member that is up fails now.
      queue_.reschedule_top(now + sample(ttf[trigger], element_rng(trigger)));
      fire_trigger(trigger, now);
      cause = trigger;
    } else if (const int k = c_.timer_change[timer]; k >= 0) {
      // A bad change arrives, reaches its next wave, or is rolled back (change_process.h).
      const int change_element = c_.changes[k].element;
      double next;
      const ChangeStep step = changes_.fire(k, now, element_rng(change_element), next);
      queue_.reschedule_top(next);
      components_changed(step.begin, step.end, step.delta);
      cause = change_element;
    } else if (c_.degraded.any && c_.timer_flag[timer] >= 0) [[unlikely]] {
      switch_off(c_.timer_flag[timer]);
      cause = c_.element_count;  // never charged: switching a dependency off only brings service up
    } else {
      // A failover completes.
      const int p = c_.timer_service[timer];
      queue_.reschedule_top(EventQueue::NEVER);
      if (phase_[p] == DETECTING) {
        detection_done(p);  // the next step of a gated failover
      } else {
        phase_[p] = WAITING;
        if (holds_responder_[p]) {
          holds_responder_[p] = 0;
          free_responder();
        }
      }
      if (phase_[p] == WAITING) mark_dirty(p, DIRTY_COMPONENTS);
      cause = c_.element_count;  // never charged: a completing failover only brings service up
    }
    if (dirty_count_ > 0) propagate(now);
    if (!touched_capabilities_.empty()) record_transitions(now, cause, out);
    if (tracer_) [[unlikely]]
      tracer_->after_event(*this, now, timer, cause);
    if ((++events & STOP_CHECK_MASK) == 0) {
      const bool cancelled = stop.cancelled();
      if (cancelled || stop.past_deadline()) {
        out.events = events;
        reached_ = now;
        return cancelled ? RunStatus::cancelled : RunStatus::timed_out;
      }
    }
  }
  out.events = events;
  return RunStatus::complete;
}

}  // namespace outagesim::sim

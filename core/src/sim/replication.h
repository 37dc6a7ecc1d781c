// One replication: the discrete-event simulation of every element, service, capability and the
// system over one horizon, on flat arrays reused from one replication to the next.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "compiled.h"
#include "data_loss.h"
#include "degraded_modes.h"
#include "event_queue.h"
#include "outagesim/sim/rng.h"
#include "outagesim/sim/samplers.h"
#include "statistics.h"

namespace outagesim::sim {

// Downtime charged to one cause in one replication. Causes are element ids, or
// Compiled::element_count for "down at the start" (stationary start only).
struct CauseShare {
  int cause;
  double hours;
  std::int64_t incidents;
};

// How a replication ended.
enum class Completion : unsigned char {
  not_run,    // not started, cancelled, or stopped by the time limit before measuring anything
  complete,   // the whole horizon
  cut_short,  // stopped by the time limit after measured_hours of the horizon
};

// What one replication observed. Measure 0 is the system, measure 1 + k capability k.
struct ReplicationOutcome {
  std::vector<double> downtime_hours;
  std::vector<std::int64_t> incidents;         // up-to-down transitions
  std::vector<std::int64_t> completed;         // incidents that ended inside the horizon
  std::vector<double> completed_hours;         // their total duration
  std::vector<std::vector<double>> durations;  // their durations (the last ones listed)
  // Per measure: the durations folded out of `durations` once it held MAX_LISTED
  // (null while none were).
  std::vector<std::unique_ptr<LogHistogram>> folded_durations;
  std::vector<CauseShare> attribution;  // system downtime by cause
  // Per change (Compiled::changes): replica-hours down because of bad changes (each replica
  // from when a wave reached it to the end of the rollback), and bad changes that began.
  std::vector<double> change_replica_hours;
  std::vector<std::int64_t> bad_changes;
  std::int64_t events = 0;
  // Per measure, hours from the measurement start: when it first went down (0 when down at the
  // start, -1 when never down) and when it last came back up (-1 when never), and whether it was
  // down at the end. Per service position: failovers that began and those that failed (went to
  // manual recovery). What a scenario reports per run (scenario.h).
  std::vector<double> first_down_hours, last_up_hours;
  std::vector<char> down_at_end;
  std::vector<std::int64_t> failovers, failed_failovers;
  std::vector<double> window_availability;  // system, per whole window (configure())
  // Data (data_loss.h). Per data service d (Compiled::data) and cause c (DataCause), at
  // [d * DATA_CAUSES + c]: the events that lost data and the hours of writes they lost. Per data
  // service: corruption restores, those with no clean backup left (not in the hours), and each
  // loss in minutes (the last ones listed, the rest folded as for durations). Per measure:
  // losses above its RPO (unrecoverable ones included), completed incidents above its RTO.
  std::vector<std::int64_t> loss_events;
  std::vector<double> loss_hours;
  std::vector<std::int64_t> restores, unrecoverable;
  std::vector<double> write_down_hours;  // per data service with a quorum: writes refused
  std::vector<std::vector<double>> losses;
  std::vector<std::unique_ptr<LogHistogram>> folded_losses;
  std::vector<std::int64_t> over_rpo, over_rto;
  // Degraded modes (degraded_modes.h), per measure; empty for a model without them: the hours
  // in full (every service of the full form up, no flag switched off), and the integral of the
  // value delivered (hours times the share of the full capability).
  std::vector<double> full_hours, value_hours;
  bool windows_dropped = false;  // whole windows past Options' MAX_WINDOWS were not recorded
  Completion completion = Completion::not_run;
  double measured_hours = 0.0;  // the horizon, or less when cut short
};

// When a replication must stop early: a cancel flag (Ctrl-C) and a wall-clock deadline, both
// looked at every few thousand events.
struct StopSignal {
  const std::atomic<bool>* cancel = nullptr;
  bool has_deadline = false;
  std::chrono::steady_clock::time_point deadline{};

  // Stops on `cancel` or once `max_seconds` (0: no limit) have passed since `started`.
  static StopSignal after(const std::atomic<bool>* cancel,
                          std::chrono::steady_clock::time_point started, double max_seconds) {
    StopSignal stop;
    stop.cancel = cancel;
    if (max_seconds > 0.0) {
      stop.has_deadline = true;
      stop.deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(max_seconds));
    }
    return stop;
  }

  bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
  bool past_deadline() const {
    return has_deadline && std::chrono::steady_clock::now() >= deadline;
  }
};

enum class RunStatus : unsigned char { complete, cancelled, timed_out };

// A fault injected into every replication (scenario.h), compiled: while it is active each of
// its elements is held down whatever its own state, as one more reason for its components to
// be down. It starts `offset` hours after the measurement start, or `delay` hours after fault
// `after` ends; its elements are one of `choices`, drawn uniformly per replication, and its
// length a draw of `duration`, both from the fault's own stream.
struct FaultSpec {
  std::vector<std::vector<int>> choices;
  double offset = 0.0;
  int after = -1;
  double delay = 0.0;
  Sampler duration;
};

class Tracer;

class Replicator {
 public:
  explicit Replicator(const Compiled& compiled);

  // Options beyond the defaults: windows of `window_hours` (0: none) whose system availability
  // each replication records; one random stream per element and per failover service, keyed by
  // these hashes (empty: one stream per replication). Keys are indexed by element id and by
  // service position, and must be distinct.
  void configure(double window_hours, std::vector<std::uint32_t> element_keys,
                 std::vector<std::uint32_t> service_keys);
  // Faults injected into every replication from now on, with one stream key each (distinct from
  // the element and service keys). Downtime a fault begins is charged to cause
  // Compiled::element_count + 1 + its index.
  void configure_faults(std::vector<FaultSpec> faults, std::vector<std::uint32_t> keys);
  // Per fault, in the last replication: the choice taken, and when it started and ended (hours
  // from the measurement start; -1 when it did not).
  const std::vector<int>& fault_choice() const { return fault_choice_; }
  const std::vector<double>& fault_start() const { return fault_start_; }
  const std::vector<double>& fault_end() const { return fault_end_; }
  // Observes every event of the measured part of the next replications (null: none).
  void set_tracer(Tracer* tracer) { tracer_ = tracer; }

  // Runs replication `index` of `seed`: first `warmup_hours` unrecorded (0: none), then
  // `horizon_hours` measured from the state reached. Cancelled: out.completion is not_run.
  // Timed out: the figures up to the last event are closed there (out.completion cut_short,
  // out.measured_hours the time measured), or not_run when still in the warm-up. Of the whole
  // windows, only the first MAX_WINDOWS over all replications are recorded (replication
  // `index` knows how many the replications before it recorded: they all have the same count).
  RunStatus run(std::uint64_t seed, std::int64_t index, double horizon_hours, bool stationary,
                double warmup_hours, const StopSignal& stop, ReplicationOutcome& out);

 private:
  // A failover whose steps a control plane or a responder gates (Compiled::failover_gated) first
  // runs DETECTING, then FAILOVER (switchover or manual recovery under way), with PLANE_WAIT
  // (a control plane it needs is down) or RESPONDER_WAIT (queued for a responder) between.
  enum Phase : unsigned char { SERVING, FAILOVER, WAITING, DETECTING, PLANE_WAIT, RESPONDER_WAIT };
  // Why a service must be re-evaluated: one of its replicas' components changed, or one of its
  // dependencies changed (only then are the scoped dependency checks redone).
  enum Dirty : unsigned char {
    CLEAN = 0,
    DIRTY_COMPONENTS = 1,
    DIRTY_DEPENDENCIES = 2,
    DIRTY_ALL = 3
  };
  // Flags are bool, not unsigned char: stores through unsigned char may alias anything and
  // would force the compiler to reload every array pointer in the hot loops.
  using Flags = std::unique_ptr<bool[]>;

  friend class Tracer;

  void start(bool stationary);
  // Fault timers start at Compiled::timer_count.
  void schedule_faults(double at);
  // A fault starts or ends now; returns the cause to charge.
  int fault_event(int fault, double now);
  Stream& element_rng(int element) { return per_element_ ? element_rng_[element] : rng_; }
  Stream& service_rng(int service) { return per_element_ ? service_rng_[service] : rng_; }
  void add_window_downtime(double from, double to);
  void evaluate_start_state();
  void save_all_up_state();
  void restore_all_up_state();
  void set_component_counts();
  void element_changed(int element, int delta);
  // A trigger element fires: every up member it lists fails now (Compiled::trigger_elements).
  void fire_trigger(int trigger, double now);
  // Components in [begin, end) gain (delta 1) or lose (-1) one reason to be down.
  void components_changed(const int* begin, const int* end, int delta);
  // --- gated recovery (gates.cpp) ---
  // Jobs that wait for a control plane or a responder: an element id (>= 0) or ~p for the
  // failover of service position p.
  void start_gates();
  void reset_gates();  // the per-element and per-service state of gated recovery, emptied
  // Element `element` gained (delta 1) or lost (-1) a reason to be down: the control planes it
  // supports follow; one that becomes usable releases its waiting jobs.
  void planes_changed(int element, int delta);
  void release_plane(int plane);
  // Element `element` just failed (its timer holds its drawn repair) or was just repaired.
  void gate_element(int element, bool failed);
  // A failover waiting for a control plane is evaluated: it waits on (for the first control
  // plane still down) or starts its switchover; true when that completed at once.
  bool retry_plane_wait(int p);
  void begin_gated_failover(int p, int target, bool success, double detection, double after);
  void detection_done(int p);
  void start_failover_step(int p, double hours);  // FAILOVER for `hours`, or WAITING at once
  void cancel_gated_failover(int p);
  void request_responder(int job);
  void assign_responder(int job);
  void free_responder();
  int first_down_plane(int p) const;
  // While the system is down, what follows is charged to `cause` (a wait began or ended).
  void switch_cause(int cause);
  void begin_wait(int p, int cause);
  void end_wait(int p);

  // --- degraded modes (degraded_modes.cpp) ---
  // Capability k is up while any of its levels has every service up.
  bool capability_up(int k) const {
    for (int l = c_.capability_levels[k]; l < c_.capability_levels[k + 1]; ++l)
      if (level_down_[l] == 0) return true;
    return false;
  }
  void touch_capability(int k) {
    if (capability_touched_[k]) return;
    capability_touched_[k] = true;
    touched_capabilities_.push_back(k);
  }
  // Whether flag `flag`'s dependency now fails some replica of its service: the decision starts
  // when it begins to, and the dependency is used again at once when it no longer does.
  void flag_needed(int flag, bool needed, double now);
  // Flag `flag`'s decision is made: its dependency is switched off.
  void switch_off(int flag);

  void mark_dirty(int service, Dirty why) {
    const Dirty before = dirty_[service];
    if (before == CLEAN) {
      ++dirty_count_;
      if (service < dirty_min_) dirty_min_ = service;
    }
    dirty_[service] = static_cast<Dirty>(before | why);
  }
  void propagate(double now);
  void evaluate(int service, Dirty why, double now);
  // Recomputes slot_dependencies_ok_ for the replicas of service position `p` (with feature
  // flags: also whether each flag is needed).
  void check_dependencies(int p, double now);
  // Active_passive service `p` after its replicas' health changed: its failover state moves on;
  // returns whether it is up. Keeps only its serving replica usable.
  bool serve(int p, double now);
  // The serving replica of `p` just failed: a failover begins (its draws made now); true when
  // it completed at once.
  bool begin_failover(int p, double now);
  void set_service_up(int service, bool up);
  void set_usable(int slot, bool usable);
  void record_transitions(double now, int cause, ReplicationOutcome& out);
  void close(double horizon, ReplicationOutcome& out);
  // Runs events before `until`; stops early (reached_ = the last event's time) when `stop` says.
  RunStatus advance(double until, const StopSignal& stop, ReplicationOutcome& out);
  void add_duration(int measure, double hours, ReplicationOutcome& out);
  // The end of the warm-up at time `at`: statistics reset, state kept.
  void begin_measurement(double at, ReplicationOutcome& out);

  const Compiled& c_;
  Stream rng_;
  bool per_element_ = false;
  std::vector<std::uint32_t> element_key_, service_key_;
  std::vector<Stream> element_rng_, service_rng_;
  double window_hours_ = 0.0;
  int window_count_ = 0;
  std::vector<double> window_down_;  // system downtime hours in each window of this replication
  EventQueue queue_;
  int measure_count_;

  Flags element_up_;
  std::vector<int> component_down_;  // down elements in the component's support
  Flags slot_healthy_, slot_usable_;
  Flags slot_dependencies_ok_;        // cached: every dependency satisfied for the replica
  std::vector<int> usable_in_scope_;  // per dependency entry: usable candidates in scope
  Flags service_up_;
  std::vector<Phase> phase_;
  std::vector<int> serving_;
  std::vector<Dirty> dirty_;
  int dirty_count_ = 0;
  int dirty_min_ = 0;
  std::vector<int> level_down_;  // down services of each capability level
  int capabilities_down_ = 0;    // capabilities with no level up
  std::vector<int> touched_capabilities_;
  Flags capability_touched_;

  Flags measure_up_;
  std::vector<double> down_since_;
  std::vector<char> left_censored_;  // per measure: down since before the warm-up ended
  double origin_ = 0.0;              // when the measurement began (the end of the warm-up)
  double reached_ = 0.0;             // time of the last event advance() ran
  int system_cause_ = 0;
  // The state right after an all-up start is the same in every replication (no random draw
  // enters it): computed once, then copied.
  struct StartState {
    bool valid = false;
    // Copies of bool flags, one byte each (std::vector<bool> would copy bit by bit).
    std::vector<unsigned char> slot_healthy, slot_usable, slot_dependencies_ok, service_up,
        measure_up;
    std::vector<int> usable_in_scope, serving, level_down;
    std::vector<Phase> phase;
    int capabilities_down = 0;
    int system_cause = 0;
  } all_up_;

  ChangeProcess changes_;
  DataLoss data_;
  DegradedModes degraded_;

  std::vector<FaultSpec> faults_;
  std::vector<std::uint32_t> fault_key_;
  std::vector<Stream> fault_rng_;
  std::vector<std::vector<int>> fault_followers_;  // per fault: the faults that start after it
  std::vector<char> fault_active_;
  std::vector<int> fault_choice_;
  std::vector<double> fault_start_, fault_end_;
  std::vector<int> forced_down_;  // per element: active faults holding it down
  std::vector<std::int64_t> failovers_, failed_failovers_;  // per service position
  std::vector<char> manual_recovery_;  // per service position: the last failover failed
  double now_ = 0.0;                   // time of the event being processed
  double cause_since_ = 0.0;           // since when system downtime is charged to system_cause_
  std::vector<int> plane_down_;        // per control plane: down elements of its support
  std::vector<std::vector<int>> plane_waiters_;  // per control plane: jobs waiting for it
  std::vector<double> pending_repair_;           // per element: repair hours not yet started
  int responders_busy_ = 0;
  std::deque<int> responder_queue_;  // jobs waiting for a responder, first come first served
  std::vector<unsigned char> holds_responder_;  // per service position
  std::vector<double> pending_step_;            // per service position: switchover or manual hours
  std::vector<char> pending_manual_;            // per service position: the failover failed
  std::vector<int> failover_target_;            // per service position: target slot, -1 for none
  std::vector<int> wait_cause_;                 // per service position: the cause it waits for, -1
  std::vector<int> wait_restore_;               // per service position: cause before its wait, -1
  Tracer* tracer_ = nullptr;

  std::vector<double> cause_hours_;
  std::vector<std::int64_t> cause_incidents_;
  std::vector<int> touched_causes_;
  Flags cause_touched_;
};

}  // namespace outagesim::sim

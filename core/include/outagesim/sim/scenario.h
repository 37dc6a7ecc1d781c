// Scenarios: faults injected into the Monte Carlo simulation of a plan (a game day, a replayed
// incident), run many times over the model's remaining randomness, and the timeline of one run.
// The scenario file format and the resolution of its targets live in Python
// (outagesim.scenarios); here a fault is already a set of element ids.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/model/distribution.h"

namespace outagesim::sim {

// One fault: while active, every element of the choice taken is held down whatever its own
// state (its components, and what depends on them, see it down).
struct Fault {
  std::string name;  // keys the fault's random stream: the same name draws the same numbers
  // One list of element ids per choice; each run takes one choice, uniformly (e.g. "one zone
  // of the region"). A single choice is always taken.
  std::vector<std::vector<int>> choices;
  double offset_hours = 0.0;  // start after the scenario's start (when after < 0)
  int after = -1;             // or: start delay_hours after fault `after` ends
  double delay_hours = 0.0;
  model::Distribution duration = model::Distribution::deterministic(1.0);
};

// sampled: every duration is drawn. mean: every duration (faults, detection, switchover, manual
// recovery) is its mean and every failover succeeds: one deterministic, readable run.
enum class Timings { sampled, mean };

struct ScenarioOptions {
  std::uint64_t seed = 1;
  std::int64_t runs = 1000;
  double window_hours = 24.0;  // what each run measures, from the scenario's start
  // true: the model keeps failing at random during the scenario (from its long-run state, after
  // the automatic warm-up); false: only the faults happen, from an all-up start.
  bool background = false;
  // Elements that do not fail at random even with background on (the faults drive them).
  std::vector<int> quiet_elements;
  Timings timings = Timings::sampled;
  int threads = 0;           // 0: every core; results never depend on it
  double max_seconds = 0.0;  // 0: no limit; else whole runs done by then, in run order
  const std::atomic<bool>* cancel = nullptr;
};

// What every run observed, run-major. Measure 0 is the system, 1 + k capability k
// (Plan::capability_services order). Services in Architecture::services order.
struct ScenarioOutcome {
  std::int64_t runs = 0;  // runs completed (fewer than asked when stopped)
  int measures = 0;
  int services = 0;
  int faults = 0;
  std::vector<double> downtime_hours;    // runs x measures
  std::vector<double> first_down_hours;  // -1: never down in the window
  std::vector<double> last_up_hours;     // -1: never came back up in the window
  std::vector<char> down_at_end;
  std::vector<std::int64_t> failovers, failed_failovers;   // runs x services
  std::vector<int> fault_choice;                           // runs x faults
  std::vector<double> fault_start_hours, fault_end_hours;  // runs x faults (-1: did not)
  // System downtime of each run by cause: entries attribution_offsets[r] ..[r + 1], each an
  // element id, or -1 - f for fault f (downtime the fault's start began).
  std::vector<std::int64_t> attribution_offsets{0};
  std::vector<int> attribution_cause;
  std::vector<double> attribution_hours;
  double warmup_hours = 0.0;
  std::string stop_reason;  // "runs reached", "max-time reached", "interrupted"
  double wall_seconds = 0.0;
};

ScenarioOutcome run_scenario(const graph::Plan& plan, const std::vector<Fault>& faults,
                             const ScenarioOptions& options);

enum class TraceKind : std::uint8_t { element, service, capability, system };
enum class TraceState : std::uint8_t { up, degraded, failing_over, down };
// The event that made a change of state: the start of the measurement, an element failing or
// being repaired (reason_index: the element), a fault starting or ending (the fault), a
// beta-factor common failure (the group's element), a bad change reaching replicas or being
// rolled back (the change element), a failover or, after a failed one, the manual recovery
// completing (the service).
enum class TraceReason : std::uint8_t {
  start,
  failed,
  repaired,
  fault_started,
  fault_ended,
  common_failure,
  bad_change,
  rolled_back,
  failover_completed,
  manual_recovery_completed,  // the failover failed; the manual recovery brought service back
  feature_flag_switched       // a dependency was switched off (reason_index: the dependent)
};
const char* to_string(TraceKind kind);
const char* to_string(TraceState state);
const char* to_string(TraceReason reason);

// One change of state. index: element id, service index (Architecture::services), capability
// position, or 0 for the system. The cause is what began the outage the change belongs to, as
// attribution charges it: an element (cause_element) or a fault starting (cause_fault); both -1
// for the state at the start and for events that only bring things up. The reason is the event
// itself (why it changed now: "fault ended", "failover completed").
struct TraceEvent {
  double hours;
  TraceKind kind;
  int index;
  TraceState state;
  int cause_element;
  int cause_fault;
  TraceReason reason;
  int reason_index;
};

// The timeline of run `run` of run_scenario with the same plan, faults and options: the same
// random numbers, so the same run.
std::vector<TraceEvent> trace_scenario_run(const graph::Plan& plan,
                                           const std::vector<Fault>& faults,
                                           const ScenarioOptions& options, std::int64_t run);

}  // namespace outagesim::sim

// Bad changes and their rollout in the event loop. Each service with changes has one timer;
// its events are a bad change's arrival (its first wave reaches replicas), each later wave, and
// the end of its rollback (every replica it reached comes back).
#pragma once

#include <cstdint>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/sim/rng.h"
#include "outagesim/sim/samplers.h"

namespace outagesim::sim {

// One service's bad changes, compiled from graph::Plan's change block.
struct ChangeSpec {
  int element = -1;       // its element id: the cause charged with the downtime it brings
  bool can_fail = false;  // rate x bad probability > 0
  // Time from the end of one bad change's rollback to the next bad change (exponential at rate x
  // bad probability: the pipeline is frozen while a bad change is in flight, and the Poisson
  // arrivals are memoryless, so the next one comes this long after the freeze ends).
  Sampler arrival;
  Sampler detection, rollback;
  double bake_hours = 0.0;
  // Wave w reaches components wave_components[wave_offsets[w] .. wave_offsets[w + 1]).
  std::vector<int> wave_offsets{0};
  std::vector<int> wave_components;

  int wave_count() const { return static_cast<int>(wave_offsets.size()) - 1; }
};

// The change block of `plan` (graph::Plan::change_*), in change order. Throws SimulationError
// on a duration the samplers cannot draw.
std::vector<ChangeSpec> compile_changes(const graph::Plan& plan);

// Components that one event of a change takes down (delta +1) or brings back (delta -1).
struct ChangeStep {
  const int* begin = nullptr;
  const int* end = nullptr;
  int delta = 0;
};

// The state of every service's bad changes in one replication. A bad change that arrives at t0
// draws its detection D and rollback R (in that order, from the change's own stream): wave w
// reaches its replicas at t0 + w x bake when w = 0 or w x bake < D (detection stops the rollout:
// a wave due at the moment of detection does not start), and every replica reached is down until
// t0 + D + R. Waves draw nothing, so how a change is rolled out never moves the random numbers:
// two rollouts of one model see the same bad changes with the same detection and rollback times
// (common random numbers).
class ChangeProcess {
 public:
  explicit ChangeProcess(const std::vector<ChangeSpec>& specs);

  // Every change idle, nothing reached, the counters at zero.
  void reset();
  // The state of change `k` at t = 0, drawn from `rng`: idle, with its first bad change after an
  // arrival draw (all up); or the long-run state (stationary): idle with probability
  // E[arrival] / (E[arrival] + E[D] + E[R]) and the exponential's residual to go, else inside
  // a bad change whose (D, R) is drawn length-biased, at a uniform age within it, with the waves
  // due by that age reached. Returns the time of its first event.
  double start(int k, bool stationary, Stream& rng);
  // Change `k`'s event at `now`: returns the components it takes down or brings back and sets
  // `next` to the time of the change's next event.
  ChangeStep fire(int k, double now, Stream& rng, double& next);
  // The components change `k` has reached and not yet brought back.
  ChangeStep reached(int k) const;
  bool in_flight(int k) const { return state_[k].in_flight; }

  // Replica-hours down because of bad changes, and bad changes begun, are counted from the
  // measurement start: what came before `at` is dropped (the warm-up).
  void begin_measurement(double at);
  // The counts up to `at`, per change.
  void close(double at, std::vector<double>& replica_hours, std::vector<std::int64_t>& bad_changes);

 private:
  struct State {
    bool in_flight = false;
    double start = 0.0;      // when the bad change in flight first reached a replica
    double detection = 0.0;  // its detection delay D
    double end = 0.0;        // when its rollback completes
    int next_wave = 0;       // waves reached so far (the next one to reach)
    double since = 0.0;      // replica-hours are counted up to here
    double replica_hours = 0.0;
    std::int64_t bad_changes = 0;
  };

  int reached_count(int k) const;
  void count_up_to(int k, double at);
  // The time of change k's next event while a bad change is in flight: its next wave, or the
  // end of its rollback when no wave is left before detection.
  double next_event(int k) const;
  bool wave_due(int k, int wave) const;

  const std::vector<ChangeSpec>& specs_;
  std::vector<State> state_;
};

}  // namespace outagesim::sim

// Degraded modes in one replication (docs/numbers.md#degraded-modes): which feature flags are
// switched off, and per capability and for the system, the time spent in full and the value
// delivered over time (1 in full, a fallback's or flag's value while degraded, 0 while down).
#pragma once

#include <memory>
#include <vector>

#include "compiled.h"
#include "outagesim/sim/rng.h"

namespace outagesim::sim {

struct ReplicationOutcome;

class DegradedModes {
 public:
  explicit DegradedModes(const Compiled& compiled);

  // Per flag whether it is switched off, then one entry that is always false (the flag of a
  // dependency entry that has none: DegradedPlan::dep_flag).
  const bool* switched_off() const { return switched_.get(); }
  void set_switched_off(int flag, bool off) { switched_[flag] = off; }
  // Whether the flag's dependency fails some replica of its service (its decision runs or it is
  // switched off), and the scratch array Replicator::evaluate gathers that in (per flag, then
  // the entry of dependencies without a flag).
  bool needed(int flag) const { return needed_[flag]; }
  void set_needed(int flag, bool needed) { needed_[flag] = needed; }
  bool* failing() { return failing_.get(); }
  // Each flag's own stream of decisions, set for replication `index` of `seed`.
  void seed(std::uint64_t seed, std::int64_t index);
  Stream& rng(int flag) { return rng_[static_cast<std::size_t>(flag)]; }

  // A new replication, before its start state is evaluated: no flag needed or switched off.
  void reset();
  // Then, once it is: the values from the levels' state (`level_down`: down services per level,
  // Compiled::capability_levels).
  void start(const int* level_down);
  // The end of the warm-up: the figures restart, the state carries on.
  void begin_measurement(double at);
  // Capability k's levels or a flag it needs changed at `now`; then system_changed once.
  void capability_changed(int k, const int* level_down, double now);
  void system_changed(double now);
  // Closes the figures at `horizon` into out.full_hours and out.value_hours.
  void close(double horizon, ReplicationOutcome& out);

 private:
  // What capability k delivers now (0 when down), whether that is its full form with no flag
  // switched off, and whether it is up at all (a level of value 0 may be up).
  double value_of(int k, const int* level_down, bool& full, bool& up) const;
  void set(int measure, double value, bool full, double now);

  const Compiled& c_;
  std::unique_ptr<bool[]> switched_, needed_, failing_;
  std::vector<Stream> rng_;  // per flag
  // Per measure (0: the system, 1 + k: capability k).
  std::vector<double> value_, since_, full_hours_, value_hours_;
  std::vector<char> full_;
  std::vector<char> up_;  // per capability
};

}  // namespace outagesim::sim

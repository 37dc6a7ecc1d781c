// One regenerative cycle of failure-biased simulation: from the first failure after "every
// element up" until every element is up again, with its likelihood ratio.
#pragma once

#include <cstdint>
#include <vector>

#include "../compiled.h"
#include "../replication.h"
#include "outagesim/sim/rng.h"
#include "static_state.h"

namespace outagesim::sim {

// The failure-biasing scheme (continuous-time balanced failure biasing, see rare_event.h).
struct BiasingScheme {
  // While anything is down, each step runs until the next scheduled repair; an up element fails
  // inside that window with at least this probability (its natural probability pi when larger),
  // one chosen evenly among the up elements ("balanced": a rarely failing element is as likely
  // as a frequent one). Failure and repair are then about equally likely next, so the number
  // down performs a walk bounded by the element count. Every step multiplies the likelihood
  // ratio by a bounded factor: (1 - pi) / (1 - p) <= 2 without a failure, pi lambda_i n_up /
  // (Lambda_up p) with one; repairs are not biased, whatever their distribution.
  static constexpr double FAILURE_PROBABILITY = 0.5;
};

// Downtime charged to the element whose failure took the system down, in one cycle, weighted.
struct WeightedCause {
  int cause;
  double hours;
  double incidents;
};

// What one cycle observed. Measure 0 is the system, measure 1 + k capability k. Downtime and
// incidents are weighted by the likelihood ratio of the path up to the moment the measure went
// down (unbiased by optional stopping; the biasing is off while the system is down, so that
// ratio holds until it is up again); the cycle's own ratio weights its busy time.
struct CycleOutcome {
  double likelihood_ratio = 1.0;
  double busy_hours = 0.0;                 // from the first failure until every element is up again
  std::vector<double> downtime_hours;      // weighted
  std::vector<double> incidents;           // weighted
  std::vector<std::int32_t> observed;      // incidents seen (unweighted)
  std::vector<WeightedCause> attribution;  // system downtime by the element that took it down
  std::int64_t events = 0;
  bool complete = false;  // false: stopped by the time limit or cancelled
};

class CycleRunner {
 public:
  // Every element that can fail must have an exponential time to failure.
  explicit CycleRunner(const Compiled& compiled);

  // Runs cycle `index` of `seed` (its stream depends only on both). Stops early (complete false)
  // when `stop` says so; looked at every few thousand events.
  void run(std::uint64_t seed, std::int64_t index, const StopSignal& stop, CycleOutcome& out);

  // Sum of the natural failure rates (per hour) of every element: the all-up state lasts an
  // exponential time of this rate.
  double total_failure_rate() const { return total_rate_; }

 private:
  void change(int element, bool up, double now, CycleOutcome& out);
  void touch(int element) {
    if (!cause_touched_[element]) {
      cause_touched_[element] = 1;
      touched_causes_.push_back(element);
    }
  }

  const Compiled& c_;
  StaticState state_;
  std::vector<int> failing_;  // elements that can fail
  std::vector<double> rate_;  // per element: natural failure rate (0 if it never fails)
  double total_rate_ = 0.0;
  std::vector<char> up_;
  std::vector<int> down_;            // elements down now
  std::vector<double> repair_at_;    // per element: when its repair ends (down only)
  std::vector<double> down_since_;   // per measure
  std::vector<double> cause_hours_;  // per element, this cycle
  std::vector<double> cause_incidents_;
  std::vector<double> down_weight_;  // per measure: the ratio when it went down
  double log_ratio_ = 0.0;
  std::vector<char> cause_touched_;
  std::vector<int> touched_causes_;
  int system_cause_ = -1;
};

}  // namespace outagesim::sim

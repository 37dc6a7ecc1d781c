// What one replication loses of the data services hold (docs/numbers.md#data-loss): which
// replica is in step with the writes, what a failover to another one loses, when backups are
// taken, and what a corruption's restore loses. Driven by the event loop (replication.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "compiled.h"
#include "outagesim/sim/rng.h"
#include "statistics.h"

namespace outagesim::sim {

struct ReplicationOutcome;

class DataLoss {
 public:
  explicit DataLoss(const Compiled& compiled);

  bool any() const { return !c_.data.data.empty(); }

  // A new replication: the data streams of replication `index` of `seed`, backup schedules at
  // random phases, every healthy replica in step, the backup locations as `element_up` says.
  void start(std::uint64_t seed, std::int64_t index, double now, const bool* slot_healthy,
             const std::vector<int>& serving, const bool* service_up, const bool* element_up);
  // Service `d` was just evaluated: its replicas' health and, active_passive, the replica that
  // serves (`serving`, meaningful while `serving_up`). Records what a change of writer loses.
  void observe(int d, const bool* slot_healthy, int serving, bool serving_up, double now);
  // The corruption of data `d` begins now: records its loss (the writes since the last clean
  // backup or log) and returns the detection time, which precedes its restore.
  double corruption_began(int d, double now);
  // Its restore completed: every replica then holds the restored data.
  void corruption_ended(int d) {
    state_[d].corrupted = false;
    state_[d].restored = true;
  }
  // The time left down for a corruption found down at a stationary start: in detection (a
  // residual draw, then a whole restore) or in its restore (a residual draw), in proportion to
  // their means.
  double residual_down(int d, const Sampler& restore, Stream& rng);
  // Element `element` gained (delta 1) or lost (-1) a reason to be down: the backup locations it
  // supports follow.
  void element_changed(int element, int delta, double now);
  // A completed incident of measure `m` lasted `hours`: counted against its RTO.
  void incident_completed(int m, double hours) {
    const double rto = c_.data.measure_rto[m];
    if (rto >= 0.0 && hours > rto) ++over_rto_[m];
  }

  void begin_measurement(double at);  // the warm-up ends at `at`: counts restart
  void close(double horizon, ReplicationOutcome& out);

 private:
  struct State {
    int writer = -1;              // slot whose data the others follow (active_passive: serving)
    bool writing = false;         // the writer is up and taking writes
    double writer_down_at = 0.0;  // when the last writer stopped
    double backup_phase = 0.0, log_phase = 0.0;
    int location_down = 0;                     // down elements of the backup location's support
    double location_up_since = 0.0;            // -inf: up since before the replication
    double last_backup = 0.0, last_log = 0.0;  // the last taken before the location went down
    // Corrupted: the replicas are down for the corruption, not lost. Restored: the next
    // observation starts afresh from the restored data.
    bool corrupted = false, restored = false;
    // A quorum's writes: refused while fewer than the quorum of replicas are healthy (or the
    // service is down), since when.
    bool writes_up = true;
    double writes_down_since = 0.0;
  };
  void update_writes(int d, const bool* slot_healthy, bool up, double now);
  void rebase(int d, const bool* slot_healthy, int serving, bool serving_up, double now);
  void record(int d, int cause, double hours);
  void take_over(int d, int slot, double now);
  // The last scheduled time <= t of a schedule with this period and phase.
  static double scheduled_before(double t, double period, double phase);
  // The last backup (period interval) or log (period log_hours) taken by time t.
  double last_taken(int d, double t, bool log) const;

  const Compiled& c_;
  std::vector<Stream> rng_;  // per data
  std::vector<State> state_;
  std::vector<char> in_step_;      // per slot: holds every write the writer acknowledged
  std::vector<char> healthy_;      // per slot, as last observed
  std::vector<double> synced_at_;  // per slot out of step: the last write it holds
  std::vector<std::int64_t> events_, restores_, unrecoverable_, over_rpo_, over_rto_;
  std::vector<double> hours_;
  std::vector<double> write_down_hours_;  // per data, in the measurement
  double measure_start_ = 0.0;
  std::vector<std::vector<double>> losses_;
  std::vector<std::unique_ptr<LogHistogram>> folded_;
};

}  // namespace outagesim::sim

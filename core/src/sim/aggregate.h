// Reduces replication outcomes, fed strictly in replication order, into the estimates of
// api::Result; the order makes every sum bit-identical whatever the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "compiled.h"
#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "replication.h"
#include "statistics.h"

namespace outagesim::sim {

// Fewer incidents of a measure than this and its interval means little: the stopping rule waits
// for at least this many of every measure that can fail.
inline constexpr std::int64_t MIN_INCIDENTS = 10;

class Aggregate {
 public:
  Aggregate(const Compiled& compiled, double horizon_hours);

  void add(const ReplicationOutcome& outcome);

  std::int64_t replications() const { return replications_; }
  std::int64_t events() const { return events_; }
  std::int64_t system_incidents() const { return measures_[0].incidents; }
  double system_downtime_hours() const { return measures_[0].downtime_hours; }
  // Half-width of the unavailability interval of a measure (0: the system, 1 + k: capability k)
  // over its unavailability (inf when no downtime was seen).
  double relative_error(int measure) const;
  // The same for the minutes of writes data service d loses a year.
  double data_relative_error(std::size_t d) const;
  // The largest relative error over the measures that can fail and the data lost: the figure
  // the stopping rule holds to the target, so that the system, every capability and the data
  // lost by every data service reach it.
  double worst_relative_error() const;
  // Every measure that can fail has MIN_INCIDENTS incidents, some downtime, and a relative
  // error <= target; every data service has MIN_INCIDENTS loss events and a relative error of
  // its minutes lost <= target.
  bool precise_enough(double target) const;

  // Fills the estimates (not the provenance) of `result`.
  void fill(const graph::Plan& plan, api::Result& result) const;

 private:
  struct Measure {
    RunningStat unavailability;      // per replication: downtime / horizon
    RunningStat incidents_per_year;  // per replication
    std::int64_t incidents = 0;
    double downtime_hours = 0.0;
    // Ratio estimator of the mean completed incident duration: sums over replications of the
    // completed hours D_i and counts N_i.
    double sum_d = 0.0, sum_n = 0.0, sum_dd = 0.0, sum_nn = 0.0, sum_dn = 0.0;
    LogHistogram durations;      // completed incident durations, hours
    LogHistogram year_downtime;  // per replication, minutes per year
    // Ratio estimator of the share of completed incidents above the RTO: sums of the counts O_i
    // above it (with sum_n above); and losses above the RPO, per replication.
    double sum_o = 0.0, sum_oo = 0.0, sum_on = 0.0;
    RunningStat over_rpo_per_year;
    // Degraded modes, per replication: the share of time in full, the value delivered over
    // time, and the minutes a year up but not in full.
    RunningStat full_availability, value_availability, degraded_minutes_per_year;
  };
  struct DataStat {
    RunningStat events_per_year, minutes_per_year, restores_per_year, unrecoverable_per_year;
    RunningStat cause_events[DATA_CAUSES], cause_minutes[DATA_CAUSES];
    std::int64_t years_with_loss = 0;
    RunningStat write_unavailability;  // per replication
    LogHistogram loss_minutes;         // per event
  };
  struct ChangeStat {
    RunningStat replica_minutes_per_year;  // per replication
    RunningStat bad_changes_per_year;      // per replication
  };
  struct Cause {
    double sum = 0.0, sum_sq = 0.0;  // of per-replication minutes per year
    double hours = 0.0;
    std::int64_t incidents = 0;
  };

  api::MeasureResult measure_result(const Measure& m) const;

  const Compiled& c_;
  double horizon_hours_;
  double horizon_years_;
  std::int64_t replications_ = 0;
  std::int64_t events_ = 0;
  std::vector<Measure> measures_;
  // Per measure: some element whose failure reaches it can fail (else it is never down, and no
  // precision target applies to it).
  std::vector<bool> can_fail_;
  RunningStat weighted_unavailability_;
  std::vector<Cause> causes_;
  std::vector<ChangeStat> changes_;  // per Compiled::changes
  std::vector<DataStat> data_;       // per Compiled::data
};

}  // namespace outagesim::sim

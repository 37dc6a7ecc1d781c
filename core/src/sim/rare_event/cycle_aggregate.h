// Reduces failure-biased cycles, fed strictly in cycle order, into the estimates of api::Result.
#pragma once

#include <cstdint>
#include <vector>

#include "../compiled.h"
#include "../statistics.h"
#include "cycle.h"
#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "ratio_estimate.h"

namespace outagesim::sim {

class CycleAggregate {
 public:
  // `all_up_hours`: the exact mean of the all-up sojourn that starts every cycle (1 / Lambda).
  CycleAggregate(const Compiled& compiled, double all_up_hours);

  void add(const CycleOutcome& cycle);

  std::int64_t cycles() const { return likelihood_ratio_.n; }
  std::int64_t events() const { return events_; }
  // Cycles that saw a system incident (under the biased measure).
  std::int64_t system_incident_cycles() const { return incident_cycles_; }
  // Largest relative half-width of the system's and each capability's unavailability (inf
  // when one has seen no downtime).
  double relative_error() const;
  // The estimated system incidents per year.
  double system_incidents_per_year() const;
  double mean_cycle_hours() const { return measures_[0].downtime.mean_y; }
  const RunningStat& likelihood_ratio() const { return likelihood_ratio_; }

  // Fills the estimates (not the provenance) of `result`.
  void fill(const graph::Plan& plan, api::Result& result) const;

 private:
  struct Measure {
    RatioStat downtime;   // (L D, T)
    RatioStat incidents;  // (L N, T)
    RatioStat duration;   // (L D, L N)
    std::int64_t incidents_observed = 0;
  };
  struct Cause {
    double sum = 0.0, sum_sq = 0.0, sum_xt = 0.0;  // of L D_cause, its square, L D_cause T
    double incidents = 0.0;                        // sum of L N_cause
  };

  api::MeasureResult measure_result(const Measure& m) const;

  const Compiled& c_;
  double all_up_hours_;
  std::int64_t events_ = 0;
  std::int64_t incident_cycles_ = 0;
  std::vector<Measure> measures_;
  RatioStat weighted_;  // (sum_k w_k L D_k / W, T)
  RunningStat likelihood_ratio_;
  RunningStat cycle_hours_;  // T, for the attribution intervals
  double sum_t_sq_ = 0.0;
  std::vector<Cause> causes_;
};

}  // namespace outagesim::sim

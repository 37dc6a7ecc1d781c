// Business impact of downtime: its expected cost, SLA breaches and credits, and the total
// expected annual cost (infrastructure + downtime + credits), each with a 95% interval.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/api/result.h"
#include "outagesim/cost/price.h"
#include "outagesim/model/architecture.h"

namespace outagesim::cost {

// One row of the credit table with the probability that a window earns at least this row.
struct CreditTierImpact {
  double threshold = 0.0;
  double fraction = 0.0;
  api::Estimate probability;  // P(window availability < threshold), Wilson 95%
};

struct SlaImpact {
  double target = 0.0;
  double window_hours = 0.0;
  double windows_per_year = 0.0;      // 8760 / window_hours
  std::int64_t windows_observed = 0;  // size of the window sample; 0: nothing below is known
  api::Estimate breach_probability;   // P(window availability < target), Wilson 95%
  api::Estimate breached_windows_per_year;
  std::vector<CreditTierImpact> tiers;  // the credit table, highest threshold first
  // Expected fraction of a window's bill credited; since every window's bill is the annual bill
  // pro rata, it is also the expected fraction of the annual bill credited.
  api::Estimate credit_fraction;
  api::Estimate
      credited_windows_per_year;       // credit_fraction * windows_per_year: bills of one window
  std::optional<double> monthly_bill;  // USD
  api::Estimate credits_per_year;      // USD: credit_fraction * 12 * monthly_bill; 0 without a bill
};

struct BusinessImpact {
  InfraCost infra;
  api::Estimate downtime_minutes_per_year;       // the input, echoed
  std::optional<double> downtime_cost_per_hour;  // USD, from the model
  api::Estimate downtime_cost_per_year;  // USD; NaN (unknown) without downtime_cost_per_hour
  std::optional<SlaImpact> sla;          // present when the model states an SLA
  // infra + downtime cost + credits in USD; NaN (unknown) when a part is unknown. The interval adds
  // the ends of the parts' intervals (infrastructure is exact), which covers at least as much as
  // each part's own 95%.
  api::Estimate total_per_year;
  std::vector<std::string> warnings;
};

// The expected annual cost of `architecture`. `downtime_minutes_per_year` is the system's
// downtime estimate with its interval; `window_availability` the availability of each simulated
// SLA window (any number of windows, pooled over replications; each in [0, 1]). With an SLA
// and an empty sample, breach and credit figures are unknown: NaN, left out of the total, and
// a warning says so. Throws outagesim::Error on a window availability outside [0, 1].
BusinessImpact business_impact(const model::Architecture& architecture,
                               const api::Estimate& downtime_minutes_per_year,
                               const std::vector<double>& window_availability);

// The same, fed from a result: its system downtime per year (full service, as the SLA counts it).
BusinessImpact business_impact(const model::Architecture& architecture, const api::Result& result,
                               const std::vector<double>& window_availability);

// The credit fraction a window of availability `a` earns: the largest fraction among rows whose
// threshold is above `a`; 0 when none.
double credit_fraction(const std::vector<model::SlaCredit>& credits, double a);

// Wilson score 95% interval of a proportion (successes of trials); value is successes/trials.
// trials == 0: value NaN, interval [0, 1].
api::Estimate wilson_interval(std::int64_t successes, std::int64_t trials);

// {"total_per_year", "total_per_year_ci95", "infra": {...}, "downtime_cost_per_year", ...,
//  "sla": {...} or null, "warnings"}. NaN values are written as null.
nlohmann::json to_json(const BusinessImpact& impact);

}  // namespace outagesim::cost

// The regenerative ratio estimators of failure-biased cycles (see cycle_aggregate.h).
#include "cycle_aggregate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "outagesim/model/duration.h"

namespace outagesim::sim {

CycleAggregate::CycleAggregate(const Compiled& compiled, double all_up_hours)
    : c_(compiled),
      all_up_hours_(all_up_hours),
      measures_(static_cast<std::size_t>(1 + compiled.capability_count)),
      causes_(static_cast<std::size_t>(compiled.element_count)) {}

void CycleAggregate::add(const CycleOutcome& cycle) {
  const double l = cycle.likelihood_ratio;
  const double t = all_up_hours_ + l * cycle.busy_hours;
  events_ += cycle.events;
  likelihood_ratio_.add(l);
  cycle_hours_.add(t);
  sum_t_sq_ += t * t;
  if (cycle.observed[0] > 0) ++incident_cycles_;
  double weighted = 0.0;
  for (std::size_t m = 0; m < measures_.size(); ++m) {
    Measure& s = measures_[m];
    const double d = cycle.downtime_hours[m];  // weighted by the cycle already
    const double n = cycle.incidents[m];
    s.downtime.add(d, t);
    s.incidents.add(n, t);
    s.duration.add(d, n);
    s.incidents_observed += cycle.observed[m];
    if (m > 0) weighted += c_.capability_weight[m - 1] * d;
  }
  weighted_.add(c_.weight_total > 0.0 ? weighted / c_.weight_total : 0.0, t);
  for (const WeightedCause& share : cycle.attribution) {
    Cause& cause = causes_[static_cast<std::size_t>(share.cause)];
    const double x = share.hours;
    cause.sum += x;
    cause.sum_sq += x * x;
    cause.sum_xt += x * t;
    cause.incidents += share.incidents;
  }
}

double CycleAggregate::relative_error() const {
  double worst = 0.0;
  for (const Measure& m : measures_) {
    const double r = m.downtime.ratio();
    if (!(r > 0.0)) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, m.downtime.half_width() / r);
  }
  return worst;
}

double CycleAggregate::system_incidents_per_year() const {
  return measures_[0].incidents.ratio() * model::HOURS_PER_YEAR;
}

api::MeasureResult CycleAggregate::measure_result(const Measure& m) const {
  api::MeasureResult r;
  const double u = m.downtime.ratio();
  const double hw = m.downtime.half_width();
  r.unavailability = {u, std::max(0.0, u - hw), std::min(1.0, u + hw)};
  r.rel_error_achieved = u > 0.0 ? hw / u : std::numeric_limits<double>::infinity();
  api::derive_from_unavailability(r);
  const double f = m.incidents.ratio() * model::HOURS_PER_YEAR;
  const double fhw = m.incidents.half_width() * model::HOURS_PER_YEAR;
  r.incidents_per_year = {f, std::max(0.0, f - fhw), f + fhw};
  if (m.duration.mean_y > 0.0) {
    const double h = m.duration.ratio();
    const double hhw = m.duration.half_width();
    r.mean_incident_hours = {h, std::max(0.0, h - hhw), h + hhw};
  }
  r.incidents_observed = m.incidents_observed;
  return r;  // quantiles and histograms stay empty: biased samples have no honest ones
}

void CycleAggregate::fill(const graph::Plan& plan, api::Result& result) const {
  const model::Architecture& arch = plan.architecture;
  result.system = measure_result(measures_[0]);
  result.system.name = "system";
  result.system.weight = 1.0;
  result.capabilities.clear();
  for (int k = 0; k < c_.capability_count; ++k) {
    api::MeasureResult r = measure_result(measures_[static_cast<std::size_t>(1 + k)]);
    r.name = k < static_cast<int>(arch.capabilities.size()) ? arch.capabilities[k].name
                                                            : "capability " + std::to_string(k);
    r.weight = c_.capability_weight[k];
    result.capabilities.push_back(std::move(r));
  }
  {
    const double q = weighted_.ratio();
    const double hw = weighted_.half_width();
    result.weighted_availability = {1.0 - q, std::max(0.0, 1.0 - q - hw),
                                    std::min(1.0, 1.0 - q + hw)};
  }

  // Attribution: the ratio E[L D_cause] / E[T] per element, its delta-method interval from raw
  // sums (a cause's downtime is nonzero in few cycles, so no running co-moments are kept).
  result.attribution.clear();
  const double n = static_cast<double>(cycles());
  const double mean_t = cycle_hours_.mean;
  const double total = measures_[0].downtime.mean_x * n;
  for (int e = 0; e < c_.element_count; ++e) {
    const Cause& s = causes_[static_cast<std::size_t>(e)];
    if (s.sum <= 0.0 && s.incidents <= 0.0) continue;
    api::AttributionRow row;
    row.element = plan.element_name[e];
    row.level = graph::to_string(plan.element_kind[e]);
    const double ratio = s.sum / (n * mean_t);  // of time
    double hw = 0.0;
    if (n > 1.0) {
      const double residual =
          std::max(0.0, s.sum_sq - 2.0 * ratio * s.sum_xt + ratio * ratio * sum_t_sq_);
      hw = t_quantile_975(cycles() - 1) * std::sqrt(residual / (n * (n - 1.0))) / mean_t;
    }
    row.minutes_per_year = ratio * model::MINUTES_PER_YEAR;
    row.minutes_per_year_lo = std::max(0.0, ratio - hw) * model::MINUTES_PER_YEAR;
    row.minutes_per_year_hi = (ratio + hw) * model::MINUTES_PER_YEAR;
    row.share = total > 0.0 ? s.sum / total : 0.0;
    row.incidents_per_year = s.incidents / (n * mean_t) * model::HOURS_PER_YEAR;
    result.attribution.push_back(std::move(row));
  }
  std::stable_sort(result.attribution.begin(), result.attribution.end(),
                   [](const api::AttributionRow& a, const api::AttributionRow& b) {
                     return a.minutes_per_year > b.minutes_per_year;
                   });
}

}  // namespace outagesim::sim

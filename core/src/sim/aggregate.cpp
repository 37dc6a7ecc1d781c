// The in-order reduction of aggregate.h and the estimates it yields.
#include "aggregate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "outagesim/model/duration.h"

namespace outagesim::sim {
namespace {

// Whether the dependency of service position `dependent` on `dependency` is switched off the
// moment it goes down (a feature flag with no decision): its failures then never reach the
// dependent.
bool switched_off_at_once(const Compiled& c, int dependent, int dependency) {
  const DegradedPlan& d = c.degraded;
  for (int f = 0; f < d.flag_count; ++f)
    if (d.flag_service[f] == dependent && d.flag_dependency[f] == dependency &&
        d.decide[f].mean == 0.0)
      return true;
  return false;
}

// Per measure (system, then each capability): whether any element that can fail reaches it,
// through the components of a required service or of any service it depends on; a capability
// with fallbacks only when it reaches every form.
std::vector<bool> measures_that_can_fail(const Compiled& c) {
  std::vector<bool> component(static_cast<std::size_t>(c.component_count), false);
  for (int e = 0; e < c.element_count; ++e) {
    if (!c.can_fail[e]) continue;
    for (int i = c.element_components_offsets[e]; i < c.element_components_offsets[e + 1]; ++i)
      component[static_cast<std::size_t>(c.element_components[i])] = true;
  }
  // Services are numbered dependencies first: one pass carries "can fail" to dependents.
  std::vector<bool> service(static_cast<std::size_t>(c.service_count), false);
  for (int p = 0; p < c.service_count; ++p) {
    for (int slot = c.service_slot_begin[p]; slot < c.service_slot_end[p]; ++slot)
      if (component[static_cast<std::size_t>(c.slot_component[slot])]) service[p] = true;
    if (!service[p]) continue;
    for (int i = c.dependents_offsets[p]; i < c.dependents_offsets[p + 1]; ++i)
      if (!switched_off_at_once(c, c.dependents[i], p))
        service[static_cast<std::size_t>(c.dependents[i])] = true;
  }
  std::vector<bool> level(c.level_capability.size(), false);
  for (int p = 0; p < c.service_count; ++p) {
    if (!service[p]) continue;
    for (int i = c.service_levels_offsets[p]; i < c.service_levels_offsets[p + 1]; ++i)
      level[static_cast<std::size_t>(c.service_levels[i])] = true;
  }
  std::vector<bool> measure(static_cast<std::size_t>(1 + c.capability_count), false);
  for (int k = 0; k < c.capability_count; ++k) {
    bool every = true;
    for (int l = c.capability_levels[k]; l < c.capability_levels[k + 1]; ++l)
      every = every && level[static_cast<std::size_t>(l)];
    measure[static_cast<std::size_t>(1 + k)] = every;
    if (every) measure[0] = true;
  }
  return measure;
}

// The ratio of two per-replication sums, sum x / sum n, with its delta-method 95% interval.
api::Estimate ratio_estimate(double sum_x, double sum_n, double sum_xx, double sum_nn,
                             double sum_xn, std::int64_t replications) {
  const double ratio = sum_x / sum_n;
  const double n = static_cast<double>(replications);
  double hw = 0.0;
  if (replications > 1) {
    const double residual = std::max(0.0, sum_xx - 2.0 * ratio * sum_xn + ratio * ratio * sum_nn);
    hw = t_quantile_975(replications - 1) * std::sqrt(residual / (n * (n - 1.0))) / (sum_n / n);
  }
  return {ratio, std::max(0.0, ratio - hw), ratio + hw};
}

api::Estimate estimate(const RunningStat& stat) {
  const double hw = stat.half_width();
  return {stat.mean, std::max(0.0, stat.mean - hw), stat.mean + hw};
}

// Wilson's 95% interval of a proportion: honest near 0 and 1, where the normal one is not.
api::Estimate wilson(std::int64_t successes, std::int64_t trials) {
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  constexpr double z = 1.959963984540054;
  const double centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
  const double half = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / (1.0 + z * z / n);
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace

Aggregate::Aggregate(const Compiled& compiled, double horizon_hours)
    : c_(compiled),
      horizon_hours_(horizon_hours),
      horizon_years_(horizon_hours / model::HOURS_PER_YEAR),
      measures_(static_cast<std::size_t>(1 + compiled.capability_count)),
      can_fail_(measures_that_can_fail(compiled)),
      causes_(static_cast<std::size_t>(compiled.element_count + 1)),
      changes_(compiled.changes.size()),
      data_(compiled.data.data.size()) {}

void Aggregate::add(const ReplicationOutcome& o) {
  ++replications_;
  events_ += o.events;
  for (std::size_t m = 0; m < measures_.size(); ++m) {
    Measure& s = measures_[m];
    const double u = o.downtime_hours[m] / horizon_hours_;
    s.unavailability.add(u);
    s.incidents_per_year.add(static_cast<double>(o.incidents[m]) / horizon_years_);
    s.incidents += o.incidents[m];
    s.downtime_hours += o.downtime_hours[m];
    const double d = o.completed_hours[m];
    const double n = static_cast<double>(o.completed[m]);
    s.sum_d += d;
    s.sum_n += n;
    s.sum_dd += d * d;
    s.sum_nn += n * n;
    s.sum_dn += d * n;
    if (o.folded_durations.size() > m && o.folded_durations[m])
      s.durations.merge(*o.folded_durations[m]);
    for (double x : o.durations[m]) s.durations.add(x);
    s.year_downtime.add(u * model::MINUTES_PER_YEAR);
    if (m < o.over_rto.size()) {
      const double over = static_cast<double>(o.over_rto[m]);
      s.sum_o += over;
      s.sum_oo += over * over;
      s.sum_on += over * n;
      s.over_rpo_per_year.add(static_cast<double>(o.over_rpo[m]) / horizon_years_);
    }
    if (m < o.full_hours.size()) {
      s.full_availability.add(o.full_hours[m] / horizon_hours_);
      s.value_availability.add(o.value_hours[m] / horizon_hours_);
      const double degraded = horizon_hours_ - o.downtime_hours[m] - o.full_hours[m];
      s.degraded_minutes_per_year.add(std::max(0.0, degraded) / horizon_years_ * 60.0);
    }
  }
  for (std::size_t d = 0; d < data_.size() && d < o.restores.size(); ++d) {
    DataStat& s = data_[d];
    std::int64_t events = 0;
    double hours = 0.0;
    for (int cause = 0; cause < DATA_CAUSES; ++cause) {
      const std::size_t i = d * DATA_CAUSES + static_cast<std::size_t>(cause);
      events += o.loss_events[i];
      hours += o.loss_hours[i];
      s.cause_events[cause].add(static_cast<double>(o.loss_events[i]) / horizon_years_);
      s.cause_minutes[cause].add(o.loss_hours[i] * 60.0 / horizon_years_);
    }
    s.events_per_year.add(static_cast<double>(events) / horizon_years_);
    s.minutes_per_year.add(hours * 60.0 / horizon_years_);
    s.restores_per_year.add(static_cast<double>(o.restores[d]) / horizon_years_);
    s.write_unavailability.add(o.write_down_hours[d] / horizon_hours_);
    s.unrecoverable_per_year.add(static_cast<double>(o.unrecoverable[d]) / horizon_years_);
    s.years_with_loss += events + o.unrecoverable[d] > 0;
    if (o.folded_losses[d]) s.loss_minutes.merge(*o.folded_losses[d]);
    for (double minutes : o.losses[d]) s.loss_minutes.add(minutes);
  }
  if (c_.weight_total > 0.0) {
    double w = 0.0;
    for (int k = 0; k < c_.capability_count; ++k)
      w += c_.capability_weight[k] * o.downtime_hours[1 + k];
    weighted_unavailability_.add(w / c_.weight_total / horizon_hours_);
  }
  for (std::size_t k = 0; k < changes_.size() && k < o.bad_changes.size(); ++k) {
    changes_[k].replica_minutes_per_year.add(o.change_replica_hours[k] / horizon_hours_ *
                                             model::MINUTES_PER_YEAR);
    changes_[k].bad_changes_per_year.add(static_cast<double>(o.bad_changes[k]) / horizon_years_);
  }
  for (const CauseShare& share : o.attribution) {
    Cause& cause = causes_[share.cause];
    const double minutes = share.hours / horizon_hours_ * model::MINUTES_PER_YEAR;
    cause.sum += minutes;
    cause.sum_sq += minutes * minutes;
    cause.hours += share.hours;
    cause.incidents += share.incidents;
  }
}

double Aggregate::relative_error(int measure) const {
  const RunningStat& u = measures_[static_cast<std::size_t>(measure)].unavailability;
  if (!(u.mean > 0.0)) return std::numeric_limits<double>::infinity();
  return u.half_width() / u.mean;
}

double Aggregate::data_relative_error(std::size_t d) const {
  const RunningStat& minutes = data_[d].minutes_per_year;
  if (!(minutes.mean > 0.0)) return std::numeric_limits<double>::infinity();
  return minutes.half_width() / minutes.mean;
}

double Aggregate::worst_relative_error() const {
  double worst = 0.0;
  for (std::size_t m = 0; m < measures_.size(); ++m)
    if (can_fail_[m]) worst = std::max(worst, relative_error(static_cast<int>(m)));
  for (std::size_t d = 0; d < data_.size(); ++d) worst = std::max(worst, data_relative_error(d));
  return worst;
}

bool Aggregate::precise_enough(double target) const {
  for (std::size_t m = 0; m < measures_.size(); ++m) {
    if (!can_fail_[m]) continue;
    const Measure& s = measures_[m];
    if (s.incidents < MIN_INCIDENTS || !(s.downtime_hours > 0.0) ||
        !(relative_error(static_cast<int>(m)) <= target))
      return false;
  }
  // The data lost by each data service, from MIN_INCIDENTS loss events on.
  for (std::size_t d = 0; d < data_.size(); ++d) {
    const double events =
        data_[d].events_per_year.mean * horizon_years_ * static_cast<double>(replications_);
    if (events < static_cast<double>(MIN_INCIDENTS) - 0.5 || !(data_relative_error(d) <= target))
      return false;
  }
  return true;
}

api::MeasureResult Aggregate::measure_result(const Measure& m) const {
  api::MeasureResult r;
  const double q = m.unavailability.mean;
  const double hw = m.unavailability.half_width();
  r.unavailability = {q, std::max(0.0, q - hw), std::min(1.0, q + hw)};
  api::derive_from_unavailability(r);
  const double f = m.incidents_per_year.mean;
  const double fhw = m.incidents_per_year.half_width();
  r.incidents_per_year = {f, std::max(0.0, f - fhw), f + fhw};
  r.incidents_observed = m.incidents;
  if (m.sum_n > 0.0) {
    // Mean over incidents that ended inside the horizon.
    r.mean_incident_hours =
        ratio_estimate(m.sum_d, m.sum_n, m.sum_dd, m.sum_nn, m.sum_dn, replications_);
    r.incidents_over_rto_share =
        ratio_estimate(m.sum_o, m.sum_n, m.sum_oo, m.sum_nn, m.sum_on, replications_);
  }
  r.losses_over_rpo_per_year = estimate(m.over_rpo_per_year);
  if (c_.degraded.any) {
    auto share = [](const RunningStat& stat) {
      const api::Estimate e = estimate(stat);
      return api::Estimate{e.value, e.lo, std::min(1.0, e.hi)};
    };
    r.degraded_modes = true;
    r.full_availability = share(m.full_availability);
    r.value_weighted_availability = share(m.value_availability);
    r.degraded_minutes_per_year = estimate(m.degraded_minutes_per_year);
  }
  r.incident_duration_hours = m.durations.quantiles();
  r.downtime_minutes_per_year_distribution = m.year_downtime.quantiles();
  r.incident_duration_hours_histogram = m.durations.histogram();
  r.downtime_minutes_per_year_histogram = m.year_downtime.histogram();
  return r;
}

void Aggregate::fill(const graph::Plan& plan, api::Result& result) const {
  const model::Architecture& arch = plan.architecture;
  result.system = measure_result(measures_[0]);
  result.system.rto_hours = c_.data.measure_rto[0];
  result.system.rpo_hours = c_.data.measure_rpo[0];
  result.system.rel_error_achieved = relative_error(0);
  result.system.name = "system";
  result.system.weight = 1.0;
  result.capabilities.clear();
  for (int k = 0; k < c_.capability_count; ++k) {
    api::MeasureResult r = measure_result(measures_[1 + k]);
    r.rel_error_achieved = relative_error(1 + k);
    r.name = k < static_cast<int>(arch.capabilities.size()) ? arch.capabilities[k].name
                                                            : "capability " + std::to_string(k);
    r.weight = c_.capability_weight[k];
    r.rto_hours = c_.data.measure_rto[1 + k];
    r.rpo_hours = c_.data.measure_rpo[1 + k];
    result.capabilities.push_back(std::move(r));
  }
  {
    const double q = weighted_unavailability_.mean;
    const double hw = weighted_unavailability_.half_width();
    result.weighted_availability = {1.0 - q, std::max(0.0, 1.0 - q - hw),
                                    std::min(1.0, 1.0 - q + hw)};
  }

  result.attribution.clear();
  const double total_hours = measures_[0].downtime_hours;
  const double n = static_cast<double>(replications_);
  const double simulated_years = n * horizon_years_;
  for (int cause = 0; cause <= c_.element_count; ++cause) {
    const Cause& s = causes_[cause];
    if (s.hours <= 0.0 && s.incidents == 0) continue;
    api::AttributionRow row;
    if (cause < c_.element_count) {
      row.element = plan.element_name[cause];
      row.level = graph::to_string(plan.element_kind[cause]);
    } else {
      row.element = "(down at start)";
      row.level = "start";
    }
    const double mean = s.sum / n;
    double hw = 0.0;
    if (replications_ > 1) {
      const double variance = std::max(0.0, (s.sum_sq - n * mean * mean) / (n - 1.0));
      hw = t_quantile_975(replications_ - 1) * std::sqrt(variance / n);
    }
    row.minutes_per_year = mean;
    row.minutes_per_year_lo = std::max(0.0, mean - hw);
    row.minutes_per_year_hi = mean + hw;
    row.share = total_hours > 0.0 ? s.hours / total_hours : 0.0;
    row.incidents_per_year =
        simulated_years > 0.0 ? static_cast<double>(s.incidents) / simulated_years : 0.0;
    result.attribution.push_back(std::move(row));
  }
  std::stable_sort(result.attribution.begin(), result.attribution.end(),
                   [](const api::AttributionRow& a, const api::AttributionRow& b) {
                     return a.minutes_per_year > b.minutes_per_year;
                   });

  result.changes.clear();
  for (std::size_t k = 0; k < changes_.size(); ++k) {
    const int s = plan.change_service[k];
    api::ChangeRow row;
    row.service = arch.services[s].name;
    row.rollout = model::describe_rollout(arch, s);
    row.waves = c_.changes[k].wave_count();
    row.replicas = static_cast<int>(arch.services[s].replicas.size());
    row.bad_changes_per_year = estimate(changes_[k].bad_changes_per_year);
    row.replica_outage_minutes_per_year = estimate(changes_[k].replica_minutes_per_year);
    result.changes.push_back(std::move(row));
  }

  result.data.clear();
  const bool yearly = std::abs(horizon_hours_ - model::HOURS_PER_YEAR) < 1e-6;
  for (std::size_t d = 0; d < data_.size(); ++d) {
    const DataStat& s = data_[d];
    const DataSpec& spec = c_.data.data[d];
    const model::Service& service = arch.services[c_.service_index[spec.service]];
    api::DataRow row;
    row.service = service.name;
    row.replication = model::to_string(service.data->replication);
    row.loss_events_per_year = estimate(s.events_per_year);
    row.minutes_lost_per_year = estimate(s.minutes_per_year);
    row.writes_per_second = spec.writes_per_second;
    const double writes_per_minute = spec.writes_per_second * 60.0;
    row.writes_lost_per_year = {row.minutes_lost_per_year.value * writes_per_minute,
                                row.minutes_lost_per_year.lo * writes_per_minute,
                                row.minutes_lost_per_year.hi * writes_per_minute};
    row.restores_per_year = estimate(s.restores_per_year);
    if (spec.quorum > 0) {
      row.quorum = spec.quorum;
      const api::Estimate u = estimate(s.write_unavailability);
      row.write_unavailability = {u.value, u.lo, std::min(1.0, u.hi)};
      row.write_availability = {1.0 - u.value, std::max(0.0, 1.0 - u.hi), 1.0 - u.lo};
    }
    row.unrecoverable_per_year = estimate(s.unrecoverable_per_year);
    row.p_loss_in_a_year = yearly && replications_ > 0 ? wilson(s.years_with_loss, replications_)
                                                       : api::Estimate{-1.0, -1.0, -1.0};
    row.loss_minutes_per_event = s.loss_minutes.quantiles();
    row.loss_minutes_per_event_histogram = s.loss_minutes.histogram();
    for (int cause = 0; cause < DATA_CAUSES; ++cause) {
      if (!(s.cause_events[cause].mean > 0.0)) continue;
      row.causes.push_back({data_cause_name(cause), estimate(s.cause_events[cause]),
                            estimate(s.cause_minutes[cause])});
    }
    result.data.push_back(std::move(row));
  }
}

}  // namespace outagesim::sim

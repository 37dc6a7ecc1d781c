// Assembling api::Result from exact figures: measures, provenance, attribution.
#include "exact_result.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "outagesim/model/duration.h"

namespace outagesim::exact {

namespace {

api::Estimate point(double value) { return {value, value, value}; }

}  // namespace

api::MeasureResult exact_measure(const std::string& name, double weight, double availability,
                                 double unavailability, double frequency_per_hour) {
  api::MeasureResult m;
  m.name = name;
  m.weight = weight;
  m.unavailability = point(unavailability);
  api::derive_from_unavailability(m);
  // The solver's own availability, summed from the up states: the same number to rounding.
  m.availability = point(availability);
  m.incidents_per_year = point(frequency_per_hour * model::HOURS_PER_YEAR);
  m.mean_incident_hours =
      point(frequency_per_hour > 0.0 ? unavailability / frequency_per_hour : 0.0);
  return m;
}

api::Result exact_result_shell(const graph::Plan& plan, const std::string& solver,
                               const std::string& reason) {
  api::Result r;
  r.model_name = plan.architecture.name;
  r.method = "exact";
  r.solver = solver;
  r.method_reason = reason;
  r.version = OUTAGESIM_VERSION;
  r.start = "stationary";
  r.stop_reason = "exact";
  return r;
}

void fill_weighted_availability(api::Result& result) {
  double weight = 0.0, sum = 0.0;
  for (const api::MeasureResult& c : result.capabilities) {
    weight += c.weight;
    sum += c.weight * c.availability.value;
  }
  result.weighted_availability =
      point(weight > 0.0 ? sum / weight : result.system.availability.value);
}

void add_element_attribution(api::Result& result, const graph::Plan& plan,
                             const StaticSolution& sol, double element_downtime_fraction) {
  double total = 0.0;
  for (const ElementFigures& f : sol.elements) total += f.birnbaum * f.unavailability;
  for (const ElementFigures& f : sol.elements) {
    // Components never need a control plane or a responder to stay up: the downtime they cause
    // (waits) is charged by the Markov chain, not through the structure.
    const graph::ElementKind kind = plan.element_kind[f.element];
    if (kind == graph::ElementKind::control_plane || kind == graph::ElementKind::responders)
      continue;
    api::AttributionRow row;
    row.element = plan.element_name[f.element];
    row.level = graph::to_string(plan.element_kind[f.element]);
    const double share = total > 0.0 ? f.birnbaum * f.unavailability / total : 0.0;
    row.minutes_per_year = share * element_downtime_fraction * model::MINUTES_PER_YEAR;
    row.minutes_per_year_lo = row.minutes_per_year_hi = row.minutes_per_year;
    row.incidents_per_year = f.birnbaum * f.failure_frequency * model::HOURS_PER_YEAR;
    result.attribution.push_back(row);
  }
}

void sort_attribution(api::Result& result) {
  double total = 0.0;
  for (const api::AttributionRow& row : result.attribution) total += row.minutes_per_year;
  for (api::AttributionRow& row : result.attribution) {
    row.share = total > 0.0 ? row.minutes_per_year / total : 0.0;
  }
  std::stable_sort(result.attribution.begin(), result.attribution.end(),
                   [](const api::AttributionRow& x, const api::AttributionRow& y) {
                     return x.minutes_per_year > y.minutes_per_year;
                   });
}

void add_change_rows(api::Result& result, const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  for (int k = 0; k < plan.change_count; ++k) {
    const int waves = plan.change_wave_begin[k + 1] - plan.change_wave_begin[k];
    if (waves > 1) continue;  // a staged rollout has no exact figures
    const int s = plan.change_service[k];
    const model::FailureProcess& p = plan.element_process[plan.change_element(k)];
    api::ChangeRow row;
    row.service = a.services[s].name;
    row.rollout = model::describe_rollout(a, s);
    row.waves = waves;
    row.replicas = static_cast<int>(a.services[s].replicas.size());
    // One alternating renewal process: bad changes per hour 1 / (MTTF + MTTR), each taking
    // every replica down for its episode, a fraction 1 - A of the time.
    row.bad_changes_per_year = point(p.failure_frequency() * model::HOURS_PER_YEAR);
    row.replica_outage_minutes_per_year =
        point(row.replicas * (1.0 - p.availability()) * model::MINUTES_PER_YEAR);
    result.changes.push_back(std::move(row));
  }
}

api::Result static_result(const graph::Plan& plan, const std::string& solver,
                          const std::string& reason, const StaticSolution& sol) {
  const model::Architecture& a = plan.architecture;
  api::Result result = exact_result_shell(plan, solver, reason);
  for (std::size_t c = 0; c < a.capabilities.size(); ++c) {
    const StaticFigures& f = sol.capabilities[c];
    result.capabilities.push_back(exact_measure(a.capabilities[c].name, a.capabilities[c].weight,
                                                f.availability, f.unavailability,
                                                f.frequency_per_hour));
  }
  result.system = exact_measure("system", 1.0, sol.system.availability, sol.system.unavailability,
                                sol.system.frequency_per_hour);
  fill_weighted_availability(result);
  add_element_attribution(result, plan, sol, sol.system.unavailability);
  sort_attribution(result);
  add_change_rows(result, plan);
  return result;
}

}  // namespace outagesim::exact

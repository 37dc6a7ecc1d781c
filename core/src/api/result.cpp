// The JSON form of api::Result, and nines/downtime derived from availability.
#include "outagesim/api/result.h"

#include <cmath>
#include <limits>

#include "outagesim/model/duration.h"

namespace outagesim::api {
namespace {

// JSON has no infinity or NaN: such numbers are written as null.
nlohmann::json number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

nlohmann::json pair(double lo, double hi) {
  return nlohmann::json::array({number(lo), number(hi)});
}

double nines_of(double unavailability) {
  if (unavailability <= 0.0) return std::numeric_limits<double>::infinity();
  return -std::log10(unavailability);
}

nlohmann::json quantiles(const Quantiles& q) {
  return {{"p50", q.p50}, {"p90", q.p90}, {"p99", q.p99}, {"max", q.max}, {"count", q.count}};
}

nlohmann::json histogram(const Histogram& h) {
  return {{"zeros", h.zeros}, {"edges", h.edges}, {"counts", h.counts}};
}

// The keys shared by the system and each capability.
nlohmann::json measure(const MeasureResult& m) {
  nlohmann::json j;
  j["unavailability"] = number(m.unavailability.value);
  j["unavailability_ci95"] = pair(m.unavailability.lo, m.unavailability.hi);
  j["availability"] = number(m.availability.value);
  j["availability_ci95"] = pair(m.availability.lo, m.availability.hi);
  j["nines"] = number(m.nines.value);
  j["nines_ci95"] = pair(m.nines.lo, m.nines.hi);
  j["downtime_minutes_per_year"] = number(m.downtime_minutes_per_year.value);
  j["downtime_minutes_per_year_ci95"] =
      pair(m.downtime_minutes_per_year.lo, m.downtime_minutes_per_year.hi);
  j["incidents_per_year"] = number(m.incidents_per_year.value);
  j["incidents_per_year_ci95"] = pair(m.incidents_per_year.lo, m.incidents_per_year.hi);
  j["mean_incident_hours"] = number(m.mean_incident_hours.value);
  j["mean_incident_hours_ci95"] = pair(m.mean_incident_hours.lo, m.mean_incident_hours.hi);
  j["incident_duration_hours"] = quantiles(m.incident_duration_hours);
  j["downtime_minutes_per_year_distribution"] = quantiles(m.downtime_minutes_per_year_distribution);
  j["incidents_observed"] = m.incidents_observed;
  j["rel_error_achieved"] = number(m.rel_error_achieved);
  // Histograms only where a sample was observed (Monte Carlo), so exact results stay small.
  if (m.incident_duration_hours_histogram.zeros > 0 ||
      !m.incident_duration_hours_histogram.counts.empty())
    j["incident_duration_hours_histogram"] = histogram(m.incident_duration_hours_histogram);
  if (m.downtime_minutes_per_year_histogram.zeros > 0 ||
      !m.downtime_minutes_per_year_histogram.counts.empty())
    j["downtime_minutes_per_year_histogram"] = histogram(m.downtime_minutes_per_year_histogram);
  return j;
}

void put(nlohmann::json& j, const std::string& key, const Estimate& e) {
  j[key] = number(e.value);
  j[key + "_ci95"] = pair(e.lo, e.hi);
}

// Only measures with an objective carry its keys.
void objectives(nlohmann::json& j, const MeasureResult& m) {
  if (m.rto_hours >= 0.0) {
    j["rto_hours"] = m.rto_hours;
    put(j, "incidents_over_rto_share", m.incidents_over_rto_share);
  }
  if (m.rpo_hours >= 0.0) {
    j["rpo_hours"] = m.rpo_hours;
    put(j, "losses_over_rpo_per_year", m.losses_over_rpo_per_year);
  }
}

// Only results of models with degraded modes carry their keys.
void degraded_modes(nlohmann::json& j, const MeasureResult& m) {
  if (!m.degraded_modes) return;
  put(j, "full_availability", m.full_availability);
  put(j, "value_weighted_availability", m.value_weighted_availability);
  put(j, "degraded_minutes_per_year", m.degraded_minutes_per_year);
}

nlohmann::json data_row(const DataRow& row) {
  nlohmann::json j;
  j["service"] = row.service;
  j["replication"] = row.replication;
  put(j, "loss_events_per_year", row.loss_events_per_year);
  put(j, "minutes_lost_per_year", row.minutes_lost_per_year);
  if (row.writes_per_second > 0.0) {
    j["writes_per_second"] = row.writes_per_second;
    put(j, "writes_lost_per_year", row.writes_lost_per_year);
  }
  if (row.quorum > 0) {
    j["quorum"] = row.quorum;
    put(j, "write_availability", row.write_availability);
    put(j, "write_unavailability", row.write_unavailability);
  }
  put(j, "restores_per_year", row.restores_per_year);
  put(j, "unrecoverable_per_year", row.unrecoverable_per_year);
  if (row.p_loss_in_a_year.value >= 0.0) put(j, "p_loss_in_a_year", row.p_loss_in_a_year);
  j["loss_minutes_per_event"] = quantiles(row.loss_minutes_per_event);
  j["loss_minutes_per_event_histogram"] = histogram(row.loss_minutes_per_event_histogram);
  nlohmann::json causes = nlohmann::json::array();
  for (const DataLossCause& cause : row.causes) {
    nlohmann::json c{{"cause", cause.cause}};
    put(c, "events_per_year", cause.events_per_year);
    put(c, "minutes_per_year", cause.minutes_per_year);
    causes.push_back(std::move(c));
  }
  j["causes"] = std::move(causes);
  return j;
}

bool any_infinite_nines(const MeasureResult& m) {
  return !std::isfinite(m.nines.value) || !std::isfinite(m.nines.lo) || !std::isfinite(m.nines.hi);
}

}  // namespace

void derive_from_unavailability(MeasureResult& m) {
  const Estimate& u = m.unavailability;
  // Availability and nines fall as unavailability grows: their interval ends swap.
  m.availability = {1.0 - u.value, 1.0 - u.hi, 1.0 - u.lo};
  m.nines = {nines_of(u.value), nines_of(u.hi), nines_of(u.lo)};
  m.downtime_minutes_per_year = {u.value * model::MINUTES_PER_YEAR, u.lo * model::MINUTES_PER_YEAR,
                                 u.hi * model::MINUTES_PER_YEAR};
}

nlohmann::json to_json(const Result& r) {
  nlohmann::json j = measure(r.system);
  objectives(j, r.system);
  degraded_modes(j, r.system);
  j["weighted_availability"] = number(r.weighted_availability.value);
  j["weighted_availability_ci95"] = pair(r.weighted_availability.lo, r.weighted_availability.hi);

  nlohmann::json capabilities = nlohmann::json::object();
  bool infinite = any_infinite_nines(r.system);
  for (const MeasureResult& m : r.capabilities) {
    nlohmann::json c = measure(m);
    c["weight"] = m.weight;
    objectives(c, m);
    degraded_modes(c, m);
    capabilities[m.name] = std::move(c);
    infinite = infinite || any_infinite_nines(m);
  }
  j["capabilities"] = std::move(capabilities);

  nlohmann::json attribution = nlohmann::json::array();
  for (const AttributionRow& row : r.attribution) {
    attribution.push_back(
        {{"element", row.element},
         {"level", row.level},
         {"minutes_per_year", number(row.minutes_per_year)},
         {"minutes_per_year_ci95", pair(row.minutes_per_year_lo, row.minutes_per_year_hi)},
         {"share", number(row.share)},
         {"incidents_per_year", number(row.incidents_per_year)}});
  }
  j["attribution"] = std::move(attribution);
  // Only models with changes carry this key.
  if (!r.changes.empty()) {
    nlohmann::json changes = nlohmann::json::array();
    for (const ChangeRow& row : r.changes) {
      const Estimate& bad = row.bad_changes_per_year;
      const Estimate& down = row.replica_outage_minutes_per_year;
      changes.push_back({{"service", row.service},
                         {"rollout", row.rollout},
                         {"waves", row.waves},
                         {"replicas", row.replicas},
                         {"bad_changes_per_year", number(bad.value)},
                         {"bad_changes_per_year_ci95", pair(bad.lo, bad.hi)},
                         {"replica_outage_minutes_per_year", number(down.value)},
                         {"replica_outage_minutes_per_year_ci95", pair(down.lo, down.hi)}});
    }
    j["changes"] = std::move(changes);
  }

  // Only models with data carry this key.
  if (!r.data.empty()) {
    nlohmann::json data = nlohmann::json::array();
    for (const DataRow& row : r.data) data.push_back(data_row(row));
    j["data"] = std::move(data);
  }

  j["method"] = r.method;
  j["method_reason"] = r.method_reason;
  j["solver"] = r.solver;
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  j["horizon_years"] = number(r.horizon_years);
  j["simulated_years"] = number(r.simulated_years);
  j["wall_seconds"] = number(r.wall_seconds);
  j["events"] = r.events;
  j["threads"] = r.threads;
  j["start"] = r.start;
  j["stop_reason"] = r.stop_reason;
  j["rel_error_target"] = number(r.rel_error_target);
  j["rel_error_achieved"] = number(r.rel_error_achieved);
  // Only runs that asked for windows or per-element streams carry these keys.
  if (r.window_hours > 0.0) {
    j["window_hours"] = r.window_hours;
    j["window_availability"] = r.window_availability;
  }
  if (r.per_element_streams) j["random_streams"] = "per element";
  if (r.method == "mc") {
    j["warmup_years"] = number(r.warmup_years);
    j["warmup"] = r.warmup_automatic ? "automatic" : "given";
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const std::string& w : r.warnings) warnings.push_back(w);
  if (infinite)
    warnings.push_back("nines is +infinity where availability is 1 (no downtime): written as null");
  j["warnings"] = std::move(warnings);
  j["model"] = r.model_name;
  j["version"] = r.version;
  return j;
}

}  // namespace outagesim::api

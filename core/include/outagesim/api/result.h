// The plain result structs every method (Monte Carlo or exact) fills, and their JSON form.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace outagesim::api {

// A point estimate with its 95% confidence interval. Exact results have lo == hi == value.
struct Estimate {
  double value = 0.0;
  double lo = 0.0;
  double hi = 0.0;
};

// Empirical quantiles of a sample; count == 0 when nothing was observed.
struct Quantiles {
  std::int64_t count = 0;
  double p50 = 0.0, p90 = 0.0, p99 = 0.0, max = 0.0;
};

// Counts of a positive sample in log-spaced bins [edges[i], edges[i+1]) (8 per octave), for
// plotting a distribution; `zeros` counts the values at (or within 1e-9 of) zero, which a log
// axis cannot show. Empty when nothing was observed.
struct Histogram {
  std::int64_t zeros = 0;
  std::vector<double> edges;
  std::vector<std::int64_t> counts;
};

// The figures of one measure: the whole system, or one capability.
struct MeasureResult {
  std::string name;  // "system" or the capability name
  double weight = 1.0;
  // The fraction of time down, estimated directly (never as 1 - A, whose cancellation loses the
  // significant digits of a design with many nines). The other figures derive from it.
  Estimate unavailability;
  Estimate availability;               // 1 - U
  Estimate nines;                      // -log10(U); interval from the unavailability interval
  Estimate downtime_minutes_per_year;  // U * 525600
  Estimate incidents_per_year;         // up-to-down transitions per year
  Estimate mean_incident_hours;
  Quantiles incident_duration_hours;                 // Monte Carlo only
  Quantiles downtime_minutes_per_year_distribution;  // over simulated years, Monte Carlo only
  Histogram incident_duration_hours_histogram;       // Monte Carlo only
  Histogram downtime_minutes_per_year_histogram;     // over simulated years, Monte Carlo only
  std::int64_t incidents_observed = 0;               // Monte Carlo only
  // Monte Carlo: the half-width of the unavailability interval over the unavailability (inf when
  // no downtime was seen); exact: 0.
  double rel_error_achieved = 0.0;
  // Recovery objectives (docs/model-format.md#objectives), -1 when not stated, and how often
  // they are missed (Monte Carlo only): the share of completed incidents longer than the RTO,
  // and the data-loss events a year, of the services this measure needs, above the RPO
  // (unrecoverable corruptions included).
  double rto_hours = -1.0;
  double rpo_hours = -1.0;
  Estimate incidents_over_rto_share;
  Estimate losses_over_rpo_per_year;
  // Degraded modes (docs/numbers.md#degraded-modes), Monte Carlo only, when the model declares
  // fallbacks or feature flags: availability above counts degraded time as up; these split it.
  bool degraded_modes = false;
  Estimate full_availability;            // the share of time in full
  Estimate value_weighted_availability;  // the mean share of the capability delivered
  Estimate degraded_minutes_per_year;    // up, but not in full
};

// Data lost to one cause (docs/numbers.md#data-loss).
struct DataLossCause {
  std::string cause;  // "async failover", "failover to a stale replica", "corruption restore"
  Estimate events_per_year;
  Estimate minutes_per_year;  // minutes of writes lost a year
};

// What one service that holds data loses (docs/numbers.md#data-loss); Monte Carlo only.
struct DataRow {
  std::string service;
  std::string replication;  // "none", "sync" or "async"
  Estimate loss_events_per_year;
  Estimate minutes_lost_per_year;  // time of writes lost a year, all causes
  double writes_per_second = 0.0;  // 0: not stated (no writes_lost_per_year)
  Estimate writes_lost_per_year;
  Estimate restores_per_year;       // corruption restores
  Estimate unrecoverable_per_year;  // restores with no clean backup left (not in the minutes)
  // The share of simulated years with at least one loss (or unrecoverable restore): reported
  // when each replication is one year long, else value -1.
  Estimate p_loss_in_a_year;
  // A quorum's writes (refused while fewer than the quorum are healthy): the fraction of time
  // they are, and its complement; value -1 for every other replication.
  Estimate write_unavailability{-1.0, -1.0, -1.0};
  Estimate write_availability{-1.0, -1.0, -1.0};
  int quorum = 0;
  Quantiles loss_minutes_per_event;
  Histogram loss_minutes_per_event_histogram;
  std::vector<DataLossCause> causes;
};

// Downtime of the system charged to one element (component, zone, region or provider).
struct AttributionRow {
  std::string element;  // component name or domain path
  std::string level;    // "component", "zone", "region", "provider", "common_cause",
                        // "regional_service", "failover"
  double minutes_per_year = 0.0;
  double minutes_per_year_lo = 0.0;  // 95% interval (exact: equal to the value)
  double minutes_per_year_hi = 0.0;
  double share = 0.0;  // of all system downtime
  double incidents_per_year = 0.0;
};

// The bad changes of one service (model::Service::changes): how many reach replicas, and how
// much replica time they take down (docs/numbers.md#bad-changes).
struct ChangeRow {
  std::string service;
  std::string rollout;  // "all at once", "one zone at a time, 1h bake", ...
  int waves = 1;
  int replicas = 0;
  Estimate bad_changes_per_year;  // bad changes that reached a replica
  // Minutes a year summed over the service's replicas, each down from when a wave of a bad
  // change reached it until the rollback completed (whatever else was down meanwhile).
  Estimate replica_outage_minutes_per_year;
};

struct Result {
  std::string model_name;
  std::string method;         // "mc" or "exact"
  std::string method_reason;  // why this method ran (for --method auto)
  std::string solver;         // "monte-carlo", "bdd", "ctmc"
  std::string version;

  // Monte Carlo provenance (exact: seed 0, replications 0, simulated_years 0).
  std::uint64_t seed = 0;
  std::int64_t replications = 0;
  double horizon_years = 0.0;
  // Unrecorded warm-up before each replication's horizon (sim::Options::warmup_hours), and
  // whether the engine chose its length (the stationary start's automatic warm-up).
  // simulated_years counts measured years only.
  double warmup_years = 0.0;
  bool warmup_automatic = false;
  double simulated_years = 0.0;
  double wall_seconds = 0.0;
  std::int64_t events = 0;
  int threads = 1;
  std::string start;        // "all-up" or "stationary"
  std::string stop_reason;  // "rel-error reached", "max-time reached", "replications reached"
  // The stopping rule's target applies to the system and every capability that can fail;
  // rel_error_achieved is the largest of their relative errors (each measure has its own).
  double rel_error_target = 0.0;
  double rel_error_achieved = 0.0;
  std::vector<std::string> warnings;  // e.g. too few incidents to estimate an interval

  MeasureResult system;
  Estimate weighted_availability;
  std::vector<MeasureResult> capabilities;
  std::vector<AttributionRow> attribution;  // sorted by minutes_per_year, largest first
  // Per service with changes, in service order (exact: rolled out all at once only).
  std::vector<ChangeRow> changes;
  // Per service with data, in service order (Monte Carlo only).
  std::vector<DataRow> data;

  // Monte Carlo with sim::Options::window_hours > 0: the system availability of each whole
  // window of that length, replication by replication (the SLA breach sample of cost::).
  double window_hours = 0.0;
  std::vector<double> window_availability;
  bool per_element_streams = false;  // which random streams produced the figures
};

// The JSON form used by `outagesim evaluate --json` and the Python result's to_dict().
// Keys: availability, availability_ci95 [lo, hi], weighted_availability, nines, nines_ci95,
// downtime_minutes_per_year, incidents_per_year, mean_incident_hours, capabilities
// (name -> the same keys), attribution, method, seed, replications, simulated_years, ...
nlohmann::json to_json(const Result& result);

// Fills availability, nines and downtime from unavailability (a value and its interval).
void derive_from_unavailability(MeasureResult& measure);

}  // namespace outagesim::api

// The validated, unit-resolved, catalog-merged model: what every later layer reads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/model/distribution.h"

namespace outagesim::model {

// An alternating renewal process: up for a ttf draw, down for a ttr draw, repeated.
struct FailureProcess {
  bool never_fails = true;  // a domain with no "outage"
  Distribution ttf;         // time to failure (hours)
  Distribution ttr;         // time to repair (hours)
  // Down, undetected, before the repair can start: zero for every process but a data
  // corruption, which is down for a detection draw then a restore draw (Corruption below).
  Distribution detect = Distribution::deterministic(0.0);

  double mttf() const { return never_fails ? 0.0 : ttf.mean; }
  // The mean time down: detection (when any) plus repair.
  double mttr() const { return never_fails ? 0.0 : detect.mean + ttr.mean; }
  // Long-run fraction of time up: MTTF / (MTTF + MTTR); 1 for never_fails.
  double availability() const;
  // Long-run failures per hour: 1 / (MTTF + MTTR); 0 for never_fails.
  double failure_frequency() const;
};

// Where a value came from, for `outagesim show`: "model", or "catalog aws: <source text>".
using Origin = std::string;

enum class DomainLevel { provider, region, zone };
const char* to_string(DomainLevel level);

struct Domain {
  std::string name;  // short name: "aws", "us-east-1", "use1-az1"
  std::string path;  // "aws", "aws/us-east-1", "aws/us-east-1/use1-az1"
  DomainLevel level = DomainLevel::provider;
  int parent = -1;  // index into Architecture::domains, -1 for a provider
  FailureProcess outage;
  Origin outage_origin = "model";
};

// Who brings a failed component back (docs/model-format.md#repair): the provider on its own clock
// (no control plane, no person: v1's meaning), an automatic replacement (a new instance from an
// autoscaling group, which needs its region's control plane to start), or a person (a responder
// of `operations`, engaged before the repair starts).
enum class RepairMode { provider, replace, manual };
const char* to_string(RepairMode mode);

struct Component {
  std::string name;
  std::string type;   // catalog type ("vm", "managed_db", ...) or "" when not given
  int location = -1;  // index of the deepest domain it is placed in
  FailureProcess failure;
  double cost_per_hour = 0.0;  // USD
  Origin failure_origin = "model";
  Origin cost_origin = "model";
  RepairMode repair = RepairMode::provider;
  Origin repair_origin = "default";
  // replace only: the control plane (index into Architecture::control_planes) the replacement
  // needs, that of the component's region.
  int repair_control_plane = -1;
};

enum class RedundancyMode { active_active, active_passive };
enum class Scope { any, same_provider, same_region, same_zone };
const char* to_string(RedundancyMode mode);
const char* to_string(Scope scope);

// What a failover takes when it lands on one particular replica (its target); a field left
// out is the service's own (Failover's fields of the same name).
struct FailoverTarget {
  int replica = -1;  // position in Service::replicas
  std::optional<Distribution> switchover;
  std::optional<double> success_probability;
  std::optional<Distribution> manual_recovery;
};

// What an automatic failover does when a control plane it needs is down once detection is over:
// wait until it is back, then switch over; or fail, and go to manual recovery.
enum class ControlPlaneDown { wait, fail };
const char* to_string(ControlPlaneDown action);

struct Failover {
  Distribution detection = Distribution::deterministic(0.0);
  Distribution switchover = Distribution::deterministic(0.0);
  double success_probability = 1.0;
  // Replaces switchover when automatic failover fails (probability 1 - success_probability):
  // the outage then lasts detection + manual_recovery.
  Distribution manual_recovery = Distribution::deterministic(0.0);
  // Per-target overrides, in replica order, at most one per replica. Detection is about the
  // replica that failed, so it is never a target's.
  std::vector<FailoverTarget> targets;
  // The control planes the automatic switchover needs, per target code (0: no target, the
  // service's own list; r + 1: replica position r), indices into Architecture::control_planes.
  // Empty (or every list empty): a statically stable failover that needs no control plane.
  std::vector<std::vector<int>> control_planes;
  ControlPlaneDown without_control_plane = ControlPlaneDown::wait;

  // The control planes a failover to replica position `replica` (-1: none) needs.
  const std::vector<int>& control_planes_to(int replica) const;
  bool needs_control_plane() const;

  // The timings of a failover whose target is replica position `replica` (-1: no target, the
  // service's own).
  const Distribution& switchover_to(int replica) const;
  double success_probability_to(int replica) const;
  const Distribution& manual_recovery_to(int replica) const;
  // True when failover is instantaneous, always succeeds and needs no control plane, whatever
  // the target (a static structure).
  bool is_instant() const;
  // The override for replica position `replica`, or null.
  const FailoverTarget* target_of(int replica) const;
};

// A dependency that can be switched off (docs/model-format.md#feature-flags): once the service
// depended on has been down for a draw of `decide` (detection and decision), the dependent runs
// without it, delivering `value` (0..1) of what it delivers in full, until it is back.
struct FeatureFlag {
  Distribution decide = Distribution::deterministic(0.0);
  double value = 1.0;
};

struct Dependency {
  int service = -1;  // index into Architecture::services
  Scope scope = Scope::any;
  std::optional<FeatureFlag> feature_flag;  // absent: the dependency cannot be switched off
};

// The widest failure-domain boundary that traffic between two locations crosses. Two replicas in
// one zone cross none; in one region but not (provably) one zone, inter_zone (a replica placed
// at a region or provider level may sit in any of its zones); in one provider but not one
// region, inter_region; in two providers, internet.
enum class TransferBoundary { none, inter_zone, inter_region, internet };
const char* to_string(TransferBoundary boundary);

// Traffic that crosses between a service's replicas (replication, sync), priced by cost::price.
struct Replication {
  double gb_per_month = 0.0;  // GB a month crossing the widest boundary the replicas span
  // USD per GB stated by the model; absent: the catalog transfer price of the first replica's
  // provider at that boundary (Architecture::transfer).
  std::optional<double> price_per_gb;
};

// What a staged rollout reaches in one wave: every replica in one zone, or in one region.
enum class RolloutUnit { zone, region };
const char* to_string(RolloutUnit unit);

// How a change reaches a service's replicas (docs/model-format.md#changes): all at once (one
// wave), or staged: a canary wave first when asked, then one zone or region at a time, with
// `bake_hours` between the starts of consecutive waves.
struct Rollout {
  bool staged = false;
  // Staged only: the unit of a wave; absent: after the canary, every other replica in one wave.
  std::optional<RolloutUnit> by;
  double bake_hours = 0.0;
  int canary = 0;  // replicas in the canary wave; 0: no canary
  // Staged with `by`: the zones or regions (indices into Architecture::domains) in the order the
  // waves reach them: the model's "order", then the others in the order the service's replicas
  // first name them.
  std::vector<int> order;
  // Positions in Service::replicas reached by each wave, first wave first; every replica is in
  // exactly one wave. All at once: one wave of every replica.
  std::vector<std::vector<int>> waves;
};

// Deploys and configuration pushes of one service, as a source of outages
// (docs/model-format.md#changes). Changes arrive as a Poisson process at `rate_per_hour`, each
// bad with `bad_probability`. A bad change reaches replicas wave by wave; it is detected
// `detection` after it first reached a replica, which stops the rollout; the rollback then takes
// `rollback`, and every replica the change reached is down from when it was reached until the
// rollback completes. The pipeline carries one bad change at a time: no change of the service
// starts between a bad change's first wave and the end of its rollback (a change freeze).
struct Changes {
  double rate_per_hour = 0.0;
  double bad_probability = 0.0;
  Distribution detection = Distribution::deterministic(0.0);
  Distribution rollback = Distribution::deterministic(0.0);
  Rollout rollout;

  double bad_rate_per_hour() const { return rate_per_hour * bad_probability; }
  // Mean hours from a bad change's first wave to the end of its rollback.
  double mean_episode_hours() const { return detection.mean + rollback.mean; }
  // The bad changes as one alternating renewal process: up (no bad change in flight) for an
  // exponential time at bad_rate_per_hour, down for detection + rollback. Its availability,
  // 1 / (1 + bad rate x mean episode), is the fraction of time no bad change is in flight.
  // Only the repair time's mean is exact when neither detection nor rollback is zero (a sum of
  // two laws has no kind of its own): the exact solver needs no more, and the simulator draws
  // detection and rollback themselves.
  FailureProcess bad_change_process() const;
};

// How a data service's replicas receive writes (docs/model-format.md#data): not at all (a single
// replica), synchronously (a failover to a replica that was in step loses nothing),
// asynchronously (one behind by a lag draw at the moment of failover), or only from backups (a
// standby restored from the last backup: a takeover loses the writes since then), or by a
// quorum (a write commits on `Data::quorum` replicas, and is refused while fewer are healthy).
enum class WriteReplication { none, sync, async, backup, quorum };
const char* to_string(WriteReplication replication);

// Copies of a service's data taken every `interval_hours` and kept `retention_hours`, in
// `location` (a domain: while it is down no copy is taken), restored in a `restore` draw. With
// point-in-time recovery the write log is shipped every `point_in_time_hours` to the same place.
struct Backups {
  double interval_hours = 24.0;
  double retention_hours = 24.0 * 30;
  std::optional<double> point_in_time_hours;
  int location = -1;  // index into Architecture::domains; -1: never unavailable
  Distribution restore;
  // When the restore time is stated as size over throughput (restore is then their quotient).
  std::optional<double> size_gb, restore_gb_per_hour;
};

// Damage that replicates to every replica until detected (a bad migration, an operator error,
// ransomware): its onsets, and the detection time during which the data is wrong.
struct Corruption {
  Distribution onset;  // time between the end of one restore and the next corruption
  Distribution detect;
  int group = -1;  // its element: index into Architecture::common_causes (kind corruption)
};

// How one replica receives writes, when it differs from its service's rule.
struct ReplicaReplication {
  WriteReplication replication = WriteReplication::sync;
  Distribution lag = Distribution::deterministic(0.0);  // async only
};

// The data a service holds (docs/model-format.md#data).
struct Data {
  WriteReplication replication = WriteReplication::none;
  Distribution lag = Distribution::deterministic(0.0);  // async only
  int quorum = 0;                                       // quorum only: replicas a write needs
  // By replica position: replicas that receive writes otherwise (a cross-region async replica
  // beside a synchronous standby).
  std::map<int, ReplicaReplication> replicas;
  std::optional<double> writes_per_second;  // turns lost time into lost writes
  std::optional<Backups> backups;
  std::optional<Corruption> corruption;  // needs backups to restore from
};

// Recovery objectives (docs/model-format.md#objectives): the longest acceptable incident and
// the most data (time of writes) acceptable to lose in one event.
struct Objectives {
  std::optional<double> rto_hours;
  std::optional<double> rpo_hours;
};

struct Service {
  std::string name;
  std::vector<int> replicas;  // indices into Architecture::components, in model order
  RedundancyMode mode = RedundancyMode::active_active;
  int min_healthy = 1;  // active_active only
  Failover failover;    // active_passive only
  // active_passive only: the share of its components' price a standby replica costs while it
  // does not serve (a scaled-down or stopped standby, docs/model-format.md#redundancy).
  double standby_cost_share = 1.0;
  std::vector<Dependency> depends_on;
  std::optional<Replication> replication;  // absent: no traffic between replicas is priced
  std::optional<Changes> changes;          // absent: changes are not a source of outages
  std::optional<Data> data;                // absent: the service holds no data of its own
  // The DR strategy whose preset filled in fields (docs/model-format.md#dr-strategies), empty for
  // none, and the fields it filled ("redundancy/failover/switchover: {...}").
  std::string dr_strategy;
  std::vector<std::string> dr_supplied;
};

// A provider's data transfer prices in USD per GB, from its catalog's "transfer" entry.
struct TransferPrices {
  std::optional<double> inter_zone_per_gb;
  std::optional<double> inter_region_per_gb;
  std::optional<double> internet_per_gb;
  Origin origin;  // "catalog aws: <source>"

  // The price at `boundary` (none: 0), or nullopt when the catalog states none.
  std::optional<double> at(TransferBoundary boundary) const;
};

// One row of an SLA credit table: when a window's availability is below `threshold`,
// `fraction` of that window's bill is credited to the customer.
struct SlaCredit {
  double threshold = 0.0;
  double fraction = 0.0;
};

// A service level agreement measured over consecutive windows of `window_hours`.
struct Sla {
  double target = 0.0;          // a window breaches the SLA when its availability < target
  double window_hours = 720.0;  // "mo" = 30 days
  // Sorted by threshold, highest first, fractions not decreasing; the highest applicable
  // fraction (that of the lowest threshold above the window's availability) applies.
  std::vector<SlaCredit> credits;
  // USD the customer pays a month; credits in USD are fractions of the bill of a window,
  // monthly_bill * window_hours / 720. Absent: credits are reported as fractions only.
  std::optional<double> monthly_bill;
};

// What downtime costs the business (top-level "business" of the model).
struct Business {
  std::optional<double> downtime_cost_per_hour;  // USD per hour of system downtime
  std::optional<Sla> sla;
};

// A reduced form of a capability (browse-only, read-only): up while every service it requires is
// up, delivering `value` (0..1) of the full capability.
struct Fallback {
  std::string name;
  std::vector<int> services;  // its "requires", indices into Architecture::services
  double value = 0.0;
};

struct Capability {
  std::string name;
  // The "requires" list of the model. (A C++20 keyword cannot be a member name.)
  std::vector<int> services;  // indices into Architecture::services
  double weight = 1.0;
  Objectives objectives;
  std::vector<Fallback> fallbacks;  // in model order (docs/model-format.md#fallbacks)
};

// One managed provider service impaired in one region ("S3 in us-east-1"): while it is down,
// every component of `type` placed in `region` (at the region or in one of its zones) is down.
// From the catalog's regions.<r>.services.<type>.outage, or the model's own region entry.
struct RegionalService {
  int region = -1;   // index into Architecture::domains (a region)
  std::string type;  // component type ("object_storage", ...)
  FailureProcess outage;
  Origin origin = "model";
  std::vector<int> members;  // indices into Architecture::components, in model order
  std::string name;          // "<region path>/<type>", e.g. "aws/us-east-1/object_storage"
};

// How the members of a common-cause group fail together (docs/model-format.md#common-causes).
// A corruption group is the element of one service's data corruption (Data::corruption): a
// shock over the service's replicas whose time down is detection then restore.
enum class CommonCauseKind { shock, beta, corruption };
// After a beta-factor common failure: every failed member repaired on its own (individual), or
// the group repaired as one job that brings every member back at once (joint).
enum class BetaRepair { individual, joint };
const char* to_string(CommonCauseKind kind);
const char* to_string(BetaRepair repair);

struct CommonCause {
  std::string name;
  std::vector<int> members;  // indices into Architecture::components, in model order, distinct
  CommonCauseKind kind = CommonCauseKind::shock;
  // shock: the shared process as stated. beta: the common part, exponential at beta times a
  // member's failure rate, repaired in a member's time to repair (the members' own failure
  // processes were scaled to the independent part (1 - beta) by the loader).
  FailureProcess process;
  double beta = 0.0;
  BetaRepair repair = BetaRepair::joint;  // beta only
};

// A provider's or a region's control plane (docs/model-format.md#control-planes): the APIs that
// create, modify, scale and promote resources and change DNS records. Components do not need it
// to run; recovery actions do. It is usable while its own outage process is up, the domains it
// lives in are up, and, for a provider's global control plane that lives in one region (AWS's
// IAM and Route 53 record changes in us-east-1), that region's control plane and data plane are
// up. Only the control planes some action needs are in the model.
struct ControlPlane {
  std::string name;  // "aws" (the provider's global one) or "aws/us-east-1"
  int domain = -1;   // provider or region domain; -1: a home region the model does not place
  FailureProcess outage;
  Origin origin = "model";
  // Global only: the regional control plane it lives in (index into control_planes), or -1.
  int home = -1;
  // A home region the model does not place anything in: its data-plane outage (from the
  // catalog), since the global control plane still goes down with it.
  std::optional<FailureProcess> host_outage;
  Origin host_origin;
};

// The people who act on incidents (docs/model-format.md#operations): manual steps wait for a
// free responder, who is paged and engages for `engage`, then does the step; a team works at
// most `responders` incidents at once, first come first served.
struct Operations {
  int responders = 1;
  Distribution engage = Distribution::deterministic(0.0);
  Origin engage_origin = "model";
};

struct Architecture {
  std::string name;
  std::string source;                 // file the model came from ("<dict>" for in-memory)
  std::vector<std::string> catalogs;  // providers whose catalog was merged ("aws", ...)
  std::vector<Domain> domains;        // parents always before children
  std::vector<Component> components;
  std::vector<Service> services;
  std::vector<CommonCause> common_causes;          // the model's "common_causes", in order
  std::vector<RegionalService> regional_services;  // those with members, by region then type
  std::vector<ControlPlane> control_planes;        // those some action needs, by first need
  // Absent: manual steps take their stated time on their own clock, with no one to wait for.
  std::optional<Operations> operations;
  // When the model states no capabilities, one implicit capability "system" that requires
  // every service nothing depends on (implicit_capability is then true).
  std::vector<Capability> capabilities;
  bool implicit_capability = false;
  // Transfer prices by provider name, for providers whose catalog states them.
  std::map<std::string, TransferPrices> transfer;
  double fixed_cost_per_month = 0.0;  // USD a month for anything the components do not price
  std::optional<Business> business;
  Objectives objectives;  // the model's top-level "objectives": for the whole system

  int find_domain(const std::string& path) const;         // -1 when absent
  int find_component(const std::string& name) const;      // -1 when absent
  int find_service(const std::string& name) const;        // -1 when absent
  int find_control_plane(const std::string& name) const;  // -1 when absent
  // True when some recovery needs a control plane or a responder: failover and repairs then
  // depend on more than their own clocks.
  bool has_gated_recovery() const;
  // True when some service declares data: the data-loss figures are then estimated.
  bool has_data() const;
  // True when a capability has fallbacks or a dependency can be switched off: capabilities can
  // then run degraded, and full and value-weighted availability are estimated beside availability.
  bool has_degraded_modes() const;
  // The services `capability` needs, directly or through dependencies (-1: every service).
  std::vector<int> services_needed(int capability) const;
  // The services listed in `required` and every service they depend on, in service order.
  std::vector<int> services_needed_by(std::vector<int> required) const;
  // The enclosing domain of `domain` at `level`, or -1 (e.g. the region of a zone).
  int ancestor_at(int domain, DomainLevel level) const;
  // The widest boundary between any two replicas of `service` (none for a single replica).
  TransferBoundary replication_boundary(int service) const;
};

// The waves of the rollout of `service` (Architecture::services index) from its unit, order and
// canary (Rollout::waves is left as it is). Empty with `problem` set when they cannot be formed:
// a replica outside every zone of a rollout by zone, a canary as large as the service, an order
// naming a domain the service does not use; `field` then names the rollout field at fault.
std::vector<std::vector<int>> rollout_waves(const Architecture& architecture, int service,
                                            std::string* problem = nullptr,
                                            std::string* field = nullptr);

// "all at once" or "by zone, 1h bake, canary of 1 replica; waves: web-1 | web-2 | web-3, web-4".
std::string describe_rollout(const Architecture& architecture, int service);

}  // namespace outagesim::model

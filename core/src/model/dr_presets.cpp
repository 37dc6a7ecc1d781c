// The four DR strategies of docs/model-format.md#dr as JSON fragments of a service entry. The
// bands they reproduce (RPO and RTO of hours, tens of minutes, minutes, near zero) are those of
// AWS's whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" (2021); the
// distributions inside the bands are engineering estimates, documented as such. The standby's
// share of its price follows the same whitepaper's descriptions (backup & restore: nothing runs
// until a restore; pilot light: the data tier runs at its smallest; warm standby: a scaled-down
// copy; multi-site: full capacity, active_active) with the shares themselves estimates.
#include "dr_presets.h"

#include <map>

#include "did_you_mean.h"

namespace outagesim::model {

namespace {

const std::map<std::string, const char*>& presets() {
  static const std::map<std::string, const char*> table{
      {"backup_restore", R"({
        "redundancy": {"mode": "active_passive", "standby_cost_share": 0, "failover": {
          "detection": {"distribution": "lognormal", "median": "10m", "sigma": 0.8},
          "switchover": {"distribution": "lognormal", "median": "4h", "sigma": 0.8},
          "success_probability": 0.9,
          "manual_recovery": {"distribution": "lognormal", "median": "8h", "sigma": 0.8},
          "control_planes": ["target_region"]}},
        "data": {"replication": "backup",
          "backups": {"interval": "24h", "retention": "7d",
                      "restore": {"distribution": "lognormal", "median": "2h", "sigma": 0.7}}}})"},
      {"pilot_light", R"({
        "redundancy": {"mode": "active_passive", "standby_cost_share": 0.25, "failover": {
          "detection": {"distribution": "lognormal", "median": "5m", "sigma": 0.8},
          "switchover": {"distribution": "lognormal", "median": "30m", "sigma": 0.7},
          "success_probability": 0.95,
          "manual_recovery": {"distribution": "lognormal", "median": "2h", "sigma": 0.8},
          "control_planes": ["target_region"]}},
        "data": {"replication": "async",
                 "lag": {"distribution": "lognormal", "median": "5s", "sigma": 1.0}}})"},
      {"warm_standby", R"({
        "redundancy": {"mode": "active_passive", "standby_cost_share": 0.5, "failover": {
          "detection": {"distribution": "lognormal", "median": "3m", "sigma": 0.8},
          "switchover": {"distribution": "lognormal", "median": "10m", "sigma": 0.6},
          "success_probability": 0.95,
          "manual_recovery": {"distribution": "lognormal", "median": "1h", "sigma": 0.8},
          "control_planes": ["target_region"]}},
        "data": {"replication": "async",
                 "lag": {"distribution": "lognormal", "median": "2s", "sigma": 1.0}}})"},
      {"multi_site", R"({
        "redundancy": {"mode": "active_active", "min_healthy": 1},
        "data": {"replication": "async",
                 "lag": {"distribution": "lognormal", "median": "1s", "sigma": 1.0}}})"},
  };
  return table;
}

std::vector<std::string> strategy_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : presets()) names.push_back(name);
  return names;
}

// `over` merged onto `base`: objects key by key, anything else replaced. A distribution is one
// value: a stated one replaces the preset's whole, whatever its kind.
void merge(Json& base, const Json& over) {
  if (!base.is_object() || !over.is_object() || base.contains("distribution") ||
      over.contains("distribution")) {
    base = over;
    return;
  }
  for (const auto& [key, value] : over.items()) {
    if (base.contains(key))
      merge(base[key], value);
    else
      base[key] = value;
  }
}

// The fields of `preset` (a distribution counts as one) that `stated` does not state.
void supplied_leaves(const Json& preset, const Json* stated, const std::string& prefix,
                     std::vector<std::string>& out) {
  for (const auto& [key, value] : preset.items()) {
    const std::string path = prefix.empty() ? key : prefix + "/" + key;
    const Json* own =
        stated && stated->is_object() && stated->contains(key) ? &stated->at(key) : nullptr;
    if (value.is_object() && !value.contains("distribution")) {
      if (own && !own->is_object()) continue;  // stated as something else: the model's
      supplied_leaves(value, own, path, out);
    } else if (!own) {
      out.push_back(path + ": " + value.dump());
    }
  }
}

}  // namespace

std::optional<DrChoice> read_dr(ValidationContext& ctx, const Json& value,
                                const std::string& path) {
  DrChoice choice;
  std::string where = path;
  const Json* name = &value;
  if (value.is_object()) {
    ctx.known_fields(value, path, {"strategy", "description"}, "a dr object");
    name = ctx.required(value, path, "strategy",
                        "one of: backup_restore, pilot_light, warm_standby, multi_site");
    if (!name) return std::nullopt;
    where = path + "/strategy";
  }
  const auto text = ctx.string(*name, where,
                               "a DR strategy: backup_restore, pilot_light, warm_standby or "
                               "multi_site");
  if (!text) return std::nullopt;
  if (presets().count(*text) == 0) {
    ctx.problem(where, "unknown DR strategy \"" + *text + "\";" +
                           did_you_mean(*text, strategy_names()) +
                           " expected backup_restore, pilot_light, warm_standby or multi_site");
    return std::nullopt;
  }
  choice.strategy = *text;
  choice.path = path;
  return choice;
}

Json apply_dr(const Json& service, const DrChoice& choice, std::vector<std::string>& supplied) {
  Json preset = Json::parse(presets().at(choice.strategy));
  Json stated = service;
  stated.erase("dr");
  // A stated redundancy mode is a different design: the preset's redundancy does not apply.
  if (stated.contains("redundancy") && stated["redundancy"].is_object() &&
      stated["redundancy"].contains("mode"))
    preset.erase("redundancy");
  // The preset adds no data to a service that holds none; a stated replication keeps its own
  // lag (or none).
  if (!stated.contains("data") || !stated["data"].is_object()) {
    preset.erase("data");
  } else if (stated["data"].contains("replication")) {
    preset["data"].erase("replication");
    preset["data"].erase("lag");
  }
  // A restore stated as size over throughput replaces the preset's restore time.
  if (preset.contains("data") && preset["data"].contains("backups") && stated.contains("data") &&
      stated["data"].is_object() && stated["data"].contains("backups") &&
      stated["data"]["backups"].is_object() &&
      (stated["data"]["backups"].contains("size_gb") ||
       stated["data"]["backups"].contains("restore_gb_per_hour")))
    preset["data"]["backups"].erase("restore");
  Json merged = preset;
  merge(merged, stated);
  supplied_leaves(preset, &stated, "", supplied);
  return merged;
}

}  // namespace outagesim::model

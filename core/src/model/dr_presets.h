// Disaster-recovery strategies as presets (docs/model-format.md#dr-strategies): "dr" on a service
// (or at the top level, for every service with more than one replica) fills in the redundancy,
// failover timings, control-plane needs and data replication the strategy implies, under whatever
// the model states itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// The strategy a service's "dr" names, read from the service or the top level.
struct DrChoice {
  std::string strategy;
  std::string path;  // JSON path of the "dr" value
};

// Reads a "dr" value ("warm_standby" or {"strategy": "warm_standby"}) at `path`.
std::optional<DrChoice> read_dr(ValidationContext& ctx, const Json& value, const std::string& path);

// The service entry `service` with `choice`'s preset under it: objects merge, what the model
// states wins; a stated redundancy mode replaces the preset's redundancy, a stated data
// replication drops the preset's lag, and the preset adds no "data" to a service without one.
// `supplied` receives the fields the preset filled in ("redundancy/failover/switchover:
// {...}"), for `outagesim show`.
Json apply_dr(const Json& service, const DrChoice& choice, std::vector<std::string>& supplied);

}  // namespace outagesim::model

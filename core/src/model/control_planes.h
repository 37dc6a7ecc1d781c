// Control planes in the model (docs/model-format.md#control-planes): what the model and the
// catalogs state about them, which recovery actions need which, and the resolution of both into
// Architecture::control_planes once the failure domains are known.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// The keyword of a need list that stands for the control plane of the failover target's region.
inline constexpr const char* TARGET_REGION = "target_region";

// providers.<p>.control_plane or providers.<p>.regions.<r>.control_plane as the model states it.
struct ControlPlaneStatement {
  std::optional<FailureProcess> outage;
  std::optional<std::string> home_region;  // a provider's only
  std::string path;                        // JSON path of the statement
};

// One "control_planes" list as stated: control-plane names and "target_region".
struct ControlPlaneNeed {
  std::vector<std::string> names;
  std::string path;  // JSON path of the list
};

// The needs of one active_passive service: its failover's list and its targets' own lists.
struct FailoverNeeds {
  int service = -1;
  std::optional<ControlPlaneNeed> own;
  std::map<int, ControlPlaneNeed> targets;  // by replica position
};

struct ControlPlaneDrafts {
  std::map<std::string, ControlPlaneStatement> stated;  // by control-plane name
  std::vector<FailoverNeeds> failovers;
  std::map<int, std::string> repair_paths;  // component -> JSON path of its "repair"
};

// "control_plane": {"outage": PROCESS[, "home_region": "us-east-1"] (provider only)}.
std::optional<ControlPlaneStatement> read_control_plane_statement(ValidationContext& ctx,
                                                                  const Json& value,
                                                                  const std::string& path,
                                                                  bool global);
// "control_planes": ["aws", "aws/us-east-1", "target_region"].
std::optional<ControlPlaneNeed> read_control_plane_need(ValidationContext& ctx, const Json& value,
                                                        const std::string& path);

using CatalogLookup = std::function<const Catalog*(const std::string& provider)>;

// Creates the control planes the actions need (and the home region ones of global control planes
// that live in one region), fills every Failover::control_planes and Component::
// repair_control_plane, and reports what cannot be resolved: an unknown control plane (with a
// "did you mean"), one with no outage process stated by the model or its catalog, a replacement
// of a component that has no region.
void resolve_control_planes(ValidationContext& ctx, Architecture& arch,
                            const ControlPlaneDrafts& drafts, const CatalogLookup& catalog_for);

}  // namespace outagesim::model

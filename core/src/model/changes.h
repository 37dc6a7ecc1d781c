// Reading a service's "changes" (bad deploys and configuration pushes, and their rollout).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// A service's "changes" as read before the replicas are placed: the rollout's order still
// names zones or regions, resolved by resolve_changes once the domain tree is complete.
struct ChangesDraft {
  Changes changes;
  std::string path;                      // "/services/web/changes"
  std::vector<std::string> order_names;  // the rollout's "order", as written
};

// Reads services.<s>.changes at `path`; nullopt (with problems reported) when it is wrong.
std::optional<ChangesDraft> read_changes(ValidationContext& ctx, const Json& value,
                                         const std::string& path);

// Resolves each draft's rollout order against where the service's replicas are placed, forms
// its waves, and sets Service::changes; problems go to `ctx` with the draft's paths. `drafts`
// is keyed by index into Architecture::services.
void resolve_changes(ValidationContext& ctx, Architecture& architecture,
                     const std::map<int, ChangesDraft>& drafts);

}  // namespace outagesim::model

// Degraded modes (docs/model-format.md#degraded-modes): the reduced forms a capability falls back
// to, and the dependencies that can be switched off by a feature flag.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// Resolves a service name read at `path` to its index, reporting an unknown one; nullopt then.
using ServiceResolver = std::function<std::optional<int>(const std::string&, const std::string&)>;

// Reads depends_on[i].feature_flag ({"decide": "10m", "value": 0.8}).
std::optional<FeatureFlag> read_feature_flag(ValidationContext& ctx, const Json& value,
                                             const std::string& path);

// Reads capabilities.<c>.fallbacks ({"browse-only": {"requires": ["web"], "value": 0.3}}) of
// `capability`, whose own requires list is already read, in `arch` whose services (and their
// dependencies) are.
std::vector<Fallback> read_fallbacks(ValidationContext& ctx, const Json& value,
                                     const std::string& path, const Capability& capability,
                                     const Architecture& arch, const ServiceResolver& resolve);

}  // namespace outagesim::model

// A component's failure process stated in part, over the failure process of its catalog type.
#pragma once

#include <optional>
#include <string>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// Whether `value` states one field of a failure process alone ({"mttr": ...}, {"mtbf": ...},
// {"availability": ...}, {"ttf": ...} or {"ttr": ...}): an override of the catalog's process.
bool is_partial_failure(const Json& value);

// The catalog process `base` with the one field of `value` overridden. What an override means:
// - "mttr": repairs take this long on average (the time-to-repair distribution keeps its family
//   and shape, scaled to the new mean); the time to failure, hence the failure rate, is kept.
// - "mtbf": the time to failure is scaled to this mean; repairs are kept.
// - "availability": repairs are kept; the time to failure is scaled to the mean that gives
//   this availability, mttr * a / (1 - a).
// - "ttf" / "ttr": that distribution replaces the catalog's; the other is kept.
// `origin` receives which field came from where, for `outagesim show`.
std::optional<FailureProcess> override_failure(ValidationContext& ctx, const Json& value,
                                               const std::string& path, const FailureProcess& base,
                                               const Origin& base_origin, Origin& origin);

// `d` with the same family and shape, scaled to `mean` hours.
Distribution with_mean(const Distribution& d, double mean);

}  // namespace outagesim::model

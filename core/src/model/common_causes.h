// Reads the model's "common_causes": groups of components that fail together, by a shared
// shock or by a beta factor (docs/model-format.md#common-causes).
#pragma once

#include <vector>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// Reads every group of `value` (the "common_causes" object) into arch.common_causes, against the
// built architecture. For a beta-factor group the members' own failure processes are rescaled to
// their independent part (1 - beta) here, so that every later layer sees the split rates.
void read_common_causes(ValidationContext& ctx, const Json& value, Architecture& arch);

}  // namespace outagesim::model

// The model's "operations" (docs/model-format.md#operations): how many incidents the team can
// work at once, and how long paging and engaging a responder takes.
#pragma once

#include <optional>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// The engage time when "operations" states none, and where it comes from.
Distribution default_engage();
extern const char* const DEFAULT_ENGAGE_ORIGIN;

std::optional<Operations> read_operations(ValidationContext& ctx, const Json& value,
                                          const std::string& path);

// Manual steps without "operations" to staff them: every component repaired by hand is a
// problem at its "repair" (`repair_paths`: component -> JSON path).
void check_manual_steps_staffed(ValidationContext& ctx, const Architecture& arch,
                                const std::map<int, std::string>& repair_paths);

}  // namespace outagesim::model

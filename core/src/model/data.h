// The data services hold (docs/model-format.md#data): how replicas receive writes, backups and
// their restores, corruption; and the recovery objectives of capabilities and of the model
// (docs/model-format.md#objectives).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"
#include "validation_context.h"

namespace outagesim::model {

// A service's "data" as read before the failure domains exist: the backup location is still a
// path, and the corruption not yet an element.
struct DataDraft {
  Data data;
  std::string path;                     // "/services/<s>/data"
  std::optional<std::string> location;  // backups.location as written
};

// Reads services.<s>.data of `service` (its replicas already read, named `replica_names`).
std::optional<DataDraft> read_data(ValidationContext& ctx, const Json& value,
                                   const std::string& path, const Service& service,
                                   const std::vector<std::string>& replica_names);

// Resolves every draft into Architecture::services[s].data once the domains and the model's
// common causes are known: backup locations by path, and one corruption group per corruption,
// appended to Architecture::common_causes over the service's replicas.
void resolve_data(ValidationContext& ctx, Architecture& arch, std::map<int, DataDraft>& drafts);

// Reads an "objectives" object ({"rto": "1h", "rpo": "5m"}).
Objectives read_objectives(ValidationContext& ctx, const Json& value, const std::string& path);

}  // namespace outagesim::model

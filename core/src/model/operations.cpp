// Reading "operations" and checking that manual steps have someone to do them.
#include "operations.h"

#include <cmath>

namespace outagesim::model {

namespace {
const std::vector<std::string> OPERATIONS_FIELDS{"responders", "engage", "description"};
}  // namespace

Distribution default_engage() { return Distribution::lognormal_with_median(1.0 / 6.0, 0.9); }

const char* const DEFAULT_ENGAGE_ORIGIN =
    "default: docs/model-format.md#operations: lognormal median 10m, sigma 0.9 (mean 15 min, p90 "
    "32 min), between the on-call response targets of 5 minutes for user-facing services and 30 "
    "minutes for less time-sensitive ones in Google's SRE book, chapter 11 (Being On-Call)";

std::optional<Operations> read_operations(ValidationContext& ctx, const Json& value,
                                          const std::string& path) {
  const Json* entry = ctx.object(
      value, path, "an operations object such as {\"responders\": 2, \"engage\": \"10m\"}");
  if (!entry) return std::nullopt;
  ctx.known_fields(*entry, path, OPERATIONS_FIELDS, "operations");
  Operations ops;
  ops.engage = default_engage();
  ops.engage_origin = DEFAULT_ENGAGE_ORIGIN;
  bool ok = true;
  if (entry->contains("responders")) {
    const std::string rpath = path + "/responders";
    const Json& r = entry->at("responders");
    const auto n = ctx.number(r, rpath, "a whole number of responders, at least 1");
    if (!n) {
      ok = false;
    } else if (std::floor(*n) != *n || *n < 1 || *n > 1000) {
      ctx.problem(rpath,
                  "expected a whole number of responders from 1 to 1000 (the incidents "
                  "the team can work at once), " +
                      found(r) + (*n == 0 ? "; with no responder no manual step ends" : ""));
      ok = false;
    } else {
      ops.responders = static_cast<int>(*n);
    }
  }
  if (entry->contains("engage")) {
    if (auto d = ctx.distribution(entry->at("engage"), path + "/engage", false, true)) {
      ops.engage = *d;
      ops.engage_origin = "model";
    } else {
      ok = false;
    }
  }
  if (entry->contains("description"))
    ctx.string(entry->at("description"), path + "/description", "a string");
  return ok ? std::optional<Operations>(ops) : std::nullopt;
}

void check_manual_steps_staffed(ValidationContext& ctx, const Architecture& arch,
                                const std::map<int, std::string>& repair_paths) {
  if (arch.operations) return;
  for (const auto& [c, path] : repair_paths) {
    const Component& component = arch.components[static_cast<std::size_t>(c)];
    if (component.repair != RepairMode::manual) continue;
    ctx.problem(path, "component \"" + component.name +
                          "\" is repaired by hand, which needs a responder, but the model has no "
                          "\"operations\"; expected \"operations\": {\"responders\": 1} (and an "
                          "\"engage\" time, or the documented default)");
  }
}

}  // namespace outagesim::model

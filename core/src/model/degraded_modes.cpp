// Reading fallbacks and feature flags. What they do to the figures is in
// docs/numbers.md#degraded-modes; the simulator's side is sim/degraded.h.
#include "degraded_modes.h"

#include <algorithm>
#include <set>

namespace outagesim::model {

namespace {

const std::vector<std::string> FEATURE_FLAG_FIELDS{"decide", "value", "description"};
const std::vector<std::string> FALLBACK_FIELDS{"requires", "value", "description"};

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// A required "value": the share of the full capability delivered, in [0, 1].
std::optional<double> read_value(ValidationContext& ctx, const Json& object,
                                 const std::string& path, const std::string& what) {
  const Json* v = ctx.required(object, path, "value",
                               "the share of the full capability " + what + ", between 0 and 1");
  if (!v) return std::nullopt;
  const std::string vpath = path + "/value";
  const auto value = ctx.number(*v, vpath, "a share between 0 and 1");
  if (value && !(*value >= 0.0 && *value <= 1.0)) {
    ctx.problem(vpath, "expected the share of the full capability " + what +
                           ", a number between 0 and 1, " + found(*v));
    return std::nullopt;
  }
  return value;
}

// A fallback that needs, directly or through depends_on, every service the full capability
// requires is up only when the capability is: it would count for nothing, which is surely not
// what was meant. A feature flag on the way can make it reachable, so then it is accepted.
bool check_reachable(ValidationContext& ctx, const std::string& path, const std::string& name,
                     const std::set<int>& listed, const Capability& capability,
                     const Architecture& arch) {
  const std::vector<int> needed = arch.services_needed_by({listed.begin(), listed.end()});
  for (int s : needed)
    for (const Dependency& d : arch.services[static_cast<std::size_t>(s)].depends_on)
      if (d.feature_flag) return true;
  const std::set<int> closure(needed.begin(), needed.end());
  const std::set<int> full(capability.services.begin(), capability.services.end());
  if (full.empty() || !std::includes(closure.begin(), closure.end(), full.begin(), full.end()))
    return true;
  const bool direct = std::includes(listed.begin(), listed.end(), full.begin(), full.end());
  ctx.problem(path, "fallback " + quote(name) + " needs every service capability " +
                        quote(capability.name) + " requires" +
                        (direct ? "" : " (through the services it depends on)") +
                        ", so it is never up while the capability is down; expected a reduced "
                        "form that needs fewer services");
  return false;
}

}  // namespace

std::optional<FeatureFlag> read_feature_flag(ValidationContext& ctx, const Json& value,
                                             const std::string& path) {
  const Json* f = ctx.object(value, path,
                             "a feature flag object such as {\"decide\": \"10m\", \"value\": 0.8}");
  if (!f) return std::nullopt;
  ctx.known_fields(*f, path, FEATURE_FLAG_FIELDS, "a feature flag");
  FeatureFlag flag;
  bool ok = true;
  if (const Json* d = ctx.required(*f, path, "decide",
                                   "the time from the dependency going down to the flag being "
                                   "switched (a duration such as \"10m\", or a distribution)")) {
    const auto decide = ctx.distribution(*d, path + "/decide", false, true);
    if (decide)
      flag.decide = *decide;
    else
      ok = false;
  } else {
    ok = false;
  }
  const auto share = read_value(ctx, *f, path, "delivered with this dependency switched off");
  if (share)
    flag.value = *share;
  else
    ok = false;
  if (f->contains("description"))
    ctx.string(f->at("description"), path + "/description", "a string");
  if (!ok) return std::nullopt;
  return flag;
}

std::vector<Fallback> read_fallbacks(ValidationContext& ctx, const Json& value,
                                     const std::string& path, const Capability& capability,
                                     const Architecture& arch, const ServiceResolver& resolve) {
  std::vector<Fallback> fallbacks;
  const Json* object = ctx.object(
      value, path,
      "an object of fallbacks by name, such as {\"browse-only\": {\"requires\": [\"web\"], "
      "\"value\": 0.3}}");
  if (!object) return fallbacks;
  for (const auto& [name, entry] : object->items()) {
    const std::string fpath = child(path, name);
    if (name.empty()) ctx.problem(fpath, "expected a non-empty fallback name");
    const Json* f = ctx.object(
        entry, fpath, "a fallback object such as {\"requires\": [\"web\"], \"value\": 0.3}");
    if (!f) continue;
    ctx.known_fields(*f, fpath, FALLBACK_FIELDS, "a fallback");
    Fallback fallback;
    fallback.name = name;
    bool ok = true;
    if (const Json* req = ctx.required(*f, fpath, "requires",
                                       "the services this reduced form needs, such as [\"web\"]")) {
      const std::string rpath = fpath + "/requires";
      if (const Json* list = ctx.array(*req, rpath, "a list of service names")) {
        if (list->empty()) {
          ctx.problem(rpath, "fallback " + quote(name) +
                                 " requires no service; expected at least one service name");
          ok = false;
        }
        std::set<int> listed;
        for (std::size_t i = 0; i < list->size(); ++i) {
          const std::string ipath = child(rpath, i);
          const auto s = ctx.string((*list)[i], ipath, "a service name");
          if (!s) {
            ok = false;
            continue;
          }
          const auto index = resolve(*s, ipath);
          if (!index) {
            ok = false;
          } else if (!listed.insert(*index).second) {
            ctx.problem(ipath, "service " + quote(*s) +
                                   " is listed twice in requires of fallback " + quote(name) +
                                   "; expected each service once");
          } else {
            fallback.services.push_back(*index);
          }
        }
        if (ok) ok = check_reachable(ctx, rpath, name, listed, capability, arch);
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    const auto share = read_value(ctx, *f, fpath, "this reduced form delivers");
    if (share)
      fallback.value = *share;
    else
      ok = false;
    if (f->contains("description"))
      ctx.string(f->at("description"), fpath + "/description", "a string");
    if (ok) fallbacks.push_back(std::move(fallback));
  }
  return fallbacks;
}

}  // namespace outagesim::model

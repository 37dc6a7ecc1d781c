// Common-cause groups: members resolved by name, the shared shock or the beta factor checked.
#include "common_causes.h"

#include <algorithm>
#include <cstdio>

#include "did_you_mean.h"
#include "structure_check.h"

namespace outagesim::model {
namespace {

const std::vector<std::string> GROUP_FIELDS{"members", "shock", "beta", "repair", "description"};
const std::vector<std::string> REPAIRS{"individual", "joint"};

bool same_law(const Distribution& a, const Distribution& b) {
  return a.kind == b.kind && a.mean == b.mean && a.shape == b.shape && a.scale == b.scale &&
         a.mu == b.mu && a.sigma == b.sigma;
}

bool same_process(const FailureProcess& a, const FailureProcess& b) {
  return a.never_fails == b.never_fails &&
         (a.never_fails || (same_law(a.ttf, b.ttf) && same_law(a.ttr, b.ttr)));
}

std::vector<std::string> component_names(const Architecture& arch) {
  std::vector<std::string> names;
  for (const Component& c : arch.components) names.push_back(c.name);
  return names;
}

std::vector<std::string> service_names(const Architecture& arch) {
  std::vector<std::string> names;
  for (const Service& s : arch.services) names.push_back(s.name);
  return names;
}

// One entry of "members": a component name, a service name (every replica), or the explicit
// {"component": name} / {"service": name} when a name is both.
void read_member(ValidationContext& ctx, const Json& value, const std::string& path,
                 const Architecture& arch, std::vector<int>& members) {
  std::string name;
  int component = -1, service = -1;
  if (value.is_object()) {
    ctx.known_fields(value, path, {"component", "service"}, "a member");
    if (value.size() != 1) {
      ctx.problem(path, "expected {\"component\": name} or {\"service\": name}, " + found(value));
      return;
    }
    const bool is_service = value.contains("service");
    const auto text =
        ctx.string(value.begin().value(), path + (is_service ? "/service" : "/component"),
                   is_service ? "a service name" : "a component name");
    if (!text) return;
    name = *text;
    if (is_service) {
      service = arch.find_service(name);
      if (service < 0) {
        ctx.problem(path + "/service", "unknown service \"" + name + "\";" +
                                           did_you_mean(name, service_names(arch)) +
                                           " expected a service of the model");
        return;
      }
    } else {
      component = arch.find_component(name);
      if (component < 0) {
        ctx.problem(path + "/component", "unknown component \"" + name + "\";" +
                                             did_you_mean(name, component_names(arch)) +
                                             " expected a component of the model");
        return;
      }
    }
  } else {
    const auto text = ctx.string(value, path, "a component or service name");
    if (!text) return;
    name = *text;
    component = arch.find_component(name);
    service = arch.find_service(name);
    if (component >= 0 && service >= 0) {
      ctx.problem(path, "\"" + name +
                            "\" is both a component and a service; expected {\"component\": \"" +
                            name + "\"} or {\"service\": \"" + name + "\"}");
      return;
    }
    if (component < 0 && service < 0) {
      std::vector<std::string> names = component_names(arch);
      const std::vector<std::string> services = service_names(arch);
      names.insert(names.end(), services.begin(), services.end());
      ctx.problem(path, "unknown member \"" + name + "\";" + did_you_mean(name, names) +
                            " expected the name of a component, or of a service (every replica)");
      return;
    }
  }
  if (component >= 0) members.push_back(component);
  if (service >= 0) {
    const auto& replicas = arch.services[service].replicas;
    members.insert(members.end(), replicas.begin(), replicas.end());
  }
}

// Checks the members are identical in failure process, derives the common part and rescales
// the members to their independent part.
void apply_beta(ValidationContext& ctx, const std::string& path, CommonCause& group,
                Architecture& arch, std::vector<int>& beta_group_of) {
  const Component& first = arch.components[group.members.front()];
  if (first.failure.never_fails) {
    ctx.problem(path + "/members", "member \"" + first.name +
                                       "\" never fails; a beta factor splits its members' "
                                       "failure rate, so every member must fail");
    return;
  }
  for (int c : group.members) {
    const Component& member = arch.components[c];
    if (!same_process(member.failure, first.failure)) {
      ctx.problem(path + "/members",
                  "member \"" + member.name + "\" fails as " + member.failure.ttf.describe() +
                      ", repaired in " + member.failure.ttr.describe() + ", but \"" + first.name +
                      "\" as " + first.failure.ttf.describe() + ", repaired in " +
                      first.failure.ttr.describe() +
                      "; expected identical members for a beta factor (use a shock for "
                      "different ones)");
      return;
    }
    if (beta_group_of[c] >= 0) {
      ctx.problem(path + "/members",
                  "component \"" + member.name + "\" is already in the beta-factor group \"" +
                      arch.common_causes[beta_group_of[c]].name +
                      "\"; expected each component in at most one beta-factor group");
      return;
    }
  }
  // The common part: Poisson at beta times the member rate (the beta-factor model's constant
  // rate), repaired like a member. beta = 0 leaves no common part.
  group.process.never_fails = group.beta == 0.0;
  if (!group.process.never_fails) {
    group.process.ttf = Distribution::exponential(first.failure.ttf.mean / group.beta);
    group.process.ttr = first.failure.ttr;
  }
  const int index = static_cast<int>(arch.common_causes.size());
  char share[32];
  std::snprintf(share, sizeof share, "%.4g", 1.0 - group.beta);
  for (int c : group.members) {
    Component& member = arch.components[c];
    member.failure.ttf = member.failure.ttf.scaled(1.0 / (1.0 - group.beta));
    member.failure_origin +=
        "; rate x " + std::string(share) + " (independent part of beta group " + group.name + ")";
    beta_group_of[c] = index;
  }
}

}  // namespace

void read_common_causes(ValidationContext& ctx, const Json& value, Architecture& arch) {
  const Json* groups = ctx.object(value, "/common_causes", "an object of common-cause groups");
  if (!groups) return;
  std::vector<int> beta_group_of(arch.components.size(), -1);
  arch.common_causes.clear();
  for (const auto& [name, group_value] : groups->items()) {
    const std::string path = child("/common_causes", name);
    const Json* entry = ctx.object(group_value, path, "a common-cause group object");
    if (!entry) continue;
    ctx.known_fields(*entry, path, GROUP_FIELDS, "a common-cause group");
    CommonCause group;
    group.name = name;
    const std::size_t problems_before = ctx.problem_count();

    if (const Json* members = ctx.required(*entry, path, "members",
                                           "the components or services that fail together")) {
      if (const Json* list =
              ctx.array(*members, path + "/members", "an array of component or service names")) {
        for (std::size_t i = 0; i < list->size(); ++i)
          read_member(ctx, (*list)[i], child(path + "/members", i), arch, group.members);
      }
    }
    std::sort(group.members.begin(), group.members.end());
    group.members.erase(std::unique(group.members.begin(), group.members.end()),
                        group.members.end());

    const bool members_read = ctx.problem_count() == problems_before;
    const bool has_shock = entry->contains("shock"), has_beta = entry->contains("beta");
    if (has_shock == has_beta) {
      ctx.problem(path, has_shock ? "both \"shock\" and \"beta\" are given; expected one of them"
                                  : "expected \"shock\" (a shared failure process) or \"beta\" "
                                    "(a beta factor with \"repair\")");
      continue;
    }
    // Too few members is only worth saying when every member listed was understood.
    if (members_read && entry->contains("members") && group.members.size() < 2) {
      ctx.problem(path + "/members",
                  "the group has " + std::to_string(group.members.size()) + " member component" +
                      (group.members.size() == 1 ? "" : "s") +
                      "; expected at least 2 (one component's own failures belong in its "
                      "\"failure\")");
    }
    if (has_shock) {
      if (entry->contains("repair")) {
        ctx.problem(path + "/repair",
                    "\"repair\" belongs to a beta factor; a shock repairs its members with it");
      }
      group.kind = CommonCauseKind::shock;
      if (auto process = ctx.failure_process(entry->at("shock"), path + "/shock")) {
        group.process = *process;
      }
    } else {
      group.kind = CommonCauseKind::beta;
      const auto beta = ctx.number(entry->at("beta"), path + "/beta", "a number in [0, 1)");
      if (beta && !(*beta >= 0.0 && *beta < 1.0)) {
        ctx.problem(path + "/beta", "expected a number in [0, 1), " + found(entry->at("beta")));
      }
      const Json* repair = ctx.required(*entry, path, "repair",
                                        "\"individual\" or \"joint\" (docs/model-format.md)");
      std::optional<std::string> repair_text;
      if (repair)
        repair_text = ctx.string(*repair, path + "/repair", "\"individual\" or \"joint\"");
      if (repair_text && *repair_text != "individual" && *repair_text != "joint") {
        ctx.problem(path + "/repair", "expected \"individual\" or \"joint\", " + found(*repair) +
                                          ";" + did_you_mean(*repair_text, REPAIRS));
        repair_text.reset();
      }
      if (!beta || !(*beta >= 0.0 && *beta < 1.0) || !repair_text ||
          ctx.problem_count() != problems_before)
        continue;
      group.beta = *beta;
      group.repair = *repair_text == "individual" ? BetaRepair::individual : BetaRepair::joint;
      const std::size_t before = ctx.problem_count();
      apply_beta(ctx, path, group, arch, beta_group_of);
      if (ctx.problem_count() != before) continue;
    }
    if (ctx.problem_count() != problems_before) continue;
    arch.common_causes.push_back(std::move(group));
  }
}

}  // namespace outagesim::model

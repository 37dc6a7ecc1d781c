// Derived figures of failure processes and look-ups in the validated model.
#include "outagesim/model/architecture.h"

#include <algorithm>

namespace outagesim::model {

double FailureProcess::availability() const {
  if (never_fails) return 1.0;
  return ttf.mean / (ttf.mean + mttr());
}

double FailureProcess::failure_frequency() const {
  if (never_fails) return 0.0;
  return 1.0 / (ttf.mean + mttr());
}

const FailoverTarget* Failover::target_of(int replica) const {
  for (const FailoverTarget& t : targets)
    if (t.replica == replica) return &t;
  return nullptr;
}

const Distribution& Failover::switchover_to(int replica) const {
  const FailoverTarget* t = target_of(replica);
  return t && t->switchover ? *t->switchover : switchover;
}

double Failover::success_probability_to(int replica) const {
  const FailoverTarget* t = target_of(replica);
  return t && t->success_probability ? *t->success_probability : success_probability;
}

const Distribution& Failover::manual_recovery_to(int replica) const {
  const FailoverTarget* t = target_of(replica);
  return t && t->manual_recovery ? *t->manual_recovery : manual_recovery;
}

const std::vector<int>& Failover::control_planes_to(int replica) const {
  static const std::vector<int> none;
  const std::size_t code = static_cast<std::size_t>(replica + 1);
  return code < control_planes.size() ? control_planes[code] : none;
}

bool Failover::needs_control_plane() const {
  return std::any_of(control_planes.begin(), control_planes.end(),
                     [](const std::vector<int>& list) { return !list.empty(); });
}

bool Failover::is_instant() const {
  if (needs_control_plane()) return false;
  if (!detection.is_zero() || !switchover.is_zero() || success_probability != 1.0) return false;
  // A target that is slower or less reliable than the service makes the failover timed.
  for (const FailoverTarget& t : targets) {
    if (t.switchover && !t.switchover->is_zero()) return false;
    if (t.success_probability && *t.success_probability != 1.0) return false;
  }
  return true;
}

const char* to_string(RepairMode mode) {
  switch (mode) {
    case RepairMode::provider:
      return "provider";
    case RepairMode::replace:
      return "replace";
    case RepairMode::manual:
      return "manual";
  }
  return "?";
}

const char* to_string(ControlPlaneDown action) {
  return action == ControlPlaneDown::wait ? "wait" : "fail";
}

const char* to_string(DomainLevel level) {
  switch (level) {
    case DomainLevel::provider:
      return "provider";
    case DomainLevel::region:
      return "region";
    case DomainLevel::zone:
      return "zone";
  }
  return "?";
}

const char* to_string(RedundancyMode mode) {
  switch (mode) {
    case RedundancyMode::active_active:
      return "active_active";
    case RedundancyMode::active_passive:
      return "active_passive";
  }
  return "?";
}

const char* to_string(CommonCauseKind kind) {
  switch (kind) {
    case CommonCauseKind::shock:
      return "shock";
    case CommonCauseKind::beta:
      return "beta";
    case CommonCauseKind::corruption:
      break;
  }
  return "corruption";
}

const char* to_string(BetaRepair repair) {
  return repair == BetaRepair::individual ? "individual" : "joint";
}

const char* to_string(Scope scope) {
  switch (scope) {
    case Scope::any:
      return "any";
    case Scope::same_provider:
      return "same_provider";
    case Scope::same_region:
      return "same_region";
    case Scope::same_zone:
      return "same_zone";
  }
  return "?";
}

const char* to_string(TransferBoundary boundary) {
  switch (boundary) {
    case TransferBoundary::none:
      return "none";
    case TransferBoundary::inter_zone:
      return "inter_zone";
    case TransferBoundary::inter_region:
      return "inter_region";
    case TransferBoundary::internet:
      return "internet";
  }
  return "?";
}

std::optional<double> TransferPrices::at(TransferBoundary boundary) const {
  switch (boundary) {
    case TransferBoundary::none:
      return 0.0;
    case TransferBoundary::inter_zone:
      return inter_zone_per_gb;
    case TransferBoundary::inter_region:
      return inter_region_per_gb;
    case TransferBoundary::internet:
      return internet_per_gb;
  }
  return std::nullopt;
}

int Architecture::find_domain(const std::string& path) const {
  for (std::size_t i = 0; i < domains.size(); ++i) {
    if (domains[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

int Architecture::find_component(const std::string& name) const {
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (components[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Architecture::find_service(const std::string& name) const {
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (services[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Architecture::find_control_plane(const std::string& name) const {
  for (std::size_t i = 0; i < control_planes.size(); ++i) {
    if (control_planes[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool Architecture::has_gated_recovery() const {
  for (const Component& c : components)
    if (c.repair != RepairMode::provider) return true;
  for (const Service& s : services)
    if (s.mode == RedundancyMode::active_passive && s.failover.needs_control_plane()) return true;
  // With responders, a failed failover's manual recovery waits for one.
  if (operations) {
    for (const Service& s : services) {
      if (s.mode != RedundancyMode::active_passive) continue;
      if (s.failover.success_probability < 1.0 ||
          s.failover.without_control_plane == ControlPlaneDown::fail)
        return true;
      for (const FailoverTarget& t : s.failover.targets)
        if (t.success_probability && *t.success_probability < 1.0) return true;
    }
  }
  return false;
}

bool Architecture::has_data() const {
  for (const Service& s : services)
    if (s.data) return true;
  return false;
}

bool Architecture::has_degraded_modes() const {
  for (const Capability& c : capabilities)
    if (!c.fallbacks.empty()) return true;
  for (const Service& s : services)
    for (const Dependency& d : s.depends_on)
      if (d.feature_flag) return true;
  return false;
}

std::vector<int> Architecture::services_needed(int capability) const {
  if (capability < 0) {
    std::vector<int> every(services.size());
    for (std::size_t s = 0; s < services.size(); ++s) every[s] = static_cast<int>(s);
    return every;
  }
  return services_needed_by(capabilities[static_cast<std::size_t>(capability)].services);
}

std::vector<int> Architecture::services_needed_by(std::vector<int> required) const {
  std::vector<char> needed(services.size(), 0);
  std::vector<int>& stack = required;
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    if (needed[static_cast<std::size_t>(s)]) continue;
    needed[static_cast<std::size_t>(s)] = 1;
    for (const Dependency& d : services[static_cast<std::size_t>(s)].depends_on)
      stack.push_back(d.service);
  }
  std::vector<int> out;
  for (std::size_t s = 0; s < services.size(); ++s)
    if (needed[s]) out.push_back(static_cast<int>(s));
  return out;
}

const char* to_string(WriteReplication replication) {
  switch (replication) {
    case WriteReplication::none:
      return "none";
    case WriteReplication::sync:
      return "sync";
    case WriteReplication::async:
      return "async";
    case WriteReplication::backup:
      return "backup";
    case WriteReplication::quorum:
      break;
  }
  return "quorum";
}

int Architecture::ancestor_at(int domain, DomainLevel level) const {
  while (domain >= 0) {
    const Domain& d = domains[static_cast<std::size_t>(domain)];
    if (d.level == level) return domain;
    // Levels only go up towards providers; once above the wanted level it cannot be found.
    if (static_cast<int>(d.level) < static_cast<int>(level)) return -1;
    domain = d.parent;
  }
  return -1;
}

TransferBoundary Architecture::replication_boundary(int service) const {
  const Service& s = services[static_cast<std::size_t>(service)];
  // Two locations cross the boundary named by their deepest common domain: a zone (both in that
  // very zone) none, a region inter_zone, a provider inter_region, nothing shared internet.
  const auto between = [&](int a, int b) {
    const int zone_a = ancestor_at(a, DomainLevel::zone);
    if (zone_a >= 0 && zone_a == ancestor_at(b, DomainLevel::zone)) return TransferBoundary::none;
    const int region_a = ancestor_at(a, DomainLevel::region);
    if (region_a >= 0 && region_a == ancestor_at(b, DomainLevel::region))
      return TransferBoundary::inter_zone;
    if (ancestor_at(a, DomainLevel::provider) == ancestor_at(b, DomainLevel::provider)) {
      return TransferBoundary::inter_region;
    }
    return TransferBoundary::internet;
  };
  TransferBoundary widest = TransferBoundary::none;
  for (std::size_t i = 0; i < s.replicas.size(); ++i) {
    for (std::size_t j = i + 1; j < s.replicas.size(); ++j) {
      const int a = components[static_cast<std::size_t>(s.replicas[i])].location;
      const int b = components[static_cast<std::size_t>(s.replicas[j])].location;
      widest = std::max(widest, between(a, b));
    }
  }
  return widest;
}

}  // namespace outagesim::model

// Hand-built architectures for the exact-solver tests, and a brute-force structure evaluator.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "architecture_builder.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/architecture.h"

namespace outagesim::exact_test {

using testing::Builder;
using testing::exponential;
using testing::never_fails;

inline double avail(double mttf, double mttr) { return mttf / (mttf + mttr); }
inline double unavail(double mttf, double mttr) { return mttr / (mttf + mttr); }

// The semantics of docs/model-format.md evaluated directly on one state of the elements (instant
// failover), independent of the BDD code: which capabilities are up.
inline std::vector<bool> brute_force_capabilities(const graph::Plan& plan,
                                                  const std::vector<bool>& element_up) {
  const model::Architecture& a = plan.architecture;
  std::vector<bool> component_up(a.components.size());
  for (std::size_t c = 0; c < a.components.size(); ++c) {
    bool up = element_up[plan.component_element(static_cast<int>(c))];
    for (int d = a.components[c].location; d >= 0; d = a.domains[d].parent)
      up = up && element_up[d];
    component_up[c] = up;
  }
  auto in_scope = [&](int here, int there, model::Scope scope) {
    auto at = [&](int location, model::DomainLevel level) {
      return a.ancestor_at(location, level);
    };
    switch (scope) {
      case model::Scope::any:
        return true;
      case model::Scope::same_provider:
        return at(here, model::DomainLevel::provider) == at(there, model::DomainLevel::provider);
      case model::Scope::same_region:
        return at(here, model::DomainLevel::region) == at(there, model::DomainLevel::region);
      case model::Scope::same_zone:
        return at(here, model::DomainLevel::zone) == at(there, model::DomainLevel::zone);
    }
    return false;
  };
  std::vector<std::vector<bool>> healthy(a.services.size());
  std::vector<bool> service_up(a.services.size(), false);
  std::vector<bool> done(a.services.size(), false);
  // Repeated sweeps instead of the plan's order, so the evaluation does not rely on it.
  for (std::size_t sweep = 0; sweep < a.services.size(); ++sweep) {
    for (std::size_t s = 0; s < a.services.size(); ++s) {
      if (done[s]) continue;
      const model::Service& svc = a.services[s];
      bool ready = true;
      for (const model::Dependency& d : svc.depends_on) ready = ready && done[d.service];
      if (!ready) continue;
      int count = 0;
      for (int comp : svc.replicas) {
        bool h = component_up[comp];
        for (const model::Dependency& d : svc.depends_on) {
          const model::Service& target = a.services[d.service];
          bool some = false;
          for (std::size_t q = 0; q < target.replicas.size(); ++q) {
            if (healthy[d.service][q] &&
                in_scope(a.components[comp].location, a.components[target.replicas[q]].location,
                         d.scope)) {
              some = true;
            }
          }
          h = h && service_up[d.service] && some;
        }
        healthy[s].push_back(h);
        count += h ? 1 : 0;
      }
      service_up[s] =
          svc.mode == model::RedundancyMode::active_active ? count >= svc.min_healthy : count >= 1;
      done[s] = true;
    }
  }
  std::vector<bool> caps;
  for (const model::Capability& c : a.capabilities) {
    bool up = true;
    for (int s : c.services) up = up && service_up[s];
    caps.push_back(up);
  }
  return caps;
}

inline bool brute_force_system(const graph::Plan& plan, const std::vector<bool>& element_up) {
  bool up = true;
  for (bool c : brute_force_capabilities(plan, element_up)) up = up && c;
  return up;
}

// Relative closeness for values that are exact up to rounding.
inline bool close(double x, double y, double rel = 1e-12) {
  return std::abs(x - y) <= rel * std::max(std::abs(x), std::abs(y)) || x == y;
}

}  // namespace outagesim::exact_test

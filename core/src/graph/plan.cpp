// Compiles an Architecture into a Plan: elements, supports, topological service order, scopes.
#include "outagesim/graph/plan.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>

#include "../model/structure_check.h"
#include "outagesim/error.h"

namespace outagesim::graph {

namespace {

using model::Architecture;
using model::DomainLevel;
using model::Scope;

ElementKind kind_of(DomainLevel level) {
  switch (level) {
    case DomainLevel::provider:
      return ElementKind::provider;
    case DomainLevel::region:
      return ElementKind::region;
    case DomainLevel::zone:
      return ElementKind::zone;
  }
  return ElementKind::provider;
}

// The domain whose identity a scope compares: -1 for "any" (every replica is in scope).
int scope_domain(const Architecture& a, int location, Scope scope) {
  switch (scope) {
    case Scope::any:
      return -1;
    case Scope::same_provider:
      return a.ancestor_at(location, DomainLevel::provider);
    case Scope::same_region:
      return a.ancestor_at(location, DomainLevel::region);
    case Scope::same_zone:
      return a.ancestor_at(location, DomainLevel::zone);
  }
  return -1;
}

// Services in dependency order via Boost.Graph (edges point from a service to what it needs,
// so DFS finishing order lists dependencies first).
std::vector<int> topological_order(const Architecture& a) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(a.services.size());
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    for (const model::Dependency& d : a.services[s].depends_on) {
      boost::add_edge(s, static_cast<std::size_t>(d.service), graph);
    }
  }
  std::vector<std::size_t> order;
  order.reserve(a.services.size());
  boost::topological_sort(graph, std::back_inserter(order));
  return {order.begin(), order.end()};
}

// The common-cause groups then the regional service events, after the components.
void add_correlated_elements(Plan& plan) {
  const Architecture& a = plan.architecture;
  for (const model::CommonCause& group : a.common_causes) {
    plan.element_process.push_back(group.process);
    plan.element_kind.push_back(group.kind == model::CommonCauseKind::corruption
                                    ? ElementKind::corruption
                                    : ElementKind::common_cause);
    plan.element_name.push_back(group.name);
    plan.element_parent.push_back(-1);
  }
  for (const model::RegionalService& service : a.regional_services) {
    plan.element_process.push_back(service.outage);
    plan.element_kind.push_back(ElementKind::regional_service);
    plan.element_name.push_back(service.name);
    plan.element_parent.push_back(-1);
  }
}

// One element per service that declares changes, after the elements already in the plan, with
// its waves as components. Returns, per component, the change elements in its support (the
// first wave's; every wave's when there is one).
std::vector<std::vector<int>> add_change_elements(Plan& plan) {
  const Architecture& a = plan.architecture;
  std::vector<std::vector<int>> support(a.components.size());
  plan.change_begin = static_cast<int>(plan.element_process.size());
  for (int s = 0; s < static_cast<int>(a.services.size()); ++s) {
    const model::Service& service = a.services[s];
    if (!service.changes) continue;
    // The loader forms the waves; a hand-built architecture may leave them to this.
    std::vector<std::vector<int>> waves = service.changes->rollout.waves;
    if (waves.empty()) {
      std::string problem, field;
      waves = model::rollout_waves(a, s, &problem, &field);
      if (!problem.empty()) {
        throw ModelError(std::vector<Problem>{
            {a.source,
             "/services/" + model::pointer_token(service.name) + "/changes/rollout/" + field,
             problem}});
      }
    }
    std::vector<int> seen(service.replicas.size(), 0);
    for (const auto& wave : waves) {
      for (int r : wave) {
        if (r >= 0 && r < static_cast<int>(seen.size())) ++seen[r];
      }
    }
    if (std::count(seen.begin(), seen.end(), 1) != static_cast<int>(seen.size())) {
      throw ModelError(std::vector<Problem>{
          {a.source, "/services/" + model::pointer_token(service.name) + "/changes",
           "the rollout waves of service '" + service.name +
               "' do not reach every replica exactly once"}});
    }
    const int e = plan.change_begin + plan.change_count++;
    plan.element_process.push_back(service.changes->bad_change_process());
    plan.element_kind.push_back(ElementKind::change);
    plan.element_name.push_back(service.name);
    plan.element_parent.push_back(-1);
    plan.change_service.push_back(s);
    for (std::size_t w = 0; w < waves.size(); ++w) {
      std::vector<int> components;
      for (int r : waves[w]) {
        const int c = service.replicas[static_cast<std::size_t>(r)];
        components.push_back(c);
        if (w == 0) support[static_cast<std::size_t>(c)].push_back(e);
      }
      plan.change_waves.add_row(components);
    }
    plan.change_wave_begin.push_back(plan.change_waves.size());
  }
  return support;
}

// The control planes, their home-region data planes and the responders, after every other
// element; fills control_plane_support.
void add_control_plane_elements(Plan& plan) {
  const Architecture& a = plan.architecture;
  const int n = static_cast<int>(a.control_planes.size());
  plan.control_plane_begin = static_cast<int>(plan.element_process.size());
  for (const model::ControlPlane& cp : a.control_planes) {
    plan.element_process.push_back(cp.outage);
    plan.element_kind.push_back(ElementKind::control_plane);
    plan.element_name.push_back(cp.name + " control plane");
    plan.element_parent.push_back(-1);
  }
  std::vector<int> host_element(static_cast<std::size_t>(n), -1);
  for (int i = 0; i < n; ++i) {
    const model::ControlPlane& cp = a.control_planes[static_cast<std::size_t>(i)];
    if (!cp.host_outage) continue;
    host_element[static_cast<std::size_t>(i)] = static_cast<int>(plan.element_process.size());
    plan.element_process.push_back(*cp.host_outage);
    plan.element_kind.push_back(ElementKind::control_plane);
    plan.element_name.push_back(cp.name + " data plane");
    plan.element_parent.push_back(-1);
  }
  plan.control_plane_count =
      static_cast<int>(plan.element_process.size()) - plan.control_plane_begin;
  // Supports: a home is created before the global control plane that lives in it, so it is
  // complete when needed; a chain of homes is bounded by the control plane count.
  std::vector<std::vector<int>> support(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const model::ControlPlane& cp = a.control_planes[static_cast<std::size_t>(i)];
    std::vector<int>& row = support[static_cast<std::size_t>(i)];
    row.push_back(plan.control_plane_element(i));
    for (int d = cp.domain; d >= 0; d = a.domains[static_cast<std::size_t>(d)].parent)
      row.push_back(d);
    if (cp.domain < 0) {
      // A region outside the model still lies in its provider.
      const std::string provider = cp.name.substr(0, cp.name.find('/'));
      if (const int p = a.find_domain(provider); p >= 0) row.push_back(p);
    }
    if (host_element[static_cast<std::size_t>(i)] >= 0)
      row.push_back(host_element[static_cast<std::size_t>(i)]);
  }
  for (int i = 0; i < n; ++i) {
    int home = a.control_planes[static_cast<std::size_t>(i)].home;
    for (int hops = 0; home >= 0 && hops < n; ++hops) {
      for (int e : support[static_cast<std::size_t>(home)]) {
        auto& row = support[static_cast<std::size_t>(i)];
        if (std::find(row.begin(), row.end(), e) == row.end()) row.push_back(e);
      }
      home = a.control_planes[static_cast<std::size_t>(home)].home;
    }
  }
  for (const auto& row : support) plan.control_plane_support.add_row(row);
  if (a.operations) {
    plan.responder_count = 1;
    plan.responders_element = static_cast<int>(plan.element_process.size());
    plan.element_process.push_back(model::FailureProcess{});  // never fails
    plan.element_kind.push_back(ElementKind::responders);
    plan.element_name.push_back("responders");
    plan.element_parent.push_back(-1);
  }
}

}  // namespace

void Rows::add_row(const std::vector<int>& row) {
  items.insert(items.end(), row.begin(), row.end());
  offsets.push_back(static_cast<int>(items.size()));
}

const char* to_string(ElementKind kind) {
  switch (kind) {
    case ElementKind::provider:
      return "provider";
    case ElementKind::region:
      return "region";
    case ElementKind::zone:
      return "zone";
    case ElementKind::component:
      return "component";
    case ElementKind::common_cause:
      return "common_cause";
    case ElementKind::regional_service:
      return "regional_service";
    case ElementKind::change:
      return "change";
    case ElementKind::control_plane:
      return "control_plane";
    case ElementKind::responders:
      return "responders";
    case ElementKind::corruption:
      return "corruption";
  }
  return "?";
}

Plan build_plan(const Architecture& architecture) {
  const Architecture& a = architecture;
  const int domain_count = static_cast<int>(a.domains.size());
  const int component_count = static_cast<int>(a.components.size());
  const int service_count = static_cast<int>(a.services.size());

  // Indices must be in range before anything below uses them (an in-memory Architecture
  // built by hand skips the loader's checks).
  std::vector<Problem> problems;
  for (int d = 0; d < domain_count; ++d) {
    const int parent = a.domains[d].parent;
    if (parent >= d || (parent < 0 && a.domains[d].level != DomainLevel::provider)) {
      problems.push_back({a.source, "/providers",
                          "domain '" + a.domains[d].path +
                              "' has no valid parent listed before it; expected parents first"});
    }
  }
  for (int c = 0; c < component_count; ++c) {
    if (a.components[c].location < 0 || a.components[c].location >= domain_count) {
      problems.push_back({a.source,
                          "/components/" + model::pointer_token(a.components[c].name) + "/location",
                          "component '" + a.components[c].name + "' has no valid location"});
    }
  }
  for (int s = 0; s < service_count; ++s) {
    const model::Service& service = a.services[s];
    const std::string base = "/services/" + model::pointer_token(service.name);
    if (service.replicas.empty()) {
      problems.push_back({a.source, base + "/replicas",
                          "service '" + service.name + "' has no replicas; expected at least one"});
    }
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      if (service.replicas[r] < 0 || service.replicas[r] >= component_count) {
        problems.push_back(
            {a.source, base + "/replicas/" + std::to_string(r), "replica index out of range"});
      }
    }
    for (std::size_t d = 0; d < service.depends_on.size(); ++d) {
      if (service.depends_on[d].service < 0 || service.depends_on[d].service >= service_count) {
        problems.push_back(
            {a.source, base + "/depends_on/" + std::to_string(d), "dependency index out of range"});
      }
    }
  }
  for (const model::Capability& capability : a.capabilities) {
    for (int s : capability.services) {
      if (s < 0 || s >= service_count) {
        problems.push_back({a.source,
                            "/capabilities/" + model::pointer_token(capability.name) + "/requires",
                            "required service index out of range"});
      }
    }
  }
  if (!problems.empty()) throw ModelError(std::move(problems));
  problems = model::check_structure(a);
  if (!problems.empty()) throw ModelError(std::move(problems));

  Plan plan;
  plan.architecture = a;
  plan.domain_count = domain_count;
  plan.component_count = component_count;
  plan.common_cause_count = static_cast<int>(a.common_causes.size());
  plan.regional_service_count = static_cast<int>(a.regional_services.size());

  plan.element_process.reserve(domain_count + component_count);
  for (const model::Domain& d : a.domains) {
    plan.element_process.push_back(d.outage);
    plan.element_kind.push_back(kind_of(d.level));
    plan.element_name.push_back(d.path);
    plan.element_parent.push_back(d.parent);
  }
  for (const model::Component& c : a.components) {
    plan.element_process.push_back(c.failure);
    plan.element_kind.push_back(ElementKind::component);
    plan.element_name.push_back(c.name);
    plan.element_parent.push_back(c.location);
  }

  add_correlated_elements(plan);
  const std::vector<std::vector<int>> change_support = add_change_elements(plan);
  add_control_plane_elements(plan);
  const int element_count = plan.element_count();
  {
    std::vector<std::vector<int>> planes_of_element(static_cast<std::size_t>(element_count));
    for (int i = 0; i < plan.control_plane_support.size(); ++i)
      for (const int* e = plan.control_plane_support.begin(i);
           e != plan.control_plane_support.end(i); ++e)
        planes_of_element[static_cast<std::size_t>(*e)].push_back(i);
    for (const auto& row : planes_of_element) plan.element_control_planes.add_row(row);
  }

  std::vector<std::vector<int>> components_of_element(element_count);
  std::vector<std::vector<int>> triggers(element_count);
  std::vector<std::vector<int>> correlated_support(component_count);
  for (int g = 0; g < plan.common_cause_count; ++g) {
    const model::CommonCause& group = a.common_causes[g];
    const int e = plan.common_cause_element(g);
    if (group.process.never_fails) continue;  // beta 0: no common part
    const bool trigger =
        group.kind == model::CommonCauseKind::beta && group.repair == model::BetaRepair::individual;
    for (int c : group.members) {
      if (trigger) {
        triggers[e].push_back(c);
      } else {
        correlated_support[c].push_back(e);
      }
    }
  }
  for (int r = 0; r < plan.regional_service_count; ++r) {
    for (int c : a.regional_services[r].members)
      correlated_support[c].push_back(plan.regional_service_element(r));
  }
  for (int c = 0; c < component_count; ++c) {
    std::vector<int> support{plan.component_element(c)};
    for (int d = a.components[c].location; d >= 0; d = a.domains[d].parent) support.push_back(d);
    support.insert(support.end(), correlated_support[c].begin(), correlated_support[c].end());
    support.insert(support.end(), change_support[c].begin(), change_support[c].end());
    for (int e : support) components_of_element[e].push_back(c);
    plan.component_support.add_row(support);
  }
  for (const auto& row : components_of_element) plan.element_components.add_row(row);
  for (const auto& row : triggers) plan.element_triggers.add_row(row);

  plan.service_order = topological_order(a);

  for (const model::Service& service : a.services) plan.service_replicas.add_row(service.replicas);

  plan.scope_row_start_.reserve(service_count);
  for (const model::Service& service : a.services) {
    plan.scope_row_start_.push_back(plan.scope_candidates.size());
    for (int component : service.replicas) {
      const int location = a.components[component].location;
      for (const model::Dependency& dep : service.depends_on) {
        const int wanted = scope_domain(a, location, dep.scope);
        const auto& candidates = a.services[dep.service].replicas;
        std::vector<int> row;
        for (std::size_t q = 0; q < candidates.size(); ++q) {
          const int there = a.components[candidates[q]].location;
          if (dep.scope == Scope::any || scope_domain(a, there, dep.scope) == wanted) {
            row.push_back(static_cast<int>(q));
          }
        }
        plan.scope_candidates.add_row(row);
      }
    }
  }

  std::vector<std::vector<int>> dependents(service_count);
  for (int s = 0; s < service_count; ++s) {
    for (const model::Dependency& dep : a.services[s].depends_on) {
      auto& list = dependents[dep.service];
      if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
    }
  }
  for (const auto& row : dependents) plan.service_dependents.add_row(row);

  for (const model::Capability& capability : a.capabilities) {
    plan.capability_services.add_row(capability.services);
  }
  return plan;
}

}  // namespace outagesim::graph

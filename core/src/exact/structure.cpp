// Builds the structure functions of services, capabilities and the system as BDDs.
#include "structure.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "buddy_session.h"

namespace outagesim::exact {

using model::RedundancyMode;
using model::Scope;

namespace {

// Common-cause groups, regional service events and bad changes: elements that are not in the
// location tree, and take down components wherever these are.
bool outside_location_tree(graph::ElementKind kind) {
  return kind == graph::ElementKind::common_cause || kind == graph::ElementKind::regional_service ||
         kind == graph::ElementKind::change || kind == graph::ElementKind::corruption;
}

// `tree_order` (domains and components) with each element outside the location tree inserted
// right before the first of its member components, as a domain comes right before what it
// contains: the BDD then knows whether the shared cause is down as soon as it meets the first
// member, instead of carrying the members' tallies to the end of the order (tiers-5x9 with a
// regional event per tier and region and a shock per tier: 10.6 s at the end of the order,
// well under a second here). One with no member in the structure (a beta-factor trigger, never
// in a support) goes last.
std::vector<int> with_correlated_elements(const graph::Plan& plan,
                                          const std::vector<int>& tree_order) {
  const int n = plan.element_count();
  std::vector<int> position(n, -1);
  for (std::size_t i = 0; i < tree_order.size(); ++i) position[tree_order[i]] = static_cast<int>(i);
  const int last = static_cast<int>(tree_order.size());
  std::vector<std::vector<int>> before(tree_order.size() + 1);
  for (int e = 0; e < n; ++e) {
    if (!outside_location_tree(plan.element_kind[e])) continue;
    int first = last;
    for (const int* c = plan.element_components.begin(e); c != plan.element_components.end(e);
         ++c) {
      first = std::min(first, position[plan.component_element(*c)]);
    }
    before[first].push_back(e);
  }
  std::vector<int> order;
  order.reserve(n);
  for (int i = 0; i <= last; ++i) {
    order.insert(order.end(), before[i].begin(), before[i].end());
    if (i < last) order.push_back(tree_order[i]);
  }
  return order;
}

}  // namespace

VariableOrder make_variable_order(const graph::Plan& plan, bool with_context) {
  const int n = plan.element_count();
  // Depth-first over the location tree (see structure.h).
  std::vector<std::vector<int>> children(n), placed(n);
  std::vector<int> roots;
  for (int e = 0; e < n; ++e) {
    const int parent = plan.element_parent[e];
    if (outside_location_tree(plan.element_kind[e])) {
      continue;  // placed below, right before its first member
    } else if (parent < 0) {
      roots.push_back(e);
    } else if (plan.element_kind[e] == graph::ElementKind::component) {
      placed[parent].push_back(e);
    } else {
      children[parent].push_back(e);
    }
  }
  // Components of the services other services depend on first (topological service order).
  const model::Architecture& arch = plan.architecture;
  std::vector<int> rank(n, static_cast<int>(arch.services.size()));
  for (std::size_t i = 0; i < plan.service_order.size(); ++i) {
    for (int c : arch.services[plan.service_order[i]].replicas) {
      const int e = plan.component_element(c);
      rank[e] = std::min(rank[e], static_cast<int>(i));
    }
  }
  for (std::vector<int>& list : placed) {
    std::stable_sort(list.begin(), list.end(), [&](int x, int y) { return rank[x] < rank[y]; });
  }
  std::vector<int> elements;
  std::vector<int> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const int d = stack.back();
    stack.pop_back();
    elements.push_back(d);
    bool leaves = true;  // d's sub-domains hold no domains (d is a region with its zones)
    for (int c : children[d]) leaves = leaves && children[c].empty();
    if (!leaves) {
      elements.insert(elements.end(), placed[d].begin(), placed[d].end());
      stack.insert(stack.end(), children[d].rbegin(), children[d].rend());
      continue;
    }
    std::vector<int> below = placed[d];
    for (int c : children[d]) {
      elements.push_back(c);
      below.insert(below.end(), placed[c].begin(), placed[c].end());
    }
    std::stable_sort(below.begin(), below.end(), [&](int x, int y) { return rank[x] < rank[y]; });
    elements.insert(elements.end(), below.begin(), below.end());
  }
  elements = with_correlated_elements(plan, elements);
  VariableOrder order;
  order.element_var.assign(n, -1);
  const model::Architecture& a = plan.architecture;
  order.service_up_var.assign(a.services.size(), -1);
  order.serving_var.resize(a.services.size());
  for (std::size_t s = 0; with_context && s < a.services.size(); ++s) {
    if (a.services[s].mode != model::RedundancyMode::active_passive) continue;
    order.service_up_var[s] = order.variable_count();
    order.var_element.push_back(-1);
    for (std::size_t r = 0; r < a.services[s].replicas.size(); ++r) {
      order.serving_var[s].push_back(order.variable_count());
      order.var_element.push_back(-1);
    }
  }
  for (int e : elements) {
    if (plan.element_process[e].never_fails) continue;
    order.element_var[e] = order.variable_count();
    order.var_element.push_back(e);
  }
  return order;
}

bdd at_least(const std::vector<bdd>& xs, int k) {
  if (k <= 0) return bddtrue;
  const int n = static_cast<int>(xs.size());
  if (k > n) return bddfalse;
  // t[j]: at least j of the items after position i are true.
  std::vector<bdd> t(k + 1, bddfalse);
  t[0] = bddtrue;
  for (int i = n - 1; i >= 0; --i) {
    for (int j = k; j >= 1; --j) t[j] = bdd_ite(xs[i], t[j - 1], t[j]);
    bdd_checkpoint();  // O(n k) operations: a large k-of-n must stop at the node or time limit
  }
  return t[k];
}

Structure build_structure(const graph::Plan& plan, const VariableOrder& order) {
  const model::Architecture& a = plan.architecture;
  Structure st;
  auto element_up = [&](int e) {
    return order.element_var[e] < 0 ? bddtrue : bdd_ithvar(order.element_var[e]);
  };
  for (int c = 0; c < plan.component_count; ++c) {
    bdd up = bddtrue;
    for (const int* e = plan.component_support.begin(c); e != plan.component_support.end(c); ++e) {
      up &= element_up(*e);
    }
    st.component_up.push_back(up);
    if (c % 1024 == 0) bdd_checkpoint();
  }
  const int service_count = static_cast<int>(a.services.size());
  std::map<std::pair<int, std::vector<int>>, bdd> some_in_scope;
  st.replica_healthy.resize(service_count);
  st.service_up.assign(service_count, bddfalse);
  for (int s : plan.service_order) {
    const model::Service& service = a.services[s];
    std::vector<bdd>& healthy = st.replica_healthy[s];
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      bdd h = st.component_up[service.replicas[r]];
      for (std::size_t j = 0; j < service.depends_on.size(); ++j) {
        const model::Dependency& dep = service.depends_on[j];
        const model::Service& target = a.services[dep.service];
        bdd ok = st.service_up[dep.service];
        const int row = plan.scope_row(s, static_cast<int>(r), static_cast<int>(j));
        if (order.service_up_var[dep.service] >= 0 && dep.scope != Scope::any) {
          // Context: the serving replica (healthy whenever the service is up) must be in scope.
          bdd some = bddfalse;
          for (const int* q = plan.scope_candidates.begin(row); q != plan.scope_candidates.end(row);
               ++q) {
            some |= bdd_ithvar(order.serving_var[dep.service][*q]);
          }
          ok &= some;
        } else if (!(target.mode == RedundancyMode::active_passive && dep.scope == Scope::any)) {
          // An any-scoped dependency on an active_passive service needs only the service up:
          // the serving replica is healthy whenever the service is up.
          // "Some healthy replica in scope" is one function per scope class (the dependency's
          // replicas in one region, say), built once and shared by every replica in that class.
          std::vector<int> candidates(plan.scope_candidates.begin(row),
                                      plan.scope_candidates.end(row));
          const auto [found, fresh] =
              some_in_scope.try_emplace({dep.service, std::move(candidates)}, bddfalse);
          if (fresh) {
            for (int q : found->first.second) found->second |= st.replica_healthy[dep.service][q];
          }
          ok &= found->second;
        }
        h &= ok;
      }
      healthy.push_back(h);
      bdd_checkpoint();
    }
    if (order.service_up_var[s] >= 0) {
      st.service_up[s] = bdd_ithvar(order.service_up_var[s]);
    } else {
      st.service_up[s] = service.mode == RedundancyMode::active_active
                             ? at_least(healthy, service.min_healthy)
                             : at_least(healthy, 1);
    }
  }
  st.system_up = bddtrue;
  for (int c = 0; c < plan.capability_services.size(); ++c) {
    bdd up = bddtrue;
    for (const int* s = plan.capability_services.begin(c); s != plan.capability_services.end(c);
         ++s) {
      up &= st.service_up[*s];
    }
    st.capability_up.push_back(up);
    st.system_up &= up;
  }
  bdd_checkpoint();
  return st;
}

}  // namespace outagesim::exact

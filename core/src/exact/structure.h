// Structure functions of services, capabilities and the system as BDDs over element up-variables.
#pragma once

#include <bdd.h>

#include <vector>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// BDD variable order: depth-first over the location tree, each domain followed by the
// components placed in it, then its sub-domains (provider, region 1, zone 1a, its components,
// zone 1b, ...). Elements that fail together sit together, as a fault-tree tool's depth-first
// order of the gate graph would put them: a replica next to its own zone and region.
//
// With `with_context`, variables that stand for the failover state of every active_passive
// service come first: "service s is up" and "replica r of s is the serving one". The CTMC
// solver conditions on them (and on the elements its chain tracks) by restriction.
struct VariableOrder {
  std::vector<int> element_var;     // per element: its BDD variable, -1 when it never fails
  std::vector<int> var_element;     // per variable: its element, -1 for a context variable
  std::vector<int> service_up_var;  // per service: context variable or -1
  std::vector<std::vector<int>> serving_var;  // per service, per replica: context or -1
  int variable_count() const { return static_cast<int>(var_element.size()); }
};

VariableOrder make_variable_order(const graph::Plan& plan, bool with_context = false);

// The structure functions (true = up) with instant failover: an active_passive service is up
// iff some replica is healthy. Needs a live BuddySession with order.variable_count() variables.
struct Structure {
  std::vector<bdd> component_up;                  // per component
  std::vector<std::vector<bdd>> replica_healthy;  // per service, per replica position
  std::vector<bdd> service_up;                    // per service
  std::vector<bdd> capability_up;                 // per capability
  bdd system_up;
};

// For a scoped dependency on an active_passive service with several replicas the serving
// replica depends on history; the static structure then counts any healthy in-scope replica
// (optimistic). check() never sends such a model to the BDD; analyze() warns about it.
// With context variables in `order`, an active_passive service is up iff its context variable
// says so, and a scoped dependency on it needs its serving replica in scope.
Structure build_structure(const graph::Plan& plan, const VariableOrder& order);

// At least k of xs true, by the usual threshold recursion (O(n k) nodes before reduction).
bdd at_least(const std::vector<bdd>& xs, int k);

}  // namespace outagesim::exact

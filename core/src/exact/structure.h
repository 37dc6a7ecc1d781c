// Structure functions of services, capabilities and the system as BDDs over element up-variables.
#pragma once

#include <bdd.h>

#include <vector>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// BDD variable order: domains before what they contain (providers, then regions, then zones),
// then components grouped by their location. A domain high in the order lets every component
// below it share one sub-diagram, which keeps diagrams small for hundreds of elements.
struct VariableOrder {
  std::vector<int> element_var;  // per element: its BDD variable, -1 when it never fails
  std::vector<int> var_element;  // per variable: its element
  int variable_count() const { return static_cast<int>(var_element.size()); }
};

VariableOrder make_variable_order(const graph::Plan& plan);

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
Structure build_structure(const graph::Plan& plan, const VariableOrder& order);

// At least k of xs true, by the usual threshold recursion (O(n k) nodes before reduction).
bdd at_least(const std::vector<bdd>& xs, int k);

}  // namespace outagesim::exact

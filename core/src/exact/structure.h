// Structure functions of services, capabilities and the system as BDDs over element up-variables.
#pragma once

#include <bdd.h>

#include <vector>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// BDD variable order, derived from the location tree as a fault-tree tool derives one from the
// gate graph: depth-first, each domain before what it contains. A domain whose sub-domains
// hold no further domains (a region and its zones) is one block: the domain, its sub-domains,
// then every component inside, service by service with dependencies first (db replicas of the
// region's zones, then cache, then api...). A scoped dependency ("a healthy db replica in my
// region") and a k-of-n count then only carry a few tallies from one block to the next.
// Measured on bench/models/tiers-5x9.json (bench/bench_exact.cpp): 335,879 nodes with domains
// first and components after, 94,030 depth-first with each replica next to its zone, 18,672
// with region blocks; BuDDy's sifting from there (2 s) finds 19,186. Elements outside the
// location tree (common causes, regional service events, bad changes) come right before the
// first of their member components, as a domain before what it contains.
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

// Continuous-time Markov chain of element states and failover states, for timed failover.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// The elements the chain tracks: those around the replicas of every active_passive service and
// of every service they depend on, transitively. Every other element only enters through a
// static structure conditioned on the chain's state, so any distribution is exact for it.
std::vector<bool> tracked_elements(const graph::Plan& plan);

// Why the chain cannot be built exactly: the first tracked element or failover field whose
// timing is neither exponential nor zero (with assume_exponential every timing is replaced by an
// exponential of the same mean, and only a zero time to failure is refused). "" when fine.
std::string ctmc_timing_problem(const graph::Plan& plan, const Options& options);

// Upper bound on reachable states of the lumped chain (orbits of the element bits x failover
// states), saturating at SIZE_MAX.
std::size_t ctmc_state_bound(const graph::Plan& plan);

// Lower bound on reachable states of the lumped chain, found without exploring it (in about a
// tenth of a second at most): it may stop counting once past `stop_above`. This is what lets a
// chain too big for the state budget be refused at once instead of after exploring it.
std::size_t ctmc_state_lower_bound(const graph::Plan& plan, std::size_t stop_above);

struct CtmcSolution {
  std::size_t states = 0;
  std::size_t transitions = 0;
  std::size_t lumped_replicas = 0;  // replicas whose states are counted, not told apart
  std::string linear_solver;        // "sparse LU" or "BiCGSTAB + ILUT"
  double residual = 0.0;            // ||pi Q||_1 after solving
  // Per measure: the capabilities in order, then the system (last).
  std::vector<double> availability;
  std::vector<double> unavailability;
  std::vector<double> frequency_per_hour;  // up-to-down transitions per hour
  // Per service: long-run fraction of time the system is down while that service is in a timed
  // failover phase (detection, switchover, manual recovery); split evenly when several are.
  std::vector<double> failover_downtime;
  // Per element: long-run fraction of time the system is down while a failover waits for that
  // control plane, or (the responders element) for a responder; same split as above.
  std::vector<double> wait_downtime;
};

// Explores the chain from all-up (breadth first), solves pi Q = 0, sum pi = 1. Throws
// ExactNotApplicable above options.state_limit, naming the count and suggesting the Monte Carlo
// method. `track_everything` puts every element in the chain (for tests: the full chain must agree
// with the conditioned one and with the BDD); `lump` = false keeps interchangeable replicas apart
// (for tests: the lumped chain must agree with the unlumped one).
CtmcSolution solve_ctmc(const graph::Plan& plan, const Options& options,
                        bool track_everything = false, bool lump = true);

}  // namespace outagesim::exact

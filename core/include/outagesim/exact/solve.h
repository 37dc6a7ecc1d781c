// Exact availability, incident frequency and importance: BDD for static models, CTMC otherwise.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"

namespace outagesim::exact {

inline constexpr std::size_t DEFAULT_STATE_LIMIT = 2'000'000;
// BuDDy nodes one solve may hold (20 bytes each, plus caches: about 300 MB at the limit).
inline constexpr std::size_t DEFAULT_BDD_NODE_LIMIT = 10'000'000;

struct Options {
  bool assume_exponential = false;  // treat non-exponential timings by their means in the CTMC
  std::size_t state_limit = DEFAULT_STATE_LIMIT;
  // Beyond this many BDD nodes the solve stops with ExactNotApplicable (instead of BuDDy
  // growing its tables until memory runs out).
  std::size_t bdd_node_limit = DEFAULT_BDD_NODE_LIMIT;
  // > 0: wall-time budget of one call (check, solve or analyze); when it runs out the call
  // throws ExactNotApplicable saying so (check() reports it as its reason). 0: none.
  double max_seconds = 0.0;
  // Set from another thread (Ctrl-C) to stop: the call throws SimulationError("interrupted").
  // Looked at, like the clock, every few thousand steps of BDD building, measuring and state
  // exploration (not inside one sparse linear solve of the Markov chain).
  const std::atomic<bool>* cancel = nullptr;
};

// Why (or why not) an exact answer exists: which solver applies, or the reason none does.
struct Applicability {
  bool possible = false;
  std::string solver;  // "bdd" or "ctmc" when possible
  std::string reason;  // human sentence either way
};

Applicability check(const graph::Plan& plan, const Options& options = {});

// Throws ExactNotApplicable (with the reason and a hint to use --method mc) when impossible.
api::Result solve(const graph::Plan& plan, const Options& options = {});

// Importance of one element for the system measure.
struct Importance {
  std::string element;
  std::string level;                       // "component", "zone", "region", "provider"
  double availability = 0.0;               // a_i
  double birnbaum = 0.0;                   // dA/da_i = A(a_i=1) - A(a_i=0)
  double criticality = 0.0;                // birnbaum * (1 - a_i) / (1 - A)
  double risk_achievement_worth = 0.0;     // U(a_i=0) / U
  double risk_reduction_worth = 0.0;       // U / U(a_i=1)   (infinite when U(a_i=1) == 0)
  double fussell_vesely = 0.0;             // P(some failed cut set contains i | system down)
  double downtime_minutes_per_year = 0.0;  // share of the system's downtime charged to i
  double downtime_share = 0.0;
};

// A minimal cut set: elements whose joint failure takes the system down.
struct CutSet {
  std::vector<std::string> elements;
  std::string description;   // "region aws/us-east-1 down", "zone ... and web-2 down together"
  double probability = 0.0;  // product of the elements' unavailabilities
  bool single_point_of_failure = false;  // size 1 in a design that has redundancy
};

struct Analysis {
  api::Result result;
  std::vector<Importance> importance;  // sorted by birnbaum, largest first
  std::vector<CutSet> cut_sets;        // smallest first, then most probable; at most top_n
  std::size_t cut_set_count = 0;       // all minimal cut sets found
};

// Importance and cut sets are defined on the static structure function; for failover models
// the structure used is the one with instant failover, and the Analysis says so in warnings.
Analysis analyze(const graph::Plan& plan, std::size_t top_n = 20, const Options& options = {});

}  // namespace outagesim::exact

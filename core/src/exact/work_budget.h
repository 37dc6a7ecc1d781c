// The limits of one exact computation (wall time, Ctrl-C, BDD nodes), checked at points the
// solvers pass often, without handing them down through every call.
#pragma once

#include <chrono>
#include <cstddef>

#include "outagesim/exact/solve.h"

namespace outagesim::exact {

// Makes `options`' limits the current ones on this thread for its lifetime, the clock starting
// now. Nested scopes (analyze() calls check() and solve()) keep the outermost one.
class WorkScope {
 public:
  explicit WorkScope(const Options& options);
  ~WorkScope();
  WorkScope(const WorkScope&) = delete;
  WorkScope& operator=(const WorkScope&) = delete;

 private:
  bool owner_ = false;
};

// Throws SimulationError("interrupted") when the current scope's cancel flag is raised, and
// ExactNotApplicable when its time budget ran out. No scope: nothing to check.
void work_checkpoint();

// The BDD node limit of the current scope (DEFAULT_BDD_NODE_LIMIT without one).
std::size_t current_bdd_node_limit();

}  // namespace outagesim::exact

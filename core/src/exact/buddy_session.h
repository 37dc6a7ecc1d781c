// Exclusive use of BuDDy (a library with one global node table) for the length of one solve.
#pragma once

#include <mutex>

namespace outagesim::exact {

// BuDDy keeps its node table, caches and variable count in globals, so two solves on two
// threads (the Python bindings release the GIL) would corrupt each other. A session holds a
// process-wide lock, starts BuDDy with `variable_count` variables and shuts it down again.
// Every `bdd` object must be destroyed before the session: declare the session first.
//
// The node table is capped at the current work scope's BDD node limit (work_budget.h). BuDDy's
// errors (node limit, out of memory) go to a handler that records them instead of ending the
// process; bdd_checkpoint() turns them into exceptions.
class BuddySession {
 public:
  explicit BuddySession(int variable_count);
  ~BuddySession();
  BuddySession(const BuddySession&) = delete;
  BuddySession& operator=(const BuddySession&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
};

// Throws ExactNotApplicable when BuDDy reported the node limit or running out of memory since
// the session began (Error for any other BuDDy error), then runs work_checkpoint(). Call it
// after BDD operations in loops: once BuDDy has failed, its results are meaningless.
void bdd_checkpoint();

}  // namespace outagesim::exact

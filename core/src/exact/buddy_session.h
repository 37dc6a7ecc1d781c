// Exclusive use of BuDDy (a library with one global node table) for the length of one solve.
#pragma once

#include <mutex>

namespace outagesim::exact {

// BuDDy keeps its node table, caches and variable count in globals, so two solves on two
// threads (the Python bindings release the GIL) would corrupt each other. A session holds a
// process-wide lock, starts BuDDy with `variable_count` variables and shuts it down again.
// Every `bdd` object must be destroyed before the session: declare the session first.
class BuddySession {
 public:
  explicit BuddySession(int variable_count);
  ~BuddySession();
  BuddySession(const BuddySession&) = delete;
  BuddySession& operator=(const BuddySession&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace outagesim::exact

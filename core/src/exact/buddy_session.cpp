// Exclusive use of BuDDy for the length of one solve: lock, init, limits, errors, done.
#include "buddy_session.h"

#include <bdd.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <string>

#include "outagesim/error.h"
#include "work_budget.h"

namespace outagesim::exact {

namespace {

std::mutex& buddy_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Written by BuDDy's error handler and read by bdd_checkpoint(), both under the session lock.
int first_error = 0;
std::size_t node_limit = 0;

// BuDDy's default handler prints and calls exit(): record the first error instead (BuDDy is C:
// an exception must not cross it). The failing operation returns a meaningless result, and
// later ones fail quickly until the session ends.
void record_error(int code) {
  if (first_error == 0) first_error = code;
}

// BuDDy prints every garbage collection to stdout by default; results must not be mixed
// with that chatter.
void quiet_gbc(int, bddGbcStat*) {}

}  // namespace

BuddySession::BuddySession(int variable_count) : lock_(buddy_mutex()) {
  first_error = 0;
  node_limit = std::clamp<std::size_t>(current_bdd_node_limit(), 1, INT_MAX);
  const int limit = static_cast<int>(node_limit);
  // Small initial tables (most models need a few thousand nodes; a solve starts many sessions)
  // that grow on demand, by up to 1M nodes at a time, up to the node limit; the cache ratio
  // keeps caches in step.
  if (bdd_init(std::min(20'000, limit), 5'000) < 0) {
    throw Error("cannot start the BDD package (BuDDy): out of memory");
  }
  bdd_error_hook(record_error);
  bdd_gbc_hook(quiet_gbc);
  bdd_setcacheratio(4);
  // Grow the table when a collection frees less than half of it (BuDDy's default: a fifth):
  // building closures for Fussell-Vesely near a full table otherwise collects garbage over and
  // over (measured on tiers-5x9: 3.8 s -> 2.0 s with the earlier variable order).
  bdd_setminfreenodes(50);
  bdd_setmaxincrease(1'000'000);
  // BuDDy rounds the initial table up (to a prime): the limit must lie above what it holds.
  node_limit = std::max<std::size_t>(node_limit, static_cast<std::size_t>(bdd_getallocnum()) + 1);
  bdd_setmaxnodenum(static_cast<int>(node_limit));
  bdd_setvarnum(std::max(1, variable_count));
  if (first_error != 0) {
    const int code = first_error;
    bdd_done();
    throw Error(std::string("cannot start the BDD package (BuDDy): ") + bdd_errstring(code));
  }
}

BuddySession::~BuddySession() { bdd_done(); }

void bdd_checkpoint() {
  const int code = first_error;
  if (code == BDD_NODENUM) {
    throw ExactNotApplicable("the structure function's BDD needs more than " +
                             std::to_string(node_limit) +
                             " nodes (the BDD node limit); use the Monte Carlo method");
  }
  if (code == BDD_MEMORY) {
    throw ExactNotApplicable(
        "the BDD package (BuDDy) ran out of memory building the structure function; use "
        "the Monte Carlo method");
  }
  if (code != 0) throw Error(std::string("BDD package (BuDDy) error: ") + bdd_errstring(code));
  work_checkpoint();
}

}  // namespace outagesim::exact

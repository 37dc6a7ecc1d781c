// Exclusive use of BuDDy for the length of one solve: lock, init, done.
#include "buddy_session.h"

#include <bdd.h>

#include <algorithm>
#include <string>

#include "outagesim/error.h"

namespace outagesim::exact {

namespace {

std::mutex& buddy_mutex() {
  static std::mutex mutex;
  return mutex;
}

// BuDDy prints every garbage collection to stdout by default; results must not be mixed
// with that chatter.
void quiet_gbc(int, bddGbcStat*) {}

}  // namespace

BuddySession::BuddySession(int variable_count) : lock_(buddy_mutex()) {
  // Small initial tables (most models need a few thousand nodes; a solve starts many sessions)
  // that grow on demand, by up to 1M nodes at a time; the cache ratio keeps caches in step.
  if (bdd_init(20'000, 5'000) < 0) {
    throw Error("cannot start the BDD package (BuDDy): out of memory");
  }
  bdd_gbc_hook(quiet_gbc);
  bdd_setcacheratio(4);
  bdd_setmaxincrease(1'000'000);
  bdd_setvarnum(std::max(1, variable_count));
}

BuddySession::~BuddySession() { bdd_done(); }

}  // namespace outagesim::exact

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
  // 1M initial nodes (~20 MB) grow on demand; the cache ratio keeps operation caches in step.
  if (bdd_init(1'000'000, 100'000) < 0) {
    throw Error("cannot start the BDD package (BuDDy): out of memory");
  }
  bdd_gbc_hook(quiet_gbc);
  bdd_setcacheratio(4);
  bdd_setmaxincrease(2'000'000);
  bdd_setvarnum(std::max(1, variable_count));
}

BuddySession::~BuddySession() { bdd_done(); }

}  // namespace outagesim::exact

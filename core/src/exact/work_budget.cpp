// The per-thread work limits of work_budget.h.
#include "work_budget.h"

#include <cstdio>
#include <string>

#include "outagesim/error.h"

namespace outagesim::exact {

namespace {

struct Limits {
  const std::atomic<bool>* cancel = nullptr;
  bool has_deadline = false;
  double seconds = 0.0;
  std::chrono::steady_clock::time_point deadline{};
  std::size_t bdd_node_limit = DEFAULT_BDD_NODE_LIMIT;
};

// One solve runs on one thread; a thread-local keeps concurrent solves' limits apart.
thread_local const Limits* current = nullptr;
thread_local Limits storage;

}  // namespace

WorkScope::WorkScope(const Options& options) {
  if (current) return;
  storage = Limits{};
  storage.cancel = options.cancel;
  storage.bdd_node_limit = options.bdd_node_limit;
  if (options.max_seconds > 0.0) {
    storage.has_deadline = true;
    storage.seconds = options.max_seconds;
    storage.deadline = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(options.max_seconds));
  }
  current = &storage;
  owner_ = true;
}

WorkScope::~WorkScope() {
  if (owner_) current = nullptr;
}

void work_checkpoint() {
  const Limits* limits = current;
  if (!limits) return;
  if (limits->cancel && limits->cancel->load(std::memory_order_relaxed))
    throw SimulationError("interrupted");
  if (limits->has_deadline && std::chrono::steady_clock::now() >= limits->deadline) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3g", limits->seconds);
    throw ExactNotApplicable(std::string("the exact solver did not finish within its time budget "
                                         "of ") +
                             seconds + " s; use the Monte Carlo method");
  }
}

std::size_t current_bdd_node_limit() {
  return current ? current->bdd_node_limit : DEFAULT_BDD_NODE_LIMIT;
}

}  // namespace outagesim::exact

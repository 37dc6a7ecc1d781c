// Engine limits of the exact solver: BDD node and time budgets, cancellation, a large k-of-n.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "architecture_builder.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"

using namespace outagesim;
using testing::Builder;
using testing::exponential;

namespace {

// k of n identical components in one zone: the structure BDD has k (n - k + 1) nodes.
graph::Plan k_of_n(int k, int n) {
  Builder b;
  const int prov = b.provider("p");
  const int zone = b.zone(b.region(prov, "r"), "z");
  std::vector<int> replicas;
  for (int i = 0; i < n; ++i)
    replicas.push_back(b.component("c" + std::to_string(i), zone, exponential(1000, 10)));
  b.service("pool", replicas, k);
  return b.plan();
}

// Active-passive pairs with timed failover: the Markov chain grows as 5^pairs or so.
graph::Plan failover_pairs(int pairs) {
  Builder b;
  const int prov = b.provider("p");
  const int zone = b.zone(b.region(prov, "r"), "z");
  model::Failover f;
  f.detection = model::Distribution::exponential(0.02);
  f.switchover = model::Distribution::exponential(0.05);
  f.success_probability = 0.9;
  f.manual_recovery = model::Distribution::exponential(1.0);
  for (int p = 0; p < pairs; ++p) {
    const int a = b.component("a" + std::to_string(p), zone, exponential(1000, 5));
    const int c = b.component("b" + std::to_string(p), zone, exponential(1000, 5));
    b.active_passive("s" + std::to_string(p), {a, c}, f);
  }
  return b.plan();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("exact: 500-of-1000 is answered or refused within seconds", "[exact][limits]") {
  const graph::Plan plan = k_of_n(500, 1000);
  exact::Options o;
  o.max_seconds = 5.0;
  const auto start = std::chrono::steady_clock::now();
  try {
    const api::Result r = exact::solve(plan, o);
    // Each component is up with probability 1000/1010: 500 of 1000 are up almost surely.
    CHECK(r.system.availability.value == Approx(1.0).margin(1e-12));
  } catch (const ExactNotApplicable& error) {
    CHECK(std::string(error.what()).find("Monte Carlo") != std::string::npos);
  }
  CHECK(seconds_since(start) < 15.0);
}

TEST_CASE("exact: a BDD beyond the node limit is refused, not grown", "[exact][limits]") {
  const graph::Plan plan = k_of_n(50, 100);  // 2550 nodes
  exact::Options o;
  o.bdd_node_limit = 1'500;
  try {
    exact::solve(plan, o);
    FAIL("no error beyond the node limit");
  } catch (const ExactNotApplicable& error) {
    const std::string what = error.what();
    CHECK(what.find("node limit") != std::string::npos);
    CHECK(what.find("Monte Carlo") != std::string::npos);
  }
  // The same model within the limit: BuDDy was left usable by the failed session.
  o.bdd_node_limit = exact::DEFAULT_BDD_NODE_LIMIT;
  const api::Result r = exact::solve(plan, o);
  CHECK(r.system.availability.value > 0.999);
}

TEST_CASE("exact: the time budget stops a long solve", "[exact][limits]") {
  const graph::Plan plan = k_of_n(2000, 4000);
  exact::Options o;
  o.max_seconds = 0.2;
  const auto start = std::chrono::steady_clock::now();
  try {
    exact::solve(plan, o);
    FAIL("a 2000-of-4000 solve finished within 0.2 s");
  } catch (const ExactNotApplicable& error) {
    CHECK(std::string(error.what()).find("time budget of 0.2 s") != std::string::npos);
  }
  CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("exact: a raised cancel flag stops a solve and a state exploration", "[exact][limits]") {
  std::atomic<bool> cancel{true};
  exact::Options o;
  o.cancel = &cancel;
  CHECK_THROWS_WITH(exact::solve(k_of_n(500, 1000), o), "interrupted");
  CHECK_THROWS_AS(exact::solve(failover_pairs(3), o), SimulationError);
}

TEST_CASE("exact: check() refuses a huge Markov chain within its time budget", "[exact][limits]") {
  const graph::Plan plan = failover_pairs(12);  // far more than 2M states
  exact::Options o;
  o.max_seconds = 0.5;
  const auto start = std::chrono::steady_clock::now();
  const exact::Applicability app = exact::check(plan, o);
  CHECK_FALSE(app.possible);
  CHECK(app.reason.find("time budget") != std::string::npos);
  CHECK(seconds_since(start) < 3.0);
}

// Engine limits of the exact solver: BDD node and time budgets, cancellation, a large k-of-n.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "architecture_builder.h"
#include "exact/ctmc.h"
#include "outagesim/api/evaluate.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"

using namespace outagesim;
using Catch::Matchers::Contains;
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

TEST_CASE("exact: check() refuses a huge Markov chain on its lower bound, before exploring",
          "[exact][limits]") {
  const graph::Plan plan = failover_pairs(12);  // far more than 2M states
  const exact::Applicability app = exact::check(plan);
  CHECK_FALSE(app.possible);
  CHECK_THAT(app.reason, Contains("at least"));
  CHECK_THAT(app.reason, Contains("counted without exploring"));
  CHECK_THAT(app.reason, Contains("state limit of 2000000 states"));
  CHECK_THAT(app.reason, Contains("Monte Carlo"));
  CHECK_THROWS_WITH(exact::solve(plan), Contains("at least"));
}

TEST_CASE("exact: a chain past the state budget that the bound misses stops while explored",
          "[exact][limits]") {
  const graph::Plan plan = failover_pairs(3);
  const std::size_t states = exact::solve_ctmc(plan, {}).states;
  const std::size_t lower = exact::ctmc_state_lower_bound(plan, exact::DEFAULT_STATE_LIMIT);
  REQUIRE(lower < states);
  exact::Options o;
  o.state_limit = lower;  // the bound fits, the chain does not
  const exact::Applicability app = exact::check(plan, o);
  CHECK(app.possible);
  CHECK_THAT(app.reason, Contains("known once explored"));
  CHECK_THROWS_WITH(
      exact::solve(plan, o),
      Contains("more than " + std::to_string(lower) + " states") && Contains("Monte Carlo"));
  o.state_limit = states;  // exactly enough
  CHECK(exact::solve(plan, o).solver == "ctmc");
}

TEST_CASE("exact: auto gives up on a big chain and says why", "[exact][limits]") {
  api::EvaluateOptions o;
  o.simulation.replications = 8;
  o.simulation.rel_error = 0.0;
  o.simulation.horizon_hours = 100.0;
  o.simulation.threads = 1;
  // Far past any budget: refused on the lower bound.
  api::Evaluation huge = api::evaluate(failover_pairs(12), o);
  CHECK(huge.result.solver != "ctmc");
  CHECK_THAT(huge.result.method_reason, Contains("auto chose Monte Carlo"));
  CHECK_THAT(huge.result.method_reason, Contains("at least"));
  // Past auto's budget but within --method exact's: auto runs Monte Carlo after exploring at
  // most AUTO_STATE_LIMIT states; exact would solve it.
  const graph::Plan plan = failover_pairs(5);
  REQUIRE(exact::ctmc_state_bound(plan) > api::AUTO_STATE_LIMIT);
  api::Evaluation big = api::evaluate(plan, o);
  CHECK(big.result.solver != "ctmc");
  CHECK_THAT(big.result.method_reason, Contains("auto chose Monte Carlo"));
  CHECK_THAT(big.result.method_reason, Contains(std::to_string(api::AUTO_STATE_LIMIT) + " states"));
  CHECK(exact::check(plan).possible);
}

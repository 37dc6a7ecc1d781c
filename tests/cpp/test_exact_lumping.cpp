// The lumped Markov chain (interchangeable replicas counted, not told apart) against the unlumped
// one, and the state bounds that let an oversized chain be refused before it is explored.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <string>

#include "exact/ctmc.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;
using Catch::Matchers::Contains;

namespace {

model::Failover timed_failover(double success) {
  model::Failover f;
  f.detection = model::Distribution::exponential(0.05);
  f.switchover = model::Distribution::exponential(0.1);
  f.success_probability = success;
  f.manual_recovery = model::Distribution::exponential(1.0);
  return f;
}

// A random design with interchangeable replicas: per region, web replicas each alone in a zone
// of its own or several in one shared zone, all with the region's rates; a load balancer failing
// over between the regions' entry points, sometimes a database failing over inside the first
// region (which breaks the symmetry of the zones it sits in), random thresholds and scopes.
graph::Plan symmetric_model(std::mt19937_64& rng) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  Builder b("symmetric");
  const int p =
      b.provider("p", pick(2) ? exponential(uniform(50, 200), uniform(1, 5)) : never_fails());
  const int regions = 1 + pick(2);
  std::vector<int> web, lb;
  int first_zone = -1, second_zone = -1;
  for (int r = 0; r < regions; ++r) {
    const std::string rn = "r" + std::to_string(r);
    const int region =
        b.region(p, rn, pick(2) ? exponential(uniform(50, 200), 2.0) : never_fails());
    const model::FailureProcess zone_process = exponential(uniform(30, 100), uniform(1, 4));
    const model::FailureProcess web_process = exponential(uniform(20, 80), uniform(0.5, 3));
    const bool own_zones = pick(2) == 0;
    const int replicas = 2 + pick(2);
    int shared_zone = -1;
    for (int i = 0; i < replicas; ++i) {
      int zone;
      if (own_zones || shared_zone < 0) {
        zone = b.zone(region, rn + "z" + std::to_string(i), zone_process);
        shared_zone = zone;
      } else {
        zone = shared_zone;
      }
      if (r == 0 && i == 0) first_zone = zone;
      if (r == 0 && i == 1) second_zone = zone;
      web.push_back(b.component("web-" + rn + "-" + std::to_string(i), zone, web_process));
    }
    lb.push_back(b.component("lb-" + rn, region, exponential(uniform(50, 200), 1.0)));
  }
  const int web_service = b.active_active("web", web, 1 + pick(2));
  const int lb_service = b.active_passive("lb", lb, timed_failover(pick(2) ? 0.9 : 1.0));
  b.depends(lb_service, web_service, pick(2) ? model::Scope::same_region : model::Scope::any);
  std::vector<int> needs{lb_service};
  if (pick(2) == 0) {
    const int a = b.component("db-a", first_zone, exponential(100, 2));
    const int c = b.component("db-b", second_zone, exponential(100, 2));
    needs.push_back(b.active_passive("db", {a, c}, timed_failover(0.8)));
  }
  b.capability("shop", needs, 0.7);
  b.capability("browse", {lb_service}, 0.3);
  return b.plan();
}

}  // namespace

TEST_CASE("lumping: the lumped chain equals the unlumped chain on symmetric failover models",
          "[exact][ctmc][lumping]") {
  std::mt19937_64 rng(1717);
  int lumped_models = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const graph::Plan plan = symmetric_model(rng);
    int failing = 0;
    for (const auto& proc : plan.element_process) failing += proc.never_fails ? 0 : 1;
    if (failing > 10) continue;  // keeps the unlumped chain small enough for a unit test
    INFO("trial " << trial);
    const exact::CtmcSolution lumped = exact::solve_ctmc(plan, {}, false, true);
    const exact::CtmcSolution full = exact::solve_ctmc(plan, {}, false, false);
    CHECK(full.lumped_replicas == 0);
    if (lumped.lumped_replicas > 0) {
      ++lumped_models;
      CHECK(lumped.states < full.states);
    } else {
      CHECK(lumped.states == full.states);
    }
    for (std::size_t m = 0; m < full.availability.size(); ++m) {
      CHECK(close(lumped.availability[m], full.availability[m], 1e-10));
      CHECK(close(lumped.unavailability[m], full.unavailability[m], 1e-10));
      CHECK(close(lumped.frequency_per_hour[m], full.frequency_per_hour[m], 1e-10));
    }
    for (std::size_t s = 0; s < full.failover_downtime.size(); ++s)
      CHECK(close(lumped.failover_downtime[s], full.failover_downtime[s], 1e-10));
    // The bounds enclose the lumped chain's true size.
    CHECK(exact::ctmc_state_lower_bound(plan, exact::DEFAULT_STATE_LIMIT) <= lumped.states);
    CHECK(exact::ctmc_state_bound(plan) >= lumped.states);
  }
  CHECK(lumped_models >= 10);
}

TEST_CASE("lumping: replicas that differ in any way are kept apart", "[exact][ctmc][lumping]") {
  // Three web replicas, each alone in its zone, behind a load balancer with a timed failover.
  auto build = [](int variant) {
    Builder b;
    const int p = b.provider("p");
    const int region = b.region(p, "r");
    std::vector<int> web;
    std::vector<int> zones;
    for (int i = 0; i < 3; ++i) {
      zones.push_back(b.zone(region, "z" + std::to_string(i), exponential(50, 2)));
      const double mttf = variant == 1 && i == 2 ? 41.0 : 40.0;  // one replica fails more often
      web.push_back(b.component("web" + std::to_string(i), zones[i], exponential(mttf, 1)));
    }
    const int lb_a = b.component("lb-a", region, exponential(100, 1));
    const int lb_b = b.component("lb-b", region, exponential(100, 1));
    if (variant == 2) b.component("cache", zones[2], exponential(100, 1));  // zone 2 is shared
    const int ws = b.active_active("web", web, 2);
    std::vector<model::Dependency> needs{{ws, model::Scope::any}};
    if (variant == 3) {
      // A dependent whose replica sits in zone 0 and needs a web replica in its own zone: it
      // tells web0 from the others.
      const int api = b.component("api", zones[0], exponential(100, 1));
      const int as = b.active_active("api", {api}, 1, {{ws, model::Scope::same_zone}});
      needs.push_back({as, model::Scope::any});
    }
    b.active_passive("lb", {lb_a, lb_b}, timed_failover(0.9), needs);
    return b.plan();
  };
  const std::size_t expected_lumped[] = {3, 2, 2, 2};
  for (int variant = 0; variant < 4; ++variant) {
    INFO("variant " << variant);
    const graph::Plan plan = build(variant);
    const exact::CtmcSolution lumped = exact::solve_ctmc(plan, {}, false, true);
    const exact::CtmcSolution full = exact::solve_ctmc(plan, {}, false, false);
    CHECK(lumped.lumped_replicas == expected_lumped[variant]);
    const std::size_t m = full.availability.size() - 1;
    CHECK(close(lumped.availability[m], full.availability[m], 1e-10));
    CHECK(close(lumped.frequency_per_hour[m], full.frequency_per_hour[m], 1e-10));
  }
}

TEST_CASE("lumping: ten identical replicas solve as eleven counts", "[exact][ctmc][lumping]") {
  // Ten identical web replicas in one zone behind a one-replica load balancer with a timed
  // failover: 2^10 patterns lump into 11 counts; min_healthy 4 makes the count matter.
  Builder b;
  const int p = b.provider("p");
  const int zone = b.zone(b.region(p, "r"), "z");
  std::vector<int> web;
  for (int i = 0; i < 10; ++i)
    web.push_back(b.component("web" + std::to_string(i), zone, exponential(20, 5)));
  const int lb = b.component("lb", zone, exponential(1000, 1));
  const int ws = b.active_active("web", web, 4);
  b.active_passive("lb", {lb}, timed_failover(1.0), {{ws, model::Scope::any}});
  const graph::Plan plan = b.plan();
  const exact::CtmcSolution lumped = exact::solve_ctmc(plan, {}, false, true);
  const exact::CtmcSolution full = exact::solve_ctmc(plan, {}, false, false);
  CHECK(lumped.lumped_replicas == 10);
  CHECK(lumped.states * 50 < full.states);
  // The web tier alone is a birth-death chain: P(at least 4 of 10 up), each up w.p. 20/25; the
  // load balancer's own outages and the failover's detection add to it, so compare the unlumped
  // chain and check the web tier's share by the binomial sum as a sanity bound.
  double web_up = 0.0;
  for (int k = 4; k <= 10; ++k) {
    web_up += std::tgamma(11.0) / (std::tgamma(k + 1.0) * std::tgamma(11.0 - k)) *
              std::pow(0.8, k) * std::pow(0.2, 10 - k);
  }
  CHECK(lumped.availability.back() < web_up);
  CHECK(close(lumped.availability.back(), full.availability.back(), 1e-10));
  CHECK(close(lumped.frequency_per_hour.back(), full.frequency_per_hour.back(), 1e-10));
}

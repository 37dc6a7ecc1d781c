// Per-target failover timings: the simulator against the exact CTMC, and the defaults rule (a
// target that states nothing of its own changes no figure).
#include "outagesim/exact/solve.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

// A primary and an in-region standby in one region, a cross-region replica in another; the db
// fails over fast to the standby and slowly (and less reliably) to the cross-region replica.
// `targets` says whether the cross-region timings are stated as its target's; without them
// every failover takes the service's timings.
struct ThreeReplicas {
  Builder b;
  int db = -1;
};

model::Failover service_failover() {
  model::Failover f;
  f.detection = model::Distribution::exponential(0.05);
  f.switchover = model::Distribution::exponential(0.1);
  f.success_probability = 0.95;
  f.manual_recovery = model::Distribution::exponential(2.0);
  return f;
}

graph::Plan three_replicas(const std::vector<model::FailoverTarget>& targets,
                           model::Failover f = service_failover()) {
  Builder b;
  const int prov = b.provider("p");
  const int east = b.region(prov, "east", exponential(4000, 12));
  const int west = b.region(prov, "west", exponential(4000, 12));
  const int a = b.component("db-a", east, exponential(500, 5));
  const int s = b.component("db-b", east, exponential(500, 5));
  const int w = b.component("db-west", west, exponential(500, 5));
  f.targets = targets;
  b.capability("all", {b.active_passive("db", {a, s, w}, f)});
  return b.plan();
}

model::FailoverTarget slow_cross_region() {
  model::FailoverTarget t;
  t.replica = 2;
  t.switchover = model::Distribution::exponential(0.75);
  t.success_probability = 0.8;
  t.manual_recovery = model::Distribution::exponential(6.0);
  return t;
}

}  // namespace

TEST_CASE("simulator agrees with the exact CTMC on per-target failover timings",
          "[sim][agreement][exact][failover]") {
  // A target override on the standby too (only its success probability), so that both an
  // override field and a defaulted field of a target are exercised.
  model::FailoverTarget standby;
  standby.replica = 1;
  standby.success_probability = 0.99;
  const graph::Plan plan = three_replicas({standby, slow_cross_region()});
  const exact::Applicability applies = exact::check(plan);
  INFO(applies.reason);
  REQUIRE(applies.possible);
  REQUIRE(applies.solver == "ctmc");
  const api::Result e = exact::solve(plan);
  const api::Result r = sim::simulate(plan, options(63, 0.02));
  report("per-target failover (ctmc) A", r.system.availability, e.system.availability.value);
  report("per-target failover incidents/yr", r.system.incidents_per_year,
         e.system.incidents_per_year.value);
  check_covers(r.system.availability, e.system.availability.value, "availability");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
               "incidents per year");
}

TEST_CASE("per-target timings change the exact answer, between the all-fast and all-slow ones",
          "[exact][failover]") {
  const double fast = exact::solve(three_replicas({})).system.availability.value;
  const double mixed =
      exact::solve(three_replicas({slow_cross_region()})).system.availability.value;
  // Every failover with the cross-region timings.
  model::Failover slow = service_failover();
  slow.switchover = *slow_cross_region().switchover;
  slow.success_probability = *slow_cross_region().success_probability;
  slow.manual_recovery = *slow_cross_region().manual_recovery;
  const double all_slow = exact::solve(three_replicas({}, slow)).system.availability.value;
  INFO("fast " << fast << ", mixed " << mixed << ", all slow " << all_slow);
  CHECK(all_slow < mixed);
  CHECK(mixed < fast);
}

TEST_CASE("a target stating nothing of its own changes no figure", "[sim][exact][failover]") {
  model::FailoverTarget empty;
  empty.replica = 2;
  const graph::Plan plain = three_replicas({});
  const graph::Plan with_target = three_replicas({empty});
  // The CTMC tracks the target of such a service (more states), yet the answer is the same.
  const double a = exact::solve(plain).system.availability.value;
  const double b = exact::solve(with_target).system.availability.value;
  CHECK(b == Approx(a).epsilon(1e-9));
  // The simulator draws the same numbers in the same order: identical estimates.
  const api::Result r1 = sim::simulate(plain, options(64, 0.1));
  const api::Result r2 = sim::simulate(with_target, options(64, 0.1));
  CHECK(r1.system.availability.value == r2.system.availability.value);
  CHECK(r1.system.incidents_per_year.value == r2.system.incidents_per_year.value);
}

TEST_CASE("instant failover except to one slow target is timed", "[exact][failover]") {
  model::Failover instant;
  CHECK(instant.is_instant());
  instant.targets.push_back(slow_cross_region());
  CHECK_FALSE(instant.is_instant());
  CHECK(instant.switchover_to(2).mean == Approx(0.75));
  CHECK(instant.switchover_to(1).is_zero());
  CHECK(instant.success_probability_to(-1) == 1.0);
  CHECK(exact::check(three_replicas({slow_cross_region()}, model::Failover{})).solver == "ctmc");
}

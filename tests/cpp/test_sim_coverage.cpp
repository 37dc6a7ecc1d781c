// Over 100 seeds the 95% interval must cover the exact value in 90-99 runs: the intervals are
// honest, neither too narrow nor too wide.
#include "test_sim_support.h"

using namespace simtest;

TEST_CASE("95% intervals cover the exact value in 90-99 of 100 seeds", "[sim][coverage]") {
  Builder b;
  const int prov = b.provider("p");
  const int c = b.component("c", prov, exponential(1000.0, 10.0));
  b.capability("all", {b.service("s", {c})});
  const graph::Plan plan = b.plan();
  const double a = 1000.0 / 1010.0, f = 8760.0 / 1010.0;
  int covered_a = 0, covered_f = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    sim::Options o = options(seed, 0.0, 1);
    o.replications = 200;
    o.start = sim::StartState::stationary;
    const api::Result r = sim::simulate(plan, o);
    covered_a += r.system.availability.lo <= a && a <= r.system.availability.hi;
    covered_f += r.system.incidents_per_year.lo <= f && f <= r.system.incidents_per_year.hi;
  }
  WARN("coverage over 100 seeds: availability " << covered_a << ", incidents " << covered_f);
  CHECK(covered_a >= 90);
  CHECK(covered_a <= 99);
  CHECK(covered_f >= 90);
  CHECK(covered_f <= 99);
}

// Warm-up (initial-transient deletion): no change when off, unbiased short horizons for an
// active_passive pair whose first replica is the unreliable one, thread-count independence.
#include <cstdio>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "sim/automatic_warmup.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

// The JSON of a result without the fields that depend on the machine or the thread count.
nlohmann::json comparable(const api::Result& r) {
  nlohmann::json j = api::to_json(r);
  j.erase("wall_seconds");
  j.erase("threads");
  return j;
}

// Replica "flaky" (first, so it serves at the start) fails every 100 h; "solid" every 10000 h.
// With no failback the service spends the long run mostly on "solid".
graph::Plan lopsided_pair() {
  Builder b;
  const int prov = b.provider("p");
  const int flaky = b.component("flaky", prov, exponential(100.0, 2.0));
  const int solid = b.component("solid", prov, exponential(10000.0, 2.0));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.1);
  f.switchover = model::Distribution::exponential(0.5);
  f.manual_recovery = model::Distribution::exponential(4.0);
  f.success_probability = 0.9;
  b.capability("all", {b.active_passive("db", {flaky, solid}, f)});
  return b.plan();
}

sim::Options fixed(std::int64_t replications, double horizon_years, double warmup_years,
                   int threads = 2) {
  sim::Options o = options(7, 0.0, threads);
  o.replications = replications;
  o.horizon_hours = 8760.0 * horizon_years;
  o.warmup_hours = 8760.0 * warmup_years;
  o.max_seconds = 120.0;
  return o;
}

}  // namespace

TEST_CASE("the all-up start has no warm-up unless one is given", "[sim][warmup]") {
  const graph::Plan plan = lopsided_pair();
  sim::Options plain = fixed(2000, 1.0, 0.0);
  plain.window_hours = 720.0;
  plain.start = sim::StartState::all_up;
  plain.warmup_hours.reset();  // automatic: none for the all-up start
  sim::Options zero = plain;
  zero.warmup_hours = 0.0;
  const nlohmann::json a = comparable(sim::simulate(plan, plain));
  nlohmann::json b = comparable(sim::simulate(plan, zero));
  CHECK(a["warmup_years"] == 0.0);
  CHECK(a["warmup"] == "automatic");
  CHECK(b["warmup"] == "given");
  b["warmup"] = "automatic";
  CHECK(a == b);
  sim::Options bad = plain;
  bad.warmup_hours = -1.0;
  CHECK_THROWS_AS(sim::simulate(plan, bad), SimulationError);
}

TEST_CASE("the stationary start warms up automatically, as long as its formula says",
          "[sim][warmup]") {
  const graph::Plan plan = lopsided_pair();
  sim::Options o = fixed(50, 1.0, 0.0);
  o.warmup_hours.reset();
  const api::Result r = sim::simulate(plan, o);
  // The serving replica switches between flaky (a failure every 102 h) and solid (every
  // 10,002 h): it relaxes at the sum of those rates. The longest failover (detection 0.1 h and
  // a manual recovery of 4 h) is shorter.
  const double relaxation = 1.0 / (1.0 / 102.0 + 1.0 / 10002.0);
  CHECK(r.warmup_automatic);
  CHECK(r.warmup_years * 8760.0 == Approx(sim::WARMUP_RELAXATION_TIMES * relaxation));
  CHECK(r.start == "stationary");
  // A model without active_passive services needs none: every element starts in equilibrium.
  Builder b;
  const int prov = b.provider("p");
  b.capability("all", {b.service("s", {b.component("c", prov, exponential(100.0, 2.0))}, 1)});
  CHECK(sim::simulate(b.plan(), o).warmup_years == 0.0);
}

namespace {

// Three replicas: "a" and "b" share zone z1 and fail every 100 h, "c" sits in z2 and fails every
// 5000 h; z1 is down every 2000 h. Service flips between a and b quickly, and reaches c only when
// z1 goes down: a slow mode between {a, b} and c that no pair of replicas' rates shows.
graph::Plan shared_zone_trio() {
  Builder b;
  const int prov = b.provider("p");
  const int region = b.region(prov, "r");
  const int z1 = b.zone(region, "z1", exponential(2000.0, 2.0));
  const int z2 = b.zone(region, "z2");
  const int a = b.component("a", z1, exponential(100.0, 2.0));
  const int bb = b.component("b", z1, exponential(100.0, 2.0));
  const int c = b.component("c", z2, exponential(5000.0, 2.0));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.1);
  f.switchover = model::Distribution::exponential(0.5);
  f.manual_recovery = model::Distribution::exponential(4.0);
  f.success_probability = 0.9;
  b.capability("all", {b.active_passive("db", {a, bb, c}, f)});
  return b.plan();
}

// 4,000 one-year replications with the default start (stationary, automatic warm-up): the
// Markov chain's availability and incident rate inside their intervals.
void check_default_start_unbiased(const graph::Plan& plan) {
  const api::Result e = exact::solve(plan);
  sim::Options o = fixed(4000, 1.0, 0.0);
  o.warmup_hours.reset();  // the default: automatic
  const api::Result r = sim::simulate(plan, o);
  check_covers(r.system.availability, e.system.availability.value, "availability, default start");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
               "incidents/yr, default start");
}

}  // namespace

TEST_CASE("the automatic warm-up follows the slowest mode of the serving replica",
          "[sim][warmup]") {
  sim::Options o = fixed(10, 1.0, 0.0);
  o.warmup_hours.reset();
  const api::Result r = sim::simulate(shared_zone_trio(), o);
  // Serving replica as a jump process over {a, b, c}: a -> b and b -> a at f_a (a's or b's
  // failure), a, b -> c at f_z (z1's outage), c -> a at f_c. Its generator has the eigenvalues
  // 0, -(2 f_a + f_z) (eigenvector (1, -1, 0)) and, from the trace, -(f_z + f_c): the slow mode,
  // 1430 h, where the pair (a, b) alone would say 1 / (2 (f_a + f_z)) = 49 h.
  const double f_z = 1.0 / 2002.0, f_c = 1.0 / 5002.0;
  CHECK(r.warmup_years * 8760.0 == Approx(sim::WARMUP_RELAXATION_TIMES / (f_z + f_c)));
}

TEST_CASE("the default start is unbiased for three replicas whose first two share a zone",
          "[sim][warmup][agreement]") {
  check_default_start_unbiased(shared_zone_trio());
}

TEST_CASE("the default start is unbiased for an active_passive pair at a one-year horizon",
          "[sim][warmup][agreement]") {
  check_default_start_unbiased(lopsided_pair());
}

TEST_CASE("a warm-up removes the active_passive start bias of short horizons",
          "[sim][warmup][agreement]") {
  const graph::Plan plan = lopsided_pair();
  const api::Result e = exact::solve(plan);
  const double exact_a = e.system.availability.value;
  const double exact_f = e.system.incidents_per_year.value;

  const api::Result cold = sim::simulate(plan, fixed(4000, 1.0, 0.0));
  const api::Result warm = sim::simulate(plan, fixed(4000, 1.0, 20.0));
  std::printf("lopsided pair, 1-year horizon x 4000: exact A %.8f f %.4f/yr\n", exact_a, exact_f);
  std::printf("  no warm-up: A %.8f [%.8f, %.8f] f %.4f [%.4f, %.4f]\n",
              cold.system.availability.value, cold.system.availability.lo,
              cold.system.availability.hi, cold.system.incidents_per_year.value,
              cold.system.incidents_per_year.lo, cold.system.incidents_per_year.hi);
  std::printf("  20-y warm-up: A %.8f [%.8f, %.8f] f %.4f [%.4f, %.4f]\n",
              warm.system.availability.value, warm.system.availability.lo,
              warm.system.availability.hi, warm.system.incidents_per_year.value,
              warm.system.incidents_per_year.lo, warm.system.incidents_per_year.hi);
  // The start transient: the first ~100 h serve from the flaky replica, one extra incident.
  CHECK(cold.system.incidents_per_year.lo > exact_f);
  check_covers(warm.system.availability, exact_a, "availability with warm-up");
  check_covers(warm.system.incidents_per_year, exact_f, "incidents/yr with warm-up");
  CHECK(warm.warmup_years == Approx(20.0));
  CHECK(api::to_json(warm)["warmup_years"].get<double>() == Approx(20.0));
  CHECK(warm.simulated_years == Approx(4000.0));
}

TEST_CASE("a warm-up keeps results independent of the thread count", "[sim][warmup]") {
  const graph::Plan plan = lopsided_pair();
  sim::Options one = fixed(600, 1.0, 3.0, 1);
  one.window_hours = 720.0;
  one.start = sim::StartState::stationary;
  sim::Options two = one;
  two.threads = 2;
  CHECK(comparable(sim::simulate(plan, one)) == comparable(sim::simulate(plan, two)));
}

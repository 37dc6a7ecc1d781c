// Warnings when a Monte Carlo interval is unreliable: an all-up start with repairs longer than
// the horizon, replications in lockstep (zero-width interval), extremely heavy tails.
#include <string>

#include "test_sim_support.h"

using namespace simtest;

namespace {

graph::Plan single(model::FailureProcess failure) {
  Builder b;
  const int prov = b.provider("p");
  const int zone = b.zone(b.region(prov, "r"), "z");
  b.service("s", {b.component("c", zone, failure)});
  return b.plan();
}

bool has_warning(const api::Result& r, const std::string& part) {
  for (const std::string& w : r.warnings)
    if (w.find(part) != std::string::npos) return true;
  return false;
}

sim::Options fixed(std::int64_t replications, double horizon_hours) {
  sim::Options o = options(5, 0.0);
  o.start = sim::StartState::all_up;  // the brand-new system these warnings are about
  o.replications = replications;
  o.horizon_hours = horizon_hours;
  return o;
}

}  // namespace

TEST_CASE("warning: all-up start with a mean repair longer than the horizon", "[sim][warnings]") {
  // Fails every 100 h on average, repairs take 2000 h, the horizon is 500 h.
  const graph::Plan plan = single(exponential(100, 2000));
  const api::Result r = sim::simulate(plan, fixed(200, 500));
  CHECK(has_warning(r, "biased upwards"));
  SECTION("not with a stationary start, a warm-up, or a long horizon") {
    sim::Options o = fixed(200, 500);
    o.start = sim::StartState::stationary;
    CHECK_FALSE(has_warning(sim::simulate(plan, o), "biased upwards"));
    o = fixed(200, 500);
    o.warmup_hours = 20000;
    CHECK_FALSE(has_warning(sim::simulate(plan, o), "biased upwards"));
    CHECK_FALSE(has_warning(sim::simulate(plan, fixed(20, 100000)), "biased upwards"));
  }
}

TEST_CASE("warning: replications in lockstep give a zero-width interval", "[sim][warnings]") {
  // Deterministic up 100 h, down 10 h: every replication has the same downtime.
  const graph::Plan plan = single(
      process(model::Distribution::deterministic(100), model::Distribution::deterministic(10)));
  const api::Result r = sim::simulate(plan, fixed(50, 1000));
  REQUIRE(r.system.availability.lo == r.system.availability.hi);
  CHECK(has_warning(r, "lockstep"));
  CHECK_FALSE(
      has_warning(sim::simulate(single(exponential(100, 10)), fixed(50, 1000)), "lockstep"));
}

TEST_CASE("warning: extremely heavy-tailed timings", "[sim][warnings]") {
  const api::Result lognormal =
      sim::simulate(single(process(model::Distribution::exponential(1000),
                                   model::Distribution::lognormal_with_median(1.0, 3.5))),
                    fixed(50, 8760));
  CHECK(has_warning(lognormal, "lognormal sigma 3.5"));
  const api::Result weibull =
      sim::simulate(single(process(model::Distribution::weibull_with_mean(0.25, 1000),
                                   model::Distribution::exponential(5))),
                    fixed(50, 8760));
  CHECK(has_warning(weibull, "weibull shape 0.25"));
  const api::Result moderate =
      sim::simulate(single(process(model::Distribution::weibull_with_mean(0.8, 1000),
                                   model::Distribution::lognormal_with_median(1.0, 1.0))),
                    fixed(50, 8760));
  CHECK_FALSE(has_warning(moderate, "heavy-tailed"));
}

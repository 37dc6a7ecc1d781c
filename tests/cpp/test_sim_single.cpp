// One component (MTTF 1000 h, MTTR 10 h): A = 1000/1010, 8760/1010 incidents a year, whatever
// the distributions of the same means (renewal theory), on long and short horizons.
#include <cmath>

#include "test_sim_support.h"

using namespace simtest;

namespace {

const double A_EXACT = 1000.0 / 1010.0;          // 0.990099...
const double INCIDENTS_EXACT = 8760.0 / 1010.0;  // 8.6733...

graph::Plan single(model::FailureProcess failure) {
  Builder b;
  const int p = b.provider("p");
  const int c = b.component("c", p, failure);
  const int s = b.service("s", {c});
  b.capability("all", {s});
  return b.plan();
}

}  // namespace

TEST_CASE("one exponential component, all up at the start", "[sim][agreement]") {
  const api::Result r = sim::simulate(single(exponential(1000.0, 10.0)), options(11, 0.02));
  report("single exp A", r.system.availability, A_EXACT);
  report("single exp incidents/yr", r.system.incidents_per_year, INCIDENTS_EXACT);
  report("single exp mean incident h", r.system.mean_incident_hours, 10.0);
  CHECK(r.stop_reason == "rel-error reached");
  CHECK(r.rel_error_achieved <= 0.02);
  check_covers(r.system.availability, A_EXACT, "availability");
  check_covers(r.system.incidents_per_year, INCIDENTS_EXACT, "incidents per year");
  // Incidents still open at the horizon are left out of the durations (censored); with a 10 h
  // mean and a 1 y horizon the bias this causes is far below the interval.
  check_covers(r.system.mean_incident_hours, 10.0, "mean incident hours");
  // Downtime and nines are derived from the availability interval.
  CHECK(r.system.downtime_minutes_per_year.value ==
        Approx((1 - r.system.availability.value) * 525600.0));
  CHECK(r.system.nines.value == Approx(-std::log10(1 - r.system.availability.value)));
  CHECK(r.system.nines.lo < r.system.nines.value);
  CHECK(r.system.nines.value < r.system.nines.hi);
  // Exponential durations: the median incident is 10 ln 2 h, the 90th percentile 10 ln 10 h.
  // Histogram bins are 1.6% wide; the sample quantile of > 10^4 incidents is within ~2%.
  REQUIRE(r.system.incident_duration_hours.count > 10000);
  CHECK(r.system.incident_duration_hours.p50 == Approx(10 * std::log(2.0)).epsilon(0.04));
  CHECK(r.system.incident_duration_hours.p90 == Approx(10 * std::log(10.0)).epsilon(0.04));
  CHECK(r.system.downtime_minutes_per_year_distribution.p50 > 0.0);
  CHECK(r.system.downtime_minutes_per_year_distribution.p99 >
        r.system.downtime_minutes_per_year_distribution.p50);
  // The single capability is the system.
  REQUIRE(r.capabilities.size() == 1);
  CHECK(r.capabilities[0].availability.value == r.system.availability.value);
  CHECK(r.weighted_availability.value == Approx(r.system.availability.value));
  // All downtime is charged to the component.
  REQUIRE(r.attribution.size() == 1);
  CHECK(r.attribution[0].element == "c");
  CHECK(r.attribution[0].level == "component");
  CHECK(r.attribution[0].share == Approx(1.0));
  CHECK(r.attribution[0].minutes_per_year ==
        Approx(r.system.downtime_minutes_per_year.value).epsilon(1e-9));
}

TEST_CASE("Weibull up-times and lognormal repairs of the same means, stationary start",
          "[sim][agreement]") {
  const auto failure = process(model::Distribution::weibull_with_mean(0.7, 1000.0),
                               model::Distribution::lognormal_with_mean(10.0, 1.0));
  sim::Options o = options(12, 0.02);
  o.start = sim::StartState::stationary;
  const api::Result r = sim::simulate(single(failure), o);
  report("single weibull/lognormal A", r.system.availability, A_EXACT);
  report("single weibull/lognormal incidents/yr", r.system.incidents_per_year, INCIDENTS_EXACT);
  CHECK(r.start == "stationary");
  check_covers(r.system.availability, A_EXACT, "availability");
  check_covers(r.system.incidents_per_year, INCIDENTS_EXACT, "incidents per year");
}

TEST_CASE("stationary start is unbiased on a short horizon (100 h)", "[sim][agreement]") {
  // Any horizon gives the long-run values in expectation only if the start state and the
  // residual times are drawn from the equilibrium distributions; a 100 h horizon, ten times the
  // repair mean, would expose a wrong residual draw.
  const auto failure = process(model::Distribution::weibull_with_mean(0.7, 1000.0),
                               model::Distribution::lognormal_with_mean(10.0, 1.0));
  sim::Options o = options(13, 0.04);
  o.start = sim::StartState::stationary;
  o.horizon_hours = 100.0;
  const api::Result r = sim::simulate(single(failure), o);
  report("short horizon weibull/lognormal A", r.system.availability, A_EXACT);
  report("short horizon weibull/lognormal incidents/yr", r.system.incidents_per_year,
         INCIDENTS_EXACT);
  check_covers(r.system.availability, A_EXACT, "availability");
  check_covers(r.system.incidents_per_year, INCIDENTS_EXACT, "incidents per year");
  CHECK(r.horizon_years == Approx(100.0 / 8760.0));
  bool scaled_note = false;
  for (const auto& w : r.warnings)
    scaled_note |= w.find("scales each replication") != std::string::npos;
  CHECK(scaled_note);

  // The same with deterministic up-times (the hardest case for a residual draw).
  const auto fixed =
      process(model::Distribution::deterministic(1000.0), model::Distribution::deterministic(10.0));
  const api::Result d = sim::simulate(single(fixed), o);
  report("short horizon deterministic A", d.system.availability, A_EXACT);
  check_covers(d.system.availability, A_EXACT, "availability (deterministic)");
  check_covers(d.system.incidents_per_year, INCIDENTS_EXACT, "incidents per year (deterministic)");
}

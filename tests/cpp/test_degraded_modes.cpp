// Degraded modes (docs/numbers.md#degraded-modes) against closed forms derived by hand: a
// fallback's share of time and the value-weighted availability it gives; a feature flag that
// switches a failed dependency off after a decision, and one that switches it off at once. Also:
// the figures do not depend on the thread count, the exact solver refuses such models and says
// why, and bad fallbacks and flags are precise errors.
#include <cmath>
#include <string>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/loader.h"
#include "test_sim_support.h"

using namespace simtest;
using Catch::Matchers::Contains;

namespace {

constexpr double HOURS_PER_YEAR = 8760.0;
constexpr double LAMBDA = 1.0 / 1000.0, MU = 1.0 / 10.0;  // each failing component: exponential
constexpr double A = MU / (LAMBDA + MU);                  // such a component is up

// web, db and cache, one replica each in one zone that never fails; "checkout" needs web and db,
// and falls back to browsing (web and cache) at `value`.
std::string shop_with_fallback(const std::string& value) {
  return R"({"format": "outagesim/v1", "name": "fallback",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}}}}}},
    "components": {
      "web-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
      "db-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
      "cache-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"web": {"replicas": ["web-1"]}, "db": {"replicas": ["db-1"]},
                 "cache": {"replicas": ["cache-1"]}},
    "capabilities": {"checkout": {"requires": ["web", "db"],
      "fallbacks": {"browse": {"requires": ["web", "cache"], "value": )" +
         value + "}}}}}";
}

// web (which never fails) depends on recs, whose flag switches it off after `decide`.
std::string web_with_flag(const std::string& decide, const std::string& extra_service = "") {
  return R"({"format": "outagesim/v1", "name": "flag",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}}}}}},
    "components": {
      "web-1": {"location": "p/r/a", "failure": {"mtbf": "1000000y", "mttr": "1h"}},
      "recs-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"web": {"replicas": ["web-1"], "depends_on": [
                   {"service": "recs", "feature_flag": {"decide": )" +
         decide + R"(, "value": 0.8}}]},
                 "recs": {"replicas": ["recs-1"]})" +
         extra_service + "}}";
}

}  // namespace

TEST_CASE("a fallback: up while either form is up, its value while only the reduced one is",
          "[degraded]") {
  // Independent components, each up with probability a: in full when web and db are up (a^2);
  // browsing only when web and cache are up but db is down (a^2 (1 - a)).
  const graph::Plan plan = plan_of(shop_with_fallback("0.3"));
  const api::Result r = sim::simulate(plan, options(31, 0.02));
  const api::MeasureResult& m = r.capabilities.at(0);
  REQUIRE(m.degraded_modes);
  const double full = A * A, browse = A * A * (1.0 - A);
  check_covers(m.unavailability, 1.0 - full - browse, "unavailability (neither form up)");
  check_covers(m.full_availability, full, "share of time in full");
  check_covers(m.value_weighted_availability, full + 0.3 * browse, "value-weighted availability");
  check_covers(m.degraded_minutes_per_year, browse * HOURS_PER_YEAR * 60.0, "minutes degraded");
  // One capability: the system is the same.
  check_covers(r.system.value_weighted_availability, full + 0.3 * browse, "system value");
}

TEST_CASE("a feature flag: down for the decision, then degraded until the dependency is back",
          "[degraded]") {
  // recs fails at rate lambda a; each outage lasts T ~ Exp(mu). web is down for min(T, D) and
  // degraded (value 0.8) for (T - D)+: E[min(T, D)] = (1 - e^{-mu D}) / mu, E[(T - D)+] =
  // e^{-mu D} / mu. Every outage of recs is an incident of web.
  const double decide = 2.0;
  const graph::Plan plan = plan_of(web_with_flag("\"2h\""));
  const api::Result r = sim::simulate(plan, options(32, 0.02));
  const api::MeasureResult& m = r.capabilities.at(0);
  REQUIRE(m.degraded_modes);
  const double rate = LAMBDA * A;
  const double down = rate * (1.0 - std::exp(-MU * decide)) / MU;
  const double degraded = rate * std::exp(-MU * decide) / MU;
  check_covers(m.unavailability, down, "unavailability (deciding)");
  check_covers(m.full_availability, A, "share of time in full (recs up)");
  check_covers(m.value_weighted_availability, A + 0.8 * degraded, "value-weighted availability");
  check_covers(m.degraded_minutes_per_year, degraded * HOURS_PER_YEAR * 60.0, "minutes degraded");
  check_covers(m.incidents_per_year, rate * HOURS_PER_YEAR, "incidents a year");
  check_covers(m.mean_incident_hours, down / rate, "mean incident");
}

TEST_CASE("a feature flag on a scoped dependency: the local replica's failure starts it",
          "[degraded]") {
  // web-1 needs the cache replica of its own zone (cache-a); the cache service stays up on
  // cache-b. The flag's decision starts when cache-a fails web-1, not when the whole cache is
  // down: the same closed form as above, with cache-a's outages.
  const double decide = 2.0;
  const graph::Plan plan = plan_of(R"({"format": "outagesim/v1", "name": "scoped-flag",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}, "b": {}}}}}},
    "components": {
      "web-1": {"location": "p/r/a", "failure": {"mtbf": "1000000y", "mttr": "1h"}},
      "cache-a": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
      "cache-b": {"location": "p/r/b", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"web": {"replicas": ["web-1"], "depends_on": [{"service": "cache",
                   "scope": "same_zone", "feature_flag": {"decide": "2h", "value": 0.8}}]},
                 "cache": {"replicas": ["cache-a", "cache-b"]}},
    "capabilities": {"pages": {"requires": ["web"]}}})");
  const api::Result r = sim::simulate(plan, options(37, 0.02));
  const api::MeasureResult& m = r.capabilities.at(0);
  const double rate = LAMBDA * A;
  check_covers(m.unavailability, rate * (1.0 - std::exp(-MU * decide)) / MU, "unavailability");
  check_covers(m.full_availability, A, "share of time in full (cache-a up)");
  check_covers(m.degraded_minutes_per_year,
               rate * std::exp(-MU * decide) / MU * HOURS_PER_YEAR * 60.0, "minutes degraded");
}

TEST_CASE("an automatic feature flag (no decision): never down, degraded while recs is",
          "[degraded]") {
  const graph::Plan plan = plan_of(web_with_flag("\"0s\""));
  sim::Options o = options(33, 0.0);
  o.replications = 2000;
  const api::Result r = sim::simulate(plan, o);
  const api::MeasureResult& m = r.capabilities.at(0);
  CHECK(m.unavailability.value == 0.0);
  CHECK(m.incidents_observed == 0);
  check_covers(m.full_availability, A, "share of time in full");
  check_covers(m.value_weighted_availability, A + 0.8 * (1.0 - A), "value-weighted availability");
}

TEST_CASE("degraded modes: the same figures on any thread count, from the all-up start too",
          "[degraded]") {
  const graph::Plan plan =
      plan_of(web_with_flag(R"({"distribution": "exponential", "mean": "1h"})"));
  sim::Options one = options(34, 0.0, 1), two = options(34, 0.0, 2);
  one.replications = two.replications = 300;
  const api::Result a = sim::simulate(plan, one), b = sim::simulate(plan, two);
  CHECK(a.capabilities.at(0).value_weighted_availability.value ==
        b.capabilities.at(0).value_weighted_availability.value);
  CHECK(a.system.full_availability.value == b.system.full_availability.value);
  CHECK(a.system.unavailability.value == b.system.unavailability.value);
  // The all-up start: recs up at 0, so the flag starts unswitched; still within the figures.
  sim::Options fresh = options(35, 0.03);
  fresh.start = sim::StartState::all_up;
  const api::Result c = sim::simulate(plan, fresh);
  CHECK(c.system.full_availability.value > 0.98);
}

TEST_CASE("degraded modes: the exact solver says why it has no answer", "[degraded]") {
  const graph::Plan plan = plan_of(shop_with_fallback("0.3"));
  const exact::Applicability check = exact::check(plan, exact::Options{});
  CHECK_FALSE(check.possible);
  CHECK_THAT(check.reason, Contains("degraded modes"));
  // A model without them is untouched: no degraded figures.
  const graph::Plan plain = plan_of(R"({"format": "outagesim/v1", "name": "plain",
    "providers": {"p": {"regions": {"r": {}}}},
    "components": {"a": {"location": "p/r", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"s": {"replicas": ["a"]}}})");
  sim::Options o = options(36, 0.0);
  o.replications = 50;
  CHECK_FALSE(sim::simulate(plain, o).system.degraded_modes);
}

TEST_CASE("bad fallbacks and feature flags are precise errors", "[degraded]") {
  CHECK_THAT(first_problem(shop_with_fallback("1.5")),
             Contains("/capabilities/checkout/fallbacks/browse/value: expected the share of the "
                      "full capability this reduced form delivers, a number between 0 and 1, "
                      "found 1.5"));
  std::string unknown = shop_with_fallback("0.3");
  unknown.replace(unknown.find("\"web\", \"cache\""), 14, "\"web\", \"cach\"");
  CHECK_THAT(first_problem(unknown),
             Contains("/capabilities/checkout/fallbacks/browse/requires/1: unknown service "
                      "\"cach\"; did you mean 'cache'?"));
  std::string whole = shop_with_fallback("0.3");
  whole.replace(whole.find("\"web\", \"cache\""), 14, "\"web\", \"db\"");
  CHECK_THAT(first_problem(whole),
             Contains("needs every service capability \"checkout\" requires, so it is never "
                      "up while the capability is down"));
  // Through depends_on: browsing needs web, and web (here) depends on db.
  std::string through = shop_with_fallback("0.3");
  const std::string plain_web = R"("web": {"replicas": ["web-1"]})";
  through.replace(through.find(plain_web), plain_web.size(),
                  R"("web": {"replicas": ["web-1"], "depends_on": ["db"]})");
  CHECK_THAT(first_problem(through),
             Contains("/capabilities/checkout/fallbacks/browse/requires: fallback \"browse\" needs "
                      "every service capability \"checkout\" requires (through the services it "
                      "depends on)"));
  CHECK_THAT(first_problem(web_with_flag("\"soon\"")),
             Contains("/services/web/depends_on/0/feature_flag/decide"));
  std::string no_decide = web_with_flag("\"1m\"");
  no_decide.replace(no_decide.find("\"decide\": \"1m\", "), 16, "");
  CHECK_THAT(
      first_problem(no_decide),
      Contains("/services/web/depends_on/0/feature_flag: missing required field \"decide\""));
}

// Engine behaviour: bit-identical results on 1, 2 and 8 threads, the stopping rule, warnings,
// interruption, option checks and the JSON keys.
#include <atomic>
#include <cmath>

#include "outagesim/error.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

// Zones, a region, active-passive with timed failover, scoped dependencies and capabilities.
graph::Plan rich_model() {
  Builder b;
  const int prov = b.provider("p", exponential(20000, 3));
  const int reg = b.region(prov, "r", exponential(8000, 6));
  const int z1 = b.zone(reg, "z1", exponential(3000, 4));
  const int z2 = b.zone(reg, "z2", exponential(3000, 4));
  const int w1 = b.component("web-1", z1, exponential(800, 0.5));
  const int w2 = b.component("web-2", z2, exponential(800, 0.5));
  const int d1 = b.component("db-a", z1,
                             process(model::Distribution::weibull_with_mean(0.8, 2000),
                                     model::Distribution::lognormal_with_median(1, 1)));
  const int d2 = b.component("db-b", z2, exponential(2000, 1));
  model::Failover f;
  f.detection = model::Distribution::deterministic(1.0 / 60);
  f.switchover = model::Distribution::deterministic(2.0 / 60);
  f.success_probability = 0.95;
  f.manual_recovery = model::Distribution::exponential(0.5);
  const int db = b.active_passive("db", {d1, d2}, f);
  const int web = b.service("web", {w1, w2}, 1, {model::Dependency{db, model::Scope::same_region}});
  b.capability("browse", {web}, 0.9);
  b.capability("checkout", {web, db}, 0.1);
  return b.plan();
}

nlohmann::json without_run_facts(const api::Result& r) {
  nlohmann::json j = api::to_json(r);
  j.erase("wall_seconds");
  j.erase("threads");
  return j;
}

}  // namespace

TEST_CASE("same seed, same JSON on 1, 2 and 8 threads", "[sim][repro]") {
  const graph::Plan plan = rich_model();
  for (const bool stopping : {false, true}) {
    sim::Options o = options(7, stopping ? 0.1 : 0.0, 1);
    o.replications = stopping ? 0 : 1500;
    o.start = sim::StartState::stationary;
    o.max_seconds = 0;  // no time limit: the stopping rule alone decides
    const std::string one = without_run_facts(sim::simulate(plan, o)).dump();
    o.threads = 2;
    const std::string two = without_run_facts(sim::simulate(plan, o)).dump();
    o.threads = 8;
    const api::Result r8 = sim::simulate(plan, o);
    const std::string eight = without_run_facts(r8).dump();
    CHECK(r8.threads == 8);
    CHECK(one == two);
    CHECK(one == eight);
    if (stopping) {
      CHECK(r8.stop_reason == "rel-error reached");
    } else {
      CHECK(r8.replications == 1500);
      CHECK(r8.stop_reason == "replications reached");
    }
  }
  // A different seed gives different figures.
  sim::Options a = options(1, 0.0);
  a.replications = 300;
  sim::Options b = a;
  b.seed = 2;
  CHECK(sim::simulate(plan, a).system.availability.value !=
        sim::simulate(plan, b).system.availability.value);
}

TEST_CASE("the JSON form has every key", "[sim][json]") {
  sim::Options o = options(3, 0.0);
  o.replications = 200;
  const api::Result r = sim::simulate(rich_model(), o);
  const nlohmann::json j = api::to_json(r);
  for (const char* key : {"availability",
                          "availability_ci95",
                          "weighted_availability",
                          "weighted_availability_ci95",
                          "nines",
                          "nines_ci95",
                          "downtime_minutes_per_year",
                          "downtime_minutes_per_year_ci95",
                          "incidents_per_year",
                          "incidents_per_year_ci95",
                          "mean_incident_hours",
                          "incident_duration_hours",
                          "downtime_minutes_per_year_distribution",
                          "capabilities",
                          "attribution",
                          "method",
                          "method_reason",
                          "solver",
                          "seed",
                          "replications",
                          "horizon_years",
                          "simulated_years",
                          "wall_seconds",
                          "events",
                          "threads",
                          "start",
                          "stop_reason",
                          "rel_error_target",
                          "rel_error_achieved",
                          "warnings",
                          "model",
                          "version"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  CHECK(j["availability_ci95"].size() == 2);
  CHECK(j["method"] == "mc");
  CHECK(j["replications"] == 200);
  CHECK(j["simulated_years"].get<double>() == Approx(200.0));
  for (const char* key : {"p50", "p90", "p99", "max", "count"})
    CHECK(j["incident_duration_hours"].contains(key));
  REQUIRE(j["capabilities"].contains("checkout"));
  CHECK(j["capabilities"]["checkout"]["weight"] == 0.1);
  CHECK(j["capabilities"]["checkout"].contains("nines_ci95"));
  REQUIRE(!j["attribution"].empty());
  for (const char* key : {"element", "level", "minutes_per_year", "minutes_per_year_ci95", "share",
                          "incidents_per_year"})
    CHECK(j["attribution"][0].contains(key));
  CHECK(r.events > 0);
}

TEST_CASE("a model that never fails: availability 1, nines null in JSON, a warning",
          "[sim][json]") {
  Builder b;
  const int prov = b.provider("p");
  model::FailureProcess never;
  never.never_fails = true;
  b.capability("all", {b.service("s", {b.component("c", prov, never)})});
  sim::Options o = options(1, 0.05);
  const api::Result r = sim::simulate(b.plan(), o);
  CHECK(r.system.availability.value == 1.0);
  CHECK(std::isinf(r.system.nines.value));
  CHECK(r.stop_reason == "nothing can fail");
  REQUIRE(!r.warnings.empty());
  const nlohmann::json j = api::to_json(r);
  CHECK(j["nines"].is_null());
  bool said = false;
  for (const auto& w : j["warnings"])
    said |= w.get<std::string>().find("null") != std::string::npos;
  CHECK(said);
}

TEST_CASE("too few incidents: a warning instead of a trusted interval", "[sim]") {
  Builder b;
  const int prov = b.provider("p");
  b.capability("all", {b.service("s", {b.component("c", prov, exponential(1e6, 1))})});
  sim::Options o = options(1, 0.0);
  o.replications = 20;
  const api::Result r = sim::simulate(b.plan(), o);
  REQUIRE(!r.warnings.empty());
  CHECK(r.warnings[0].find("not meaningful") != std::string::npos);
}

TEST_CASE("stopping rule: time limit, max replications, progress and cancel", "[sim]") {
  const graph::Plan plan = rich_model();
  SECTION("max replications") {
    sim::Options o = options(1, 1e-6);
    o.max_replications = 700;
    const api::Result r = sim::simulate(plan, o);
    CHECK(r.replications == 700);
    CHECK(r.stop_reason == "max-replications reached");
  }
  SECTION("time limit") {
    sim::Options o = options(1, 1e-6);
    o.max_seconds = 0.2;
    const api::Result r = sim::simulate(plan, o);
    CHECK(r.stop_reason == "max-time reached");
    CHECK(r.wall_seconds >= 0.2);
    CHECK(r.wall_seconds < 5.0);
    CHECK(!r.warnings.empty());
  }
  SECTION("progress callback stops the run") {
    sim::Options o = options(1, 1e-6);
    int calls = 0;
    std::int64_t last = 0;
    o.progress = [&](std::int64_t done, double) {
      CHECK(done > last);
      last = done;
      return ++calls < 3;
    };
    const api::Result r = sim::simulate(plan, o);
    CHECK(calls == 3);
    CHECK(r.stop_reason == "interrupted");
    CHECK(r.replications == last);
  }
  SECTION("cancel flag throws") {
    std::atomic<bool> cancel{true};
    sim::Options o = options(1, 0.01);
    o.cancel = &cancel;
    CHECK_THROWS_AS(sim::simulate(plan, o), SimulationError);
  }
  SECTION("replications is a floor under the stopping rule") {
    sim::Options o = options(1, 0.5);
    o.replications = 5000;
    const api::Result r = sim::simulate(plan, o);
    CHECK(r.replications >= 5000);
  }
  SECTION("bad options") {
    sim::Options o = options(1, 0.0);
    CHECK_THROWS_AS(sim::simulate(plan, o), SimulationError);  // nothing decides when to stop
    o.replications = 10;
    o.horizon_hours = 0;
    CHECK_THROWS_AS(sim::simulate(plan, o), SimulationError);
  }
}

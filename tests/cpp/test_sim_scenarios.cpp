// Scripted timelines with deterministic durations: each checks one rule of the failover state
// machine and of scoped dependencies exactly (downtime, incidents, attribution), by hand.
#include "test_sim_support.h"

using namespace simtest;

namespace {

model::FailureProcess fixed(double ttf, double ttr) {
  return process(model::Distribution::deterministic(ttf), model::Distribution::deterministic(ttr));
}

model::FailureProcess never() { return {}; }

model::Failover failover(double detection, double switchover, double success, double manual) {
  model::Failover f;
  f.detection = model::Distribution::deterministic(detection);
  f.switchover = model::Distribution::deterministic(switchover);
  f.success_probability = success;
  f.manual_recovery = model::Distribution::deterministic(manual);
  return f;
}

struct Observed {
  double downtime_hours;
  double incidents;  // per replication
  api::Result result;
};

Observed run(const Builder& b, double horizon) {
  sim::Options o = options(1, 0.0, 1);
  o.start = sim::StartState::all_up;  // scripted timelines start from everything up at t = 0
  o.replications = 3;
  o.horizon_hours = horizon;
  const api::Result r = sim::simulate(b.plan(), o);
  return {(1.0 - r.system.availability.value) * horizon,
          static_cast<double>(r.system.incidents_observed) / 3.0, r};
}

double charged(const api::Result& r, const std::string& element, double horizon) {
  for (const auto& row : r.attribution)
    if (row.element == element) return row.minutes_per_year / 525600.0 * horizon;
  return 0.0;
}

// An active-passive pair a (first), b; returns the builder.
Builder pair(model::FailureProcess a, model::FailureProcess b, model::Failover f) {
  Builder builder;
  const int p = builder.provider("p");
  const int ca = builder.component("a", p, a);
  const int cb = builder.component("b", p, b);
  builder.capability("all", {builder.active_passive("db", {ca, cb}, f)});
  return builder;
}

}  // namespace

TEST_CASE("scenario: failover onto the standby", "[sim][scenario]") {
  // a down [100, 110); failover 1 + 1 h: down [100, 102), then b serves.
  const Observed o = run(pair(fixed(100, 10), never(), failover(1, 1, 1.0, 0)), 150);
  CHECK(o.downtime_hours == Approx(2.0));
  CHECK(o.incidents == 1.0);
  CHECK(o.result.system.mean_incident_hours.value == Approx(2.0));
  CHECK(charged(o.result, "a", 150) == Approx(2.0));
}

TEST_CASE("scenario: the serving replica recovers before the failover completes",
          "[sim][scenario]") {
  // Failover would take 1 + 19 h; a is back at 110: service resumes on a at once.
  const Observed o = run(pair(fixed(100, 10), never(), failover(1, 19, 1.0, 0)), 150);
  CHECK(o.downtime_hours == Approx(10.0));
  CHECK(o.incidents == 1.0);
}

TEST_CASE("scenario: automatic failover fails, manual recovery", "[sim][scenario]") {
  // success_probability 0: detection 1 h + manual recovery 5 h.
  const Observed o = run(pair(fixed(100, 10), never(), failover(1, 1, 0.0, 5)), 150);
  CHECK(o.downtime_hours == Approx(6.0));
}

TEST_CASE("scenario: no healthy standby, wait for the first replica back", "[sim][scenario]") {
  // b down [95, 130), a down [100, 140). Failover completes at 102 with nobody healthy; b is
  // the first back (130) and serves at once: down [100, 130).
  const Observed o = run(pair(fixed(100, 40), fixed(95, 35), failover(1, 1, 1.0, 0)), 200);
  CHECK(o.downtime_hours == Approx(30.0));
  CHECK(o.incidents == 1.0);
  CHECK(charged(o.result, "a", 200) == Approx(30.0));
}

TEST_CASE("scenario: no failback", "[sim][scenario]") {
  // a down [100, 110), b down [150, 160). Failover to b at 102; a's return does not move the
  // service back, so b's failure at 150 is a second outage [150, 152). With failback it would
  // be 2 h in one incident.
  const Observed o = run(pair(fixed(100, 10), fixed(150, 10), failover(1, 1, 1.0, 0)), 200);
  CHECK(o.downtime_hours == Approx(4.0));
  CHECK(o.incidents == 2.0);
  CHECK(charged(o.result, "a", 200) == Approx(2.0));
  CHECK(charged(o.result, "b", 200) == Approx(2.0));
}

TEST_CASE("scenario: only the serving replica of an active-passive dependency counts",
          "[sim][scenario]") {
  // web has one replica in zone B and needs db in the same zone. db serves from a (zone A)
  // until a fails at 100 and the failover moves it to b (zone B) at 102: web is down [0, 102)
  // and up for good after (no failback). Counting every healthy db replica would give 0 h.
  Builder b;
  const int p = b.provider("p");
  const int r = b.region(p, "r");
  const int za = b.zone(r, "za");
  const int zb = b.zone(r, "zb");
  const int ca = b.component("a", za, fixed(100, 10));
  const int cb = b.component("b", zb, never());
  const int web_b = b.component("web-b", zb, never());
  const int db = b.active_passive("db", {ca, cb}, failover(1, 1, 1.0, 0));
  const int web = b.service("web", {web_b}, 1, {model::Dependency{db, model::Scope::same_zone}});
  b.capability("all", {web});
  const Observed o = run(b, 150);
  CHECK(o.downtime_hours == Approx(102.0));
  CHECK(o.incidents == 0.0);  // down from the start: no up-to-down transition
}

TEST_CASE("scenario: a region outage under a component, attribution", "[sim][scenario]") {
  // Region down [50, 55), then the component down [70, 80): two incidents, 5 h and 10 h.
  {
    Builder b;
    const int p = b.provider("p");
    const int r = b.region(p, "r", fixed(50, 5));
    b.capability("all", {b.service("s", {b.component("c", r, fixed(70, 10))})});
    const Observed o = run(b, 100);
    CHECK(o.downtime_hours == Approx(15.0));
    CHECK(o.incidents == 2.0);
    CHECK(charged(o.result, "p/r", 100) == Approx(5.0));
    CHECK(charged(o.result, "c", 100) == Approx(10.0));
  }
  // Region down [50, 55), component down [52, 62): one incident [50, 62), all charged to the
  // region, whose failure took the system down.
  {
    Builder b;
    const int p = b.provider("p");
    const int r = b.region(p, "r", fixed(50, 5));
    b.capability("all", {b.service("s", {b.component("c", r, fixed(52, 10))})});
    const Observed o = run(b, 100);
    CHECK(o.downtime_hours == Approx(12.0));
    CHECK(o.incidents == 1.0);
    CHECK(charged(o.result, "p/r", 100) == Approx(12.0));
    CHECK(charged(o.result, "c", 100) == Approx(0.0));
    REQUIRE(o.result.attribution.size() == 1);
    CHECK(o.result.attribution[0].level == "region");
  }
}

TEST_CASE("scenario: min_healthy and a scoped dependency on an active-active service",
          "[sim][scenario]") {
  // web needs 2 of its 2 replicas; each needs a cache replica in its own zone.
  // cache-a down [30, 40), cache-b down [35, 50): web-a unhealthy [30, 40), web-b [35, 50);
  // web (2 of 2) is down [30, 50) in one incident; with scope any it is down only while both
  // cache replicas are down, [35, 40).
  for (const bool scoped : {true, false}) {
    Builder b;
    const int p = b.provider("p");
    const int r = b.region(p, "r");
    const int za = b.zone(r, "za");
    const int zb = b.zone(r, "zb");
    const int cache = b.service("cache", {b.component("cache-a", za, fixed(30, 10)),
                                          b.component("cache-b", zb, fixed(35, 15))});
    const int web =
        b.service("web", {b.component("web-a", za, never()), b.component("web-b", zb, never())}, 2,
                  {model::Dependency{cache, scoped ? model::Scope::same_zone : model::Scope::any}});
    b.capability("all", {web});
    const Observed o = run(b, 60);
    CHECK(o.downtime_hours == Approx(scoped ? 20.0 : 5.0));
    CHECK(o.incidents == 1.0);
  }
}

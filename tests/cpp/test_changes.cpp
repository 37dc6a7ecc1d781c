// Bad changes and staged rollouts: rates, the loader's errors, the alternating renewal closed
// form (exact solver and simulator), and what a staged rollout buys, with common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "outagesim/api/evaluate.h"
#include "outagesim/error.h"
#include "outagesim/exact/mef.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"
#include "outagesim/sim/rare_event.h"
#include "test_sim_support.h"

using namespace simtest;
using Catch::Matchers::Contains;
using model::Distribution;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

model::Rollout at_once() { return {}; }

model::Rollout staged(std::optional<model::RolloutUnit> by, double bake_hours, int canary = 0) {
  model::Rollout r;
  r.staged = true;
  r.by = by;
  r.bake_hours = bake_hours;
  r.canary = canary;
  return r;
}

model::Changes changes(double rate_per_hour, double p, Distribution detection,
                       Distribution rollback, model::Rollout rollout) {
  model::Changes c;
  c.rate_per_hour = rate_per_hour;
  c.bad_probability = p;
  c.detection = detection;
  c.rollback = rollback;
  c.rollout = std::move(rollout);
  return c;
}

// Service "s" of one replica in each of `zones` zones (per zone `per_zone` replicas) of one
// region, every domain and component never failing unless `failure` says otherwise, with
// `min_healthy` replicas needed and the given changes.
graph::Plan zoned(const model::Changes& c, int zones, int min_healthy, int per_zone = 1,
                  model::FailureProcess failure = testing::never_fails()) {
  Builder b;
  const int p = b.provider("p");
  const int r = b.region(p, "r");
  std::vector<int> replicas;
  for (int z = 0; z < zones; ++z) {
    const int zone = b.zone(r, "z" + std::to_string(z));
    for (int i = 0; i < per_zone; ++i) {
      replicas.push_back(b.component("c" + std::to_string(z) + std::to_string(i), zone, failure));
    }
  }
  const int s = b.service("s", replicas, min_healthy);
  b.a.services[s].changes = c;
  return b.plan();
}

const api::ChangeRow& row_of(const api::Result& r, const std::string& service) {
  for (const api::ChangeRow& row : r.changes) {
    if (row.service == service) return row;
  }
  FAIL("no change row for " << service);
  return r.changes.front();
}

std::vector<Problem> problems_of(const std::string& text) {
  try {
    model::load_text(text, "<string>");
  } catch (const ModelError& e) {
    return e.problems();
  }
  FAIL("expected a ModelError for: " << text);
  return {};
}

bool has_problem(const std::vector<Problem>& problems, const std::string& path,
                 const std::string& fragment) {
  for (const Problem& p : problems) {
    if (p.path == path && p.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string listing(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += p.to_string() + "\n";
  return out;
}

// A model whose service "s" (replicas a in zone z1, b in zone z2, c placed at the region) has
// the changes object `changes` (JSON text).
std::string model_with_changes(const std::string& changes) {
  return R"({"format": "outagesim/v1",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}, "q": {}}}},
    "components": {
      "a": {"location": "p/r/z1", "failure": {"mtbf": "1y", "mttr": "1h"}},
      "b": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}},
      "c": {"location": "p/r", "failure": {"mtbf": "1y", "mttr": "1h"}}},
    "services": {"s": {"replicas": ["a", "b", "c"], "changes": )" +
         changes + "}}}";
}

// Two of the three replicas ("a", "b"), both in zones.
std::string zoned_model_with_changes(const std::string& changes) {
  return R"({"format": "outagesim/v1",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}, "q": {}}}},
    "components": {
      "a": {"location": "p/r/z1", "failure": {"mtbf": "1y", "mttr": "1h"}},
      "b": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}}},
    "services": {"s": {"replicas": ["a", "b"], "changes": )" +
         changes + "}}}";
}

}  // namespace

TEST_CASE("rates: a number, a slash and a unit", "[changes][duration]") {
  CHECK(model::parse_rate("2/w").value() == Approx(2.0 / 168.0));
  CHECK(model::parse_rate("0.5/d").value() == Approx(0.5 / 24.0));
  CHECK(model::parse_rate("3/y").value() == Approx(3.0 / 8760.0));
  CHECK(model::parse_rate("1/mo").value() == Approx(1.0 / 720.0));
  CHECK(model::parse_rate("4/h").value() == Approx(4.0));
  CHECK(model::parse_rate("0/w").value() == 0.0);
  std::string error;
  for (const char* text : {"2", "/w", "2/", "-1/w", "1e3/w", "2/W", "2/s", "2 /w", "two/w"}) {
    INFO(text);
    CHECK_FALSE(model::parse_rate(text, &error).has_value());
    CHECK_THAT(error, Contains("expected a rate"));
  }
  model::parse_rate("2", &error);
  CHECK_THAT(error, Contains("a rate needs a unit"));
  model::parse_rate("2/m", &error);
  CHECK_THAT(error, Contains("ambiguous"));
  CHECK_THAT(error, Contains("/mo"));
  model::parse_rate("-2/w", &error);
  CHECK_THAT(error, Contains("cannot be negative"));
  model::parse_rate("2/fortnight", &error);
  CHECK_THAT(error, Contains("unknown rate unit \"fortnight\""));

  CHECK(model::format_rate(2.0 / 168.0) == "2/w");
  CHECK(model::format_rate(0.5 / 24.0) == "3.5/w");
  CHECK(model::format_rate(1.0 / 720.0) == "1/mo");
  CHECK(model::format_rate(3.0 / 8760.0) == "3/y");
  CHECK(model::format_rate(6.0) == "6/h");
  CHECK(model::format_rate(0.0) == "0/y");
}

TEST_CASE("the loader reads changes, resolves the rollout order and forms the waves",
          "[changes][loader]") {
  model::LoadOptions options;
  options.catalog_dir = SOURCE + "/models/catalog";
  const model::Architecture a =
      model::load_file(SOURCE + "/tests/models/good/changes.json", options);
  const model::Service& api = a.services[a.find_service("api")];
  REQUIRE(api.changes.has_value());
  CHECK(api.changes->rate_per_hour == Approx(2.0 / 168.0));
  CHECK(api.changes->bad_probability == 0.02);
  CHECK(api.changes->detection.is_exponential());
  CHECK(api.changes->detection.mean == Approx(1.0 / 3.0));
  CHECK(api.changes->rollback.mean == Approx(0.25));
  const model::Rollout& rollout = api.changes->rollout;
  CHECK(rollout.staged);
  REQUIRE(rollout.by.has_value());
  CHECK(*rollout.by == model::RolloutUnit::region);
  CHECK(rollout.bake_hours == 1.0);
  CHECK(rollout.canary == 1);
  // The order names us-west-2 first; us-east-1 follows. The canary is the first replica in that
  // order (api-3), which leaves us-west-2 no second wave.
  REQUIRE(rollout.order.size() == 2);
  CHECK(a.domains[rollout.order[0]].path == "aws/us-west-2");
  CHECK(a.domains[rollout.order[1]].path == "aws/us-east-1");
  CHECK(rollout.waves == std::vector<std::vector<int>>{{2}, {0, 1}});
  CHECK(model::describe_rollout(a, a.find_service("api")) ==
        "canary of 1 replica, then one region at a time, 1h bake");

  const model::Service& db = a.services[a.find_service("db")];
  REQUIRE(db.changes.has_value());
  CHECK_FALSE(db.changes->rollout.staged);
  CHECK(db.changes->rollout.waves == std::vector<std::vector<int>>{{0, 1}});
  CHECK(model::describe_rollout(a, a.find_service("db")) == "all at once");
  const model::FailureProcess bad = db.changes->bad_change_process();
  CHECK(bad.ttf.is_exponential());
  CHECK(bad.ttf.mean == Approx(720.0 / 0.05));
  CHECK(bad.ttr.mean == Approx(35.0 / 60.0));
  CHECK(bad.availability() == Approx(1.0 / (1.0 + 0.05 / 720.0 * 35.0 / 60.0)));

  // The plan: one change element per service, after the components; all at once it supports
  // every replica, staged its first wave only.
  const graph::Plan plan = graph::build_plan(a);
  REQUIRE(plan.change_count == 2);
  CHECK(plan.change_begin == plan.domain_count + plan.component_count);
  CHECK(plan.element_count() == plan.domain_count + plan.component_count + 2);
  const int api_change = plan.change_element(0);
  const int db_change = plan.change_element(1);
  CHECK(plan.element_kind[api_change] == graph::ElementKind::change);
  CHECK(plan.element_name[api_change] == "api");
  CHECK(plan.element_name[db_change] == "db");
  CHECK(std::string(graph::to_string(plan.element_kind[db_change])) == "change");
  auto supports = [&](int element, const std::string& component) {
    const int c = a.find_component(component);
    for (const int* e = plan.component_support.begin(c); e != plan.component_support.end(c); ++e)
      if (*e == element) return true;
    return false;
  };
  CHECK(supports(api_change, "api-3"));
  CHECK_FALSE(supports(api_change, "api-1"));
  CHECK(supports(db_change, "db-a"));
  CHECK(supports(db_change, "db-b"));
  REQUIRE(plan.change_wave_begin == std::vector<int>{0, 2, 3});
  CHECK(std::vector<int>(plan.change_waves.begin(1), plan.change_waves.end(1)) ==
        std::vector<int>{a.find_component("api-1"), a.find_component("api-2")});
}

TEST_CASE("a rollout by zone without an order follows the replicas; a canary goes first",
          "[changes][loader]") {
  const model::Architecture a = model::load_text(
      R"({"format": "outagesim/v1",
          "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}, "z3": {}}}}}},
          "components": {
            "a": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "b": {"location": "p/r/z1", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "c": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "d": {"location": "p/r/z3", "failure": {"mtbf": "1y", "mttr": "1h"}}},
          "services": {"s": {"replicas": ["a", "b", "c", "d"], "changes": {
            "rate": "1/d", "bad_probability": 0.1, "detection": "10m", "rollback": "5m",
            "rollout": {"by": "zone", "bake": "30m", "canary": 1, "order": ["z3"]}}}}})",
      "<string>");
  // z3 first (ordered), then z2 and z1 as the replicas name them; canary d.
  CHECK(a.services[0].changes->rollout.waves == std::vector<std::vector<int>>{{3}, {0, 2}, {1}});
  const model::Architecture plain = model::load_text(
      R"({"format": "outagesim/v1",
          "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
          "components": {
            "a": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "b": {"location": "p/r/z1", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "c": {"location": "p/r/z2", "failure": {"mtbf": "1y", "mttr": "1h"}}},
          "services": {"s": {"replicas": ["a", "b", "c"], "changes": {
            "rate": "1/d", "bad_probability": 0.1, "detection": "10m", "rollback": "5m",
            "rollout": {"canary": 2, "bake": "30m"}}}}})",
      "<string>");
  // No unit: the canary, then the rest at once.
  CHECK(plain.services[0].changes->rollout.waves == std::vector<std::vector<int>>{{0, 1}, {2}});
  CHECK(model::describe_rollout(plain, 0) == "canary of 2 replicas, then the rest, 30m bake");
}

TEST_CASE("bad changes input: each problem with its path, what was found and expected",
          "[changes][loader][hostile]") {
  const std::string ok_tail = R"(, "bad_probability": 0.1, "detection": "10m", "rollback": "5m"})";
  struct Case {
    std::string changes;
    std::string path;
    std::string fragment;
    bool zoned = false;
  };
  const std::vector<Case> cases{
      {R"({"rate": "2")" + ok_tail, "/services/s/changes/rate", "a rate needs a unit"},
      {R"({"rate": 2)" + ok_tail, "/services/s/changes/rate",
       "expected a rate string with a unit (h, d, w, mo, y) such as \"2/w\", found 2"},
      {R"({"rate": "2/m")" + ok_tail, "/services/s/changes/rate", "ambiguous"},
      {R"({"rate": "3/fortnight")" + ok_tail, "/services/s/changes/rate",
       "unknown rate unit \"fortnight\""},
      {R"({"rate": "-1/w")" + ok_tail, "/services/s/changes/rate", "cannot be negative"},
      {R"({"rate": "1/w", "bad_probability": 1.5, "detection": "1m", "rollback": "1m"})",
       "/services/s/changes/bad_probability", "between 0 and 1, found 1.5"},
      {R"({"rate": "1/w", "bad_probability": -0.1, "detection": "1m", "rollback": "1m"})",
       "/services/s/changes/bad_probability", "between 0 and 1, found -0.1"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m"})", "/services/s/changes",
       "missing required field \"rollback\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "0s"})",
       "/services/s/changes/rollback", "expected a duration greater than zero"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": 5, "rollback": "1m"})",
       "/services/s/changes/detection", "found 5"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rolout": "all_at_once"})",
       "/services/s/changes/rolout", "did you mean 'rollout'?"},
      {R"({"rate": "0.000001/y", "bad_probability": 0.0001, "detection": "1m",
           "rollback": "1m"})",
       "/services/s/changes", "beyond the usable range"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": "staged"})",
       "/services/s/changes/rollout", "unknown rollout \"staged\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "rack", "bake": "1h"}})",
       "/services/s/changes/rollout/by", "unknown rollout unit \"rack\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "region", "bake": "-1h"}})",
       "/services/s/changes/rollout/bake", "a duration cannot be negative"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "region"}})",
       "/services/s/changes/rollout", "missing required field \"bake\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"bake": "1h"}})",
       "/services/s/changes/rollout", "needs \"by\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"canary": 1, "bake": "1h", "order": ["z1"]}})",
       "/services/s/changes/rollout/order", "needs \"by\""},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"canary": 0.5, "bake": "1h"}})",
       "/services/s/changes/rollout/canary", "a number of canary replicas >= 1, found 0.5"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "zone", "bake": "1h"}})",
       "/services/s/changes/rollout/by",
       "replica \"c\" of service \"s\" is placed at \"p/r\", which is in no zone"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "zone", "bake": "1h", "order": ["z3"]}})",
       "/services/s/changes/rollout/order/0",
       "the rollout order names zone \"z3\", which no replica of service \"s\" is in; did you mean "
       "'z1'? expected one of the zones its replicas are in: z1, z2",
       true},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "zone", "bake": "1h", "order": ["r"]}})",
       "/services/s/changes/rollout/order/0", "(\"r\" is a region, and the rollout goes by zone)",
       true},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "zone", "bake": "1h", "order": ["z2", "p/r/z2"]}})",
       "/services/s/changes/rollout/order/1", "listed twice", true},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"by": "region", "bake": "1h", "order": ["q"]}})",
       "/services/s/changes/rollout/order/0", "which no replica of service \"s\" is in"},
      {R"({"rate": "1/w", "bad_probability": 0.1, "detection": "1m", "rollback": "1m",
           "rollout": {"canary": 2, "bake": "1h"}})",
       "/services/s/changes/rollout/canary",
       "a canary of 2 replicas is the whole of service \"s\" (2 replicas)", true},
      {"[1, 2]", "/services/s/changes", "expected a changes object"},
  };
  for (const Case& c : cases) {
    const std::string text =
        c.zoned ? zoned_model_with_changes(c.changes) : model_with_changes(c.changes);
    const std::vector<Problem> problems = problems_of(text);
    INFO(c.changes << "\n" << listing(problems));
    CHECK(has_problem(problems, c.path, c.fragment));
  }
  // Every problem of one changes object at once.
  const std::vector<Problem> several = problems_of(model_with_changes(
      R"({"rate": "2", "bad_probability": 2, "detection": "1m", "rollback": "1m",
          "rollout": {"by": "rack", "bake": "1h"}})"));
  INFO(listing(several));
  CHECK(has_problem(several, "/services/s/changes/rate", "a rate needs a unit"));
  CHECK(has_problem(several, "/services/s/changes/bad_probability", "between 0 and 1"));
  CHECK(has_problem(several, "/services/s/changes/rollout/by", "unknown rollout unit"));
}

TEST_CASE(
    "bad changes rolled out at once: the alternating renewal closed form, exact and "
    "simulated",
    "[changes][exact][sim][agreement]") {
  // A change a day, one in ten bad (0.1 / 24 an hour); detected 30 minutes after reaching the
  // replicas and rolled back in an exponential hour. Three replicas
  // that never fail otherwise, one of them needed: the service is down exactly while a bad
  // change is in flight.
  const double bad_rate = 0.1 / 24.0;
  const double episode = 0.5 + 1.0;
  const model::Changes c = changes(1.0 / 24.0, 0.1, Distribution::deterministic(0.5),
                                   Distribution::exponential(1.0), at_once());
  const graph::Plan plan = zoned(c, 3, 1);
  const double availability = 1.0 / (1.0 + bad_rate * episode);
  const double incidents = bad_rate / (1.0 + bad_rate * episode) * 8760.0;

  const exact::Applicability app = exact::check(plan);
  REQUIRE(app.possible);
  CHECK(app.solver == "bdd");
  const api::Result e = exact::solve(plan);
  CHECK(e.system.availability.value == Approx(availability).epsilon(1e-12));
  CHECK(e.system.incidents_per_year.value == Approx(incidents).epsilon(1e-12));
  CHECK(e.system.mean_incident_hours.value == Approx(episode).epsilon(1e-12));
  REQUIRE(e.attribution.size() == 1);
  CHECK(e.attribution[0].element == "s");
  CHECK(e.attribution[0].level == "change");
  const api::ChangeRow& exact_row = row_of(e, "s");
  CHECK(exact_row.rollout == "all at once");
  CHECK(exact_row.waves == 1);
  CHECK(exact_row.replicas == 3);
  CHECK(exact_row.bad_changes_per_year.value == Approx(incidents).epsilon(1e-12));
  CHECK(exact_row.replica_outage_minutes_per_year.value ==
        Approx(3.0 * (1.0 - availability) * 525600.0).epsilon(1e-12));

  const api::Result r = sim::simulate(plan, options(31, 0.02));
  report("changes at once A", r.system.availability, availability);
  report("changes at once incidents/yr", r.system.incidents_per_year, incidents);
  check_covers(r.system.availability, availability, "availability");
  check_covers(r.system.incidents_per_year, incidents, "incidents per year");
  check_covers(r.system.mean_incident_hours, episode, "mean incident hours");
  REQUIRE(r.attribution.size() == 1);
  CHECK(r.attribution[0].element == "s");
  CHECK(r.attribution[0].level == "change");
  const api::ChangeRow& row = row_of(r, "s");
  CHECK(row.waves == 1);
  check_covers(row.bad_changes_per_year, incidents, "bad changes per year");
  check_covers(row.replica_outage_minutes_per_year, 3.0 * (1.0 - availability) * 525600.0,
               "replica-outage minutes per year");
  // Each replica is down exactly while the service is: three replicas, three times the downtime.
  CHECK(row.replica_outage_minutes_per_year.value ==
        Approx(3.0 * r.system.downtime_minutes_per_year.value).epsilon(1e-9));
}

TEST_CASE("bad changes beside failing replicas: BDD against enumeration and the simulator",
          "[changes][exact][sim][agreement]") {
  // Two replicas (MTTF 500 h, MTTR 5 h) in two zones, one needed, and bad changes at once:
  // up = no bad change in flight and (a up or b up).
  const model::Changes c = changes(1.0 / 48.0, 0.2, Distribution::lognormal_with_median(0.3, 1.0),
                                   Distribution::weibull_with_mean(2.0, 0.7), at_once());
  const graph::Plan plan = zoned(c, 2, 1, 1, exponential(500.0, 5.0));
  const double bad_mttf = 1.0 / (1.0 / 48.0 * 0.2);
  const double episode = c.detection.mean + c.rollback.mean;
  const Exact x = enumerate({bad_mttf, 500.0, 500.0}, {episode, 5.0, 5.0},
                            [](std::uint32_t s) { return (s & 1u) && (s & 6u); });
  const api::Result e = exact::solve(plan);
  CHECK(e.solver == "bdd");
  CHECK(e.system.availability.value == Approx(x.availability).epsilon(1e-12));
  CHECK(e.system.incidents_per_year.value == Approx(x.incidents_per_year).epsilon(1e-12));

  const api::Result r = sim::simulate(plan, options(32, 0.02));
  report("changes + replicas A", r.system.availability, x.availability);
  check_covers(r.system.availability, x.availability, "availability");
  check_covers(r.system.incidents_per_year, x.incidents_per_year, "incidents per year");
}

TEST_CASE("bad changes under a timed failover: the Markov chain, and when it does not apply",
          "[changes][exact][ctmc][sim][agreement]") {
  // Detected at once and rolled back in an exponential time: the episode is exponential, so the
  // chain is exact; a detection delay makes it a sum of two delays, which the chain refuses.
  auto build = [](Distribution detection) {
    Builder b;
    const int region = b.region(b.provider("p"), "r");
    const int z1 = b.zone(region, "z1");
    const int z2 = b.zone(region, "z2");
    const int a = b.component("a", z1, exponential(400.0, 4.0));
    const int c = b.component("b", z2, exponential(400.0, 4.0));
    model::Failover f;
    f.detection = Distribution::exponential(0.05);
    f.switchover = Distribution::exponential(0.1);
    const int s = b.active_passive("s", {a, c}, f);
    b.a.services[s].changes =
        changes(1.0 / 24.0, 0.1, detection, Distribution::exponential(1.0), at_once());
    return b.plan();
  };
  const graph::Plan plan = build(Distribution::deterministic(0.0));
  const exact::Applicability app = exact::check(plan);
  REQUIRE(app.possible);
  CHECK(app.solver == "ctmc");
  const api::Result e = exact::solve(plan);
  const api::Result r = sim::simulate(plan, options(33, 0.02));
  report("changes + failover (ctmc) A", r.system.availability, e.system.availability.value);
  check_covers(r.system.availability, e.system.availability.value, "availability");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value, "incidents");
  const api::ChangeRow& row = row_of(e, "s");
  check_covers(row_of(r, "s").bad_changes_per_year, row.bad_changes_per_year.value,
               "bad changes per year");

  const exact::Applicability refused = exact::check(build(Distribution::deterministic(0.5)));
  CHECK_FALSE(refused.possible);
  CHECK_THAT(refused.reason, Contains("change s: a bad change is down for its detection"));
  CHECK_THAT(refused.reason, Contains("not exponential"));
}

TEST_CASE("staged rollout against all at once, with common random numbers",
          "[changes][sim][staged]") {
  // Two replicas in two zones, one needed, never failing otherwise; a bad change every two
  // days on average, detected after an exponential hour, rolled back in 30 minutes; staged: one
  // zone at a time, 1 h bake. With L = D + R and b the bake, per bad change:
  //   all at once: the service is down L, two replicas for L each;
  //   staged: the second zone is reached only when D > b, and the service is down only then,
  //   for L - b; the replicas are down L + (L - b) 1{D > b}.
  // With D exponential (mean 1 h): E[(L - b) 1{D > b}] = P(D > b) (E[D - b | D > b] + R)
  //   = e^-1 (1 + 0.5). Bad changes in flight start at lambda' = bad rate / (1 + bad rate E[L]).
  const double bad_rate = 1.0 / 48.0, bake = 1.0, rollback = 0.5;
  const double mean_episode = 1.0 + rollback;
  const double lambda = bad_rate / (1.0 + bad_rate * mean_episode);  // per hour
  const double tail = std::exp(-bake) * (1.0 + rollback);
  auto plan_with = [&](model::Rollout rollout) {
    return zoned(changes(1.0 / 24.0, 0.5, Distribution::exponential(1.0),
                         Distribution::deterministic(rollback), std::move(rollout)),
                 2, 1);
  };
  const graph::Plan once = plan_with(at_once());
  const graph::Plan waves = plan_with(staged(model::RolloutUnit::zone, bake));
  REQUIRE(waves.change_wave_begin == std::vector<int>{0, 2});

  sim::Options o = options(41, 0.0);
  o.replications = 600;
  o.per_element_streams = true;  // as every evaluation runs: the change has its own stream
  const api::Result a = sim::simulate(once, o);
  const api::Result s = sim::simulate(waves, o);
  const api::ChangeRow& a_row = row_of(a, "s");
  const api::ChangeRow& s_row = row_of(s, "s");
  WARN("all at once: " << a.system.downtime_minutes_per_year.value << " min/yr ["
                       << a.system.downtime_minutes_per_year.lo << ", "
                       << a.system.downtime_minutes_per_year.hi << "], replica-outage "
                       << a_row.replica_outage_minutes_per_year.value
                       << " min/yr; staged: " << s.system.downtime_minutes_per_year.value << " ["
                       << s.system.downtime_minutes_per_year.lo << ", "
                       << s.system.downtime_minutes_per_year.hi << "], replica-outage "
                       << s_row.replica_outage_minutes_per_year.value << " min/yr; seed 41, "
                       << o.replications << " replications of 1 y");
  // The same bad changes in both runs, to the bit: waves draw no random number.
  CHECK(s_row.bad_changes_per_year.value == a_row.bad_changes_per_year.value);
  CHECK(s_row.bad_changes_per_year.lo == a_row.bad_changes_per_year.lo);
  CHECK(s.events > a.events);  // the second waves are events of their own
  // Fewer replica-outage minutes and less downtime, staged.
  CHECK(s_row.replica_outage_minutes_per_year.value < a_row.replica_outage_minutes_per_year.value);
  CHECK(s.system.downtime_minutes_per_year.hi < a.system.downtime_minutes_per_year.lo);
  CHECK(s.system.incidents_per_year.hi < a.system.incidents_per_year.lo);

  // Both against their closed forms.
  check_covers(a.system.unavailability, lambda * mean_episode, "at once unavailability");
  check_covers(s.system.unavailability, lambda * tail, "staged unavailability");
  check_covers(s.system.incidents_per_year, lambda * std::exp(-bake) * 8760.0,
               "staged incidents per year");
  check_covers(s_row.replica_outage_minutes_per_year, lambda * (mean_episode + tail) * 525600.0,
               "staged replica-outage minutes per year");
  check_covers(a_row.replica_outage_minutes_per_year, lambda * 2.0 * mean_episode * 525600.0,
               "at once replica-outage minutes per year");
  check_covers(s_row.bad_changes_per_year, lambda * 8760.0, "bad changes per year");
}

TEST_CASE("staged blast radius: detected before the bake ends, only the first wave is hit",
          "[changes][sim][staged]") {
  // Detection (30 m) always comes before the second wave (1 h): the second zone is never
  // reached. A service that needs one of its two zones never goes down; all at once it does.
  auto plan_with = [](model::Rollout rollout, int min_healthy, int per_zone = 1) {
    return zoned(changes(1.0 / 12.0, 0.5, Distribution::deterministic(0.5),
                         Distribution::deterministic(0.25), std::move(rollout)),
                 2, min_healthy, per_zone);
  };
  sim::Options o = options(42, 0.0);
  o.replications = 200;
  o.per_element_streams = true;
  const api::Result staged_one =
      sim::simulate(plan_with(staged(model::RolloutUnit::zone, 1.0), 1), o);
  const api::Result once_one = sim::simulate(plan_with(at_once(), 1), o);
  CHECK(staged_one.system.incidents_observed == 0);
  CHECK(staged_one.system.unavailability.value == 0.0);
  CHECK(staged_one.system.availability.value == 1.0);
  CHECK(once_one.system.incidents_observed > 1000);
  // The same bad changes reach one replica instead of two, over the same intervals (the
  // durations are fixed, and a change cut by the horizon is cut alike): exactly half.
  CHECK(row_of(staged_one, "s").replica_outage_minutes_per_year.value ==
        Approx(0.5 * row_of(once_one, "s").replica_outage_minutes_per_year.value).epsilon(1e-12));
  CHECK(row_of(staged_one, "s").bad_changes_per_year.value ==
        row_of(once_one, "s").bad_changes_per_year.value);

  // Needing both zones, every bad change is an incident of exactly detection + rollback.
  const api::Result staged_both =
      sim::simulate(plan_with(staged(model::RolloutUnit::zone, 1.0), 2), o);
  REQUIRE(staged_both.system.incidents_observed > 1000);
  CHECK(staged_both.system.incident_duration_hours.max == Approx(0.75).epsilon(1e-9));
  CHECK(staged_both.system.incident_duration_hours.p50 == Approx(0.75).epsilon(0.01));
  const double lambda = (1.0 / 24.0) / (1.0 + 0.75 / 24.0);
  check_covers(staged_both.system.unavailability, lambda * 0.75, "staged, both needed");

  // A canary of one replica, then the zones: with four replicas and detection before the bake
  // ends, the canary alone is hit, a quarter of what all at once takes.
  const api::Result canary =
      sim::simulate(plan_with(staged(model::RolloutUnit::zone, 1.0, 1), 1, 2), o);
  const api::Result canary_once = sim::simulate(plan_with(at_once(), 1, 2), o);
  CHECK(canary.system.incidents_observed == 0);
  CHECK(row_of(canary, "s").waves == 3);
  CHECK(
      row_of(canary, "s").replica_outage_minutes_per_year.value ==
      Approx(0.25 * row_of(canary_once, "s").replica_outage_minutes_per_year.value).epsilon(1e-12));
}

TEST_CASE("staged rollout: the stationary start is unbiased on a short horizon",
          "[changes][sim][staged][start]") {
  // A bad change every two hours, so a 10-hour horizon is a few of them: a start state off its
  // long-run law (no change in flight, or the wrong waves reached) would show. Closed forms as
  // in "staged rollout against all at once".
  const double bad_rate = 0.5, bake = 1.0, rollback = 0.5;
  const double lambda = bad_rate / (1.0 + bad_rate * (1.0 + rollback));
  const double tail = std::exp(-bake) * (1.0 + rollback);
  const graph::Plan plan =
      zoned(changes(1.0, bad_rate, Distribution::exponential(1.0),
                    Distribution::deterministic(rollback), staged(model::RolloutUnit::zone, bake)),
            2, 1);
  sim::Options o = options(43, 0.0);
  o.replications = 40000;
  o.horizon_hours = 10.0;
  o.per_element_streams = true;
  const api::Result r = sim::simulate(plan, o);
  CHECK(r.warmup_years == 0.0);  // the change process starts in its long-run state: no warm-up
  report("staged, 10 h horizon, U", r.system.unavailability, lambda * tail);
  check_covers(r.system.unavailability, lambda * tail, "unavailability");
  check_covers(r.system.incidents_per_year, lambda * std::exp(-bake) * 8760.0, "incidents");
  check_covers(row_of(r, "s").replica_outage_minutes_per_year,
               lambda * (1.0 + rollback + tail) * 525600.0, "replica-outage minutes per year");
}

TEST_CASE("staged rollout: the same seed gives the same figures on any thread count",
          "[changes][sim][staged][threads]") {
  const graph::Plan plan = zoned(changes(1.0 / 24.0, 0.3, Distribution::exponential(1.0),
                                         Distribution::lognormal_with_median(0.5, 0.8),
                                         staged(model::RolloutUnit::zone, 0.5, 1)),
                                 3, 2, 2, exponential(300.0, 3.0));
  sim::Options o = options(44, 0.0, 1);
  o.replications = 300;
  o.per_element_streams = true;
  const api::Result one = sim::simulate(plan, o);
  o.threads = 2;
  const api::Result two = sim::simulate(plan, o);
  CHECK(one.system.unavailability.value == two.system.unavailability.value);
  CHECK(one.system.incidents_per_year.value == two.system.incidents_per_year.value);
  CHECK(row_of(one, "s").replica_outage_minutes_per_year.value ==
        row_of(two, "s").replica_outage_minutes_per_year.value);
  CHECK(one.events == two.events);
}

TEST_CASE(
    "staged rollouts have no exact answer: check, auto, MEF, analyze and rare events say "
    "why",
    "[changes][exact][staged]") {
  const graph::Plan plan =
      zoned(changes(1.0 / 24.0, 0.1, Distribution::deterministic(0.5),
                    Distribution::deterministic(0.25), staged(model::RolloutUnit::zone, 1.0)),
            2, 1, 1, exponential(500.0, 5.0));
  const exact::Applicability app = exact::check(plan);
  CHECK_FALSE(app.possible);
  CHECK_THAT(app.reason, Contains("service s rolls its changes out in 2 waves (one zone at a "
                                  "time, 1h bake)"));
  CHECK_THAT(app.reason, Contains("Monte Carlo"));
  CHECK_THROWS_AS(exact::solve(plan), ExactNotApplicable);
  CHECK_THROWS_WITH(exact::to_open_psa_mef(plan), Contains("rolls its changes out in 2 waves"));

  api::EvaluateOptions eo;
  eo.simulation = options(45, 0.1);
  const api::Evaluation ev = api::evaluate(plan, eo);
  CHECK(ev.result.method == "mc");
  CHECK_THAT(ev.result.method_reason,
             Contains("auto chose Monte Carlo, since no exact answer exists: service s rolls"));
  REQUIRE(ev.result.changes.size() == 1);
  CHECK(ev.result.changes[0].rollout == "one zone at a time, 1h bake");
  CHECK(ev.result.changes[0].waves == 2);

  const exact::Analysis an = exact::analyze(plan, 5);
  CHECK(an.result.method == "bound");
  CHECK_THAT(an.result.method_reason, Contains("reach only their rollout's first wave"));
  CHECK(an.result.changes.empty());  // no exact change figures for a staged rollout
  // The bound counts the first wave only; here detection (30 m) always comes before the second
  // wave (1 h), so the first wave is all a bad change reaches and the bound is the answer.
  check_covers(ev.result.system.availability, an.result.system.availability.value,
               "simulated against the first-wave bound");

  const sim::RareEventCheck rare = sim::check_rare_event(plan);
  CHECK_FALSE(rare.applies);
  CHECK_THAT(rare.reason, Contains("service s has bad changes"));

  // All at once, the change is a basic event of the fault tree.
  const graph::Plan once = zoned(changes(1.0 / 24.0, 0.1, Distribution::deterministic(0.5),
                                         Distribution::deterministic(0.25), at_once()),
                                 2, 1, 1, exponential(500.0, 5.0));
  CHECK_THAT(exact::to_open_psa_mef(once), Contains("<define-basic-event name=\"change_s\">"));
  const exact::Analysis once_analysis = exact::analyze(once, 5);
  CHECK(once_analysis.result.method == "exact");
  bool named = false;
  for (const exact::CutSet& cut : once_analysis.cut_sets) {
    named = named || cut.description == "change s down";
  }
  CHECK(named);
}

TEST_CASE("a hand-built architecture gets its waves from the plan, and a wrong one is refused",
          "[changes][plan]") {
  Builder b;
  const int p = b.provider("p");
  const int r = b.region(p, "r");
  const int c = b.component("c", r, exponential(100.0, 1.0));
  const int d = b.component("d", b.zone(r, "z"), exponential(100.0, 1.0));
  const int s = b.service("s", {c, d});
  b.a.services[s].changes =
      changes(1.0, 0.1, Distribution::deterministic(0.1), Distribution::deterministic(0.1),
              staged(model::RolloutUnit::zone, 1.0));
  try {
    b.plan();
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].path == "/services/s/changes/rollout/by");
    CHECK_THAT(e.problems()[0].message, Contains("\"c\" of service \"s\" is placed at \"p/r\""));
  }
  b.a.services[s].changes->rollout.by = model::RolloutUnit::region;
  CHECK(b.plan().change_wave_begin == std::vector<int>{0, 1});
  b.a.services[s].changes->rollout.waves = {{0}, {0}};
  CHECK_THROWS_WITH(b.plan(), Contains("do not reach every replica exactly once"));
}

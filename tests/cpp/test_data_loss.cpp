// Data loss (docs/numbers.md#data-loss) against closed forms derived by hand: what failovers lose
// under async and sync replication, what corruption restores lose with and without point-in-time
// recovery, the unrecoverable share when detection outlasts the retention, and how often the
// recovery objectives are missed. Also: declaring data changes no availability figure, the
// figures do not depend on the thread count, and bad data blocks are precise errors.
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
constexpr double LAMBDA = 1.0 / 1000.0, MU = 1.0 / 10.0;  // each replica: exponential
constexpr double A = MU / (LAMBDA + MU);                  // a replica is up

// Two replicas in two zones that never fail, an instant failover (active_passive) or
// active_active, and the service's "data" block; `extra` is appended to the top level.
std::string two_replicas(const std::string& mode, const std::string& data,
                         const std::string& extra = "") {
  const std::string redundancy =
      mode == "active_passive"
          ? R"({"mode": "active_passive", "failover": {"detection": "0s", "switchover": "0s"}})"
          : R"({"mode": "active_active", "min_healthy": 1})";
  return R"({"format": "outagesim/v1", "name": "data",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}, "b": {}}}}}},
    "components": {
      "db-a": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
      "db-b": {"location": "p/r/b", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"db": {"replicas": ["db-a", "db-b"], "redundancy": )" +
         redundancy + (data.empty() ? "" : R"(, "data": )" + data) + "}}" + extra + "}";
}

// One replica that never fails in practice, with backups and a corruption.
std::string corrupted(const std::string& backups, const std::string& extra = "") {
  return R"({"format": "outagesim/v1", "name": "corrupted",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}}}}}},
    "components": {"db": {"location": "p/r/a", "failure": {"mtbf": "1000000y", "mttr": "1h"}}},
    "services": {"db": {"replicas": ["db"], "data": {
      "backups": )" +
         backups + R"(,
      "corruption": {"mtbf": "720h", "detect": {"distribution": "exponential", "mean": "48h"}}}}})" +
         extra + "}";
}

const api::DataLossCause* cause(const api::DataRow& row, const std::string& name) {
  for (const api::DataLossCause& c : row.causes)
    if (c.cause == name) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("async failover: in-step takeovers lose the lag, stale ones the other replica's outage",
          "[data]") {
  // With an instant failover the writer fails while the other replica is up (probability a^2
  // of both up) at rate lambda a^2: an in-step takeover losing E[lag] = 0.5 min. It fails while
  // the other is down (2a(1-a), either replica writing) at rate 2 lambda a (1-a); the other comes
  // back first half the time, lacking the writes since it went down: 1/mu on average.
  const graph::Plan plan = plan_of(two_replicas("active_passive", R"({"replication": "async",
        "lag": {"distribution": "exponential", "mean": "30s"}})"));
  const api::Result r = sim::simulate(plan, options(11, 0.03));
  REQUIRE(r.data.size() == 1);
  const api::DataRow& row = r.data[0];
  const double in_step = LAMBDA * A * A * HOURS_PER_YEAR;
  const double stale = LAMBDA * A * (1.0 - A) * HOURS_PER_YEAR;
  const api::DataLossCause* async = cause(row, "async failover");
  const api::DataLossCause* behind = cause(row, "failover to a stale replica");
  REQUIRE(async);
  REQUIRE(behind);
  check_covers(async->events_per_year, in_step, "in-step takeovers a year");
  check_covers(async->minutes_per_year, in_step * 0.5, "minutes lost to the lag a year");
  check_covers(behind->events_per_year, stale, "stale takeovers a year");
  check_covers(behind->minutes_per_year, stale * 60.0 / MU, "minutes lost to stale takeovers");
  check_covers(row.loss_events_per_year, in_step + stale, "loss events a year");
  CHECK(row.restores_per_year.value == 0.0);
  // A year has a loss unless no failover happens: P(none) is tiny at ~8.6 a year.
  CHECK(row.p_loss_in_a_year.value > 0.99);
}

TEST_CASE("sync failover: an in-step takeover loses nothing, a stale one what it lacks", "[data]") {
  const graph::Plan plan = plan_of(two_replicas("active_passive", R"({"replication": "sync"})"));
  const api::Result r = sim::simulate(plan, options(12, 0.04));
  REQUIRE(r.data.size() == 1);
  const api::DataRow& row = r.data[0];
  CHECK(cause(row, "async failover") == nullptr);
  const double stale = LAMBDA * A * (1.0 - A) * HOURS_PER_YEAR;
  check_covers(row.loss_events_per_year, stale, "stale takeovers a year");
  check_covers(row.minutes_lost_per_year, stale * 60.0 / MU, "minutes lost a year");
}

TEST_CASE("a replica's own rule: an async replica beside a synchronous one", "[data]") {
  // The model is symmetric, so each replica is the writer half the time when both are up: the
  // in-step takeovers that go to db-b (async) are half of lambda a^2; those to db-a lose
  // nothing.
  const graph::Plan plan = plan_of(
      two_replicas("active_passive", R"({"replication": "sync", "replicas": {"db-b": {"replication":
        "async", "lag": {"distribution": "exponential", "mean": "30s"}}}})"));
  const api::Result r = sim::simulate(plan, options(19, 0.03));
  const api::DataLossCause* async = cause(r.data.at(0), "async failover");
  REQUIRE(async);
  const double to_b = LAMBDA * A * A * HOURS_PER_YEAR / 2.0;
  check_covers(async->events_per_year, to_b, "in-step takeovers by db-b a year");
  check_covers(async->minutes_per_year, to_b * 0.5, "minutes lost to db-b's lag a year");
  CHECK_THAT(first_problem(two_replicas("active_passive", R"({"replication": "sync",
               "replicas": {"db-c": {"replication": "async", "lag": "1s"}}})")),
             Contains("/services/db/data/replicas/db-c: no replica \"db-c\" in service \"db\"; "
                      "did you mean 'db-a'?"));
}

TEST_CASE("a standby restored from backups loses the age of the last backup", "[data]") {
  // db-b takes over whenever db-a writes and fails with db-b up or, db-b down, db-b is back
  // first: lambda a / 2 an hour by symmetry; each loses the age of the last daily backup, 12 h on
  // average.
  const graph::Plan plan = plan_of(
      two_replicas("active_passive", R"({"replication": "sync", "replicas": {"db-b": {"replication":
        "backup"}}, "backups": {"interval": "24h", "retention": "7d", "restore": "1h"}})"));
  const api::Result r = sim::simulate(plan, options(20, 0.03));
  const api::DataLossCause* restored =
      cause(r.data.at(0), "failover to a replica restored from backup");
  REQUIRE(restored);
  const double to_b = LAMBDA * A / 2.0 * HOURS_PER_YEAR;
  check_covers(restored->events_per_year, to_b, "takeovers by the restored standby a year");
  check_covers(restored->minutes_per_year, to_b * 12.0 * 60.0, "minutes lost a year");
  // db-a (sync) is stale when it was down as db-b wrote and failed: half the stale takeovers.
  const api::DataLossCause* stale = cause(r.data.at(0), "failover to a stale replica");
  REQUIRE(stale);
  const double stale_to_a = LAMBDA * A * (1.0 - A) / 2.0 * HOURS_PER_YEAR;
  check_covers(stale->events_per_year, stale_to_a, "stale takeovers by db-a a year");
}

TEST_CASE("DR presets fill in what the service leaves out, and the model wins", "[data][dr]") {
  auto service = [](const std::string& dr, const std::string& rest) {
    return R"({"format": "outagesim/v1", "name": "dr",
      "providers": {"p": {"regions": {"r": {"control_plane": {"outage": {"mtbf": "1y",
        "mttr": "1h"}}, "zones": {"a": {}, "b": {}}}}}},
      "components": {
        "db-a": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "db-b": {"location": "p/r/b", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
      "services": {"db": {"replicas": ["db-a", "db-b"], "dr": )" +
           dr + rest + "}}}";
  };
  const model::Architecture warm = model::load_text(
      service(R"("warm_standby")", R"(, "data": {"writes_per_second": 10})"), "<test>");
  const model::Service& db = warm.services.at(0);
  CHECK(db.dr_strategy == "warm_standby");
  CHECK(db.mode == model::RedundancyMode::active_passive);
  CHECK(db.failover.switchover.median() == Approx(10.0 / 60.0));
  CHECK(db.failover.needs_control_plane());
  REQUIRE(db.data);
  CHECK(db.data->replication == model::WriteReplication::async);
  CHECK(db.data->lag.median() == Approx(2.0 / 3600.0));
  CHECK(db.standby_cost_share == 0.5);  // a scaled-down copy
  // What the model states wins: its switchover, its sync replication (and so no lag).
  const model::Architecture own =
      model::load_text(service(R"({"strategy": "warm_standby"})",
                               R"(, "redundancy": {"failover": {"switchover": "1m"}},
                 "data": {"replication": "sync"})"),
                       "<test>");
  CHECK(own.services[0].failover.switchover.mean == Approx(1.0 / 60.0));
  CHECK(own.services[0].failover.detection.median() == Approx(3.0 / 60.0));
  CHECK(own.services[0].data->replication == model::WriteReplication::sync);
  for (const std::string& field : own.services[0].dr_supplied)
    CHECK(field.rfind("redundancy/failover/switchover", 0) != 0);
  // A stated distribution replaces the preset's whole, whatever its kind (not merged key by key
  // into a lognormal that an exponential has no fields for).
  const model::Architecture lag = model::load_text(
      service(R"("warm_standby")",
              R"(, "redundancy": {"failover": {"detection": {"distribution": "exponential",
                 "mean": "5m"}}}, "data": {"lag": {"distribution": "exponential", "mean": "3s"}})"),
      "<test>");
  CHECK(lag.services[0].data->lag.kind == model::DistributionKind::exponential);
  CHECK(lag.services[0].data->lag.mean == Approx(3.0 / 3600.0));
  CHECK(lag.services[0].failover.detection.mean == Approx(5.0 / 60.0));
  // A stated mode is another design: the preset's redundancy is dropped.
  const model::Architecture aa = model::load_text(
      service(R"("pilot_light")", R"(, "redundancy": {"mode": "active_active"})"), "<test>");
  CHECK(aa.services[0].mode == model::RedundancyMode::active_active);
  CHECK(!aa.services[0].data);  // no data stated: the preset adds none
  CHECK(model::load_text(service(R"("multi_site")", ""), "<test>").services[0].mode ==
        model::RedundancyMode::active_active);
  CHECK_THAT(
      first_problem(service(R"("pilot_light")", R"(, "redundancy": {"standby_cost_share": 1.5})")),
      Contains("/services/db/redundancy/standby_cost_share: expected the share of its "
               "price a standby replica costs while it does not serve, between 0 and 1, "
               "found 1.5"));
  CHECK_THAT(
      first_problem(service(R"("multi_site")", R"(, "redundancy": {"standby_cost_share": 0.5})")),
      Contains("an active_active service has no standby"));
  CHECK_THAT(first_problem(service(R"("warm_stanby")", "")),
             Contains("/services/db/dr: unknown DR strategy \"warm_stanby\"; did you mean "
                      "'warm_standby'?"));
}

TEST_CASE("a quorum of 2 of 2: writes need both replicas, and no takeover loses data", "[data]") {
  // Writes commit on both replicas, so they are refused unless both are up: a^2 of the time;
  // reads (the service) need one.
  const graph::Plan plan =
      plan_of(two_replicas("active_passive", R"({"replication": "quorum", "quorum": 2})"));
  const api::Result r = sim::simulate(plan, options(21, 0.03));
  const api::DataRow& row = r.data.at(0);
  CHECK(row.quorum == 2);
  check_covers(row.write_unavailability, 1.0 - A * A, "write unavailability");
  CHECK(row.write_availability.value == Approx(1.0 - row.write_unavailability.value));
  CHECK(row.write_availability.value < r.system.availability.value);
  CHECK(row.loss_events_per_year.value == 0.0);
  CHECK_THAT(
      first_problem(two_replicas("active_passive", R"({"replication": "quorum", "quorum": 3})")),
      Contains("/services/db/data/quorum: expected a whole number of replicas from 2 to 2"));
}

TEST_CASE("active_active async: a replica lost while the other carries on takes the lag",
          "[data]") {
  // Either replica fails while both are up: 2 lambda a^2 a year, each losing E[lag]; the last
  // one is lost at rate 2 lambda a (1-a), and the one that went down first is back first half
  // the time, lacking 1/mu on average.
  const graph::Plan plan = plan_of(two_replicas("active_active", R"({"replication": "async",
        "lag": {"distribution": "exponential", "mean": "30s"}})"));
  const api::Result r = sim::simulate(plan, options(13, 0.03));
  REQUIRE(r.data.size() == 1);
  const api::DataRow& row = r.data[0];
  const double lost_with_lag = 2.0 * LAMBDA * A * A * HOURS_PER_YEAR;
  const double stale = LAMBDA * A * (1.0 - A) * HOURS_PER_YEAR;
  const api::DataLossCause* async = cause(row, "async failover");
  const api::DataLossCause* behind = cause(row, "failover to a stale replica");
  REQUIRE(async);
  REQUIRE(behind);
  check_covers(async->events_per_year, lost_with_lag, "replicas lost with their lag a year");
  check_covers(async->minutes_per_year, lost_with_lag * 0.5, "minutes lost to the lag a year");
  check_covers(behind->events_per_year, stale, "stale returns a year");
  check_covers(behind->minutes_per_year, stale * 60.0 / MU, "minutes lost to stale returns");
}

TEST_CASE("corruption: restores, the age of the last clean backup, and the unrecoverable share",
          "[data]") {
  // Onsets every 720 h (exponential) after the restore ends; down for detection (exponential,
  // delta = 48 h) then the restore (exponential, 4 h): 8760 / 772 restores a year. Backups every
  // I = 24 h kept T = 168 h: the loss is the age U ~ U(0, I) of the last backup; the restore
  // finds no clean backup when D > T - U.
  const double delta = 48.0, interval = 24.0, retention = 168.0;
  const graph::Plan plan = plan_of(corrupted(R"({"interval": "24h", "retention": "168h",
      "restore": {"distribution": "exponential", "mean": "4h"}})"));
  const api::Result r = sim::simulate(plan, options(14, 0.02));
  REQUIRE(r.data.size() == 1);
  const api::DataRow& row = r.data[0];
  const double restores = HOURS_PER_YEAR / (720.0 + delta + 4.0);
  const double unrecoverable_share =
      delta / interval * (std::exp(-(retention - interval) / delta) - std::exp(-retention / delta));
  // E[U; D <= T - U] = I/2 - e^(-T/delta) (delta e^(I/delta) (I - delta) + delta^2) / I.
  const double kept_age =
      interval / 2.0 -
      std::exp(-retention / delta) *
          (delta * std::exp(interval / delta) * (interval - delta) + delta * delta) / interval;
  check_covers(row.restores_per_year, restores, "restores a year");
  check_covers(row.unrecoverable_per_year, restores * unrecoverable_share,
               "unrecoverable restores a year");
  const api::DataLossCause* restore = cause(row, "corruption restore");
  REQUIRE(restore);
  check_covers(restore->events_per_year, restores * (1.0 - unrecoverable_share),
               "recoverable restores a year");
  check_covers(restore->minutes_per_year, restores * kept_age * 60.0, "minutes lost a year");
  // Downtime: the corruption is down for detection and restore, as the exact solver says too.
  const double unavailability = (delta + 4.0) / (720.0 + delta + 4.0);
  check_covers(r.system.unavailability, unavailability, "unavailability");
  const api::Result exact = exact::solve(plan);
  CHECK(std::abs(exact.system.unavailability.value - unavailability) < 1e-6 * unavailability);
  bool attributed = false;
  for (const api::AttributionRow& a : r.attribution)
    attributed |= a.level == "corruption" && a.element == "db/corruption";
  CHECK(attributed);
}

TEST_CASE("a restore stated as size over throughput takes that long", "[data]") {
  // 800 GB at 200 GB an hour: a fixed 4 h restore after the exponential detection (48 h), so
  // 8760 / 772 restores a year and the corruption down (48 + 4) / 772 of the time.
  const graph::Plan plan = plan_of(corrupted(R"({"interval": "24h", "retention": "365d",
      "size_gb": 800, "restore_gb_per_hour": 200})"));
  const model::Backups& backups = *plan.architecture.services[0].data->backups;
  CHECK(backups.restore.mean == Approx(4.0));
  CHECK(backups.size_gb == Approx(800.0));
  const api::Result r = sim::simulate(plan, options(23, 0.03));
  check_covers(r.data.at(0).restores_per_year, HOURS_PER_YEAR / 772.0, "restores a year");
  check_covers(r.system.unavailability, 52.0 / 772.0, "unavailability");
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d"})")),
             Contains("/services/db/data/backups: expected the restore time: \"restore\" (a "
                      "duration or a distribution), or \"size_gb\" with "
                      "\"restore_gb_per_hour\" (the time is the size over the throughput), "
                      "found neither"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d", "restore": "1h",
               "size_gb": 5, "restore_gb_per_hour": 1})")),
             Contains("found both"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d", "size_gb": 5})")),
             Contains("\"size_gb\" is stated but \"restore_gb_per_hour\" is missing"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d", "size_gb": 5,
               "restore_gb_per_hour": 0})")),
             Contains("/services/db/data/backups/restore_gb_per_hour: expected a number of GB an "
                      "hour above zero, found 0"));
}

TEST_CASE("point-in-time recovery loses the age of the last shipped log", "[data]") {
  // A long retention: every restore finds its backup; the log every 5 min loses 2.5 min.
  const graph::Plan plan = plan_of(corrupted(R"({"interval": "24h", "retention": "365d",
      "point_in_time": "5m", "restore": "4h"})"));
  const api::Result r = sim::simulate(plan, options(15, 0.03));
  const api::DataRow& row = r.data.at(0);
  const double restores = HOURS_PER_YEAR / (720.0 + 48.0 + 4.0);
  CHECK(row.unrecoverable_per_year.value == 0.0);
  check_covers(row.minutes_lost_per_year, restores * 2.5, "minutes lost a year");
  CHECK(row.loss_minutes_per_event.max <= 5.0 + 1e-9);
}

TEST_CASE("backups kept in a failing region lose more than backups kept apart", "[data]") {
  // The same seed: the corruptions and backup phases are the same; only the backups the region
  // outage prevents differ, so the loss can only grow.
  const std::string backups = R"({"interval": "24h", "retention": "365d", "restore": "4h")";
  const std::string apart = corrupted(backups + "}");
  std::string in_region = corrupted(backups + R"(, "location": "p/r"})");
  const std::string failing = R"("r": {"outage": {"mtbf": "30d", "mttr": "3d"}, "zones")";
  in_region.replace(in_region.find(R"("r": {"zones")"), std::string(R"("r": {"zones")").size(),
                    failing);
  sim::Options o = options(16, 0.0);
  o.replications = 400;
  const api::Result a = sim::simulate(plan_of(apart), o);
  const api::Result b = sim::simulate(plan_of(in_region), o);
  INFO("apart " << a.data[0].minutes_lost_per_year.value << ", in the failing region "
                << b.data[0].minutes_lost_per_year.value);
  CHECK(b.data[0].minutes_lost_per_year.value > a.data[0].minutes_lost_per_year.value);
}

TEST_CASE("recovery objectives: incidents over the RTO and losses over the RPO", "[data]") {
  // The capability is down while both replicas are: exponential 2-of-2 outages of rate 2 mu,
  // so P(incident > RTO) = exp(-2 mu RTO). Losses over the RPO: in-step takeovers with a lag
  // above it (exp(-RPO / 0.5 min)) and stale ones with an age above it (exp(-mu RPO)).
  const double rto = 3.0, rpo_minutes = 1.0;
  const graph::Plan plan = plan_of(two_replicas(
      "active_passive",
      R"({"replication": "async", "lag": {"distribution": "exponential", "mean": "30s"}})",
      R"(, "capabilities": {"orders": {"requires": ["db"],
           "objectives": {"rto": "3h", "rpo": "1m"}}})"));
  const api::Result r = sim::simulate(plan, options(17, 0.03));
  const api::MeasureResult& orders = r.capabilities.at(0);
  CHECK(orders.rto_hours == rto);
  check_covers(orders.incidents_over_rto_share, std::exp(-2.0 * MU * rto),
               "share of incidents over the RTO");
  const double in_step = LAMBDA * A * A * HOURS_PER_YEAR;
  const double stale = LAMBDA * A * (1.0 - A) * HOURS_PER_YEAR;
  const double over_rpo =
      in_step * std::exp(-rpo_minutes / 0.5) + stale * std::exp(-MU * rpo_minutes / 60.0);
  check_covers(orders.losses_over_rpo_per_year, over_rpo, "losses over the RPO a year");
  CHECK(r.system.rto_hours < 0.0);  // the model states no top-level objectives
}

TEST_CASE("declaring data changes no availability figure, and threads change nothing", "[data]") {
  const std::string data =
      R"({"replication": "async", "lag": {"distribution": "lognormal", "median": "2s",
          "sigma": 1.0}, "writes_per_second": 100})";
  sim::Options o = options(18, 0.0);
  o.replications = 300;
  o.per_element_streams = true;
  const api::Result without = sim::simulate(plan_of(two_replicas("active_passive", "")), o);
  const api::Result with = sim::simulate(plan_of(two_replicas("active_passive", data)), o);
  CHECK(with.system.unavailability.value == without.system.unavailability.value);
  CHECK(with.system.incidents_per_year.value == without.system.incidents_per_year.value);
  o.threads = 1;
  const api::Result one = sim::simulate(plan_of(two_replicas("active_passive", data)), o);
  CHECK(one.data[0].minutes_lost_per_year.value == with.data[0].minutes_lost_per_year.value);
  CHECK(one.data[0].loss_events_per_year.value == with.data[0].loss_events_per_year.value);
  CHECK(with.data[0].writes_lost_per_year.value ==
        Approx(with.data[0].minutes_lost_per_year.value * 6000.0));
}

TEST_CASE("bad data blocks are precise errors", "[data]") {
  CHECK_THAT(first_problem(two_replicas("active_passive", R"({"replication": "async"})")),
             Contains("/services/db/data: async replication needs \"lag\""));
  CHECK_THAT(first_problem(two_replicas("active_passive", R"({"lag": "2s"})")),
             Contains("expected \"replication\": \"sync\", \"async\" or \"backup\""));
  CHECK_THAT(first_problem(two_replicas("active_passive", R"({"replication": "asnyc"})")),
             Contains("did you mean 'async'"));
  CHECK_THAT(first_problem(two_replicas("active_passive", R"({"replication": "sync",
               "corruption": {"mtbf": "1y", "detect": "1h"}})")),
             Contains("/services/db/data/corruption: a corruption reaches every replica"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "12h",
               "restore": "1h"})")),
             Contains("/services/db/data/backups/retention: expected a retention of at least"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d",
               "restore": "1h", "location": "p/q"})")),
             Contains("/services/db/data/backups/location: unknown location \"p/q\"; did you "
                      "mean 'p/r'?"));
  CHECK_THAT(first_problem(corrupted(R"({"interval": "24h", "retention": "7d",
               "restore": "1h"})",
                                     R"(, "objectives": {"rpo": 5})")),
             Contains("/objectives/rpo"));
}

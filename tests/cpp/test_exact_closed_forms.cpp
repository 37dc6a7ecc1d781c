// Exact solver against closed forms derived by hand: BDD for static designs, CTMC for failover.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;
using Catch::Matchers::Contains;

namespace {

const double HOURS = 8760.0;

const api::MeasureResult& capability(const api::Result& r, const std::string& name) {
  for (const auto& c : r.capabilities) {
    if (c.name == name) return c;
  }
  FAIL("no capability " << name);
  return r.system;
}

}  // namespace

TEST_CASE("exact: a single two-state component (docs/numbers.md#worked-checks)", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  const int c = b.component("box", p, exponential(1000.0, 10.0));
  b.active_active("svc", {c});
  const graph::Plan plan = b.plan();
  const exact::Applicability app = exact::check(plan);
  CHECK(app.possible);
  CHECK(app.solver == "bdd");
  const api::Result r = exact::solve(plan);
  CHECK(r.method == "exact");
  CHECK(r.solver == "bdd");
  CHECK(close(r.system.availability.value, 1000.0 / 1010.0));
  CHECK(r.system.availability.lo == r.system.availability.value);
  CHECK(r.system.availability.hi == r.system.availability.value);
  CHECK(close(r.system.incidents_per_year.value, HOURS / 1010.0));
  CHECK(std::abs(r.system.incidents_per_year.value - 8.673) < 5e-4);
  CHECK(close(r.system.mean_incident_hours.value, 10.0));
  CHECK(close(r.system.downtime_minutes_per_year.value, 10.0 / 1010.0 * 525600.0));
  CHECK(close(r.system.nines.value, -std::log10(10.0 / 1010.0)));
  REQUIRE(r.attribution.size() == 1);
  CHECK(r.attribution[0].element == "box");
  CHECK(close(r.attribution[0].share, 1.0));
  CHECK(close(r.attribution[0].incidents_per_year, HOURS / 1010.0));
}

TEST_CASE("exact: same availability whatever the distributions of a static model", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  model::FailureProcess weird;
  weird.never_fails = false;
  weird.ttf = model::Distribution::weibull_with_mean(0.7, 1000.0);
  weird.ttr = model::Distribution::lognormal_with_mean(10.0, 1.0);
  const int c1 = b.component("a", p, weird);
  const int c2 = b.component("b", p, weird);
  b.active_active("svc", {c1, c2});
  const api::Result r = exact::solve(b.plan());
  CHECK(r.solver == "bdd");
  const double q = 10.0 / 1010.0;
  CHECK(close(r.system.availability.value, 1.0 - q * q));
  CHECK(close(r.system.downtime_minutes_per_year.value, q * q * 525600.0, 1e-10));
  // Birnbaum of each is q of the other: 2 q / (MTTF + MTTR) per hour.
  CHECK(close(r.system.incidents_per_year.value, 2.0 * q / 1010.0 * HOURS));
}

TEST_CASE("exact: series of three (services in a chain)", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  const double m[3] = {500.0, 2000.0, 8000.0}, t[3] = {1.0, 3.0, 0.5};
  std::vector<int> services;
  for (int i = 0; i < 3; ++i) {
    const int c = b.component("c" + std::to_string(i), p, exponential(m[i], t[i]));
    services.push_back(b.active_active("s" + std::to_string(i), {c}));
  }
  b.depends(services[0], services[1]);
  b.depends(services[1], services[2]);
  const api::Result r = exact::solve(b.plan());
  double a = 1.0, freq = 0.0;
  for (int i = 0; i < 3; ++i) a *= avail(m[i], t[i]);
  for (int i = 0; i < 3; ++i) freq += a / avail(m[i], t[i]) / (m[i] + t[i]);
  CHECK(close(r.system.availability.value, a));
  CHECK(close(r.system.incidents_per_year.value, freq * HOURS));
  CHECK(close(r.system.mean_incident_hours.value, (1.0 - a) / freq, 1e-10));
}

TEST_CASE("exact: three 99.99% parts in series (docs/numbers.md#worked-checks)", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  std::vector<int> comps;
  for (int i = 0; i < 3; ++i)
    comps.push_back(b.component("c" + std::to_string(i), p, exponential(9999.0, 1.0)));
  b.active_active("all", comps, 3);
  const api::Result r = exact::solve(b.plan());
  // (1 - 1e-4)^3 = 1 - 3e-4 + 3e-8 - 1e-12; docs/numbers.md#worked-checks rounds it to 0.99970003.
  CHECK(close(r.system.availability.value, 0.999700029999));
  CHECK(std::abs(r.system.availability.value - 0.99970003) < 5e-9);
}

TEST_CASE("exact: k-of-n with different parts", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  const double m[3] = {100.0, 200.0, 400.0}, t[3] = {2.0, 5.0, 1.0};
  std::vector<int> comps;
  for (int i = 0; i < 3; ++i)
    comps.push_back(b.component("c" + std::to_string(i), p, exponential(m[i], t[i])));
  SECTION("2-of-3") {
    b.active_active("s", comps, 2);
    const api::Result r = exact::solve(b.plan());
    const double a0 = avail(m[0], t[0]), a1 = avail(m[1], t[1]), a2 = avail(m[2], t[2]);
    const double q0 = 1 - a0, q1 = 1 - a1, q2 = 1 - a2;
    const double expected = a0 * a1 * a2 + q0 * a1 * a2 + a0 * q1 * a2 + a0 * a1 * q2;
    CHECK(close(r.system.availability.value, expected));
    // Birnbaum of c0 = P(exactly one of c1, c2 up) = a1 q2 + q1 a2.
    const double freq = (a1 * q2 + q1 * a2) / (m[0] + t[0]) + (a0 * q2 + q0 * a2) / (m[1] + t[1]) +
                        (a0 * q1 + q0 * a1) / (m[2] + t[2]);
    CHECK(close(r.system.incidents_per_year.value, freq * HOURS, 1e-10));
  }
  SECTION("identical 2-of-3: 3p^2 - 2p^3") {
    Builder same;
    const int pp = same.provider("aws");
    std::vector<int> cs;
    for (int i = 0; i < 3; ++i)
      cs.push_back(same.component("c" + std::to_string(i), pp, exponential(99.0, 1.0)));
    same.active_active("s", cs, 2);
    const double pa = 0.99;
    CHECK(
        close(exact::solve(same.plan()).system.availability.value, 3 * pa * pa - 2 * pa * pa * pa));
  }
  SECTION("1-of-3 parallel") {
    b.active_active("s", comps, 1);
    const api::Result r = exact::solve(b.plan());
    const double u = unavail(m[0], t[0]) * unavail(m[1], t[1]) * unavail(m[2], t[2]);
    CHECK(close(r.system.availability.value, 1.0 - u));
    CHECK(close(r.system.downtime_minutes_per_year.value, u * 525600.0));
  }
}

TEST_CASE("exact: shared zone and a region outage over everything", "[exact]") {
  const double mz = 3 * HOURS, tz = 4.0, mr = 5 * HOURS, tr = 6.0, mc = 4380.0, tc = 0.25;
  const double az = avail(mz, tz), ar = avail(mr, tr), ac = avail(mc, tc);
  SECTION("both replicas in one zone") {
    Builder b;
    const int p = b.provider("aws");
    const int r = b.region(p, "us-east-1", exponential(mr, tr));
    const int z = b.zone(r, "az1", exponential(mz, tz));
    const int w1 = b.component("web-1", z, exponential(mc, tc));
    const int w2 = b.component("web-2", z, exponential(mc, tc));
    b.active_active("web", {w1, w2});
    const api::Result res = exact::solve(b.plan());
    CHECK(close(res.system.availability.value, ar * az * (1 - (1 - ac) * (1 - ac))));
  }
  SECTION("one replica per zone, both zones in one region") {
    Builder b;
    const int p = b.provider("aws");
    const int r = b.region(p, "us-east-1", exponential(mr, tr));
    const int z1 = b.zone(r, "az1", exponential(mz, tz));
    const int z2 = b.zone(r, "az2", exponential(mz, tz));
    const int w1 = b.component("web-1", z1, exponential(mc, tc));
    const int w2 = b.component("web-2", z2, exponential(mc, tc));
    b.active_active("web", {w1, w2});
    const api::Result res = exact::solve(b.plan());
    const double branch = az * ac;
    const double a = ar * (1 - (1 - branch) * (1 - branch));
    CHECK(close(res.system.availability.value, a));
    // Frequency: region Birnbaum (1-(1-b)^2); zone z1: ar * ac * (1 - branch); same for web.
    const double freq = (1 - (1 - branch) * (1 - branch)) / (mr + tr) +
                        2 * ar * ac * (1 - branch) / (mz + tz) +
                        2 * ar * az * (1 - branch) / (mc + tc);
    CHECK(close(res.system.incidents_per_year.value, freq * HOURS, 1e-10));
  }
  SECTION("a provider outage takes down everything") {
    Builder b;
    const int p = b.provider("aws", exponential(2 * HOURS, 3.0));
    const int r = b.region(p, "us-east-1", exponential(mr, tr));
    const int w1 = b.component("web-1", r, exponential(mc, tc));
    const int w2 = b.component("web-2", r, exponential(mc, tc));
    b.active_active("web", {w1, w2});
    const api::Result res = exact::solve(b.plan());
    CHECK(close(res.system.availability.value,
                avail(2 * HOURS, 3.0) * ar * (1 - (1 - ac) * (1 - ac))));
  }
}

TEST_CASE("exact: scoped dependencies, same_zone against any", "[exact]") {
  const double mz = 2000.0, tz = 4.0, mw = 700.0, tw = 0.5, md = 1500.0, td = 2.0;
  const double az = avail(mz, tz), qz = 1 - az, aw = avail(mw, tw), qw = 1 - aw, ad = avail(md, td),
               qd = 1 - ad;
  auto build = [&](model::Scope scope) {
    Builder b;
    const int p = b.provider("aws");
    const int r = b.region(p, "r");
    const int z1 = b.zone(r, "z1", exponential(mz, tz));
    const int z2 = b.zone(r, "z2", exponential(mz, tz));
    const int w1 = b.component("w1", z1, exponential(mw, tw));
    const int w2 = b.component("w2", z2, exponential(mw, tw));
    const int d1 = b.component("d1", z1, exponential(md, td));
    const int d2 = b.component("d2", z2, exponential(md, td));
    const int web = b.active_active("web", {w1, w2});
    const int db = b.active_active("db", {d1, d2});
    b.depends(web, db, scope);
    b.capability("shop", {web});
    return b.plan();
  };
  SECTION("same_zone: each web replica needs the db of its own zone") {
    const api::Result r = exact::solve(build(model::Scope::same_zone));
    const double lane = az * aw * ad;
    CHECK(close(r.system.availability.value, 1 - (1 - lane) * (1 - lane)));
  }
  SECTION("any: some web and some db, zones shared") {
    const api::Result r = exact::solve(build(model::Scope::any));
    const double expected = az * az * (1 - qw * qw) * (1 - qd * qd) + 2 * az * qz * aw * ad;
    CHECK(close(r.system.availability.value, expected));
  }
}

TEST_CASE("exact: capabilities and weighted availability", "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  const int w1 = b.component("web-1", p, exponential(1000.0, 1.0));
  const int w2 = b.component("web-2", p, exponential(1000.0, 1.0));
  const int d = b.component("db", p, exponential(2000.0, 4.0));
  const int web = b.active_active("web", {w1, w2});
  const int db = b.active_active("db", {d});
  b.capability("browse", {web}, 0.9);
  b.capability("checkout", {web, db}, 0.1);
  const api::Result r = exact::solve(b.plan());
  const double aw = 1 - std::pow(unavail(1000.0, 1.0), 2), ad = avail(2000.0, 4.0);
  REQUIRE(r.capabilities.size() == 2);
  CHECK(close(capability(r, "browse").availability.value, aw));
  CHECK(close(capability(r, "checkout").availability.value, aw * ad));
  CHECK(close(r.system.availability.value, aw * ad));
  CHECK(close(r.weighted_availability.value, 0.9 * aw + 0.1 * aw * ad));
  CHECK(close(capability(r, "browse").incidents_per_year.value,
              2 * unavail(1000.0, 1.0) / 1001.0 * HOURS));
}

TEST_CASE("exact: instant active_passive is 1-of-n; timed failover needs the chain", "[exact]") {
  auto build = [](model::Failover f, model::FailureProcess process) {
    Builder b;
    const int p = b.provider("aws");
    const int a = b.component("db-a", p, process);
    const int c = b.component("db-b", p, process);
    b.active_passive("db", {a, c}, f);
    return b.plan();
  };
  SECTION("instant failover: static, BDD") {
    const graph::Plan plan = build({}, exponential(1000.0, 10.0));
    CHECK(exact::check(plan).solver == "bdd");
    CHECK(close(exact::solve(plan).system.availability.value, 1 - std::pow(10.0 / 1010.0, 2)));
  }
  SECTION("timed failover, exponential: CTMC") {
    model::Failover f;
    f.detection = model::Distribution::exponential(0.1);
    const exact::Applicability app = exact::check(build(f, exponential(1000.0, 10.0)));
    CHECK(app.possible);
    CHECK(app.solver == "ctmc");
    CHECK_THAT(app.reason, Contains("db"));
  }
  SECTION("timed failover and a Weibull element: no exact answer, names it, suggests mc") {
    model::Failover f;
    f.detection = model::Distribution::deterministic(1.0 / 60.0);
    model::FailureProcess weibull = exponential(1000.0, 10.0);
    weibull.ttf = model::Distribution::weibull_with_mean(0.8, 1000.0);
    const graph::Plan plan = build(f, weibull);
    const exact::Applicability app = exact::check(plan);
    CHECK_FALSE(app.possible);
    CHECK_THAT(app.reason, Contains("db-a"));
    CHECK_THAT(app.reason, Contains("Monte Carlo"));
    CHECK_THROWS_AS(exact::solve(plan), ExactNotApplicable);
    exact::Options assume;
    assume.assume_exponential = true;
    const exact::Applicability app2 = exact::check(plan, assume);
    CHECK(app2.possible);
    CHECK(app2.solver == "ctmc");
    CHECK_THAT(app2.reason, Contains("assume-exponential"));
  }
  SECTION("deterministic detection alone is also refused without --assume-exponential") {
    model::Failover f;
    f.detection = model::Distribution::deterministic(1.0 / 60.0);
    const exact::Applicability app = exact::check(build(f, exponential(1000.0, 10.0)));
    CHECK_FALSE(app.possible);
    CHECK_THAT(app.reason, Contains("detection"));
  }
}

TEST_CASE("exact: scoped dependency on a multi-replica active_passive service is not static",
          "[exact]") {
  Builder b;
  const int p = b.provider("aws");
  const int r = b.region(p, "r");
  const int z1 = b.zone(r, "z1", exponential(2000.0, 2.0));
  const int z2 = b.zone(r, "z2", exponential(2000.0, 2.0));
  const int w1 = b.component("w1", z1, exponential(500.0, 1.0));
  const int w2 = b.component("w2", z2, exponential(500.0, 1.0));
  const int d1 = b.component("d1", z1, exponential(800.0, 1.0));
  const int d2 = b.component("d2", z2, exponential(800.0, 1.0));
  const int web = b.active_active("web", {w1, w2});
  const int db = b.active_passive("db", {d1, d2});
  b.depends(web, db, model::Scope::same_zone);
  const graph::Plan plan = b.plan();
  const exact::Applicability app = exact::check(plan);
  CHECK(app.possible);
  CHECK(app.solver == "ctmc");
  CHECK_THAT(app.reason, Contains("history"));
  // Instant failover, no failback: the web replica of the serving db's zone must be up.
  // Hand check by a different route is the BDD bound: the chain can only be worse than the
  // optimistic static structure and better than needing w1,d1 specifically.
  const api::Result res = exact::solve(plan);
  const double lane = avail(2000.0, 2.0) * avail(500.0, 1.0) * avail(800.0, 1.0);
  CHECK(res.system.availability.value < 1 - (1 - lane) * (1 - lane));
  CHECK(res.system.availability.value > lane);
}

TEST_CASE("exact: CTMC of a single replica with timed failover equals the two-state component",
          "[exact][ctmc]") {
  Builder b;
  const int p = b.provider("aws");
  const int c = b.component("db-a", p, exponential(1000.0, 10.0));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.5);
  f.switchover = model::Distribution::exponential(0.25);
  f.success_probability = 0.9;
  f.manual_recovery = model::Distribution::exponential(2.0);
  b.active_passive("db", {c}, f);
  const graph::Plan plan = b.plan();
  REQUIRE(exact::check(plan).solver == "ctmc");
  const api::Result r = exact::solve(plan);
  CHECK(r.solver == "ctmc");
  // The only replica serves whenever it is up: service up iff the component is up.
  CHECK(close(r.system.availability.value, 1000.0 / 1010.0));
  CHECK(close(r.system.incidents_per_year.value, HOURS / 1010.0, 1e-10));
  CHECK(close(r.system.mean_incident_hours.value, 10.0, 1e-10));
}

namespace {

// Solves the small dense system pi Q = 0, sum pi = 1 by Gauss-Jordan elimination.
std::vector<double> stationary(std::vector<std::vector<double>> q) {
  const int n = static_cast<int>(q.size());
  for (int i = 0; i < n; ++i) {
    double out = 0;
    for (int j = 0; j < n; ++j) {
      if (j != i) out += q[i][j];
    }
    q[i][i] = -out;
  }
  // Rows of Q^T, last one replaced by normalisation.
  std::vector<std::vector<double>> m(n, std::vector<double>(n + 1, 0.0));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) m[i][j] = q[j][i];
  }
  for (int j = 0; j < n; ++j) m[n - 1][j] = 1.0;
  m[n - 1][n] = 1.0;
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col; r < n; ++r) {
      if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
    }
    std::swap(m[col], m[pivot]);
    for (int r = 0; r < n; ++r) {
      if (r == col) continue;
      const double factor = m[r][col] / m[col][col];
      for (int k = col; k <= n; ++k) m[r][k] -= factor * m[col][k];
    }
  }
  std::vector<double> pi(n);
  for (int i = 0; i < n; ++i) pi[i] = m[i][n] / m[i][i];
  return pi;
}

}  // namespace

TEST_CASE("exact: active-passive pair via CTMC against the hand-lumped chain", "[exact][ctmc]") {
  const double mttf = 500.0, mttr = 5.0, detect = 0.2, manual = 1.5;
  const double l = 1 / mttf, mu = 1 / mttr, d = 1 / detect, m = 1 / manual;
  for (double p : {1.0, 0.95}) {
    Builder b;
    const int prov = b.provider("aws");
    const int a = b.component("db-a", prov, exponential(mttf, mttr));
    const int c = b.component("db-b", prov, exponential(mttf, mttr));
    model::Failover f;
    f.detection = model::Distribution::exponential(detect);
    f.success_probability = p;
    f.manual_recovery = model::Distribution::exponential(manual);
    b.active_passive("db", {a, c}, f);
    const api::Result r = exact::solve(b.plan());
    REQUIRE(r.solver == "ctmc");
    // Lumped by symmetry (no failback): U2 serving up + other up, U1 serving up + other down,
    // D1/D0 detecting (other up/down), M1/M0 manual recovery (other up/down), W both down.
    enum { U2, U1, D1, D0, M1, M0, W, N };
    std::vector<std::vector<double>> q(N, std::vector<double>(N, 0.0));
    q[U2][D1] = l;
    q[U2][U1] = l;
    q[U1][U2] = mu;
    q[U1][D0] = l;
    q[D1][U2] = mu;
    q[D1][D0] = l;
    q[D1][U1] = d * p;
    q[D1][M1] = d * (1 - p);
    q[D0][U1] = mu;
    q[D0][D1] = mu;
    q[D0][W] = d * p;
    q[D0][M0] = d * (1 - p);
    q[M1][U2] = mu;
    q[M1][M0] = l;
    q[M1][U1] = m;
    q[M0][U1] = mu;
    q[M0][M1] = mu;
    q[M0][W] = m;
    q[W][U1] = 2 * mu;
    const std::vector<double> pi = stationary(q);
    const double availability = pi[U2] + pi[U1];
    const double unavailability = pi[D1] + pi[D0] + pi[M1] + pi[M0] + pi[W];
    CHECK(close(r.system.availability.value, availability));
    CHECK(close(r.system.downtime_minutes_per_year.value, unavailability * 525600.0, 1e-9));
    CHECK(close(r.system.incidents_per_year.value, l * availability * HOURS, 1e-10));
    // Downtime inside failovers is charged to the failover of db.
    bool found = false;
    for (const auto& row : r.attribution) {
      if (row.level == "failover") {
        found = true;
        CHECK(row.element == "db");
        CHECK(close(row.minutes_per_year, (pi[D1] + pi[D0] + pi[M1] + pi[M0]) * 525600.0, 1e-9));
      }
    }
    CHECK(found);
    double share = 0;
    for (const auto& row : r.attribution) share += row.share;
    CHECK(close(share, 1.0, 1e-12));
  }
}

TEST_CASE("exact: a state limit stops the chain with a clear message", "[exact][ctmc]") {
  Builder b;
  const int p = b.provider("aws");
  std::vector<int> comps;
  for (int i = 0; i < 8; ++i)
    comps.push_back(b.component("c" + std::to_string(i), p, exponential(100.0, 1.0)));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.1);
  b.active_passive("db", comps, f);
  exact::Options small;
  small.state_limit = 100;
  const graph::Plan plan = b.plan();
  const exact::Applicability app = exact::check(plan, small);
  CHECK_FALSE(app.possible);
  CHECK_THAT(app.reason, Contains("100 states"));
  CHECK_THAT(app.reason, Contains("Monte Carlo"));
  CHECK_THROWS_AS(exact::solve(plan, small), ExactNotApplicable);
  CHECK(exact::check(plan).possible);
}

TEST_CASE("exact: elements a failover cannot observe may have any distribution", "[exact][ctmc]") {
  Builder b;
  const int p = b.provider("aws");
  model::FailureProcess weibull;
  weibull.never_fails = false;
  weibull.ttf = model::Distribution::weibull_with_mean(0.7, 800.0);
  weibull.ttr = model::Distribution::lognormal_with_mean(2.0, 1.0);
  const int w = b.component("web", p, weibull);
  const int d = b.component("db-a", p, exponential(1000.0, 10.0));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.1);
  const int web = b.active_active("web", {w});
  const int db = b.active_passive("db", {d}, f);
  b.capability("shop", {web, db});
  const graph::Plan plan = b.plan();
  const exact::Applicability app = exact::check(plan);
  REQUIRE(app.possible);
  CHECK(app.solver == "ctmc");
  CHECK_THAT(app.reason, Contains("1 of 2 elements"));
  const api::Result r = exact::solve(plan);
  const double aw = avail(800.0, 2.0), ad = avail(1000.0, 10.0);
  CHECK(close(r.system.availability.value, aw * ad));
  // Incidents: web fails while db is up, or db fails while web is up.
  CHECK(close(r.system.incidents_per_year.value, (ad / 802.0 + aw / 1010.0) * HOURS, 1e-10));
}

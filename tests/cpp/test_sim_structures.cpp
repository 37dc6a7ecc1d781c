// Static structures against exact values: parallel 1-of-2, 2-of-3, series, components sharing a
// zone versus spread over zones, and a region outage under everything.
#include <cmath>

#include "test_sim_support.h"

using namespace simtest;

namespace {

const double MTTF = 1000.0, MTTR = 10.0;
const double P = MTTF / (MTTF + MTTR);
const double Q = 1.0 - P;
const double CYCLE = MTTF + MTTR;

void check(const api::Result& r, double availability, double incidents, const std::string& what) {
  report(what + " A", r.system.availability, availability);
  report(what + " incidents/yr", r.system.incidents_per_year, incidents);
  CHECK(r.warnings.empty());
  check_covers(r.system.availability, availability, what + " availability");
  check_covers(r.system.incidents_per_year, incidents, what + " incidents per year");
}

}  // namespace

TEST_CASE("parallel 1-of-2: A = 1 - (10/1010)^2", "[sim][agreement]") {
  Builder b;
  const int p = b.provider("p");
  const int c1 = b.component("c1", p, exponential(MTTF, MTTR));
  const int c2 = b.component("c2", p, exponential(MTTF, MTTR));
  b.capability("all", {b.service("s", {c1, c2}, 1)});
  const api::Result r = sim::simulate(b.plan(), options(121, 0.05));
  // Closed forms: each component matters only while the other is down (Birnbaum importance Q).
  const double a = 1.0 - Q * Q;
  const double f = 2.0 * Q / CYCLE * 8760.0;
  const Exact e = enumerate({MTTF, MTTF}, {MTTR, MTTR}, [](std::uint32_t s) { return s != 0; });
  CHECK(e.availability == Approx(a).epsilon(1e-12));
  CHECK(e.incidents_per_year == Approx(f).epsilon(1e-12));
  check(r, a, f, "parallel 1-of-2");
  // A parallel pair's outage is the overlap of two exponential repairs: mean MTTR / 2.
  check_covers(r.system.mean_incident_hours, MTTR / 2.0, "parallel mean incident hours");
}

TEST_CASE("2-of-3: A = 3p^2 - 2p^3", "[sim][agreement]") {
  Builder b;
  const int p = b.provider("p");
  std::vector<int> cs;
  for (const char* name : {"c1", "c2", "c3"})
    cs.push_back(b.component(name, p, exponential(MTTF, MTTR)));
  b.capability("all", {b.service("s", cs, 2)});
  const api::Result r = sim::simulate(b.plan(), options(22, 0.05));
  const double a = 3 * P * P - 2 * P * P * P;
  const double f = 3.0 * (2.0 * P * Q) / CYCLE * 8760.0;  // importance: exactly one other up
  check(r, a, f, "2-of-3");
}

TEST_CASE("series of three services", "[sim][agreement]") {
  Builder b;
  const int p = b.provider("p");
  std::vector<int> services;
  for (const char* name : {"a", "b", "c"})
    services.push_back(b.service(name, {b.component(name, p, exponential(MTTF, MTTR))}));
  b.capability("all", services);
  const api::Result r = sim::simulate(b.plan(), options(23, 0.02));
  check(r, P * P * P, 3.0 * P * P / CYCLE * 8760.0, "series of 3");
}

TEST_CASE("sharing a zone versus spreading over zones, under a region", "[sim][agreement]") {
  // Region (MTTF 5000 h, MTTR 30 h) above zones (2000 h, 20 h) above components (1000 h, 10 h).
  const double RF = 5000, RR = 30, ZF = 2000, ZR = 20;
  const double r_ = RF / (RF + RR), z = ZF / (ZF + ZR);
  for (const bool spread : {false, true}) {
    Builder b;
    const int prov = b.provider("p");
    const int reg = b.region(prov, "r", exponential(RF, RR));
    const int z1 = b.zone(reg, "z1", exponential(ZF, ZR));
    const int z2 = b.zone(reg, "z2", exponential(ZF, ZR));
    const int c1 = b.component("c1", z1, exponential(MTTF, MTTR));
    const int c2 = b.component("c2", spread ? z2 : z1, exponential(MTTF, MTTR));
    b.capability("all", {b.service("s", {c1, c2}, 1)});
    const api::Result r = sim::simulate(b.plan(), options(24, 0.04));
    // Elements (bits): 0 region, 1 zone z1, 2 zone z2, 3 c1, 4 c2.
    auto bit = [](std::uint32_t s, int i) { return ((s >> i) & 1u) != 0; };
    const Exact e =
        enumerate({RF, ZF, ZF, MTTF, MTTF}, {RR, ZR, ZR, MTTR, MTTR}, [&](std::uint32_t s) {
          const bool c1_up = bit(s, 0) && bit(s, 1) && bit(s, 3);
          const bool c2_up = bit(s, 0) && bit(s, spread ? 2 : 1) && bit(s, 4);
          return c1_up || c2_up;
        });
    const double closed = spread ? r_ * (1 - (1 - z * P) * (1 - z * P)) : r_ * z * (1 - Q * Q);
    CHECK(e.availability == Approx(closed).epsilon(1e-12));
    check(r, e.availability, e.incidents_per_year, spread ? "spread over zones" : "shared zone");
    // Attribution names domains by path and level.
    bool region_row = false;
    for (const auto& row : r.attribution)
      if (row.element == "p/r") region_row = row.level == "region";
    CHECK(region_row);
  }
}

TEST_CASE("2-of-3 over three zones with a region outage under everything", "[sim][agreement]") {
  const double RF = 8760, RR = 24, ZF = 4000, ZR = 12;
  Builder b;
  const int prov = b.provider("p");
  const int reg = b.region(prov, "r", exponential(RF, RR));
  std::vector<int> cs;
  for (int i = 0; i < 3; ++i) {
    const int zone = b.zone(reg, "z" + std::to_string(i), exponential(ZF, ZR));
    cs.push_back(b.component("c" + std::to_string(i), zone, exponential(MTTF, MTTR)));
  }
  b.capability("all", {b.service("s", cs, 2)});
  const api::Result r = sim::simulate(b.plan(), options(25, 0.04));
  const double reg_a = RF / (RF + RR), zp = ZF / (ZF + ZR) * P;
  // Elements: 0 region, 1..3 zones, 4..6 components.
  const Exact e = enumerate({RF, ZF, ZF, ZF, MTTF, MTTF, MTTF}, {RR, ZR, ZR, ZR, MTTR, MTTR, MTTR},
                            [](std::uint32_t s) {
                              if (!(s & 1u)) return false;
                              int up = 0;
                              for (int i = 0; i < 3; ++i)
                                up += ((s >> (1 + i)) & (s >> (4 + i)) & 1u);
                              return up >= 2;
                            });
  CHECK(e.availability == Approx(reg_a * (3 * zp * zp - 2 * zp * zp * zp)).epsilon(1e-12));
  check(r, e.availability, e.incidents_per_year, "region over 2-of-3 zones");
  // The region causes most of the downtime.
  REQUIRE(!r.attribution.empty());
  CHECK(r.attribution[0].element == "p/r");
  double shares = 0;
  for (const auto& row : r.attribution) shares += row.share;
  CHECK(shares == Approx(1.0));
}

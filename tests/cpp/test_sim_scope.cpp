// Scoped dependencies: web replicas in two regions depend on a database with a replica in each
// region. scope "any" and "same_region" give different answers, each checked exactly.
#include "test_sim_support.h"

using namespace simtest;

namespace {

const double RF = 5000, RR = 10;      // regions, rarer than component failures
const double MTTF = 1000, MTTR = 30;  // components

api::Result run(model::Scope scope, std::uint64_t seed) {
  Builder b;
  const int prov = b.provider("p");
  const int r1 = b.region(prov, "r1", exponential(RF, RR));
  const int r2 = b.region(prov, "r2", exponential(RF, RR));
  const int w1 = b.component("w1", r1, exponential(MTTF, MTTR));
  const int w2 = b.component("w2", r2, exponential(MTTF, MTTR));
  const int d1 = b.component("d1", r1, exponential(MTTF, MTTR));
  const int d2 = b.component("d2", r2, exponential(MTTF, MTTR));
  const int db = b.service("db", {d1, d2}, 1);
  const int web = b.service("web", {w1, w2}, 1, {model::Dependency{db, scope}});
  b.capability("all", {web});
  return sim::simulate(b.plan(), options(seed, 0.03));
}

// Elements (bits): 0 r1, 1 r2, 2 w1, 3 w2, 4 d1, 5 d2.
bool bit(std::uint32_t s, int i) { return ((s >> i) & 1u) != 0; }

}  // namespace

TEST_CASE("scope any versus same_region", "[sim][agreement]") {
  const std::vector<double> mttf{RF, RF, MTTF, MTTF, MTTF, MTTF};
  const std::vector<double> mttr{RR, RR, MTTR, MTTR, MTTR, MTTR};
  // any: some web replica up (with its region) and some db replica up, anywhere.
  const Exact any = enumerate(mttf, mttr, [](std::uint32_t s) {
    const bool web = (bit(s, 0) && bit(s, 2)) || (bit(s, 1) && bit(s, 3));
    const bool db = (bit(s, 0) && bit(s, 4)) || (bit(s, 1) && bit(s, 5));
    return web && db;
  });
  // same_region: a web replica is healthy only with the db replica of its own region.
  const Exact same = enumerate(mttf, mttr, [](std::uint32_t s) {
    return (bit(s, 0) && bit(s, 2) && bit(s, 4)) || (bit(s, 1) && bit(s, 3) && bit(s, 5));
  });
  // The two answers differ by far more than either interval.
  CHECK((1 - same.availability) > 1.5 * (1 - any.availability));

  const api::Result ra = run(model::Scope::any, 31);
  report("scope any A", ra.system.availability, any.availability);
  report("scope any incidents/yr", ra.system.incidents_per_year, any.incidents_per_year);
  check_covers(ra.system.availability, any.availability, "any: availability");
  check_covers(ra.system.incidents_per_year, any.incidents_per_year, "any: incidents per year");

  const api::Result rs = run(model::Scope::same_region, 32);
  report("scope same_region A", rs.system.availability, same.availability);
  report("scope same_region incidents/yr", rs.system.incidents_per_year, same.incidents_per_year);
  check_covers(rs.system.availability, same.availability, "same_region: availability");
  check_covers(rs.system.incidents_per_year, same.incidents_per_year,
               "same_region: incidents per year");
  CHECK(rs.system.availability.hi < ra.system.availability.lo);
}

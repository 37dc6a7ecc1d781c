// Capabilities, the system (all capabilities) and the traffic-weighted availability, exactly.
#include "test_sim_support.h"

using namespace simtest;

TEST_CASE("capabilities and weighted availability", "[sim][agreement]") {
  const double WF = 1000, WR = 10, DF = 500, DR = 10;
  Builder b;
  const int prov = b.provider("p");
  const int web = b.service("web", {b.component("web-1", prov, exponential(WF, WR))});
  const int db = b.service("db", {b.component("db-1", prov, exponential(DF, DR))});
  b.capability("browse", {web}, 0.9);
  b.capability("checkout", {web, db}, 0.1);
  const api::Result r = sim::simulate(b.plan(), options(51, 0.03));

  const double pw = WF / (WF + WR), pd = DF / (DF + DR);
  const double browse = pw, checkout = pw * pd;
  const double weighted = 0.9 * browse + 0.1 * checkout;
  const double browse_f = 8760.0 / (WF + WR);
  const double checkout_f = (pd / (WF + WR) + pw / (DF + DR)) * 8760.0;

  REQUIRE(r.capabilities.size() == 2);
  const api::MeasureResult& rb = r.capabilities[0];
  const api::MeasureResult& rc = r.capabilities[1];
  CHECK(rb.name == "browse");
  CHECK(rc.name == "checkout");
  CHECK(rb.weight == 0.9);
  report("capability browse A", rb.availability, browse);
  report("capability checkout A", rc.availability, checkout);
  report("system A", r.system.availability, checkout);
  report("weighted A", r.weighted_availability, weighted);
  check_covers(rb.availability, browse, "browse availability");
  check_covers(rb.incidents_per_year, browse_f, "browse incidents per year");
  check_covers(rc.availability, checkout, "checkout availability");
  check_covers(rc.incidents_per_year, checkout_f, "checkout incidents per year");
  // The system needs every capability: here the same as checkout.
  check_covers(r.system.availability, checkout, "system availability");
  CHECK(r.system.availability.value == rc.availability.value);
  check_covers(r.weighted_availability, weighted, "weighted availability");
  CHECK(r.weighted_availability.value > r.system.availability.value);

  // Attribution: minutes of both components add up to the system's downtime; each row has an
  // interval around its value; the database fails twice as often, so it leads.
  REQUIRE(r.attribution.size() == 2);
  CHECK(r.attribution[0].element == "db-1");
  double minutes = 0, share = 0;
  for (const auto& row : r.attribution) {
    minutes += row.minutes_per_year;
    share += row.share;
    CHECK(row.minutes_per_year_lo < row.minutes_per_year);
    CHECK(row.minutes_per_year < row.minutes_per_year_hi);
  }
  CHECK(minutes == Approx(r.system.downtime_minutes_per_year.value).epsilon(1e-9));
  CHECK(share == Approx(1.0));
  // Each component starts exactly the incidents of its own failures while the other is up.
  CHECK(r.attribution[0].incidents_per_year + r.attribution[1].incidents_per_year ==
        Approx(r.system.incidents_per_year.value).epsilon(1e-9));
}

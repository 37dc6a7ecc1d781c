// Importance measures and minimal cut sets against their known identities and hand counts.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "outagesim/exact/solve.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;

namespace {

std::map<std::string, exact::Importance> by_name(const exact::Analysis& an) {
  std::map<std::string, exact::Importance> m;
  for (const auto& imp : an.importance) m[imp.element] = imp;
  return m;
}

}  // namespace

TEST_CASE("importance: series system identities", "[exact][importance]") {
  Builder b;
  const int p = b.provider("aws");
  const double m[3] = {500.0, 2000.0, 8000.0}, t[3] = {1.0, 3.0, 0.5};
  std::vector<int> comps;
  for (int i = 0; i < 3; ++i)
    comps.push_back(b.component("c" + std::to_string(i), p, exponential(m[i], t[i])));
  b.active_active("s", comps, 3);
  const exact::Analysis an = exact::analyze(b.plan());
  double a_all = 1.0;
  for (int i = 0; i < 3; ++i) a_all *= avail(m[i], t[i]);
  const double u = 1 - a_all;
  auto imp = by_name(an);
  REQUIRE(imp.size() == 3);
  double fv_sum = 0, share_sum = 0, crit_sum = 0;
  for (int i = 0; i < 3; ++i) {
    const exact::Importance& x = imp["c" + std::to_string(i)];
    const double ai = avail(m[i], t[i]), qi = unavail(m[i], t[i]);
    CHECK(x.level == "component");
    CHECK(close(x.availability, ai));
    CHECK(close(x.birnbaum, a_all / ai));  // product of the others' availabilities
    CHECK(close(x.risk_achievement_worth, 1.0 / u, 1e-10));  // U(a_i = 0) = 1
    CHECK(close(x.risk_reduction_worth, u / (1 - a_all / ai), 1e-10));
    CHECK(close(x.criticality, x.birnbaum * qi / u, 1e-10));
    CHECK(close(x.fussell_vesely, qi / u, 1e-10));  // the cut set {i}
    fv_sum += x.fussell_vesely;
    share_sum += x.downtime_share;
    crit_sum += x.criticality;
  }
  CHECK(fv_sum >= 1.0);  // cut sets overlap in time: FV over-counts
  CHECK(close(share_sum, 1.0, 1e-12));
  CHECK(crit_sum <= 1.0 + 1e-12);
  REQUIRE(an.cut_sets.size() == 3);
  CHECK(an.cut_set_count == 3);
  for (const auto& cs : an.cut_sets) {
    CHECK(cs.elements.size() == 1);
    CHECK_FALSE(cs.single_point_of_failure);  // no redundancy claimed: nothing to flag
  }
  // Most probable first among equal sizes: c0 has the largest unavailability.
  CHECK(an.cut_sets[0].elements[0] == "c0");
  CHECK(an.cut_sets[0].description == "c0 down");
  CHECK(close(an.cut_sets[0].probability, unavail(m[0], t[0])));
}

TEST_CASE("importance: parallel system identities", "[exact][importance]") {
  Builder b;
  const int p = b.provider("aws");
  const double m[3] = {100.0, 200.0, 400.0}, t[3] = {2.0, 5.0, 1.0};
  std::vector<int> comps;
  for (int i = 0; i < 3; ++i)
    comps.push_back(b.component("c" + std::to_string(i), p, exponential(m[i], t[i])));
  b.active_active("s", comps, 1);
  const exact::Analysis an = exact::analyze(b.plan());
  double u = 1.0;
  for (int i = 0; i < 3; ++i) u *= unavail(m[i], t[i]);
  auto imp = by_name(an);
  for (int i = 0; i < 3; ++i) {
    const exact::Importance& x = imp["c" + std::to_string(i)];
    const double qi = unavail(m[i], t[i]);
    CHECK(close(x.birnbaum, u / qi));  // product of the others' unavailabilities
    CHECK(close(x.risk_achievement_worth, 1.0 / qi, 1e-10));
    CHECK(std::isinf(x.risk_reduction_worth));  // repair i for good: never down
    CHECK(close(x.criticality, 1.0, 1e-12));
    CHECK(close(x.fussell_vesely, 1.0, 1e-12));  // the one cut set holds everything
  }
  REQUIRE(an.cut_sets.size() == 1);
  CHECK(an.cut_sets[0].elements.size() == 3);
  CHECK(an.cut_sets[0].description == "c0, c1 and c2 down together");
  CHECK(close(an.cut_sets[0].probability, u));
}

TEST_CASE("importance: zones, a region, cut sets a person reads, SPOF flagged",
          "[exact][importance]") {
  Builder b;
  const int p = b.provider("aws");
  const int r = b.region(p, "us-east-1", exponential(5 * 8760.0, 6.0));
  const int z1 = b.zone(r, "use1-az1", exponential(3 * 8760.0, 4.0));
  const int z2 = b.zone(r, "use1-az2", exponential(3 * 8760.0, 4.0));
  const int w1 = b.component("web-1", z1, exponential(4380.0, 0.25));
  const int w2 = b.component("web-2", z2, exponential(4380.0, 0.25));
  b.active_active("web", {w1, w2});
  const exact::Analysis an = exact::analyze(b.plan(), 10);
  CHECK(an.cut_set_count == 5);
  REQUIRE(an.cut_sets.size() == 5);
  CHECK(an.cut_sets[0].description == "region aws/us-east-1 down");
  CHECK(an.cut_sets[0].single_point_of_failure);
  for (std::size_t i = 1; i < 5; ++i) {
    CHECK(an.cut_sets[i].elements.size() == 2);
    CHECK_FALSE(an.cut_sets[i].single_point_of_failure);
  }
  // Two zones together are the most probable pair (8760*3 h between 4 h outages).
  CHECK(an.cut_sets[1].description ==
        "zone aws/us-east-1/use1-az1 and zone aws/us-east-1/use1-az2 down together");
  bool mixed = false;
  for (const auto& cs : an.cut_sets)
    mixed = mixed || cs.description == "zone aws/us-east-1/use1-az1 and web-2 down together";
  CHECK(mixed);
  // The region is the top contributor by Birnbaum (everything hangs on it).
  CHECK(an.importance[0].element == "aws/us-east-1");
  CHECK(an.importance[0].level == "region");
  // Providers that never fail are not elements of the analysis.
  for (const auto& imp : an.importance) CHECK(imp.element != "aws");
  double share = 0;
  for (const auto& row : an.result.attribution) share += row.share;
  CHECK(close(share, 1.0, 1e-12));
}

TEST_CASE(
    "importance: a failover model is analysed on its instant-failover structure, with a warning",
    "[exact][importance]") {
  Builder b;
  const int p = b.provider("aws");
  const int a = b.component("db-a", p, exponential(1000.0, 10.0));
  const int c = b.component("db-b", p, exponential(1000.0, 10.0));
  model::Failover f;
  f.detection = model::Distribution::exponential(0.05);
  b.active_passive("db", {a, c}, f);
  const exact::Analysis an = exact::analyze(b.plan());
  CHECK(an.result.solver == "ctmc");
  bool warned = false;
  for (const auto& w : an.result.warnings)
    warned = warned || w.find("instant failover") != std::string::npos;
  CHECK(warned);
  REQUIRE(an.cut_sets.size() == 1);
  CHECK(an.cut_sets[0].elements.size() == 2);
}

// Business impact: downtime cost, SLA breach probability and credits against hand computations.
#include <catch2/catch.hpp>
#include <cmath>

#include "outagesim/cost/business.h"
#include "outagesim/error.h"
#include "outagesim/model/loader.h"

using namespace outagesim;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

model::Architecture cost_fields() {
  model::LoadOptions options;
  options.catalog_dir = SOURCE + "/models/catalog";
  return model::load_file(SOURCE + "/tests/models/good/cost_fields.json", options);
}

// 100 windows: 90 perfect, 5 above the target, 3 below 0.9995, one below 0.99, one below 0.95.
std::vector<double> sample_windows() {
  std::vector<double> w(90, 1.0);
  w.insert(w.end(), 5, 0.9997);
  w.insert(w.end(), 3, 0.999);
  w.push_back(0.98);
  w.push_back(0.9);
  return w;
}

}  // namespace

TEST_CASE("Wilson intervals match published values", "[cost]") {
  // 5 of 100: 0.0215 to 0.1118; 0 of 100: 0 to 0.0370 (Wilson 1927; Newcombe 1998, table I).
  const api::Estimate five = cost::wilson_interval(5, 100);
  CHECK(five.value == 0.05);
  CHECK(five.lo == Approx(0.0215).margin(5e-5));
  CHECK(five.hi == Approx(0.1118).margin(5e-5));
  const api::Estimate none = cost::wilson_interval(0, 100);
  CHECK(none.lo == 0.0);
  CHECK(none.hi == Approx(0.0370).margin(5e-5));
  const api::Estimate all = cost::wilson_interval(12, 12);
  CHECK(all.hi == 1.0);
  CHECK(all.lo == Approx(1.0 - 0.2425).margin(5e-5));
  const api::Estimate empty = cost::wilson_interval(0, 0);
  CHECK(std::isnan(empty.value));
  CHECK(empty.lo == 0.0);
  CHECK(empty.hi == 1.0);
}

TEST_CASE("the credit of a window is the largest applicable fraction", "[cost]") {
  const std::vector<model::SlaCredit> table{{0.9995, 0.10}, {0.99, 0.25}, {0.95, 1.0}};
  CHECK(cost::credit_fraction(table, 1.0) == 0.0);
  CHECK(cost::credit_fraction(table, 0.9995) == 0.0);  // at the threshold: not below it
  CHECK(cost::credit_fraction(table, 0.9994) == 0.10);
  CHECK(cost::credit_fraction(table, 0.99) == 0.10);
  CHECK(cost::credit_fraction(table, 0.985) == 0.25);
  CHECK(cost::credit_fraction(table, 0.5) == 1.0);
  CHECK(cost::credit_fraction({}, 0.5) == 0.0);
}

TEST_CASE("business impact of the cost-fields model from a window sample", "[cost]") {
  const auto arch = cost_fields();
  const api::Estimate downtime{52.56, 40.0, 65.0};  // minutes a year
  const cost::BusinessImpact b = cost::business_impact(arch, downtime, sample_windows());

  CHECK(b.infra.total_per_year == Approx(17036.64516));
  // $50,000 an hour: 52.56 min -> $43,800; the interval scales with it.
  CHECK(b.downtime_cost_per_year.value == Approx(43800.0));
  CHECK(b.downtime_cost_per_year.lo == Approx(40.0 / 60 * 50000));
  CHECK(b.downtime_cost_per_year.hi == Approx(65.0 / 60 * 50000));

  REQUIRE(b.sla.has_value());
  const cost::SlaImpact& sla = *b.sla;
  CHECK(sla.windows_observed == 100);
  CHECK(sla.windows_per_year == Approx(8760.0 / 720.0));
  // Breaches: 3 + 1 + 1 windows below 0.9995.
  CHECK(sla.breach_probability.value == 0.05);
  CHECK(sla.breach_probability.lo == Approx(0.021544).epsilon(1e-4));
  CHECK(sla.breach_probability.hi == Approx(0.111750).epsilon(1e-4));
  CHECK(sla.breached_windows_per_year.value == Approx(0.05 * 8760.0 / 720.0));
  REQUIRE(sla.tiers.size() == 3);
  CHECK(sla.tiers[1].probability.value == 0.02);
  CHECK(sla.tiers[2].probability.value == 0.01);

  // Mean credit: (3 x 0.10 + 0.25 + 1.0) / 100 = 0.0155 of the bill.
  CHECK(sla.credit_fraction.value == Approx(0.0155));
  // Interval: rises 0.10, 0.15, 0.75 times the Wilson ends of 5, 2 and 1 in 100.
  CHECK(sla.credit_fraction.lo ==
        Approx(0.1 * 0.021544 + 0.15 * 0.005502 + 0.75 * 0.001767).epsilon(1e-3));
  CHECK(sla.credit_fraction.hi ==
        Approx(0.1 * 0.111750 + 0.15 * 0.070012 + 0.75 * 0.054486).epsilon(1e-3));
  CHECK(sla.credited_windows_per_year.value == Approx(0.0155 * 8760.0 / 720.0));
  // $20,000 a month: 0.0155 x 12 x 20000 = $3,720 a year.
  CHECK(sla.credits_per_year.value == Approx(3720.0));
  CHECK(sla.credits_per_year.hi == Approx(sla.credit_fraction.hi * 240000.0));

  CHECK(b.total_per_year.value == Approx(17036.64516 + 43800.0 + 3720.0));
  CHECK(b.total_per_year.lo ==
        Approx(17036.64516 + b.downtime_cost_per_year.lo + sla.credits_per_year.lo));
  CHECK(b.total_per_year.hi ==
        Approx(17036.64516 + b.downtime_cost_per_year.hi + sla.credits_per_year.hi));
  CHECK(b.warnings.empty());

  const auto j = cost::to_json(b);
  CHECK(j["sla"]["breach_probability"].get<double>() == 0.05);
  CHECK(j["total_per_year_ci95"].size() == 2);
  CHECK(j["infra"]["replication_per_year"].get<double>() == Approx(132.0));
}

TEST_CASE("no window breached: the breach interval is still above zero", "[cost]") {
  const auto arch = cost_fields();
  const cost::BusinessImpact b =
      cost::business_impact(arch, api::Estimate{1.0, 0.5, 1.5}, std::vector<double>(100, 1.0));
  CHECK(b.sla->breach_probability.value == 0.0);
  CHECK(b.sla->breach_probability.hi == Approx(0.0370).margin(5e-5));
  CHECK(b.sla->credit_fraction.value == 0.0);
  // Up to a full credit with probability up to 0.037: 0.1 x 0.037 + 0.15 x 0.037 + 0.75 x 0.037.
  CHECK(b.sla->credit_fraction.hi == Approx(0.0370).margin(5e-5));
  CHECK(b.total_per_year.hi > b.total_per_year.value);
}

TEST_CASE("without windows, a bill or a business section", "[cost]") {
  auto arch = cost_fields();
  const api::Estimate downtime{60.0, 60.0, 60.0};
  SECTION("no window sample: SLA figures unknown, and so is the total") {
    const cost::BusinessImpact b = cost::business_impact(arch, downtime, {});
    REQUIRE(b.sla.has_value());
    CHECK(b.sla->windows_observed == 0);
    CHECK(std::isnan(b.sla->breach_probability.value));
    CHECK(std::isnan(b.sla->credits_per_year.value));
    CHECK(std::isnan(b.total_per_year.value));
    REQUIRE(b.warnings.size() == 1);
    CHECK(b.warnings[0].find("no SLA window was simulated") != std::string::npos);
    CHECK(cost::to_json(b)["total_per_year"].is_null());
    CHECK(cost::to_json(b)["sla"]["breach_probability"].is_null());
  }
  SECTION("no monthly bill: credits as fractions only") {
    arch.business->sla->monthly_bill.reset();
    const cost::BusinessImpact b = cost::business_impact(arch, downtime, sample_windows());
    CHECK(b.sla->credit_fraction.value == Approx(0.0155));
    CHECK(std::isnan(b.sla->credits_per_year.value));  // credits owed, in USD unknown
    CHECK(std::isnan(b.total_per_year.value));
    REQUIRE(b.warnings.size() == 1);
    CHECK(b.warnings[0].find("no \"monthly_bill\"") != std::string::npos);
  }
  SECTION("no business section: downtime cost and total unknown, infrastructure known") {
    arch.business.reset();
    const cost::BusinessImpact b = cost::business_impact(arch, downtime, sample_windows());
    CHECK_FALSE(b.sla.has_value());
    CHECK(std::isnan(b.downtime_cost_per_year.value));
    CHECK(std::isnan(b.total_per_year.value));
    CHECK(b.infra.total_per_year == Approx(17036.64516));
  }
  SECTION("a weekly window: 52 windows a year, credits still a share of the annual bill") {
    arch.business->sla->window_hours = 168.0;
    const cost::BusinessImpact b = cost::business_impact(arch, downtime, sample_windows());
    CHECK(b.sla->windows_per_year == Approx(8760.0 / 168.0));
    CHECK(b.sla->credits_per_year.value == Approx(3720.0));
  }
  SECTION("a window availability outside [0, 1] is an error") {
    CHECK_THROWS_AS(cost::business_impact(arch, downtime, {0.5, 1.2}), Error);
    CHECK_THROWS_AS(cost::business_impact(arch, downtime, {std::nan("")}), Error);
  }
}

TEST_CASE("fed from a result: the system downtime is priced", "[cost]") {
  const auto arch = cost_fields();
  api::Result result;
  result.system.downtime_minutes_per_year = {120.0, 100.0, 140.0};
  const cost::BusinessImpact b = cost::business_impact(arch, result, sample_windows());
  CHECK(b.downtime_cost_per_year.value == Approx(100000.0));
  CHECK(b.downtime_cost_per_year.lo == Approx(100.0 / 60 * 50000));
}

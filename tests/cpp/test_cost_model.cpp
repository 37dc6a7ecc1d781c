// The cost fields of the model format: replication, fixed cost, business, catalog transfer prices.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "outagesim/error.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using namespace outagesim::model;
using nlohmann::json;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

LoadOptions with_catalog() {
  LoadOptions options;
  options.catalog_dir = SOURCE + "/models/catalog";
  return options;
}

// Two services on two providers; `edit` changes the document before loading.
json base_model() {
  return json::parse(R"({
    "format": "outagesim/v1",
    "providers": {"aws": {"catalog": "aws"}, "gcp": {"catalog": "gcp"}, "onprem": {}},
    "components": {
      "a": {"type": "vm", "location": "aws/us-east-1/use1-az1"},
      "b": {"type": "vm", "location": "aws/us-east-1/use1-az2"},
      "c": {"type": "vm", "location": "aws/us-west-2/usw2-az1"},
      "d": {"type": "vm", "location": "gcp/us-central1/us-central1-a"},
      "e": {"location": "onprem", "failure": {"mtbf": "1y", "mttr": "1h"}},
      "f": {"location": "onprem", "failure": {"mtbf": "1y", "mttr": "1h"}}
    },
    "services": {
      "zones": {"replicas": ["a", "b"]},
      "regions": {"replicas": ["c"]},
      "clouds": {"replicas": ["d"]},
      "local": {"replicas": ["e", "f"]}
    }
  })");
}

std::string problems_of(const json& model) {
  try {
    load_json(model, "<test>", with_catalog());
  } catch (const ModelError& e) {
    std::string text;
    for (const Problem& p : e.problems()) text += p.path + ": " + p.message + "\n";
    return text;
  }
  return "";
}

}  // namespace

TEST_CASE("catalog transfer prices are read into the architecture per provider", "[cost][model]") {
  const Architecture arch = load_json(base_model(), "<test>", with_catalog());
  REQUIRE(arch.transfer.size() == 2);  // onprem has no catalog
  const TransferPrices& aws = arch.transfer.at("aws");
  CHECK(*aws.inter_zone_per_gb == Approx(0.01));
  CHECK(*aws.inter_region_per_gb == Approx(0.02));
  CHECK(*aws.internet_per_gb == Approx(0.09));
  CHECK(aws.origin.rfind("catalog aws: docs/calibration.md#transfer-prices: ", 0) == 0);
  CHECK(*arch.transfer.at("gcp").internet_per_gb == Approx(0.12));
  CHECK(aws.at(TransferBoundary::none) == 0.0);
  CHECK(*aws.at(TransferBoundary::inter_region) == Approx(0.02));
  CHECK_FALSE(arch.fixed_cost_per_month != 0.0);
  CHECK_FALSE(arch.business.has_value());
  for (const Service& s : arch.services) CHECK_FALSE(s.replication.has_value());
}

TEST_CASE("the replication boundary is the widest one any two replicas span", "[cost][model]") {
  json model = base_model();
  model["components"]["a2"] = {{"type", "vm"}, {"location", "aws/us-east-1/use1-az3"}};
  model["components"]["c2"] = {{"type", "vm"}, {"location", "aws/us-east-1/use1-az1"}};
  model["services"]["regions"]["replicas"] = {"c", "a2"};
  model["services"]["clouds"]["replicas"] = {"d", "c2"};
  model["components"]["g"] = {{"type", "vm"}, {"location", "aws/us-east-1"}};
  model["components"]["h"] = {{"type", "vm"}, {"location", "aws/us-east-1/use1-az1"}};
  model["components"]["i"] = {{"type", "vm"}, {"location", "aws/us-east-1/use1-az1"}};
  model["services"]["regional"] = {{"replicas", {"g", "h"}}};
  model["services"]["one-zone"] = {{"replicas", {"i"}}};
  const Architecture arch = load_json(model, "<test>", with_catalog());
  const auto boundary = [&](const std::string& name) {
    return arch.replication_boundary(arch.find_service(name));
  };
  CHECK(boundary("zones") == TransferBoundary::inter_zone);
  CHECK(boundary("regions") == TransferBoundary::inter_region);
  CHECK(boundary("clouds") == TransferBoundary::internet);
  // Two replicas placed at the provider level may be in any regions of it.
  CHECK(boundary("local") == TransferBoundary::inter_region);
  // A replica placed at a region may sit in any of its zones.
  CHECK(boundary("regional") == TransferBoundary::inter_zone);
  CHECK(boundary("one-zone") == TransferBoundary::none);
  CHECK(std::string(to_string(TransferBoundary::internet)) == "internet");
}

TEST_CASE("replication, fixed cost and business are read with their units", "[cost][model]") {
  const Architecture arch =
      load_file(SOURCE + "/tests/models/good/cost_fields.json", with_catalog());
  CHECK(arch.fixed_cost_per_month == 1000.0);
  const Service& db = arch.services[static_cast<std::size_t>(arch.find_service("db"))];
  REQUIRE(db.replication.has_value());
  CHECK(db.replication->gb_per_month == 200.0);
  REQUIRE(db.replication->price_per_gb.has_value());
  CHECK(*db.replication->price_per_gb == 0.005);
  const Service& app = arch.services[static_cast<std::size_t>(arch.find_service("app"))];
  REQUIRE(app.replication.has_value());
  CHECK_FALSE(app.replication->price_per_gb.has_value());

  REQUIRE(arch.business.has_value());
  CHECK(*arch.business->downtime_cost_per_hour == 50000.0);
  REQUIRE(arch.business->sla.has_value());
  const Sla& sla = *arch.business->sla;
  CHECK(sla.target == 0.9995);
  CHECK(sla.window_hours == 720.0);
  REQUIRE(sla.credits.size() == 3);
  CHECK(sla.credits[1].threshold == 0.99);
  CHECK(sla.credits[1].fraction == 0.25);
  CHECK(*sla.monthly_bill == 20000.0);
}

TEST_CASE("SLA defaults: a month's window, no credits, no bill", "[cost][model]") {
  json model = base_model();
  model["business"] = {{"sla", {{"target", 0.999}}}};
  const Architecture arch = load_json(model, "<test>", with_catalog());
  REQUIRE(arch.business->sla.has_value());
  CHECK(arch.business->sla->window_hours == 720.0);
  CHECK(arch.business->sla->credits.empty());
  CHECK_FALSE(arch.business->sla->monthly_bill.has_value());
  CHECK_FALSE(arch.business->downtime_cost_per_hour.has_value());

  model["business"]["sla"]["window"] = "1w";
  CHECK(load_json(model, "<test>", with_catalog()).business->sla->window_hours == 168.0);
  // A bare unit is one of it, as the issue writes "window": "mo".
  model["business"]["sla"]["window"] = "w";
  CHECK(load_json(model, "<test>", with_catalog()).business->sla->window_hours == 168.0);
  model["business"]["sla"]["window"] = "y";
  CHECK(load_json(model, "<test>", with_catalog()).business->sla->window_hours == 8760.0);
  model["business"]["sla"]["window"] = "mon";
  model["business"]["sla"]["window"] = "1mon";
  CHECK(problems_of(model).find("/business/sla/window: unknown duration unit \"mon\"") !=
        std::string::npos);
}

TEST_CASE("replication prices: the model's price, the catalog's, or a problem", "[cost][model]") {
  json model = base_model();
  // Between zones of aws: the catalog prices it.
  model["services"]["zones"]["replication"] = {{"gb_per_month", 10}};
  CHECK(problems_of(model).empty());
  // Between two onprem replicas: no catalog, so a price is needed.
  model["services"]["local"]["replication"] = {{"gb_per_month", 10}};
  const std::string problems = problems_of(model);
  CHECK(problems.find(
            "/services/local/replication: service \"local\" sends replication traffic between "
            "regions (its first replica is under \"onprem\") but provider \"onprem\" names no "
            "catalog with transfer prices") != std::string::npos);
  CHECK(problems.find("/services/zones") == std::string::npos);
  // A stated price, or no traffic, needs no catalog.
  model["services"]["local"]["replication"]["price_per_gb"] = 0.03;
  CHECK(problems_of(model).empty());
  model["services"]["local"]["replication"] = {{"gb_per_month", 0}};
  CHECK(problems_of(model).empty());
}

TEST_CASE("cost field problems are all reported at once with their paths", "[cost][model]") {
  json model = base_model();
  model["fixed_cost_per_month"] = "1000";
  model["business"] = json::parse(R"({
    "downtime_cost_per_hour": -1,
    "sla": {"target": 1, "windw": "mo", "credits": [[0.999, 0.1], [0.99, 1.5]], "monthly_bill": "lots"}
  })");
  model["services"]["zones"]["replication"] = {{"gb_per_month", "500GB"}};
  const std::string problems = problems_of(model);
  INFO(problems);
  CHECK(problems.find("/fixed_cost_per_month: expected a cost in USD a month (a number >= 0), "
                      "found \"1000\"") != std::string::npos);
  CHECK(problems.find("/business/downtime_cost_per_hour: expected a cost in USD per hour of "
                      "downtime >= 0, found -1") != std::string::npos);
  CHECK(problems.find(
            "/business/sla/target: expected an availability target strictly between 0 and 1") !=
        std::string::npos);
  CHECK(problems.find(
            "/business/sla/windw: unknown field \"windw\" in an SLA; did you mean 'window'?") !=
        std::string::npos);
  CHECK(
      problems.find("/business/sla/credits/1/1: expected a fraction of the bill between 0 and 1") !=
      std::string::npos);
  CHECK(problems.find("/business/sla/monthly_bill: expected the customer's monthly bill in USD (a "
                      "number >= 0), found \"lots\"") != std::string::npos);
  CHECK(problems.find("/services/zones/replication/gb_per_month: expected a volume in GB a month "
                      "(a number >= 0), found \"500GB\"") != std::string::npos);
}

TEST_CASE("a catalog that prices only some boundaries", "[cost][model]") {
  // The fixture catalog "acme" states an inter-zone price and nothing else.
  json model = json::parse(R"({
    "format": "outagesim/v1",
    "providers": {"acme": {"catalog": "acme"}},
    "components": {
      "a": {"type": "vm", "location": "acme/north/north-a"},
      "b": {"type": "vm", "location": "acme/north/north-b"},
      "c": {"type": "vm", "location": "acme/south"}
    },
    "services": {
      "pair": {"replicas": ["a", "b"], "replication": {"gb_per_month": 10}},
      "far": {"replicas": ["c"]}
    }
  })");
  LoadOptions options;
  options.catalog_dir = SOURCE + "/tests/models/catalog-fixture";
  const Architecture arch = load_json(model, "<test>", options);
  const TransferPrices& acme = arch.transfer.at("acme");
  CHECK(*acme.inter_zone_per_gb == Approx(0.01));
  CHECK_FALSE(acme.inter_region_per_gb.has_value());
  CHECK(acme.origin == "catalog acme: fixture transfer");

  model["components"]["d"] = {{"type", "vm"}, {"location", "acme/north/north-a"}};
  model["services"]["far"]["replicas"] = {"c", "d"};
  model["services"]["far"]["replication"] = {{"gb_per_month", 10}};
  try {
    load_json(model, "<test>", options);
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].path == "/services/far/replication");
    CHECK(e.problems()[0].message.find(
              "between regions (its first replica is under \"acme\") but the catalog "
              "of provider \"acme\" states no inter_region_per_gb price") != std::string::npos);
  }
}

// Infrastructure prices checked by hand against the catalog figures.
#include <catch2/catch.hpp>

#include "outagesim/cost/price.h"
#include "outagesim/error.h"
#include "outagesim/model/loader.h"

using namespace outagesim;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

model::Architecture load(const std::string& relative) {
  model::LoadOptions options;
  options.catalog_dir = SOURCE + "/models/catalog";
  return model::load_file(SOURCE + "/" + relative, options);
}

const cost::ComponentCost& row(const cost::InfraCost& c, const std::string& name) {
  for (const auto& r : c.components) {
    if (r.component == name) return r;
  }
  throw std::runtime_error("no component " + name);
}

const cost::ReplicationCost& transfer(const cost::InfraCost& c, const std::string& service) {
  for (const auto& r : c.replication) {
    if (r.service == service) return r;
  }
  throw std::runtime_error("no replication of " + service);
}

// models/catalog/aws.json cost_per_hour (docs/calibration.md#component-prices).
constexpr double VM = 0.096, MANAGED_DB = 0.171, LOAD_BALANCER = 0.0225, OBJECT_STORAGE = 0.003151,
                 DNS = 0.000685, CACHE = 0.156;

}  // namespace

TEST_CASE("the multi-AZ example costs what the aws catalog says", "[cost]") {
  const auto arch = load("models/examples/02-multi-az.json");
  const cost::InfraCost c = cost::price(arch);
  REQUIRE(c.components.size() == 10);

  // Serving: dns, lb, three web servers, the cache primary, the database primary, images.
  const double serving = DNS + LOAD_BALANCER + 3 * VM + CACHE + MANAGED_DB + OBJECT_STORAGE;
  // Standby: the ElastiCache replica and the RDS Multi-AZ standby (active_passive, not first).
  const double standby = CACHE + MANAGED_DB;
  CHECK(serving == Approx(0.641336));
  CHECK(c.compute_per_year == Approx(serving * 8760));  // 5618.10
  CHECK(c.standby_per_year == Approx(standby * 8760));  // 2864.52
  CHECK(c.standby_per_year == Approx(2864.52));
  CHECK(row(c, "db-b").standby);
  CHECK(row(c, "cache-b").standby);
  CHECK_FALSE(row(c, "db-a").standby);
  CHECK_FALSE(row(c, "web-3").standby);  // active_active spares serve
  CHECK(row(c, "web-1").service == "web");
  CHECK(row(c, "web-1").per_hour == Approx(VM));
  CHECK(row(c, "web-1").per_year == Approx(840.96));
  CHECK(row(c, "web-1").origin.rfind("catalog aws: ", 0) == 0);

  // Replication: the cache copies 100 GB a month between two zones at $0.01/GB (catalog); the
  // database states $0/GB (RDS does not bill Multi-AZ replication).
  const auto& cache = transfer(c, "cache");
  CHECK(cache.boundary == model::TransferBoundary::inter_zone);
  CHECK(cache.gb_per_month == 100.0);
  CHECK(cache.price_per_gb == Approx(0.01));
  CHECK(cache.per_year == Approx(12.0));
  CHECK(cache.price_origin.rfind("catalog aws: docs/calibration.md#transfer-prices: ", 0) == 0);
  const auto& db = transfer(c, "db");
  CHECK(db.price_per_gb == 0.0);
  CHECK(db.price_origin == "model");
  CHECK(c.replication_per_year == Approx(12.0));

  CHECK(c.fixed_per_year == Approx(300.0 * 12));
  CHECK(c.total_per_year == Approx((serving + standby) * 8760 + 12.0 + 3600.0));  // 12094.62
  CHECK(c.total_per_year == Approx(12094.62336));
}

TEST_CASE("replication priced across regions, providers, one zone and at a stated price",
          "[cost]") {
  const auto arch = load("tests/models/good/cost_fields.json");
  const cost::InfraCost c = cost::price(arch);
  REQUIRE(c.replication.size() == 4);

  const auto& app = transfer(c, "app");  // us-east-1 and us-west-2: aws inter-region $0.02
  CHECK(app.boundary == model::TransferBoundary::inter_region);
  CHECK(app.price_per_gb == Approx(0.02));
  CHECK(app.per_year == Approx(50 * 0.02 * 12));  // 12
  const auto& store = transfer(c, "store");       // aws and gcp: aws internet egress $0.09
  CHECK(store.boundary == model::TransferBoundary::internet);
  CHECK(store.price_per_gb == Approx(0.09));
  CHECK(store.per_year == Approx(108.0));
  const auto& db = transfer(c, "db");  // stated $0.005 wins over the catalog's $0.01
  CHECK(db.boundary == model::TransferBoundary::inter_zone);
  CHECK(db.price_per_gb == 0.005);
  CHECK(db.per_year == Approx(12.0));
  CHECK(db.price_origin == "model");
  const auto& queue = transfer(c, "queue");  // both replicas in use1-az1
  CHECK(queue.boundary == model::TransferBoundary::none);
  CHECK(queue.per_year == 0.0);
  CHECK(queue.price_origin == "same zone: no transfer charge");
  CHECK(c.replication_per_year == Approx(132.0));

  const double serving =
      2 * VM + MANAGED_DB + OBJECT_STORAGE + 0.00274 /* gcp object storage */ + 2 * 0.01;
  CHECK(c.compute_per_year == Approx(serving * 8760));  // 3406.69
  CHECK(c.standby_per_year == Approx(MANAGED_DB * 8760));
  CHECK(row(c, "queue-1").origin == "model");
  CHECK(c.fixed_per_year == 12000.0);
  CHECK(c.total_per_year == Approx(17036.64516));
}

TEST_CASE(
    "a hand-built architecture: unpriced replication throws, components outside services count",
    "[cost]") {
  model::Architecture arch;
  arch.domains.push_back({"p", "p", model::DomainLevel::provider, -1, {}, "model"});
  arch.domains.push_back({"r1", "p/r1", model::DomainLevel::region, 0, {}, "model"});
  arch.domains.push_back({"r2", "p/r2", model::DomainLevel::region, 0, {}, "model"});
  for (int i = 0; i < 3; ++i) {
    model::Component c;
    c.name = "c" + std::to_string(i);
    c.location = 1 + (i % 2);
    c.cost_per_hour = 1.0;
    arch.components.push_back(c);
  }
  model::Service s;
  s.name = "s";
  s.replicas = {0, 1};
  s.replication = model::Replication{100.0, std::nullopt};
  arch.services.push_back(s);
  CHECK_THROWS_AS(cost::price(arch), Error);

  arch.transfer["p"] = {0.01, 0.05, 0.1, "test prices"};
  const cost::InfraCost c = cost::price(arch);
  CHECK(c.replication[0].price_per_gb == 0.05);
  CHECK(c.replication[0].price_origin == "test prices");
  CHECK(c.replication_per_year == Approx(60.0));
  // c2 belongs to no service: still paid for, as serving compute.
  CHECK(c.components[2].service.empty());
  CHECK(c.compute_per_year == Approx(3 * 8760.0));
  CHECK(c.standby_per_year == 0.0);
  CHECK(c.total_per_year == Approx(3 * 8760.0 + 60.0));

  const auto j = cost::to_json(c);
  CHECK(j["replication"][0]["boundary"] == "inter_region");
  CHECK(j["total_per_year"].get<double>() == Approx(c.total_per_year));
  CHECK(j["components"].size() == 3);
}

TEST_CASE("the examples price replication at the boundary their design spans", "[cost][examples]") {
  const auto transfer_of = [](const std::string& file, const std::string& service) {
    const cost::InfraCost c = cost::price(load("models/examples/" + file));
    return transfer(c, service);
  };
  // Single zone: nothing crosses a zone, nothing is priced.
  CHECK(cost::price(load("models/examples/01-single-zone.json")).replication.empty());
  // Multi-region: the database log reaches us-west-2 at the aws inter-region price.
  const auto ap = transfer_of("03-multi-region-active-passive.json", "db");
  CHECK(ap.boundary == model::TransferBoundary::inter_region);
  CHECK(ap.per_year == Approx(200 * 0.02 * 12));  // 48
  CHECK(transfer_of("04-multi-region-active-active.json", "images").per_year ==
        Approx(100 * 0.02 * 12));
  // Multi-cloud: leaving AWS for GCP is internet egress.
  const auto mc = transfer_of("05-multi-cloud.json", "db");
  CHECK(mc.boundary == model::TransferBoundary::internet);
  CHECK(mc.per_year == Approx(200 * 0.09 * 12));  // 216
  // Every example states the same business figures, so designs compare.
  for (const char* file :
       {"01-single-zone.json", "02-multi-az.json", "03-multi-region-active-passive.json",
        "04-multi-region-active-active.json", "05-multi-cloud.json"}) {
    INFO(file);
    const auto arch = load(std::string("models/examples/") + file);
    REQUIRE(arch.business.has_value());
    CHECK(*arch.business->downtime_cost_per_hour == 6000.0);
    REQUIRE(arch.business->sla.has_value());
    CHECK(arch.business->sla->target == 0.9995);
    CHECK(arch.business->sla->credits.size() == 3);
    CHECK(arch.fixed_cost_per_month > 0.0);
  }
}

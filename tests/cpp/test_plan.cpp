// build_plan: elements and supports, topological order, cycles, scopes and reverse edges.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using namespace outagesim::graph;
using model::Architecture;

namespace {

const std::string GOOD = std::string(OUTAGESIM_SOURCE_DIR) + "/tests/models/good/";

std::vector<int> row(const Rows& rows, int r) { return {rows.begin(r), rows.end(r)}; }

int position(const std::vector<int>& order, int value) {
  return static_cast<int>(std::find(order.begin(), order.end(), value) - order.begin());
}

model::FailureProcess process(double mttf, double mttr) {
  model::FailureProcess p;
  p.never_fails = false;
  p.ttf = model::Distribution::exponential(mttf);
  p.ttr = model::Distribution::exponential(mttr);
  return p;
}

// An in-memory architecture (no loader checks): one provider, services of one replica each.
Architecture chain(const std::vector<std::string>& names) {
  Architecture a;
  a.name = "chain";
  a.source = "<memory>";
  a.domains.push_back({"p", "p", model::DomainLevel::provider, -1, {}, "model"});
  for (std::size_t i = 0; i < names.size(); ++i) {
    model::Component c;
    c.name = names[i] + "-1";
    c.location = 0;
    c.failure = process(1000.0, 10.0);
    a.components.push_back(c);
    model::Service s;
    s.name = names[i];
    s.replicas = {static_cast<int>(i)};
    a.services.push_back(s);
  }
  return a;
}

}  // namespace

TEST_CASE("Rows hold compressed rows", "[plan]") {
  Rows rows;
  CHECK(rows.size() == 0);
  rows.add_row({3, 4});
  rows.add_row({});
  rows.add_row({7});
  CHECK(rows.size() == 3);
  CHECK(rows.count(0) == 2);
  CHECK(rows.count(1) == 0);
  CHECK(row(rows, 2) == std::vector<int>{7});
  CHECK(rows.offsets == std::vector<int>{0, 2, 2, 3});
}

TEST_CASE("the plan of the docs/model-format.md example", "[plan]") {
  const Architecture a = model::load_file(GOOD + "design_example.json");
  const Plan plan = build_plan(a);
  CHECK(plan.domain_count == 4);
  CHECK(plan.component_count == 4);
  CHECK(plan.element_count() == 8);
  REQUIRE(plan.element_process.size() == 8);
  CHECK(plan.element_kind[0] == ElementKind::provider);
  CHECK(plan.element_kind[1] == ElementKind::region);
  CHECK(plan.element_kind[2] == ElementKind::zone);
  CHECK(plan.element_kind[4] == ElementKind::component);
  CHECK(plan.element_name[1] == "aws/us-east-1");
  CHECK(plan.element_parent == std::vector<int>{-1, 0, 1, 1, a.components[0].location,
                                                a.components[1].location, a.components[2].location,
                                                a.components[3].location});
  CHECK(std::string(to_string(ElementKind::zone)) == "zone");

  const int web1 = a.find_component("web-1");
  const int az1 = a.find_domain("aws/us-east-1/use1-az1");
  CHECK(plan.component_element(web1) == 4 + web1);
  CHECK(plan.element_name[plan.component_element(web1)] == "web-1");
  CHECK(plan.element_process[plan.component_element(web1)].mttf() == Approx(4320.0));
  CHECK(row(plan.component_support, web1) == std::vector<int>{4 + web1, az1, 1, 0});
  // Every component needs the provider and the region; each zone holds two components.
  CHECK(plan.element_components.size() == 8);
  CHECK(plan.element_components.count(0) == 4);
  CHECK(plan.element_components.count(1) == 4);
  CHECK(plan.element_components.count(az1) == 2);
  CHECK(row(plan.element_components, 4 + web1) == std::vector<int>{web1});

  const int web = a.find_service("web");
  const int db = a.find_service("db");
  REQUIRE(plan.service_order.size() == 2);
  CHECK(position(plan.service_order, db) < position(plan.service_order, web));
  CHECK(row(plan.service_replicas, web) == a.services[web].replicas);
  CHECK(row(plan.service_dependents, db) == std::vector<int>{web});
  CHECK(plan.service_dependents.count(web) == 0);
  // Scope "any": every replica of db is a candidate for each replica of web.
  CHECK(row(plan.scope_candidates, plan.scope_row(web, 0, 0)) == std::vector<int>{0, 1});
  CHECK(row(plan.scope_candidates, plan.scope_row(web, 1, 0)) == std::vector<int>{0, 1});
  CHECK(plan.scope_candidates.size() == 2);  // db has no dependencies, so no rows

  REQUIRE(plan.capability_services.size() == 2);
  CHECK(row(plan.capability_services, 1) == std::vector<int>{web, db});
  CHECK(plan.architecture.name == "webshop-multi-az");
}

TEST_CASE("topological order puts every dependency first", "[plan]") {
  Architecture a = chain({"edge", "api", "auth", "db", "cache"});
  auto dep = [&](const char* from, const char* to) {
    a.services[a.find_service(from)].depends_on.push_back({a.find_service(to), model::Scope::any});
  };
  dep("edge", "api");
  dep("api", "auth");
  dep("api", "db");
  dep("auth", "db");
  dep("api", "cache");
  a.capabilities.push_back({"system", {a.find_service("edge")}, 1.0});
  const Plan plan = build_plan(a);
  REQUIRE(plan.service_order.size() == 5);
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    for (const model::Dependency& d : a.services[s].depends_on) {
      CHECK(position(plan.service_order, d.service) <
            position(plan.service_order, static_cast<int>(s)));
    }
  }
  CHECK(row(plan.service_dependents, a.find_service("db")) ==
        std::vector<int>{a.find_service("api"), a.find_service("auth")});
}

TEST_CASE("a dependency cycle is a ModelError naming the cycle", "[plan]") {
  Architecture a = chain({"web", "api", "db"});
  a.services[0].depends_on.push_back({1, model::Scope::any});  // web -> api
  a.services[1].depends_on.push_back({2, model::Scope::any});  // api -> db
  a.services[1].depends_on.push_back({0, model::Scope::any});  // api -> web
  try {
    build_plan(a);
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].file == "<memory>");
    CHECK(e.problems()[0].path == "/services/web/depends_on");
    CHECK(e.problems()[0].message.find("web -> api -> web") != std::string::npos);
  }
  Architecture self = chain({"solo"});
  self.services[0].depends_on.push_back({0, model::Scope::any});
  CHECK_THROWS_WITH(build_plan(self), Catch::Contains("solo -> solo"));
}

TEST_CASE("scope candidates follow the replica's provider, region and zone", "[plan]") {
  // Zones named alike in different regions are different zones.
  nlohmann::json doc = nlohmann::json::parse(R"({
    "format": "outagesim/v1",
    "providers": {"p1": {"regions": {"r1": {"zones": {"z1": {}, "z2": {}}}, "r2": {"zones": {"z1": {}}}}},
                  "p2": {"regions": {"r1": {"zones": {"z1": {}}}}}},
    "components": {},
    "services": {"app": {"replicas": ["app-1", "app-2", "app-3"], "depends_on": [
      {"service": "kz", "scope": "same_zone"}, {"service": "kr", "scope": "same_region"},
      {"service": "kp", "scope": "same_provider"}, {"service": "ka", "scope": "any"}]}}
  })");
  const std::vector<std::string> places{"p1/r1/z1", "p1/r1/z2", "p1/r2/z1", "p2/r1/z1"};
  const nlohmann::json fail = {{"mtbf", "1y"}, {"mttr", "1h"}};
  for (const std::string prefix : {"kz", "kr", "kp", "ka"}) {
    nlohmann::json replicas = nlohmann::json::array();
    for (std::size_t i = 0; i < places.size(); ++i) {
      const std::string name = prefix + "-" + std::to_string(i);
      doc["components"][name] = {{"location", places[i]}, {"failure", fail}};
      replicas.push_back(name);
    }
    doc["services"][prefix] = {{"replicas", replicas}};
  }
  doc["components"]["app-1"] = {{"location", "p1/r1/z1"}, {"failure", fail}};
  doc["components"]["app-2"] = {{"location", "p1/r2/z1"}, {"failure", fail}};
  doc["components"]["app-3"] = {{"location", "p2/r1/z1"}, {"failure", fail}};
  const Architecture a = model::load_json(doc, "<dict>");
  const Plan plan = build_plan(a);
  const int app = a.find_service("app");
  using V = std::vector<int>;
  // app-1 at p1/r1/z1
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 0, 0)) == V{0});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 0, 1)) == V{0, 1});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 0, 2)) == V{0, 1, 2});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 0, 3)) == V{0, 1, 2, 3});
  // app-2 at p1/r2/z1
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 1, 0)) == V{2});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 1, 1)) == V{2});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 1, 2)) == V{0, 1, 2});
  // app-3 at p2/r1/z1
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 2, 0)) == V{3});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 2, 1)) == V{3});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 2, 2)) == V{3});
  CHECK(row(plan.scope_candidates, plan.scope_row(app, 2, 3)) == V{0, 1, 2, 3});
  CHECK(plan.scope_candidates.size() == 12);
  for (const char* dep : {"kz", "kr", "kp", "ka"}) {
    CHECK(row(plan.service_dependents, a.find_service(dep)) == V{app});
    CHECK(position(plan.service_order, a.find_service(dep)) < position(plan.service_order, app));
  }
  // The implicit capability needs only app: everything else is a dependency of it.
  CHECK(a.implicit_capability);
  CHECK(row(plan.capability_services, 0) == V{app});
}

TEST_CASE("a scoped dependency needs replicas placed deep enough", "[plan]") {
  Architecture a = chain({"web", "db"});
  a.domains.push_back({"r", "p/r", model::DomainLevel::region, 0, {}, "model"});
  a.domains.push_back({"z", "p/r/z", model::DomainLevel::zone, 1, {}, "model"});
  a.components[0].location = 1;  // web-1 at the region
  a.components[1].location = 2;  // db-1 in the zone
  a.services[0].depends_on.push_back({1, model::Scope::same_region});
  CHECK_NOTHROW(build_plan(a));
  a.services[0].depends_on[0].scope = model::Scope::same_zone;
  try {
    build_plan(a);
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].path == "/services/web/depends_on/0");
    CHECK(e.problems()[0].message.find(
              "same_zone dependency on 'db' cannot be resolved for replica "
              "'web-1' at \"p/r\", which is not placed in a zone") != std::string::npos);
  }
}

TEST_CASE("build_plan rejects indices out of range in hand-built models", "[plan]") {
  Architecture a = chain({"web"});
  a.services[0].replicas.push_back(5);
  CHECK_THROWS_AS(build_plan(a), ModelError);
  Architecture b = chain({"web"});
  b.components[0].location = 3;
  CHECK_THROWS_AS(build_plan(b), ModelError);
}

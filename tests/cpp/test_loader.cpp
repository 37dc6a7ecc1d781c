// The model loader: the documented example, defaults, catalog merging, the bad-model corpus.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "outagesim/error.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using namespace outagesim::model;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;
const std::string GOOD = SOURCE + "/tests/models/good/";
const std::string BAD = SOURCE + "/tests/models/bad/";
const std::string FIXTURE_CATALOGS = SOURCE + "/tests/models/catalog-fixture";

LoadOptions fixture_options() {
  LoadOptions options;
  options.catalog_dir = FIXTURE_CATALOGS;
  return options;
}

// Loads text expecting failure; returns the problems.
std::vector<Problem> problems_of_text(const std::string& text, const LoadOptions& options = {}) {
  try {
    load_text(text, "<string>", options);
  } catch (const ModelError& e) {
    return e.problems();
  }
  FAIL("expected a ModelError for: " << text);
  return {};
}

bool has_problem(const std::vector<Problem>& problems, const std::string& path,
                 const std::string& fragment) {
  for (const Problem& p : problems) {
    if (p.path == path && p.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string listing(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) out += p.to_string() + "\n";
  return out;
}

// A small model placed under the fixture catalog's provider "acme".
nlohmann::json acme_model() {
  return nlohmann::json::parse(R"({
    "format": "outagesim/v1",
    "name": "acme-shop",
    "providers": {
      "acme": {"catalog": "acme",
               "regions": {"north": {"outage": {"mtbf": "4y", "mttr": "9h"}}}}
    },
    "components": {
      "app-1": {"location": "acme/north/north-a", "type": "vm"},
      "app-2": {"location": "acme/north/north-b", "type": "vm", "cost_per_hour": 0.25},
      "store": {"location": "acme/south", "type": "disk"},
      "batch": {"location": "acme/north", "type": "priced_only", "failure": {"mtbf": "1y", "mttr": "2h"}}
    },
    "services": {
      "app": {"replicas": ["app-1", "app-2"], "depends_on": ["store"]},
      "store": {"replicas": ["store"]},
      "batch": {"replicas": ["batch"]}
    }
  })");
}

}  // namespace

TEST_CASE("the docs/model-format.md example model loads with every value resolved", "[loader]") {
  const Architecture a = load_file(GOOD + "design_example.json");
  CHECK(a.name == "webshop-multi-az");
  CHECK(a.source == GOOD + "design_example.json");
  CHECK(a.catalogs.empty());

  REQUIRE(a.domains.size() == 4);
  CHECK(a.domains[0].path == "aws");
  CHECK(a.domains[0].level == DomainLevel::provider);
  CHECK(a.domains[0].parent == -1);
  CHECK(a.domains[1].path == "aws/us-east-1");
  CHECK(a.domains[1].name == "us-east-1");
  CHECK(a.domains[1].parent == 0);
  CHECK(a.domains[2].path == "aws/us-east-1/use1-az1");
  CHECK(a.domains[2].level == DomainLevel::zone);
  CHECK(a.domains[3].parent == 1);
  CHECK(a.domains[0].outage.mttf() == Approx(87600.0));
  CHECK(a.domains[0].outage.mttr() == Approx(3.0));
  CHECK(a.domains[1].outage.mttf() == Approx(43800.0));
  CHECK(a.domains[2].outage.mttr() == Approx(4.0));
  CHECK(a.domains[2].outage_origin == "model");

  REQUIRE(a.components.size() == 4);
  const int web1 = a.find_component("web-1");
  const int dba = a.find_component("db-a");
  REQUIRE(web1 >= 0);
  REQUIRE(dba >= 0);
  CHECK(a.components[web1].location == a.find_domain("aws/us-east-1/use1-az1"));
  CHECK(a.components[web1].failure.mttf() == Approx(4320.0));
  CHECK(a.components[web1].failure.mttr() == Approx(0.25));
  CHECK(a.components[web1].cost_per_hour == Approx(0.096));
  CHECK(a.components[dba].failure.ttf.kind == DistributionKind::weibull);
  CHECK(a.components[dba].failure.ttf.shape == 0.8);
  CHECK(a.components[dba].failure.mttf() == Approx(8760.0));
  CHECK(a.components[dba].failure.ttr.kind == DistributionKind::lognormal);
  CHECK(a.components[dba].failure.ttr.median() == Approx(1.0));
  CHECK(a.components[dba].cost_per_hour == 0.0);

  REQUIRE(a.services.size() == 2);
  const Service& web = a.services[a.find_service("web")];
  const Service& db = a.services[a.find_service("db")];
  CHECK(web.mode == RedundancyMode::active_active);
  CHECK(web.min_healthy == 1);
  REQUIRE(web.replicas.size() == 2);
  CHECK(a.components[web.replicas[0]].name == "web-1");
  CHECK(a.components[web.replicas[1]].name == "web-2");
  REQUIRE(web.depends_on.size() == 1);
  CHECK(web.depends_on[0].service == a.find_service("db"));
  CHECK(web.depends_on[0].scope == Scope::any);
  CHECK(db.mode == RedundancyMode::active_passive);
  CHECK(a.components[db.replicas[0]].name == "db-a");
  CHECK(db.failover.detection.mean == Approx(1.0 / 60.0));
  CHECK(db.failover.switchover.mean == Approx(2.0 / 60.0));
  CHECK(db.failover.success_probability == 0.99);
  CHECK(db.failover.manual_recovery.mean == Approx(0.5));
  CHECK_FALSE(db.failover.is_instant());

  CHECK_FALSE(a.implicit_capability);
  REQUIRE(a.capabilities.size() == 2);
  CHECK(a.capabilities[0].name == "browse");
  CHECK(a.capabilities[0].weight == 0.9);
  CHECK(a.capabilities[0].services == std::vector<int>{a.find_service("web")});
  CHECK(a.capabilities[1].name == "checkout");
  CHECK(a.capabilities[1].services ==
        std::vector<int>{a.find_service("web"), a.find_service("db")});
}

TEST_CASE("defaults: active_active 1, scope any, implicit system capability", "[loader]") {
  const Architecture a = load_text(R"({
    "format": "outagesim/v1",
    "providers": {"p": {"regions": {"r": {"zones": {"z": {}}}}}},
    "components": {"a1": {"location": "p/r/z", "failure": {"mtbf": "1y", "mttr": "1h"}},
                   "b1": {"location": "p/r", "failure": {"mtbf": "1y", "mttr": "1h"}},
                   "c1": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h"}}},
    "services": {"a": {"replicas": ["a1"], "depends_on": [{"service": "b", "scope": "same_provider"}]},
                 "b": {"replicas": ["b1"]},
                 "c": {"replicas": ["c1"], "redundancy": {"mode": "active_passive"}}}
  })",
                                   "<string>");
  CHECK(a.name == "model");
  CHECK(a.source == "<string>");
  CHECK(a.domains[0].outage.never_fails);
  const Service& s = a.services[a.find_service("a")];
  CHECK(s.mode == RedundancyMode::active_active);
  CHECK(s.min_healthy == 1);
  CHECK(s.depends_on[0].scope == Scope::same_provider);
  CHECK(a.services[a.find_service("c")].failover.is_instant());
  CHECK(a.implicit_capability);
  REQUIRE(a.capabilities.size() == 1);
  CHECK(a.capabilities[0].name == "system");
  CHECK(a.capabilities[0].weight == 1.0);
  // b is needed by a, so the system needs a and c only.
  CHECK(a.capabilities[0].services == std::vector<int>{a.find_service("a"), a.find_service("c")});
}

TEST_CASE("load_json names in-memory models by their source", "[loader]") {
  nlohmann::json doc = acme_model();
  doc["services"]["app"]["replicas"] = {"app-1", "nope"};
  try {
    load_json(doc, "<dict>", fixture_options());
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].file == "<dict>");
    CHECK(e.problems()[0].path == "/services/app/replicas/1");
    CHECK(std::string(e.what()).find(
              "<dict>: /services/app/replicas/1: unknown component \"nope\"") != std::string::npos);
  }
}

TEST_CASE("catalog merge: defaults, added domains, types, and origins", "[loader][catalog]") {
  const Architecture a = load_json(acme_model(), "<dict>", fixture_options());
  CHECK(a.catalogs == std::vector<std::string>{"acme"});

  // Only the domains the model lists or uses, parents first: never the whole catalog.
  std::vector<std::string> paths;
  for (const Domain& d : a.domains) paths.push_back(d.path);
  CHECK(paths == std::vector<std::string>{"acme", "acme/north", "acme/north/north-a",
                                          "acme/north/north-b", "acme/south"});
  for (std::size_t i = 0; i < a.domains.size(); ++i) {
    if (a.domains[i].parent >= 0) CHECK(a.domains[i].parent < static_cast<int>(i));
  }
  const Domain& acme = a.domains[a.find_domain("acme")];
  CHECK(acme.outage.mttf() == Approx(20 * 8760.0));
  CHECK(acme.outage_origin == "catalog acme: fixture provider outage");
  // The model's own region outage wins over the catalog's.
  const Domain& north = a.domains[a.find_domain("acme/north")];
  CHECK(north.outage.mttf() == Approx(4 * 8760.0));
  CHECK(north.outage.mttr() == Approx(9.0));
  CHECK(north.outage_origin == "model");
  const Domain& za = a.domains[a.find_domain("acme/north/north-a")];
  CHECK(za.level == DomainLevel::zone);
  CHECK(za.parent == a.find_domain("acme/north"));
  CHECK(za.outage.availability() == Approx(0.999));
  CHECK(za.outage_origin == "catalog acme: fixture north-a");
  CHECK(a.domains[a.find_domain("acme/north/north-b")].outage_origin == "catalog acme");
  const Domain& south = a.domains[a.find_domain("acme/south")];
  CHECK(south.outage.mttr() == Approx(6.0));
  CHECK(south.outage_origin == "catalog acme: fixture south");

  const Component& app1 = a.components[a.find_component("app-1")];
  CHECK(app1.type == "vm");
  CHECK(app1.failure.mttf() == Approx(4320.0));
  CHECK(app1.failure.mttr() == Approx(0.5));
  CHECK(app1.failure_origin == "catalog acme: fixture vm failures");
  CHECK(app1.cost_per_hour == Approx(0.1));
  CHECK(app1.cost_origin == "catalog acme: fixture vm price");
  const Component& app2 = a.components[a.find_component("app-2")];
  CHECK(app2.cost_per_hour == Approx(0.25));
  CHECK(app2.cost_origin == "model");
  CHECK(app2.failure_origin == "catalog acme: fixture vm failures");
  const Component& store = a.components[a.find_component("store")];
  CHECK(store.failure.ttf.kind == DistributionKind::weibull);
  CHECK(store.failure.mttf() == Approx(3 * 8760.0));
  CHECK(store.failure_origin == "catalog acme");
  CHECK(store.cost_per_hour == 0.0);
  const Component& batch = a.components[a.find_component("batch")];
  CHECK(batch.failure_origin == "model");
  CHECK(batch.cost_per_hour == Approx(0.5));
  CHECK(batch.cost_origin == "catalog acme: fixture price only");
}

TEST_CASE("catalog problems: unknown names, unknown types, broken files, no directory",
          "[loader][catalog]") {
  nlohmann::json doc = acme_model();
  doc["components"]["app-1"]["type"] = "vn";
  doc["components"]["app-2"]["location"] = "acme/west/west-a";
  doc["components"]["batch"]["type"] = "priced_only";
  doc["components"]["batch"].erase("failure");
  std::vector<Problem> problems;
  try {
    load_json(doc, "<dict>", fixture_options());
  } catch (const ModelError& e) {
    problems = e.problems();
  }
  INFO(listing(problems));
  CHECK(has_problem(problems, "/components/app-1/type",
                    "unknown component type \"vn\" in catalog \"acme\"; did you mean 'vm'?"));
  CHECK(
      has_problem(problems, "/components/app-2/location", "unknown location \"acme/west/west-a\""));
  CHECK(has_problem(problems, "/components/batch",
                    "catalog \"acme\" gives type \"priced_only\" no failure default"));
  CHECK(problems.size() == 3);

  nlohmann::json broken = acme_model();
  broken["providers"]["acme"]["catalog"] = "broken";
  try {
    load_json(broken, "<dict>", fixture_options());
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    const std::string file = (std::filesystem::path(FIXTURE_CATALOGS) / "broken.json").string();
    INFO(listing(e.problems()));
    bool bad_mtbf = false;
    bool bad_cost = false;
    for (const Problem& p : e.problems()) {
      bad_mtbf =
          bad_mtbf || (p.file == file && p.path == "/outage/mtbf" &&
                       p.message.find("unknown duration unit \" years\"") != std::string::npos);
      bad_cost = bad_cost || (p.file == file && p.path == "/component_types/vm/cost_per_hour");
    }
    CHECK(bad_mtbf);
    CHECK(bad_cost);
  }

  nlohmann::json unknown = acme_model();
  unknown["providers"]["acme"]["catalog"] = "acne";
  try {
    load_json(unknown, "<dict>", fixture_options());
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    CHECK(has_problem(
        e.problems(), "/providers/acme/catalog",
        "unknown catalog \"acne\"; did you mean 'acme'? expected one of: acme, broken"));
  }

  try {
    load_json(acme_model(), "<dict>");
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    CHECK(has_problem(e.problems(), "/providers/acme/catalog", "no catalog directory is known"));
  }
}

TEST_CASE("the shipped catalogs load and merge", "[loader][catalog]") {
  const std::string dir = SOURCE + "/models/catalog";
  if (!std::filesystem::exists(dir + "/aws.json")) {
    WARN("models/catalog/aws.json not present yet");
    return;
  }
  LoadOptions options;
  options.catalog_dir = dir;
  const Architecture a = load_text(R"({
    "format": "outagesim/v1",
    "providers": {"aws": {"catalog": "aws"}},
    "components": {"vm-1": {"location": "aws/us-east-1", "type": "vm"}},
    "services": {"app": {"replicas": ["vm-1"]}}
  })",
                                   "<string>", options);
  CHECK(a.catalogs == std::vector<std::string>{"aws"});
  REQUIRE(a.domains.size() == 2);
  CHECK(a.domains[1].path == "aws/us-east-1");
  CHECK(a.domains[1].outage_origin.rfind("catalog aws: ", 0) == 0);
  CHECK_FALSE(a.domains[1].outage.never_fails);
  CHECK(a.components[0].failure_origin.rfind("catalog aws: ", 0) == 0);
  CHECK(a.components[0].cost_per_hour > 0.0);
}

TEST_CASE("duplicate keys are reported with their JSON pointer", "[loader]") {
  const auto problems = problems_of_text(R"({"format": "outagesim/v1",
    "providers": {"p": {}},
    "components": {"a": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h", "mttr": "2h"}}},
    "services": {"s": {"replicas": ["a"],
                       "depends_on": [],
                       "redundancy": {"mode": "active_active", "min_healthy": 1}},
                 "t": {"replicas": [], "depends_on": ["s", {"service": "s", "service": "s"}]}}
  })");
  INFO(listing(problems));
  CHECK(has_problem(problems, "/components/a/failure/mttr", "duplicate key \"mttr\""));
  CHECK(has_problem(problems, "/services/t/depends_on/1/service", "duplicate key \"service\""));
}

TEST_CASE("syntax errors give line and column", "[loader]") {
  const auto problems =
      problems_of_text("{\n  \"format\": \"outagesim/v1\",\n  \"components\": {,}\n}");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].path.empty());
  CHECK(problems[0].message.find("not valid JSON") != std::string::npos);
  CHECK(problems[0].message.find("line 3, column 18") != std::string::npos);
  CHECK(problems[0].to_string().rfind("<string>: /: the file is not valid JSON", 0) == 0);
}

TEST_CASE("a missing file and a file over MAX_MODEL_BYTES are rejected before parsing",
          "[loader]") {
  try {
    load_file(BAD + "does-not-exist.json");
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].message.find("does not exist") != std::string::npos);
  }
  const auto path = std::filesystem::temp_directory_path() / "outagesim-h1-huge-model.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"format\": \"outagesim/v1\", \"description\": \"";
    const std::string chunk(1 << 16, 'x');
    for (std::size_t written = 0; written <= MAX_MODEL_BYTES; written += chunk.size()) out << chunk;
    out << "\"}";
  }
  REQUIRE(std::filesystem::file_size(path) > MAX_MODEL_BYTES);
  try {
    load_file(path.string());
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].path.empty());
    CHECK(e.problems()[0].message.find("larger than 16 MiB (the limit of 16777216 bytes") !=
          std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST_CASE("every file of the bad-model corpus fails with its expected problem",
          "[loader][corpus]") {
  std::ifstream in(BAD + "expected.json");
  REQUIRE(in.good());
  const nlohmann::json expected = nlohmann::json::parse(in);
  CHECK(expected.size() >= 35);

  // Every corpus file has an entry and every entry a file.
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(BAD)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" && name != "expected.json") files.insert(name);
  }
  std::set<std::string> listed;
  for (const auto& [name, entry] : expected.items()) listed.insert(name);
  CHECK(files == listed);

  LoadOptions options;
  options.catalog_dir = SOURCE + "/models/catalog";
  for (const auto& [name, entry] : expected.items()) {
    const std::string path = entry.at("path").get<std::string>();
    const std::string message = entry.at("message").get<std::string>();
    const std::string schema = entry.at("schema").get<std::string>();
    INFO(name << " expects " << path << ": " << message);
    CHECK((schema == "accept" || schema == "reject"));
    bool thrown = false;
    try {
      load_file(BAD + name, options);
    } catch (const ModelError& e) {
      thrown = true;
      INFO(listing(e.problems()));
      CHECK(has_problem(e.problems(), path, message));
      for (const Problem& p : e.problems()) CHECK(p.file == BAD + name);
    }
    CHECK(thrown);
  }
}

TEST_CASE("a file with several problems reports all of them", "[loader][corpus]") {
  try {
    load_file(BAD + "several_problems.json");
    FAIL("expected a ModelError");
  } catch (const ModelError& e) {
    const auto& problems = e.problems();
    INFO(listing(problems));
    CHECK(problems.size() == 5);
    CHECK(has_problem(problems, "/components/web-1/failure/mttr", "found 5"));
    CHECK(has_problem(problems, "/services/web/replicas/1", "unknown component \"web-9\""));
    CHECK(has_problem(problems, "/services/web/redundancy/min_healthy", "min_healthy is 3"));
    CHECK(has_problem(problems, "/capabilities/browse/weight", "expected a weight >= 0"));
    CHECK(has_problem(problems, "/services/db/depends_on/0", "unknown service \"cache\""));
    const std::string what = e.what();
    CHECK(what.rfind("5 problems in " + BAD + "several_problems.json:\n", 0) == 0);
  }
}

TEST_CASE("Problem::to_string shows the root as /", "[loader]") {
  CHECK((Problem{"m.json", "", "bad"}).to_string() == "m.json: /: bad");
  CHECK((Problem{"m.json", "/services/web", "bad"}).to_string() == "m.json: /services/web: bad");
}

// The suggestion helper is private to the loader; its header is reached by relative path.
#include "model/did_you_mean.h"

TEST_CASE("did you mean: Damerau distance 2 at most, 1 for short names", "[loader]") {
  CHECK(edit_distance("mtfb", "mtbf") == 1);  // one transposition
  CHECK(edit_distance("MTBF", "mtbf") == 0);
  CHECK(edit_distance("replica", "replicas") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(closest_name("mtfb", {"mtbf", "mttr", "availability"}) == "mtbf");
  CHECK(closest_name("capabilites", {"components", "capabilities"}) == "capabilities");
  CHECK(closest_name("zzz", {"mtbf", "mttr"}).empty());
  CHECK(closest_name("ab", {"xy"}).empty());
  CHECK(closest_name("db", {"dc"}) == "dc");
  CHECK(did_you_mean("weibul", {"exponential", "weibull"}) == " did you mean 'weibull'?");
  CHECK(did_you_mean("gamma", {"exponential", "weibull"}).empty());
}

TEST_CASE("failover targets: resolved by replica position, fields default to the service's",
          "[loader][failover]") {
  const Architecture a = load_file(GOOD + "failover_targets.json");
  const Service& db = a.services[a.find_service("db")];
  const Failover& f = db.failover;
  REQUIRE(f.targets.size() == 1);
  CHECK(f.targets[0].replica == 2);  // "db-west", the third replica
  CHECK(f.switchover_to(2).mean == Approx(0.75));
  CHECK(f.success_probability_to(2) == 0.9);
  CHECK(f.manual_recovery_to(2).mean == Approx(2.0));
  // The standby states nothing of its own, and no target (-1) means the service's timings.
  for (int r : {1, -1}) {
    CHECK(f.switchover_to(r).mean == Approx(2.0 / 60));
    CHECK(f.success_probability_to(r) == 0.99);
    CHECK(f.manual_recovery_to(r).mean == Approx(0.5));
  }
  CHECK_FALSE(f.is_instant());
}

TEST_CASE(
    "failover targets: the primary may be a target, targets kept in replica order, "
    "one field overridden",
    "[loader][failover]") {
  nlohmann::json m = nlohmann::json::parse(std::ifstream(GOOD + "failover_targets.json"));
  auto& failover = m["services"]["db"]["redundancy"]["failover"];
  failover["targets"]["db-a"] = {{"success_probability", 0.5}};
  const Architecture a = load_text(m.dump(), "<string>");
  const Failover& f = a.services[a.find_service("db")].failover;
  REQUIRE(f.targets.size() == 2);
  CHECK(f.targets[0].replica == 0);
  CHECK(f.targets[1].replica == 2);
  CHECK(f.success_probability_to(0) == 0.5);
  CHECK(f.manual_recovery_to(0).mean == Approx(0.5));  // the service's
  CHECK(f.switchover_to(0).mean == Approx(2.0 / 60));
}

TEST_CASE("failover targets: every problem of a targets object is reported", "[loader][failover]") {
  nlohmann::json m = nlohmann::json::parse(std::ifstream(GOOD + "failover_targets.json"));
  m["services"]["db"]["redundancy"]["failover"]["targets"] = {
      {"db-wset", {{"switchover", "45m"}}},
      {"db-b", {{"switchover", "-5m"}, {"success_probability", "high"}}}};
  const auto problems = problems_of_text(m.dump());
  INFO(listing(problems));
  const std::string t = "/services/db/redundancy/failover/targets";
  CHECK(has_problem(problems, t + "/db-wset", "did you mean 'db-west'?"));
  CHECK(has_problem(problems, t + "/db-b/switchover", ""));
  CHECK(has_problem(problems, t + "/db-b/success_probability", "a probability between 0 and 1"));
}

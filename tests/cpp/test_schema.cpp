// The JSON Schemas and the C++ loader agree: good files pass both, bad files fail the loader and
// the schema as tests/models/bad/expected.json says.
#define VALIJSON_USE_EXCEPTIONS 1

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string SOURCE_DIR = OUTAGESIM_SOURCE_DIR;
const std::string CATALOG_DIR = SOURCE_DIR + "/models/catalog";

outagesim::model::LoadOptions load_options() {
  outagesim::model::LoadOptions options;
  options.catalog_dir = CATALOG_DIR;
  return options;
}

// The parsed document, or nullopt when the file is not JSON (some bad models are not).
std::optional<json> read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::exception&) {  // a syntax error, or a number beyond a double (1e400)
    return std::nullopt;
  }
}

// Sorted *.json files of a folder of the source tree, skipping `except`.
std::vector<std::string> json_files(const std::string& folder, const std::string& except = "") {
  std::vector<std::string> files;
  const fs::path dir = fs::path(SOURCE_DIR) / folder;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" && name != except)
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A compiled draft-7 schema and the messages of the last validation.
class SchemaCheck {
 public:
  explicit SchemaCheck(const std::string& relative_path) {
    const auto document = read_json(SOURCE_DIR + "/" + relative_path);
    if (!document) throw std::runtime_error("schema is not JSON: " + relative_path);
    document_ = *document;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(document_);
    parser.populateSchema(adapter, schema_);
  }

  // True when `document` is valid; `errors` then says nothing, otherwise why it is not.
  bool accepts(const json& document, std::string* errors = nullptr) const {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    const bool valid = validator.validate(schema_, adapter, &results);
    if (errors) {
      errors->clear();
      valijson::ValidationResults::Error error;
      while (results.popError(error)) {
        std::string where;
        for (const std::string& part : error.context) where += part;
        *errors += "  " + where + ": " + error.description + "\n";
      }
    }
    return valid;
  }

 private:
  json document_;
  valijson::Schema schema_;
};

const SchemaCheck& model_schema() {
  static const SchemaCheck check("models/schema/outagesim-v1.schema.json");
  return check;
}

const SchemaCheck& catalog_schema() {
  static const SchemaCheck check("models/schema/catalog-v1.schema.json");
  return check;
}

// All problems of a ModelError, one a line, for failure messages.
std::string describe(const outagesim::ModelError& error) {
  std::string text;
  for (const auto& problem : error.problems()) text += "  " + problem.to_string() + "\n";
  return text;
}

// Loads a file that must be good; failure messages list every problem the loader found.
void require_loads(const std::string& file) {
  try {
    const auto architecture = outagesim::model::load_file(file, load_options());
    CHECK_FALSE(architecture.components.empty());
    CHECK_FALSE(architecture.services.empty());
    CHECK_FALSE(architecture.capabilities.empty());
  } catch (const outagesim::ModelError& error) {
    FAIL("loader rejected " << file << ":\n" << describe(error));
  }
}

void require_schema_accepts(const SchemaCheck& schema, const std::string& file) {
  const auto document = read_json(file);
  REQUIRE(document.has_value());
  std::string errors;
  const bool valid = schema.accepts(*document, &errors);
  INFO("schema errors:\n" << errors);
  CHECK(valid);
}

}  // namespace

TEST_CASE("the schemas reject what they must", "[schema]") {
  // A model with no components, a bare-number duration, an unknown field: each is rejected, so
  // the acceptance checks below are not vacuous.
  const json minimal = json::parse(R"({
    "format": "outagesim/v1",
    "components": {"c": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h"}}},
    "services": {"s": {"replicas": ["c"]}}
  })");
  CHECK(model_schema().accepts(minimal));

  json no_components = minimal;
  no_components.erase("components");
  CHECK_FALSE(model_schema().accepts(no_components));

  json bare_number = minimal;
  bare_number["components"]["c"]["failure"]["mttr"] = 1;
  CHECK_FALSE(model_schema().accepts(bare_number));

  json bad_unit = minimal;
  bad_unit["components"]["c"]["failure"]["mttr"] = "1hr";
  CHECK_FALSE(model_schema().accepts(bad_unit));

  json unknown = minimal;
  unknown["components"]["c"]["replicas"] = 2;
  CHECK_FALSE(model_schema().accepts(unknown));

  json mixed = minimal;
  mixed["components"]["c"]["failure"]["availability"] = 0.999;
  CHECK_FALSE(model_schema().accepts(mixed));

  json both_sizes = minimal;
  both_sizes["components"]["c"]["failure"] = json::parse(R"({
    "ttf": {"distribution": "weibull", "shape": 0.8, "mean": "1y", "scale": "1y"},
    "ttr": {"distribution": "exponential", "mean": "1h"}})");
  CHECK_FALSE(model_schema().accepts(both_sizes));

  json bad_scope = minimal;
  bad_scope["services"]["s"]["depends_on"] =
      json::parse(R"([{"service": "s", "scope": "same_rack"}])");
  CHECK_FALSE(model_schema().accepts(bad_scope));

  json failover_on_active_active = minimal;
  failover_on_active_active["services"]["s"]["redundancy"] =
      json::parse(R"({"mode": "active_active", "failover": {"detection": "1m"}})");
  CHECK_FALSE(model_schema().accepts(failover_on_active_active));

  const auto aws = read_json(CATALOG_DIR + "/aws.json");
  REQUIRE(aws.has_value());
  json unsourced = *aws;
  unsourced["outage"].erase("source");
  CHECK_FALSE(catalog_schema().accepts(unsourced));
}

TEST_CASE("every catalog validates and serves every component type to the loader",
          "[schema][catalog]") {
  const auto catalogs = json_files("models/catalog");
  REQUIRE(catalogs.size() >= 3);
  for (const std::string& file : catalogs) {
    SECTION(fs::path(file).filename().string()) {
      require_schema_accepts(catalog_schema(), file);
      const auto document = read_json(file);
      REQUIRE(document.has_value());
      const std::string provider = (*document)["provider"].get<std::string>();
      CHECK(provider == fs::path(file).stem().string());
      REQUIRE((*document)["regions"].size() >= 4);

      // One component of every type in the first zone of the first region, through the loader.
      const auto& region = *(*document)["regions"].begin();
      const std::string region_name = (*document)["regions"].begin().key();
      const std::string zone_name = region["zones"].begin().key();
      json model = {{"format", "outagesim/v1"},
                    {"name", "catalog-" + provider},
                    {"providers", {{provider, {{"catalog", provider}}}}},
                    {"components", json::object()},
                    {"services", json::object()}};
      for (const auto& [type, entry] : (*document)["component_types"].items()) {
        model["components"][type] = {{"type", type},
                                     {"location", provider + "/" + region_name + "/" + zone_name}};
        model["services"][type] = {{"replicas", {type}}};
      }
      REQUIRE(model_schema().accepts(model));
      try {
        const auto architecture =
            outagesim::model::load_json(model, "<catalog test>", load_options());
        REQUIRE(architecture.components.size() == (*document)["component_types"].size());
        for (const auto& component : architecture.components) {
          INFO(component.name);
          const auto& entry = (*document)["component_types"][component.name];
          CHECK_FALSE(component.failure.never_fails);
          CHECK(component.failure.availability() > 0.99);
          CHECK(component.failure.availability() < 1.0);
          CHECK(component.cost_per_hour == Approx(entry["cost_per_hour"].get<double>()));
          CHECK(component.failure_origin.rfind("catalog " + provider, 0) == 0);
          CHECK(component.cost_origin.rfind("catalog " + provider, 0) == 0);
        }
        // Provider, region and zone were added from the catalog with its outages.
        REQUIRE(architecture.domains.size() == 3);
        for (const auto& domain : architecture.domains) {
          INFO(domain.path);
          CHECK_FALSE(domain.outage.never_fails);
          CHECK(domain.outage_origin.rfind("catalog " + provider, 0) == 0);
        }
      } catch (const outagesim::ModelError& error) {
        FAIL("loader rejected a model using catalog " << provider << ":\n" << describe(error));
      }
    }
  }
}

TEST_CASE("catalog figures stay inside the ranges of docs/calibration.md", "[catalog]") {
  // Rates per year from the loaded architecture (so the loader's reading is checked too). The
  // AWS figures come from scripts/calibrate.py (test_calibrate.py checks they equal its
  // output); these are the properties docs/calibration.md argues from the record: the
  // provider-wide process below any region's, us-east-1 several times worse than any other
  // region, regional service events for the managed types of every region, single VM 0.5-4.
  for (const std::string& file : json_files("models/catalog")) {
    SECTION(fs::path(file).filename().string()) {
      const auto document = read_json(file);
      REQUIRE(document.has_value());
      const std::string provider = (*document)["provider"].get<std::string>();
      json model = {{"format", "outagesim/v1"},
                    {"providers", {{provider, {{"catalog", provider}}}}},
                    {"components", json::object()},
                    {"services", {{"all", {{"replicas", json::array()}}}}}};
      for (const auto& [region, entry] : (*document)["regions"].items()) {
        for (const auto& [zone, unused] : entry["zones"].items()) {
          const std::string name = region + "-" + zone;
          model["components"][name] = {{"type", "vm"},
                                       {"location", provider + "/" + region + "/" + zone}};
          model["services"]["all"]["replicas"].push_back(name);
        }
      }
      const auto architecture = outagesim::model::load_json(model, "<ranges test>", load_options());
      const auto per_year = [](const outagesim::model::FailureProcess& p) {
        return outagesim::model::HOURS_PER_YEAR / p.mttf();
      };
      double worst_other_region = 0.0;
      double use1 = 0.0, provider_rate = 0.0;
      for (const auto& domain : architecture.domains) {
        INFO(domain.path);
        REQUIRE_FALSE(domain.outage.never_fails);
        const double rate = per_year(domain.outage);
        switch (domain.level) {
          case outagesim::model::DomainLevel::provider:
            provider_rate = rate;
            CHECK(rate > 0.0);
            CHECK(rate <= 0.3);
            break;
          case outagesim::model::DomainLevel::region:
            CHECK(rate >= 0.02);
            CHECK(rate <= 1.0);
            if (domain.path == "aws/us-east-1") {
              use1 = rate;
            } else {
              worst_other_region = std::max(worst_other_region, rate);
              CHECK(rate <= 0.2);
            }
            break;
          case outagesim::model::DomainLevel::zone:
            CHECK(rate >= 0.05);
            CHECK(rate <= 1.0);
            break;
        }
        CHECK(domain.outage.ttr.kind == outagesim::model::DistributionKind::lognormal);
        CHECK(domain.outage.ttr.mean >= 2.0);
        CHECK(domain.outage.ttr.mean <= 12.0);
      }
      if (provider == "aws") CHECK(use1 > 5.0 * worst_other_region);
      CHECK(provider_rate > 0.0);
      CHECK(provider_rate <= std::max(worst_other_region, use1) + 1e-9);
      for (const auto& service : architecture.regional_services) {
        INFO(service.name);
        CHECK(per_year(service.outage) > 0.0);
        CHECK(per_year(service.outage) <= 2.0);
        CHECK(service.origin.find("docs/calibration.md#regional-service-events") !=
              std::string::npos);
      }
      for (const auto& component : architecture.components) {
        INFO(component.name);
        CHECK(per_year(component.failure) >= 0.5);
        CHECK(per_year(component.failure) <= 4.0);
        CHECK(component.failure.ttr.median() == Approx(0.25));
      }
    }
  }
}

TEST_CASE("every example model validates against the schema and loads", "[schema][examples]") {
  const auto examples = json_files("models/examples");
  REQUIRE(examples.size() >= 5);
  for (const std::string& file : examples) {
    SECTION(fs::path(file).filename().string()) {
      require_schema_accepts(model_schema(), file);
      require_loads(file);
    }
  }
}

TEST_CASE("example models use the catalogs and keep their designs", "[examples]") {
  const auto load = [](const std::string& name) {
    return outagesim::model::load_file(SOURCE_DIR + "/models/examples/" + name, load_options());
  };
  const auto single = load("01-single-zone.json");
  const auto multi_az = load("02-multi-az.json");
  const auto multi_cloud = load("05-multi-cloud.json");

  CHECK(single.catalogs == std::vector<std::string>{"aws"});
  CHECK(multi_cloud.catalogs.size() == 2);
  CHECK(multi_az.components.size() >= 10);
  CHECK(multi_az.components.size() <= 15);

  // The single-zone load balancer states its own (single-AZ SLA) failure; the rest is catalog.
  const int lb = single.find_component("lb");
  REQUIRE(lb >= 0);
  CHECK(single.components[static_cast<std::size_t>(lb)].failure_origin == "model");
  CHECK(single.components[static_cast<std::size_t>(lb)].failure.availability() == Approx(0.999));
  CHECK(single.components[static_cast<std::size_t>(lb)].cost_origin.rfind("catalog aws", 0) == 0);
  const int web = single.find_component("web-1");
  REQUIRE(web >= 0);
  CHECK(single.components[static_cast<std::size_t>(web)].failure_origin.rfind("catalog aws", 0) ==
        0);

  // Browse and checkout weigh 0.9 and 0.1 in every design.
  for (const auto* architecture : {&single, &multi_az, &multi_cloud}) {
    INFO(architecture->name);
    REQUIRE(architecture->capabilities.size() == 2);
    double total = 0.0;
    for (const auto& capability : architecture->capabilities) total += capability.weight;
    CHECK(total == Approx(1.0));
  }

  // The multi-AZ database fails over between two zones.
  const int db = multi_az.find_service("db");
  REQUIRE(db >= 0);
  const auto& service = multi_az.services[static_cast<std::size_t>(db)];
  CHECK(service.mode == outagesim::model::RedundancyMode::active_passive);
  CHECK(service.failover.success_probability == Approx(0.99));
  REQUIRE(service.replicas.size() == 2);
  const auto zone_of = [&](int replica) {
    return multi_az.components[static_cast<std::size_t>(replica)].location;
  };
  CHECK(zone_of(service.replicas[0]) != zone_of(service.replicas[1]));
}

TEST_CASE("every good test model validates against the schema and loads", "[schema][good]") {
  const auto good = json_files("tests/models/good");
  REQUIRE(good.size() >= 3);
  for (const std::string& file : good) {
    SECTION(fs::path(file).filename().string()) {
      require_schema_accepts(model_schema(), file);
      require_loads(file);
    }
  }
}

TEST_CASE("bad test models: the loader rejects each, the schema as expected.json says",
          "[schema][bad]") {
  const std::string bad_dir = SOURCE_DIR + "/tests/models/bad";
  const auto expected = read_json(bad_dir + "/expected.json");
  REQUIRE(expected.has_value());
  const auto files = json_files("tests/models/bad", "expected.json");
  REQUIRE_FALSE(files.empty());

  // expected.json is an object keyed by file name; accept an array of {"file", ...} too.
  const auto expectation = [&](const std::string& name) -> std::optional<json> {
    if (expected->is_object()) {
      if (expected->contains(name)) return (*expected)[name];
      return std::nullopt;
    }
    for (const auto& entry : *expected) {
      if (entry.value("file", "") == name) return entry;
    }
    return std::nullopt;
  };

  for (const std::string& file : files) {
    const std::string name = fs::path(file).filename().string();
    SECTION(name) {
      const auto entry = expectation(name);
      INFO("expected.json has no entry for " << name);
      REQUIRE(entry.has_value());
      REQUIRE(entry->contains("schema"));
      const std::string verdict = (*entry)["schema"].get<std::string>();
      REQUIRE((verdict == "reject" || verdict == "accept"));

      const auto document = read_json(file);
      if (document) {
        std::string errors;
        const bool valid = model_schema().accepts(*document, &errors);
        INFO("schema errors:\n" << errors);
        CHECK((valid ? "accept" : "reject") == verdict);
      }

      bool rejected = false;
      try {
        outagesim::model::load_file(file, load_options());
      } catch (const outagesim::ModelError& error) {
        rejected = true;
        INFO("loader problems:\n" << describe(error));
        CHECK_FALSE(error.problems().empty());
        // The expected problem is among those reported, at the expected JSON pointer.
        if (entry->contains("path")) {
          const std::string path = (*entry)["path"].get<std::string>();
          const std::string message = entry->value("message", "");
          bool found = false;
          for (const auto& problem : error.problems()) {
            found = found ||
                    (problem.path == path && problem.message.find(message) != std::string::npos);
          }
          INFO("expected a problem at \"" << path << "\" containing \"" << message << "\"");
          CHECK(found);
        }
      }
      CHECK(rejected);
    }
  }
}

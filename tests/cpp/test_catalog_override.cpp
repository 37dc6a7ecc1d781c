// One field of a catalog failure process stated in the model overrides that field only
// (docs/model-format.md, "Overriding one field of a catalog process").
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "outagesim/error.h"
#include "outagesim/model/loader.h"

using namespace outagesim;
using namespace outagesim::model;

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

LoadOptions fixture_options() {
  LoadOptions options;
  options.catalog_dir = SOURCE + "/tests/models/catalog-fixture";
  return options;
}

// One component of catalog type `type` (fixture catalog "acme") with `failure` as given.
Architecture load_with(const std::string& type, const nlohmann::json& failure) {
  nlohmann::json model = nlohmann::json::parse(R"({
    "format": "outagesim/v1", "name": "override",
    "providers": {"acme": {"catalog": "acme"}},
    "components": {"c": {"location": "acme/north/north-a"}},
    "services": {"s": {"replicas": ["c"]}}
  })");
  model["components"]["c"]["type"] = type;
  if (!failure.is_null()) model["components"]["c"]["failure"] = failure;
  return load_text(model.dump(), "<string>", fixture_options());
}

const Component& only(const Architecture& a) { return a.components.at(0); }

}  // namespace

TEST_CASE("overriding mttr keeps the catalog's failure rate", "[loader][catalog]") {
  const Component base = only(load_with("vm", nullptr));
  const Component fast = only(load_with("vm", {{"mttr", "15m"}}));
  CHECK(fast.failure.mttf() == Approx(base.failure.mttf()).epsilon(1e-12));
  CHECK(fast.failure.mttr() == Approx(0.25));
  // A faster repair gives a higher availability; failures per hour change only because the
  // cycle (up time + repair) is shorter, 1 / (MTTF + 15 min), not through a new failure rate.
  CHECK(fast.failure.availability() > base.failure.availability());
  CHECK(fast.failure.failure_frequency() ==
        Approx(1.0 / (base.failure.mttf() + 0.25)).epsilon(1e-12));
  CHECK(fast.failure_origin.find("mttr: model") != std::string::npos);
  CHECK(fast.failure_origin.find("catalog acme") != std::string::npos);
}

TEST_CASE("overriding a non-exponential catalog repair keeps its family and shape",
          "[loader][catalog]") {
  const Component base = only(load_with("disk", nullptr));
  const Component changed = only(load_with("disk", {{"mttr", "5h"}}));
  CHECK(changed.failure.ttr.kind == DistributionKind::lognormal);
  CHECK(changed.failure.ttr.sigma == base.failure.ttr.sigma);
  CHECK(changed.failure.ttr.mean == Approx(5.0));
  CHECK(changed.failure.ttf.kind == DistributionKind::weibull);
  CHECK(changed.failure.ttf.mean == Approx(base.failure.ttf.mean));
}

TEST_CASE("overriding availability keeps the catalog's repairs", "[loader][catalog]") {
  const Component base = only(load_with("vm", nullptr));
  const Component changed = only(load_with("vm", {{"availability", 0.9999}}));
  CHECK(changed.failure.mttr() == Approx(base.failure.mttr()));
  CHECK(changed.failure.availability() == Approx(0.9999).epsilon(1e-12));
}

TEST_CASE("overriding mtbf and one distribution", "[loader][catalog]") {
  const Component base = only(load_with("vm", nullptr));
  const Component longer = only(load_with("vm", {{"mtbf", "2y"}}));
  CHECK(longer.failure.mttf() == Approx(2 * 8760.0));
  CHECK(longer.failure.mttr() == Approx(base.failure.mttr()));
  const Component ttr =
      only(load_with("vm", {{"ttr", {{"distribution", "deterministic"}, {"value", "10m"}}}}));
  CHECK(ttr.failure.ttr.kind == DistributionKind::deterministic);
  CHECK(ttr.failure.mttf() == Approx(base.failure.mttf()));
}

TEST_CASE("a partial process without a catalog type is still an error", "[loader][catalog]") {
  const std::string text = R"({
    "format": "outagesim/v1", "name": "x",
    "providers": {"p": {}},
    "components": {"c": {"location": "p", "failure": {"mttr": "15m"}}},
    "services": {"s": {"replicas": ["c"]}}
  })";
  CHECK_THROWS_AS(load_text(text, "<string>"), ModelError);
  // A bad value in an override names its field.
  try {
    load_with("vm", {{"mttr", "fast"}});
    FAIL("expected a ModelError");
  } catch (const ModelError& error) {
    REQUIRE(!error.problems().empty());
    CHECK(error.problems()[0].path == "/components/c/failure/mttr");
  }
}

// Every example model loads and simulates; figures are coherent and reproducible.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "outagesim/model/loader.h"
#include "test_sim_support.h"

using namespace simtest;

TEST_CASE("every example model simulates", "[sim][examples]") {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples"))
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  REQUIRE(!paths.empty());
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  const std::set<std::string> levels{
      "component", "zone",          "region",     "provider",   "common_cause", "regional_service",
      "change",    "control_plane", "responders", "corruption", "start"};
  for (const std::string& path : paths) {
    INFO(path);
    const graph::Plan plan = graph::build_plan(model::load_file(path, load));
    sim::Options o = options(2, 0.0);
    o.replications = 400;
    const api::Result r = sim::simulate(plan, o);
    CHECK(r.replications == 400);
    CHECK(r.system.availability.value > 0.9);
    CHECK(r.system.availability.value < 1.0);
    CHECK(r.system.availability.lo <= r.system.availability.value);
    CHECK(r.system.availability.value <= r.system.availability.hi);
    CHECK(r.capabilities.size() == plan.architecture.capabilities.size());
    // The system needs every capability: it is never more available than any of them.
    for (const auto& c : r.capabilities) CHECK(r.system.availability.value <= c.availability.value);
    double share = 0.0;
    for (const auto& row : r.attribution) {
      CHECK(levels.count(row.level) == 1);
      share += row.share;
    }
    CHECK(share == Approx(1.0));
    CHECK(r.model_name == plan.architecture.name);
    // Bit-identical on another thread count.
    o.threads = 1;
    const api::Result one_thread = sim::simulate(plan, o);
    CHECK(one_thread.system.availability.value == r.system.availability.value);
    REQUIRE(one_thread.data.size() == r.data.size());
    for (std::size_t d = 0; d < r.data.size(); ++d)
      CHECK(one_thread.data[d].minutes_lost_per_year.value ==
            r.data[d].minutes_lost_per_year.value);
  }
}

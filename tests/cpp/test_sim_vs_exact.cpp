// The simulator against the exact solver on every example model that has an exact answer:
// the exact availability and incident rate lie inside the simulator's own 95% intervals.
#include <algorithm>
#include <filesystem>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/loader.h"
#include "test_sim_support.h"

using namespace simtest;

TEST_CASE("simulator agrees with the exact solver on the examples", "[sim][agreement][exact]") {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples"))
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  int compared = 0;
  for (const std::string& path : paths) {
    const graph::Plan plan = graph::build_plan(model::load_file(path, load));
    const exact::Applicability applies = exact::check(plan);
    if (!applies.possible) continue;
    const api::Result e = exact::solve(plan);
    // Non-exponential timings: the stationary start makes every horizon unbiased.
    sim::Options o = options(61, 0.05);
    o.start = sim::StartState::stationary;
    const api::Result r = sim::simulate(plan, o);
    const std::string name = std::filesystem::path(path).filename().string();
    report(name + " (" + applies.solver + ") A", r.system.availability,
           e.system.availability.value);
    report(name + " incidents/yr", r.system.incidents_per_year, e.system.incidents_per_year.value);
    check_covers(r.system.availability, e.system.availability.value, name + " availability");
    check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
                 name + " incidents per year");
    ++compared;
  }
  WARN("examples compared with the exact solver: " << compared);
  CHECK(compared >= 1);
}

TEST_CASE("simulator agrees with the exact CTMC on a timed failover with scoped dependents",
          "[sim][agreement][exact]") {
  // Two zones; db active-passive with exponential failover; web in both zones needs the db in
  // its own zone. The exact solver's CTMC is an independent derivation of the same semantics.
  Builder b;
  const int prov = b.provider("p");
  const int reg = b.region(prov, "r", exponential(8000, 8));
  const int za = b.zone(reg, "za", exponential(3000, 6));
  const int zb = b.zone(reg, "zb", exponential(3000, 6));
  const int da = b.component("db-a", za, exponential(1000, 10));
  const int db_b = b.component("db-b", zb, exponential(1000, 10));
  const int wa = b.component("web-a", za, exponential(2000, 2));
  const int wb = b.component("web-b", zb, exponential(2000, 2));
  model::Failover f;
  f.detection = model::Distribution::deterministic(0.0);
  f.switchover = model::Distribution::exponential(0.5);
  f.success_probability = 0.9;
  f.manual_recovery = model::Distribution::exponential(4.0);
  const int db = b.active_passive("db", {da, db_b}, f);
  const int web = b.service("web", {wa, wb}, 1, {model::Dependency{db, model::Scope::same_zone}});
  b.capability("all", {web});
  const graph::Plan plan = b.plan();
  const exact::Applicability applies = exact::check(plan);
  INFO(applies.reason);
  REQUIRE(applies.possible);
  const api::Result e = exact::solve(plan);
  const api::Result r = sim::simulate(plan, options(62, 0.03));
  report("failover + same_zone (" + applies.solver + ") A", r.system.availability,
         e.system.availability.value);
  report("failover + same_zone incidents/yr", r.system.incidents_per_year,
         e.system.incidents_per_year.value);
  check_covers(r.system.availability, e.system.availability.value, "availability");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
               "incidents per year");
}

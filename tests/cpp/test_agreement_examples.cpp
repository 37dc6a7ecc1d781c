// Simulator against exact solver on every example, with timings made exponential (CTMC-solvable).
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "outagesim/exact/solve.h"
#include "outagesim/model/loader.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

// An exponential of the same mean; a zero duration stays zero (instant stays instant).
model::Distribution exponentialised(const model::Distribution& d) {
  if (d.is_zero()) return d;
  return model::Distribution::exponential(d.mean);
}

model::FailureProcess exponentialised(const model::FailureProcess& p) {
  if (p.never_fails) return p;
  model::FailureProcess q = p;
  q.ttf = exponentialised(p.ttf);
  q.ttr = exponentialised(p.ttr);
  return q;
}

// The same architecture with every timing replaced by an exponential of the same mean, so the
// exact CTMC applies to models whose failovers take time.
model::Architecture exponentialised(model::Architecture a) {
  for (model::Domain& d : a.domains) d.outage = exponentialised(d.outage);
  for (model::Component& c : a.components) c.failure = exponentialised(c.failure);
  for (model::CommonCause& g : a.common_causes) g.process = exponentialised(g.process);
  for (model::RegionalService& r : a.regional_services) r.outage = exponentialised(r.outage);
  for (model::Service& s : a.services) {
    s.failover.detection = exponentialised(s.failover.detection);
    s.failover.switchover = exponentialised(s.failover.switchover);
    s.failover.manual_recovery = exponentialised(s.failover.manual_recovery);
  }
  return a;
}

std::vector<std::string> example_paths() {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples"))
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

model::LoadOptions load_options() {
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  return load;
}

sim::Options agreement_options(std::uint64_t seed) {
  sim::Options o = options(seed, 0.03, 2);
  o.max_seconds = 20.0;
  // Exact values are long-run (stationary) figures; the stationary start is exact for
  // exponential elements, so no warm-up bias enters the comparison.
  o.start = sim::StartState::stationary;
  return o;
}

// System and every capability: exact availability and incident rate inside the MC intervals.
void compare_all(const std::string& name, const api::Result& r, const api::Result& e) {
  report(name + " system A", r.system.availability, e.system.availability.value);
  report(name + " system incidents/yr", r.system.incidents_per_year,
         e.system.incidents_per_year.value);
  check_covers(r.system.availability, e.system.availability.value, name + " system availability");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
               name + " system incidents per year");
  REQUIRE(r.capabilities.size() == e.capabilities.size());
  for (const api::MeasureResult& ec : e.capabilities) {
    const auto it = std::find_if(r.capabilities.begin(), r.capabilities.end(),
                                 [&](const api::MeasureResult& m) { return m.name == ec.name; });
    REQUIRE(it != r.capabilities.end());
    const std::string what = name + " capability " + ec.name;
    report(what + " A", it->availability, ec.availability.value);
    report(what + " incidents/yr", it->incidents_per_year, ec.incidents_per_year.value);
    check_covers(it->availability, ec.availability.value, what + " availability");
    check_covers(it->incidents_per_year, ec.incidents_per_year.value, what + " incidents per year");
  }
}

}  // namespace

TEST_CASE("simulator agrees with the exact solver on the exponentialised examples",
          "[sim][agreement][exact][examples]") {
  const auto start = std::chrono::steady_clock::now();
  int checked = 0;
  int total = 0;
  std::uint64_t seed = 9100;
  for (const std::string& path : example_paths()) {
    ++total;
    ++seed;
    const std::string name = std::filesystem::path(path).filename().string();
    const graph::Plan plan =
        graph::build_plan(exponentialised(model::load_file(path, load_options())));
    const exact::Applicability applies = exact::check(plan);
    if (!applies.possible) {
      WARN("skipped " << name << " (exponentialised): exact solver refuses: " << applies.reason);
      continue;
    }
    const api::Result e = exact::solve(plan);
    const api::Result r = sim::simulate(plan, agreement_options(seed));
    WARN(name << ": solver " << applies.solver << ", " << r.replications << " replications, "
              << r.stop_reason << ", rel error " << r.rel_error_achieved << ", " << r.wall_seconds
              << " s");
    compare_all(name + " (exp)", r, e);
    ++checked;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("examples checked: " << checked << " of " << total << " in " << seconds << " s");
  REQUIRE(total == 8);
  REQUIRE(checked >= 3);
}

TEST_CASE("simulator matches the BDD on the original static example 01 (insensitivity)",
          "[sim][agreement][exact][examples]") {
  const graph::Plan plan = graph::build_plan(model::load_file(
      OUTAGESIM_SOURCE_DIR "/models/examples/01-single-zone.json", load_options()));
  const exact::Applicability applies = exact::check(plan);
  INFO(applies.reason);
  REQUIRE(applies.possible);
  REQUIRE(applies.solver == "bdd");
  const api::Result e = exact::solve(plan);
  // Non-exponential timings: the stationary start (equilibrium residual times) keeps the
  // estimate unbiased, and a static structure's availability and incident rate depend only on
  // the means (insensitivity).
  const api::Result r = sim::simulate(plan, agreement_options(9201));
  WARN("01 original: " << r.replications << " replications, " << r.stop_reason << ", "
                       << r.wall_seconds << " s");
  report("01 original system A", r.system.availability, e.system.availability.value);
  report("01 original system incidents/yr", r.system.incidents_per_year,
         e.system.incidents_per_year.value);
  check_covers(r.system.availability, e.system.availability.value, "01 original availability");
  check_covers(r.system.incidents_per_year, e.system.incidents_per_year.value,
               "01 original incidents per year");
}

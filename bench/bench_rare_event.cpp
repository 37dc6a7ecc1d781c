// Benchmark of rare-event simulation (failure biasing) on the designs of bench/models/: time to
// reach +-10% on the system unavailability on 2 threads, beside the exact value, and what crude
// Monte Carlo reaches in the same wall time.
#include <chrono>
#include <cstdio>
#include <string>

#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/loader.h"
#include "outagesim/sim/rare_event.h"
#include "outagesim/sim/simulate.h"

using namespace outagesim;

namespace {

void bench(const std::string& name) {
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  const graph::Plan plan =
      graph::build_plan(model::load_file(OUTAGESIM_SOURCE_DIR "/bench/models/" + name, load));
  const api::Result exact = exact::solve(plan);
  const double u = exact.system.unavailability.value;

  sim::Options o;
  o.seed = 1;
  o.threads = 2;
  o.rel_error = 0.10;
  o.max_seconds = 60.0;
  o.start = sim::StartState::stationary;
  o.rare_event = sim::RareEvent::failure_biasing;
  const auto started = std::chrono::steady_clock::now();
  const api::Result is = sim::simulate_failure_biasing(plan, o);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const api::Estimate& e = is.system.unavailability;
  std::printf("%s\n  exact U %.4g (%s)\n", name.c_str(), u, exact.solver.c_str());
  std::printf(
      "  failure biasing: U %.4g [%.4g, %.4g] (+-%.1f%%) in %.3f s, %lld cycles, %lld "
      "events; exact inside: %s\n",
      e.value, e.lo, e.hi, 100.0 * is.rel_error_achieved, seconds,
      static_cast<long long>(is.replications), static_cast<long long>(is.events),
      e.lo <= u && u <= e.hi ? "yes" : "NO");

  for (const api::MeasureResult& m : is.capabilities)
    std::printf("    capability %s: U %.4g [%.4g, %.4g]\n", m.name.c_str(), m.unavailability.value,
                m.unavailability.lo, m.unavailability.hi);

  // Crude simulation given the same wall time (at least 0.05 s).
  sim::Options crude = o;
  crude.rare_event = sim::RareEvent::off;
  crude.max_seconds = seconds > 0.05 ? seconds : 0.05;
  const api::Result mc = sim::simulate(plan, crude);
  std::printf("  crude, same %.3f s: U %.4g [%.4g, %.4g], %lld system incidents in %.3g years\n",
              crude.max_seconds, mc.system.unavailability.value, mc.system.unavailability.lo,
              mc.system.unavailability.hi, static_cast<long long>(mc.system.incidents_observed),
              mc.simulated_years);
}

}  // namespace

int main() {
  bench("rare-two-regions.json");
  bench("rare-three-regions.json");
  return 0;
}

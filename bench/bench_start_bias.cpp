// Benchmark of the default start: is a default-option Monte Carlo run unbiased for the long-run
// figures it reports? For models with exact long-run answers (a non-exponential component, an
// active_passive pair whose first replica is the unreliable one, three replicas whose first two
// share a zone), runs the default evaluation
// (stationary start, automatic warm-up, rel-error 0.05) over many seeds and prints how often the
// 95% interval covers the exact value, beside the all-up start on the same seeds. Then shows
// the bias left after a warm-up of k relaxation times (automatic_warmup.h), in half-widths of a
// large run, to show why the automatic warm-up's factor is enough.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "outagesim/api/evaluate.h"
#include "outagesim/exact/solve.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/loader.h"
#include "sim/automatic_warmup.h"
#include "sim/compiled.h"

using namespace outagesim;

namespace {

constexpr int SEEDS = 200;

struct Coverage {
  int availability = 0, incidents = 0;
  double z_availability = 0.0;  // mean of (estimate - exact) / (half-width / 1.96)
  double seconds = 0.0;
};

bool covers(const api::Estimate& e, double exact) { return e.lo <= exact && exact <= e.hi; }

double z_of(const api::Estimate& e, double exact) {
  const double sd = (e.hi - e.lo) / 2.0 / 1.959964;
  return sd > 0.0 ? (e.value - exact) / sd : 0.0;
}

Coverage coverage(const graph::Plan& plan, const api::Result& exact, sim::StartState start) {
  Coverage c;
  const auto began = std::chrono::steady_clock::now();
  for (int seed = 1; seed <= SEEDS; ++seed) {
    api::EvaluateOptions options;
    options.method = api::Method::monte_carlo;
    options.simulation.seed = static_cast<std::uint64_t>(seed);
    options.simulation.start = start;
    const api::Result r = api::evaluate(plan, options).result;
    c.availability += covers(r.system.availability, exact.system.availability.value);
    c.incidents += covers(r.system.incidents_per_year, exact.system.incidents_per_year.value);
    c.z_availability += z_of(r.system.availability, exact.system.availability.value) / SEEDS;
  }
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return c;
}

void print(const char* name, const char* start, const Coverage& c) {
  std::printf(
      "  %-22s %-10s A covered %3d/%d (%.1f%%)  incidents covered %3d/%d (%.1f%%)  "
      "mean z(A) %+.2f  %.1f s\n",
      name, start, c.availability, SEEDS, 100.0 * c.availability / SEEDS, c.incidents, SEEDS,
      100.0 * c.incidents / SEEDS, c.z_availability, c.seconds);
}

graph::Plan load(const std::string& name) {
  return graph::build_plan(
      model::load_file(std::string(OUTAGESIM_SOURCE_DIR) + "/bench/models/" + name));
}

}  // namespace

int main() {
  std::printf(
      "default-option runs over %d seeds (the 95%% interval should cover the exact "
      "value in 95%% +- 3%% of them)\n",
      SEEDS);
  for (const char* name :
       {"start-bias-weibull.json", "start-bias-failover.json", "start-bias-zone-trio.json"}) {
    const graph::Plan plan = load(name);
    exact::Options exact_options;
    const api::Result exact = exact::solve(plan, exact_options);
    std::printf(" %s: exact A %.8f, %.5f incidents/yr (%s)\n", name,
                exact.system.availability.value, exact.system.incidents_per_year.value,
                exact.solver.c_str());
    print(name, "stationary", coverage(plan, exact, sim::StartState::stationary));
    print(name, "all-up", coverage(plan, exact, sim::StartState::all_up));
  }

  // The bias left after k relaxation times of warm-up, from one large fixed run each.
  const graph::Plan plan = load("start-bias-failover.json");
  const api::Result exact = exact::solve(plan, exact::Options{});
  const double automatic = sim::automatic_warmup_hours(sim::compile(plan));
  const double relaxation = automatic / sim::WARMUP_RELAXATION_TIMES;
  std::printf(
      "\nbias left after a warm-up of k relaxation times (%.1f h each; the automatic "
      "warm-up is k = %.0f), 40,000 one-year replications each:\n",
      relaxation, sim::WARMUP_RELAXATION_TIMES);
  for (double k : {0.0, 1.0, 2.0, 4.0, 8.0}) {
    api::EvaluateOptions options;
    options.method = api::Method::monte_carlo;
    options.simulation.seed = 11;
    options.simulation.rel_error = 0.0;
    options.simulation.replications = 40000;
    options.simulation.max_seconds = 0.0;
    options.simulation.warmup_hours = k * relaxation;
    const api::Result r = api::evaluate(plan, options).result;
    const double a = exact.system.availability.value;
    const double f = exact.system.incidents_per_year.value;
    std::printf("  k = %.0f: A %.8f (z %+.2f)  incidents/yr %.4f (z %+.2f)\n", k,
                r.system.availability.value, z_of(r.system.availability, a),
                r.system.incidents_per_year.value, z_of(r.system.incidents_per_year, f));
  }
  return 0;
}

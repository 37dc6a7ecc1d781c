// Benchmark of the Monte Carlo engine on the example models: events per second, simulated years
// per second, time per event split into RNG, sampling, queue and evaluation, beside the floor
// (bare RNG draws + event-queue operations, no model) measured in the same run.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/model/loader.h"
#include "outagesim/sim/rng.h"
#include "outagesim/sim/samplers.h"
#include "outagesim/sim/simulate.h"
#include "sim/compiled.h"
#include "sim/event_queue.h"
#include "sim/replication.h"

using namespace outagesim;
using Clock = std::chrono::steady_clock;

namespace {

volatile double sink = 0.0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Every part is timed once per round and the rounds are interleaved, so that a burst of load on
// the shared machine hits one round of every part rather than every round of one part; each
// part's figure is its least disturbed (minimum) round.
constexpr int ROUNDS = 5;

template <class F>
double timed(F&& f) {
  const auto start = Clock::now();
  f();
  return seconds_since(start);
}

// Bare RNG: `n` 64-bit draws turned into doubles.
double time_rng(std::int64_t n) {
  return timed([&] {
    sim::Stream s(1, 0);
    double acc = 0.0;
    for (std::int64_t i = 0; i < n; ++i) acc += s.uniform_pos();
    sink = sink + acc;
  });
}

// The floor: per event one bare RNG draw and one event-queue operation (pop the earliest timer,
// push it back later), on a queue with the model's number of timers. No model at all.
double time_floor(int timers, const std::vector<double>& scale, std::int64_t n) {
  return timed([&] {
    sim::Stream s(1, 0);
    sim::EventQueue q;
    q.reset(timers);
    for (int t = 0; t < timers; ++t) q.set(t, scale[t] * s.uniform_pos());
    for (std::int64_t i = 0; i < n; ++i) {
      const int t = q.top();
      q.reschedule_top(q.top_time() + 2.0 * scale[t] * s.uniform_pos());
    }
    sink = sink + q.top_time();
  });
}

// The floor plus the real samplers: each element timer alternates its TTF and TTR draws.
double time_sampling(const sim::Compiled& c, std::int64_t n) {
  return timed([&] {
    sim::Stream s(1, 0);
    sim::EventQueue q;
    q.reset(c.timer_count);
    std::vector<unsigned char> up(c.timer_count, 1);
    for (int t = 0; t < c.timer_count; ++t) {
      const int e = c.timer_element[t];
      q.set(t, e >= 0 ? sim::sample(c.ttf[e], s) : 1e300);
    }
    for (std::int64_t i = 0; i < n; ++i) {
      const int t = q.top();
      const int e = c.timer_element[t];
      up[t] ^= 1;
      q.reschedule_top(q.top_time() + sim::sample(up[t] ? c.ttf[e] : c.ttr[e], s));
    }
    sink = sink + q.top_time();
  });
}

// The model's floor: what any simulator of this model does with no evaluation at all. Per event
// one queue operation and the event's real draw (TTF or TTR), and per replication of
// `per_replication` events the initial draw of every element timer.
double time_model_floor(const sim::Compiled& c, double per_replication, std::int64_t n) {
  return timed([&] {
    sim::Stream s(1, 0);
    sim::EventQueue q;
    std::vector<unsigned char> up(c.timer_count, 1);
    const auto restart = [&] {
      q.reset(c.timer_count);
      for (int t = 0; t < c.timer_count; ++t) {
        const int e = c.timer_element[t];
        up[t] = 1;
        q.set(t, e >= 0 ? sim::sample(c.ttf[e], s) : 1e300);
      }
    };
    const auto events = static_cast<std::int64_t>(std::max(1.0, std::round(per_replication)));
    for (std::int64_t i = 0; i < n; ++i) {
      if (i % events == 0) restart();
      const int t = q.top();
      const int e = c.timer_element[t];
      up[t] ^= 1;
      q.reschedule_top(q.top_time() + sim::sample(up[t] ? c.ttf[e] : c.ttr[e], s));
    }
    sink = sink + q.top_time();
  });
}

struct EngineRun {
  double seconds = 0.0;
  std::int64_t events = 0;
};

// The event loop alone (no thread pool, no reduction), `reps` replications of `horizon`.
EngineRun time_engine(const sim::Compiled& c, std::int64_t reps, double horizon) {
  EngineRun run;
  run.seconds = timed([&] {
    sim::Replicator replicator(c);
    sim::ReplicationOutcome out;
    std::int64_t events = 0;
    for (std::int64_t i = 0; i < reps; ++i) {
      replicator.run(1, i, horizon, false, 0.0, sim::StopSignal{}, out);
      events += out.events;
    }
    run.events = events;
  });
  return run;
}

void bench_model(const std::string& path) {
  model::LoadOptions load;
  load.catalog_dir = OUTAGESIM_SOURCE_DIR "/models/catalog";
  const model::Architecture arch = model::load_file(path, load);
  const graph::Plan plan = graph::build_plan(arch);
  const sim::Compiled c = sim::compile(plan);
  const double horizon = 8760.0;

  // Size the run for about 4 million events.
  const EngineRun probe = time_engine(c, 200, horizon);
  const double per_rep = std::max(1.0, static_cast<double>(probe.events) / 200.0);
  const std::int64_t reps = std::max<std::int64_t>(200, static_cast<std::int64_t>(4e6 / per_rep));

  std::vector<double> scale(c.timer_count, 1.0);
  for (int t = 0; t < c.timer_count; ++t) {
    const int e = c.timer_element[t];
    if (e >= 0) scale[t] = 0.5 * (c.ttf[e].mean + c.ttr[e].mean);
  }
  sim::Options o;
  o.seed = 1;
  o.threads = 1;
  o.rel_error = 0.0;
  o.replications = reps;
  o.max_seconds = 0.0;
  // The per-event figures compare simulate() with the bare event loop, so both do the same work:
  // the all-up start without a warm-up. The default start (stationary, with the automatic
  // warm-up of active_passive models) simulates more time per replication and is timed apart.
  o.start = sim::StartState::all_up;
  o.warmup_hours = 0.0;
  sim::Options defaults = o;
  defaults.start = sim::StartState::stationary;
  defaults.warmup_hours.reset();
  api::Result result, default_result;

  EngineRun engine;
  engine.seconds = 1e300;
  std::int64_t n = 0;
  double start_only = 1e300, rng = 1e300, floor = 1e300, sampling = 1e300, full_seconds = 1e300;
  double model_floor = 1e300;
  double mt_seconds = 1e300, default_seconds = 1e300;
  api::Result mt;
  for (int round = 0; round < ROUNDS; ++round) {
    const EngineRun run = time_engine(c, reps, horizon);
    engine.seconds = std::min(engine.seconds, run.seconds);
    n = engine.events = run.events;
    // Replication start-up (initial draws, first evaluation) alone: a horizon of zero.
    start_only = std::min(start_only, time_engine(c, reps, 0.0).seconds);
    rng = std::min(rng, time_rng(n));
    floor = std::min(floor, time_floor(c.timer_count, scale, n));
    sampling = std::min(sampling, time_sampling(c, n));
    model_floor = std::min(model_floor, time_model_floor(c, static_cast<double>(n) / reps, n));
    full_seconds = std::min(full_seconds, timed([&] { result = sim::simulate(plan, o); }));
    sim::Options all_threads = o;
    all_threads.threads = 0;
    mt_seconds = std::min(mt_seconds, timed([&] { mt = sim::simulate(plan, all_threads); }));
    default_seconds =
        std::min(default_seconds, timed([&] { default_result = sim::simulate(plan, defaults); }));
  }

  const double ns = 1e9 / static_cast<double>(n);
  const double loop_events = engine.seconds - start_only;
  std::printf("\n%s  (%s)\n", arch.name.c_str(), std::filesystem::path(path).filename().c_str());
  std::printf(
      "  elements %d, timers %d, services %d; %lld replications x 1y, %lld events "
      "(%.1f per replication)\n",
      c.element_count, c.timer_count, c.service_count, static_cast<long long>(reps),
      static_cast<long long>(n), static_cast<double>(n) / reps);
  std::printf(
      "  simulate(), 1 thread : %7.1f ns/event  %6.2f M events/s  %9.0f simulated years/s\n",
      full_seconds * ns, n / full_seconds / 1e6, reps / full_seconds);
  std::printf(
      "  simulate(), %d threads: %7.1f ns/event  %6.2f M events/s  %9.0f simulated years/s\n",
      mt.threads, mt_seconds * ns, n / mt_seconds / 1e6, reps / mt_seconds);
  std::printf("  event loop only       : %7.1f ns/event\n", engine.seconds * ns);
  std::printf(
      "  default start (stationary, warm-up %.2f y per replication), 1 thread: %.3f s, %.2fx the "
      "all-up run\n",
      default_result.warmup_years, default_seconds, default_seconds / full_seconds);
  std::printf(
      "  breakdown per event   : RNG %.1f | queue %.1f | sampling %.1f | evaluation %.1f | "
      "replication start %.1f | reduction+pool %.1f  (ns)\n",
      rng * ns, (floor - rng) * ns, (sampling - floor) * ns, (loop_events - sampling) * ns,
      start_only * ns, (full_seconds - engine.seconds) * ns);
  std::printf(
      "  floor (bare RNG + queue): %.1f ns/event;  event loop / floor = %.2fx;  "
      "simulate() / floor = %.2fx\n",
      floor * ns, engine.seconds / floor, full_seconds / floor);
  std::printf(
      "  model floor (queue + the model's own draws, each replication's initial draws included, "
      "no evaluation): %.1f ns/event;  simulate() / model floor = %.2fx\n",
      model_floor * ns, full_seconds / model_floor);
  std::printf(
      "  availability (all-up start, the runs timed above) %.7f [%.7f, %.7f], seed %llu, %lld "
      "replications\n",
      result.system.availability.value, result.system.availability.lo,
      result.system.availability.hi, static_cast<unsigned long long>(o.seed),
      static_cast<long long>(result.replications));
  std::printf("  availability (default start) %.7f [%.7f, %.7f], seed %llu, %lld replications\n",
              default_result.system.availability.value, default_result.system.availability.lo,
              default_result.system.availability.hi, static_cast<unsigned long long>(defaults.seed),
              static_cast<long long>(default_result.replications));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) paths.push_back(argv[i]);
  if (paths.empty()) {
    for (const auto& entry :
         std::filesystem::directory_iterator(OUTAGESIM_SOURCE_DIR "/models/examples"))
      if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
  }
  std::printf(
      "bench_sim: Monte Carlo engine, single thread unless said (best of %d interleaved rounds)\n",
      ROUNDS);
  for (const std::string& path : paths) {
    try {
      bench_model(path);
    } catch (const std::exception& e) {
      std::printf("\n%s: %s\n", path.c_str(), e.what());
    }
  }
  return 0;
}

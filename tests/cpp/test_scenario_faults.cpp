// Faults injected into the simulation (sim/scenario.h): known answers to the second, a failover
// that fails with probability p, ordering, reproducibility and the timeline of one run.
#include <cmath>
#include <stdexcept>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/sim/scenario.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

constexpr double MINUTE = 1.0 / 60.0;

// Two regions of one provider, a database active_passive across them (detection 3 min,
// switchover 5 min, manual recovery 1 h), every element failing now and then.
struct TwoRegions {
  Builder b;
  int east = 0, west = 0;
  explicit TwoRegions(double success = 1.0) {
    const int prov = b.provider("p", exponential(87600, 3));
    east = b.region(prov, "east", exponential(17520, 6));
    west = b.region(prov, "west", exponential(17520, 6));
    const int a =
        b.component("db-east", b.zone(east, "e1", exponential(8760, 2)), exponential(2000, 1));
    const int c =
        b.component("db-west", b.zone(west, "w1", exponential(8760, 2)), exponential(2000, 1));
    model::Failover f;
    f.detection = model::Distribution::deterministic(3 * MINUTE);
    f.switchover = model::Distribution::deterministic(5 * MINUTE);
    f.manual_recovery = model::Distribution::deterministic(1.0);
    f.success_probability = success;
    b.capability("orders", {b.active_passive("db", {a, c}, f)});
  }
};

sim::Fault region_down(int element, double hours) {
  sim::Fault f;
  f.name = "region";
  f.choices = {{element}};
  f.offset_hours = 1.0;
  f.duration = model::Distribution::deterministic(hours);
  return f;
}

sim::ScenarioOptions quiet(std::int64_t runs) {
  sim::ScenarioOptions o;
  o.runs = runs;
  o.window_hours = 24.0;
  o.threads = 2;
  return o;
}

}  // namespace

TEST_CASE("a region down 8 h under an active_passive pair costs exactly detection + switchover",
          "[scenario]") {
  TwoRegions m;
  const graph::Plan plan = m.b.plan();
  // Region elements are the domains: provider 0, east 1.
  const sim::ScenarioOutcome out = sim::run_scenario(plan, {region_down(m.east, 8.0)}, quiet(50));
  REQUIRE(out.runs == 50);
  for (std::int64_t r = 0; r < out.runs; ++r) {
    for (int k = 0; k < out.measures; ++k) {
      const double down = out.downtime_hours[r * out.measures + k];
      CHECK(std::abs(down * 3600.0 - 8 * 60.0) < 1e-6);  // 8 minutes, to the second and below
      CHECK(std::abs(out.first_down_hours[r * out.measures + k] - 1.0) < 1e-12);
      CHECK(std::abs(out.last_up_hours[r * out.measures + k] - (1.0 + 8 * MINUTE)) < 1e-9);
      CHECK(out.down_at_end[r * out.measures + k] == 0);
    }
    CHECK(out.failovers[r] == 1);  // no failback: the west replica keeps serving
    CHECK(out.failed_failovers[r] == 0);
    CHECK(out.fault_start_hours[r] == 1.0);
    CHECK(out.fault_end_hours[r] == 9.0);
  }
  // The downtime is charged to the fault.
  REQUIRE(out.attribution_offsets[1] == 1);
  CHECK(out.attribution_cause[0] == -1);
}

TEST_CASE("a failover that fails with probability p: P(down past the switchover) covers p",
          "[scenario]") {
  const double success = 0.8;
  TwoRegions m(success);
  sim::ScenarioOptions o = quiet(4000);
  o.seed = 7;
  const sim::ScenarioOutcome out = sim::run_scenario(m.b.plan(), {region_down(m.east, 8.0)}, o);
  std::int64_t long_outages = 0, failed = 0;
  for (std::int64_t r = 0; r < out.runs; ++r) {
    const double down = out.downtime_hours[r * out.measures];
    long_outages += down > 10 * MINUTE;
    failed += out.failed_failovers[r];
    // Either the switchover (8 min) or the manual recovery (3 min + 1 h), nothing else.
    CHECK((std::abs(down - 8 * MINUTE) < 1e-9 || std::abs(down - (3 * MINUTE + 1.0)) < 1e-9));
  }
  CHECK(long_outages == failed);
  // Wilson 99.9% interval of the observed share must hold 1 - p.
  const double n = static_cast<double>(out.runs);
  const double phat = static_cast<double>(long_outages) / n, z = 3.2905;
  const double centre = (phat + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  INFO("share " << phat << " interval [" << centre - half << ", " << centre + half << "]");
  CHECK(centre - half <= 1 - success);
  CHECK(1 - success <= centre + half);
}

TEST_CASE("a fault 'after' another starts when it ends, plus its delay", "[scenario]") {
  TwoRegions m;
  sim::Fault first = region_down(m.east, 2.0);
  sim::Fault second = region_down(m.west, 1.0);
  second.name = "west";
  second.after = 0;
  second.delay_hours = 0.5;
  const sim::ScenarioOutcome out = sim::run_scenario(m.b.plan(), {first, second}, quiet(3));
  for (std::int64_t r = 0; r < out.runs; ++r) {
    CHECK(out.fault_start_hours[r * 2 + 1] == 3.5);
    CHECK(out.fault_end_hours[r * 2 + 1] == 4.5);
    // East down 1..3 (failover to west, 8 min); west down 3.5..4.5 while east is back: a second
    // failover, 8 min again.
    CHECK(std::abs(out.downtime_hours[r * out.measures] - 16 * MINUTE) < 1e-9);
    CHECK(out.failovers[r] == 2);
  }
}

TEST_CASE("one of several choices per run, uniformly, from the fault's own stream", "[scenario]") {
  TwoRegions m;
  sim::Fault f = region_down(m.east, 1.0);
  f.choices = {{m.east}, {m.west}};
  const sim::ScenarioOutcome out = sim::run_scenario(m.b.plan(), {f}, quiet(2000));
  std::int64_t east = 0;
  for (int c : out.fault_choice) east += c == 0;
  // Binomial(2000, 1/2): within 4 standard deviations (22.4 each).
  CHECK(std::abs(static_cast<double>(east) - 1000.0) < 4 * 22.4);
}

TEST_CASE("scenario runs: the same on 1 and 2 threads, and the traced run has the same downtime",
          "[scenario]") {
  TwoRegions m(0.7);
  const graph::Plan plan = m.b.plan();
  sim::ScenarioOptions o = quiet(600);
  o.background = true;
  o.seed = 3;
  sim::Fault f = region_down(m.east, 4.0);
  f.duration = model::Distribution::lognormal_with_mean(4.0, 0.8);
  o.threads = 1;
  const sim::ScenarioOutcome one = sim::run_scenario(plan, {f}, o);
  o.threads = 2;
  const sim::ScenarioOutcome two = sim::run_scenario(plan, {f}, o);
  CHECK(one.downtime_hours == two.downtime_hours);
  CHECK(one.failed_failovers == two.failed_failovers);
  CHECK(one.fault_end_hours == two.fault_end_hours);
  CHECK(one.warmup_hours > 0.0);

  for (std::int64_t run : {0, 17, 599}) {
    const std::vector<sim::TraceEvent> trace = sim::trace_scenario_run(plan, {f}, o, run);
    double down = 0.0, since = -1.0;
    for (const sim::TraceEvent& e : trace) {
      if (e.kind != sim::TraceKind::system) continue;
      if (e.state == sim::TraceState::down) since = e.hours;
      if (e.state == sim::TraceState::up && since >= 0.0) {
        down += e.hours - since;
        since = -1.0;
      }
    }
    if (since >= 0.0) down += o.window_hours - since;
    CHECK(std::abs(down - one.downtime_hours[run * one.measures]) < 1e-9);
  }
}

TEST_CASE("mean timings: one deterministic run with every failover succeeding", "[scenario]") {
  TwoRegions m(0.5);
  sim::ScenarioOptions o = quiet(1);
  o.timings = sim::Timings::mean;
  sim::Fault f = region_down(m.east, 8.0);
  f.duration = model::Distribution::exponential(8.0);
  const sim::ScenarioOutcome out = sim::run_scenario(m.b.plan(), {f}, o);
  CHECK(std::abs(out.downtime_hours[0] - 8 * MINUTE) < 1e-12);
  CHECK(out.fault_end_hours[0] == 9.0);
  const std::vector<sim::TraceEvent> trace = sim::trace_scenario_run(m.b.plan(), {f}, o, 0);
  // The region goes down with the fault, then the service fails over and comes back.
  REQUIRE(!trace.empty());
  CHECK(trace.front().kind == sim::TraceKind::element);
  CHECK(trace.front().cause_fault == 0);
  bool failing_over = false;
  for (const sim::TraceEvent& e : trace)
    failing_over |= e.kind == sim::TraceKind::service && e.state == sim::TraceState::failing_over;
  CHECK(failing_over);
}

TEST_CASE("scenario options and faults are checked", "[scenario]") {
  TwoRegions m;
  const graph::Plan plan = m.b.plan();
  sim::Fault a = region_down(m.east, 1.0), b = region_down(m.west, 1.0);
  a.after = 1;
  b.after = 0;
  CHECK_THROWS_WITH(sim::run_scenario(plan, {a, b}, quiet(1)), Catch::Contains("cycle"));
  sim::Fault bad = region_down(999, 1.0);
  CHECK_THROWS_WITH(sim::run_scenario(plan, {bad}, quiet(1)), Catch::Contains("not an element"));
  sim::ScenarioOptions o = quiet(0);
  CHECK_THROWS_AS(sim::run_scenario(plan, {region_down(m.east, 1.0)}, o), SimulationError);
  o = quiet(1);
  o.window_hours = -1;
  CHECK_THROWS_AS(sim::run_scenario(plan, {region_down(m.east, 1.0)}, o), SimulationError);
}

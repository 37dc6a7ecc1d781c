// run_scenario and trace_scenario_run (outagesim/sim/scenario.h): the replication loop of
// simulate() with faults injected, every run kept (a scenario reports distributions over runs,
// not long-run means).
#include "outagesim/sim/scenario.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "automatic_warmup.h"
#include "batch_pool.h"
#include "compiled.h"
#include "outagesim/error.h"
#include "outagesim/sim/simulate.h"
#include "replication.h"
#include "stream_keys.h"
#include "tracer.h"

namespace outagesim::sim {
namespace {

// Runs handed to the pool at a time: the time limit and Ctrl-C are looked at between batches
// (and inside runs); the sizes never depend on timing or threads.
constexpr std::int64_t RUNS_PER_BATCH = 256;
constexpr std::int64_t MAX_RUNS = 10'000'000;

Sampler at_mean(const Sampler& s) {
  Sampler d;
  d.kind = SamplerKind::deterministic;
  d.p1 = d.mean = s.mean;
  return d;
}

void check(const graph::Plan& plan, const std::vector<Fault>& faults, const ScenarioOptions& o) {
  if (o.runs < 1 || o.runs > MAX_RUNS)
    throw SimulationError("runs must be between 1 and " + std::to_string(MAX_RUNS) + ", not " +
                          std::to_string(o.runs));
  if (!(o.window_hours > 0.0) || !std::isfinite(o.window_hours))
    throw SimulationError("the scenario window must be a positive, finite duration");
  if (o.threads < 0 || o.threads > MAX_THREADS)
    throw SimulationError("threads must be between 0 (every core) and " +
                          std::to_string(MAX_THREADS));
  if (!(o.max_seconds >= 0.0)) throw SimulationError("max_seconds must be >= 0 (0: no limit)");
  const int elements = plan.element_count();
  for (int e : o.quiet_elements)
    if (e < 0 || e >= elements)
      throw SimulationError("quiet element " + std::to_string(e) + " is not an element id");
  const int n = static_cast<int>(faults.size());
  for (int f = 0; f < n; ++f) {
    const Fault& fault = faults[f];
    const std::string what = "fault '" + fault.name + "'";
    // An empty choice is allowed: the fault's target is not in this design (a zone of the
    // region it does not use), so it takes nothing down but still orders the faults after it.
    if (fault.choices.empty()) throw SimulationError(what + " has no choice of elements");
    for (const auto& choice : fault.choices) {
      for (int e : choice)
        if (e < 0 || e >= elements)
          throw SimulationError(what + ": element " + std::to_string(e) + " is not an element id");
    }
    if (!(fault.offset_hours >= 0.0) || !std::isfinite(fault.offset_hours) ||
        !(fault.delay_hours >= 0.0) || !std::isfinite(fault.delay_hours))
      throw SimulationError(what + ": offsets and delays must be finite and >= 0");
    if (fault.after >= n || fault.after == f || fault.after < -1)
      throw SimulationError(what + ": 'after' must name another fault");
    // Following "after" from any fault must end at a fault that starts on its own.
    int steps = 0;
    for (int g = f; g >= 0; g = faults[g].after)
      if (++steps > n) throw SimulationError(what + ": its 'after' ordering is a cycle");
  }
}

// The compiled plan as the scenario sees it: without background, nothing fails at random; the
// quiet elements never do; with mean timings, every failover takes its mean times and succeeds.
Compiled compile_for(const graph::Plan& plan, const ScenarioOptions& o) {
  Compiled c = compile(plan);
  if (!o.background) std::fill(c.can_fail.begin(), c.can_fail.end(), 0);
  for (int e : o.quiet_elements) c.can_fail[e] = 0;
  if (o.timings == Timings::mean) {
    for (auto* samplers : {&c.detection, &c.switchover, &c.manual_recovery, &c.slot_switchover,
                           &c.slot_manual_recovery})
      for (Sampler& s : *samplers) s = at_mean(s);
    std::fill(c.success_probability.begin(), c.success_probability.end(), 1.0);
    std::fill(c.slot_success_probability.begin(), c.slot_success_probability.end(), 1.0);
  }
  return c;
}

std::vector<FaultSpec> fault_specs(const std::vector<Fault>& faults, Timings timings) {
  std::vector<FaultSpec> specs;
  for (const Fault& f : faults) {
    FaultSpec s;
    s.choices = f.choices;
    s.offset = f.offset_hours;
    s.after = f.after;
    s.delay = f.delay_hours;
    s.duration = make_sampler(f.duration);
    if (timings == Timings::mean) s.duration = at_mean(s.duration);
    specs.push_back(std::move(s));
  }
  return specs;
}

// A Replicator set up for the scenario: per-element streams (common random numbers: two designs
// see the same background failures of the elements they share, and the same fault draws).
std::unique_ptr<Replicator> scenario_replicator(const graph::Plan& plan, const Compiled& c,
                                                const std::vector<Fault>& faults, Timings timings) {
  std::vector<std::uint32_t> element_keys, service_keys, fault_keys;
  std::vector<std::string> fault_names;
  for (const Fault& f : faults) fault_names.push_back("fault:" + f.name);
  stream_keys(plan, c, element_keys, service_keys, fault_names, &fault_keys);
  auto r = std::make_unique<Replicator>(c);
  r->configure(0.0, std::move(element_keys), std::move(service_keys));
  r->configure_faults(fault_specs(faults, timings), std::move(fault_keys));
  return r;
}

struct RunRecord {
  ReplicationOutcome outcome;
  std::vector<int> choice;
  std::vector<double> start, end;
};

void append(const Compiled& c, const RunRecord& run, ScenarioOutcome& out) {
  const ReplicationOutcome& o = run.outcome;
  out.downtime_hours.insert(out.downtime_hours.end(), o.downtime_hours.begin(),
                            o.downtime_hours.end());
  out.first_down_hours.insert(out.first_down_hours.end(), o.first_down_hours.begin(),
                              o.first_down_hours.end());
  out.last_up_hours.insert(out.last_up_hours.end(), o.last_up_hours.begin(), o.last_up_hours.end());
  out.down_at_end.insert(out.down_at_end.end(), o.down_at_end.begin(), o.down_at_end.end());
  const std::size_t base = out.failovers.size();
  out.failovers.resize(base + static_cast<std::size_t>(c.service_count), 0);
  out.failed_failovers.resize(base + static_cast<std::size_t>(c.service_count), 0);
  for (int p = 0; p < c.service_count; ++p) {
    out.failovers[base + c.service_index[p]] = o.failovers[p];
    out.failed_failovers[base + c.service_index[p]] = o.failed_failovers[p];
  }
  out.fault_choice.insert(out.fault_choice.end(), run.choice.begin(), run.choice.end());
  out.fault_start_hours.insert(out.fault_start_hours.end(), run.start.begin(), run.start.end());
  out.fault_end_hours.insert(out.fault_end_hours.end(), run.end.begin(), run.end.end());
  for (const CauseShare& share : o.attribution) {
    // "Down at the start" (element_count) was begun by nothing in the window: left out.
    if (share.hours <= 0.0 || share.cause == c.element_count) continue;
    const bool fault = share.cause > c.element_count;
    out.attribution_cause.push_back(fault ? -1 - (share.cause - c.element_count - 1) : share.cause);
    out.attribution_hours.push_back(share.hours);
  }
  out.attribution_offsets.push_back(static_cast<std::int64_t>(out.attribution_cause.size()));
  ++out.runs;
}

// What every run of a scenario shares: the checked options, the plan compiled for them and
// where measurement starts (the long-run state after the automatic warm-up with background on,
// all up at once without). run_scenario and trace_scenario_run use the same, so a traced run is
// the run it claims to be.
struct Prepared {
  Compiled compiled;
  bool stationary = false;
  double warmup = 0.0;
};

Prepared prepare(const graph::Plan& plan, const std::vector<Fault>& faults,
                 const ScenarioOptions& options) {
  check(plan, faults, options);
  Prepared p{compile_for(plan, options), options.background, 0.0};
  if (p.stationary) p.warmup = automatic_warmup_hours(p.compiled);
  return p;
}

}  // namespace

ScenarioOutcome run_scenario(const graph::Plan& plan, const std::vector<Fault>& faults,
                             const ScenarioOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Prepared prepared = prepare(plan, faults, options);
  const Compiled& c = prepared.compiled;
  const bool stationary = prepared.stationary;
  const double warmup = prepared.warmup;

  BatchPool pool(resolve_threads(options.threads, MAX_THREADS));
  std::vector<std::unique_ptr<Replicator>> replicators;
  for (int w = 0; w < pool.size(); ++w)
    replicators.push_back(scenario_replicator(plan, c, faults, options.timings));

  const StopSignal stop = StopSignal::after(options.cancel, started, options.max_seconds);

  ScenarioOutcome out;
  out.measures = 1 + plan.capability_services.size();
  out.services = static_cast<int>(plan.architecture.services.size());
  out.faults = static_cast<int>(faults.size());
  out.warmup_hours = warmup;
  out.stop_reason = "runs reached";
  std::vector<RunRecord> batch;
  for (std::int64_t done = 0; done < options.runs;) {
    const std::int64_t size = std::min(RUNS_PER_BATCH, options.runs - done);
    batch.resize(static_cast<std::size_t>(size));
    pool.run(size, [&](int worker, std::int64_t i) {
      RunRecord& record = batch[static_cast<std::size_t>(i)];
      record.outcome.completion = Completion::not_run;
      if (stop.cancelled() || stop.past_deadline()) return;
      Replicator& r = *replicators[worker];
      r.run(options.seed, done + i, options.window_hours, stationary, warmup, stop, record.outcome);
      record.choice = r.fault_choice();
      record.start = r.fault_start();
      record.end = r.fault_end();
    });
    // Whole runs only, in run order: a prefix of the runs asked for.
    std::int64_t whole = 0;
    while (whole < size &&
           batch[static_cast<std::size_t>(whole)].outcome.completion == Completion::complete)
      ++whole;
    for (std::int64_t i = 0; i < whole; ++i) append(c, batch[static_cast<std::size_t>(i)], out);
    done += whole;
    if (whole < size) {
      out.stop_reason = stop.cancelled() ? "interrupted" : "max-time reached";
      break;
    }
  }
  if (out.runs == 0)
    throw SimulationError(out.stop_reason == "interrupted"
                              ? "interrupted before one scenario run completed"
                              : "the time limit passed before one scenario run completed");
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

std::vector<TraceEvent> trace_scenario_run(const graph::Plan& plan,
                                           const std::vector<Fault>& faults,
                                           const ScenarioOptions& options, std::int64_t run) {
  const Prepared prepared = prepare(plan, faults, options);
  if (run < 0 || run >= options.runs)
    throw SimulationError("run " + std::to_string(run) + " is not one of the " +
                          std::to_string(options.runs) + " runs");
  auto r = scenario_replicator(plan, prepared.compiled, faults, options.timings);
  Tracer tracer;
  r->set_tracer(&tracer);
  ReplicationOutcome outcome;
  r->run(options.seed, run, options.window_hours, prepared.stationary, prepared.warmup,
         StopSignal{}, outcome);
  return tracer.events();
}

const char* to_string(TraceKind kind) {
  switch (kind) {
    case TraceKind::element:
      return "element";
    case TraceKind::service:
      return "service";
    case TraceKind::capability:
      return "capability";
    case TraceKind::system:
      return "system";
  }
  return "?";
}

const char* to_string(TraceState state) {
  switch (state) {
    case TraceState::up:
      return "up";
    case TraceState::degraded:
      return "degraded";
    case TraceState::failing_over:
      return "failing over";
    case TraceState::down:
      return "down";
  }
  return "?";
}

const char* to_string(TraceReason reason) {
  switch (reason) {
    case TraceReason::start:
      return "start";
    case TraceReason::failed:
      return "failed";
    case TraceReason::repaired:
      return "repaired";
    case TraceReason::fault_started:
      return "fault started";
    case TraceReason::fault_ended:
      return "fault ended";
    case TraceReason::common_failure:
      return "common failure";
    case TraceReason::bad_change:
      return "bad change";
    case TraceReason::rolled_back:
      return "rolled back";
    case TraceReason::failover_completed:
      return "failover completed";
    case TraceReason::manual_recovery_completed:
      return "manual recovery completed";
    case TraceReason::feature_flag_switched:
      return "dependency switched off";
  }
  return "?";
}

}  // namespace outagesim::sim

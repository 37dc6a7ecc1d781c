// The interval-reliability warnings of reliability_warnings.h.
#include "reliability_warnings.h"

#include <cstdio>

#include "outagesim/model/distribution.h"

namespace outagesim::sim {

namespace {

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

// "lognormal sigma 3.5" or "weibull shape 0.2" when `d` is that heavy-tailed, "" otherwise.
std::string heavy_tail(const model::Distribution& d) {
  if (d.kind == model::DistributionKind::lognormal && d.sigma > HEAVY_TAIL_SIGMA)
    return "lognormal sigma " + number(d.sigma);
  if (d.kind == model::DistributionKind::weibull && d.shape < HEAVY_TAIL_SHAPE)
    return "weibull shape " + number(d.shape);
  return "";
}

}  // namespace

void add_reliability_warnings(const graph::Plan& plan, const Options& options,
                              api::Result& result) {
  const int n = plan.element_count();
  if (options.start == StartState::all_up && options.warmup_hours.value_or(0.0) <= 0.0) {
    int slow = -1, count = 0;
    for (int e = 0; e < n; ++e) {
      const model::FailureProcess& p = plan.element_process[e];
      if (p.never_fails || p.ttr.mean < options.horizon_hours) continue;
      if (slow < 0) slow = e;
      ++count;
    }
    if (slow >= 0) {
      result.warnings.push_back(
          plan.element_name[slow] +
          (count > 1 ? " (and " + std::to_string(count - 1) + " more)" : "") +
          ": the mean repair time (" + number(plan.element_process[slow].ttr.mean) +
          " h) is not shorter than the horizon (" + number(options.horizon_hours) +
          " h) and every replication starts all up: outages are cut off at the horizon, so "
          "the availability is biased upwards and its interval does not show it; use "
          "start stationary, a warm-up, or a horizon many repair times long");
    }
  }
  const api::Estimate& a = result.system.availability;
  if (result.replications >= 2 && a.value < 1.0 && a.lo == a.hi) {
    result.warnings.push_back(
        "every replication gave the same system downtime, so the availability interval has zero "
        "width: the replications move in lockstep (deterministic timings), and the width says "
        "nothing about the error; the figure is one sample path, not an exact value");
  }
  for (int e = 0; e < n; ++e) {
    const model::FailureProcess& p = plan.element_process[e];
    if (p.never_fails) continue;
    std::string tail = heavy_tail(p.ttf);
    const char* which = "time to failure";
    if (tail.empty()) {
      tail = heavy_tail(p.ttr);
      which = "time to repair";
    }
    if (tail.empty()) continue;
    result.warnings.push_back(
        plan.element_name[e] + ": the " + which + " is extremely heavy-tailed (" + tail +
        "): the downtime's variance is dominated by rare huge values, so the interval is "
        "likely too narrow; treat it as a lower bound on the uncertainty and run many more "
        "replications (lognormal sigma above " +
        number(HEAVY_TAIL_SIGMA) + " or weibull shape below " + number(HEAVY_TAIL_SHAPE) + ")");
    break;  // one such warning is enough: it is about the whole estimate
  }
}

}  // namespace outagesim::sim

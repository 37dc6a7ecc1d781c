// The event loop of one failure-biased regenerative cycle (see cycle.h and rare_event.h).
#include "cycle.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "outagesim/sim/samplers.h"

namespace outagesim::sim {
namespace {

// Events between looks at the cancel flag and the clock.
constexpr std::int64_t CHECK_EVERY = 4096;

}  // namespace

CycleRunner::CycleRunner(const Compiled& compiled)
    : c_(compiled),
      state_(compiled),
      rate_(static_cast<std::size_t>(compiled.element_count), 0.0),
      up_(static_cast<std::size_t>(compiled.element_count), 1),
      repair_at_(static_cast<std::size_t>(compiled.element_count), 0.0),
      down_since_(static_cast<std::size_t>(1 + compiled.capability_count), 0.0),
      cause_hours_(static_cast<std::size_t>(compiled.element_count), 0.0),
      cause_incidents_(static_cast<std::size_t>(compiled.element_count), 0.0),
      down_weight_(static_cast<std::size_t>(1 + compiled.capability_count), 1.0),
      cause_touched_(static_cast<std::size_t>(compiled.element_count), 0) {
  for (int e = 0; e < c_.element_count; ++e) {
    if (!c_.can_fail[e]) continue;
    failing_.push_back(e);
    rate_[e] = 1.0 / c_.ttf[e].mean;
    total_rate_ += rate_[e];
  }
}

void CycleRunner::change(int element, bool up, double now, CycleOutcome& out) {
  up_[element] = up;
  state_.set_element(element, up);
  state_.evaluate();
  ++out.events;
  for (int m = 0; m < state_.measure_count(); ++m) {
    const bool is_up = state_.measure_up(m);
    const bool was_up = down_since_[m] < 0.0;
    if (is_up == was_up) continue;
    if (!is_up) {
      down_since_[m] = now;
      down_weight_[m] = std::exp(log_ratio_);
      out.incidents[m] += down_weight_[m];
      ++out.observed[m];
      if (m == 0) {
        system_cause_ = element;
        touch(element);
        cause_incidents_[element] += down_weight_[0];
      }
    } else {
      out.downtime_hours[m] += down_weight_[m] * (now - down_since_[m]);
      if (m == 0) cause_hours_[system_cause_] += down_weight_[m] * (now - down_since_[m]);
      down_since_[m] = -1.0;
    }
  }
}

void CycleRunner::run(std::uint64_t seed, std::int64_t index, const StopSignal& stop,
                      CycleOutcome& out) {
  Stream rng(seed, static_cast<std::uint64_t>(index));
  const int measures = state_.measure_count();
  out.likelihood_ratio = 1.0;
  out.busy_hours = 0.0;
  out.downtime_hours.assign(static_cast<std::size_t>(measures), 0.0);
  out.incidents.assign(static_cast<std::size_t>(measures), 0.0);
  out.observed.assign(static_cast<std::size_t>(measures), 0);
  out.attribution.clear();
  out.events = 0;
  out.complete = false;
  std::fill(up_.begin(), up_.end(), 1);
  down_.clear();
  state_.reset();
  std::fill(down_since_.begin(), down_since_.end(), -1.0);
  for (int e : touched_causes_) {
    cause_hours_[e] = 0.0;
    cause_incidents_[e] = 0.0;
    cause_touched_[e] = 0;
  }
  touched_causes_.clear();
  system_cause_ = -1;

  // Picks the element of a failure: u in [0, total) over the cumulative rates of up elements.
  auto pick = [&](double u, auto&& rate_of) {
    int chosen = -1;
    for (int e : failing_) {
      if (!up_[e]) continue;
      chosen = e;
      u -= rate_of(e);
      if (u < 0.0) break;
    }
    return chosen;  // rounding past the end falls on the last up element
  };
  auto fail = [&](int e, double now) {
    down_.push_back(e);
    repair_at_[e] = now + sample(c_.ttr[e], rng);
    change(e, false, now, out);
  };

  // The cycle's first failure, at natural rates (the all-up sojourn before it is not simulated:
  // its mean 1 / total_rate enters the cycle length exactly).
  fail(pick(rng.uniform() * total_rate_, [&](int e) { return rate_[e]; }), 0.0);

  double now = 0.0;
  log_ratio_ = 0.0;
  while (!down_.empty()) {
    if (out.events % CHECK_EVERY == 0 && (stop.cancelled() || stop.past_deadline())) return;
    // The next scheduled repair ends the step's window.
    int repaired = -1;
    double repair_time = std::numeric_limits<double>::infinity();
    for (int e : down_) {
      if (repair_at_[e] < repair_time) {
        repair_time = repair_at_[e];
        repaired = e;
      }
    }
    int up_count = 0;
    double natural = 0.0;
    for (int e : failing_)
      if (up_[e]) {
        ++up_count;
        natural += rate_[e];
      }
    // pi: the natural probability that an up element fails before that repair (memoryless
    // clocks: it depends on the window only). Biased: at least FAILURE_PROBABILITY.
    const double pi = natural > 0.0 ? -std::expm1(-natural * (repair_time - now)) : 0.0;
    // Once the system is down the rare event has happened: natural rates bring it back sooner.
    const double biased =
        pi > 0.0 && state_.measure_up(0) ? std::max(pi, BiasingScheme::FAILURE_PROBABILITY) : pi;
    if (rng.uniform() >= biased) {
      // No failure before the repair: natural probability 1 - pi, biased 1 - biased.
      if (biased > pi) log_ratio_ += std::log1p(-pi) - std::log1p(-biased);
      now = repair_time;
      down_.erase(std::find(down_.begin(), down_.end(), repaired));
      change(repaired, true, now, out);
      continue;
    }
    // A failure inside the window, at the natural time given that it falls there (inverse of
    // the truncated exponential), of an up element chosen evenly (balanced) while biased, or in
    // proportion to its rate when the natural probability already exceeds the biased one.
    const double step = -std::log1p(-rng.uniform() * pi) / natural;
    int e;
    if (biased > pi) {
      int k = std::min(static_cast<int>(rng.uniform() * up_count), up_count - 1);
      e = -1;
      for (int x : failing_)
        if (up_[x] && k-- == 0) {
          e = x;
          break;
        }
      // Natural: pi x lambda_e / Lambda_up; biased: biased x 1 / up_count.
      log_ratio_ += std::log(pi * rate_[e] * up_count / (natural * biased));
    } else {
      e = pick(rng.uniform() * natural, [&](int x) { return rate_[x]; });
    }
    now = std::min(now + step, repair_time);
    fail(e, now);
  }
  out.busy_hours = now;
  out.likelihood_ratio = std::exp(log_ratio_);
  for (int e : touched_causes_)
    out.attribution.push_back({e, cause_hours_[e], cause_incidents_[e]});
  out.complete = true;
}

}  // namespace outagesim::sim

// The bad-change process of change_process.h: arrivals, waves, detection and rollback.
#include "change_process.h"

#include <cmath>

#include "event_queue.h"
#include "outagesim/error.h"

namespace outagesim::sim {

namespace {

void check_duration(const Sampler& s, const std::string& what) {
  if (!(s.mean >= 0.0) || !std::isfinite(s.mean))
    throw SimulationError(what + ": duration mean must be finite and >= 0");
}

}  // namespace

std::vector<ChangeSpec> compile_changes(const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  std::vector<ChangeSpec> specs;
  for (int k = 0; k < plan.change_count; ++k) {
    const model::Service& service = a.services[plan.change_service[k]];
    const model::Changes& changes = *service.changes;
    ChangeSpec spec;
    spec.element = plan.change_element(k);
    const model::FailureProcess& process = plan.element_process[spec.element];
    spec.can_fail = !process.never_fails;
    if (spec.can_fail) spec.arrival = make_sampler(process.ttf);
    spec.detection = make_sampler(changes.detection);
    spec.rollback = make_sampler(changes.rollback);
    check_duration(spec.detection, service.name + " changes detection");
    check_duration(spec.rollback, service.name + " changes rollback");
    if (spec.can_fail && !(spec.arrival.mean > 0.0 && std::isfinite(spec.arrival.mean)))
      throw SimulationError(service.name +
                            ": mean time between bad changes must be finite and > 0");
    if (!(spec.rollback.mean > 0.0))
      throw SimulationError(service.name + ": changes rollback must take some time");
    spec.bake_hours = changes.rollout.bake_hours;
    if (!(spec.bake_hours >= 0.0) || !std::isfinite(spec.bake_hours))
      throw SimulationError(service.name + ": rollout bake must be a finite duration >= 0");
    for (int row = plan.change_wave_begin[k]; row < plan.change_wave_begin[k + 1]; ++row) {
      spec.wave_components.insert(spec.wave_components.end(), plan.change_waves.begin(row),
                                  plan.change_waves.end(row));
      spec.wave_offsets.push_back(static_cast<int>(spec.wave_components.size()));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

ChangeProcess::ChangeProcess(const std::vector<ChangeSpec>& specs)
    : specs_(specs), state_(specs.size()) {}

void ChangeProcess::reset() {
  for (State& s : state_) s = State{};
}

bool ChangeProcess::wave_due(int k, int wave) const {
  // Computed from the wave's number, not accumulated, so "before detection" is decided on
  // durations alone.
  const ChangeSpec& spec = specs_[k];
  return wave < spec.wave_count() &&
         (wave == 0 || static_cast<double>(wave) * spec.bake_hours < state_[k].detection);
}

double ChangeProcess::next_event(int k) const {
  const State& s = state_[k];
  if (wave_due(k, s.next_wave))
    return s.start + static_cast<double>(s.next_wave) * specs_[k].bake_hours;
  return s.end;
}

int ChangeProcess::reached_count(int k) const {
  const ChangeSpec& spec = specs_[k];
  return spec.wave_offsets[state_[k].next_wave] - spec.wave_offsets[0];
}

void ChangeProcess::count_up_to(int k, double at) {
  State& s = state_[k];
  if (s.in_flight) s.replica_hours += static_cast<double>(reached_count(k)) * (at - s.since);
  s.since = at;
}

double ChangeProcess::start(int k, bool stationary, Stream& rng) {
  const ChangeSpec& spec = specs_[k];
  State& s = state_[k];
  s = State{};
  if (!spec.can_fail) return EventQueue::NEVER;
  if (!stationary) return sample(spec.arrival, rng);
  const double episode = spec.detection.mean + spec.rollback.mean;
  if (rng.uniform() * (spec.arrival.mean + episode) < spec.arrival.mean)
    return sample_residual(spec.arrival, rng);
  // Inside a bad change at a random instant: the episode covering it is length-biased. Its
  // density (d + r) f(d) g(r) / E[D + R] is a mixture: with probability E[D] / E[D + R], D
  // length-biased and R as drawn; otherwise R length-biased and D as drawn.
  const bool biased_detection = rng.uniform() * episode < spec.detection.mean;
  const double d =
      biased_detection ? sample_length_biased(spec.detection, rng) : sample(spec.detection, rng);
  const double r =
      biased_detection ? sample(spec.rollback, rng) : sample_length_biased(spec.rollback, rng);
  const double age = rng.uniform() * (d + r);
  s.in_flight = true;
  s.start = -age;
  s.detection = d;
  s.end = -age + d + r;
  s.next_wave = 1;
  while (wave_due(k, s.next_wave) && static_cast<double>(s.next_wave) * spec.bake_hours <= age)
    ++s.next_wave;
  return next_event(k);
}

ChangeStep ChangeProcess::fire(int k, double now, Stream& rng, double& next) {
  const ChangeSpec& spec = specs_[k];
  State& s = state_[k];
  count_up_to(k, now);
  if (!s.in_flight) {
    // A bad change arrives and reaches its first wave: detection, then rollback, are drawn now.
    s.in_flight = true;
    s.start = now;
    s.detection = sample(spec.detection, rng);
    s.end = now + s.detection + sample(spec.rollback, rng);
    s.next_wave = 1;
    ++s.bad_changes;
    next = next_event(k);
    return {spec.wave_components.data() + spec.wave_offsets[0],
            spec.wave_components.data() + spec.wave_offsets[1], 1};
  }
  if (wave_due(k, s.next_wave)) {
    const int w = s.next_wave++;
    next = next_event(k);
    return {spec.wave_components.data() + spec.wave_offsets[w],
            spec.wave_components.data() + spec.wave_offsets[w + 1], 1};
  }
  // The rollback completes: every replica reached comes back, and the pipeline reopens.
  const ChangeStep back{spec.wave_components.data() + spec.wave_offsets[0],
                        spec.wave_components.data() + spec.wave_offsets[s.next_wave], -1};
  s.in_flight = false;
  s.next_wave = 0;
  next = now + sample(spec.arrival, rng);
  return back;
}

ChangeStep ChangeProcess::reached(int k) const {
  const ChangeSpec& spec = specs_[k];
  const int* items = spec.wave_components.data();
  if (!state_[k].in_flight) return {items, items, 1};
  return {items + spec.wave_offsets[0], items + spec.wave_offsets[state_[k].next_wave], 1};
}

void ChangeProcess::begin_measurement(double at) {
  for (std::size_t k = 0; k < state_.size(); ++k) {
    count_up_to(static_cast<int>(k), at);
    state_[k].replica_hours = 0.0;
    state_[k].bad_changes = 0;
  }
}

void ChangeProcess::close(double at, std::vector<double>& replica_hours,
                          std::vector<std::int64_t>& bad_changes) {
  replica_hours.assign(state_.size(), 0.0);
  bad_changes.assign(state_.size(), 0);
  for (std::size_t k = 0; k < state_.size(); ++k) {
    count_up_to(static_cast<int>(k), at);
    replica_hours[k] = state_[k].replica_hours;
    bad_changes[k] = state_[k].bad_changes;
  }
}

}  // namespace outagesim::sim

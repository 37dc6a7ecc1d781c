// The automatic warm-up of the stationary start (see automatic_warmup.h for the reasoning).
#include "automatic_warmup.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

namespace outagesim::sim {
namespace {

// Per component: the elements whose events take it down (its own, its domains', a common cause
// or bad change that reaches it, a trigger that fails it), sorted.
std::vector<std::vector<int>> elements_taking_down(const Compiled& c) {
  std::vector<std::vector<int>> of(static_cast<std::size_t>(c.component_count));
  auto add = [&](int e, int member) {
    for (int i = c.element_components_offsets[member]; i < c.element_components_offsets[member + 1];
         ++i)
      of[static_cast<std::size_t>(c.element_components[i])].push_back(e);
  };
  for (int e = 0; e < c.element_count; ++e) {
    if (!c.can_fail[e]) continue;
    add(e, e);
    for (int t = c.trigger_offsets[e]; t < c.trigger_offsets[e + 1]; ++t)
      add(e, c.trigger_elements[t]);
  }
  for (auto& list : of) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return of;
}

// The slowest relaxation (hours) of which replica of active_passive service `p` serves, as a
// jump process over its replicas: an event that takes the serving replica down moves service
// to the first replica in replica order the same event leaves up (the others taken as up:
// repairs are much shorter than the times between failures); an event that leaves none up
// leaves it where it is. Each element's events come once per MTTF + MTTR. The relaxation is
// 1 / the smallest non-zero decay rate (|real part| of the generator's eigenvalues). For two
// replicas that is 1 / (lambda_0 + lambda_1); with more, replicas that fail together (a shared
// zone or region) make a slow mode between groups that no pair of rates shows.
double serving_relaxation_hours(const Compiled& c, int p,
                                const std::vector<std::vector<int>>& taking_down) {
  const int begin = c.service_slot_begin[p];
  const int n = c.service_slot_end[p] - begin;
  auto of_replica = [&](int k) -> const std::vector<int>& {
    return taking_down[static_cast<std::size_t>(c.slot_component[begin + k])];
  };
  std::vector<int> events;  // every element that takes some replica down
  for (int k = 0; k < n; ++k)
    events.insert(events.end(), of_replica(k).begin(), of_replica(k).end());
  std::sort(events.begin(), events.end());
  events.erase(std::unique(events.begin(), events.end()), events.end());

  Eigen::MatrixXd generator = Eigen::MatrixXd::Zero(n, n);
  std::vector<unsigned char> down(static_cast<std::size_t>(n));
  for (const int e : events) {
    for (int k = 0; k < n; ++k)
      down[static_cast<std::size_t>(k)] =
          std::binary_search(of_replica(k).begin(), of_replica(k).end(), e);
    const auto next = std::find(down.begin(), down.end(), 0);
    if (next == down.end()) continue;  // every replica down: service resumes where it was
    const int to = static_cast<int>(next - down.begin());
    const double frequency = 1.0 / (c.ttf[e].mean + c.ttr[e].mean);
    for (int from = 0; from < n; ++from) {
      if (!down[static_cast<std::size_t>(from)]) continue;
      generator(from, to) += frequency;
      generator(from, from) -= frequency;
    }
  }
  const Eigen::VectorXcd eigenvalues = generator.eigenvalues();
  const double scale = generator.cwiseAbs().maxCoeff();
  double slowest = 0.0;  // the smallest non-zero decay rate
  for (const auto& lambda : eigenvalues) {
    const double decay = -lambda.real();
    if (std::abs(lambda) <= 1e-9 * scale || decay <= 0.0) continue;  // the stationary mode(s)
    slowest = slowest == 0.0 ? decay : std::min(slowest, decay);
  }
  return slowest > 0.0 ? 1.0 / slowest : 0.0;
}

double longest_failover_hours(const Compiled& c, int service) {
  double longest = c.detection[service].mean +
                   std::max(c.switchover[service].mean, c.manual_recovery[service].mean);
  for (int slot = c.service_slot_begin[service]; slot < c.service_slot_end[service]; ++slot)
    longest =
        std::max(longest, c.detection[service].mean + std::max(c.slot_switchover[slot].mean,
                                                               c.slot_manual_recovery[slot].mean));
  return longest;
}

}  // namespace

double automatic_warmup_hours(const Compiled& c) {
  const std::vector<std::vector<int>> taking_down = elements_taking_down(c);
  double relaxation = 0.0;
  for (int p = 0; p < c.service_count; ++p) {
    if (!c.active_passive[p] || c.service_slot_end[p] - c.service_slot_begin[p] < 2) continue;
    const double serving = serving_relaxation_hours(c, p, taking_down);
    if (serving <= 0.0) continue;  // no event moves the serving replica: no failover
    relaxation = std::max({relaxation, serving, longest_failover_hours(c, p)});
  }
  // A common failure with individual repairs couples its members, so drawing each member from
  // its own long-run state is not the joint long-run state: warm up until the members' states
  // relax too, at the rate a member leaves and re-enters the up state (its own failures plus the
  // common ones, and its repair).
  for (int e = 0; e < c.element_count; ++e) {
    if (c.trigger_offsets[e] == c.trigger_offsets[e + 1] || !c.can_fail[e]) continue;
    for (int i = c.trigger_offsets[e]; i < c.trigger_offsets[e + 1]; ++i) {
      const int member = c.trigger_elements[i];
      if (!c.can_fail[member]) continue;
      const double rates =
          1.0 / c.ttf[member].mean + 1.0 / c.ttf[e].mean + 1.0 / c.ttr[member].mean;
      relaxation = std::max(relaxation, 1.0 / rates);
    }
  }
  // Recovery that waits for a control plane or a responder: a gated component or failover
  // relaxes within its own recovery plus the longest wait it can meet (a control plane's repair,
  // a responder's engagement).
  if (c.gated) {
    double wait = c.responders > 0 ? c.engage.mean : 0.0;
    double longest_plane = 0.0;
    for (int e = 0; e < c.element_count; ++e)
      if (c.can_fail[e] && c.element_planes_offsets[e] < c.element_planes_offsets[e + 1])
        longest_plane = std::max(longest_plane, c.ttr[e].mean);
    wait += longest_plane;
    for (int e = 0; e < c.element_count; ++e)
      if (c.repair[e] != Compiled::PROVIDER)
        relaxation = std::max(relaxation, c.ttr[e].mean + wait);
    for (int p = 0; p < c.service_count; ++p)
      if (c.failover_gated[p])
        relaxation = std::max(relaxation, longest_failover_hours(c, p) + wait);
  }
  // A feature flag's state depends on how long its dependency has been down: it relaxes within
  // the longest outage that can take a dependency down plus its decision.
  if (c.degraded.any && c.degraded.flag_count > 0) {
    double longest_repair = 0.0;
    for (int e = 0; e < c.element_count; ++e)
      if (c.can_fail[e]) longest_repair = std::max(longest_repair, c.ttr[e].mean);
    for (int f = 0; f < c.degraded.flag_count; ++f)
      relaxation = std::max(relaxation, longest_repair + c.degraded.decide[f].mean);
  }
  return WARMUP_RELAXATION_TIMES * relaxation;
}

}  // namespace outagesim::sim

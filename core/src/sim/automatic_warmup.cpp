// The automatic warm-up of the stationary start (see automatic_warmup.h for the reasoning).
#include "automatic_warmup.h"

#include <algorithm>
#include <vector>

namespace outagesim::sim {
namespace {

// Per component: failures per hour of the component and every failure domain it sits in (each
// element fails once per MTTF + MTTR on average).
std::vector<double> component_failure_rates(const Compiled& c) {
  std::vector<double> rate(static_cast<std::size_t>(c.component_count), 0.0);
  for (int e = 0; e < c.element_count; ++e) {
    if (!c.can_fail[e]) continue;
    const double frequency = 1.0 / (c.ttf[e].mean + c.ttr[e].mean);
    for (int i = c.element_components_offsets[e]; i < c.element_components_offsets[e + 1]; ++i)
      rate[static_cast<std::size_t>(c.element_components[i])] += frequency;
  }
  return rate;
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
  const std::vector<double> rate = component_failure_rates(c);
  double relaxation = 0.0;
  for (int p = 0; p < c.service_count; ++p) {
    const int begin = c.service_slot_begin[p];
    if (!c.active_passive[p] || c.service_slot_end[p] - begin < 2) continue;
    const double switching = rate[static_cast<std::size_t>(c.slot_component[begin])] +
                             rate[static_cast<std::size_t>(c.slot_component[begin + 1])];
    if (switching <= 0.0) continue;  // neither of the first two replicas can fail: no failover
    relaxation = std::max({relaxation, 1.0 / switching, longest_failover_hours(c, p)});
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
  return WARMUP_RELAXATION_TIMES * relaxation;
}

}  // namespace outagesim::sim

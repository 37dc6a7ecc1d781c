// Compiling fallbacks and feature flags (degraded_plan.h).
#include "degraded_plan.h"

#include <algorithm>

#include "compiled.h"
#include "stream_keys.h"

namespace outagesim::sim {

void compile_degraded(const graph::Plan& plan, const std::vector<int>& position, Compiled& c) {
  const model::Architecture& arch = plan.architecture;
  DegradedPlan& d = c.degraded;
  d.any = arch.has_degraded_modes();
  const int levels = static_cast<int>(c.level_capability.size());
  d.level_value.assign(static_cast<std::size_t>(levels), 1.0);
  d.level_flags = graph::Rows();
  d.dep_flag.assign(c.dep_service.size(), 0);
  if (!d.any) {
    for (int l = 0; l < levels; ++l) d.level_flags.add_row({});
    return;
  }

  // Flags in service order, then dependency order; each gets a timer after the failover timers.
  std::vector<std::vector<int>> flag_of(arch.services.size());  // per service, per dependency
  for (std::size_t s = 0; s < arch.services.size(); ++s) {
    const model::Service& service = arch.services[s];
    flag_of[s].assign(service.depends_on.size(), -1);
    for (std::size_t i = 0; i < service.depends_on.size(); ++i) {
      const auto& flag = service.depends_on[i].feature_flag;
      if (!flag) continue;
      flag_of[s][i] = d.flag_count++;
      d.flag_service.push_back(position[s]);
      d.flag_dependency.push_back(position[service.depends_on[i].service]);
      d.decide.push_back(make_sampler(flag->decide));
      d.flag_value.push_back(flag->value);
      d.flag_timer.push_back(c.timer_count++);
      d.flag_stream_key.push_back(
          fnv1a("flag:" + service.name + "->" + arch.services[service.depends_on[i].service].name));
      c.timer_element.push_back(-1);
      c.timer_service.push_back(-1);
      c.timer_flag.push_back(d.flag_count - 1);
      c.timer_trigger.push_back(-1);
      c.timer_change.push_back(-1);
    }
  }
  for (int p = 0; p < c.service_count; ++p) {
    std::vector<int> row;
    for (int f = 0; f < d.flag_count; ++f)
      if (d.flag_service[f] == p) row.push_back(f);
    d.service_flags.add_row(row);
  }
  // Dependency entries are laid out per slot, then per dependency in depends_on order.
  for (int slot = 0; slot < c.slot_count; ++slot) {
    const int s = c.service_index[c.slot_service[slot]];
    for (int e = c.slot_deps_offsets[slot]; e < c.slot_deps_offsets[slot + 1]; ++e) {
      const int flag = flag_of[s][e - c.slot_deps_offsets[slot]];
      d.dep_flag[e] = flag >= 0 ? flag : d.flag_count;
    }
  }

  for (int k = 0; k < c.capability_count; ++k) {
    const bool stated = k < static_cast<int>(arch.capabilities.size());
    for (int l = c.capability_levels[k]; l < c.capability_levels[k + 1]; ++l) {
      const int fallback = l - c.capability_levels[k] - 1;  // -1: the full form
      std::vector<int> required(plan.capability_services.begin(k), plan.capability_services.end(k));
      if (stated && fallback >= 0) {
        const model::Fallback& f = arch.capabilities[k].fallbacks[fallback];
        required = f.services;
        d.level_value[l] = f.value;
      }
      std::vector<char> needed(static_cast<std::size_t>(c.service_count), 0);
      for (int s : arch.services_needed_by(required)) needed[position[s]] = 1;
      std::vector<int> row;
      for (int f = 0; f < d.flag_count; ++f)
        if (needed[d.flag_service[f]]) row.push_back(f);
      d.level_flags.add_row(row);
    }
  }
}

}  // namespace outagesim::sim

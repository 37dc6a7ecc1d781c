// Compiles a graph::Plan into the flat arrays of sim::Compiled (once per simulate() call).
#include "compiled.h"

#include <algorithm>
#include <cmath>

#include "outagesim/error.h"

namespace outagesim::sim {
namespace {

// Inverts a relation given as (key -> values) pairs into CSR offsets/items keyed by value.
void invert(int value_count, const std::vector<std::pair<int, int>>& pairs,
            std::vector<int>& offsets, std::vector<int>& items) {
  offsets.assign(static_cast<std::size_t>(value_count) + 1, 0);
  for (const auto& [key, value] : pairs) ++offsets[value + 1];
  for (int i = 0; i < value_count; ++i) offsets[i + 1] += offsets[i];
  items.assign(pairs.size(), 0);
  std::vector<int> fill(offsets.begin(), offsets.end() - 1);
  for (const auto& [key, value] : pairs) items[fill[value]++] = key;
}

void check_duration(const Sampler& s, const std::string& what) {
  if (!(s.mean >= 0.0) || !std::isfinite(s.mean))
    throw SimulationError(what + ": duration mean must be finite and >= 0");
}

// What control planes and responders gate (Compiled's last block).
void compile_gates(const graph::Plan& plan, const std::vector<int>& position, Compiled& c) {
  const model::Architecture& arch = plan.architecture;
  c.control_plane_count = plan.control_plane_support.size();
  c.control_plane_begin = plan.control_plane_begin;
  for (int i = 0; i < c.control_plane_count; ++i)
    c.control_plane_support_size.push_back(plan.control_plane_support.count(i));
  c.element_planes_offsets = plan.element_control_planes.offsets;
  c.element_planes = plan.element_control_planes.items;
  if (c.element_planes_offsets.size() < static_cast<std::size_t>(c.element_count) + 1)
    c.element_planes_offsets.assign(static_cast<std::size_t>(c.element_count) + 1, 0);
  c.repair.assign(c.element_count, Compiled::PROVIDER);
  c.repair_plane.assign(c.element_count, -1);
  for (int k = 0; k < c.component_count; ++k) {
    const model::Component& component = arch.components[k];
    const int e = plan.component_element(k);
    if (!c.can_fail[e]) continue;
    if (component.repair == model::RepairMode::replace) {
      c.repair[e] = Compiled::REPLACE;
      c.repair_plane[e] = component.repair_control_plane;
      c.gated = true;
    } else if (component.repair == model::RepairMode::manual) {
      c.repair[e] = Compiled::MANUAL;
      c.gated = true;
    }
  }
  if (arch.operations) {
    c.responders = arch.operations->responders;
    c.engage = make_sampler(arch.operations->engage);
    check_duration(c.engage, "operations engage");
    c.responders_element = plan.responders_element;
  }
  c.failover_plane_row.assign(c.service_count, 0);
  c.fail_without_plane.assign(c.service_count, 0);
  c.failover_gated.assign(c.service_count, 0);
  for (int s = 0; s < c.service_count; ++s) {
    const int p = position[s];
    const model::Service& service = arch.services[s];
    c.failover_plane_row[p] = c.failover_planes.size();
    for (int code = 0; code <= static_cast<int>(service.replicas.size()); ++code)
      c.failover_planes.add_row(service.failover.control_planes_to(code - 1));
  }
  // Rows were added in architecture order; index them by position.
  {
    std::vector<int> row_of_service(c.service_count);
    int row = 0;
    for (int s = 0; s < c.service_count; ++s) {
      row_of_service[s] = row;
      row += static_cast<int>(arch.services[s].replicas.size()) + 1;
    }
    for (int s = 0; s < c.service_count; ++s) c.failover_plane_row[position[s]] = row_of_service[s];
  }
  for (int s = 0; s < c.service_count; ++s) {
    const int p = position[s];
    const model::Service& service = arch.services[s];
    if (service.mode != model::RedundancyMode::active_passive) continue;
    c.fail_without_plane[p] =
        service.failover.without_control_plane == model::ControlPlaneDown::fail;
    bool can_fail = service.failover.success_probability < 1.0;
    for (const model::FailoverTarget& t : service.failover.targets)
      can_fail = can_fail || (t.success_probability && *t.success_probability < 1.0);
    const bool gated = service.failover.needs_control_plane() ||
                       (c.responders > 0 && (can_fail || c.fail_without_plane[p]));
    c.failover_gated[p] = gated;
    c.gated = c.gated || gated;
  }
}

}  // namespace

Compiled compile(const graph::Plan& plan) {
  const model::Architecture& arch = plan.architecture;
  Compiled c;
  c.element_count = plan.element_count();
  c.component_count = plan.component_count;
  c.service_count = static_cast<int>(arch.services.size());
  c.capability_count = plan.capability_services.size();

  c.change_begin = plan.change_begin;
  c.changes = compile_changes(plan);

  // Elements and their timers.
  c.ttf.resize(c.element_count);
  c.ttr.resize(c.element_count);
  c.can_fail.assign(c.element_count, 0);
  c.availability.assign(c.element_count, 1.0);
  c.element_timer.assign(c.element_count, -1);
  c.trigger_offsets.assign(1, 0);
  for (int e = 0; e < c.element_count; ++e) {
    for (const int* it = plan.element_triggers.begin(e); it != plan.element_triggers.end(e); ++it)
      c.trigger_elements.push_back(plan.component_element(*it));
    c.trigger_offsets.push_back(static_cast<int>(c.trigger_elements.size()));
  }
  for (int e = 0; e < c.element_count; ++e) {
    const model::FailureProcess& process = plan.element_process[e];
    if (process.never_fails) continue;
    const bool trigger = plan.element_triggers.count(e) > 0;
    c.ttf[e] = make_sampler(process.ttf);
    // A trigger is never down: its members carry the repairs, so it is up with probability 1.
    c.ttr[e] = make_sampler(trigger ? model::Distribution::deterministic(0.0) : process.ttr);
    check_duration(c.ttf[e], plan.element_name[e] + " time to failure");
    check_duration(c.ttr[e], plan.element_name[e] + " time to repair");
    if (!(c.ttf[e].mean > 0.0))
      throw SimulationError(plan.element_name[e] + ": mean time to failure must be > 0");
    c.can_fail[e] = 1;
    // The process's own figure: a corruption is down for its detection as well as its restore.
    c.availability[e] = trigger ? 1.0 : process.availability();
    c.element_timer[e] = c.timer_count++;
    c.timer_element.push_back(trigger || c.change_of(e) >= 0 ? -1 : e);
    c.timer_service.push_back(-1);
    c.timer_flag.push_back(-1);
    c.timer_trigger.push_back(trigger ? e : -1);
    c.timer_change.push_back(c.change_of(e));
  }
  c.element_components_offsets.assign(plan.element_components.offsets.begin(),
                                      plan.element_components.offsets.end());
  c.element_components.assign(plan.element_components.items.begin(),
                              plan.element_components.items.end());

  // Services by topological position; replicas flattened into slots.
  std::vector<int> position(c.service_count, -1);
  for (int p = 0; p < c.service_count; ++p) position[plan.service_order[p]] = p;
  c.service_index = plan.service_order;
  c.service_slot_begin.resize(c.service_count);
  c.service_slot_end.resize(c.service_count);
  for (int p = 0; p < c.service_count; ++p) {
    const int s = plan.service_order[p];
    c.service_slot_begin[p] = c.slot_count;
    for (const int* it = plan.service_replicas.begin(s); it != plan.service_replicas.end(s); ++it) {
      c.slot_service.push_back(p);
      c.slot_component.push_back(*it);
      ++c.slot_count;
    }
    c.service_slot_end[p] = c.slot_count;
  }
  c.slot_deps_offsets.assign(1, 0);
  c.dep_candidates_offsets.assign(1, 0);
  for (int p = 0; p < c.service_count; ++p) {
    const int s = plan.service_order[p];
    const model::Service& service = arch.services[s];
    const int replicas = c.service_slot_end[p] - c.service_slot_begin[p];
    for (int r = 0; r < replicas; ++r) {
      for (int d = 0; d < static_cast<int>(service.depends_on.size()); ++d) {
        const int dep = position[service.depends_on[d].service];
        c.dep_service.push_back(dep);
        c.dep_slot.push_back(c.service_slot_begin[p] + r);
        const int row = plan.scope_row(s, r, d);
        for (const int* it = plan.scope_candidates.begin(row); it != plan.scope_candidates.end(row);
             ++it)
          c.dep_candidates.push_back(c.service_slot_begin[dep] + *it);
        c.dep_candidates_offsets.push_back(static_cast<int>(c.dep_candidates.size()));
      }
      c.slot_deps_offsets.push_back(static_cast<int>(c.dep_service.size()));
    }
  }
  {
    std::vector<std::pair<int, int>> pairs;  // (entry, candidate slot)
    for (int d = 0; d < static_cast<int>(c.dep_service.size()); ++d)
      for (int i = c.dep_candidates_offsets[d]; i < c.dep_candidates_offsets[d + 1]; ++i)
        pairs.emplace_back(d, c.dep_candidates[i]);
    invert(c.slot_count, pairs, c.candidate_entries_offsets, c.candidate_entries);
  }
  {
    std::vector<std::pair<int, int>> pairs;  // (slot, component)
    for (int slot = 0; slot < c.slot_count; ++slot)
      pairs.emplace_back(slot, c.slot_component[slot]);
    invert(c.component_count, pairs, c.component_slots_offsets, c.component_slots);
  }

  // Redundancy and failover.
  c.active_passive.assign(c.service_count, 0);
  c.min_healthy.assign(c.service_count, 1);
  c.detection.resize(c.service_count);
  c.switchover.resize(c.service_count);
  c.manual_recovery.resize(c.service_count);
  c.success_probability.assign(c.service_count, 1.0);
  c.service_timer.assign(c.service_count, -1);
  c.slot_switchover.resize(c.slot_count);
  c.slot_manual_recovery.resize(c.slot_count);
  c.slot_success_probability.assign(c.slot_count, 1.0);
  for (int p = 0; p < c.service_count; ++p) {
    const model::Service& service = arch.services[plan.service_order[p]];
    if (service.mode == model::RedundancyMode::active_active) {
      c.min_healthy[p] = service.min_healthy;
      continue;
    }
    c.active_passive[p] = 1;
    c.detection[p] = make_sampler(service.failover.detection);
    c.switchover[p] = make_sampler(service.failover.switchover);
    c.manual_recovery[p] = make_sampler(service.failover.manual_recovery);
    check_duration(c.detection[p], service.name + " failover detection");
    check_duration(c.switchover[p], service.name + " failover switchover");
    check_duration(c.manual_recovery[p], service.name + " failover manual_recovery");
    c.success_probability[p] = service.failover.success_probability;
    for (int r = 0; r < c.service_slot_end[p] - c.service_slot_begin[p]; ++r) {
      const int slot = c.service_slot_begin[p] + r;
      const std::string to = service.name + " failover to " +
                             arch.components[service.replicas[static_cast<std::size_t>(r)]].name;
      c.slot_switchover[slot] = make_sampler(service.failover.switchover_to(r));
      c.slot_manual_recovery[slot] = make_sampler(service.failover.manual_recovery_to(r));
      check_duration(c.slot_switchover[slot], to + " switchover");
      check_duration(c.slot_manual_recovery[slot], to + " manual_recovery");
      c.slot_success_probability[slot] = service.failover.success_probability_to(r);
    }
    c.service_timer[p] = c.timer_count++;
    c.timer_element.push_back(-1);
    c.timer_service.push_back(p);
    c.timer_flag.push_back(-1);
    c.timer_trigger.push_back(-1);
    c.timer_change.push_back(-1);
  }

  compile_gates(plan, position, c);
  c.data = compile_data(plan, position);

  // Reverse dependency edges, by position.
  {
    std::vector<std::pair<int, int>> pairs;  // (dependent, dependency)
    for (int p = 0; p < c.service_count; ++p)
      for (const model::Dependency& dep : arch.services[plan.service_order[p]].depends_on)
        pairs.emplace_back(p, position[dep.service]);
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    invert(c.service_count, pairs, c.dependents_offsets, c.dependents);
  }

  // Capabilities as levels: the full form, then each fallback (a service listed twice counts
  // once).
  {
    std::vector<std::pair<int, int>> pairs;  // (level, service position)
    c.capability_weight.assign(c.capability_count, 1.0);
    c.capability_levels.assign(1, 0);
    auto add_level = [&](int k, const std::vector<int>& required) {
      std::vector<int> services;
      for (int s : required) services.push_back(position[s]);
      std::sort(services.begin(), services.end());
      services.erase(std::unique(services.begin(), services.end()), services.end());
      const int level = static_cast<int>(c.level_capability.size());
      for (int p : services) pairs.emplace_back(level, p);
      c.level_capability.push_back(k);
      c.level_service_count.push_back(static_cast<int>(services.size()));
    };
    for (int k = 0; k < c.capability_count; ++k) {
      add_level(
          k, std::vector<int>(plan.capability_services.begin(k), plan.capability_services.end(k)));
      if (k < static_cast<int>(arch.capabilities.size())) {
        const model::Capability& capability = arch.capabilities[k];
        for (const model::Fallback& fallback : capability.fallbacks)
          add_level(k, fallback.services);
        c.capability_weight[k] = capability.weight;
      }
      c.capability_levels.push_back(static_cast<int>(c.level_capability.size()));
      c.weight_total += c.capability_weight[k];
    }
    invert(c.service_count, pairs, c.service_levels_offsets, c.service_levels);
  }
  compile_degraded(plan, position, c);
  if (c.capability_count == 0)
    throw SimulationError("the model has no capability and no service to evaluate");
  return c;
}

}  // namespace outagesim::sim

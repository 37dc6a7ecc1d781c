// Compiling the data services (data_spec.h).
#include "data_spec.h"

#include <algorithm>

#include "stream_keys.h"

namespace outagesim::sim {

const char* data_cause_name(int cause) {
  switch (cause) {
    case ASYNC_FAILOVER:
      return "async failover";
    case STALE_REPLICA:
      return "failover to a stale replica";
    case BACKUP_TAKEOVER:
      return "failover to a replica restored from backup";
    default:
      break;
  }
  return "corruption restore";
}

DataPlan compile_data(const graph::Plan& plan, const std::vector<int>& position) {
  const model::Architecture& arch = plan.architecture;
  DataPlan out;
  const int services = static_cast<int>(arch.services.size());
  const int measures = 1 + plan.capability_services.size();
  out.of_service.assign(services, -1);
  out.of_element.assign(plan.element_count(), -1);
  out.measure_rto.assign(measures, -1.0);
  out.measure_rpo.assign(measures, -1.0);
  // Objectives: the model's for the system (measure 0), each capability's for its measure.
  auto set_objectives = [&](int m, const model::Objectives& o) {
    if (o.rto_hours) out.measure_rto[m] = *o.rto_hours;
    if (o.rpo_hours) out.measure_rpo[m] = *o.rpo_hours;
  };
  set_objectives(0, arch.objectives);
  for (std::size_t k = 0; k < arch.capabilities.size(); ++k)
    set_objectives(1 + static_cast<int>(k), arch.capabilities[k].objectives);
  // Which measures need which services (the system needs every capability's).
  std::vector<std::vector<char>> needs(measures, std::vector<char>(services, 0));
  for (int k = 0; k + 1 < measures; ++k) {
    for (int s : arch.services_needed(k)) {
      needs[1 + k][s] = 1;
      needs[0][s] = 1;
    }
  }

  // In service order, for a stable numbering whatever the topological order.
  for (int s = 0; s < services; ++s) {
    const model::Service& service = arch.services[s];
    if (!service.data) continue;
    const model::Data& data = *service.data;
    DataSpec spec;
    spec.service = position[s];
    spec.active_passive = service.mode == model::RedundancyMode::active_passive;
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      const auto own = data.replicas.find(static_cast<int>(r));
      const model::WriteReplication rule =
          own != data.replicas.end() ? own->second.replication : data.replication;
      spec.async.push_back(rule == model::WriteReplication::async);
      spec.from_backups.push_back(rule == model::WriteReplication::backup);
      spec.lag.push_back(make_sampler(own != data.replicas.end() ? own->second.lag : data.lag));
    }
    spec.writes_per_second = data.writes_per_second.value_or(0.0);
    spec.quorum = data.quorum;
    if (data.backups) {
      spec.interval_hours = data.backups->interval_hours;
      spec.log_hours = data.backups->point_in_time_hours.value_or(spec.interval_hours);
      spec.point_in_time = data.backups->point_in_time_hours.has_value();
      spec.retention_hours = data.backups->retention_hours;
      for (int d = data.backups->location; d >= 0; d = arch.domains[d].parent)
        spec.location_support.push_back(d);  // domain d is element d
    }
    if (data.corruption) {
      spec.corruption_element = plan.common_cause_element(data.corruption->group);
      spec.detect = make_sampler(data.corruption->detect);
      out.of_element[spec.corruption_element] = static_cast<int>(out.data.size());
    }
    for (int m = 0; m < measures; ++m)
      if (out.measure_rpo[m] >= 0.0 && needs[m][s]) spec.rpo_measures.push_back(m);
    spec.stream_key = fnv1a("data:" + service.name);
    out.of_service[spec.service] = static_cast<int>(out.data.size());
    out.data.push_back(std::move(spec));
  }

  // Reverse of location_support: per element, the data whose backups it can stop.
  std::vector<std::vector<int>> rows(plan.element_count());
  for (std::size_t d = 0; d < out.data.size(); ++d)
    for (int e : out.data[d].location_support) rows[e].push_back(static_cast<int>(d));
  out.backups_offsets.assign(1, 0);
  for (const auto& row : rows) {
    out.backups.insert(out.backups.end(), row.begin(), row.end());
    out.backups_offsets.push_back(static_cast<int>(out.backups.size()));
  }
  return out;
}

}  // namespace outagesim::sim

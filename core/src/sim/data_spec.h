// The data services hold (model::Service::data), compiled for the event loop: what a failover
// loses, when backups are taken, and which element is a service's corruption.
#pragma once

#include <cstdint>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/sim/samplers.h"

namespace outagesim::sim {

// Why data was lost (docs/numbers.md#data-loss).
enum DataCause : int {
  ASYNC_FAILOVER = 0,   // the replica that took over was in step but behind by the lag
  STALE_REPLICA = 1,    // the replica that took over had been down: it lacks what came meanwhile
  BACKUP_TAKEOVER = 2,  // the replica that took over was restored from the last backup
  CORRUPTION = 3,       // restored from the last clean backup (or write log) before the onset
  DATA_CAUSES = 4
};
const char* data_cause_name(int cause);

struct DataSpec {
  int service = -1;  // service position
  bool active_passive = false;
  // By replica position: receives writes asynchronously (else synchronously, or it is the
  // only replica), behind by a draw of its lag; or only from backups.
  std::vector<char> async, from_backups;
  // A quorum: writes commit on `quorum` replicas (so a takeover loses nothing) and are refused
  // while fewer are healthy; 0 for every other rule.
  int quorum = 0;
  std::vector<Sampler> lag;
  double writes_per_second = 0.0;  // 0: not stated
  // Backups every interval_hours (and the write log every log_hours: interval_hours without
  // point-in-time recovery), kept retention_hours, taken while every element of
  // location_support is up. No backups: interval_hours 0.
  double interval_hours = 0.0;
  double log_hours = 0.0;
  bool point_in_time = false;  // the log is shipped on its own schedule
  double retention_hours = 0.0;
  std::vector<int> location_support;
  int corruption_element = -1;
  Sampler detect;
  // The measures (0: system, 1 + k: capability k) that need this service and state an RPO.
  std::vector<int> rpo_measures;
  std::uint32_t stream_key = 0;  // its own random stream: lag draws and backup phases
};

struct DataPlan {
  std::vector<DataSpec> data;        // per service with data, in service order
  std::vector<int> of_service;       // per service position: index into data, or -1
  std::vector<int> of_element;       // per element: the data whose corruption it is, or -1
  std::vector<int> backups_offsets;  // per element: the data whose backups need it ...
  std::vector<int> backups;          // ... (rows of location_support, reversed)
  std::vector<double> measure_rto;   // per measure: its RTO in hours, or -1
  std::vector<double> measure_rpo;   // per measure: its RPO in hours, or -1
  bool any() const { return !data.empty(); }
};

// `position` maps a service index to its topological position.
DataPlan compile_data(const graph::Plan& plan, const std::vector<int>& position);

}  // namespace outagesim::sim

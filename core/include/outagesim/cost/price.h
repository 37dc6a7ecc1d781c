// Infrastructure cost of an architecture: components (serving and standby), replication traffic
// between replicas, and a fixed monthly cost, each with where its price came from.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "outagesim/model/architecture.h"

namespace outagesim::cost {

// Money is billed by calendar month: a "per month" figure counts 12 times a year, while an hourly
// price counts 8760 times (a year is 365 days).
inline constexpr double MONTHS_PER_YEAR = 12.0;
inline constexpr double HOURS_PER_YEAR = 8760.0;

struct ComponentCost {
  std::string component;
  std::string service;    // the service it is a replica of, "" when none
  double per_hour = 0.0;  // USD: the component's price times `share`
  double per_year = 0.0;  // per_hour * 8760
  double share = 1.0;     // of the component's price paid (a standby's standby_cost_share)
  model::Origin origin;   // "model" or "catalog aws: <source>"
  // A non-serving replica of an active_passive service (every replica but the first, which
  // serves at the start): capacity paid for availability, not for load.
  bool standby = false;
};

struct ReplicationCost {
  std::string service;
  double gb_per_month = 0.0;
  // The widest boundary between the service's replicas; the traffic is priced at it.
  model::TransferBoundary boundary = model::TransferBoundary::none;
  double price_per_gb = 0.0;  // USD
  double per_year = 0.0;      // gb_per_month * price_per_gb * 12
  // "model" (price_per_gb stated), "catalog aws: <source>" (the transfer price of the first
  // replica's provider at that boundary), or "same zone: no transfer charge".
  model::Origin price_origin;
};

struct InfraCost {
  std::vector<ComponentCost> components;     // every component, in model order
  std::vector<ReplicationCost> replication;  // services with "replication", in model order
  double compute_per_year = 0.0;             // serving replicas and components outside any service
  double standby_per_year = 0.0;             // standby replicas of active_passive services
  double replication_per_year = 0.0;
  double fixed_per_year = 0.0;  // fixed_cost_per_month * 12
  double total_per_year = 0.0;  // the sum of the four above
};

// Prices an architecture. Throws outagesim::Error when replication traffic crosses a boundary
// that has no price (the loader reports this as a model problem, so a loaded model never does).
InfraCost price(const model::Architecture& architecture);

// {"total_per_year", "compute_per_year", "standby_per_year", "replication_per_year",
//  "fixed_per_year", "components": [...], "replication": [...]}
nlohmann::json to_json(const InfraCost& cost);

}  // namespace outagesim::cost

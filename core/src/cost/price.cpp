// Infrastructure pricing: component hours, standby share, replication traffic, fixed cost.
#include "outagesim/cost/price.h"

#include "outagesim/error.h"

namespace outagesim::cost {

namespace {

ReplicationCost price_replication(const model::Architecture& arch, int s) {
  const model::Service& service = arch.services[static_cast<std::size_t>(s)];
  ReplicationCost row;
  row.service = service.name;
  row.gb_per_month = service.replication->gb_per_month;
  row.boundary = arch.replication_boundary(s);
  if (service.replication->price_per_gb) {
    row.price_per_gb = *service.replication->price_per_gb;
    row.price_origin = "model";
  } else if (row.boundary == model::TransferBoundary::none) {
    row.price_per_gb = 0.0;
    row.price_origin = service.replicas.size() < 2 ? "single replica: no transfer charge"
                                                   : "same zone: no transfer charge";
  } else {
    // Priced where the traffic leaves: the first replica serves first (or is listed first).
    const int location =
        service.replicas.empty()
            ? -1
            : arch.components[static_cast<std::size_t>(service.replicas[0])].location;
    const int provider = arch.ancestor_at(location, model::DomainLevel::provider);
    const std::string name =
        provider >= 0 ? arch.domains[static_cast<std::size_t>(provider)].name : "";
    const auto prices = arch.transfer.find(name);
    const std::optional<double> price =
        prices == arch.transfer.end() ? std::nullopt : prices->second.at(row.boundary);
    if (!price && row.gb_per_month > 0.0) {
      throw Error(
          "service \"" + service.name + "\" replicates " + to_string(row.boundary) +
          " but provider \"" + name + "\" has no " + to_string(row.boundary) +
          "_per_gb transfer price; give \"price_per_gb\" or a catalog with transfer prices");
    }
    row.price_per_gb = price.value_or(0.0);
    row.price_origin = prices == arch.transfer.end() ? "model" : prices->second.origin;
  }
  row.per_year = row.gb_per_month * row.price_per_gb * MONTHS_PER_YEAR;
  return row;
}

}  // namespace

InfraCost price(const model::Architecture& arch) {
  InfraCost cost;
  std::vector<std::string> owner(arch.components.size());
  std::vector<bool> standby(arch.components.size(), false);
  std::vector<double> share(arch.components.size(), 1.0);
  for (const model::Service& service : arch.services) {
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      const auto c = static_cast<std::size_t>(service.replicas[r]);
      owner[c] = service.name;
      standby[c] = service.mode == model::RedundancyMode::active_passive && r > 0;
      if (standby[c]) share[c] = service.standby_cost_share;
    }
  }
  for (std::size_t c = 0; c < arch.components.size(); ++c) {
    const model::Component& component = arch.components[c];
    ComponentCost row;
    row.component = component.name;
    row.service = owner[c];
    row.per_hour = component.cost_per_hour * share[c];
    row.per_year = row.per_hour * HOURS_PER_YEAR;
    row.share = share[c];
    row.origin = component.cost_origin;
    row.standby = standby[c];
    (row.standby ? cost.standby_per_year : cost.compute_per_year) += row.per_year;
    cost.components.push_back(std::move(row));
  }
  for (std::size_t s = 0; s < arch.services.size(); ++s) {
    if (!arch.services[s].replication) continue;
    cost.replication.push_back(price_replication(arch, static_cast<int>(s)));
    cost.replication_per_year += cost.replication.back().per_year;
  }
  cost.fixed_per_year = arch.fixed_cost_per_month * MONTHS_PER_YEAR;
  cost.total_per_year = cost.compute_per_year + cost.standby_per_year + cost.replication_per_year +
                        cost.fixed_per_year;
  return cost;
}

nlohmann::json to_json(const InfraCost& cost) {
  nlohmann::json components = nlohmann::json::array();
  for (const ComponentCost& c : cost.components) {
    components.push_back({{"component", c.component},
                          {"service", c.service},
                          {"per_hour", c.per_hour},
                          {"per_year", c.per_year},
                          {"standby", c.standby},
                          {"share", c.share},
                          {"origin", c.origin}});
  }
  nlohmann::json replication = nlohmann::json::array();
  for (const ReplicationCost& r : cost.replication) {
    replication.push_back({{"service", r.service},
                           {"gb_per_month", r.gb_per_month},
                           {"boundary", model::to_string(r.boundary)},
                           {"price_per_gb", r.price_per_gb},
                           {"per_year", r.per_year},
                           {"price_origin", r.price_origin}});
  }
  return {{"total_per_year", cost.total_per_year},
          {"compute_per_year", cost.compute_per_year},
          {"standby_per_year", cost.standby_per_year},
          {"replication_per_year", cost.replication_per_year},
          {"fixed_per_year", cost.fixed_per_year},
          {"components", components},
          {"replication", replication}};
}

}  // namespace outagesim::cost

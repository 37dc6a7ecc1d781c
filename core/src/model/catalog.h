// Provider catalogs (models/catalog/<name>.json): default outages, component types and prices.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/model/architecture.h"

namespace outagesim::model {

struct CatalogOutage {
  std::optional<FailureProcess> process;  // absent: the catalog states none
  std::string source;
};

// A control plane's outage and, for a provider's global one, the region it lives in.
struct CatalogControlPlane {
  CatalogOutage outage;
  std::string home_region;  // "" when it lives in no single region (or for a regional one)
};

struct CatalogZone {
  CatalogOutage outage;
};

struct CatalogRegion {
  CatalogOutage outage;
  std::map<std::string, CatalogZone> zones;
  // Regional service events by component type (regions.<r>.services.<type>.outage).
  std::map<std::string, CatalogOutage> services;
  std::optional<CatalogControlPlane> control_plane;
};

struct CatalogType {
  std::optional<FailureProcess> failure;
  std::string failure_source;
  std::optional<double> cost_per_hour;
  std::string cost_source;
  std::optional<RepairMode> repair;
  std::string repair_source;
};

struct Catalog {
  std::string name;  // file stem, the name a model uses ("aws")
  std::string file;  // path it was read from
  std::string provider;
  CatalogOutage outage;
  std::optional<CatalogControlPlane> control_plane;  // the provider's global control plane
  std::map<std::string, CatalogRegion> regions;
  std::map<std::string, CatalogType> component_types;
  std::optional<TransferPrices> transfer;  // absent: the catalog states no transfer prices

  // "catalog aws: <source>" (or "catalog aws" when the catalog gives no source).
  std::string origin(const std::string& source) const;
  std::vector<std::string> type_names() const;
};

// "provider", "replace" or "manual" as a RepairMode; nullopt for anything else.
std::optional<RepairMode> parse_repair_mode(const std::string& text);
extern const std::vector<std::string> REPAIR_MODES;

// The catalog names available in `dir` (file stems of *.json), sorted.
std::vector<std::string> catalog_names(const std::string& dir);

// Reads and validates `<dir>/<name>.json`. Problems name the catalog file and the JSON path in
// it. nullopt when the catalog has any problem.
std::optional<Catalog> read_catalog(const std::string& dir, const std::string& name,
                                    std::vector<Problem>& sink);

}  // namespace outagesim::model

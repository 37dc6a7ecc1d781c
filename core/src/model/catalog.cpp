// Reading and validating provider catalog files.
#include "catalog.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "did_you_mean.h"
#include "json_reader.h"
#include "validation_context.h"

namespace outagesim::model {

namespace {

const std::vector<std::string> CATALOG_FIELDS{"format",          "provider",      "description",
                                              "outage",          "control_plane", "regions",
                                              "component_types", "transfer"};
const std::vector<std::string> OUTAGE_EXTRA{"source"};
const std::vector<std::string> TRANSFER_FIELDS{"inter_zone_per_gb", "inter_region_per_gb",
                                               "internet_per_gb", "source"};

CatalogOutage read_outage(ValidationContext& ctx, const Json& holder, const std::string& path) {
  CatalogOutage out;
  const auto it = holder.find("outage");
  if (it == holder.end()) return out;
  out.process = ctx.failure_process(*it, path + "/outage", OUTAGE_EXTRA, &out.source);
  return out;
}

// "control_plane": {"outage": {..., "source"}, "home_region": "us-east-1"}; a regional one has
// no home region.
std::optional<CatalogControlPlane> read_control_plane(ValidationContext& ctx, const Json& holder,
                                                      const std::string& path, bool global) {
  const auto it = holder.find("control_plane");
  if (it == holder.end()) return std::nullopt;
  const std::string cpath = path + "/control_plane";
  const Json* entry = ctx.object(*it, cpath, "a control plane object");
  if (!entry) return std::nullopt;
  std::vector<std::string> fields{"outage", "description"};
  if (global) fields.push_back("home_region");
  ctx.known_fields(*entry, cpath, fields, "a catalog control plane");
  CatalogControlPlane plane;
  plane.outage = read_outage(ctx, *entry, cpath);
  if (global && entry->contains("home_region")) {
    if (auto region = ctx.string(entry->at("home_region"), cpath + "/home_region",
                                 "the region the global control plane lives in"))
      plane.home_region = *region;
  }
  return plane;
}

}  // namespace

const std::vector<std::string> REPAIR_MODES{"provider", "replace", "manual"};

std::optional<RepairMode> parse_repair_mode(const std::string& text) {
  if (text == "provider") return RepairMode::provider;
  if (text == "replace") return RepairMode::replace;
  if (text == "manual") return RepairMode::manual;
  return std::nullopt;
}

std::string Catalog::origin(const std::string& source) const {
  return source.empty() ? "catalog " + name : "catalog " + name + ": " + source;
}

std::vector<std::string> Catalog::type_names() const {
  std::vector<std::string> names;
  for (const auto& [type, entry] : component_types) names.push_back(type);
  return names;
}

std::vector<std::string> catalog_names(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<Catalog> read_catalog(const std::string& dir, const std::string& name,
                                    std::vector<Problem>& sink) {
  const std::string file = (std::filesystem::path(dir) / (name + ".json")).string();
  const std::size_t before = sink.size();
  const std::optional<Json> document = read_json_file(file, sink);
  if (!document) return std::nullopt;
  ValidationContext ctx(file, sink);
  const Json* root =
      ctx.object(*document, "", "a catalog object with \"format\": \"outagesim-catalog/v1\"");
  if (!root) return std::nullopt;
  ctx.known_fields(*root, "", CATALOG_FIELDS, "a catalog");

  Catalog catalog;
  catalog.name = name;
  catalog.file = file;
  if (const Json* format =
          ctx.required(*root, "", "format", "\"format\": \"outagesim-catalog/v1\"")) {
    const auto text = ctx.string(*format, "/format", "the string \"outagesim-catalog/v1\"");
    if (text && *text != "outagesim-catalog/v1") {
      ctx.problem("/format", "unsupported catalog format " + format->dump() +
                                 "; expected \"outagesim-catalog/v1\"");
    }
  }
  if (const Json* provider =
          ctx.required(*root, "", "provider", "the provider name, such as \"aws\"")) {
    if (auto text = ctx.string(*provider, "/provider", "a provider name")) catalog.provider = *text;
  }
  catalog.outage = read_outage(ctx, *root, "");
  catalog.control_plane = read_control_plane(ctx, *root, "", true);

  if (root->contains("regions")) {
    if (const Json* regions = ctx.object(root->at("regions"), "/regions", "an object of regions")) {
      for (const auto& [region_name, region_value] : regions->items()) {
        const std::string rpath = child("/regions", region_name);
        const Json* region = ctx.object(region_value, rpath, "a region object");
        if (!region) continue;
        ctx.known_fields(*region, rpath,
                         {"outage", "zones", "services", "control_plane", "description"},
                         "a catalog region");
        CatalogRegion entry;
        entry.outage = read_outage(ctx, *region, rpath);
        entry.control_plane = read_control_plane(ctx, *region, rpath, false);
        if (region->contains("services")) {
          if (const Json* services =
                  ctx.object(region->at("services"), rpath + "/services",
                             "an object of regional services by component type")) {
            for (const auto& [type_name, type_value] : services->items()) {
              const std::string spath = child(rpath + "/services", type_name);
              const Json* service = ctx.object(type_value, spath, "a regional service object");
              if (!service) continue;
              ctx.known_fields(*service, spath, {"outage", "description"},
                               "a catalog regional service");
              entry.services[type_name] = read_outage(ctx, *service, spath);
            }
          }
        }
        if (region->contains("zones")) {
          if (const Json* zones =
                  ctx.object(region->at("zones"), rpath + "/zones", "an object of zones")) {
            for (const auto& [zone_name, zone_value] : zones->items()) {
              const std::string zpath = child(rpath + "/zones", zone_name);
              const Json* zone = ctx.object(zone_value, zpath, "a zone object");
              if (!zone) continue;
              ctx.known_fields(*zone, zpath, {"outage", "description"}, "a catalog zone");
              entry.zones[zone_name].outage = read_outage(ctx, *zone, zpath);
            }
          }
        }
        catalog.regions[region_name] = std::move(entry);
      }
    }
  }

  if (root->contains("component_types")) {
    if (const Json* types = ctx.object(root->at("component_types"), "/component_types",
                                       "an object of component types")) {
      for (const auto& [type_name, type_value] : types->items()) {
        const std::string tpath = child("/component_types", type_name);
        const Json* type = ctx.object(type_value, tpath, "a component type object");
        if (!type) continue;
        ctx.known_fields(*type, tpath,
                         {"failure", "failure_source", "cost_per_hour", "cost_source", "repair",
                          "repair_source", "description"},
                         "a catalog component type");
        CatalogType entry;
        if (type->contains("failure")) {
          // A "source" inside the process is accepted too, beside "failure_source".
          std::string inner_source;
          entry.failure = ctx.failure_process(type->at("failure"), tpath + "/failure", OUTAGE_EXTRA,
                                              &inner_source);
          entry.failure_source = inner_source;
        }
        if (type->contains("failure_source")) {
          if (auto s =
                  ctx.string(type->at("failure_source"), tpath + "/failure_source", "a string")) {
            entry.failure_source = *s;
          }
        }
        if (type->contains("cost_per_hour")) {
          const Json& cost = type->at("cost_per_hour");
          auto value =
              ctx.number(cost, tpath + "/cost_per_hour", "a price in USD per hour (a number >= 0)");
          if (value && *value < 0.0) {
            ctx.problem(tpath + "/cost_per_hour",
                        "expected a price in USD per hour >= 0, " + found(cost));
          } else if (value) {
            entry.cost_per_hour = *value;
          }
        }
        if (type->contains("cost_source")) {
          if (auto s = ctx.string(type->at("cost_source"), tpath + "/cost_source", "a string")) {
            entry.cost_source = *s;
          }
        }
        if (type->contains("repair")) {
          const std::string rpath = tpath + "/repair";
          if (auto text = ctx.string(type->at("repair"), rpath, "a repair mode")) {
            entry.repair = parse_repair_mode(*text);
            if (!entry.repair)
              ctx.problem(rpath, "unknown repair mode \"" + *text +
                                     "\"; expected one of: " + join_names(REPAIR_MODES));
          }
        }
        if (type->contains("repair_source")) {
          if (auto s = ctx.string(type->at("repair_source"), tpath + "/repair_source", "a string"))
            entry.repair_source = *s;
        }
        catalog.component_types[type_name] = std::move(entry);
      }
    }
  }

  if (root->contains("transfer")) {
    if (const Json* transfer =
            ctx.object(root->at("transfer"), "/transfer", "an object of transfer prices")) {
      ctx.known_fields(*transfer, "/transfer", TRANSFER_FIELDS, "catalog transfer prices");
      TransferPrices prices;
      std::string source;
      for (const auto& [key, value] : transfer->items()) {
        if (key == "source") {
          if (auto s = ctx.string(value, "/transfer/source", "a string")) source = *s;
          continue;
        }
        if (!value.is_number() || !(value.get<double>() >= 0.0) ||
            !std::isfinite(value.get<double>())) {
          ctx.problem(child("/transfer", key),
                      "expected a price in USD per GB (a number >= 0), " + found(value));
          continue;
        }
        const double price = value.get<double>();
        if (key == "inter_zone_per_gb") prices.inter_zone_per_gb = price;
        if (key == "inter_region_per_gb") prices.inter_region_per_gb = price;
        if (key == "internet_per_gb") prices.internet_per_gb = price;
      }
      prices.origin = catalog.origin(source);
      catalog.transfer = prices;
    }
  }

  if (sink.size() != before) return std::nullopt;
  return catalog;
}

}  // namespace outagesim::model

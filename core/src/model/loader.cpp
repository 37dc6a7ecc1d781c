// Loading model files: every problem of a file is collected, then one ModelError is thrown.
#include "outagesim/model/loader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "catalog.h"
#include "changes.h"
#include "common_causes.h"
#include "control_planes.h"
#include "cost_fields.h"
#include "data.h"
#include "degraded_modes.h"
#include "did_you_mean.h"
#include "dr_presets.h"
#include "failure_override.h"
#include "json_reader.h"
#include "operations.h"
#include "outagesim/printable.h"
#include "structure_check.h"
#include "validation_context.h"

namespace outagesim::model {

namespace {

constexpr const char* FORMAT = "outagesim/v1";
const std::vector<std::string> TOP_FIELDS{
    "format",     "name",          "description",  "providers",
    "components", "services",      "capabilities", "fixed_cost_per_month",
    "business",   "common_causes", "operations",   "objectives",
    "dr"};
const std::vector<std::string> PROVIDER_FIELDS{"outage", "regions", "catalog", "control_plane"};
const std::vector<std::string> REGION_FIELDS{"outage", "zones", "services", "control_plane"};
const std::vector<std::string> REGIONAL_SERVICE_FIELDS{"outage", "description"};
const std::vector<std::string> ZONE_FIELDS{"outage"};
const std::vector<std::string> COMPONENT_FIELDS{"location",      "failure", "type",
                                                "cost_per_hour", "repair",  "description"};
const std::vector<std::string> SERVICE_FIELDS{
    "replicas", "redundancy", "depends_on", "description", "replication", "changes", "data", "dr"};
const std::vector<std::string> ACTIVE_ACTIVE_FIELDS{"mode", "min_healthy"};
const std::vector<std::string> ACTIVE_PASSIVE_FIELDS{"mode", "failover", "standby_cost_share"};
const std::vector<std::string> MODES{"active_active", "active_passive"};
const std::vector<std::string> FAILOVER_FIELDS{
    "detection", "switchover",     "success_probability",  "manual_recovery",
    "targets",   "control_planes", "without_control_plane"};
const std::vector<std::string> TARGET_FIELDS{"switchover", "success_probability", "manual_recovery",
                                             "control_planes", "description"};
const std::vector<std::string> CONTROL_PLANE_DOWN{"wait", "fail"};
const std::vector<std::string> DEPENDENCY_FIELDS{"service", "scope", "feature_flag"};
const std::vector<std::string> SCOPES{"any", "same_provider", "same_region", "same_zone"};
const std::vector<std::string> CAPABILITY_FIELDS{"requires", "weight", "objectives", "fallbacks",
                                                 "description"};

using Segments = std::vector<std::string>;

std::string join_path(const Segments& segments) {
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) out += (i ? "/" : "") + segments[i];
  return out;
}

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// A provider, region or zone name: non-empty, no "/" (it separates location parts), no spaces.
bool valid_domain_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

struct DomainEntry {
  FailureProcess outage;  // never_fails unless stated
  Origin origin = "model";
};

// Everything read from one component entry, resolved once the domain tree is complete.
struct ComponentEntry {
  Component component;
  Segments location;
};

class ModelReader {
 public:
  ModelReader(const Json& document, std::string source, const LoadOptions& options,
              std::vector<Problem> problems)
      : document_(document),
        source_(std::move(source)),
        options_(options),
        problems_(std::move(problems)),
        ctx_(source_, problems_) {}

  Architecture read() {
    const Json* root =
        ctx_.object(document_, "", "a JSON object with \"format\": \"outagesim/v1\" at the top");
    if (!root) throw ModelError(problems_);
    ctx_.known_fields(*root, "", TOP_FIELDS, "the model");
    read_format(*root);
    read_name(*root);
    if (root->contains("description"))
      ctx_.string(root->at("description"), "/description", "a string");
    if (root->contains("providers")) read_providers(root->at("providers"));
    if (root->contains("dr")) model_dr_ = read_dr(ctx_, root->at("dr"), "/dr");
    read_components(*root);
    read_services(*root);
    read_capabilities(*root);
    if (root->contains("fixed_cost_per_month")) {
      arch_.fixed_cost_per_month =
          read_fixed_cost(ctx_, root->at("fixed_cost_per_month"), "/fixed_cost_per_month");
    }
    if (root->contains("business"))
      arch_.business = read_business(ctx_, root->at("business"), "/business");
    if (root->contains("objectives"))
      arch_.objectives = read_objectives(ctx_, root->at("objectives"), "/objectives");
    if (!problems_.empty()) fail();

    build_domains();
    build_regional_services();
    resolve_control_planes(ctx_, arch_, control_plane_drafts_,
                           [this](const std::string& provider) { return catalog_for(provider); });
    if (root->contains("operations"))
      arch_.operations = read_operations(ctx_, root->at("operations"), "/operations");
    check_manual_steps_staffed(ctx_, arch_, control_plane_drafts_.repair_paths);
    if (root->contains("common_causes")) {
      read_common_causes(ctx_, root->at("common_causes"), arch_);
    }
    resolve_data(ctx_, arch_, data_drafts_);
    resolve_changes(ctx_, arch_, change_drafts_);
    collect_transfer_prices();
    if (problems_.empty()) {
      std::vector<Problem> structure = check_structure(arch_);
      problems_.insert(problems_.end(), structure.begin(), structure.end());
    }
    if (problems_.empty()) {
      std::vector<Problem> prices = check_replication_prices(arch_, source_);
      problems_.insert(problems_.end(), prices.begin(), prices.end());
    }
    if (!problems_.empty()) fail();
    return std::move(arch_);
  }

 private:
  // Throws the problems found, each one about a field a DR preset filled in saying so.
  [[noreturn]] void fail() {
    for (Problem& problem : problems_) {
      for (const Service& service : arch_.services) {
        if (service.dr_strategy.empty()) continue;
        const std::string spath = child("/services", service.name);
        for (const std::string& supplied : service.dr_supplied) {
          const std::string field = spath + "/" + supplied.substr(0, supplied.find(':'));
          if (problem.path.rfind(field, 0) != 0) continue;
          problem.message += " (this field came from the \"" + service.dr_strategy +
                             "\" DR preset, " + spath +
                             "/dr; state it in the service to replace it)";
          break;
        }
      }
    }
    throw ModelError(problems_);
  }

  // A "did you mean" for the first MAX_SUGGESTIONS unknown names only: each is a pass over
  // every candidate, so a file full of unknown names still loads in linear time.
  static constexpr int MAX_SUGGESTIONS = 20;
  template <class Candidates>
  std::string suggest(const std::string& name, const Candidates& candidates) {
    if (suggestions_ >= MAX_SUGGESTIONS) return "";
    ++suggestions_;
    return did_you_mean(name, candidates());
  }

  static std::vector<std::string> names_of(const std::map<std::string, int>& index) {
    std::vector<std::string> names;
    names.reserve(index.size());
    for (const auto& [key, value] : index) names.push_back(key);
    return names;
  }

  // ---- top level ----
  void read_format(const Json& root) {
    const Json* format = ctx_.required(root, "", "format", "\"format\": \"outagesim/v1\"");
    if (!format) return;
    const auto text = ctx_.string(*format, "/format", "the string \"outagesim/v1\"");
    if (text && *text != FORMAT) {
      ctx_.problem("/format",
                   "unsupported format " + format->dump() + "; expected \"outagesim/v1\"");
    }
  }

  void read_name(const Json& root) {
    arch_.source = source_;
    if (root.contains("name")) {
      const auto name = ctx_.string(root.at("name"), "/name", "a non-empty string");
      if (name && name->empty()) ctx_.problem("/name", "expected a non-empty name, found \"\"");
      if (name) check_printable(*name, "/name", "model");
      if (name) arch_.name = *name;
      return;
    }
    // Unnamed models are named after their file, so results still say what produced them.
    const std::filesystem::path path(source_);
    arch_.name = (source_.empty() || source_.front() == '<') ? "model" : path.stem().string();
  }

  // ---- failure domains ----
  const Catalog* catalog_for(const std::string& provider) const {
    const auto it = provider_catalog_.find(provider);
    return it == provider_catalog_.end() ? nullptr : it->second;
  }

  const Catalog* load_catalog(const std::string& name, const std::string& path) {
    if (options_.catalog_dir.empty()) {
      ctx_.problem(path, "catalog " + quote(name) +
                             " is named but no catalog directory is known; expected the loader "
                             "to be given the catalog folder (models/catalog)");
      return nullptr;
    }
    const auto cached = catalogs_.find(name);
    if (cached != catalogs_.end()) return cached->second.get();
    const std::vector<std::string> names = catalog_names(options_.catalog_dir);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      ctx_.problem(path, "unknown catalog " + quote(name) + ";" + did_you_mean(name, names) +
                             " expected one of: " + join_names(names) + " (files in " +
                             options_.catalog_dir + ")");
      catalogs_[name] = nullptr;
      return nullptr;
    }
    std::optional<Catalog> catalog = read_catalog(options_.catalog_dir, name, problems_);
    if (!catalog) {
      catalogs_[name] = nullptr;
      return nullptr;
    }
    if (std::find(arch_.catalogs.begin(), arch_.catalogs.end(), name) == arch_.catalogs.end()) {
      arch_.catalogs.push_back(name);
    }
    catalogs_[name] = std::make_unique<Catalog>(std::move(*catalog));
    return catalogs_[name].get();
  }

  // The outage a catalog gives the domain at `segments`, if any.
  const CatalogOutage* catalog_outage(const Catalog& catalog, const Segments& segments) const {
    if (segments.size() == 1) return &catalog.outage;
    const auto region = catalog.regions.find(segments[1]);
    if (region == catalog.regions.end()) return nullptr;
    if (segments.size() == 2) return &region->second.outage;
    const auto zone = region->second.zones.find(segments[2]);
    return zone == region->second.zones.end() ? nullptr : &zone->second.outage;
  }

  DomainEntry read_domain(const Json& value, const std::string& path, const Segments& segments,
                          const Catalog* catalog) {
    DomainEntry entry;
    if (value.contains("outage")) {
      if (auto process = ctx_.failure_process(value.at("outage"), path + "/outage")) {
        entry.outage = *process;
      }
    } else if (catalog) {
      apply_catalog_outage(entry, *catalog, segments);
    }
    return entry;
  }

  void apply_catalog_outage(DomainEntry& entry, const Catalog& catalog, const Segments& segments) {
    const CatalogOutage* outage = catalog_outage(catalog, segments);
    if (outage && outage->process) {
      entry.outage = *outage->process;
      entry.origin = catalog.origin(outage->source);
    }
  }

  // Names reach terminals and the DOT and MEF exports: they must show as what they are.
  bool check_printable(const std::string& name, const std::string& path, const std::string& what) {
    const auto bad = find_unprintable(name);
    if (!bad) return true;
    ctx_.problem(path, "the " + what + " name has " + bad->describe() +
                           "; expected a name of printable characters (control and "
                           "bidirectional formatting characters are not allowed)");
    return false;
  }

  bool check_domain_name(const std::string& name, const std::string& path, const char* what) {
    if (!check_printable(name, path, what)) return false;
    if (valid_domain_name(name)) return true;
    ctx_.problem(path, std::string("expected a ") + what +
                           " name that is not empty and has no \"/\" or spaces, found " +
                           quote(name));
    return false;
  }

  void read_providers(const Json& value) {
    const Json* providers = ctx_.object(value, "/providers", "an object of providers");
    if (!providers) {
      providers_unreadable_ = true;
      return;
    }
    for (const auto& [provider_name, provider_value] : providers->items()) {
      const std::string ppath = child("/providers", provider_name);
      if (!check_domain_name(provider_name, ppath, "provider")) continue;
      const Json* provider = ctx_.object(provider_value, ppath, "a provider object");
      if (!provider) continue;
      ctx_.known_fields(*provider, ppath, PROVIDER_FIELDS, "a provider");
      const Catalog* catalog = nullptr;
      if (provider->contains("catalog")) {
        const auto name = ctx_.string(provider->at("catalog"), ppath + "/catalog",
                                      "a catalog name such as \"aws\"");
        if (name) catalog = load_catalog(*name, ppath + "/catalog");
      }
      provider_catalog_[provider_name] = catalog;
      domains_[{provider_name}] = read_domain(*provider, ppath, {provider_name}, catalog);
      read_stated_control_plane(*provider, ppath, provider_name, true);

      if (!provider->contains("regions")) continue;
      const Json* regions =
          ctx_.object(provider->at("regions"), ppath + "/regions", "an object of regions");
      if (!regions) continue;
      for (const auto& [region_name, region_value] : regions->items()) {
        const std::string rpath = child(ppath + "/regions", region_name);
        if (!check_domain_name(region_name, rpath, "region")) continue;
        const Json* region = ctx_.object(region_value, rpath, "a region object");
        if (!region) continue;
        ctx_.known_fields(*region, rpath, REGION_FIELDS, "a region");
        domains_[{provider_name, region_name}] =
            read_domain(*region, rpath, {provider_name, region_name}, catalog);
        read_stated_control_plane(*region, rpath, provider_name + "/" + region_name, false);
        if (region->contains("services")) {
          read_region_services(region->at("services"), rpath + "/services",
                               {provider_name, region_name});
        }

        if (!region->contains("zones")) continue;
        const Json* zones =
            ctx_.object(region->at("zones"), rpath + "/zones", "an object of zones");
        if (!zones) continue;
        for (const auto& [zone_name, zone_value] : zones->items()) {
          const std::string zpath = child(rpath + "/zones", zone_name);
          if (!check_domain_name(zone_name, zpath, "zone")) continue;
          const Json* zone = ctx_.object(zone_value, zpath, "a zone object");
          if (!zone) continue;
          ctx_.known_fields(*zone, zpath, ZONE_FIELDS, "a zone");
          domains_[{provider_name, region_name, zone_name}] =
              read_domain(*zone, zpath, {provider_name, region_name, zone_name}, catalog);
        }
      }
    }
  }

  void read_stated_control_plane(const Json& holder, const std::string& path,
                                 const std::string& name, bool global) {
    if (!holder.contains("control_plane")) return;
    if (auto statement = read_control_plane_statement(ctx_, holder.at("control_plane"),
                                                      path + "/control_plane", global))
      control_plane_drafts_.stated[name] = std::move(*statement);
  }

  // The model's own regional service events: providers.<p>.regions.<r>.services.<type>.outage.
  // They replace the catalog's for that type; a stated type needs no catalog.
  void read_region_services(const Json& value, const std::string& path, const Segments& region) {
    const Json* services =
        ctx_.object(value, path, "an object of regional service events by component type");
    if (!services) return;
    for (const auto& [type, entry_value] : services->items()) {
      const std::string spath = child(path, type);
      const Json* entry = ctx_.object(entry_value, spath, "a regional service object");
      if (!entry) continue;
      ctx_.known_fields(*entry, spath, REGIONAL_SERVICE_FIELDS, "a regional service");
      const Json* outage = ctx_.required(*entry, spath, "outage", "its outage process");
      if (!outage) continue;
      if (auto process = ctx_.failure_process(*outage, spath + "/outage")) {
        region_services_[region][type] = DomainEntry{*process, "model"};
      }
    }
  }

  // One RegionalService per (region, type) with a process and at least one component of that
  // type in the region; the model's entries replace the catalog's.
  void build_regional_services() {
    for (int d = 0; d < static_cast<int>(arch_.domains.size()); ++d) {
      const Domain& region = arch_.domains[d];
      if (region.level != DomainLevel::region) continue;
      const Segments segments{arch_.domains[region.parent].name, region.name};
      std::map<std::string, DomainEntry> processes;
      if (const Catalog* catalog = catalog_for(segments[0])) {
        const auto it = catalog->regions.find(region.name);
        if (it != catalog->regions.end()) {
          for (const auto& [type, outage] : it->second.services) {
            if (outage.process) processes[type] = {*outage.process, catalog->origin(outage.source)};
          }
        }
      }
      const auto stated = region_services_.find(segments);
      if (stated != region_services_.end()) {
        for (const auto& [type, entry] : stated->second) processes[type] = entry;
      }
      for (const auto& [type, entry] : processes) {
        RegionalService service;
        service.region = d;
        service.type = type;
        service.outage = entry.outage;
        service.origin = entry.origin;
        service.name = region.path + "/" + type;
        for (int c = 0; c < static_cast<int>(arch_.components.size()); ++c) {
          const Component& component = arch_.components[c];
          if (component.type == type &&
              arch_.ancestor_at(component.location, DomainLevel::region) == d) {
            service.members.push_back(c);
          }
        }
        if (!service.members.empty() && !service.outage.never_fails) {
          arch_.regional_services.push_back(std::move(service));
        }
      }
    }
  }

  // Resolves a location, adding catalog regions and zones the model does not list.
  bool resolve_location(const Segments& segments, const std::string& text,
                        const std::string& path) {
    if (domains_.count(segments)) return true;
    const Catalog* catalog = domains_.count({segments[0]}) ? catalog_for(segments[0]) : nullptr;
    if (catalog && segments.size() >= 2) {
      bool known = true;
      for (std::size_t depth = 2; depth <= segments.size(); ++depth) {
        const Segments prefix(segments.begin(), segments.begin() + depth);
        if (!domains_.count(prefix) && !catalog_outage(*catalog, prefix)) known = false;
      }
      if (known) {
        for (std::size_t depth = 2; depth <= segments.size(); ++depth) {
          const Segments prefix(segments.begin(), segments.begin() + depth);
          if (domains_.count(prefix)) continue;
          DomainEntry entry;
          apply_catalog_outage(entry, *catalog, prefix);
          // A catalog domain without an outage never fails; its origin still says where it came
          // from.
          if (entry.origin == "model") entry.origin = catalog->origin("");
          domains_[prefix] = entry;
        }
        return true;
      }
    }
    const auto known_paths = [&] {
      std::vector<std::string> paths;
      for (const auto& [key, entry] : domains_) paths.push_back(join_path(key));
      if (catalog) {
        for (const auto& [region, entry] : catalog->regions) {
          paths.push_back(segments[0] + "/" + region);
          for (const auto& [zone, z] : entry.zones)
            paths.push_back(segments[0] + "/" + region + "/" + zone);
        }
      }
      return paths;
    };
    std::string hint = " expected a provider, region or zone listed under \"providers\"";
    if (catalog) hint += " or in catalog " + quote(catalog->name);
    if (!domains_.count({segments[0]})) {
      hint = " the provider " + quote(segments[0]) + " is not listed under \"providers\";" + hint;
    }
    ctx_.problem(path, "unknown location " + quote(text) + ";" + suggest(text, known_paths) + hint);
    return false;
  }

  // ---- components ----
  void read_components(const Json& root) {
    const Json* value = ctx_.required(root, "", "components",
                                      "an object of components such as "
                                      "{\"web-1\": {\"location\": \"aws/us-east-1\", ...}}");
    if (!value) return;
    const Json* components = ctx_.object(*value, "/components", "an object of components");
    if (!components) return;
    components_readable_ = true;
    if (components->empty()) {
      ctx_.problem("/components", "no components; expected at least one component");
    }
    for (const auto& [name, entry_value] : components->items()) {
      const std::string cpath = child("/components", name);
      component_index_[name] = static_cast<int>(components_.size());
      ComponentEntry entry;
      entry.component.name = name;
      if (name.empty()) ctx_.problem(cpath, "expected a non-empty component name");
      check_printable(name, cpath, "component");
      const Json* c =
          ctx_.object(entry_value, cpath, "a component object with \"location\" and \"failure\"");
      if (!c) {
        components_.push_back(std::move(entry));
        continue;
      }
      ctx_.known_fields(*c, cpath, COMPONENT_FIELDS, "a component");
      read_component(*c, cpath, entry);
      components_.push_back(std::move(entry));
    }
  }

  void read_component(const Json& c, const std::string& cpath, ComponentEntry& entry) {
    Component& component = entry.component;
    bool located = false;
    if (const Json* location =
            ctx_.required(c, cpath, "location", "a location such as \"aws/us-east-1/use1-az1\"")) {
      const std::string lpath = cpath + "/location";
      if (auto text = ctx_.string(*location, lpath,
                                  "a location string such as \"aws/us-east-1/use1-az1\"")) {
        Segments segments;
        std::size_t start = 0;
        while (true) {
          const std::size_t slash = text->find('/', start);
          segments.push_back(
              text->substr(start, slash == std::string::npos ? std::string::npos : slash - start));
          if (slash == std::string::npos) break;
          start = slash + 1;
        }
        bool well_formed = segments.size() <= 3;
        for (const std::string& s : segments) well_formed = well_formed && valid_domain_name(s);
        if (!well_formed) {
          ctx_.problem(lpath,
                       "expected a location \"provider\", \"provider/region\" or "
                       "\"provider/region/zone\", found " +
                           quote(*text));
        } else if (providers_unreadable_) {
          // "providers" itself is wrong (reported once); every location would be unknown.
        } else if (resolve_location(segments, *text, lpath)) {
          entry.location = segments;
          located = true;
        }
      }
    }

    const Catalog* catalog = located ? catalog_for(entry.location[0]) : nullptr;
    const CatalogType* type = nullptr;
    if (c.contains("type")) {
      const std::string tpath = cpath + "/type";
      if (auto text = ctx_.string(c.at("type"), tpath, "a component type such as \"vm\"")) {
        component.type = *text;
        if (catalog) {
          const auto it = catalog->component_types.find(*text);
          if (it == catalog->component_types.end()) {
            const auto names = catalog->type_names();
            ctx_.problem(tpath, "unknown component type " + quote(*text) + " in catalog " +
                                    quote(catalog->name) + ";" + did_you_mean(*text, names) +
                                    " expected one of: " + join_names(names));
          } else {
            type = &it->second;
          }
        }
      }
    }

    if (c.contains("failure") && type && type->failure && is_partial_failure(c.at("failure"))) {
      if (auto process =
              override_failure(ctx_, c.at("failure"), cpath + "/failure", *type->failure,
                               catalog->origin(type->failure_source), component.failure_origin)) {
        component.failure = *process;
      }
    } else if (c.contains("failure")) {
      if (auto process = ctx_.failure_process(c.at("failure"), cpath + "/failure")) {
        component.failure = *process;
      }
    } else if (type && type->failure) {
      component.failure = *type->failure;
      component.failure_origin = catalog->origin(type->failure_source);
    } else if (!(c.contains("type") && (!located || (catalog && !type)))) {
      // (A type whose catalog could not be consulted, or an unknown type, is reported already.)
      std::string why;
      if (!component.type.empty() && !catalog) {
        why = " and provider " + quote(entry.location[0]) +
              " names no catalog to take a default for type " + quote(component.type) + " from";
      } else if (type) {
        why = " and catalog " + quote(catalog->name) + " gives type " + quote(component.type) +
              " no failure default";
      }
      ctx_.problem(cpath, "component " + quote(component.name) + " has no \"failure\" process" +
                              why +
                              "; expected \"failure\": {\"mtbf\": \"6mo\", \"mttr\": \"15m\"} or a "
                              "\"type\" whose catalog gives a default");
    }

    read_repair(c, cpath, type, catalog, component);

    if (c.contains("cost_per_hour")) {
      const Json& cost = c.at("cost_per_hour");
      const auto value =
          ctx_.number(cost, cpath + "/cost_per_hour", "a price in USD per hour (a number >= 0)");
      if (value && !(*value >= 0.0 && std::isfinite(*value))) {
        ctx_.problem(cpath + "/cost_per_hour",
                     "expected a price in USD per hour >= 0, " + found(cost));
      } else if (value && *value > MAX_AMOUNT) {
        ctx_.problem(cpath + "/cost_per_hour",
                     "expected a price in USD per hour of at most 1e15, " + found(cost) +
                         " (larger amounts make yearly totals overflow)");
      } else if (value) {
        component.cost_per_hour = *value;
      }
    } else if (type && type->cost_per_hour) {
      component.cost_per_hour = *type->cost_per_hour;
      component.cost_origin = catalog->origin(type->cost_source);
    }
    if (c.contains("description"))
      ctx_.string(c.at("description"), cpath + "/description", "a string");
  }

  // "repair": "provider" | "replace" | "manual", else the catalog type's default, else provider.
  void read_repair(const Json& c, const std::string& cpath, const CatalogType* type,
                   const Catalog* catalog, Component& component) {
    const int index = component_index_[component.name];
    if (c.contains("repair")) {
      const std::string rpath = cpath + "/repair";
      const auto text = ctx_.string(c.at("repair"), rpath, "a repair mode");
      if (!text) return;
      const auto mode = parse_repair_mode(*text);
      if (!mode) {
        ctx_.problem(rpath, "unknown repair mode " + quote(*text) + ";" +
                                did_you_mean(*text, REPAIR_MODES) +
                                " expected one of: " + join_names(REPAIR_MODES) +
                                " (the provider on its own clock, an automatic replacement that "
                                "needs the region's control plane, or a responder)");
        return;
      }
      component.repair = *mode;
      component.repair_origin = "model";
      if (*mode != RepairMode::provider) control_plane_drafts_.repair_paths[index] = rpath;
    } else if (type && type->repair) {
      component.repair = *type->repair;
      component.repair_origin = catalog->origin(type->repair_source);
      if (*type->repair != RepairMode::provider)
        control_plane_drafts_.repair_paths[index] = cpath + "/type";
    }
  }

  // ---- services ----
  void read_services(const Json& root) {
    const Json* value = ctx_.required(root, "", "services",
                                      "an object of services such as "
                                      "{\"web\": {\"replicas\": [\"web-1\", \"web-2\"]}}");
    if (!value) return;
    const Json* services = ctx_.object(*value, "/services", "an object of services");
    if (!services) return;
    services_readable_ = true;
    if (services->empty()) ctx_.problem("/services", "no services; expected at least one service");
    // Names first: a dependency may name a service listed after it.
    for (const auto& [name, entry] : services->items()) {
      service_index_[name] = static_cast<int>(arch_.services.size());
      Service service;
      service.name = name;
      arch_.services.push_back(service);
    }
    std::map<int, std::pair<std::string, std::string>> replica_owner;  // component -> service, path
    for (const auto& [name, entry_value] : services->items()) {
      const std::string spath = child("/services", name);
      Service& service = arch_.services[static_cast<std::size_t>(service_index_[name])];
      if (name.empty()) ctx_.problem(spath, "expected a non-empty service name");
      check_printable(name, spath, "service");
      const Json* s = ctx_.object(entry_value, spath, "a service object with \"replicas\"");
      if (!s) continue;
      // A DR strategy fills in what the entry leaves out (the model's, for a replicated service).
      std::optional<DrChoice> dr;
      if (s->contains("dr")) {
        dr = read_dr(ctx_, s->at("dr"), spath + "/dr");
      } else if (model_dr_ && s->contains("replicas") && s->at("replicas").is_array() &&
                 s->at("replicas").size() > 1) {
        dr = model_dr_;
      }
      Json expanded;
      if (dr) {
        expanded = apply_dr(*s, *dr, service.dr_supplied);
        service.dr_strategy = dr->strategy;
        s = &expanded;
      }
      ctx_.known_fields(*s, spath, SERVICE_FIELDS, "a service");
      read_replicas(*s, spath, service, replica_owner);
      read_redundancy(*s, spath, service);
      read_dependencies(*s, spath, service);
      if (s->contains("replication")) {
        service.replication = read_replication(ctx_, s->at("replication"), spath + "/replication");
      }
      if (s->contains("changes")) {
        if (auto draft = read_changes(ctx_, s->at("changes"), spath + "/changes"))
          change_drafts_[service_index_[name]] = std::move(*draft);
      }
      if (s->contains("data")) {
        std::vector<std::string> replica_names(service.replicas.size());
        for (const auto& [component, index] : component_index_)
          for (std::size_t r = 0; r < service.replicas.size(); ++r)
            if (service.replicas[r] == index) replica_names[r] = component;
        if (auto draft = read_data(ctx_, s->at("data"), spath + "/data", service, replica_names))
          data_drafts_[service_index_[name]] = std::move(*draft);
      }
      if (s->contains("description"))
        ctx_.string(s->at("description"), spath + "/description", "a string");
    }
  }

  void read_replicas(const Json& s, const std::string& spath, Service& service,
                     std::map<int, std::pair<std::string, std::string>>& owner) {
    const Json* value = ctx_.required(s, spath, "replicas",
                                      "a list of component names such as [\"web-1\", \"web-2\"]");
    if (!value) return;
    const std::string rpath = spath + "/replicas";
    const Json* replicas = ctx_.array(*value, rpath, "a list of component names");
    if (!replicas) return;
    if (replicas->empty()) {
      ctx_.problem(rpath, "service " + quote(service.name) +
                              " has no replicas; expected at least one component name");
      return;
    }
    for (std::size_t i = 0; i < replicas->size(); ++i) {
      const std::string ipath = child(rpath, i);
      const auto name = ctx_.string((*replicas)[i], ipath, "a component name");
      if (!name) continue;
      const auto it = component_index_.find(*name);
      if (it == component_index_.end()) {
        // Without a readable "components" every name would be unknown: that is one problem.
        if (!components_readable_) continue;
        ctx_.problem(ipath, "unknown component " + quote(*name) + ";" + suggest(*name, [&] {
                              return names_of(component_index_);
                            }) + " expected the name of a component listed under \"components\"");
        continue;
      }
      const int c = it->second;
      // `owner` knows every replica listed so far, this service's included.
      const auto other = owner.find(c);
      if (other != owner.end() && other->second.first == service.name) {
        ctx_.problem(ipath, "component " + quote(*name) +
                                " is listed twice in the replicas of service " +
                                quote(service.name) + "; expected each replica once");
        continue;
      }
      if (other != owner.end()) {
        ctx_.problem(ipath, "component " + quote(*name) + " is already a replica of service " +
                                quote(other->second.first) + " (" + other->second.second +
                                "); expected each component to serve one service");
        continue;
      }
      owner[c] = {service.name, ipath};
      service.replicas.push_back(c);
    }
    replica_count_[service.name] = replicas->size();
  }

  void read_redundancy(const Json& s, const std::string& spath, Service& service) {
    if (!s.contains("redundancy")) return;  // active_active, min_healthy 1
    const std::string rpath = spath + "/redundancy";
    const Json* r = ctx_.object(
        s.at("redundancy"), rpath,
        "a redundancy object such as {\"mode\": \"active_active\", \"min_healthy\": 1}");
    if (!r) return;
    const Json* mode_value =
        ctx_.required(*r, rpath, "mode", "\"mode\": \"active_active\" or \"active_passive\"");
    std::optional<std::string> mode;
    if (mode_value)
      mode = ctx_.string(*mode_value, rpath + "/mode", "\"active_active\" or \"active_passive\"");
    if (mode && *mode != "active_active" && *mode != "active_passive") {
      ctx_.problem(rpath + "/mode", "unknown redundancy mode " + quote(*mode) + ";" +
                                        did_you_mean(*mode, MODES) +
                                        " expected one of: " + join_names(MODES));
      mode.reset();
    }
    if (!mode) {
      ctx_.known_fields(*r, rpath, {"mode", "min_healthy", "failover", "standby_cost_share"},
                        "a redundancy object");
      return;
    }
    Json rest = *r;
    if (*mode == "active_passive") {
      service.mode = RedundancyMode::active_passive;
      if (rest.contains("min_healthy")) {
        ctx_.problem(
            rpath + "/min_healthy",
            "an active_passive service serves from one replica and takes no "
            "\"min_healthy\"; expected no \"min_healthy\" here, or mode \"active_active\"");
        rest.erase("min_healthy");
      }
      ctx_.known_fields(rest, rpath, ACTIVE_PASSIVE_FIELDS, "an active_passive redundancy");
      if (rest.contains("failover"))
        read_failover(rest.at("failover"), rpath + "/failover", service);
      if (rest.contains("standby_cost_share")) {
        const std::string spath = rpath + "/standby_cost_share";
        const Json& v = rest.at("standby_cost_share");
        const auto share = ctx_.number(v, spath, "a share of the standby's price between 0 and 1");
        if (share && !(*share >= 0.0 && *share <= 1.0))
          ctx_.problem(spath,
                       "expected the share of its price a standby replica costs while it "
                       "does not serve, between 0 and 1, " +
                           found(v));
        else if (share)
          service.standby_cost_share = *share;
      }
      return;
    }
    if (rest.contains("standby_cost_share")) {
      ctx_.problem(rpath + "/standby_cost_share",
                   "an active_active service has no standby (every healthy replica serves); "
                   "expected \"standby_cost_share\" only with mode \"active_passive\"");
      rest.erase("standby_cost_share");
    }
    service.mode = RedundancyMode::active_active;
    if (rest.contains("failover")) {
      ctx_.problem(rpath + "/failover",
                   "an active_active service has no failover (every healthy replica serves); "
                   "expected \"failover\" only with mode \"active_passive\"");
      rest.erase("failover");
    }
    ctx_.known_fields(rest, rpath, ACTIVE_ACTIVE_FIELDS, "an active_active redundancy");
    if (!rest.contains("min_healthy")) return;
    const std::string mpath = rpath + "/min_healthy";
    const Json& m = rest.at("min_healthy");
    const auto k = ctx_.number(m, mpath, "a whole number of replicas, at least 1");
    if (!k) return;
    if (std::floor(*k) != *k || !std::isfinite(*k)) {
      ctx_.problem(mpath, "expected a whole number of replicas, at least 1, " + found(m));
      return;
    }
    if (*k < 1) {
      ctx_.problem(mpath, "expected min_healthy of at least 1, " + found(m));
      return;
    }
    const auto count = replica_count_.find(service.name);
    const std::size_t n = count == replica_count_.end() ? 0 : count->second;
    if (n > 0 && *k > static_cast<double>(n)) {
      ctx_.problem(mpath, "min_healthy is " + m.dump() + " but service " + quote(service.name) +
                              " has only " + std::to_string(n) +
                              (n == 1 ? " replica" : " replicas") + "; expected 1 to " +
                              std::to_string(n));
      return;
    }
    service.min_healthy = static_cast<int>(*k);
  }

  void read_failover(const Json& value, const std::string& fpath, Service& service) {
    Failover& failover = service.failover;
    const Json* f = ctx_.object(
        value, fpath, "a failover object such as {\"detection\": \"1m\", \"switchover\": \"2m\"}");
    if (!f) return;
    ctx_.known_fields(*f, fpath, FAILOVER_FIELDS, "a failover");
    for (const char* key : {"detection", "switchover", "manual_recovery"}) {
      if (!f->contains(key)) continue;
      auto d = ctx_.distribution(f->at(key), child(fpath, key), false, true);
      if (!d) continue;
      if (std::string(key) == "detection") failover.detection = *d;
      if (std::string(key) == "switchover") failover.switchover = *d;
      if (std::string(key) == "manual_recovery") failover.manual_recovery = *d;
    }
    if (f->contains("success_probability")) {
      const auto p = read_probability(f->at("success_probability"), fpath + "/success_probability");
      if (p) {
        failover.success_probability = *p;
        if (*p < 1.0 && !f->contains("manual_recovery")) {
          ctx_.problem(fpath, "success_probability is " + f->at("success_probability").dump() +
                                  ", so a failover can fail, but \"manual_recovery\" is missing; "
                                  "expected \"manual_recovery\": the time to recover by hand, "
                                  "such as \"30m\"");
        }
      }
    }
    FailoverNeeds needs;
    needs.service = service_index_[service.name];
    if (f->contains("control_planes"))
      needs.own = read_control_plane_need(ctx_, f->at("control_planes"), fpath + "/control_planes");
    if (f->contains("without_control_plane")) {
      const std::string wpath = fpath + "/without_control_plane";
      if (auto text = ctx_.string(f->at("without_control_plane"), wpath, "\"wait\" or \"fail\"")) {
        if (*text == "fail") {
          failover.without_control_plane = ControlPlaneDown::fail;
          if (!f->contains("manual_recovery"))
            ctx_.problem(fpath,
                         "without_control_plane is \"fail\", so a failover can fail, but "
                         "\"manual_recovery\" is missing; expected \"manual_recovery\": "
                         "the time to recover by hand, such as \"30m\"");
        } else if (*text != "wait") {
          ctx_.problem(wpath, "unknown action " + quote(*text) + ";" +
                                  did_you_mean(*text, CONTROL_PLANE_DOWN) +
                                  " expected \"wait\" (until the control plane is back) or "
                                  "\"fail\" (go to manual recovery)");
        }
      }
    }
    if (f->contains("targets"))
      read_targets(f->at("targets"), fpath + "/targets", f->contains("manual_recovery"), service,
                   needs);
    if (needs.own || !needs.targets.empty()) control_plane_drafts_.failovers.push_back(needs);
  }

  std::optional<double> read_probability(const Json& p, const std::string& ppath) {
    const auto value = ctx_.number(p, ppath, "a probability between 0 and 1");
    if (value && !(*value >= 0.0 && *value <= 1.0)) {
      ctx_.problem(ppath, "expected a probability between 0 and 1, " + found(p));
      return std::nullopt;
    }
    return value;
  }

  // "targets": {replica name: {switchover, success_probability, manual_recovery}}, each field
  // defaulting to the service's. `service_manual` tells whether the failover states its own
  // manual_recovery (a target that can fail needs one, its own or the service's).
  void read_targets(const Json& value, const std::string& tpath, bool service_manual,
                    Service& service, FailoverNeeds& needs) {
    const Json* targets =
        ctx_.object(value, tpath,
                    "an object of replica names, such as {\"db-west\": {\"switchover\": \"45m\"}}");
    if (!targets) return;
    std::vector<std::string> replica_names;
    for (int c : service.replicas) replica_names.push_back(components_[c].component.name);
    for (auto it = targets->begin(); it != targets->end(); ++it) {
      const std::string name = it.key();
      const std::string ipath = child(tpath, name);
      const auto at = std::find(replica_names.begin(), replica_names.end(), name);
      if (at == replica_names.end()) {
        const bool component = component_index_.count(name) > 0;
        ctx_.problem(ipath,
                     (component ? "component " + quote(name) + " is not a replica of service " +
                                      quote(service.name) + ";"
                                : "unknown replica " + quote(name) + ";" +
                                      suggest(name, [&] { return replica_names; })) +
                         " expected one of the service's replicas: " + join_names(replica_names));
        continue;
      }
      const Json* t =
          ctx_.object(it.value(), ipath, "a target object such as {\"switchover\": \"45m\"}");
      if (!t) continue;
      Json rest = *t;
      if (rest.contains("detection")) {
        ctx_.problem(ipath + "/detection",
                     "detection is about the replica that failed, not the one a failover lands "
                     "on; expected \"detection\" in the failover object, not in a target");
        rest.erase("detection");
      }
      ctx_.known_fields(rest, ipath, TARGET_FIELDS, "a failover target");
      FailoverTarget target;
      target.replica = static_cast<int>(at - replica_names.begin());
      for (const char* key : {"switchover", "manual_recovery"}) {
        if (!rest.contains(key)) continue;
        auto d = ctx_.distribution(rest.at(key), child(ipath, key), false, true);
        if (!d) continue;
        (std::string(key) == "switchover" ? target.switchover : target.manual_recovery) = *d;
      }
      if (rest.contains("description"))
        ctx_.string(rest.at("description"), ipath + "/description", "free text");
      if (rest.contains("control_planes")) {
        if (auto need =
                read_control_plane_need(ctx_, rest.at("control_planes"), ipath + "/control_planes"))
          needs.targets[target.replica] = std::move(*need);
      }
      if (rest.contains("success_probability")) {
        target.success_probability =
            read_probability(rest.at("success_probability"), ipath + "/success_probability");
        if (target.success_probability && *target.success_probability < 1.0 &&
            !rest.contains("manual_recovery") && !service_manual) {
          ctx_.problem(ipath, "success_probability is " + rest.at("success_probability").dump() +
                                  ", so a failover to " + quote(name) +
                                  " can fail, but neither this target nor the failover states "
                                  "\"manual_recovery\"; expected \"manual_recovery\": the time "
                                  "to recover by hand, such as \"30m\"");
        }
      }
      failover_target_insert(service.failover, std::move(target));
    }
  }

  // Keeps targets in replica order (JSON object order is not the replicas' order).
  static void failover_target_insert(Failover& failover, FailoverTarget target) {
    auto pos = std::find_if(failover.targets.begin(), failover.targets.end(),
                            [&](const FailoverTarget& t) { return t.replica > target.replica; });
    failover.targets.insert(pos, std::move(target));
  }

  void read_dependencies(const Json& s, const std::string& spath, Service& service) {
    if (!s.contains("depends_on")) return;
    const std::string dpath = spath + "/depends_on";
    const Json* deps = ctx_.array(s.at("depends_on"), dpath, "a list of service names");
    if (!deps) return;
    std::set<int> listed;
    for (std::size_t i = 0; i < deps->size(); ++i) {
      const std::string ipath = child(dpath, i);
      const Json& d = (*deps)[i];
      std::optional<std::string> name;
      std::string name_path = ipath;
      Scope scope = Scope::any;
      std::optional<FeatureFlag> flag;
      if (d.is_string()) {
        name = d.get<std::string>();
      } else if (d.is_object()) {
        ctx_.known_fields(d, ipath, DEPENDENCY_FIELDS, "a dependency");
        name_path = ipath + "/service";
        if (const Json* v =
                ctx_.required(d, ipath, "service", "the name of the service depended on")) {
          name = ctx_.string(*v, name_path, "a service name");
        }
        if (d.contains("feature_flag"))
          flag = read_feature_flag(ctx_, d.at("feature_flag"), ipath + "/feature_flag");
        if (d.contains("scope")) {
          const auto text =
              ctx_.string(d.at("scope"), ipath + "/scope", "a scope (" + join_names(SCOPES) + ")");
          if (text) {
            if (*text == "any")
              scope = Scope::any;
            else if (*text == "same_provider")
              scope = Scope::same_provider;
            else if (*text == "same_region")
              scope = Scope::same_region;
            else if (*text == "same_zone")
              scope = Scope::same_zone;
            else {
              ctx_.problem(ipath + "/scope", "unknown scope " + quote(*text) + ";" +
                                                 did_you_mean(*text, SCOPES) +
                                                 " expected one of: " + join_names(SCOPES));
            }
          }
        }
      } else {
        ctx_.problem(ipath,
                     "expected a service name or {\"service\": ..., \"scope\": ...}, " + found(d));
      }
      if (!name) continue;
      const auto it = service_index_.find(*name);
      if (it == service_index_.end()) {
        ctx_.problem(name_path, "unknown service " + quote(*name) + ";" + suggest(*name, [&] {
                                  return names_of(service_index_);
                                }) + " expected the name of a service listed under \"services\"");
        continue;
      }
      if (!listed.insert(it->second).second) {
        ctx_.problem(name_path, "service " + quote(*name) + " is listed twice in depends_on of " +
                                    quote(service.name) + "; expected each dependency once");
        continue;
      }
      service.depends_on.push_back({it->second, scope, flag});
    }
  }

  // ---- capabilities ----
  // The index of service `name` read at `path`, or nullopt after reporting it unknown.
  std::optional<int> known_service(const std::string& name, const std::string& path) {
    const auto it = service_index_.find(name);
    if (it != service_index_.end()) return it->second;
    if (services_readable_) {
      ctx_.problem(path, "unknown service " + quote(name) + ";" + suggest(name, [&] {
                           return names_of(service_index_);
                         }) + " expected the name of a service listed under \"services\"");
    }
    return std::nullopt;
  }

  void read_capabilities(const Json& root) {
    if (!root.contains("capabilities")) return implicit_capability();
    const Json* caps =
        ctx_.object(root.at("capabilities"), "/capabilities", "an object of capabilities");
    if (!caps) return;
    if (caps->empty()) return implicit_capability();
    bool weights_ok = true;
    double total_weight = 0.0;
    for (const auto& [name, value] : caps->items()) {
      const std::string cpath = child("/capabilities", name);
      Capability capability;
      capability.name = name;
      if (name.empty()) ctx_.problem(cpath, "expected a non-empty capability name");
      check_printable(name, cpath, "capability");
      const Json* c = ctx_.object(value, cpath, "a capability object with \"requires\"");
      if (!c) {
        weights_ok = false;
        continue;
      }
      ctx_.known_fields(*c, cpath, CAPABILITY_FIELDS, "a capability");
      if (const Json* req =
              ctx_.required(*c, cpath, "requires", "a list of service names such as [\"web\"]")) {
        const std::string rpath = cpath + "/requires";
        if (const Json* list = ctx_.array(*req, rpath, "a list of service names")) {
          if (list->empty()) {
            ctx_.problem(rpath, "capability " + quote(name) +
                                    " requires no service; expected at least one service name");
          }
          std::set<int> required;
          for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string ipath = child(rpath, i);
            const auto s = ctx_.string((*list)[i], ipath, "a service name");
            if (!s) continue;
            const auto index = known_service(*s, ipath);
            if (!index) continue;
            if (!required.insert(*index).second) {
              ctx_.problem(ipath, "service " + quote(*s) +
                                      " is listed twice in requires of capability " + quote(name) +
                                      "; expected each service once");
            } else {
              capability.services.push_back(*index);
            }
          }
        }
      }
      if (c->contains("weight")) {
        const Json& w = c->at("weight");
        const auto weight = ctx_.number(w, cpath + "/weight", "a weight (a number >= 0)");
        if (!weight || !(*weight >= 0.0) || !std::isfinite(*weight)) {
          if (weight)
            ctx_.problem(cpath + "/weight",
                         "expected a weight >= 0 (a share of traffic), " + found(w));
          weights_ok = false;
        } else {
          capability.weight = *weight;
        }
      }
      if (c->contains("objectives"))
        capability.objectives = read_objectives(ctx_, c->at("objectives"), cpath + "/objectives");
      if (c->contains("fallbacks")) {
        capability.fallbacks =
            read_fallbacks(ctx_, c->at("fallbacks"), cpath + "/fallbacks", capability, arch_,
                           [&](const std::string& s, const std::string& at) -> std::optional<int> {
                             return known_service(s, at);
                           });
      }
      total_weight += capability.weight;
      if (c->contains("description"))
        ctx_.string(c->at("description"), cpath + "/description", "a string");
      arch_.capabilities.push_back(std::move(capability));
    }
    if (weights_ok && total_weight <= 0.0) {
      ctx_.problem("/capabilities",
                   "every capability has weight 0; expected at least one weight above zero");
    }
  }

  // Without capabilities, the system needs every service that nothing depends on.
  void implicit_capability() {
    Capability system;
    system.name = "system";
    std::vector<bool> needed(arch_.services.size(), false);
    for (const Service& s : arch_.services) {
      for (const Dependency& d : s.depends_on) needed[static_cast<std::size_t>(d.service)] = true;
    }
    for (std::size_t s = 0; s < arch_.services.size(); ++s) {
      if (!needed[s]) system.services.push_back(static_cast<int>(s));
    }
    arch_.capabilities.push_back(std::move(system));
    arch_.implicit_capability = true;
  }

  // ---- assembly ----
  // Domains in depth-first order (map order of segment lists puts parents before children).
  void build_domains() {
    std::map<Segments, int> index;
    for (const auto& [segments, entry] : domains_) {
      Domain d;
      d.name = segments.back();
      d.path = join_path(segments);
      d.level = static_cast<DomainLevel>(segments.size() - 1);
      d.parent =
          segments.size() > 1 ? index.at(Segments(segments.begin(), segments.end() - 1)) : -1;
      d.outage = entry.outage;
      d.outage_origin = entry.origin;
      index[segments] = static_cast<int>(arch_.domains.size());
      arch_.domains.push_back(std::move(d));
    }
    for (ComponentEntry& entry : components_) {
      entry.component.location = index.at(entry.location);
      arch_.components.push_back(std::move(entry.component));
    }
  }

  // Transfer prices of every provider whose catalog states them, for cost::price.
  void collect_transfer_prices() {
    for (const auto& [provider, catalog] : provider_catalog_) {
      if (catalog && catalog->transfer) arch_.transfer[provider] = *catalog->transfer;
    }
  }

  const Json& document_;
  std::string source_;
  const LoadOptions& options_;
  std::vector<Problem> problems_;
  ValidationContext ctx_;

  Architecture arch_;
  std::map<Segments, DomainEntry> domains_;
  std::map<std::string, const Catalog*> provider_catalog_;
  std::map<std::string, std::unique_ptr<Catalog>> catalogs_;
  std::vector<ComponentEntry> components_;
  std::map<std::string, int> component_index_;
  std::map<std::string, int> service_index_;
  std::map<Segments, std::map<std::string, DomainEntry>> region_services_;
  std::map<std::string, std::size_t> replica_count_;
  std::map<int, ChangesDraft> change_drafts_;
  std::map<int, DataDraft> data_drafts_;     // by service index
  std::optional<DrChoice> model_dr_;         // the top-level "dr"
  ControlPlaneDrafts control_plane_drafts_;  // by service index, resolved after the domains
  bool components_readable_ = false;
  bool providers_unreadable_ = false;
  bool services_readable_ = false;
  int suggestions_ = 0;
};

Architecture load_document(const Json& document, const std::string& source,
                           const LoadOptions& options, std::vector<Problem> problems) {
  ModelReader reader(document, source, options, std::move(problems));
  return reader.read();
}

}  // namespace

Architecture load_json(const nlohmann::json& document, const std::string& source,
                       const LoadOptions& options) {
  return load_document(document, source, options, {});
}

Architecture load_text(const std::string& text, const std::string& source,
                       const LoadOptions& options) {
  std::vector<Problem> problems;
  const std::optional<Json> document = parse_json_text(text, source, problems);
  if (!document) throw ModelError(problems);
  return load_document(*document, source, options, std::move(problems));
}

Architecture load_file(const std::string& path, const LoadOptions& options) {
  std::vector<Problem> problems;
  const std::optional<Json> document = read_json_file(path, problems);
  if (!document) throw ModelError(problems);
  return load_document(*document, path, options, std::move(problems));
}

Distribution read_distribution(const nlohmann::json& value, const std::string& source,
                               const std::string& path, bool positive) {
  std::vector<Problem> problems;
  ValidationContext ctx(source, problems);
  const std::optional<Distribution> d = ctx.distribution(value, path, positive, true);
  if (!d || !problems.empty()) throw ModelError(problems);
  return *d;
}

}  // namespace outagesim::model

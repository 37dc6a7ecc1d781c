// Reading control-plane statements and needs, and resolving them against the failure domains.
#include "control_planes.h"

#include <algorithm>
#include <set>

#include "did_you_mean.h"

namespace outagesim::model {

namespace {

std::string quote(const std::string& text) { return "\"" + text + "\""; }

std::vector<std::string> split_path(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    parts.push_back(
        text.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) return parts;
    start = slash + 1;
  }
}

class Resolver {
 public:
  Resolver(ValidationContext& ctx, Architecture& arch, const ControlPlaneDrafts& drafts,
           const CatalogLookup& catalog_for)
      : ctx_(ctx), arch_(arch), drafts_(drafts), catalog_for_(catalog_for) {}

  void run() {
    for (const FailoverNeeds& needs : drafts_.failovers) resolve_failover(needs);
    for (const auto& [c, path] : drafts_.repair_paths) resolve_replacement(c, path);
  }

 private:
  // The index of control plane `name` (created on first need), or -1 with a problem at `path`.
  int ensure(const std::string& name, const std::string& path) {
    if (const int i = arch_.find_control_plane(name); i >= 0) return i;
    if (failed_.count(name)) return -1;  // reported once, where first needed
    const int index = create(name, path);
    if (index < 0) failed_.insert(name);
    return index;
  }

  int create(const std::string& name, const std::string& path) {
    const std::vector<std::string> parts = split_path(name);
    const int provider = parts.empty() ? -1 : arch_.find_domain(parts[0]);
    if (parts.size() > 2 || provider < 0) return unknown(name, path);
    const Catalog* catalog = catalog_for_(parts[0]);
    ControlPlane plane;
    plane.name = name;
    const auto stated = drafts_.stated.find(name);
    const ControlPlaneStatement* statement =
        stated == drafts_.stated.end() ? nullptr : &stated->second;
    const CatalogControlPlane* from_catalog = nullptr;
    if (parts.size() == 1) {
      plane.domain = provider;
      if (catalog && catalog->control_plane) from_catalog = &*catalog->control_plane;
    } else {
      plane.domain = arch_.find_domain(name);
      const CatalogRegion* region = nullptr;
      if (catalog) {
        const auto it = catalog->regions.find(parts[1]);
        if (it != catalog->regions.end()) region = &it->second;
      }
      if (plane.domain < 0 && !region) return unknown(name, path);
      if (region && region->control_plane) from_catalog = &*region->control_plane;
      if (plane.domain < 0) {
        // A region the model places nothing in: its data plane still takes its control plane
        // (and a global one living there) down.
        if (region->outage.process) {
          plane.host_outage = *region->outage.process;
          plane.host_origin = catalog->origin(region->outage.source);
        }
      }
    }
    if (statement && statement->outage) {
      plane.outage = *statement->outage;
      plane.origin = "model";
    } else if (from_catalog && from_catalog->outage.process) {
      plane.outage = *from_catalog->outage.process;
      plane.origin = catalog->origin(from_catalog->outage.source);
    } else {
      const std::string where =
          parts.size() == 1
              ? "/providers/" + parts[0] + "/control_plane/outage"
              : "/providers/" + parts[0] + "/regions/" + parts[1] + "/control_plane/outage";
      ctx_.problem(path, "control plane " + quote(name) +
                             " is needed but has no outage process; expected " + where +
                             " in the model, or a catalog for provider " + quote(parts[0]) +
                             " that states one");
      return -1;
    }
    std::optional<std::string> home;
    if (statement && statement->home_region) {
      home = *statement->home_region;
    } else if (from_catalog && !from_catalog->home_region.empty()) {
      home = from_catalog->home_region;
    }
    const int index = static_cast<int>(arch_.control_planes.size());
    arch_.control_planes.push_back(std::move(plane));
    if (home && !home->empty()) {
      const std::string home_path =
          statement && statement->home_region ? statement->path + "/home_region" : path;
      const int h = ensure(parts[0] + "/" + *home, home_path);
      arch_.control_planes[static_cast<std::size_t>(index)].home = h;
    }
    return index;
  }

  int unknown(const std::string& name, const std::string& path) {
    std::vector<std::string> candidates;
    for (const Domain& d : arch_.domains) {
      if (d.level == DomainLevel::zone) continue;
      candidates.push_back(d.path);
      if (d.level != DomainLevel::provider) continue;
      if (const Catalog* catalog = catalog_for_(d.name))
        for (const auto& [region, entry] : catalog->regions)
          candidates.push_back(d.name + "/" + region);
    }
    candidates.push_back(TARGET_REGION);
    ctx_.problem(path, "unknown control plane " + quote(name) + ";" +
                           did_you_mean(name, candidates) +
                           " expected a provider of the model (its global control plane, such as "
                           "\"aws\"), one of its regions (\"aws/us-east-1\", in the model or its "
                           "catalog), or \"target_region\"");
    return -1;
  }

  // The region path of `component`'s location, or "" when it has no region.
  std::string region_of(int component) const {
    const int region = arch_.ancestor_at(
        arch_.components[static_cast<std::size_t>(component)].location, DomainLevel::region);
    return region < 0 ? "" : arch_.domains[static_cast<std::size_t>(region)].path;
  }

  // The list `need` stands for when the failover lands on replica position `replica` (-1: no
  // target).
  std::vector<int> resolve_list(const ControlPlaneNeed& need, const Service& service, int replica) {
    std::vector<int> list;
    for (std::size_t i = 0; i < need.names.size(); ++i) {
      const std::string& name = need.names[i];
      const std::string path = child(need.path, i);
      int cp = -1;
      if (name == TARGET_REGION) {
        if (replica < 0) continue;  // no target: nothing to promote in a region
        const int c = service.replicas[static_cast<std::size_t>(replica)];
        const std::string region = region_of(c);
        if (region.empty()) {
          ctx_.problem(path,
                       "\"target_region\" names the region of the failover target, but "
                       "replica " +
                           quote(arch_.components[static_cast<std::size_t>(c)].name) +
                           " is placed at a provider, not in a region; expected the "
                           "control plane by name, or the replica in a region");
          continue;
        }
        cp = ensure(region, path);
      } else {
        cp = ensure(name, path);
      }
      if (cp >= 0 && std::find(list.begin(), list.end(), cp) == list.end()) list.push_back(cp);
    }
    return list;
  }

  void resolve_failover(const FailoverNeeds& needs) {
    Service& service = arch_.services[static_cast<std::size_t>(needs.service)];
    const int n = static_cast<int>(service.replicas.size());
    std::vector<std::vector<int>> lists(static_cast<std::size_t>(n) + 1);
    if (needs.own) lists[0] = resolve_list(*needs.own, service, -1);
    for (int r = 0; r < n; ++r) {
      const auto target = needs.targets.find(r);
      if (target != needs.targets.end()) {
        lists[static_cast<std::size_t>(r) + 1] = resolve_list(target->second, service, r);
      } else if (needs.own) {
        lists[static_cast<std::size_t>(r) + 1] = resolve_list(*needs.own, service, r);
      }
    }
    service.failover.control_planes = std::move(lists);
  }

  void resolve_replacement(int c, const std::string& path) {
    Component& component = arch_.components[static_cast<std::size_t>(c)];
    if (component.repair != RepairMode::replace) return;
    const std::string region = region_of(c);
    if (region.empty()) {
      ctx_.problem(path, "component " + quote(component.name) +
                             " is repaired by replacement, which needs its region's control "
                             "plane, but it is placed at a provider, not in a region; expected "
                             "a location with a region, or \"repair\": \"provider\"");
      return;
    }
    component.repair_control_plane = ensure(region, path);
  }

  ValidationContext& ctx_;
  Architecture& arch_;
  const ControlPlaneDrafts& drafts_;
  const CatalogLookup& catalog_for_;
  std::set<std::string> failed_;
};

}  // namespace

std::optional<ControlPlaneStatement> read_control_plane_statement(ValidationContext& ctx,
                                                                  const Json& value,
                                                                  const std::string& path,
                                                                  bool global) {
  const Json* entry = ctx.object(value, path,
                                 "a control plane object such as {\"outage\": {\"mtbf\": \"2y\", "
                                 "\"mttr\": \"3h\"}}");
  if (!entry) return std::nullopt;
  std::vector<std::string> fields{"outage", "description"};
  if (global) fields.push_back("home_region");
  ctx.known_fields(*entry, path, fields, global ? "a provider control plane" : "a control plane");
  ControlPlaneStatement statement;
  statement.path = path;
  if (entry->contains("outage"))
    statement.outage = ctx.failure_process(entry->at("outage"), path + "/outage");
  if (global && entry->contains("home_region")) {
    if (auto region = ctx.string(entry->at("home_region"), path + "/home_region",
                                 "the name of the region the global control plane lives in, or "
                                 "\"\" for none"))
      statement.home_region = *region;
  }
  return statement;
}

std::optional<ControlPlaneNeed> read_control_plane_need(ValidationContext& ctx, const Json& value,
                                                        const std::string& path) {
  const Json* list = ctx.array(
      value, path,
      "a list of control planes such as [\"aws\", \"target_region\"] (empty: none needed)");
  if (!list) return std::nullopt;
  ControlPlaneNeed need;
  need.path = path;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (auto name = ctx.string(list->at(i), child(path, i),
                               "a control plane name such as \"aws/us-east-1\""))
      need.names.push_back(*name);
  }
  return need;
}

void resolve_control_planes(ValidationContext& ctx, Architecture& arch,
                            const ControlPlaneDrafts& drafts, const CatalogLookup& catalog_for) {
  Resolver(ctx, arch, drafts, catalog_for).run();
}

}  // namespace outagesim::model

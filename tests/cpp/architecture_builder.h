// One way for every C++ test to build an Architecture by hand, the way the loader would fill it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "outagesim/graph/plan.h"
#include "outagesim/model/architecture.h"
#include "outagesim/model/distribution.h"

namespace outagesim::testing {

inline model::FailureProcess process(model::Distribution ttf, model::Distribution ttr) {
  model::FailureProcess p;
  p.never_fails = false;
  p.ttf = ttf;
  p.ttr = ttr;
  return p;
}

inline model::FailureProcess exponential(double mttf, double mttr) {
  return process(model::Distribution::exponential(mttf), model::Distribution::exponential(mttr));
}

inline model::FailureProcess never_fails() { return model::FailureProcess{}; }

struct Builder {
  model::Architecture a;

  explicit Builder(std::string name = "test") {
    a.name = std::move(name);
    a.source = "<test>";
  }

  int domain(int parent, const std::string& name, model::DomainLevel level,
             model::FailureProcess outage) {
    model::Domain d;
    d.name = name;
    d.path = parent < 0 ? name : a.domains[parent].path + "/" + name;
    d.level = level;
    d.parent = parent;
    d.outage = outage;
    a.domains.push_back(d);
    return static_cast<int>(a.domains.size()) - 1;
  }
  int provider(const std::string& name, model::FailureProcess outage = never_fails()) {
    return domain(-1, name, model::DomainLevel::provider, outage);
  }
  int region(int provider, const std::string& name, model::FailureProcess outage = never_fails()) {
    return domain(provider, name, model::DomainLevel::region, outage);
  }
  int zone(int region, const std::string& name, model::FailureProcess outage = never_fails()) {
    return domain(region, name, model::DomainLevel::zone, outage);
  }
  int component(const std::string& name, int location, model::FailureProcess failure) {
    model::Component c;
    c.name = name;
    c.location = location;
    c.failure = failure;
    a.components.push_back(c);
    return static_cast<int>(a.components.size()) - 1;
  }
  int active_active(const std::string& name, std::vector<int> replicas, int min_healthy = 1,
                    std::vector<model::Dependency> depends_on = {}) {
    model::Service s;
    s.name = name;
    s.replicas = std::move(replicas);
    s.mode = model::RedundancyMode::active_active;
    s.min_healthy = min_healthy;
    s.depends_on = std::move(depends_on);
    a.services.push_back(s);
    return static_cast<int>(a.services.size()) - 1;
  }
  // The simulator tests' name for an active_active service.
  int service(const std::string& name, std::vector<int> replicas, int min_healthy = 1,
              std::vector<model::Dependency> depends_on = {}) {
    return active_active(name, std::move(replicas), min_healthy, std::move(depends_on));
  }
  int active_passive(const std::string& name, std::vector<int> replicas,
                     model::Failover failover = {},
                     std::vector<model::Dependency> depends_on = {}) {
    const int s = active_active(name, std::move(replicas), 1, std::move(depends_on));
    a.services[s].mode = model::RedundancyMode::active_passive;
    a.services[s].failover = failover;
    return s;
  }
  void depends(int service, int on, model::Scope scope = model::Scope::any) {
    a.services[service].depends_on.push_back({on, scope});
  }
  void capability(const std::string& name, std::vector<int> services, double weight = 1.0) {
    model::Capability c;
    c.name = name;
    c.services = std::move(services);
    c.weight = weight;
    a.capabilities.push_back(c);
  }
  // Without stated capabilities: one implicit "system" needing every service nothing depends
  // on, as the loader does.
  graph::Plan plan() {
    if (a.capabilities.empty()) {
      std::vector<bool> needed(a.services.size(), true);
      for (const model::Service& s : a.services) {
        for (const model::Dependency& d : s.depends_on) needed[d.service] = false;
      }
      std::vector<int> top;
      for (std::size_t s = 0; s < needed.size(); ++s) {
        if (needed[s]) top.push_back(static_cast<int>(s));
      }
      capability("system", top);
      a.implicit_capability = true;
    }
    return graph::build_plan(a);
  }
  graph::Plan plan() const {
    Builder copy = *this;
    return copy.plan();
  }
};

}  // namespace outagesim::testing

// Helpers of the simulator tests: Architectures built by hand, exact values by enumerating the
// element states, and the "exact value inside the estimate's own 95% interval" check.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/architecture.h"
#include "outagesim/model/distribution.h"
#include "outagesim/sim/simulate.h"

namespace simtest {

using namespace outagesim;

inline model::FailureProcess exponential(double mttf, double mttr) {
  model::FailureProcess p;
  p.never_fails = false;
  p.ttf = model::Distribution::exponential(mttf);
  p.ttr = model::Distribution::exponential(mttr);
  return p;
}

inline model::FailureProcess process(model::Distribution ttf, model::Distribution ttr) {
  model::FailureProcess p;
  p.never_fails = false;
  p.ttf = ttf;
  p.ttr = ttr;
  return p;
}

struct Builder {
  model::Architecture a;

  Builder() {
    a.name = "test";
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
  int provider(const std::string& name, model::FailureProcess outage = {}) {
    return domain(-1, name, model::DomainLevel::provider, outage);
  }
  int region(int provider, const std::string& name, model::FailureProcess outage = {}) {
    return domain(provider, name, model::DomainLevel::region, outage);
  }
  int zone(int region, const std::string& name, model::FailureProcess outage = {}) {
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
  int service(const std::string& name, std::vector<int> replicas, int min_healthy = 1,
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
  int active_passive(const std::string& name, std::vector<int> replicas, model::Failover failover,
                     std::vector<model::Dependency> depends_on = {}) {
    const int s = service(name, std::move(replicas), 1, std::move(depends_on));
    a.services[s].mode = model::RedundancyMode::active_passive;
    a.services[s].failover = failover;
    return s;
  }
  void capability(const std::string& name, std::vector<int> services, double weight = 1.0) {
    model::Capability c;
    c.name = name;
    c.services = std::move(services);
    c.weight = weight;
    a.capabilities.push_back(c);
  }
  graph::Plan plan() const { return graph::build_plan(a); }
};

inline sim::Options options(std::uint64_t seed, double rel_error, int threads = 2) {
  sim::Options o;
  o.seed = seed;
  o.rel_error = rel_error;
  o.threads = threads;
  o.max_seconds = 30.0;
  return o;
}

// The exact value lies inside the estimate's own 95% interval.
inline void check_covers(const api::Estimate& e, double exact, const std::string& what) {
  INFO(what << ": estimate " << e.value << " [" << e.lo << ", " << e.hi << "], exact " << exact);
  CHECK(e.lo <= exact);
  CHECK(exact <= e.hi);
}

// A line for the report: estimate, interval and exact value.
inline void report(const std::string& what, const api::Estimate& e, double exact) {
  WARN(what << ": estimate " << e.value << " [" << e.lo << ", " << e.hi << "] exact " << exact);
}

struct Exact {
  double availability = 0.0;
  double incidents_per_year = 0.0;
};

// Exact availability and incident frequency of a static structure over independent elements:
// A = sum over the 2^n states of P(state) * up(state); frequency = sum_i Birnbaum importance of
// i / (MTTF_i + MTTR_i) (coherent structures). Bit i of a state is element i being up.
inline Exact enumerate(const std::vector<double>& mttf, const std::vector<double>& mttr,
                       const std::function<bool(std::uint32_t)>& up) {
  const int n = static_cast<int>(mttf.size());
  std::vector<double> a(n);
  for (int i = 0; i < n; ++i) a[i] = mttf[i] / (mttf[i] + mttr[i]);
  auto probability_up = [&](int fixed, bool fixed_up) {
    double total = 0.0;
    for (std::uint32_t s = 0; s < (1u << n); ++s) {
      if (fixed >= 0 && (((s >> fixed) & 1u) != 0) != fixed_up) continue;
      double p = 1.0;
      for (int i = 0; i < n; ++i) {
        if (i == fixed) continue;
        p *= ((s >> i) & 1u) ? a[i] : 1.0 - a[i];
      }
      if (up(s)) total += p;
    }
    return total;
  };
  Exact e;
  e.availability = probability_up(-1, true);
  for (int i = 0; i < n; ++i) {
    const double birnbaum = probability_up(i, true) - probability_up(i, false);
    e.incidents_per_year += birnbaum / (mttf[i] + mttr[i]) * 8760.0;
  }
  return e;
}

}  // namespace simtest

// Property tests: on random small static models the BDD equals brute force over all 2^n states,
// and the CTMC equals the BDD when timings are exponential.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "exact/ctmc.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;

namespace {

// A random static design: a provider, one or two regions with one or two zones each, a few
// components, services with random redundancy and random scoped dependencies on earlier ones.
graph::Plan random_model(std::mt19937_64& rng, int max_components) {
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
  };
  auto process = [&]() { return exponential(uniform(5.0, 200.0), uniform(0.5, 20.0)); };
  Builder b("random");
  const int p = b.provider("p", pick(3) == 0 ? process() : never_fails());
  std::vector<int> zones, places{p};
  const int regions = 1 + pick(2);
  for (int r = 0; r < regions; ++r) {
    const int region =
        b.region(p, "r" + std::to_string(r), pick(2) == 0 ? process() : never_fails());
    places.push_back(region);
    const int zone_count = 1 + pick(2);
    for (int z = 0; z < zone_count; ++z) {
      const int zone =
          b.zone(region, "z" + std::to_string(z), pick(2) == 0 ? process() : never_fails());
      zones.push_back(zone);
      places.push_back(zone);
    }
  }
  const int component_count = 2 + pick(max_components - 1);
  std::vector<int> comps;
  for (int c = 0; c < component_count; ++c) {
    const int where = pick(4) == 0 ? places[pick(static_cast<int>(places.size()))]
                                   : zones[pick(static_cast<int>(zones.size()))];
    comps.push_back(b.component("c" + std::to_string(c), where, process()));
  }
  const int service_count = 1 + pick(3);
  for (int s = 0; s < service_count; ++s) {
    std::vector<int> replicas;
    for (int c : comps) {
      if (pick(2) == 0) replicas.push_back(c);
    }
    if (replicas.empty()) replicas.push_back(comps[pick(component_count)]);
    const int n = static_cast<int>(replicas.size());
    int id;
    if (pick(3) == 0) {
      id = b.active_passive("s" + std::to_string(s), replicas);
    } else {
      id = b.active_active("s" + std::to_string(s), replicas, 1 + pick(n));
    }
    for (int d = 0; d < s; ++d) {
      if (pick(2) != 0) continue;
      const bool target_ap = b.a.services[d].mode == model::RedundancyMode::active_passive &&
                             b.a.services[d].replicas.size() > 1;
      model::Scope scope = static_cast<model::Scope>(pick(4));
      if (target_ap) scope = model::Scope::any;  // scoped: history-dependent, not static
      // Keep scopes resolvable: the plan rejects a replica with no candidate in scope.
      b.depends(id, d, scope);
    }
  }
  if (pick(2) == 0) {
    for (int c = 0; c < 1 + pick(2); ++c) {
      std::vector<int> needs;
      for (int s = 0; s < service_count; ++s) {
        if (pick(2) == 0) needs.push_back(s);
      }
      if (needs.empty()) needs.push_back(pick(service_count));
      b.capability("cap" + std::to_string(c), needs, uniform(0.1, 1.0));
    }
  }
  try {
    return b.plan();
  } catch (const Error&) {
    // A scope with no candidate: fall back to unscoped dependencies.
    for (auto& s : b.a.services) {
      for (auto& d : s.depends_on) d.scope = model::Scope::any;
    }
    return b.plan();
  }
}

struct Brute {
  std::vector<double> capability_availability;
  double availability = 0, frequency = 0;
  std::map<int, double> birnbaum;         // per failing element
  std::map<int, double> unavail_if_down;  // per failing element
  std::set<std::set<int>> minimal_cut_sets;
};

Brute brute_force(const graph::Plan& plan) {
  std::vector<int> failing;
  for (int e = 0; e < plan.element_count(); ++e) {
    if (!plan.element_process[e].never_fails) failing.push_back(e);
  }
  const int n = static_cast<int>(failing.size());
  REQUIRE(n <= 16);
  const std::size_t caps = plan.architecture.capabilities.size();
  Brute out;
  out.capability_availability.assign(caps, 0.0);
  std::vector<bool> system_up(std::size_t{1} << n);
  std::vector<double> prob(std::size_t{1} << n);
  for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
    std::vector<bool> up(plan.element_count(), true);
    double pr = 1.0;
    for (int i = 0; i < n; ++i) {
      const auto& proc = plan.element_process[failing[i]];
      const bool down = (mask >> i) & 1u;
      up[failing[i]] = !down;
      pr *= down ? proc.mttr() / (proc.mttf() + proc.mttr())
                 : proc.mttf() / (proc.mttf() + proc.mttr());
    }
    const std::vector<bool> cu = brute_force_capabilities(plan, up);
    bool all = true;
    for (std::size_t c = 0; c < caps; ++c) {
      if (cu[c]) out.capability_availability[c] += pr;
      all = all && cu[c];
    }
    system_up[mask] = all;
    prob[mask] = pr;
    if (all) out.availability += pr;
  }
  for (int i = 0; i < n; ++i) {
    const auto& proc = plan.element_process[failing[i]];
    const double ai = proc.mttf() / (proc.mttf() + proc.mttr()), qi = 1 - ai;
    double up_given_up = 0, up_given_down = 0;
    for (std::size_t mask = 0; mask < system_up.size(); ++mask) {
      if (!system_up[mask]) continue;
      if ((mask >> i) & 1u) {
        up_given_down += prob[mask] / qi;
      } else {
        up_given_up += prob[mask] / ai;
      }
    }
    out.birnbaum[failing[i]] = up_given_up - up_given_down;
    out.unavail_if_down[failing[i]] = 1 - up_given_down;
    out.frequency += (up_given_up - up_given_down) * proc.failure_frequency();
  }
  // Minimal cut sets: down states whose every one-element repair brings the system up.
  for (std::size_t mask = 0; mask < system_up.size(); ++mask) {
    if (system_up[mask]) continue;
    bool minimal = true;
    for (int i = 0; i < n && minimal; ++i) {
      if (((mask >> i) & 1u) && !system_up[mask & ~(std::size_t{1} << i)]) minimal = false;
    }
    if (!minimal) continue;
    std::set<int> cs;
    for (int i = 0; i < n; ++i) {
      if ((mask >> i) & 1u) cs.insert(failing[i]);
    }
    out.minimal_cut_sets.insert(cs);
  }
  return out;
}

}  // namespace

TEST_CASE("property: BDD equals brute force on random static models", "[exact][property]") {
  std::mt19937_64 rng(20240611);
  int checked = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const graph::Plan plan = random_model(rng, 6);
    const exact::Applicability app = exact::check(plan);
    REQUIRE(app.possible);
    REQUIRE(app.solver == "bdd");
    const Brute brute = brute_force(plan);
    INFO("trial " << trial);
    const exact::Analysis an = exact::analyze(plan, 1000);
    const api::Result& r = an.result;
    CHECK(close(r.system.availability.value, brute.availability, 1e-12));
    CHECK(close(r.system.incidents_per_year.value, brute.frequency * 8760.0, 1e-9));
    for (std::size_t c = 0; c < brute.capability_availability.size(); ++c) {
      CHECK(close(r.capabilities[c].availability.value, brute.capability_availability[c], 1e-12));
    }
    const double u = 1 - brute.availability;
    for (const exact::Importance& imp : an.importance) {
      int e = -1;
      for (int k = 0; k < plan.element_count(); ++k) {
        if (plan.element_name[k] == imp.element) e = k;
      }
      REQUIRE(e >= 0);
      CHECK(std::abs(imp.birnbaum - brute.birnbaum.at(e)) <= 1e-12);
      if (u > 1e-9) {
        CHECK(close(imp.risk_achievement_worth, brute.unavail_if_down.at(e) / u, 1e-8));
        // Identities: U(a_i=1) = U - q_i B_i, hence 1/RRW = 1 - criticality; C_i <= FV_i <= q_i
        // RAW_i.
        CHECK(std::abs(1.0 / imp.risk_reduction_worth - (1.0 - imp.criticality)) <= 1e-9);
        const double qi = 1 - imp.availability;
        CHECK(imp.fussell_vesely >= imp.criticality - 1e-9);
        CHECK(imp.fussell_vesely <= qi * imp.risk_achievement_worth + 1e-9);
      }
    }
    // Cut sets: the same family as brute force.
    CHECK(an.cut_set_count == brute.minimal_cut_sets.size());
    std::set<std::set<std::string>> ours, theirs;
    for (const auto& cs : an.cut_sets) ours.insert({cs.elements.begin(), cs.elements.end()});
    for (const auto& cs : brute.minimal_cut_sets) {
      std::set<std::string> names;
      for (int e : cs) names.insert(plan.element_name[e]);
      theirs.insert(names);
    }
    if (brute.minimal_cut_sets.size() <= 1000) CHECK(ours == theirs);
    for (std::size_t i = 1; i < an.cut_sets.size(); ++i) {
      const auto& x = an.cut_sets[i - 1];
      const auto& y = an.cut_sets[i];
      CHECK((x.elements.size() < y.elements.size() ||
             (x.elements.size() == y.elements.size() && x.probability >= y.probability)));
    }
    ++checked;
  }
  CHECK(checked == 150);
}

TEST_CASE("property: top-N cut sets are the N smallest, most probable", "[exact][property]") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    const graph::Plan plan = random_model(rng, 6);
    const exact::Analysis all = exact::analyze(plan, 100000);
    const exact::Analysis top = exact::analyze(plan, 3);
    REQUIRE(top.cut_sets.size() == std::min<std::size_t>(3, all.cut_sets.size()));
    for (std::size_t i = 0; i < top.cut_sets.size(); ++i) {
      CHECK(top.cut_sets[i].elements.size() == all.cut_sets[i].elements.size());
      CHECK(close(top.cut_sets[i].probability, all.cut_sets[i].probability, 1e-12));
    }
  }
}

TEST_CASE("property: the CTMC agrees with the BDD on static models with exponential timings",
          "[exact][property][ctmc]") {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 25; ++trial) {
    const graph::Plan plan = random_model(rng, 5);
    INFO("trial " << trial);
    const api::Result bdd = exact::solve(plan);
    REQUIRE(bdd.solver == "bdd");
    const exact::CtmcSolution chain = exact::solve_ctmc(plan, {}, true);
    const std::size_t m = plan.architecture.capabilities.size();
    CHECK(chain.states > 1);
    CHECK(close(chain.availability[m], bdd.system.availability.value, 1e-11));
    CHECK(close(chain.unavailability[m] * 525600.0, bdd.system.downtime_minutes_per_year.value,
                1e-8));
    CHECK(close(chain.frequency_per_hour[m] * 8760.0, bdd.system.incidents_per_year.value, 1e-8));
    for (std::size_t c = 0; c < m; ++c) {
      CHECK(close(chain.availability[c], bdd.capabilities[c].availability.value, 1e-11));
      CHECK(close(chain.frequency_per_hour[c] * 8760.0,
                  bdd.capabilities[c].incidents_per_year.value, 1e-8));
    }
    CHECK(chain.residual < 1e-10);
  }
}

TEST_CASE("property: the conditioned chain equals the full chain on timed-failover models",
          "[exact][property][ctmc]") {
  std::mt19937_64 rng(4242);
  int with_failover = 0;
  for (int trial = 0; trial < 40; ++trial) {
    graph::Plan plan = random_model(rng, 5);
    // Give every active_passive service a timed, sometimes failing, failover.
    for (auto& s : plan.architecture.services) {
      if (s.mode != model::RedundancyMode::active_passive) continue;
      s.failover.detection = model::Distribution::exponential(0.05 + 0.01 * trial);
      s.failover.switchover =
          trial % 2 ? model::Distribution::exponential(0.1) : model::Distribution::deterministic(0);
      s.failover.success_probability = trial % 3 ? 0.9 : 1.0;
      s.failover.manual_recovery = model::Distribution::exponential(1.5);
      ++with_failover;
    }
    int failing = 0;
    for (const auto& proc : plan.element_process) failing += proc.never_fails ? 0 : 1;
    if (failing > 9) continue;  // keeps the full chain small enough for a unit test
    INFO("trial " << trial);
    const exact::CtmcSolution full = exact::solve_ctmc(plan, {}, true);
    const exact::CtmcSolution part = exact::solve_ctmc(plan, {}, false);
    CHECK(part.states <= full.states);
    // The bounds that refuse a chain before exploring it enclose its true size.
    CHECK(exact::ctmc_state_lower_bound(plan, exact::DEFAULT_STATE_LIMIT) <= part.states);
    CHECK(exact::ctmc_state_bound(plan) >= part.states);
    for (std::size_t m = 0; m < full.availability.size(); ++m) {
      CHECK(close(part.availability[m], full.availability[m], 1e-11));
      CHECK(close(part.unavailability[m], full.unavailability[m], 1e-8));
      CHECK(close(part.frequency_per_hour[m], full.frequency_per_hour[m], 1e-8));
    }
    for (std::size_t s = 0; s < full.failover_downtime.size(); ++s) {
      CHECK(close(part.failover_downtime[s], full.failover_downtime[s], 1e-8));
    }
  }
  CHECK(with_failover > 5);
}

// Minimal cut sets in the zero-suppressed diagram: the same family as Rauzy's minsol computed
// with BuDDy (the method it replaced) and as brute force; top-N bounded by N, not by the count.
#include <bdd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>

#include "exact/bdd_measures.h"
#include "exact/buddy_session.h"
#include "exact/cut_sets.h"
#include "exact/structure.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "test_exact_models.h"

using namespace outagesim;
using namespace outagesim::exact_test;

namespace {

// The method the zero-suppressed diagram replaced, kept as the reference: Rauzy's minsol with
// the family held as a BuDDy BDD (a path to true lists the variables on its high edges).
class ReferenceMinsol {
 public:
  bdd operator()(const bdd& down) {
    if (down == bddfalse || down == bddtrue) return down;
    const auto found = minsol_.find(down.id());
    if (found != minsol_.end()) return found->second;
    const int v = bdd_var(down);
    const bdd k = (*this)(bdd_high(down));
    const bdd result = bdd_ite(bdd_ithvar(v), without((*this)(bdd_low(down)), k), k);
    minsol_.emplace(down.id(), result);
    return result;
  }

 private:
  bdd without(const bdd& f, const bdd& g) {
    if (f == bddfalse || g == bddtrue) return bddfalse;
    if (g == bddfalse) return f;
    if (f == bddtrue) return bddtrue;
    const long long key = (static_cast<long long>(f.id()) << 32) | g.id();
    const auto found = without_.find(key);
    if (found != without_.end()) return found->second;
    const int vf = bdd_var(f), vg = bdd_var(g);
    bdd result;
    if (vf < vg) {
      result = bdd_ite(bdd_ithvar(vf), without(bdd_high(f), g), without(bdd_low(f), g));
    } else if (vf > vg) {
      result = without(f, bdd_low(g));
    } else {
      result = bdd_ite(bdd_ithvar(vf), without(without(bdd_high(f), bdd_high(g)), bdd_low(g)),
                       without(bdd_low(f), bdd_low(g)));
    }
    without_.emplace(key, result);
    return result;
  }

  std::unordered_map<int, bdd> minsol_;
  std::unordered_map<long long, bdd> without_;
};

// Tiers of active_active services over random regions and zones, each tier needing the next
// one in a random scope: many overlapping cut sets mixing domains and components.
graph::Plan random_tiers(std::mt19937_64& rng) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto process = [&]() {
    return exponential(std::uniform_real_distribution<double>(20.0, 400.0)(rng),
                       std::uniform_real_distribution<double>(0.5, 12.0)(rng));
  };
  Builder b("tiers");
  const int p = b.provider("p", pick(2) == 0 ? process() : never_fails());
  std::vector<int> zones;
  const int regions = 1 + pick(2);
  for (int r = 0; r < regions; ++r) {
    const int region = b.region(p, "r" + std::to_string(r), process());
    const int zone_count = 1 + pick(2);
    for (int z = 0; z < zone_count; ++z) {
      zones.push_back(b.zone(region, "r" + std::to_string(r) + "z" + std::to_string(z),
                             pick(2) == 0 ? process() : never_fails()));
    }
  }
  const int tiers = 1 + pick(3);
  int previous = -1;
  int components = 0;
  for (int t = tiers - 1; t >= 0; --t) {
    std::vector<int> replicas;
    for (int z : zones) {
      if (replicas.empty() || (components < 5 && pick(3) != 0)) {
        replicas.push_back(
            b.component("t" + std::to_string(t) + "-" + std::to_string(z), z, process()));
        ++components;
      }
    }
    const int n = static_cast<int>(replicas.size());
    const int s = b.active_active("t" + std::to_string(t), replicas, 1 + pick(n));
    // Only scopes every replica can satisfy: "any", or "same_provider" (one provider here).
    if (previous >= 0)
      b.depends(s, previous, pick(2) ? model::Scope::any : model::Scope::same_provider);
    previous = s;
  }
  return b.plan();
}

std::set<std::set<int>> family_sets(const bdd& f) {
  std::set<std::set<int>> sets;
  std::vector<int> path;
  std::function<void(const bdd&)> walk = [&](const bdd& g) {
    if (g == bddfalse) return;
    if (g == bddtrue) {
      sets.insert({path.begin(), path.end()});
      return;
    }
    path.push_back(bdd_var(g));
    walk(bdd_high(g));
    path.pop_back();
    walk(bdd_low(g));
  };
  walk(f);
  return sets;
}

}  // namespace

TEST_CASE("exact cut sets: the zero-suppressed minsol equals BuDDy's minsol and brute force",
          "[exact][cut_sets]") {
  std::mt19937_64 rng(1707);
  int compared = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const graph::Plan plan = random_tiers(rng);
    INFO("trial " << trial);
    const exact::VariableOrder order = exact::make_variable_order(plan);
    const int n = order.variable_count();
    const exact::BuddySession session(n);
    const exact::Structure st = exact::build_structure(plan, order);
    const exact::VariableData data = exact::variable_data(plan, order);
    const exact::CutSetFamily family(st.system_up);
    ReferenceMinsol reference;
    const std::set<std::set<int>> sets = family_sets(family.as_bdd());
    CHECK(sets == family_sets(reference(!st.system_up)));
    CHECK(family.count() == static_cast<double>(sets.size()));

    // Brute force over every state of the failing elements: a down state whose every
    // one-element repair brings the system up is a minimal cut set.
    REQUIRE(n <= 14);
    std::vector<bool> system_up(std::size_t{1} << n);
    for (std::size_t mask = 0; mask < system_up.size(); ++mask) {
      std::vector<bool> element_up(plan.element_count(), true);
      for (int v = 0; v < n; ++v) element_up[order.var_element[v]] = !((mask >> v) & 1u);
      system_up[mask] = brute_force_system(plan, element_up);
    }
    std::set<std::set<int>> brute;
    for (std::size_t mask = 0; mask < system_up.size(); ++mask) {
      if (system_up[mask]) continue;
      bool minimal = true;
      for (int v = 0; v < n && minimal; ++v) {
        if (((mask >> v) & 1u) && !system_up[mask & ~(std::size_t{1} << v)]) minimal = false;
      }
      if (!minimal) continue;
      std::set<int> cs;
      for (int v = 0; v < n; ++v) {
        if ((mask >> v) & 1u) cs.insert(v);
      }
      brute.insert(cs);
    }
    CHECK(sets == brute);

    // Fussell-Vesely numerators: P(some cut set holding v is all down), summed over states.
    std::vector<std::size_t> masks;
    for (const std::set<int>& cs : brute) {
      std::size_t m = 0;
      for (int u : cs) m |= std::size_t{1} << u;
      masks.push_back(m);
    }
    std::vector<double> expected(n, 0.0);
    for (std::size_t mask = 0; mask < system_up.size(); ++mask) {
      std::size_t hit = 0;  // the variables of the cut sets that are all down in this state
      for (std::size_t m : masks) {
        if ((mask & m) == m) hit |= m;
      }
      if (hit == 0) continue;
      double p = 1.0;
      for (int u = 0; u < n; ++u)
        p *= (mask >> u) & 1u ? data.unavailability[u] : data.availability[u];
      for (int v = 0; v < n; ++v) {
        if ((hit >> v) & 1u) expected[v] += p;
      }
    }
    const std::vector<double> with = family.probability_of_cut_sets_with_each(data);
    for (int v = 0; v < n; ++v) CHECK(close(with[v], expected[v], 1e-10));

    // Top-N against the full list: smallest first, most probable among equal sizes.
    const std::vector<std::vector<int>> all = family.smallest(sets.size() + 5, data.unavailability);
    REQUIRE(all.size() == sets.size());
    for (std::size_t top : {std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
      const std::vector<std::vector<int>> first = family.smallest(top, data.unavailability);
      REQUIRE(first.size() == std::min(top, all.size()));
      for (std::size_t i = 0; i < first.size(); ++i) {
        double p_first = 1.0, p_all = 1.0;
        for (int v : first[i]) p_first *= data.unavailability[v];
        for (int v : all[i]) p_all *= data.unavailability[v];
        CHECK(first[i].size() == all[i].size());
        CHECK(close(p_first, p_all, 1e-12));
      }
    }
    ++compared;
  }
  CHECK(compared == 60);
}

TEST_CASE("exact cut sets: top N limits the work and the count stays exact", "[exact][cut_sets]") {
  // 30 of 60 components up: every 31 failures are a minimal cut set, about 1.1e17 of them.
  Builder b;
  const int zone = b.zone(b.region(b.provider("p"), "r"), "z");
  std::vector<int> replicas;
  for (int i = 0; i < 60; ++i) {
    // Repair times all different: one most probable cut set, one second, ...
    replicas.push_back(b.component("c" + std::to_string(i), zone, exponential(1000, 1.0 + i)));
  }
  b.service("pool", replicas, 30);
  const graph::Plan plan = b.plan();
  exact::Options o;
  o.max_seconds = 60.0;  // listing the family would run into this, and throw
  const exact::Analysis an = exact::analyze(plan, 3, o);
  const double binomial = std::exp(std::lgamma(61.0) - std::lgamma(32.0) - std::lgamma(30.0));
  CHECK(close(static_cast<double>(an.cut_set_count), binomial, 1e-9));
  REQUIRE(an.cut_sets.size() == 3);
  // The most probable: the 31 slowest repairs (c29..c59); next, c28 in place of c29; then c27.
  std::set<std::string> best;
  for (int i = 29; i < 60; ++i) best.insert("c" + std::to_string(i));
  CHECK(std::set<std::string>(an.cut_sets[0].elements.begin(), an.cut_sets[0].elements.end()) ==
        best);
  best.erase("c29");
  best.insert("c28");
  CHECK(std::set<std::string>(an.cut_sets[1].elements.begin(), an.cut_sets[1].elements.end()) ==
        best);
  CHECK(an.cut_sets[0].probability > an.cut_sets[1].probability);
  CHECK(an.cut_sets[1].probability > an.cut_sets[2].probability);
}

TEST_CASE("exact cut sets: the node limit bounds the cut sets' diagram too", "[exact][cut_sets]") {
  // 50 of 100: the structure BDD has 2,550 nodes; minsol's `without` needs far more entries.
  Builder b;
  const int zone = b.zone(b.region(b.provider("p"), "r"), "z");
  std::vector<int> replicas;
  for (int i = 0; i < 100; ++i)
    replicas.push_back(b.component("c" + std::to_string(i), zone, exponential(1000, 10)));
  b.service("pool", replicas, 50);
  const graph::Plan plan = b.plan();
  exact::Options o;
  o.bdd_node_limit = 30'000;
  CHECK(exact::solve(plan, o).system.availability.value > 0.999);  // the BDD fits
  try {
    exact::analyze(plan, 5, o);
    FAIL("no error beyond the node limit");
  } catch (const ExactNotApplicable& error) {
    const std::string what = error.what();
    CHECK(what.find("minimal cut sets") != std::string::npos);
    CHECK(what.find("node limit") != std::string::npos);
  }
  o.bdd_node_limit = exact::DEFAULT_BDD_NODE_LIMIT;
  CHECK(exact::analyze(plan, 5, o).cut_sets.size() == 5);
}

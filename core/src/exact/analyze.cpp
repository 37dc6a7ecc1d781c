// Importance measures and minimal cut sets: what to fix first.
#include <algorithm>
#include <limits>
#include <string>

#include "exact_result.h"
#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/duration.h"
#include "static_solution.h"
#include "work_budget.h"

namespace outagesim::exact {

namespace {

// How a person names an element in a sentence: "region aws/us-east-1", "web-2".
std::string label(const graph::Plan& plan, int element) {
  if (plan.element_kind[element] == graph::ElementKind::component)
    return plan.element_name[element];
  return std::string(graph::to_string(plan.element_kind[element])) + " " +
         plan.element_name[element];
}

std::string describe(const graph::Plan& plan, const std::vector<int>& elements) {
  if (elements.empty()) return "always down";
  if (elements.size() == 1) return label(plan, elements[0]) + " down";
  std::string text;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) text += i + 1 == elements.size() ? " and " : ", ";
    text += label(plan, elements[i]);
  }
  return text + " down together";
}

// Some service keeps running when one of its replicas is lost.
bool claims_redundancy(const model::Architecture& a) {
  for (const model::Service& s : a.services) {
    const int n = static_cast<int>(s.replicas.size());
    if (s.mode == model::RedundancyMode::active_passive ? n > 1 : n > s.min_healthy) return true;
  }
  return false;
}

bool has_staged_changes(const graph::Plan& plan) {
  for (int k = 0; k < plan.change_count; ++k) {
    if (plan.change_wave_begin[k + 1] - plan.change_wave_begin[k] > 1) return true;
  }
  return false;
}

}  // namespace

Analysis analyze(const graph::Plan& plan, std::size_t top_n, const Options& options) {
  const WorkScope scope(options);
  const model::Architecture& a = plan.architecture;
  Analysis an;
  const StaticSolution sol = solve_static(plan, true, top_n);
  const Applicability app = check(plan, options);
  if (app.solver == "bdd") {
    an.result = static_result(plan, "bdd", app.reason, sol);  // the solve above, not a second
  } else if (app.possible) {
    an.result = solve(plan, options);
  } else {
    // No exact answer for the model as stated: report the instant-failover structure, loudly.
    // method "bound", not "exact": every door labels the figures as the bound they are. A
    // staged rollout enters it by its first wave, which every bad change reaches.
    // Degraded modes are left out of the structure too, which lowers the figure while instant
    // failover raises it: then the figure is no bound either way, and says so.
    const bool degraded = a.has_degraded_modes();
    const std::string design =
        std::string("the same design with instant failover") +
        (has_staged_changes(plan) ? " and bad changes that reach only their rollout's first wave"
                                  : "") +
        (degraded ? " and without its fallbacks and feature flags" : "");
    an.result = static_result(plan, "bdd",
                              std::string(degraded ? "approximation: " : "optimistic bound: ") +
                                  design + " (no exact answer: " + app.reason + ")",
                              sol);
    an.result.method = "bound";
    an.result.warnings.push_back(
        "no exact answer for this model (" + app.reason + "); the availability shown is that of " +
        design +
        (degraded ? ", which is no bound: instant failover raises it, leaving out the degraded "
                    "modes lowers it"
                  : ", an optimistic bound"));
  }
  if (app.solver != "bdd") {
    an.result.warnings.push_back(
        "importance and cut sets are computed on the structure with instant failover (failover "
        "delays, failed failovers and which replica serves are left out)" +
        std::string(has_staged_changes(plan)
                        ? " and bad changes that reach only their rollout's first wave"
                        : ""));
  }

  const double u = sol.system.unavailability;
  for (const ElementFigures& f : sol.elements) {
    Importance imp;
    imp.element = plan.element_name[f.element];
    imp.level = graph::to_string(plan.element_kind[f.element]);
    imp.availability = f.availability;
    imp.birnbaum = f.birnbaum;
    imp.criticality = u > 0.0 ? f.birnbaum * f.unavailability / u : 0.0;
    imp.risk_achievement_worth = u > 0.0 ? f.unavailability_if_down / u : 1.0;
    imp.risk_reduction_worth = f.unavailability_if_up > 0.0 ? u / f.unavailability_if_up
                               : u > 0.0 ? std::numeric_limits<double>::infinity()
                                         : 1.0;
    imp.fussell_vesely = f.fussell_vesely;
    for (const api::AttributionRow& row : an.result.attribution) {
      if (row.level != "failover" && row.element == imp.element) {
        imp.downtime_minutes_per_year = row.minutes_per_year;
        imp.downtime_share = row.share;
      }
    }
    an.importance.push_back(imp);
  }
  std::stable_sort(
      an.importance.begin(), an.importance.end(),
      [](const Importance& x, const Importance& y) { return x.birnbaum > y.birnbaum; });

  const bool redundant = claims_redundancy(a);
  an.cut_set_count = static_cast<std::size_t>(
      std::min(sol.cut_set_count, static_cast<double>(std::numeric_limits<std::size_t>::max())));
  for (std::size_t i = 0; i < sol.cut_sets.size(); ++i) {
    CutSet cs;
    for (int e : sol.cut_sets[i]) cs.elements.push_back(plan.element_name[e]);
    cs.description = describe(plan, sol.cut_sets[i]);
    cs.probability = sol.cut_set_probability[i];
    cs.single_point_of_failure = redundant && sol.cut_sets[i].size() == 1;
    an.cut_sets.push_back(cs);
  }
  return an;
}

}  // namespace outagesim::exact

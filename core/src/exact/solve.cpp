// Exact solving: which solver applies (check), then BDD for static models or CTMC for failover.
#include "outagesim/exact/solve.h"

#include <cstdio>
#include <string>

#include "ctmc.h"
#include "exact_result.h"
#include "outagesim/error.h"
#include "outagesim/model/duration.h"
#include "static_solution.h"
#include "work_budget.h"

namespace outagesim::exact {

namespace {

using model::RedundancyMode;
using model::Scope;

std::string describe_failover(const model::Failover& f) {
  char p[32];
  std::snprintf(p, sizeof p, "%g", f.success_probability);
  return "detection " + f.detection.describe() + ", switchover " + f.switchover.describe() +
         ", success probability " + p + (f.targets.empty() ? "" : ", with per-target timings");
}

// Why the model is not a static structure, or "" when it is.
std::string why_not_static(const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  for (const model::CommonCause& g : a.common_causes) {
    if (g.kind == model::CommonCauseKind::beta && g.repair == model::BetaRepair::individual &&
        g.beta > 0.0) {
      return "common-cause group " + g.name +
             " is a beta factor repaired individually (a common failure fails every member "
             "that is up, and each is repaired on its own), so its members are not independent";
    }
  }
  for (const model::Component& c : a.components) {
    if (c.repair == model::RepairMode::replace)
      return "component " + c.name +
             " is repaired by replacement, which waits while its region's control plane is "
             "down, so its repairs are not independent of other elements";
    if (c.repair == model::RepairMode::manual)
      return "component " + c.name +
             " is repaired by hand, and waits for a free responder, so repairs depend on each "
             "other";
  }
  for (const model::Service& s : a.services) {
    if (s.mode == RedundancyMode::active_passive && s.failover.needs_control_plane())
      return "service " + s.name +
             " fails over through a control plane, which may be down when the failover needs "
             "it, so the system state is not a function of element states alone";
  }
  for (const model::Service& s : a.services) {
    if (s.mode == RedundancyMode::active_passive && !s.failover.is_instant()) {
      return "service " + s.name + " uses timed failover (" + describe_failover(s.failover) +
             "), so the system state is not a function of element states alone";
    }
  }
  for (const model::Service& s : a.services) {
    for (const model::Dependency& d : s.depends_on) {
      const model::Service& target = a.services[d.service];
      if (target.mode == RedundancyMode::active_passive && target.replicas.size() > 1 &&
          d.scope != Scope::any) {
        return "service " + s.name + " depends on active_passive service " + target.name +
               " with scope " + model::to_string(d.scope) +
               "; which replica serves depends on history (no failback), so the structure is not "
               "a boolean function of element states";
      }
    }
  }
  return "";
}

// Why the bad changes of the model have no exact answer, or "" when they have one: a staged
// rollout reaches more replicas the later its bad change is detected.
std::string why_changes_not_exact(const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  for (int k = 0; k < plan.change_count; ++k) {
    const int s = plan.change_service[k];
    const int waves = plan.change_wave_begin[k + 1] - plan.change_wave_begin[k];
    if (plan.element_process[plan.change_element(k)].never_fails || waves < 2) continue;
    return "service " + a.services[s].name + " rolls its changes out in " + std::to_string(waves) +
           " waves (" + model::describe_rollout(a, s) +
           "): which replicas a bad change reaches depends on when it is detected, so they do "
           "not fail as independent elements, and no exact solver covers a staged rollout "
           "(Monte Carlo simulates it)";
  }
  return "";
}

// Why degraded modes have no exact answer here, or "" when the model declares none.
std::string why_degraded_not_exact(const graph::Plan& plan) {
  if (!plan.architecture.has_degraded_modes()) return "";
  return "the model declares degraded modes (fallbacks or feature flags): the time in full, "
         "the value delivered and a flag's decision after its dependency goes down come from "
         "the simulated events, which no exact solver here gives (Monte Carlo simulates them)";
}

bool any_non_exponential(const graph::Plan& plan) {
  Options strict;
  return !ctmc_timing_problem(plan, strict).empty();
}

std::string format_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

}  // namespace

Applicability check(const graph::Plan& plan, const Options& options) {
  const WorkScope scope(options);
  if (const std::string staged = why_changes_not_exact(plan); !staged.empty()) {
    return {false, "", staged};
  }
  if (const std::string degraded = why_degraded_not_exact(plan); !degraded.empty()) {
    return {false, "", degraded};
  }
  const std::string not_static = why_not_static(plan);
  if (not_static.empty()) {
    return {
        true, "bdd",
        "static structure (no timed failover): exact availability from the BDD of the structure "
        "function, valid for any up-time and repair-time distributions"};
  }
  const std::string timing = ctmc_timing_problem(plan, options);
  if (!timing.empty()) {
    return {false, "",
            not_static + "; an exact Markov chain needs exponential timings, but " + timing +
                ". Use the Monte Carlo method, or assume exponential timings (every timing "
                "treated as exponential with the same mean)"};
  }
  // The state budget is checked before exploring, on a lower bound found in a fraction of a
  // second, and again while the chain is explored (solve_ctmc stops past it): a chain far too big
  // is refused at once, one just too big after exploring the budget's worth of states.
  const std::size_t upper = ctmc_state_bound(plan);
  if (upper > options.state_limit) {
    std::size_t lower = 0;
    try {
      lower = ctmc_state_lower_bound(plan, options.state_limit);
    } catch (const ExactNotApplicable& error) {
      return {false, "", not_static + "; " + error.what()};  // the time budget ran out
    }
    if (lower > options.state_limit) {
      return {false, "",
              not_static + "; its Markov chain has at least " + std::to_string(lower) +
                  " states (a lower bound counted without exploring the chain), more than the "
                  "state limit of " +
                  std::to_string(options.state_limit) + " states. Use the Monte Carlo method"};
    }
  }
  int tracked = 0, failing = 0;
  const std::vector<bool> in_chain = tracked_elements(plan);
  for (int e = 0; e < plan.element_count(); ++e) {
    if (plan.element_process[e].never_fails) continue;
    ++failing;
    tracked += in_chain[e] ? 1 : 0;
  }
  std::string reason =
      not_static + ": exact continuous-time Markov chain over the " + std::to_string(tracked) +
      " of " + std::to_string(failing) +
      " elements a failover or a common failure can observe (the others enter exactly through "
      "the static structure conditioned on the chain's state, whatever their distributions)";
  if (upper > options.state_limit) {
    reason += "; its size is known once explored: past the state limit of " +
              std::to_string(options.state_limit) + " states the solve stops and says so";
  }
  if (options.assume_exponential && any_non_exponential(plan)) {
    reason +=
        " (non-exponential timings replaced by exponentials of the same mean, as asked by the "
        "assume-exponential option)";
  }
  return {true, "ctmc", reason};
}

api::Result solve(const graph::Plan& plan, const Options& options) {
  const WorkScope scope(options);
  const Applicability app = check(plan, options);
  if (!app.possible) throw ExactNotApplicable("no exact answer: " + app.reason);
  const model::Architecture& a = plan.architecture;

  if (app.solver == "bdd") {
    return static_result(plan, "bdd", app.reason, solve_static(plan, false, 0));
  }

  const CtmcSolution chain = solve_ctmc(plan, options);
  api::Result result = exact_result_shell(
      plan, "ctmc",
      app.reason + " (" + std::to_string(chain.states) + " states" +
          (chain.lumped_replicas > 0 ? " with " + std::to_string(chain.lumped_replicas) +
                                           " interchangeable replicas counted, not told apart"
                                     : std::string()) +
          ", " + std::to_string(chain.transitions) + " transitions, " + chain.linear_solver +
          ", residual ||pi Q||_1 = " + format_number(chain.residual) + ")");
  const std::size_t m = a.capabilities.size();
  for (std::size_t c = 0; c < m; ++c) {
    result.capabilities.push_back(exact_measure(a.capabilities[c].name, a.capabilities[c].weight,
                                                chain.availability[c], chain.unavailability[c],
                                                chain.frequency_per_hour[c]));
  }
  result.system = exact_measure("system", 1.0, chain.availability[m], chain.unavailability[m],
                                chain.frequency_per_hour[m]);
  fill_weighted_availability(result);
  // Downtime inside failovers is charged to the failover; the rest to the elements, shared by
  // their criticality in the instant-failover structure.
  double failover_total = 0.0;
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (chain.failover_downtime[s] <= 0.0) continue;
    api::AttributionRow row;
    row.element = a.services[s].name;
    row.level = "failover";
    row.minutes_per_year = chain.failover_downtime[s] * model::MINUTES_PER_YEAR;
    row.minutes_per_year_lo = row.minutes_per_year_hi = row.minutes_per_year;
    result.attribution.push_back(row);
    failover_total += chain.failover_downtime[s];
  }
  for (int e = 0; e < plan.element_count(); ++e) {
    const double wait = chain.wait_downtime[static_cast<std::size_t>(e)];
    if (wait <= 0.0) continue;
    api::AttributionRow row;
    row.element = plan.element_name[e];
    row.level = graph::to_string(plan.element_kind[e]);
    row.minutes_per_year = wait * model::MINUTES_PER_YEAR;
    row.minutes_per_year_lo = row.minutes_per_year_hi = row.minutes_per_year;
    result.attribution.push_back(row);
    failover_total += wait;
  }
  const StaticSolution sol = solve_static(plan, false, 0);
  add_element_attribution(result, plan, sol,
                          std::max(0.0, chain.unavailability[m] - failover_total));
  sort_attribution(result);
  add_change_rows(result, plan);
  result.warnings.push_back(
      "attribution: downtime outside failovers is shared among elements by their criticality in "
      "the instant-failover structure (an allocation, not a measurement)");
  return result;
}

}  // namespace outagesim::exact

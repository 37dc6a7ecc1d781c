// Assembling api::Result from exact figures (shared by solve and analyze).
#pragma once

#include <string>

#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "static_solution.h"

namespace outagesim::exact {

// One measure from its exact availability, unavailability and frequency. Downtime and nines
// come from the unavailability itself (not 1 - A), which keeps their relative accuracy.
api::MeasureResult exact_measure(const std::string& name, double weight, double availability,
                                 double unavailability, double frequency_per_hour);

// The provenance fields of an exact result (method, solver, reason, version, model name).
api::Result exact_result_shell(const graph::Plan& plan, const std::string& solver,
                               const std::string& reason);

// Weighted availability over the capabilities, filled from result.capabilities.
void fill_weighted_availability(api::Result& result);

// Attribution of the system's downtime to elements, by criticality importance normalised over
// elements: share_i = C_i / sum_j C_j with C_i = Birnbaum_i (1 - a_i) / U, i.e. the fraction of
// downtime during which element i is down and its repair alone would restore the system.
// `element_downtime_fraction` (long-run fraction of time) is what is shared out; incidents per
// year charged to i are Birnbaum_i / (MTTF_i + MTTR_i) x 8760, the rate of system incidents
// that i's failures start.
void add_element_attribution(api::Result& result, const graph::Plan& plan,
                             const StaticSolution& sol, double element_downtime_fraction);

void sort_attribution(api::Result& result);

// The change rows (api::ChangeRow) of the services whose changes are rolled out all at once:
// their bad changes are one alternating renewal process, so the rows are exact. A staged
// rollout has none.
void add_change_rows(api::Result& result, const graph::Plan& plan);

// The whole result of a static structure's solution: capabilities, system, attribution.
api::Result static_result(const graph::Plan& plan, const std::string& solver,
                          const std::string& reason, const StaticSolution& sol);

}  // namespace outagesim::exact

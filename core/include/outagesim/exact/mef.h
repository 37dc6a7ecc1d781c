// Export of a static model as an Open-PSA MEF fault tree, for tools such as SCRAM.
#pragma once

#include <string>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

// The system-down fault tree: one basic event per element (its unavailability 1 - a_i as a
// constant probability), OR/AND gates for series/parallel, `atleast` gates for k-of-n.
// Throws ExactNotApplicable for a model with timed failover (not a static fault tree).
std::string to_open_psa_mef(const graph::Plan& plan);

}  // namespace outagesim::exact

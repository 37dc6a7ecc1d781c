// Numbers from a structure BDD: probability, Birnbaum importance, incident frequency.
#pragma once

#include <bdd.h>

#include <vector>

#include "structure.h"

namespace outagesim::exact {

// Per variable: probability that the variable is true (the element's availability a_i) and
// its long-run failure frequency 1/(MTTF_i + MTTR_i) per hour.
struct VariableData {
  std::vector<double> availability;    // a_i = MTTF/(MTTF+MTTR)
  std::vector<double> unavailability;  // MTTR/(MTTF+MTTR), not 1 - a_i, to keep its accuracy
  std::vector<double> frequency;
};

VariableData variable_data(const graph::Plan& plan, const VariableOrder& order);

// P(f) with independent variables, P(var v) = data.availability[v]; one memoised pass over f's
// nodes. Only sums of non-negative terms, so a small probability (an unavailability) keeps its
// relative accuracy.
double probability(const bdd& f, const VariableData& data);

// Birnbaum importance of variable v for a monotone f: P(f|v=1) - P(f|v=0), computed as
// P(f|v=1 and not f|v=0) so that no cancellation occurs.
double birnbaum(const bdd& f, int v, const VariableData& data);

// sum_i Birnbaum_i(f) / (MTTF_i + MTTR_i) in one pass over f's nodes: Birnbaum_i is the sum,
// over the nodes labelled i, of P(reaching the node) x (P(high) - P(low)).
double critical_frequency(const bdd& f, const VariableData& data);

// Availability, unavailability and incident frequency (per hour) of a structure function:
// frequency = sum_i Birnbaum_i / (MTTF_i + MTTR_i).
struct StaticMeasure {
  double availability = 1.0;
  double unavailability = 0.0;
  double frequency_per_hour = 0.0;
  std::vector<double> birnbaum;  // per variable
};

StaticMeasure static_measure(const bdd& up, const VariableData& data);

}  // namespace outagesim::exact

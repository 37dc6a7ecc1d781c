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

// P(f) with independent variables, P(var v) = data.availability[v]; one pass over f's flat
// nodes. Only sums of non-negative terms, so a small probability (an unavailability) keeps its
// relative accuracy.
double probability(const bdd& f, const VariableData& data);

// sum_i Birnbaum_i(f) / (MTTF_i + MTTR_i) for a monotone f, by static_measure's two walks.
double critical_frequency(const bdd& f, const VariableData& data);

// A BDD copied into flat arrays for repeated walks (no BuDDy calls, no hashing): node 0 is
// false, 1 is true, nodes from 2 on are listed parents before children.
struct FlatBdd {
  std::vector<int> var, high, low;  // per node (unused for the terminals)
  int root = 0;                     // 0, 1, or 2 (the first inner node)
  int size() const { return static_cast<int>(var.size()); }
};

FlatBdd flatten(const bdd& f);

// Availability, unavailability and incident frequency (per hour) of a structure function:
// frequency = sum_i Birnbaum_i / (MTTF_i + MTTR_i). With every variable's importance, from one
// bottom-up and one top-down walk of the flat diagram (linear in its size, whatever the number
// of variables).
struct StaticMeasure {
  double availability = 1.0;
  double unavailability = 0.0;
  double frequency_per_hour = 0.0;
  std::vector<double> birnbaum;                // per variable
  std::vector<double> unavailability_if_down;  // per variable: U with the variable false
  std::vector<double> unavailability_if_up;    // per variable: U with the variable true
};

StaticMeasure static_measure(const bdd& up, const VariableData& data);

}  // namespace outagesim::exact

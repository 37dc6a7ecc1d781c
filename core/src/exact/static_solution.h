// Everything the BDD of a static structure gives: measures, importance, cut sets.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "outagesim/graph/plan.h"

namespace outagesim::exact {

struct StaticFigures {
  double availability = 1.0;
  double unavailability = 0.0;
  double frequency_per_hour = 0.0;
};

// Importance of one element for the system (only elements that can fail).
struct ElementFigures {
  int element = -1;
  double availability = 1.0;
  double unavailability = 0.0;
  double failure_frequency = 0.0;  // 1/(MTTF+MTTR) per hour
  double birnbaum = 0.0;
  double unavailability_if_down = 0.0;  // U(a_i = 0)
  double unavailability_if_up = 0.0;    // U(a_i = 1)
  double fussell_vesely = 0.0;
};

struct StaticSolution {
  std::vector<StaticFigures> capabilities;
  StaticFigures system;
  int variable_count = 0;
  int system_bdd_nodes = 0;
  std::vector<ElementFigures> elements;    // every element that can fail, plan order
  std::vector<std::vector<int>> cut_sets;  // top N, element ids (with_cut_sets only)
  std::vector<double> cut_set_probability;
  double cut_set_count = 0.0;
};

// Builds the instant-failover structure BDDs (one BuDDy session, under its lock) and reads off
// the measures; with `with_importance` RAW/RRW and with `top_n > 0` cut sets and Fussell-Vesely.
StaticSolution solve_static(const graph::Plan& plan, bool with_importance, std::size_t top_n);

}  // namespace outagesim::exact

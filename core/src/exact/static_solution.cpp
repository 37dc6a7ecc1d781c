// Solves a static structure with BuDDy: measures per capability and system, importance, cut sets.
#include "static_solution.h"

#include <algorithm>

#include "bdd_measures.h"
#include "buddy_session.h"
#include "cut_sets.h"
#include "structure.h"

namespace outagesim::exact {

namespace {

StaticFigures figures_of(const StaticMeasure& m) {
  return {m.availability, m.unavailability, m.frequency_per_hour};
}

}  // namespace

StaticSolution solve_static(const graph::Plan& plan, bool with_importance, std::size_t top_n) {
  const VariableOrder order = make_variable_order(plan);
  StaticSolution sol;
  sol.variable_count = order.variable_count();
  const BuddySession session(order.variable_count());
  {
    const Structure st = build_structure(plan, order);
    const VariableData data = variable_data(plan, order);
    for (const bdd& up : st.capability_up)
      sol.capabilities.push_back(figures_of(static_measure(up, data)));
    const StaticMeasure system = static_measure(st.system_up, data);
    sol.system = figures_of(system);
    sol.system_bdd_nodes = bdd_nodecount(st.system_up);

    for (int v = 0; v < order.variable_count(); ++v) {
      ElementFigures f;
      f.element = order.var_element[v];
      f.availability = data.availability[v];
      f.unavailability = data.unavailability[v];
      f.failure_frequency = data.frequency[v];
      f.birnbaum = system.birnbaum[v];
      if (with_importance) {
        f.unavailability_if_down = system.unavailability_if_down[v];
        f.unavailability_if_up = system.unavailability_if_up[v];
      }
      sol.elements.push_back(f);
    }
    if (top_n > 0) {
      const CutSetFamily family(st.system_up);
      sol.cut_set_count = family.count();
      for (const std::vector<int>& vars : family.smallest(top_n, data.unavailability)) {
        std::vector<int> elements;
        double p = 1.0;
        for (int v : vars) {
          elements.push_back(order.var_element[v]);
          p *= data.unavailability[v];
        }
        sol.cut_sets.push_back(elements);
        sol.cut_set_probability.push_back(p);
      }
      bdd_checkpoint();
      if (sol.system.unavailability > 0.0) {
        const std::vector<double> with = family.probability_of_cut_sets_with_each(data);
        for (int v = 0; v < order.variable_count(); ++v) {
          sol.elements[v].fussell_vesely = with[v] / sol.system.unavailability;
        }
      }
    }
  }
  // Elements sorted back into plan order (variables follow the BDD order).
  std::sort(sol.elements.begin(), sol.elements.end(),
            [](const ElementFigures& x, const ElementFigures& y) { return x.element < y.element; });
  return sol;
}

}  // namespace outagesim::exact

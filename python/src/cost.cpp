// Bindings of the cost model: the infrastructure price and the business impact of a downtime.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.h"
#include "outagesim/cost/business.h"
#include "outagesim/cost/price.h"
#include "outagesim/graph/plan.h"

namespace py = pybind11;

namespace outagesim::python {

void bind_cost(py::module_& m) {
  // Figures cross as JSON text, like the results: cost::to_json is the one definition of the keys.
  m.def(
      "price",
      [](const graph::Plan& plan) { return cost::to_json(cost::price(plan.architecture)).dump(); },
      py::arg("plan"),
      "Infrastructure cost of the plan's model as JSON text: components (serving and standby), "
      "replication traffic, fixed cost, each with the origin of its price.");

  m.def(
      "business_impact",
      [](const graph::Plan& plan, double downtime, double downtime_lo, double downtime_hi,
         const std::vector<double>& window_availability) {
        py::gil_scoped_release release;
        const api::Estimate minutes{downtime, downtime_lo, downtime_hi};
        return cost::to_json(cost::business_impact(plan.architecture, minutes, window_availability))
            .dump();
      },
      py::arg("plan"), py::arg("downtime_minutes_per_year"), py::arg("downtime_lo"),
      py::arg("downtime_hi"), py::arg("window_availability"),
      "Business impact as JSON text from the system downtime per year (minutes, 95% interval) and "
      "the simulated availability of each SLA window.");
}

}  // namespace outagesim::python

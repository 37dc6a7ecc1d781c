// Bindings of the cost model (infrastructure price, business impact) and of the Monte Carlo run
// that also records the availability of every SLA window, which the business impact needs.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "outagesim/api/result.h"
#include "outagesim/cost/business.h"
#include "outagesim/cost/price.h"
#include "outagesim/error.h"
#include "outagesim/graph/plan.h"
#include "outagesim/sim/simulate.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

// The window and per-element-stream options are recent additions to sim::Options; these
// overloads set them when the engine has them, so the bindings build against either engine.
template <typename O>
auto set_window_hours(O& o, double hours, int) -> decltype(o.window_hours = hours, void()) {
  o.window_hours = hours;
}
template <typename O>
void set_window_hours(O&, double, long) {}
template <typename O>
auto set_per_element_streams(O& o, bool on, int) -> decltype(o.per_element_streams = on, void()) {
  o.per_element_streams = on;
}
template <typename O>
void set_per_element_streams(O&, bool, long) {}

}  // namespace

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

  m.def(
      "simulate_windows",
      [](const graph::Plan& plan, std::uint64_t seed, std::int64_t replications,
         double horizon_hours, int threads, double rel_error, double max_seconds,
         double window_hours, bool per_element_streams) {
        sim::Options options;
        options.seed = seed;
        options.replications = replications;
        options.horizon_hours = horizon_hours;
        options.threads = threads;
        options.rel_error = rel_error;
        options.max_seconds = max_seconds;
        set_window_hours(options, window_hours, 0);
        set_per_element_streams(options, per_element_streams, 0);

        // Ctrl-C in the main thread: between batches the hook takes the GIL and lets Python look
        // at pending signals (a no-op in worker threads, where sweeps run).
        std::atomic<bool> cancel{false};
        std::optional<py::error_already_set> pending;
        options.cancel = &cancel;
        options.progress = [&](std::int64_t, double) {
          py::gil_scoped_acquire acquire;
          if (PyErr_CheckSignals() != 0) {
            pending.emplace();
            cancel.store(true);
            return false;
          }
          return true;
        };
        std::string text;
        try {
          py::gil_scoped_release release;
          text = api::to_json(sim::simulate(plan, options)).dump();
        } catch (const SimulationError&) {
          if (!pending) throw;
        }
        if (pending) throw std::move(*pending);
        return text;
      },
      py::arg("plan"), py::arg("seed") = 1, py::arg("replications") = 0,
      py::arg("horizon_hours") = 8760.0, py::arg("threads") = 0, py::arg("rel_error") = 0.05,
      py::arg("max_seconds") = 60.0, py::arg("window_hours") = 0.0,
      py::arg("per_element_streams") = true,
      "Monte Carlo run (all-up start) as JSON text, with \"window_availability\": the system "
      "availability of each whole window of window_hours, replication by replication.");
}

}  // namespace outagesim::python

// Binding of the one evaluation path (api::evaluate) and its options object.
#include "outagesim/api/evaluate.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "interrupt_guard.h"
#include "outagesim/error.h"
#include "outagesim/sim/rare_event.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

sim::StartState parse_start(const std::string& text) {
  if (text == "stationary") return sim::StartState::stationary;
  if (text == "all-up" || text == "all_up") return sim::StartState::all_up;
  throw OptionError("start must be 'all-up' or 'stationary', not '" + text + "'");
}

std::string start_name(sim::StartState start) {
  return start == sim::StartState::stationary ? "stationary" : "all-up";
}

}  // namespace

void bind_evaluate(py::module_& m) {
  using api::EvaluateOptions;
  py::class_<EvaluateOptions>(m, "EvaluateOptions",
                              "Every option of one evaluation (api::EvaluateOptions); "
                              "durations in hours, max_seconds in seconds.")
      .def(py::init<>())
      .def_property(
          "method", [](const EvaluateOptions& o) { return api::to_string(o.method); },
          [](EvaluateOptions& o, const std::string& text) { o.method = api::parse_method(text); })
      .def_property(
          "seed", [](const EvaluateOptions& o) { return o.simulation.seed; },
          [](EvaluateOptions& o, std::uint64_t seed) { o.simulation.seed = seed; })
      .def_property(
          "replications", [](const EvaluateOptions& o) { return o.simulation.replications; },
          [](EvaluateOptions& o, std::int64_t n) { o.simulation.replications = n; })
      .def_property(
          "horizon_hours", [](const EvaluateOptions& o) { return o.simulation.horizon_hours; },
          [](EvaluateOptions& o, double hours) { o.simulation.horizon_hours = hours; })
      .def_property(
          "warmup_hours", [](const EvaluateOptions& o) { return o.simulation.warmup_hours; },
          [](EvaluateOptions& o, std::optional<double> hours) {
            o.simulation.warmup_hours = hours;  // None: automatic
          })
      .def_property(
          "threads", [](const EvaluateOptions& o) { return o.simulation.threads; },
          [](EvaluateOptions& o, int threads) { o.simulation.threads = threads; })
      .def_property(
          "rel_error", [](const EvaluateOptions& o) { return o.simulation.rel_error; },
          [](EvaluateOptions& o, double rel) { o.simulation.rel_error = rel; })
      .def_property(
          "max_seconds", [](const EvaluateOptions& o) { return o.simulation.max_seconds; },
          [](EvaluateOptions& o, double seconds) { o.simulation.max_seconds = seconds; })
      .def_property(
          "start", [](const EvaluateOptions& o) { return start_name(o.simulation.start); },
          [](EvaluateOptions& o, const std::string& text) {
            o.simulation.start = parse_start(text);
          })
      .def_property(
          "rare_event",
          [](const EvaluateOptions& o) { return sim::to_string(o.simulation.rare_event); },
          [](EvaluateOptions& o, const std::string& text) {
            o.simulation.rare_event = sim::parse_rare_event(text);
          })
      .def_property(
          "assume_exponential", [](const EvaluateOptions& o) { return o.exact.assume_exponential; },
          [](EvaluateOptions& o, bool on) { o.exact.assume_exponential = on; })
      .def("validate", &api::validate_options,
           "Raises ValueError naming the first option out of its range.");

  m.def(
      "evaluate",
      [](const graph::Plan& plan, EvaluateOptions options, py::object progress) {
        api::validate_options(options);  // before any thread starts
        InterruptGuard guard(std::move(progress));
        options.simulation.cancel = guard.cancel_flag();
        options.simulation.progress = guard.hook();
        std::vector<double> windows;
        std::string text = guard.run([&] {
          api::Evaluation evaluation = api::evaluate(plan, options);
          windows.swap(evaluation.result.window_availability);
          return api::to_json(evaluation).dump();
        });
        return py::make_tuple(text, guard.interrupted(), windows);
      },
      py::arg("plan"), py::arg("options"), py::arg("progress") = py::none(),
      "Evaluates the plan (api::evaluate): (result JSON text with \"business\", interrupted, "
      "the availability of every simulated SLA window). "
      "interrupted is True when Ctrl-C stopped a Monte Carlo run, whose figures so far are "
      "returned; progress(replications, rel_error) may return False to stop.");
}

}  // namespace outagesim::python

// Bindings of scenario runs (outagesim/sim/scenario.h) and of the one distribution reader the
// scenario format shares with models. The scenario format itself is read in Python.
#include "outagesim/sim/scenario.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bindings.h"
#include "interrupt_guard.h"
#include "outagesim/model/loader.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

// A fault from its dict: name, choices (lists of element ids), offset_hours, after,
// delay_hours, duration (a Distribution).
sim::Fault fault_from(const py::handle& item) {
  const py::dict d = py::reinterpret_borrow<py::dict>(item);
  sim::Fault f;
  f.name = d["name"].cast<std::string>();
  f.choices = d["choices"].cast<std::vector<std::vector<int>>>();
  f.offset_hours = d["offset_hours"].cast<double>();
  f.after = d["after"].cast<int>();
  f.delay_hours = d["delay_hours"].cast<double>();
  f.duration = d["duration"].cast<model::Distribution>();
  return f;
}

std::vector<sim::Fault> faults_from(const py::list& faults) {
  std::vector<sim::Fault> out;
  for (const py::handle& item : faults) out.push_back(fault_from(item));
  return out;
}

sim::ScenarioOptions scenario_options(std::uint64_t seed, std::int64_t runs, double window_hours,
                                      bool background, const std::vector<int>& quiet,
                                      const std::string& timings, int threads, double max_seconds) {
  sim::ScenarioOptions o;
  o.seed = seed;
  o.runs = runs;
  o.window_hours = window_hours;
  o.background = background;
  o.quiet_elements = quiet;
  if (timings != "sampled" && timings != "mean")
    throw py::value_error("timings must be 'sampled' or 'mean', not '" + timings + "'");
  o.timings = timings == "mean" ? sim::Timings::mean : sim::Timings::sampled;
  o.threads = threads;
  o.max_seconds = max_seconds;
  return o;
}

py::dict outcome_dict(const sim::ScenarioOutcome& o) {
  py::dict d;
  d["runs"] = o.runs;
  d["measures"] = o.measures;
  d["services"] = o.services;
  d["faults"] = o.faults;
  d["downtime_hours"] = o.downtime_hours;
  d["first_down_hours"] = o.first_down_hours;
  d["last_up_hours"] = o.last_up_hours;
  d["down_at_end"] = std::vector<bool>(o.down_at_end.begin(), o.down_at_end.end());
  d["failovers"] = o.failovers;
  d["failed_failovers"] = o.failed_failovers;
  d["fault_choice"] = o.fault_choice;
  d["fault_start_hours"] = o.fault_start_hours;
  d["fault_end_hours"] = o.fault_end_hours;
  d["attribution_offsets"] = o.attribution_offsets;
  d["attribution_cause"] = o.attribution_cause;
  d["attribution_hours"] = o.attribution_hours;
  d["warmup_hours"] = o.warmup_hours;
  d["stop_reason"] = o.stop_reason;
  d["wall_seconds"] = o.wall_seconds;
  return d;
}

}  // namespace

void bind_scenario(py::module_& m) {
  m.def(
      "read_distribution",
      [](const std::string& json_text, const std::string& source, const std::string& path,
         bool positive) {
        return model::read_distribution(nlohmann::json::parse(json_text), source, path, positive);
      },
      py::arg("json_text"), py::arg("source"), py::arg("path"), py::arg("positive") = true,
      "A Distribution from its JSON text in the model format; ModelError naming source and path.");

  m.def(
      "run_scenario",
      [](const graph::Plan& plan, const py::list& faults, std::uint64_t seed, std::int64_t runs,
         double window_hours, bool background, const std::vector<int>& quiet_elements,
         const std::string& timings, int threads, double max_seconds) {
        const std::vector<sim::Fault> f = faults_from(faults);
        sim::ScenarioOptions o = scenario_options(seed, runs, window_hours, background,
                                                  quiet_elements, timings, threads, max_seconds);
        InterruptGuard guard;
        o.cancel = guard.cancel_flag();
        const sim::ScenarioOutcome outcome =
            guard.run([&] { return sim::run_scenario(plan, f, o); });
        return outcome_dict(outcome);
      },
      py::arg("plan"), py::arg("faults"), py::arg("seed"), py::arg("runs"), py::arg("window_hours"),
      py::arg("background"), py::arg("quiet_elements"), py::arg("timings"), py::arg("threads"),
      py::arg("max_seconds"));

  m.def(
      "trace_scenario_run",
      [](const graph::Plan& plan, const py::list& faults, std::uint64_t seed, std::int64_t runs,
         double window_hours, bool background, const std::vector<int>& quiet_elements,
         const std::string& timings, std::int64_t run) {
        const std::vector<sim::Fault> f = faults_from(faults);
        const sim::ScenarioOptions o =
            scenario_options(seed, runs, window_hours, background, quiet_elements, timings, 1, 0.0);
        std::vector<sim::TraceEvent> events;
        {
          py::gil_scoped_release release;
          events = sim::trace_scenario_run(plan, f, o, run);
        }
        py::list out;
        for (const sim::TraceEvent& e : events) {
          out.append(py::make_tuple(e.hours, sim::to_string(e.kind), e.index,
                                    sim::to_string(e.state), e.cause_element, e.cause_fault,
                                    sim::to_string(e.reason), e.reason_index));
        }
        return out;
      },
      py::arg("plan"), py::arg("faults"), py::arg("seed"), py::arg("runs"), py::arg("window_hours"),
      py::arg("background"), py::arg("quiet_elements"), py::arg("timings"), py::arg("run"),
      "The timeline of one run: (hours, kind, index, state, cause element, cause fault, reason, "
      "reason index) tuples.");
}

}  // namespace outagesim::python

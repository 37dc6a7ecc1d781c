// Bindings of the exact solver's analysis (importance, cut sets), its applicability check and the
// MEF export. Evaluation itself goes through api::evaluate (evaluate.cpp).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <optional>
#include <string>

#include "bindings.h"
#include "interrupt_guard.h"
#include "outagesim/api/result.h"
#include "outagesim/exact/mef.h"
#include "outagesim/exact/solve.h"
#include "outagesim/sim/simulate.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

exact::Options exact_options(bool assume_exponential, std::size_t state_limit, double max_seconds,
                             const std::atomic<bool>* cancel) {
  exact::Options options;
  options.assume_exponential = assume_exponential;
  options.state_limit = state_limit;
  options.max_seconds = max_seconds;
  options.cancel = cancel;
  return options;
}

// JSON has no infinity; risk reduction worth can be infinite, so it is passed as None.
py::object finite_or_none(double value) {
  if (std::isfinite(value)) return py::float_(value);
  return py::none();
}

}  // namespace

void bind_engine(py::module_& m) {
  m.attr("MAX_THREADS") = sim::MAX_THREADS;

  m.def(
      "exact_check",
      [](const graph::Plan& plan, bool assume_exponential, std::size_t state_limit,
         double max_seconds) {
        InterruptGuard guard;
        const exact::Applicability applicability = guard.run([&] {
          return exact::check(plan, exact_options(assume_exponential, state_limit, max_seconds,
                                                  guard.cancel_flag()));
        });
        py::dict out;
        out["possible"] = applicability.possible;
        out["solver"] = applicability.solver;
        out["reason"] = applicability.reason;
        return out;
      },
      py::arg("plan"), py::arg("assume_exponential") = false,
      py::arg("state_limit") = exact::DEFAULT_STATE_LIMIT, py::arg("max_seconds") = 0.0);

  m.def(
      "exact_analyze",
      [](const graph::Plan& plan, std::size_t top_n, bool assume_exponential,
         std::size_t state_limit) {
        InterruptGuard guard;
        std::optional<exact::Analysis> analysis;
        analysis.emplace(guard.run([&] {
          return exact::analyze(
              plan, top_n,
              exact_options(assume_exponential, state_limit, 0.0, guard.cancel_flag()));
        }));
        const std::string result_text = api::to_json(analysis->result).dump();
        py::list importance;
        for (const exact::Importance& row : analysis->importance) {
          py::dict entry;
          entry["element"] = row.element;
          entry["level"] = row.level;
          entry["availability"] = row.availability;
          entry["birnbaum"] = row.birnbaum;
          entry["criticality"] = row.criticality;
          entry["risk_achievement_worth"] = finite_or_none(row.risk_achievement_worth);
          entry["risk_reduction_worth"] = finite_or_none(row.risk_reduction_worth);
          entry["fussell_vesely"] = row.fussell_vesely;
          entry["downtime_minutes_per_year"] = row.downtime_minutes_per_year;
          entry["downtime_share"] = row.downtime_share;
          importance.append(entry);
        }
        py::list cut_sets;
        for (const exact::CutSet& cut : analysis->cut_sets) {
          py::dict entry;
          entry["elements"] = cut.elements;
          entry["description"] = cut.description;
          entry["probability"] = cut.probability;
          entry["single_point_of_failure"] = cut.single_point_of_failure;
          cut_sets.append(entry);
        }
        py::dict out;
        out["result"] = result_text;
        out["importance"] = importance;
        out["cut_sets"] = cut_sets;
        out["cut_set_count"] = analysis->cut_set_count;
        return out;
      },
      py::arg("plan"), py::arg("top_n") = 20, py::arg("assume_exponential") = false,
      py::arg("state_limit") = exact::DEFAULT_STATE_LIMIT);

  m.def(
      "to_open_psa_mef",
      [](const graph::Plan& plan) {
        py::gil_scoped_release release;
        return exact::to_open_psa_mef(plan);
      },
      py::arg("plan"));
}

}  // namespace outagesim::python

// Bindings of the engines (Monte Carlo, exact solver, MEF export); each runs with the GIL released.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "bindings.h"
#include "outagesim/api/result.h"
#include "outagesim/error.h"
#include "outagesim/exact/mef.h"
#include "outagesim/exact/solve.h"
#include "outagesim/sim/simulate.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

exact::Options exact_options(bool assume_exponential, std::size_t state_limit) {
  exact::Options options;
  options.assume_exponential = assume_exponential;
  options.state_limit = state_limit;
  return options;
}

// JSON has no infinity; risk reduction worth can be infinite, so it is passed as None.
py::object finite_or_none(double value) {
  if (std::isfinite(value)) return py::float_(value);
  return py::none();
}

}  // namespace

void bind_engine(py::module_& m) {
  // Results cross as JSON text: api::to_json is the one definition of the result's keys.
  m.def(
      "simulate",
      [](const graph::Plan& plan, std::uint64_t seed, std::int64_t replications,
         std::int64_t max_replications, double horizon_hours, int threads, double rel_error,
         double max_seconds, const std::string& start, py::object progress, double warmup_hours) {
        sim::Options options;
        options.seed = seed;
        options.replications = replications;
        if (max_replications > 0) options.max_replications = max_replications;
        options.horizon_hours = horizon_hours;
        options.warmup_hours = warmup_hours;
        options.threads = threads;
        options.rel_error = rel_error;
        options.max_seconds = max_seconds;
        if (start == "all-up" || start == "all_up") {
          options.start = sim::StartState::all_up;
        } else if (start == "stationary") {
          options.start = sim::StartState::stationary;
        } else {
          throw py::value_error("start must be 'all-up' or 'stationary', not '" + start + "'");
        }

        // Ctrl-C: the engine runs without the GIL; between batches the progress hook takes the
        // GIL, lets Python handle pending signals, and stops the run if one raised.
        std::atomic<bool> cancel{false};
        std::optional<py::error_already_set> pending;
        options.cancel = &cancel;
        options.progress = [&](std::int64_t done, double achieved) {
          py::gil_scoped_acquire acquire;
          if (pending) return false;
          if (PyErr_CheckSignals() != 0) {
            pending.emplace();
            cancel.store(true);
            return false;
          }
          if (!progress.is_none()) {
            try {
              // The contract: None or a true value keeps going, a false one (False, 0, a numpy
              // False) stops; a value without a truth value is the callback's bug, named.
              py::object keep_going = progress(done, achieved);
              if (keep_going.is_none()) return true;
              const int truth = PyObject_IsTrue(keep_going.ptr());
              if (truth < 0) {
                py::error_already_set cause;
                const std::string name =
                    py::str(py::getattr(progress, "__qualname__", py::repr(progress)));
                const std::string got = py::str(py::type::of(keep_going).attr("__name__"));
                py::raise_from(cause, PyExc_TypeError,
                               ("the progress callback " + name + " returned a " + got +
                                " whose truth value cannot be decided; expected True to keep "
                                "going, False to stop, or None")
                                   .c_str());
                throw py::error_already_set();
              }
              return truth != 0;
            } catch (py::error_already_set& error) {
              pending.emplace(std::move(error));
              cancel.store(true);
              return false;
            }
          }
          return true;
        };

        std::string text;
        try {
          py::gil_scoped_release release;
          api::Result result = sim::simulate(plan, options);
          text = api::to_json(result).dump();
        } catch (const SimulationError&) {
          if (!pending) throw;
        }
        if (pending) throw std::move(*pending);
        return text;
      },
      py::arg("plan"), py::arg("seed") = 1, py::arg("replications") = 0,
      py::arg("max_replications") = 0, py::arg("horizon_hours") = 8760.0, py::arg("threads") = 0,
      py::arg("rel_error") = 0.05, py::arg("max_seconds") = 60.0, py::arg("start") = "all-up",
      py::arg("progress") = py::none(), py::arg("warmup_hours") = 0.0,
      "Monte Carlo run; returns the result as JSON text. progress(replications, rel_error) is "
      "called between batches and may return False to stop. warmup_hours > 0: each replication "
      "first runs that long unrecorded.");

  m.def(
      "exact_check",
      [](const graph::Plan& plan, bool assume_exponential, std::size_t state_limit) {
        exact::Applicability applicability;
        {
          py::gil_scoped_release release;
          applicability = exact::check(plan, exact_options(assume_exponential, state_limit));
        }
        py::dict out;
        out["possible"] = applicability.possible;
        out["solver"] = applicability.solver;
        out["reason"] = applicability.reason;
        return out;
      },
      py::arg("plan"), py::arg("assume_exponential") = false,
      py::arg("state_limit") = exact::DEFAULT_STATE_LIMIT);

  m.def(
      "exact_solve",
      [](const graph::Plan& plan, bool assume_exponential, std::size_t state_limit) {
        py::gil_scoped_release release;
        return api::to_json(exact::solve(plan, exact_options(assume_exponential, state_limit)))
            .dump();
      },
      py::arg("plan"), py::arg("assume_exponential") = false,
      py::arg("state_limit") = exact::DEFAULT_STATE_LIMIT,
      "Exact result as JSON text; raises ExactNotApplicable when no exact answer exists.");

  m.def(
      "exact_analyze",
      [](const graph::Plan& plan, std::size_t top_n, bool assume_exponential,
         std::size_t state_limit) {
        std::optional<exact::Analysis> analysis;
        std::string result_text;
        {
          py::gil_scoped_release release;
          analysis.emplace(
              exact::analyze(plan, top_n, exact_options(assume_exponential, state_limit)));
          result_text = api::to_json(analysis->result).dump();
        }
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

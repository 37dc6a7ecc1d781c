// Bindings of the engines (Monte Carlo, exact solver, MEF export); each runs with the GIL released.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "bindings.h"
#include "outagesim/api/result.h"
#include "outagesim/error.h"
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

// Runs `body` (C++ only, no Python) on a worker thread while this thread, every 100 ms, takes
// the GIL and lets Python run its signal handlers: Ctrl-C raises `cancel`, which the engines
// look at every few thousand steps, and the KeyboardInterrupt is re-raised once `body` has
// returned. (Signal handlers run only on the main thread, so polling from the engine's own
// thread would not do.) Without a thread to spare, `body` runs here and Ctrl-C waits for it.
template <class Body>
auto run_interruptible(std::atomic<bool>& cancel, Body body) -> decltype(body()) {
  using Value = decltype(body());
  std::optional<Value> value;
  std::exception_ptr error;
  std::optional<py::error_already_set> pending;
  std::mutex mutex;
  std::condition_variable finished_cv;
  bool finished = false;
  {
    py::gil_scoped_release release;
    std::thread worker;
    try {
      worker = std::thread([&] {
        try {
          value.emplace(body());
        } catch (...) {
          error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mutex);
        finished = true;
        finished_cv.notify_all();
      });
    } catch (const std::system_error&) {
      try {
        value.emplace(body());
      } catch (...) {
        error = std::current_exception();
      }
      finished = true;
    }
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        if (finished_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished; }))
          break;
      }
      py::gil_scoped_acquire acquire;
      if (!pending && PyErr_CheckSignals() != 0) {
        pending.emplace();
        cancel.store(true);
      }
    }
    if (worker.joinable()) worker.join();
  }
  if (pending) throw std::move(*pending);
  if (error) std::rethrow_exception(error);
  return std::move(*value);
}

// JSON has no infinity; risk reduction worth can be infinite, so it is passed as None.
py::object finite_or_none(double value) {
  if (std::isfinite(value)) return py::float_(value);
  return py::none();
}

}  // namespace

void bind_engine(py::module_& m) {
  m.attr("MAX_THREADS") = sim::MAX_THREADS;
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

        // Ctrl-C: run_interruptible raises `cancel` (looked at inside replications too). The
        // progress hook, between batches, calls the Python callable with the GIL; an exception
        // it raises stops the run the same way.
        std::atomic<bool> cancel{false};
        std::optional<py::error_already_set> pending;
        options.cancel = &cancel;
        options.progress = [&](std::int64_t done, double achieved) {
          if (progress.is_none()) return true;
          py::gil_scoped_acquire acquire;
          if (pending) return false;
          try {
            py::object keep_going = progress(done, achieved);
            if (!keep_going.is_none() && !keep_going.cast<bool>()) return false;
          } catch (py::error_already_set& error) {
            pending.emplace(std::move(error));
            cancel.store(true);
            return false;
          }
          return true;
        };

        std::string text;
        try {
          text = run_interruptible(
              cancel, [&] { return api::to_json(sim::simulate(plan, options)).dump(); });
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
      [](const graph::Plan& plan, bool assume_exponential, std::size_t state_limit,
         double max_seconds) {
        std::atomic<bool> cancel{false};
        const exact::Applicability applicability = run_interruptible(cancel, [&] {
          return exact::check(plan,
                              exact_options(assume_exponential, state_limit, max_seconds, &cancel));
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
      "exact_solve",
      [](const graph::Plan& plan, bool assume_exponential, std::size_t state_limit,
         double max_seconds) {
        std::atomic<bool> cancel{false};
        return run_interruptible(cancel, [&] {
          return api::to_json(exact::solve(plan, exact_options(assume_exponential, state_limit,
                                                               max_seconds, &cancel)))
              .dump();
        });
      },
      py::arg("plan"), py::arg("assume_exponential") = false,
      py::arg("state_limit") = exact::DEFAULT_STATE_LIMIT, py::arg("max_seconds") = 0.0,
      "Exact result as JSON text; raises ExactNotApplicable when no exact answer exists (also "
      "when max_seconds > 0 pass first, or the BDD node limit is reached).");

  m.def(
      "exact_analyze",
      [](const graph::Plan& plan, std::size_t top_n, bool assume_exponential,
         std::size_t state_limit) {
        std::atomic<bool> cancel{false};
        std::optional<exact::Analysis> analysis;
        analysis.emplace(run_interruptible(cancel, [&] {
          return exact::analyze(plan, top_n,
                                exact_options(assume_exponential, state_limit, 0.0, &cancel));
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

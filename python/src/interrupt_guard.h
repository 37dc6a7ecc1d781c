// The one Ctrl-C/GIL guard of the bindings: long engine calls run with the GIL released, and
// between batches a hook takes it back to let Python run its signal handlers and the user's
// progress callable.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "outagesim/error.h"

namespace outagesim::python {

class InterruptGuard {
 public:
  // `progress`: None, or a callable (replications_done, relative_error) -> None/bool; False stops.
  explicit InterruptGuard(pybind11::object progress) : progress_(std::move(progress)) {}

  const std::atomic<bool>* cancel_flag() const { return &cancel_; }

  // The engine's progress hook: called from the calling thread between batches.
  std::function<bool(std::int64_t, double)> hook() {
    return [this](std::int64_t done, double achieved) { return between_batches(done, achieved); };
  }

  // Runs `call` without the GIL. An interrupt (Ctrl-C) or an exception of the progress callable
  // that made the engine throw is raised in its place.
  template <typename Call>
  auto run(Call&& call) -> decltype(call()) {
    try {
      pybind11::gil_scoped_release release;
      return call();
    } catch (const SimulationError&) {
      if (pending_) throw std::move(*pending_);
      throw;
    }
  }

  // True when Ctrl-C arrived during the run (the engine then returned what it had computed).
  bool interrupted() const { return interrupted_; }

  // Raises what the progress callable raised, if anything (after a run that returned a result).
  void raise_callback_error() {
    if (pending_ && !interrupted_) throw std::move(*pending_);
  }

 private:
  bool between_batches(std::int64_t done, double achieved) {
    pybind11::gil_scoped_acquire acquire;
    if (pending_) return false;
    if (PyErr_CheckSignals() != 0) {
      pending_.emplace();
      interrupted_ = pending_->matches(PyExc_KeyboardInterrupt);
      cancel_.store(true);
      return false;
    }
    if (progress_.is_none()) return true;
    try {
      pybind11::object keep_going = progress_(done, achieved);
      if (keep_going.is_none()) return true;
      if (pybind11::isinstance<pybind11::bool_>(keep_going)) return keep_going.cast<bool>();
      const int truth = PyObject_IsTrue(keep_going.ptr());
      if (truth < 0) throw pybind11::error_already_set();
      return truth != 0;
    } catch (pybind11::error_already_set& error) {
      // Ctrl-C may also land while the callable's Python code runs.
      interrupted_ = error.matches(PyExc_KeyboardInterrupt);
      pending_.emplace(std::move(error));
      cancel_.store(true);
      return false;
    }
  }

  pybind11::object progress_;
  std::atomic<bool> cancel_{false};
  std::optional<pybind11::error_already_set> pending_;
  bool interrupted_ = false;
};

}  // namespace outagesim::python

// The one Ctrl-C/GIL guard of the bindings. A long engine call runs on a worker thread without
// the GIL while the calling thread, every 100 ms, takes the GIL and lets Python run its signal
// handlers (they run only on the main thread, so the engine's own thread could not): Ctrl-C
// raises the cancel flag the engines look at every few thousand steps. Between batches the
// engine's progress hook takes the GIL to call the user's progress callable.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace outagesim::python {

class InterruptGuard {
 public:
  // `progress`: None, or a callable (replications_done, relative_error) -> None or a truth
  // value; a false value stops the run. Anything whose truth cannot be taken is an error.
  explicit InterruptGuard(pybind11::object progress = pybind11::none())
      : progress_(std::move(progress)) {}

  const std::atomic<bool>* cancel_flag() const { return &cancel_; }

  // The engine's progress hook (called on the engine's thread between batches).
  std::function<bool(std::int64_t, double)> hook() {
    return [this](std::int64_t done, double achieved) { return between_batches(done, achieved); };
  }

  // Runs `body` (C++ only) as described above and returns its value; Ctrl-C or an error of the
  // progress callable that made `body` throw is raised in its place. When `body` returns after
  // Ctrl-C (a simulation returns the replications done), interrupted() says so.
  template <typename Body>
  auto run(Body body) -> decltype(body()) {
    using Value = decltype(body());
    std::optional<Value> value;
    std::exception_ptr error;
    std::mutex mutex;
    std::condition_variable finished_cv;
    bool finished = false;
    auto work = [&] {
      try {
        value.emplace(body());
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      finished = true;
      finished_cv.notify_all();
    };
    {
      pybind11::gil_scoped_release release;
      std::thread worker;
      try {
        worker = std::thread(work);
      } catch (const std::system_error&) {
        work();  // no thread to spare: run here; Ctrl-C then waits for the end
      }
      for (;;) {
        {
          std::unique_lock<std::mutex> lock(mutex);
          if (finished_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished; }))
            break;
        }
        pybind11::gil_scoped_acquire acquire;
        if (!pending_ && PyErr_CheckSignals() != 0) {
          pending_.emplace();
          interrupted_ = pending_->matches(PyExc_KeyboardInterrupt);
          cancel_.store(true);
        }
      }
      if (worker.joinable()) worker.join();
    }
    if (error) {
      if (pending_) throw std::move(*pending_);
      std::rethrow_exception(error);
    }
    if (pending_ && !interrupted_) throw std::move(*pending_);  // the callable's own error
    return std::move(*value);
  }

  // True when Ctrl-C arrived during the run and the run still returned (what it had so far).
  bool interrupted() const { return interrupted_; }

 private:
  bool between_batches(std::int64_t done, double achieved) {
    if (progress_.is_none()) return !cancel_.load();
    pybind11::gil_scoped_acquire acquire;
    if (pending_) return false;
    try {
      pybind11::object keep_going = progress_(done, achieved);
      if (keep_going.is_none()) return true;
      const int truth = PyObject_IsTrue(keep_going.ptr());
      if (truth < 0) {
        // A value without a truth value is the callable's bug: name it, keep the cause.
        pybind11::error_already_set cause;
        const std::string name =
            pybind11::str(pybind11::getattr(progress_, "__qualname__", pybind11::repr(progress_)));
        const std::string got = pybind11::str(pybind11::type::of(keep_going).attr("__name__"));
        pybind11::raise_from(cause, PyExc_TypeError,
                             ("the progress callback " + name + " returned a " + got +
                              " whose truth value cannot be decided; expected True to keep "
                              "going, False to stop, or None")
                                 .c_str());
        throw pybind11::error_already_set();
      }
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
  std::optional<pybind11::error_already_set> pending_;  // touched only with the GIL held
  bool interrupted_ = false;
};

}  // namespace outagesim::python

// Entry point of outagesim._core, the private compiled module the outagesim package wraps.
#include <pybind11/pybind11.h>

#include "bindings.h"

#ifndef OUTAGESIM_VERSION
#define OUTAGESIM_VERSION "unknown"
#endif

PYBIND11_MODULE(_core, m) {
  m.doc() = "outagesim core bindings (private: use the outagesim package)";
  m.attr("__version__") = OUTAGESIM_VERSION;
  outagesim::python::bind_errors(m);
  outagesim::python::bind_model(m);
  outagesim::python::bind_engine(m);
  outagesim::python::bind_cost(m);
  outagesim::python::bind_evaluate(m);
  outagesim::python::bind_scenario(m);
}

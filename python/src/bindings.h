// Declarations shared by the binding files of outagesim._core (one function per binding file).
#pragma once

#include <pybind11/pybind11.h>

namespace outagesim::python {

void bind_errors(pybind11::module_& m);
void bind_model(pybind11::module_& m);
void bind_engine(pybind11::module_& m);
void bind_cost(pybind11::module_& m);
void bind_evaluate(pybind11::module_& m);
void bind_scenario(pybind11::module_& m);

}  // namespace outagesim::python

// Translation of the core's exception tree to the Python exceptions of outagesim.errors.
#include <pybind11/pybind11.h>

#include <exception>

#include "bindings.h"
#include "outagesim/error.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

// The exception classes live in pure Python (outagesim.errors) so they can carry a readable
// problem list; imported at raise time, when the package is necessarily importable.
py::object python_error_class(const char* name, PyObject* fallback) {
  try {
    return py::module_::import("outagesim.errors").attr(name);
  } catch (py::error_already_set&) {
    PyErr_Clear();
    return py::reinterpret_borrow<py::object>(fallback);
  }
}

void raise(const py::object& type, const py::object& instance) {
  PyErr_SetObject(type.ptr(), instance.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr pointer) {
    if (!pointer) return;
    try {
      std::rethrow_exception(pointer);
    } catch (const ModelError& error) {
      py::list problems;
      for (const Problem& problem : error.problems()) {
        py::dict entry;
        entry["file"] = problem.file;
        entry["path"] = problem.path;
        entry["message"] = problem.message;
        problems.append(entry);
      }
      py::object type = python_error_class("ModelError", PyExc_ValueError);
      py::object instance;
      try {
        instance = type.attr("_from_core")(error.what(), problems);
      } catch (py::error_already_set&) {
        PyErr_Clear();
        instance = type(error.what());
      }
      raise(type, instance);
    } catch (const SimulationError& error) {
      py::object type = python_error_class("SimulationError", PyExc_RuntimeError);
      raise(type, type(error.what()));
    } catch (const OptionError& error) {
      PyErr_SetString(PyExc_ValueError, error.what());
    } catch (const ExactNotApplicable& error) {
      py::object type = python_error_class("ExactNotApplicable", PyExc_RuntimeError);
      raise(type, type(error.what()));
    } catch (const Error& error) {
      py::object type = python_error_class("OutagesimError", PyExc_RuntimeError);
      raise(type, type(error.what()));
    }
  });
  // For tests of the translation without a model.
  m.def("_raise_model_error",
        [](const std::string& file, const std::string& path, const std::string& message) {
          throw ModelError({Problem{file, path, message}});
        });
}

}  // namespace outagesim::python

// Translation of the core's exception tree to the Python exceptions of outagesim.errors.
#include <pybind11/pybind11.h>

#include <exception>
#include <string>

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

// Messages can quote the bytes of a file that is not UTF-8 (nlohmann's "last read: ..."); a
// strict conversion would replace the model error by a UnicodeDecodeError without the file.
py::str text(const std::string& bytes) {
  PyObject* decoded =
      PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "replace");
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
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
        entry["file"] = text(problem.file);
        entry["path"] = text(problem.path);
        entry["message"] = text(problem.message);
        problems.append(entry);
      }
      py::object type = python_error_class("ModelError", PyExc_ValueError);
      py::object instance;
      try {
        instance = type.attr("_from_core")(text(error.what()), problems);
      } catch (py::error_already_set&) {
        PyErr_Clear();
        instance = type(text(error.what()));
      }
      raise(type, instance);
    } catch (const SimulationError& error) {
      py::object type = python_error_class("SimulationError", PyExc_RuntimeError);
      raise(type, type(text(error.what())));
    } catch (const OptionError& error) {
      PyErr_SetObject(PyExc_ValueError, text(error.what()).ptr());
    } catch (const ExactNotApplicable& error) {
      py::object type = python_error_class("ExactNotApplicable", PyExc_RuntimeError);
      raise(type, type(text(error.what())));
    } catch (const Error& error) {
      py::object type = python_error_class("OutagesimError", PyExc_RuntimeError);
      raise(type, type(text(error.what())));
    }
  });
  // For tests of the translation without a model.
  m.def("_raise_model_error",
        [](const std::string& file, const std::string& path, const std::string& message) {
          throw ModelError({Problem{file, path, message}});
        });
}

}  // namespace outagesim::python

// Reading model files: parse, validate (all problems at once), resolve units, merge the catalog.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "outagesim/model/architecture.h"

namespace outagesim::model {

// Files beyond this size are rejected: a regular file before it is read, anything else (a pipe,
// a device) once this many bytes have been read, so no input can exhaust memory.
inline constexpr std::size_t MAX_MODEL_BYTES = 16u * 1024u * 1024u;

// Objects and arrays nested deeper than this are rejected while parsing. A model needs about
// ten levels; the limit keeps every recursive walk of the document shallow.
inline constexpr std::size_t MAX_NESTING_DEPTH = 64;

// Every duration of a model, stated ("mtbf": "6mo") or derived (a Weibull scale from its mean,
// an mtbf from an availability), is zero where zero is allowed or lies in this range: beyond
// it, rates and probabilities computed from it lose all precision or overflow.
inline constexpr double MIN_DURATION_HOURS = 0.001 / 3600.0;        // 1 ms
inline constexpr double MAX_DURATION_HOURS = 1.0e6 * 365.0 * 24.0;  // 1,000,000 years
// Shapes and spreads whose moments a double can hold, with tails a simulation can sample.
inline constexpr double MIN_WEIBULL_SHAPE = 0.1;
inline constexpr double MAX_WEIBULL_SHAPE = 100.0;
inline constexpr double MAX_LOGNORMAL_SIGMA = 5.0;

struct LoadOptions {
  // Folder holding "<provider>.json" catalog files (models/catalog). Empty: a model that names
  // a catalog is an error that says the catalog directory is unknown.
  std::string catalog_dir;
};

// Loads and validates a JSON model file. Throws ModelError listing every problem found.
Architecture load_file(const std::string& path, const LoadOptions& options = {});

// Loads an already-parsed document; `source` names it in error messages.
Architecture load_json(const nlohmann::json& document, const std::string& source,
                       const LoadOptions& options = {});

// Parses `text` as JSON (reporting syntax errors as ModelError with line/column) and loads it.
Architecture load_text(const std::string& text, const std::string& source,
                       const LoadOptions& options = {});

// One duration distribution in the model format (a duration string for a fixed value, or a
// distribution object), for files other than models that use it (scenario faults). `path` is
// the JSON pointer of `value` in `source`; a bad value throws ModelError saying what was
// expected there. `positive`: a mean of zero is an error.
Distribution read_distribution(const nlohmann::json& value, const std::string& source,
                               const std::string& path, bool positive);

}  // namespace outagesim::model

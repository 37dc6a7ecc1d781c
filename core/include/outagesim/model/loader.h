// Reading model files: parse, validate (all problems at once), resolve units, merge the catalog.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "outagesim/model/architecture.h"

namespace outagesim::model {

// Files beyond this size are rejected before they are read, so a huge file cannot exhaust memory.
inline constexpr std::size_t MAX_MODEL_BYTES = 16u * 1024u * 1024u;

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

}  // namespace outagesim::model

// Reading JSON files safely: size limit before reading, empty files, syntax errors with line and
// column, and duplicate object keys (which nlohmann would silently merge).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/error.h"

namespace outagesim::model {

// Parses `text`; problems (file = `source`) go to `sink`. nullopt when the text is not usable.
std::optional<nlohmann::json> parse_json_text(const std::string& text, const std::string& source,
                                              std::vector<Problem>& sink);

// Reads and parses a file of at most MAX_MODEL_BYTES. nullopt (with a problem) when unusable.
std::optional<nlohmann::json> read_json_file(const std::string& path, std::vector<Problem>& sink);

}  // namespace outagesim::model

// Near-miss suggestions for unknown names ("did you mean 'mtbf'?").
#pragma once

#include <string>
#include <vector>

namespace outagesim::model {

// Optimal-string-alignment (Damerau) distance, case-insensitive.
int edit_distance(const std::string& a, const std::string& b);

// The closest candidate within distance 2 (ties: first in order), or "" when none is close.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// " did you mean 'x'?" or "" when nothing is close; ready to append to a sentence.
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates);

// "a, b, c" for messages.
std::string join_names(const std::vector<std::string>& names);

}  // namespace outagesim::model

// Formatting of model problems and the message of a ModelError.
#include "outagesim/error.h"

#include <utility>

namespace outagesim {

namespace {

// what() lists every problem, one per line, so a plain `catch (std::exception&)` shows them all.
std::string summarize(const std::vector<Problem>& problems) {
  if (problems.empty()) return "invalid model";
  std::string text;
  if (problems.size() > 1) {
    text = std::to_string(problems.size()) + " problems in " + problems.front().file + ":\n";
  }
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) text += '\n';
    text += problems[i].to_string();
  }
  return text;
}

}  // namespace

std::string Problem::to_string() const {
  return file + ": " + (path.empty() ? std::string("/") : path) + ": " + message;
}

ModelError::ModelError(std::vector<Problem> problems)
    : Error(summarize(problems)), problems_(std::move(problems)) {}

}  // namespace outagesim

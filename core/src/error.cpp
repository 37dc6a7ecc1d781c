// Formatting of model problems and the message of a ModelError.
#include "outagesim/error.h"

#include <utility>

#include "outagesim/printable.h"

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

// Problems quote what the file says (names, values); a control character there must not reach
// the terminal that shows the message, so every problem is escaped once, here.
std::vector<Problem> escaped(std::vector<Problem> problems) {
  for (Problem& p : problems) {
    p.file = escape_unprintable(p.file);
    p.path = escape_unprintable(p.path);
    p.message = escape_unprintable(p.message);
  }
  return problems;
}

}  // namespace

bool report_problem(std::vector<Problem>& sink, Problem problem) {
  if (sink.size() < MAX_PROBLEMS) {
    sink.push_back(std::move(problem));
    return true;
  }
  if (sink.size() == MAX_PROBLEMS) {
    sink.push_back({problem.file, "",
                    "more problems follow: only the first " + std::to_string(MAX_PROBLEMS) +
                        " of a file are listed (MAX_PROBLEMS); fix those and validate again"});
  }
  return false;
}

std::string Problem::to_string() const {
  return file + ": " + (path.empty() ? std::string("/") : path) + ": " + message;
}

ModelError::ModelError(std::vector<Problem> problems)
    : ModelError(escaped(std::move(problems)), 0) {}

ModelError::ModelError(std::vector<Problem> escaped_problems, int /*escaped*/)
    : Error(summarize(escaped_problems)), problems_(std::move(escaped_problems)) {}

}  // namespace outagesim

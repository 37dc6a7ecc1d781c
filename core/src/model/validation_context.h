// Collects model problems while reading JSON, with typed readers that report what was expected.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/model/architecture.h"

namespace outagesim::model {

using Json = nlohmann::json;

// "found 5", "found \"abc\"", "found an object": how a wrong value is shown in messages.
std::string found(const Json& value);

// Reads one JSON document (a model or a catalog) into model types. Every reader reports a
// problem and returns nullopt/nullptr on a bad value, so one pass finds every problem.
class ValidationContext {
 public:
  ValidationContext(std::string file, std::vector<Problem>& sink)
      : file_(std::move(file)), sink_(&sink) {}

  const std::string& file() const { return file_; }
  void problem(const std::string& path, std::string message);
  // Every problem reported so far, those left out beyond MAX_PROBLEMS included.
  std::size_t problem_count() const { return sink_->size() + left_out_; }

  // Type checks; `expected` is the noun phrase shown ("an object of components").
  const Json* object(const Json& value, const std::string& path, const std::string& expected);
  const Json* array(const Json& value, const std::string& path, const std::string& expected);
  std::optional<std::string> string(const Json& value, const std::string& path,
                                    const std::string& expected);
  std::optional<double> number(const Json& value, const std::string& path,
                               const std::string& expected);

  // Reports every key of `object` not in `allowed` (with a "did you mean" for near misses).
  // `where` names the place: "a failure process". Returns false if any key was unknown.
  bool known_fields(const Json& object, const std::string& path,
                    const std::vector<std::string>& allowed, const std::string& where);
  // Reports a missing required key; returns the value or nullptr.
  const Json* required(const Json& object, const std::string& path, const std::string& key,
                       const std::string& hint);

  // A duration string ("15m"); `positive` rejects zero.
  std::optional<double> duration(const Json& value, const std::string& path, bool positive);
  // A DIST object; with `allow_string` a duration string too (a deterministic delay).
  // `positive` requires a mean above zero.
  std::optional<Distribution> distribution(const Json& value, const std::string& path,
                                           bool positive, bool allow_string);
  // A failure process in any of its three forms. `extra_allowed` adds keys such as "source";
  // `source` receives the "source" text when present.
  std::optional<FailureProcess> failure_process(const Json& value, const std::string& path,
                                                const std::vector<std::string>& extra_allowed = {},
                                                std::string* source = nullptr);

 private:
  std::string file_;
  std::vector<Problem>* sink_;
  std::size_t left_out_ = 0;
};

// Appends one JSON pointer token to a path.
std::string child(const std::string& path, const std::string& key);
std::string child(const std::string& path, std::size_t index);

}  // namespace outagesim::model

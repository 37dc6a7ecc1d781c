// What the fuzz target does with one input; the Catch2 suite replays the corpora through it too.
#pragma once

#include <string>
#include <string_view>

#include "outagesim/error.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"

namespace outagesim::fuzz {

// Feeds `input` to the duration and rate parsers, to the loader as a whole model, and to the loader
// as the time to failure of a component (so distribution objects are reached in one step). A
// ModelError is the expected answer to bad input; anything else escaping is a bug, as is any
// sanitizer report on the way.
inline void exercise_model_input(std::string_view input, const std::string& catalog_dir) {
  std::string error;
  if (const auto hours = model::parse_duration(input, &error)) {
    (void)model::format_duration(*hours);
  }
  if (const auto rate = model::parse_rate(input, &error)) {
    (void)model::format_rate(*rate);
  }
  model::LoadOptions options;
  options.catalog_dir = catalog_dir;
  const std::string text(input);
  try {
    const model::Architecture a = model::load_text(text, "<fuzz>", options);
    (void)graph::build_plan(a);
  } catch (const ModelError&) {
  }
  const std::string as_distribution =
      R"({"format": "outagesim/v1", "providers": {"p": {}},)"
      R"( "components": {"c": {"location": "p", "failure": {"ttf": )" +
      text + R"(, "ttr": "1h"}}}, "services": {"s": {"replicas": ["c"]}}})";
  try {
    const model::Architecture a = model::load_text(as_distribution, "<fuzz>", options);
    (void)graph::build_plan(a);
  } catch (const ModelError&) {
  }
}

}  // namespace outagesim::fuzz

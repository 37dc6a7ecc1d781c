// Typed readers of JSON values that report what they found and what was expected.
#include "validation_context.h"

#include <cmath>
#include <cstdio>

#include "did_you_mean.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"
#include "structure_check.h"

namespace outagesim::model {

namespace {

const std::vector<std::string> DISTRIBUTION_NAMES{"exponential", "weibull", "lognormal",
                                                  "deterministic"};

constexpr const char* DURATION_EXPECTED =
    "expected a duration string with a unit (s, m, h, d, w, mo, y) such as \"15m\"";

constexpr const char* USABLE_RANGE = "0.001s to 1000000y";

std::string quote(const std::string& text) { return "\"" + text + "\""; }

// A derived duration in messages: "3.6e+12 h" (hours, as inside the core).
std::string hours_text(double hours) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.3g h", hours);
  return buffer;
}

bool usable_hours(double hours) {
  return std::isfinite(hours) && hours >= MIN_DURATION_HOURS && hours <= MAX_DURATION_HOURS;
}

// A number in messages, as the file wrote it when it came from the file.
std::string number_text(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

std::string found(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return value.empty() ? "found an empty object" : "found an object";
    case Json::value_t::array:
      return value.empty() ? "found an empty array" : "found an array";
    case Json::value_t::null:
      return "found null";
    default: {
      std::string text = value.dump();
      if (text.size() > 80) text = text.substr(0, 77) + "...";
      return "found " + text;
    }
  }
}

std::string child(const std::string& path, const std::string& key) {
  return path + "/" + pointer_token(key);
}

std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

void ValidationContext::problem(const std::string& path, std::string message) {
  if (!report_problem(*sink_, {file_, path, std::move(message)})) ++left_out_;
}

const Json* ValidationContext::object(const Json& value, const std::string& path,
                                      const std::string& expected) {
  if (value.is_object()) return &value;
  problem(path, "expected " + expected + ", " + found(value));
  return nullptr;
}

const Json* ValidationContext::array(const Json& value, const std::string& path,
                                     const std::string& expected) {
  if (value.is_array()) return &value;
  problem(path, "expected " + expected + ", " + found(value));
  return nullptr;
}

std::optional<std::string> ValidationContext::string(const Json& value, const std::string& path,
                                                     const std::string& expected) {
  if (value.is_string()) return value.get<std::string>();
  problem(path, "expected " + expected + ", " + found(value));
  return std::nullopt;
}

std::optional<double> ValidationContext::number(const Json& value, const std::string& path,
                                                const std::string& expected) {
  if (value.is_number()) return value.get<double>();
  problem(path, "expected " + expected + ", " + found(value));
  return std::nullopt;
}

bool ValidationContext::known_fields(const Json& object, const std::string& path,
                                     const std::vector<std::string>& allowed,
                                     const std::string& where) {
  bool all_known = true;
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key;
    if (known) continue;
    all_known = false;
    problem(child(path, key), "unknown field " + quote(key) + " in " + where + ";" +
                                  did_you_mean(key, allowed) +
                                  " expected one of: " + join_names(allowed));
  }
  return all_known;
}

const Json* ValidationContext::required(const Json& object, const std::string& path,
                                        const std::string& key, const std::string& hint) {
  const auto it = object.find(key);
  if (it != object.end()) return &*it;
  problem(path, "missing required field " + quote(key) + "; expected " + hint);
  return nullptr;
}

std::optional<double> ValidationContext::duration(const Json& value, const std::string& path,
                                                  bool positive) {
  if (!value.is_string()) {
    problem(path, std::string(DURATION_EXPECTED) + ", " + found(value));
    return std::nullopt;
  }
  std::string error;
  const std::optional<double> hours = parse_duration(value.get<std::string>(), &error);
  if (!hours) {
    problem(path, error);
    return std::nullopt;
  }
  if (positive && *hours <= 0.0) {
    problem(path, "expected a duration greater than zero, " + found(value));
    return std::nullopt;
  }
  if (*hours != 0.0 && !usable_hours(*hours)) {
    problem(path, std::string("expected a duration ") + (positive ? "" : "of 0s or ") + "from " +
                      USABLE_RANGE + " (shorter or longer ones cannot be computed with), " +
                      found(value));
    return std::nullopt;
  }
  return hours;
}

std::optional<Distribution> ValidationContext::distribution(const Json& value,
                                                            const std::string& path, bool positive,
                                                            bool allow_string) {
  if (allow_string && value.is_string()) {
    const auto hours = duration(value, path, positive);
    if (!hours) return std::nullopt;
    return Distribution::deterministic(*hours);
  }
  if (!value.is_object()) {
    problem(path, std::string("expected ") + (allow_string ? "a duration string or " : "") +
                      "a distribution object such as {\"distribution\": \"exponential\", "
                      "\"mean\": \"1y\"}, " +
                      found(value));
    return std::nullopt;
  }
  const Json* kind_value =
      required(value, path, "distribution", "one of: " + join_names(DISTRIBUTION_NAMES));
  if (!kind_value) return std::nullopt;
  const std::string kind_path = child(path, "distribution");
  const auto kind = string(*kind_value, kind_path,
                           "a distribution name (" + join_names(DISTRIBUTION_NAMES) + ")");
  if (!kind) return std::nullopt;

  const std::size_t before = problem_count();
  auto positive_number = [&](const std::string& key) -> std::optional<double> {
    const Json* v = required(value, path, key, "a number greater than zero");
    if (!v) return std::nullopt;
    const auto x = number(*v, child(path, key), "a number greater than zero");
    if (!x) return std::nullopt;
    if (!(*x > 0.0) || !std::isfinite(*x)) {
      problem(child(path, key), "expected a number greater than zero, " + found(*v));
      return std::nullopt;
    }
    return x;
  };
  // Exactly one of two alternative keys ("scale" or "mean").
  auto one_of = [&](const std::string& a,
                    const std::string& b) -> std::optional<std::pair<std::string, double>> {
    const bool has_a = value.contains(a);
    const bool has_b = value.contains(b);
    if (has_a == has_b) {
      problem(path, std::string(has_a ? "both " : "neither ") + quote(a) +
                        (has_a ? " and " : " nor ") + quote(b) + " given; a " + *kind +
                        " distribution takes exactly one of them");
      return std::nullopt;
    }
    const std::string& key = has_a ? a : b;
    const auto hours = duration(value.at(key), child(path, key), true);
    if (!hours) return std::nullopt;
    return std::make_pair(key, *hours);
  };

  if (*kind == "exponential") {
    known_fields(value, path, {"distribution", "mean"}, "an exponential distribution");
    const Json* mean = required(value, path, "mean", "a duration such as \"1y\"");
    const auto hours = mean ? duration(*mean, child(path, "mean"), true) : std::nullopt;
    if (!hours || problem_count() != before) return std::nullopt;
    return Distribution::exponential(*hours);
  }
  if (*kind == "weibull") {
    known_fields(value, path, {"distribution", "shape", "scale", "mean"}, "a weibull distribution");
    const auto shape = positive_number("shape");
    if (shape && !(*shape >= MIN_WEIBULL_SHAPE && *shape <= MAX_WEIBULL_SHAPE)) {
      problem(child(path, "shape"),
              "expected a weibull shape from 0.1 to 100 (smaller shapes have moments a double "
              "cannot hold and tails no simulation can sample), " +
                  found(value.at("shape")));  // counted in problem_count(): no distribution
    }
    const auto size = one_of("scale", "mean");
    if (!shape || !size || problem_count() != before) return std::nullopt;
    const double k = *shape;
    const Distribution d = size->first == "scale"
                               ? Distribution::weibull_with_scale(k, size->second)
                               : Distribution::weibull_with_mean(k, size->second);
    // The other of scale and mean is derived through the gamma function.
    const bool scale_given = size->first == "scale";
    const double derived = scale_given ? d.mean : d.scale;
    if (!usable_hours(derived)) {
      problem(path, std::string("the weibull ") + (scale_given ? "mean" : "scale") +
                        " this gives (shape " + number_text(k) + ") is " + hours_text(derived) +
                        ", outside the usable range of " + USABLE_RANGE +
                        "; expected a shape closer to 1 or a different " + size->first);
      return std::nullopt;
    }
    return d;
  }
  if (*kind == "lognormal") {
    known_fields(value, path, {"distribution", "sigma", "median", "mean"},
                 "a lognormal distribution");
    const auto sigma = positive_number("sigma");
    if (sigma && *sigma > MAX_LOGNORMAL_SIGMA) {
      problem(child(path, "sigma"),
              "expected a lognormal sigma greater than zero and at most 5 (the mean is "
              "exp(sigma^2/2) times the median), " +
                  found(value.at("sigma")));  // counted in problem_count(): no distribution
    }
    const auto size = one_of("median", "mean");
    if (!sigma || !size || problem_count() != before) return std::nullopt;
    const double s = *sigma;
    const Distribution d = size->first == "median"
                               ? Distribution::lognormal_with_median(size->second, s)
                               : Distribution::lognormal_with_mean(size->second, s);
    const bool median_given = size->first == "median";
    const double derived = median_given ? d.mean : d.median();
    if (!usable_hours(derived)) {
      problem(path, std::string("the lognormal ") + (median_given ? "mean" : "median") +
                        " this gives (sigma " + number_text(s) + ") is " + hours_text(derived) +
                        ", outside the usable range of " + USABLE_RANGE +
                        "; expected a smaller sigma or a different " + size->first);
      return std::nullopt;
    }
    return d;
  }
  if (*kind == "deterministic") {
    known_fields(value, path, {"distribution", "value"}, "a deterministic distribution");
    const Json* v = required(value, path, "value", "a duration such as \"5m\"");
    const auto hours = v ? duration(*v, child(path, "value"), positive) : std::nullopt;
    if (!hours || problem_count() != before) return std::nullopt;
    return Distribution::deterministic(*hours);
  }
  problem(kind_path, "unknown distribution " + quote(*kind) + ";" +
                         did_you_mean(*kind, DISTRIBUTION_NAMES) +
                         " expected one of: " + join_names(DISTRIBUTION_NAMES));
  return std::nullopt;
}

std::optional<FailureProcess> ValidationContext::failure_process(
    const Json& value, const std::string& path, const std::vector<std::string>& extra_allowed,
    std::string* source) {
  if (!value.is_object()) {
    problem(path,
            "expected a failure process object such as {\"mtbf\": \"6mo\", \"mttr\": "
            "\"15m\"}, " +
                found(value));
    return std::nullopt;
  }
  std::vector<std::string> allowed{"mtbf", "mttr", "availability", "ttf", "ttr"};
  allowed.insert(allowed.end(), extra_allowed.begin(), extra_allowed.end());
  const std::size_t before = problem_count();
  known_fields(value, path, allowed, "a failure process");
  if (source && value.contains("source")) {
    if (auto text = string(value.at("source"), child(path, "source"), "a string")) *source = *text;
  }

  const bool has_mtbf = value.contains("mtbf");
  const bool has_availability = value.contains("availability");
  const bool has_mttr = value.contains("mttr");
  const bool has_ttf = value.contains("ttf");
  const bool has_ttr = value.contains("ttr");
  const int forms = int(has_mtbf) + int(has_availability) + int(has_ttf || has_ttr);
  const std::string forms_text =
      "{\"mtbf\", \"mttr\"}, {\"availability\", \"mttr\"} or {\"ttf\", \"ttr\"}";
  if (forms == 0) {
    if (problem_count() == before) {
      problem(path,
              "expected a failure process in one of the forms " + forms_text + ", " + found(value));
    }
    return std::nullopt;
  }
  if (forms > 1 || ((has_ttf || has_ttr) && has_mttr)) {
    std::vector<std::string> keys;
    for (const char* k : {"mtbf", "availability", "mttr", "ttf", "ttr"}) {
      if (value.contains(k)) keys.push_back(std::string("\"") + k + "\"");
    }
    problem(path, "a failure process mixes forms (fields " + join_names(keys) +
                      "); expected exactly one of the forms " + forms_text);
    return std::nullopt;
  }

  FailureProcess process;
  process.never_fails = false;
  if (has_mtbf) {
    const auto mtbf = duration(value.at("mtbf"), child(path, "mtbf"), true);
    const Json* mttr_value =
        required(value, path, "mttr", "\"mttr\" next to \"mtbf\", such as \"mttr\": \"15m\"");
    const auto mttr = mttr_value ? duration(*mttr_value, child(path, "mttr"), true) : std::nullopt;
    if (!mtbf || !mttr || problem_count() != before) return std::nullopt;
    process.ttf = Distribution::exponential(*mtbf);
    process.ttr = Distribution::exponential(*mttr);
    return process;
  }
  if (has_availability) {
    const Json& a_value = value.at("availability");
    const std::string a_path = child(path, "availability");
    const auto a = number(a_value, a_path, "a number strictly between 0 and 1 such as 0.9995");
    if (a && !(*a > 0.0 && *a < 1.0)) {
      problem(a_path,
              "expected an availability strictly between 0 and 1 such as 0.9995, " +
                  found(a_value) +
                  (*a == 1.0 ? " (a domain that never fails simply has no \"outage\")" : ""));
    }
    const Json* mttr_value = required(
        value, path, "mttr", "\"mttr\" next to \"availability\", such as \"mttr\": \"1h\"");
    const auto mttr = mttr_value ? duration(*mttr_value, child(path, "mttr"), true) : std::nullopt;
    if (!a || !mttr || problem_count() != before) return std::nullopt;
    const double availability = *a;
    const double mtbf = *mttr * availability / (1.0 - availability);
    if (!usable_hours(mtbf)) {
      problem(a_path, "with this \"mttr\", an availability of " + a_value.dump() +
                          " gives an mtbf of " + hours_text(mtbf) +
                          ", outside the usable range of " + USABLE_RANGE +
                          "; expected an availability further from 0 and 1, or \"mtbf\"");
      return std::nullopt;
    }
    process.ttf = Distribution::exponential(mtbf);
    process.ttr = Distribution::exponential(*mttr);
    return process;
  }
  const Json* ttf_value =
      required(value, path, "ttf", "\"ttf\" next to \"ttr\", a distribution object");
  const Json* ttr_value =
      required(value, path, "ttr", "\"ttr\" next to \"ttf\", a distribution object");
  const auto ttf =
      ttf_value ? distribution(*ttf_value, child(path, "ttf"), true, false) : std::nullopt;
  const auto ttr =
      ttr_value ? distribution(*ttr_value, child(path, "ttr"), true, false) : std::nullopt;
  if (!ttf || !ttr || problem_count() != before) return std::nullopt;
  process.ttf = *ttf;
  process.ttr = *ttr;
  return process;
}

}  // namespace outagesim::model

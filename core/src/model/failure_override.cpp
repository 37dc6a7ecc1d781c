// Overrides of one field of a catalog failure process (failure_override.h).
#include "failure_override.h"

#include <array>
#include <cmath>

namespace outagesim::model {
namespace {

constexpr std::array<const char*, 5> FIELDS{"mttr", "mtbf", "availability", "ttf", "ttr"};

}  // namespace

bool is_partial_failure(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  for (const char* field : FIELDS)
    if (value.contains(field)) return true;
  return false;
}

Distribution with_mean(const Distribution& d, double mean) {
  switch (d.kind) {
    case DistributionKind::exponential:
      return Distribution::exponential(mean);
    case DistributionKind::weibull:
      return Distribution::weibull_with_mean(d.shape, mean);
    case DistributionKind::lognormal:
      return Distribution::lognormal_with_mean(mean, d.sigma);
    case DistributionKind::deterministic:
      return Distribution::deterministic(mean);
  }
  return Distribution::exponential(mean);
}

std::optional<FailureProcess> override_failure(ValidationContext& ctx, const Json& value,
                                               const std::string& path, const FailureProcess& base,
                                               const Origin& base_origin, Origin& origin) {
  FailureProcess process = base;
  process.never_fails = false;
  const std::string field = value.begin().key();
  const Json& given = value.begin().value();
  const std::string at = child(path, field);
  if (field == "mttr" || field == "mtbf") {
    const auto hours = ctx.duration(given, at, true);
    if (!hours) return std::nullopt;
    if (field == "mttr") {
      process.ttr = with_mean(base.ttr, *hours);
      origin = "mttr: model; time to failure: " + base_origin;
    } else {
      process.ttf = with_mean(base.ttf, *hours);
      origin = "mtbf: model; time to repair: " + base_origin;
    }
    return process;
  }
  if (field == "availability") {
    const auto a = ctx.number(given, at, "a number strictly between 0 and 1 such as 0.9995");
    if (!a) return std::nullopt;
    if (!(*a > 0.0 && *a < 1.0)) {
      ctx.problem(
          at, "expected an availability strictly between 0 and 1 such as 0.9995, " + found(given));
      return std::nullopt;
    }
    const double mttf = base.ttr.mean * *a / (1.0 - *a);
    if (!(std::isfinite(mttf) && mttf > 0.0)) {
      ctx.problem(at, "availability " + given.dump() + " with the catalog's mean repair time of " +
                          std::to_string(base.ttr.mean) +
                          " h gives no usable mean time to failure; expected an availability "
                          "further from 0 and 1");
      return std::nullopt;
    }
    process.ttf = with_mean(base.ttf, mttf);
    origin = "availability: model (time to failure scaled to it); time to repair: " + base_origin;
    return process;
  }
  const auto d = ctx.distribution(given, at, true, false);
  if (!d) return std::nullopt;
  if (field == "ttf") {
    process.ttf = *d;
    origin = "ttf: model; ttr: " + base_origin;
  } else {
    process.ttr = *d;
    origin = "ttr: model; ttf: " + base_origin;
  }
  return process;
}

}  // namespace outagesim::model

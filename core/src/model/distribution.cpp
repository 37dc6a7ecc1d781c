// Construction of distributions from each way the model states them; means and medians in hours.
#include "outagesim/model/distribution.h"

#include <cmath>
#include <cstdio>

#include "outagesim/model/duration.h"

namespace outagesim::model {

namespace {

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

}  // namespace

Distribution Distribution::exponential(double mean_hours) {
  Distribution d;
  d.kind = DistributionKind::exponential;
  d.mean = mean_hours;
  return d;
}

Distribution Distribution::weibull_with_scale(double shape, double scale_hours) {
  Distribution d;
  d.kind = DistributionKind::weibull;
  d.shape = shape;
  d.scale = scale_hours;
  d.mean = scale_hours * std::tgamma(1.0 + 1.0 / shape);
  return d;
}

Distribution Distribution::weibull_with_mean(double shape, double mean_hours) {
  Distribution d;
  d.kind = DistributionKind::weibull;
  d.shape = shape;
  d.mean = mean_hours;
  d.scale = mean_hours / std::tgamma(1.0 + 1.0 / shape);
  return d;
}

Distribution Distribution::lognormal_with_median(double median_hours, double sigma) {
  Distribution d;
  d.kind = DistributionKind::lognormal;
  d.mu = std::log(median_hours);
  d.sigma = sigma;
  d.mean = std::exp(d.mu + sigma * sigma / 2.0);
  return d;
}

Distribution Distribution::lognormal_with_mean(double mean_hours, double sigma) {
  Distribution d;
  d.kind = DistributionKind::lognormal;
  d.sigma = sigma;
  d.mu = std::log(mean_hours) - sigma * sigma / 2.0;
  d.mean = mean_hours;
  return d;
}

Distribution Distribution::deterministic(double value_hours) {
  Distribution d;
  d.kind = DistributionKind::deterministic;
  d.mean = value_hours;
  return d;
}

Distribution Distribution::scaled(double factor) const {
  switch (kind) {
    case DistributionKind::exponential:
      return exponential(mean * factor);
    case DistributionKind::weibull:
      return weibull_with_scale(shape, scale * factor);
    case DistributionKind::lognormal:
      return lognormal_with_median(std::exp(mu) * factor, sigma);
    case DistributionKind::deterministic:
      return deterministic(mean * factor);
  }
  return *this;
}

double Distribution::median() const {
  switch (kind) {
    case DistributionKind::exponential:
      return mean * std::log(2.0);
    case DistributionKind::weibull:
      return scale * std::pow(std::log(2.0), 1.0 / shape);
    case DistributionKind::lognormal:
      return std::exp(mu);
    case DistributionKind::deterministic:
      return mean;
  }
  return mean;
}

// Durations in the unit a person would use ("30s", "6mo"), as format_duration writes them.
std::string Distribution::describe() const {
  switch (kind) {
    case DistributionKind::exponential:
      return "exponential(mean " + format_duration(mean) + ")";
    case DistributionKind::weibull:
      return "weibull(shape " + number(shape) + ", scale " + format_duration(scale) + ", mean " +
             format_duration(mean) + ")";
    case DistributionKind::lognormal:
      return "lognormal(median " + format_duration(std::exp(mu)) + ", sigma " + number(sigma) +
             ", mean " + format_duration(mean) + ")";
    case DistributionKind::deterministic:
      return "deterministic(" + format_duration(mean) + ")";
  }
  return "?";
}

const char* to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::exponential:
      return "exponential";
    case DistributionKind::weibull:
      return "weibull";
    case DistributionKind::lognormal:
      return "lognormal";
    case DistributionKind::deterministic:
      return "deterministic";
  }
  return "?";
}

}  // namespace outagesim::model

// Probability distributions of durations (times to failure, repair, failover), in hours.
#pragma once

#include <string>

namespace outagesim::model {

enum class DistributionKind { exponential, weibull, lognormal, deterministic };

// One internal representation for every way the model format can state a distribution.
// All times are hours. The mean is always known (computed at construction).
struct Distribution {
  DistributionKind kind = DistributionKind::deterministic;
  double mean = 0.0;   // hours; > 0 for exponential/weibull/lognormal, >= 0 for deterministic
  double shape = 0.0;  // weibull k
  double scale = 0.0;  // weibull lambda (hours)
  double mu = 0.0;     // lognormal: mean of ln(hours)
  double sigma = 0.0;  // lognormal: sd of ln(hours)

  static Distribution exponential(double mean_hours);
  static Distribution weibull_with_scale(double shape, double scale_hours);
  static Distribution weibull_with_mean(double shape, double mean_hours);
  static Distribution lognormal_with_median(double median_hours, double sigma);
  static Distribution lognormal_with_mean(double mean_hours, double sigma);
  static Distribution deterministic(double value_hours);

  bool is_exponential() const { return kind == DistributionKind::exponential; }
  bool is_zero() const { return kind == DistributionKind::deterministic && mean == 0.0; }
  double median() const;
  // The same law with every duration multiplied by `factor` (> 0): the failure rate divides by
  // it. Used to split a rate, as the beta factor does.
  Distribution scaled(double factor) const;
  // "exponential(mean 4.38e3 h)", "weibull(shape 0.8, scale 7.9e3 h)", ...
  std::string describe() const;
};

const char* to_string(DistributionKind kind);

}  // namespace outagesim::model

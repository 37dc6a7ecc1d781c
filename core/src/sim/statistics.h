// Small statistics used to turn replications into estimates: running moments, Student t
// quantiles, and a log-binned histogram whose merge is order-free (integer counts).
#pragma once

#include <cstdint>
#include <vector>

#include "outagesim/api/result.h"

namespace outagesim::sim {

// Welford's running mean and variance. Fed in replication order, so it is deterministic.
struct RunningStat {
  std::int64_t n = 0;
  double mean = 0.0;
  double m2 = 0.0;

  void add(double x) {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
  double variance() const { return n > 1 ? m2 / static_cast<double>(n - 1) : 0.0; }
  // Half-width of the 95% t interval of the mean (0 with fewer than two values).
  double half_width() const;
};

// Two-sided 95% quantile of Student's t with `df` degrees of freedom (1.96 as df grows).
double t_quantile_975(std::int64_t df);

// Counts of positive values in log-spaced bins (BINS_PER_DECADE per decade from MIN_VALUE),
// plus zeros and the exact maximum. Quantiles are read at the geometric middle of the bin,
// within about 1.2% of the value; counts are integers, so merging never depends on order.
class LogHistogram {
 public:
  static constexpr int BINS_PER_DECADE = 100;
  static constexpr double MIN_VALUE = 1e-6;
  static constexpr int DECADES = 14;  // up to 1e8

  LogHistogram() : bins_(static_cast<std::size_t>(BINS_PER_DECADE * DECADES) + 2, 0) {}
  void add(double value);
  std::int64_t count() const { return count_; }
  double max() const { return max_; }
  // Nearest-rank quantile q in (0, 1].
  double quantile(double q) const;
  api::Quantiles quantiles() const;

 private:
  std::vector<std::int64_t> bins_;  // [0] zeros, [1] below MIN_VALUE, then the log bins, last: above
  std::int64_t count_ = 0;
  double max_ = 0.0;
};

}  // namespace outagesim::sim

// Small statistics used to turn replications into estimates: running moments, Student t
// quantiles, and a log-binned histogram whose merge is order-free (integer counts).
#pragma once

#include <cstdint>
#include <memory>
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

// Counts of positive values in bins 1/64 of an octave wide (read straight from the bits of the
// double: exponent and top six mantissa bits, no log), plus zeros and the exact maximum.
// Quantiles are read at the middle of their bin, within 0.8% of the sample quantile; counts are
// integers, so merging never depends on order.
class LogHistogram {
 public:
  static constexpr int SUBBINS = 64;        // per octave
  static constexpr int MIN_EXPONENT = -30;  // 2^-30 ~ 1e-9
  static constexpr int MAX_EXPONENT = 40;   // 2^40 ~ 1e12

  LogHistogram()
      : bins_(static_cast<std::size_t>((MAX_EXPONENT - MIN_EXPONENT) * SUBBINS) + 3, 0) {}
  void add(double value);
  // Adds every value counted in `other` (the same as adding them one by one).
  void merge(const LogHistogram& other);
  std::int64_t count() const { return count_; }
  double max() const { return max_; }
  // Nearest-rank quantile q in (0, 1].
  double quantile(double q) const;
  api::Quantiles quantiles() const;
  // The counts merged into `per_octave` bins per octave (a divisor of SUBBINS), from the first
  // to the last non-empty bin; values below 2^MIN_EXPONENT count as zeros, and values at or
  // above 2^MAX_EXPONENT fall in a last bin that ends at the maximum.
  api::Histogram histogram(int per_octave = 8) const;

 private:
  // [0] zeros, [1] below 2^MIN_EXPONENT, [2 ..] the octave bins, last: at or above 2^MAX_EXPONENT.
  std::vector<std::int64_t> bins_;
  std::int64_t count_ = 0;
  double max_ = 0.0;
};

// A sample kept as a list of its last values and a histogram of the rest: `value` is listed,
// and once `listed` holds MAX_LISTED values they are folded into `folded` (created on first
// use), so memory stays bounded however long the run (the histogram's integer counts make the
// result the same either way).
inline constexpr std::size_t MAX_LISTED = 4096;
void add_listed(double value, std::vector<double>& listed, std::unique_ptr<LogHistogram>& folded);

}  // namespace outagesim::sim

// The ratio estimator of regenerative simulation, E[X] / E[Y] over i.i.d. cycles, with its
// delta-method 95% interval; moments kept by Welford's updates, fed in cycle order.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "../statistics.h"

namespace outagesim::sim {

struct RatioStat {
  std::int64_t n = 0;
  double mean_x = 0.0, mean_y = 0.0;
  double cxx = 0.0, cyy = 0.0, cxy = 0.0;  // co-moments (sums of centred products)

  void add(double x, double y) {
    ++n;
    const double dx = x - mean_x;
    const double dy = y - mean_y;
    mean_x += dx / static_cast<double>(n);
    mean_y += dy / static_cast<double>(n);
    cxx += dx * (x - mean_x);
    cyy += dy * (y - mean_y);
    cxy += dx * (y - mean_y);
  }
  double ratio() const { return mean_y != 0.0 ? mean_x / mean_y : 0.0; }
  // Half-width of the 95% interval of the ratio: R = mean X / mean Y has asymptotic variance
  // Var(X - R Y) / (n mean_Y^2) (delta method); Student t quantile with n - 1 degrees.
  double half_width() const {
    if (n < 2 || mean_y == 0.0) return 0.0;
    const double r = ratio();
    const double var =
        std::max(0.0, (cxx - 2.0 * r * cxy + r * r * cyy) / static_cast<double>(n - 1));
    return t_quantile_975(n - 1) * std::sqrt(var / static_cast<double>(n)) / std::fabs(mean_y);
  }
};

}  // namespace outagesim::sim

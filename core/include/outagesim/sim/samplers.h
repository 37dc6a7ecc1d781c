// Our own duration samplers (std::*_distribution differs between standard libraries), pinned by
// golden-value tests: exponential and normal draws by the ziggurat method, Weibull and lognormal
// as transforms of those through constants computed once per distribution.
#pragma once

#include <cmath>
#include <cstdint>

#include "outagesim/model/distribution.h"
#include "outagesim/sim/rng.h"
#include "outagesim/sim/ziggurat.h"

namespace outagesim::sim {

enum class SamplerKind : std::uint8_t { exponential, weibull, lognormal, deterministic };

// A distribution reduced to what the hot loop needs. p1/p2 by kind:
// exponential (mean, -), weibull (scale, 1/shape), lognormal (mu, sigma), deterministic (value, -).
// A Weibull of shape 1 is compiled as the exponential it is.
struct Sampler {
  SamplerKind kind = SamplerKind::deterministic;
  double p1 = 0.0;
  double p2 = 0.0;
  double shape = 0.0;  // weibull k (for the length-biased draw)
  double mean = 0.0;
};

Sampler make_sampler(const model::Distribution& distribution);

// Inverse of the standard normal CDF, Acklam's rational approximation (relative error < 1.2e-9).
inline double normal_quantile(double p) {
  constexpr double A[6] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                           1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double B[5] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                           6.680131188771972e+01, -1.328068155288572e+01};
  constexpr double C[6] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                           -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double D[4] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                           3.754408661907416e+00};
  constexpr double P_LOW = 0.02425;
  if (p < P_LOW) {
    const double q = std::sqrt(-2.0 * std::log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
           ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0);
  }
  if (p > 1.0 - P_LOW) {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
           ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
         (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0);
}

// A standard normal draw (ziggurat).
inline double sample_normal(Stream& stream) { return ziggurat_normal(stream); }

inline double sample_exponential(double mean, Stream& stream) {
  return mean * ziggurat_exponential(stream);
}

// One duration in hours. Exponential: mean x Exp(1). Weibull(k, lambda): lambda x Exp(1)^(1/k),
// as exp(log(E) / k). Lognormal: exp(mu + sigma Z). The ziggurat takes one 64-bit word for
// about 99% of the draws and a few more for the rest, so a draw uses a varying number of words.
inline double sample(const Sampler& s, Stream& stream) {
  switch (s.kind) {
    case SamplerKind::exponential:
      return s.p1 * ziggurat_exponential(stream);
    case SamplerKind::weibull:
      return s.p1 * std::exp(std::log(ziggurat_exponential(stream)) * s.p2);
    case SamplerKind::lognormal:
      return std::exp(s.p1 + s.p2 * ziggurat_normal(stream));
    case SamplerKind::deterministic:
      break;
  }
  return s.p1;
}

// Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 through Gamma(shape + 1) * U^(1/shape).
double sample_gamma(double shape, Stream& stream);

// A draw from the length-biased distribution x f(x) / mean (the length of the renewal interval
// that covers a random instant): exponential -> Gamma(2) * mean; Weibull(k, lambda) ->
// lambda * G^(1/k) with G ~ Gamma(1 + 1/k); lognormal(mu, sigma) -> lognormal(mu + sigma^2, sigma);
// deterministic -> the value.
double sample_length_biased(const Sampler& s, Stream& stream);

// A draw from the equilibrium (forward-recurrence) distribution (1 - F(x)) / mean: the time
// left in the current interval at a random instant. Exponential: the same exponential
// (memoryless); otherwise U * (length-biased draw), which has exactly that density.
double sample_residual(const Sampler& s, Stream& stream);

}  // namespace outagesim::sim

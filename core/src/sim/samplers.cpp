// Building samplers from model distributions, and the non-hot draws (gamma, length-biased,
// equilibrium residual) used for the stationary start.
#include "outagesim/sim/samplers.h"

#include <cmath>

#include "outagesim/error.h"

namespace outagesim::sim {

Sampler make_sampler(const model::Distribution& d) {
  Sampler s;
  s.mean = d.mean;
  switch (d.kind) {
    case model::DistributionKind::exponential:
      s.kind = SamplerKind::exponential;
      s.p1 = d.mean;
      break;
    case model::DistributionKind::weibull:
      if (!(d.shape > 0.0) || !(d.scale > 0.0))
        throw SimulationError("weibull distribution needs shape > 0 and scale > 0");
      if (d.shape == 1.0) {
        s.kind = SamplerKind::exponential;  // the same law, drawn without log and exp
        s.p1 = d.scale;
        break;
      }
      s.kind = SamplerKind::weibull;
      s.p1 = d.scale;
      s.p2 = 1.0 / d.shape;
      s.shape = d.shape;
      break;
    case model::DistributionKind::lognormal:
      if (!(d.sigma >= 0.0)) throw SimulationError("lognormal distribution needs sigma >= 0");
      s.kind = SamplerKind::lognormal;
      s.p1 = d.mu;
      s.p2 = d.sigma;
      break;
    case model::DistributionKind::deterministic:
      s.kind = SamplerKind::deterministic;
      s.p1 = d.mean;
      break;
  }
  return s;
}

double sample_gamma(double shape, Stream& stream) {
  if (shape < 1.0) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia and Tsang, section 6).
    const double g = sample_gamma(shape + 1.0, stream);
    return g * std::pow(stream.uniform_pos(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = sample_normal(stream);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = stream.uniform_pos();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

double sample_length_biased(const Sampler& s, Stream& stream) {
  switch (s.kind) {
    case SamplerKind::exponential:
      return s.p1 * sample_gamma(2.0, stream);
    case SamplerKind::weibull:
      return s.p1 * std::pow(sample_gamma(1.0 + 1.0 / s.shape, stream), s.p2);
    case SamplerKind::lognormal:
      return std::exp(s.p1 + s.p2 * s.p2 + s.p2 * sample_normal(stream));
    case SamplerKind::deterministic:
      break;
  }
  return s.p1;
}

double sample_residual(const Sampler& s, Stream& stream) {
  if (s.kind == SamplerKind::exponential) return sample_exponential(s.p1, stream);
  const double length = sample_length_biased(s, stream);
  return stream.uniform() * length;
}

}  // namespace outagesim::sim

// The rare paths of the ziggurat samplers: the wedges beside each layer and the tails past R.
#include "outagesim/sim/ziggurat.h"

namespace outagesim::sim::detail {

double ziggurat_exponential_slow(Stream& stream, int layer, double x) {
  for (;;) {
    // The base layer past R: the tail of an exponential is R plus an exponential (memoryless).
    if (layer == 0) return ZIG_EXP_R - std::log(stream.uniform_pos());
    // A wedge: x lies between X[layer + 1] and X[layer]; accept under the density.
    const double y =
        ZIG_EXP_F[layer] + (ZIG_EXP_F[layer + 1] - ZIG_EXP_F[layer]) * stream.uniform();
    if (y < std::exp(-x)) return x;
    const std::uint64_t bits = stream.next_u64();
    layer = static_cast<int>(bits & 0xFF);
    x = static_cast<double>(bits >> 11) * 0x1.0p-53 * ZIG_EXP_X[layer];
    if (x < ZIG_EXP_X[layer + 1]) return x;
  }
}

double ziggurat_normal_slow(Stream& stream, int layer, double x, bool negative) {
  for (;;) {
    if (layer == 0) {
      // The tail past R (Marsaglia 1964): x = -log(U1) / R accepted when -2 log(U2) >= x^2.
      double t, e;
      do {
        t = -std::log(stream.uniform_pos()) / ZIG_NORM_R;
        e = -std::log(stream.uniform_pos());
      } while (2.0 * e < t * t);
      return negative ? -(ZIG_NORM_R + t) : ZIG_NORM_R + t;
    }
    const double y =
        ZIG_NORM_F[layer] + (ZIG_NORM_F[layer + 1] - ZIG_NORM_F[layer]) * stream.uniform();
    if (y < std::exp(-0.5 * x * x)) return negative ? -x : x;
    const std::uint64_t bits = stream.next_u64();
    layer = static_cast<int>(bits & 0xFF);
    negative = (bits >> 8) & 1;
    x = static_cast<double>(bits >> 11) * 0x1.0p-53 * ZIG_NORM_X[layer];
    if (x < ZIG_NORM_X[layer + 1]) return negative ? -x : x;
  }
}

}  // namespace outagesim::sim::detail

// Running moments, Student t quantiles and the log-binned histogram of statistics.h.
#include "statistics.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace outagesim::sim {

double RunningStat::half_width() const {
  if (n < 2) return 0.0;
  return t_quantile_975(n - 1) * std::sqrt(variance() / static_cast<double>(n));
}

double t_quantile_975(std::int64_t df) {
  // Exact table for small df; beyond, the Cornish-Fisher expansion around z (error < 1e-5).
  static constexpr double TABLE[31] = {
      0.0,    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
      2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return 0.0;
  if (df <= 30) return TABLE[df];
  const double z = 1.959963984540054;
  const double v = static_cast<double>(df);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

void LogHistogram::add(double value) {
  ++count_;
  if (value > max_) max_ = value;
  if (!(value > 0.0)) {
    ++bins_[0];
    return;
  }
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
  const int exponent = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  if (exponent < MIN_EXPONENT) {
    ++bins_[1];
    return;
  }
  if (exponent >= MAX_EXPONENT) {
    ++bins_.back();
    return;
  }
  const int sub = static_cast<int>((bits >> 46) & (SUBBINS - 1));
  ++bins_[2 + (exponent - MIN_EXPONENT) * SUBBINS + sub];
}

void LogHistogram::merge(const LogHistogram& other) {
  for (std::size_t bin = 0; bin < bins_.size(); ++bin) bins_[bin] += other.bins_[bin];
  count_ += other.count_;
  if (other.max_ > max_) max_ = other.max_;
}

double LogHistogram::quantile(double q) const {
  if (count_ == 0) return 0.0;
  const std::int64_t rank = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil(q * static_cast<double>(count_))));
  std::int64_t seen = 0;
  const int last = static_cast<int>(bins_.size()) - 1;
  for (int bin = 0; bin <= last; ++bin) {
    seen += bins_[bin];
    if (seen < rank) continue;
    if (bin == 0) return 0.0;
    if (bin == 1) return std::min(std::ldexp(1.0, MIN_EXPONENT), max_);
    if (bin == last) return max_;
    const int exponent = (bin - 2) / SUBBINS + MIN_EXPONENT;
    const int sub = (bin - 2) % SUBBINS;
    const double middle = std::ldexp(1.0 + (sub + 0.5) / SUBBINS, exponent);
    return std::min(middle, max_);
  }
  return max_;
}

api::Histogram LogHistogram::histogram(int per_octave) const {
  api::Histogram out;
  if (count_ == 0) return out;
  out.zeros = bins_[0] + bins_[1];
  const int group = SUBBINS / per_octave;
  const int octaves = MAX_EXPONENT - MIN_EXPONENT;
  std::vector<std::int64_t> coarse(static_cast<std::size_t>(octaves * per_octave), 0);
  for (int b = 0; b < octaves * SUBBINS; ++b) coarse[b / group] += bins_[2 + b];
  const std::int64_t overflow = bins_.back();
  int first = -1, last = -1;
  for (int k = 0; k < static_cast<int>(coarse.size()); ++k) {
    if (coarse[k] == 0) continue;
    if (first < 0) first = k;
    last = k;
  }
  // Bin k spans 2^e * [1 + g/per_octave, 1 + (g+1)/per_octave), e = k / per_octave + MIN.
  auto edge = [&](int k) {
    const int exponent = k / per_octave + MIN_EXPONENT;
    const int g = k % per_octave;
    return std::ldexp(1.0 + static_cast<double>(g) / per_octave, exponent);
  };
  if (first >= 0) {
    for (int k = first; k <= last; ++k) {
      out.edges.push_back(edge(k));
      out.counts.push_back(coarse[k]);
    }
    out.edges.push_back(edge(last + 1));
  }
  if (overflow > 0) {
    const double top = std::ldexp(1.0, MAX_EXPONENT);
    if (out.edges.empty()) out.edges.push_back(top);
    out.edges.back() = std::max(out.edges.back(), top);
    out.counts.push_back(overflow);
    out.edges.push_back(std::max(max_, out.edges.back()));
  }
  return out;
}

api::Quantiles LogHistogram::quantiles() const {
  api::Quantiles out;
  out.count = count_;
  if (count_ == 0) return out;
  out.p50 = quantile(0.50);
  out.p90 = quantile(0.90);
  out.p99 = quantile(0.99);
  out.max = max_;
  return out;
}

void add_listed(double value, std::vector<double>& listed, std::unique_ptr<LogHistogram>& folded) {
  listed.push_back(value);
  if (listed.size() < MAX_LISTED) return;
  if (!folded) folded = std::make_unique<LogHistogram>();
  for (double x : listed) folded->add(x);
  listed.clear();
}

}  // namespace outagesim::sim

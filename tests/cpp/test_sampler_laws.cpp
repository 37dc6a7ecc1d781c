// Each sampler draws its law: a chi-square test over equal-probability bins of the exact CDF
// (which sees a wrong layer, wedge or tail of the ziggurat), the tail mass past the ziggurat's R,
// and the generated tables' own invariants (every layer has the same area).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "outagesim/model/distribution.h"
#include "outagesim/sim/samplers.h"
#include "outagesim/sim/ziggurat.h"

using namespace outagesim;
using namespace outagesim::sim;

namespace {

constexpr int BINS = 1000;
constexpr int DRAWS = 2'000'000;  // 2000 per bin: the chi-square approximation is excellent

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// The chi-square quantile at upper probability 1e-4 (z = 3.719) for `df` degrees of freedom,
// by Wilson and Hilferty: a correct sampler fails one test in 10,000 runs; the seed is fixed, so
// a run that passes keeps passing until a stream changes.
double chi_square_critical(int df) {
  const double z = 3.719;
  const double a = 2.0 / (9.0 * df);
  return df * std::pow(1.0 - a + z * std::sqrt(a), 3.0);
}

// Pearson's statistic of `draws` draws of `draw`, binned by cdf(x) into BINS equal bins.
double chi_square(const std::function<double(Stream&)>& draw,
                  const std::function<double(double)>& cdf, std::uint64_t seed) {
  Stream stream(seed, 3);
  std::vector<double> count(BINS, 0.0);
  for (int i = 0; i < DRAWS; ++i) {
    const double p = cdf(draw(stream));
    const int bin = std::clamp(static_cast<int>(p * BINS), 0, BINS - 1);
    count[bin] += 1.0;
  }
  const double expected = static_cast<double>(DRAWS) / BINS;
  double statistic = 0.0;
  for (double c : count) statistic += (c - expected) * (c - expected) / expected;
  return statistic;
}

void check_law(const char* what, const std::function<double(Stream&)>& draw,
               const std::function<double(double)>& cdf) {
  const double statistic = chi_square(draw, cdf, 2024);
  INFO(what << ": chi-square " << statistic << " over " << BINS - 1 << " df, critical "
            << chi_square_critical(BINS - 1));
  CHECK(statistic < chi_square_critical(BINS - 1));
}

// `hits` of `n` Bernoulli(p) trials lie within 4 standard deviations of n p (two-sided 6e-5).
void check_fraction(const char* what, std::int64_t hits, std::int64_t n, double p) {
  const double sd = std::sqrt(n * p * (1.0 - p));
  INFO(what << ": " << hits << " of " << n << ", expected " << n * p << " +- " << sd);
  CHECK(std::abs(static_cast<double>(hits) - n * p) <= 4.0 * sd);
}

}  // namespace

TEST_CASE("ziggurat tables: layers of equal area from R down to 0", "[samplers]") {
  struct Table {
    const double* x;
    const double* f;
    double r;
    double tail;  // the integral of f past R
    double (*pdf)(double);
  };
  const Table tables[] = {
      {ZIG_EXP_X, ZIG_EXP_F, ZIG_EXP_R, std::exp(-ZIG_EXP_R),
       [](double x) { return std::exp(-x); }},
      {ZIG_NORM_X, ZIG_NORM_F, ZIG_NORM_R,
       std::sqrt(M_PI / 2) * std::erfc(ZIG_NORM_R / std::sqrt(2.0)),
       [](double x) { return std::exp(-0.5 * x * x); }},
  };
  for (const Table& t : tables) {
    CHECK(t.x[1] == t.r);
    CHECK(t.x[256] == 0.0);
    const double area = t.r * t.pdf(t.r) + t.tail;
    CHECK(t.x[0] * t.pdf(t.r) == Approx(area).epsilon(1e-13));
    for (int i = 1; i < 256; ++i) {
      INFO("layer " << i);
      CHECK(t.x[i] > t.x[i + 1]);
      CHECK(t.f[i] == Approx(t.pdf(t.x[i])).epsilon(1e-14));
      const double top = i == 255 ? 1.0 : t.f[i + 1];
      CHECK(t.x[i] * (top - t.f[i]) == Approx(area).epsilon(1e-11));
    }
  }
}

TEST_CASE("samplers draw their laws (chi-square over 1000 equal-probability bins)", "[samplers]") {
  check_law(
      "exponential", [](Stream& s) { return ziggurat_exponential(s); },
      [](double x) { return -std::expm1(-x); });
  check_law(
      "normal", [](Stream& s) { return ziggurat_normal(s); }, normal_cdf);

  const Sampler exp_mean = make_sampler(model::Distribution::exponential(7.5));
  check_law(
      "exponential mean 7.5", [&](Stream& s) { return sample(exp_mean, s); },
      [](double x) { return -std::expm1(-x / 7.5); });
  for (double k : {0.5, 0.7, 1.0, 2.5}) {
    const Sampler w = make_sampler(model::Distribution::weibull_with_scale(k, 800.0));
    check_law(
        "weibull", [&](Stream& s) { return sample(w, s); },
        [k](double x) { return -std::expm1(-std::pow(x / 800.0, k)); });
  }
  for (double sigma : {0.4, 1.2}) {
    const Sampler l = make_sampler(model::Distribution::lognormal_with_median(30.0, sigma));
    check_law(
        "lognormal", [&](Stream& s) { return sample(l, s); },
        [sigma](double x) { return normal_cdf((std::log(x) - std::log(30.0)) / sigma); });
  }
  auto gamma_cdf = [](double a) {
    // The regularised lower incomplete gamma P(a, x) by its series (x below about 30 here).
    return [a](double x) {
      double term = 1.0 / a, sum = term;
      for (int n = 1; n < 500 && term > 1e-17 * sum; ++n) {
        term *= x / (a + n);
        sum += term;
      }
      return sum * std::exp(a * std::log(x) - x - std::lgamma(a));
    };
  };
  for (double a : {0.4, 2.5})
    check_law(
        "gamma", [a](Stream& s) { return sample_gamma(a, s); }, gamma_cdf(a));
}

TEST_CASE("ziggurat tails: mass past R and far out", "[samplers]") {
  const std::int64_t n = 20'000'000;
  Stream s(77, 1);
  std::int64_t exp_past_r = 0, exp_far = 0, norm_past_r = 0, norm_far = 0, norm_negative = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const double e = ziggurat_exponential(s);
    exp_past_r += e > ZIG_EXP_R;
    exp_far += e > 10.0;
    const double z = ziggurat_normal(s);
    norm_past_r += std::abs(z) > ZIG_NORM_R;
    norm_far += std::abs(z) > 4.5;
    norm_negative += z < 0.0;
  }
  check_fraction("exponential past R", exp_past_r, n, std::exp(-ZIG_EXP_R));
  check_fraction("exponential past 10", exp_far, n, std::exp(-10.0));
  check_fraction("normal past R", norm_past_r, n, std::erfc(ZIG_NORM_R / std::sqrt(2.0)));
  check_fraction("normal past 4.5", norm_far, n, std::erfc(4.5 / std::sqrt(2.0)));
  check_fraction("normal negative", norm_negative, n, 0.5);
}

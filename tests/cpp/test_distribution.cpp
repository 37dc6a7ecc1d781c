// Distributions: means and medians of every form, against values worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "outagesim/model/distribution.h"
#include "outagesim/model/loader.h"

using outagesim::model::Architecture;
using outagesim::model::Distribution;
using outagesim::model::DistributionKind;
using outagesim::model::FailureProcess;

TEST_CASE("exponential: the mean is given, the median is mean ln 2", "[distribution]") {
  const Distribution d = Distribution::exponential(100.0);
  CHECK(d.kind == DistributionKind::exponential);
  CHECK(d.is_exponential());
  CHECK(d.mean == 100.0);
  CHECK(d.median() == Approx(69.3147180560));
  CHECK_FALSE(d.is_zero());
}

TEST_CASE("weibull from scale: mean = scale * Gamma(1 + 1/shape)", "[distribution]") {
  const Distribution d = Distribution::weibull_with_scale(2.0, 10.0);
  CHECK(d.kind == DistributionKind::weibull);
  CHECK(d.mean == Approx(8.86226925453));      // 10 * Gamma(1.5) = 5 sqrt(pi)
  CHECK(d.median() == Approx(8.32554611158));  // 10 * ln(2)^(1/2)
  const Distribution one = Distribution::weibull_with_scale(1.0, 50.0);
  CHECK(one.mean == Approx(50.0));  // shape 1 is the exponential
}

TEST_CASE("weibull from mean: scale = mean / Gamma(1 + 1/shape)", "[distribution]") {
  const Distribution d = Distribution::weibull_with_mean(0.8, 8760.0);
  CHECK(d.mean == 8760.0);
  CHECK(d.shape == 0.8);
  CHECK(d.scale == Approx(8760.0 / 1.13300309631));  // Gamma(2.25)
  const Distribution back = Distribution::weibull_with_scale(0.8, d.scale);
  CHECK(back.mean == Approx(8760.0));
}

TEST_CASE("lognormal from median or mean", "[distribution]") {
  const Distribution m = Distribution::lognormal_with_median(1.0, 1.0);
  CHECK(m.kind == DistributionKind::lognormal);
  CHECK(m.mu == Approx(0.0).margin(1e-12));
  CHECK(m.median() == Approx(1.0));
  CHECK(m.mean == Approx(1.6487212707));  // exp(1/2)
  const Distribution a = Distribution::lognormal_with_mean(10.0, 0.5);
  CHECK(a.mean == 10.0);
  CHECK(a.mu == Approx(std::log(10.0) - 0.125));
  CHECK(a.median() == Approx(8.8249690258));  // 10 exp(-0.125)
}

TEST_CASE("deterministic: mean and median are the value", "[distribution]") {
  const Distribution d = Distribution::deterministic(5.0);
  CHECK(d.mean == 5.0);
  CHECK(d.median() == 5.0);
  CHECK_FALSE(d.is_zero());
  CHECK(Distribution::deterministic(0.0).is_zero());
  CHECK(Distribution::deterministic(0.0).describe() == "deterministic(0s)");
  // In the unit a person would use, not in hours: a 30 s setting reads as 30s.
  CHECK(Distribution::deterministic(30.0 / 3600.0).describe() == "deterministic(30s)");
  CHECK(Distribution::exponential(4380.0).describe() == "exponential(mean 6.08mo)");
  CHECK(Distribution::lognormal_with_median(3.0, 0.8).describe() ==
        "lognormal(median 3h, sigma 0.8, mean 4.13h)");
}

TEST_CASE("failure process availability and frequency", "[distribution]") {
  FailureProcess p;
  p.never_fails = false;
  p.ttf = Distribution::exponential(1000.0);
  p.ttr = Distribution::exponential(10.0);
  CHECK(p.availability() == Approx(1000.0 / 1010.0));
  CHECK(p.failure_frequency() * 8760.0 == Approx(8.673).epsilon(1e-3));
  // Other distributions with the same means give the same long-run figures.
  p.ttf = Distribution::weibull_with_mean(0.7, 1000.0);
  p.ttr = Distribution::lognormal_with_mean(10.0, 1.0);
  CHECK(p.availability() == Approx(1000.0 / 1010.0));
  FailureProcess never;
  CHECK(never.availability() == 1.0);
  CHECK(never.failure_frequency() == 0.0);
  CHECK(never.mttf() == 0.0);
}

TEST_CASE("every failure process form of the model resolves to hand values",
          "[distribution][loader]") {
  const std::string text = R"({
    "format": "outagesim/v1",
    "providers": {"p": {}},
    "components": {
      "a-mtbf": {"location": "p", "failure": {"mtbf": "6mo", "mttr": "15m"}},
      "b-avail": {"location": "p", "failure": {"availability": 0.9995, "mttr": "1h"}},
      "c-weib": {"location": "p", "failure": {"ttf": {"distribution": "weibull", "shape": 2, "scale": "10h"},
                                             "ttr": {"distribution": "deterministic", "value": "30m"}}},
      "d-logn": {"location": "p", "failure": {"ttf": {"distribution": "lognormal", "mean": "1y", "sigma": 0.5},
                                             "ttr": {"distribution": "exponential", "mean": "2h"}}},
      "e-wmean": {"location": "p", "failure": {"ttf": {"distribution": "weibull", "shape": 0.8, "mean": "1y"},
                                              "ttr": {"distribution": "lognormal", "median": "1h", "sigma": 1}}}
    },
    "services": {"s": {"replicas": ["a-mtbf", "b-avail", "c-weib", "d-logn", "e-wmean"]}}
  })";
  const Architecture a = outagesim::model::load_text(text, "<string>");
  const auto& c = a.components;
  REQUIRE(c.size() == 5);
  CHECK(c[0].failure.ttf.is_exponential());
  CHECK(c[0].failure.mttf() == Approx(4320.0));
  CHECK(c[0].failure.mttr() == Approx(0.25));
  CHECK(c[1].failure.ttf.is_exponential());
  CHECK(c[1].failure.mttf() == Approx(1999.0));  // 1 h * 0.9995 / 0.0005
  CHECK(c[1].failure.availability() == Approx(0.9995));
  CHECK(c[2].failure.mttf() == Approx(8.86226925453));
  CHECK(c[2].failure.ttr.kind == DistributionKind::deterministic);
  CHECK(c[2].failure.mttr() == Approx(0.5));
  CHECK(c[3].failure.mttf() == Approx(8760.0));
  CHECK(c[3].failure.ttf.median() == Approx(8760.0 * std::exp(-0.125)));
  CHECK(c[4].failure.ttf.scale == Approx(8760.0 / 1.13300309631));
  CHECK(c[4].failure.ttr.median() == Approx(1.0));
  CHECK(c[4].failure.mttr() == Approx(1.6487212707));
}

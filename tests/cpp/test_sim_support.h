// Helpers of the simulator tests: Architectures built by hand, exact values by enumerating the
// element states, and the "exact value inside the estimate's own 95% interval" check.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "architecture_builder.h"
#include "outagesim/api/result.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/architecture.h"
#include "outagesim/model/distribution.h"
#include "outagesim/sim/simulate.h"

namespace simtest {

using namespace outagesim;

using testing::Builder;
using testing::exponential;
using testing::process;

inline sim::Options options(std::uint64_t seed, double rel_error, int threads = 2) {
  sim::Options o;
  o.seed = seed;
  o.rel_error = rel_error;
  o.threads = threads;
  o.max_seconds = 30.0;
  return o;
}

// The exact value lies inside the estimate's own 95% interval.
inline void check_covers(const api::Estimate& e, double exact, const std::string& what) {
  INFO(what << ": estimate " << e.value << " [" << e.lo << ", " << e.hi << "], exact " << exact);
  CHECK(e.lo <= exact);
  CHECK(exact <= e.hi);
}

// A line for the report: estimate, interval and exact value.
inline void report(const std::string& what, const api::Estimate& e, double exact) {
  WARN(what << ": estimate " << e.value << " [" << e.lo << ", " << e.hi << "] exact " << exact);
}

struct Exact {
  double availability = 0.0;
  double incidents_per_year = 0.0;
};

// Exact availability and incident frequency of a static structure over independent elements:
// A = sum over the 2^n states of P(state) * up(state); frequency = sum_i Birnbaum importance of
// i / (MTTF_i + MTTR_i) (coherent structures). Bit i of a state is element i being up.
inline Exact enumerate(const std::vector<double>& mttf, const std::vector<double>& mttr,
                       const std::function<bool(std::uint32_t)>& up) {
  const int n = static_cast<int>(mttf.size());
  std::vector<double> a(n);
  for (int i = 0; i < n; ++i) a[i] = mttf[i] / (mttf[i] + mttr[i]);
  auto probability_up = [&](int fixed, bool fixed_up) {
    double total = 0.0;
    for (std::uint32_t s = 0; s < (1u << n); ++s) {
      if (fixed >= 0 && (((s >> fixed) & 1u) != 0) != fixed_up) continue;
      double p = 1.0;
      for (int i = 0; i < n; ++i) {
        if (i == fixed) continue;
        p *= ((s >> i) & 1u) ? a[i] : 1.0 - a[i];
      }
      if (up(s)) total += p;
    }
    return total;
  };
  Exact e;
  e.availability = probability_up(-1, true);
  for (int i = 0; i < n; ++i) {
    const double birnbaum = probability_up(i, true) - probability_up(i, false);
    e.incidents_per_year += birnbaum / (mttf[i] + mttr[i]) * 8760.0;
  }
  return e;
}

}  // namespace simtest

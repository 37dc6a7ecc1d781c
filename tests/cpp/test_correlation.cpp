// Common-cause groups and regional service events against closed forms derived by hand, the
// exact solver (BDD for the static kinds, CTMC for the beta factor repaired individually) and
// the simulator.
#include <array>
#include <cmath>
#include <string>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/model/loader.h"
#include "test_sim_support.h"

using namespace simtest;
using Catch::Matchers::Contains;

namespace {

constexpr double HOURS_PER_YEAR = 8760.0;
constexpr double MTTF = 1000.0, MTTR = 10.0;  // every member: exponential
constexpr double LAMBDA = 1.0 / MTTF, MU = 1.0 / MTTR;

// A provider with one region of three zones (never failing), `replicas` members one per zone
// in one service needing `k` of them, and `extra` appended to the top level of the model.
std::string model_text(int replicas, int k, const std::string& extra,
                       const std::string& type = "") {
  std::string components, names;
  for (int i = 0; i < replicas; ++i) {
    const std::string name = "m" + std::to_string(i);
    components += (i ? "," : "") + std::string("\"") + name + "\": {\"location\": \"p/r/z" +
                  std::to_string(i) + "\"," + (type.empty() ? "" : "\"type\": \"" + type + "\",") +
                  "\"failure\": {\"ttf\": {\"distribution\": \"exponential\", \"mean\": \"1000h\"},"
                  "\"ttr\": {\"distribution\": \"exponential\", \"mean\": \"10h\"}}}";
    names += (i ? "," : "") + std::string("\"") + name + "\"";
  }
  return R"({"format": "outagesim/v1", "name": "correlated",
    "providers": {"p": {"regions": {"r": {"zones": {"z0": {}, "z1": {}, "z2": {}}}}}},
    "components": {)" +
         components + R"(},
    "services": {"svc": {"replicas": [)" +
         names + R"(], "redundancy": {"mode": "active_active", "min_healthy": )" +
         std::to_string(k) + "}}}" + extra + "}";
}

// P(at least k of n up), members independent with availability a.
double k_of_n(int k, int n, double a) {
  double sum = 0.0;
  for (int up = k; up <= n; ++up) {
    double ways = 1.0;
    for (int i = 0; i < up; ++i) ways = ways * (n - i) / (i + 1);
    sum += ways * std::pow(a, up) * std::pow(1.0 - a, n - up);
  }
  return sum;
}

// Frequency (per hour) of leaving "at least k of n up" for independent two-state members.
double k_of_n_frequency(int k, int n, double a, double failure_rate) {
  // Exactly k up, one of them fails.
  double ways = 1.0;
  for (int i = 0; i < k; ++i) ways = ways * (n - i) / (i + 1);
  return ways * std::pow(a, k) * std::pow(1.0 - a, n - k) * k * failure_rate;
}

void check_exact(const api::Result& r, double availability, double frequency_per_hour) {
  INFO("exact A " << r.system.availability.value << " vs " << availability);
  CHECK(std::abs(r.system.unavailability.value - (1.0 - availability)) <=
        1e-9 * (1.0 - availability));
  INFO("exact incidents/yr " << r.system.incidents_per_year.value << " vs "
                             << frequency_per_hour * HOURS_PER_YEAR);
  CHECK(std::abs(r.system.incidents_per_year.value - frequency_per_hour * HOURS_PER_YEAR) <=
        1e-9 * frequency_per_hour * HOURS_PER_YEAR);
}

void check_simulation(const graph::Plan& plan, double availability, double frequency_per_hour,
                      std::uint64_t seed) {
  const api::Result r = sim::simulate(plan, options(seed, 0.03));
  check_covers(r.system.availability, availability, "simulated availability");
  check_covers(r.system.incidents_per_year, frequency_per_hour * HOURS_PER_YEAR,
               "simulated incidents per year");
}

const std::string SHOCK = R"(, "common_causes": {"same-bug": {"members": ["svc"],
    "shock": {"ttf": {"distribution": "exponential", "mean": "5000h"},
              "ttr": {"distribution": "exponential", "mean": "4h"}}}})";

}  // namespace

TEST_CASE("correlation: a shared shock over a 1-of-2 and a 2-of-3 group (closed forms)",
          "[correlation][exact][sim]") {
  const double a = MTTF / (MTTF + MTTR);
  const double as = 5000.0 / 5004.0, fs = 1.0 / 5004.0;
  for (const auto& [n, k] : std::array<std::pair<int, int>, 2>{{{2, 1}, {3, 2}}}) {
    CAPTURE(n, k);
    const graph::Plan plan = plan_of(model_text(n, k, SHOCK));
    REQUIRE(plan.common_cause_count == 1);
    REQUIRE(exact::check(plan).solver == "bdd");
    // Up: the shock up and k of n members up. Failures: the shock while the members are up, or
    // a member while the shock is up and exactly k are up.
    const double availability = as * k_of_n(k, n, a);
    const double frequency = fs * k_of_n(k, n, a) + as * k_of_n_frequency(k, n, a, LAMBDA);
    check_exact(exact::solve(plan), availability, frequency);
    check_simulation(plan, availability, frequency, 11 + n);
  }
}

TEST_CASE("correlation: beta factor 2-of-3 repaired jointly is a static common element",
          "[correlation][exact][sim]") {
  const double beta = 0.1;
  const graph::Plan plan = plan_of(model_text(3, 2, R"(, "common_causes": {"g": {
      "members": ["m0", "m1", "m2"], "beta": 0.1, "repair": "joint"}})"));
  REQUIRE(exact::check(plan).solver == "bdd");
  // Members fail alone at (1 - beta) lambda; the common part fails all at beta lambda and is
  // repaired as one job in a member's repair time.
  const double mttf_own = MTTF / (1.0 - beta);
  const double a = mttf_own / (mttf_own + MTTR);
  const double ac = (MTTF / beta) / (MTTF / beta + MTTR), fc = 1.0 / (MTTF / beta + MTTR);
  const double availability = ac * k_of_n(2, 3, a);
  const double frequency = fc * k_of_n(2, 3, a) + ac * k_of_n_frequency(2, 3, a, 1.0 / mttf_own);
  check_exact(exact::solve(plan), availability, frequency);
  check_simulation(plan, availability, frequency, 21);
}

TEST_CASE("correlation: beta factor 2-of-3 repaired individually is solved by the CTMC",
          "[correlation][exact][sim]") {
  const double beta = 0.1;
  const graph::Plan plan = plan_of(model_text(3, 2, R"(, "common_causes": {"g": {
      "members": ["svc"], "beta": 0.1, "repair": "individual"}})"));
  const exact::Applicability app = exact::check(plan);
  REQUIRE(app.solver == "ctmc");
  CHECK_THAT(app.reason, Contains("repaired individually"));
  // By hand: the members are interchangeable, so the number down (0..3) is a Markov chain:
  // k -> k+1 at (3-k)(1-beta)lambda, k -> 3 at beta lambda (k < 3), k -> k-1 at k mu.
  const double own = (1.0 - beta) * LAMBDA, common = beta * LAMBDA;
  double q[4][4] = {};
  for (int k = 0; k < 4; ++k) {
    if (k < 3) q[k][k + 1] += (3 - k) * own;
    if (k < 3) q[k][3] += common;
    if (k > 0) q[k][k - 1] += k * MU;
  }
  // Balance equations with pi0 = 1, solved by Gaussian elimination on states 1..3.
  double m[3][4] = {};
  for (int t = 1; t < 4; ++t) {
    double out = 0.0;
    for (int u = 0; u < 4; ++u) out += q[t][u];
    for (int s = 1; s < 4; ++s) m[t - 1][s - 1] = (s == t ? -out : q[s][t]);
    m[t - 1][3] = -q[0][t];
  }
  for (int i = 0; i < 3; ++i) {
    for (int j = i + 1; j < 3; ++j) {
      const double f = m[j][i] / m[i][i];
      for (int c = i; c < 4; ++c) m[j][c] -= f * m[i][c];
    }
  }
  double pi[4] = {1.0, 0.0, 0.0, 0.0};
  for (int i = 2; i >= 0; --i) {
    double v = m[i][3];
    for (int c = i + 1; c < 3; ++c) v -= m[i][c] * pi[c + 1];
    pi[i + 1] = v / m[i][i];
  }
  const double total = pi[0] + pi[1] + pi[2] + pi[3];
  for (double& p : pi) p /= total;
  const double availability = pi[0] + pi[1];
  const double frequency = pi[0] * common + pi[1] * (2.0 * own + common);
  check_exact(exact::solve(plan), availability, frequency);
  check_simulation(plan, availability, frequency, 31);

  // Joint repair of the same group, for the comparison the documentation gives.
  const graph::Plan joint = plan_of(model_text(3, 2, R"(, "common_causes": {"g": {
      "members": ["svc"], "beta": 0.1, "repair": "joint"}})"));
  const double u_joint = exact::solve(joint).system.unavailability.value;
  WARN("2-of-3, beta 0.1: unavailability individual " << 1.0 - availability << ", joint " << u_joint
                                                      << ", ratio "
                                                      << (1.0 - availability) / u_joint);
  // Joint: the group waits for one repair of mean MTTR. Individual: three exponential repairs
  // in parallel, and 2-of-3 is back after two of them, 1/(3 mu) + 1/(2 mu) = 0.83 MTTR on
  // average, so with exponential repairs the individual treatment gives less downtime here.
  CHECK(1.0 - availability < u_joint);
}

TEST_CASE("correlation: two components of one managed type in one region share its events",
          "[correlation][exact][sim]") {
  const std::string text = model_text(2, 1, "", "object_storage");
  // The model states the regional service event of its region.
  std::string with_event = text;
  const std::string zones = R"("zones": {"z0": {}, "z1": {}, "z2": {}})";
  with_event.replace(with_event.find(zones), zones.size(),
                     zones + R"(, "services": {"object_storage": {"outage": {
                         "ttf": {"distribution": "exponential", "mean": "8760h"},
                         "ttr": {"distribution": "exponential", "mean": "3h"}}}})");
  const graph::Plan plan = plan_of(with_event);
  REQUIRE(plan.regional_service_count == 1);
  CHECK(plan.element_name[plan.regional_service_element(0)] == "p/r/object_storage");
  const double a = MTTF / (MTTF + MTTR);
  const double ar = 8760.0 / 8763.0, fr = 1.0 / 8763.0;
  const double availability = ar * k_of_n(1, 2, a);
  const double frequency = fr * k_of_n(1, 2, a) + ar * k_of_n_frequency(1, 2, a, LAMBDA);
  check_exact(exact::solve(plan), availability, frequency);
  check_simulation(plan, availability, frequency, 41);
  // The event is charged to itself in the attribution.
  const api::Result r = exact::solve(plan);
  bool named = false;
  for (const auto& row : r.attribution)
    named = named || (row.level == "regional_service" && row.element == "p/r/object_storage");
  CHECK(named);
}

TEST_CASE("correlation: bad common-cause groups are precise errors", "[correlation][loader]") {
  const auto error_of = [](const std::string& groups) {
    try {
      model::load_text(model_text(3, 2, R"(, "common_causes": )" + groups), "<test>");
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of(R"({"g": {"members": ["m0", "mm1"], "beta": 0.1, "repair": "joint"}})"),
             Contains("/common_causes/g/members/1") && Contains("unknown member \"mm1\"") &&
                 Contains("did you mean"));
  CHECK_THAT(error_of(R"({"g": {"members": ["m0"], "shock": {"mttf": "1y", "mttr": "1h"}}})"),
             Contains("expected at least 2"));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": 1.0, "repair": "joint"}})"),
             Contains("/common_causes/g/beta") && Contains("[0, 1)"));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": -0.1, "repair": "joint"}})"),
             Contains("[0, 1)"));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": 0.1, "repair": "jointly"}})"),
             Contains("/common_causes/g/repair") && Contains("did you mean"));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": 0.1}})"), Contains("\"repair\""));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"]}})"), Contains("expected \"shock\""));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": 0.1, "repair": "joint",
                               "shock": {"mttf": "1y", "mttr": "1h"}}})"),
             Contains("both"));
  CHECK_THAT(error_of(R"({"g": {"members": ["svc"], "beta": 0.1, "repair": "joint"},
                          "h": {"members": ["m0", "m1"], "beta": 0.2, "repair": "joint"}})"),
             Contains("already in the beta-factor group"));
  CHECK_THAT(error_of(R"({"g": {"membres": ["svc"]}})"), Contains("membres"));
}

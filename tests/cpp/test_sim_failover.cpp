// An active-passive pair with exponential failover against the CTMC of the failover state
// machine, solved here with a small dense linear solve.
#include <cmath>
#include <vector>

#include "test_sim_support.h"

using namespace simtest;

namespace {

// Stationary distribution of a CTMC with generator rows rates[i][j] (i != j): solves pi Q = 0,
// sum pi = 1 by Gaussian elimination with partial pivoting (the last balance equation is
// replaced by the normalisation).
std::vector<double> stationary(const std::vector<std::vector<double>>& rates) {
  const int n = static_cast<int>(rates.size());
  std::vector<std::vector<double>> m(n, std::vector<double>(n + 1, 0.0));
  for (int j = 0; j < n; ++j) {  // equation j: sum_i pi_i Q_ij = 0
    for (int i = 0; i < n; ++i) {
      if (i == j) continue;
      m[j][i] += rates[i][j];
      m[j][j] -= rates[j][i];
    }
  }
  for (int i = 0; i < n; ++i) m[n - 1][i] = 1.0;
  m[n - 1][n] = 1.0;
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r)
      if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
    std::swap(m[col], m[pivot]);
    for (int r = 0; r < n; ++r) {
      if (r == col) continue;
      const double f = m[r][col] / m[col][col];
      for (int k = col; k <= n; ++k) m[r][k] -= f * m[col][k];
    }
  }
  std::vector<double> pi(n);
  for (int i = 0; i < n; ++i) pi[i] = m[i][n] / m[i][i];
  return pi;
}

}  // namespace

TEST_CASE("active-passive pair with exponential failover matches its CTMC", "[sim][agreement]") {
  const double MTTF = 1000, MTTR = 10;
  const double SWITCHOVER = 0.5, MANUAL = 5.0, SUCCESS = 0.9;
  Builder b;
  const int prov = b.provider("p");
  const int a = b.component("a", prov, exponential(MTTF, MTTR));
  const int c = b.component("b", prov, exponential(MTTF, MTTR));
  model::Failover f;
  f.detection = model::Distribution::deterministic(0.0);
  f.switchover = model::Distribution::exponential(SWITCHOVER);
  f.manual_recovery = model::Distribution::exponential(MANUAL);
  f.success_probability = SUCCESS;
  b.capability("all", {b.active_passive("db", {a, c}, f)});
  const api::Result r = sim::simulate(b.plan(), options(41, 0.03));

  // States, with S the serving replica and O the other (both have the same rates, so the
  // chain can be written relative to the serving one):
  //   0: S up, O up, serving                      (up)
  //   1: S up, O down, serving                    (up)
  //   2: S down, O up, failover, automatic branch (down; completes at rate 1/SWITCHOVER)
  //   3: same, manual branch                      (down; completes at rate 1/MANUAL)
  //   4: S down, O down, failover, automatic      (down)
  //   5: S down, O down, failover, manual         (down)
  //   6: failover done, nobody healthy: waiting   (down)
  // Failure of S starts a failover whose branch is drawn with SUCCESS. In 2/3 the failover
  // completes onto O (which then serves, the old S down: state 1), S recovering first resumes
  // on S (state 0), O failing moves to 4/5. In 4/5 S recovering resumes on S (state 1), O
  // recovering moves to 2/3, completion with nobody healthy waits (6). In 6 whichever replica
  // is repaired first serves at once (state 1). No failback.
  const double l = 1 / MTTF, m = 1 / MTTR;
  auto chain = [&](double ca, double cm, double success) {
    std::vector<std::vector<double>> q(7, std::vector<double>(7, 0.0));
    q[0][2] = l * success;
    q[0][3] = l * (1 - success);
    q[0][1] = l;
    q[1][4] = l * success;
    q[1][5] = l * (1 - success);
    q[1][0] = m;
    q[2][1] = ca;
    q[2][0] = m;
    q[2][4] = l;
    q[3][1] = cm;
    q[3][0] = m;
    q[3][5] = l;
    q[4][1] = m;
    q[4][2] = m;
    q[4][6] = ca;
    q[5][1] = m;
    q[5][3] = m;
    q[5][6] = cm;
    q[6][1] = 2 * m;
    return stationary(q);
  };
  // Sanity of the chain: an (almost) instant, always successful failover is a 1-of-2 pair.
  const std::vector<double> instant = chain(1e9, 1e9, 1.0);
  CHECK(instant[0] + instant[1] ==
        Approx(1 - (MTTR / (MTTF + MTTR)) * (MTTR / (MTTF + MTTR))).epsilon(1e-8));

  const std::vector<double> pi = chain(1 / SWITCHOVER, 1 / MANUAL, SUCCESS);
  const double availability = pi[0] + pi[1];
  const double incidents = (pi[0] + pi[1]) * l * 8760.0;  // S failing is the only way down

  report("active-passive A", r.system.availability, availability);
  report("active-passive incidents/yr", r.system.incidents_per_year, incidents);
  report("active-passive mean incident h", r.system.mean_incident_hours,
         (1 - availability) * 8760.0 / incidents);
  check_covers(r.system.availability, availability, "availability");
  check_covers(r.system.incidents_per_year, incidents, "incidents per year");
  check_covers(r.system.mean_incident_hours, (1 - availability) * 8760.0 / incidents,
               "mean incident hours");
  // Failover outages are charged to the component that failed.
  for (const auto& row : r.attribution) CHECK(row.level == "component");
}

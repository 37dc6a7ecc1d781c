// Recovery gated by control planes and responders: the CTMC against Markov chains written out
// by hand for three models (a failover that waits for a provider control plane, a standby pair
// repaired by one or two responders, a replacement that needs its region's control plane), and
// the simulator against both.
#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <vector>

#include "outagesim/exact/solve.h"
#include "test_sim_support.h"

using namespace simtest;

namespace {

// The stationary distribution of a small chain given by its states and a rate function; returns
// the long-run probability of the states where `up` holds.
template <typename State>
double stationary_up(const std::vector<State>& states,
                     const std::function<std::vector<std::pair<State, double>>(const State&)>& next,
                     const std::function<bool(const State&)>& up) {
  const int n = static_cast<int>(states.size());
  std::map<State, int> index;
  for (int i = 0; i < n; ++i) index[states[i]] = i;
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    for (const auto& [to, rate] : next(states[i])) {
      const auto it = index.find(to);
      REQUIRE(it != index.end());
      if (it->second == i) continue;
      q(i, it->second) += rate;
      q(i, i) -= rate;
    }
  }
  // pi Q = 0, sum pi = 1: replace one balance equation by the normalisation.
  Eigen::MatrixXd m = q.transpose();
  m.row(n - 1).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs[n - 1] = 1.0;
  const Eigen::VectorXd pi = m.fullPivLu().solve(rhs);
  double total = 0.0;
  for (int i = 0; i < n; ++i)
    if (up(states[i])) total += pi[i];
  return total;
}

model::ControlPlane control_plane(const std::string& name, int domain, double mttf, double mttr) {
  model::ControlPlane cp;
  cp.name = name;
  cp.domain = domain;
  cp.outage = exponential(mttf, mttr);
  return cp;
}

sim::Options long_run(std::uint64_t seed) {
  sim::Options o = options(seed, 0.0, 2);
  o.replications = 200;
  o.horizon_hours = 20.0 * 8760.0;
  o.max_seconds = 60.0;
  return o;
}

// --- 1: a failover that waits for the provider's control plane --------------------------------
// Two sites; each replica fails at 1/200 h and is repaired in 10 h; the switchover (0.5 h,
// exponential) needs the provider control plane, which fails at 1/300 h for 8 h.
constexpr double L = 1.0 / 200.0, MU = 1.0 / 10.0, S = 2.0, LC = 1.0 / 300.0, MC = 1.0 / 8.0;

graph::Plan failover_model(model::ControlPlaneDown action) {
  Builder b("failover-waits");
  const int p = b.provider("aws");
  const int east = b.region(p, "east"), west = b.region(p, "west");
  const int a = b.component("db-a", east, exponential(1.0 / L, 1.0 / MU));
  const int c = b.component("db-b", west, exponential(1.0 / L, 1.0 / MU));
  model::Failover f;
  f.switchover = model::Distribution::exponential(1.0 / S);
  f.manual_recovery = model::Distribution::exponential(3.0);
  f.control_planes.assign(3, {0});
  f.without_control_plane = action;
  b.active_passive("db", {a, c}, f);
  b.a.control_planes.push_back(control_plane("aws", p, 1.0 / LC, 1.0 / MC));
  return b.plan();
}

// (replica a down, replica b down, control plane down, serving, phase)
enum Phase { SERVE, WAIT_PLANE, SWITCHING, MANUAL, NONE_HEALTHY };
using FailoverState = std::array<int, 5>;

FailoverState settle_failover(FailoverState s, bool fail_without_plane) {
  auto& [a, b, c, serving, phase] = s;
  const bool up[2] = {a == 0, b == 0};
  for (;;) {
    if (phase == SERVE) {
      if (up[serving]) return s;
      // Detection is instant: the failover starts now, or waits, or (fail) goes to manual.
      phase = c ? (fail_without_plane ? MANUAL : WAIT_PLANE) : SWITCHING;
      return s;
    }
    if (phase == WAIT_PLANE || phase == SWITCHING || phase == MANUAL) {
      if (up[serving]) {
        phase = SERVE;
        return s;
      }
      if (phase == WAIT_PLANE && !c) phase = SWITCHING;
      return s;
    }
    // NONE_HEALTHY: the failover has run; the first healthy replica serves at once.
    for (int r = 0; r < 2; ++r) {
      if (up[r]) {
        serving = r;
        phase = SERVE;
        return s;
      }
    }
    serving = 0;
    return s;
  }
}

double hand_failover(bool fail_without_plane) {
  std::vector<FailoverState> states;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = 0; c < 2; ++c)
        for (int serving = 0; serving < 2; ++serving)
          for (int phase = 0; phase < 5; ++phase) states.push_back({a, b, c, serving, phase});
  // Keep the settled states only (the others are never occupied).
  std::vector<FailoverState> settled;
  for (const auto& s : states)
    if (settle_failover(s, fail_without_plane) == s) settled.push_back(s);
  auto next = [&](const FailoverState& s) {
    std::vector<std::pair<FailoverState, double>> out;
    auto go = [&](FailoverState t, double rate) {
      out.push_back({settle_failover(t, fail_without_plane), rate});
    };
    for (int i = 0; i < 2; ++i) {
      FailoverState t = s;
      t[i] ^= 1;
      go(t, s[i] ? MU : L);
    }
    FailoverState t = s;
    t[2] ^= 1;
    go(t, s[2] ? MC : LC);
    if (s[4] == SWITCHING || s[4] == MANUAL) {
      FailoverState done = s;
      done[4] = NONE_HEALTHY;
      go(done, s[4] == SWITCHING ? S : 1.0 / 3.0);
    }
    return out;
  };
  return stationary_up<FailoverState>(settled, next,
                                      [](const FailoverState& s) { return s[4] == SERVE; });
}

// --- 2: a standby pair repaired by hand ---------------------------------------------------------
// Two replicas, one needed; each fails at 1/100 h; a responder engages in 1 h (exponential),
// then repairs in 12 h; one or two responders.
constexpr double L2 = 1.0 / 100.0, ENGAGE = 1.0, REPAIR = 1.0 / 12.0;

graph::Plan standby_model(int responders) {
  Builder b("standby");
  const int p = b.provider("dc");
  const int x = b.component("x", p, exponential(1.0 / L2, 1.0 / REPAIR));
  const int y = b.component("y", p, exponential(1.0 / L2, 1.0 / REPAIR));
  b.a.components[x].repair = b.a.components[y].repair = model::RepairMode::manual;
  b.active_active("pair", {x, y}, 1);
  model::Operations ops;
  ops.responders = responders;
  ops.engage = model::Distribution::exponential(1.0 / ENGAGE);
  b.a.operations = ops;
  return b.plan();
}

// (status of x, status of y, which was queued first when both wait): 0 up, 1 queued,
// 2 engaging, 3 repairing.
using StandbyState = std::array<int, 3>;

StandbyState settle_standby(StandbyState s, int responders) {
  int busy = (s[0] >= 2) + (s[1] >= 2);
  for (;;) {
    int pick = -1;
    if (s[0] == 1 && s[1] == 1) {
      pick = s[2];
    } else if (s[0] == 1) {
      pick = 0;
    } else if (s[1] == 1) {
      pick = 1;
    }
    if (pick < 0 || busy >= responders) break;
    s[pick] = 2;
    ++busy;
  }
  if (!(s[0] == 1 && s[1] == 1)) s[2] = 0;
  return s;
}

double hand_standby(int responders) {
  std::vector<StandbyState> states;
  for (int x = 0; x < 4; ++x)
    for (int y = 0; y < 4; ++y)
      for (int first = 0; first < 2; ++first) {
        const StandbyState s{x, y, first};
        if (settle_standby(s, responders) == s) states.push_back(s);
      }
  auto next = [&](const StandbyState& s) {
    std::vector<std::pair<StandbyState, double>> out;
    for (int i = 0; i < 2; ++i) {
      StandbyState t = s;
      if (s[i] == 0) {
        t[i] = 1;
        // Queued behind the other when it is waiting already.
        if (s[1 - i] == 1) t[2] = 1 - i;
        out.push_back({settle_standby(t, responders), L2});
      } else if (s[i] == 2) {
        t[i] = 3;
        out.push_back({settle_standby(t, responders), ENGAGE});
      } else if (s[i] == 3) {
        t[i] = 0;
        out.push_back({settle_standby(t, responders), REPAIR});
      }
    }
    return out;
  };
  return stationary_up<StandbyState>(states, next,
                                     [](const StandbyState& s) { return s[0] == 0 || s[1] == 0; });
}

// --- 3: a replacement that needs its region's control plane -------------------------------------
// One component fails at 1/50 h and is replaced in 2 h once its region's control plane is up;
// that control plane fails at 1/100 h for 10 h.
constexpr double L3 = 1.0 / 50.0, R3 = 1.0 / 2.0, LC3 = 1.0 / 100.0, MC3 = 1.0 / 10.0;

graph::Plan replacement_model() {
  Builder b("replacement");
  const int p = b.provider("aws");
  const int r = b.region(p, "east");
  const int c = b.component("vm", r, exponential(1.0 / L3, 1.0 / R3));
  b.a.components[c].repair = model::RepairMode::replace;
  b.a.components[c].repair_control_plane = 0;
  b.a.control_planes.push_back(control_plane("aws/east", r, 1.0 / LC3, 1.0 / MC3));
  b.active_active("app", {c}, 1);
  return b.plan();
}

double hand_replacement() {
  // (component: 0 up, 1 waiting for the control plane, 2 being replaced; control plane down)
  using State = std::array<int, 2>;
  auto settle = [](State s) {
    if (s[0] == 1 && s[1] == 0) s[0] = 2;
    return s;
  };
  const std::vector<State> states{{0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}};
  auto next = [&](const State& s) {
    std::vector<std::pair<State, double>> out;
    if (s[0] == 0) out.push_back({settle({s[1] ? 1 : 2, s[1]}), L3});
    if (s[0] == 2) out.push_back({settle({0, s[1]}), R3});
    out.push_back({settle({s[0], 1 - s[1]}), s[1] ? MC3 : LC3});
    return out;
  };
  return stationary_up<State>(states, next, [](const State& s) { return s[0] == 0; });
}

}  // namespace

TEST_CASE("a failover that waits for the provider control plane: CTMC, hand chain, simulator",
          "[exact][gates][ctmc]") {
  for (const auto action : {model::ControlPlaneDown::wait, model::ControlPlaneDown::fail}) {
    const bool fail = action == model::ControlPlaneDown::fail;
    const graph::Plan plan = failover_model(action);
    const exact::Applicability applies = exact::check(plan);
    REQUIRE(applies.possible);
    CHECK(applies.solver == "ctmc");
    const double hand = hand_failover(fail);
    const api::Result e = exact::solve(plan);
    INFO("without control plane: " << model::to_string(action));
    CHECK(e.system.availability.value == Approx(hand).epsilon(1e-10));
    const api::Result r = sim::simulate(plan, long_run(17));
    report(std::string("failover, control plane ") + model::to_string(action),
           r.system.availability, hand);
    check_covers(r.system.availability, hand, "availability");
  }
  // The statically stable design (no control plane needed) is better by the waits.
  const graph::Plan waits = failover_model(model::ControlPlaneDown::wait);
  model::Architecture stable = waits.architecture;
  stable.services[0].failover.control_planes.clear();
  stable.control_planes.clear();
  const double a_stable = exact::solve(graph::build_plan(stable)).system.availability.value;
  CHECK(a_stable > exact::solve(waits).system.availability.value);
}

TEST_CASE("a standby pair repaired by one or two responders: CTMC, hand chain, simulator",
          "[exact][gates][ctmc]") {
  double previous = 0.0;
  for (int responders : {1, 2}) {
    const graph::Plan plan = standby_model(responders);
    const double hand = hand_standby(responders);
    const api::Result e = exact::solve(plan);
    INFO(responders << " responders");
    CHECK(e.system.availability.value == Approx(hand).epsilon(1e-10));
    const api::Result r = sim::simulate(plan, long_run(23));
    report("standby, " + std::to_string(responders) + " responders", r.system.availability, hand);
    check_covers(r.system.availability, hand, "availability");
    CHECK(hand > previous);  // a second responder helps
    previous = hand;
  }
}

TEST_CASE("a replacement that needs the region's control plane: CTMC, hand chain, simulator",
          "[exact][gates][ctmc]") {
  const graph::Plan plan = replacement_model();
  const double hand = hand_replacement();
  const api::Result e = exact::solve(plan);
  CHECK(e.system.availability.value == Approx(hand).epsilon(1e-10));
  // Below the provider-repaired component's MTTF / (MTTF + MTTR): the waits cost.
  CHECK(hand < (1.0 / L3) / (1.0 / L3 + 1.0 / R3));
  const api::Result r = sim::simulate(plan, long_run(29));
  report("replacement", r.system.availability, hand);
  check_covers(r.system.availability, hand, "availability");
}

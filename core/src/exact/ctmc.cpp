// The CTMC of a failover model: state space by breadth-first search, sparse generator, solve.
#include "ctmc.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "bdd_measures.h"
#include "buddy_session.h"
#include "ctmc_symmetry.h"
#include "outagesim/error.h"
#include "structure.h"
#include "work_budget.h"

namespace outagesim::exact {

namespace {

using model::Distribution;
using model::RedundancyMode;
using model::Scope;

// Beyond this many states the direct solver's fill-in gets too large; iterate instead.
constexpr std::size_t DIRECT_SOLVER_LIMIT = 4'000;

// Failover phases of an active_passive service. The *_START / DETECT_DONE phases are
// instantaneous: they only exist while a successor state is being settled.
enum Phase : std::uint8_t {
  SERVING,
  DETECT,
  SWITCH,
  MANUAL,
  WAIT,
  DETECT_START,
  DETECT_DONE,
  SWITCH_START,
  MANUAL_START,
  // Gated recovery (docs/model-format.md#control-planes, #operations): waiting for a control
  // plane the switchover needs, queued for a responder, a responder engaging before the manual
  // recovery.
  PLANE_WAIT,
  RESPONDER_WAIT,
  ENGAGE
};

// Repair status of a gated component's bit while it is down.
enum RepairStatus : std::uint8_t { AWAITING = 0, ENGAGING = 1, REPAIRING = 2 };

// Rate of an exponential timing, 0 for an instantaneous one (a zero duration).
double rate_of(const Distribution& d) { return d.is_zero() ? 0.0 : 1.0 / d.mean; }

std::string describe_timing(const std::string& what, const Distribution& d) {
  return what + " is " + d.describe() + ", not exponential";
}

}  // namespace

std::vector<bool> tracked_elements(const graph::Plan& plan) {
  const model::Architecture& a = plan.architecture;
  // Services whose state a failover can observe: every active_passive one and, transitively,
  // what they depend on.
  std::vector<bool> needed(a.services.size(), false);
  std::vector<int> stack;
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (a.services[s].mode == RedundancyMode::active_passive) {
      needed[s] = true;
      stack.push_back(static_cast<int>(s));
    }
  }
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    for (const model::Dependency& d : a.services[s].depends_on) {
      if (!needed[d.service]) {
        needed[d.service] = true;
        stack.push_back(d.service);
      }
    }
  }
  std::vector<bool> tracked(plan.element_count(), false);
  // The members of a common failure with individual repairs are coupled by it, so they are not
  // independent of each other: they must be in the chain, with the trigger as a transition.
  for (int e = 0; e < plan.element_count(); ++e) {
    for (const int* c = plan.element_triggers.begin(e); c != plan.element_triggers.end(e); ++c)
      tracked[plan.component_element(*c)] = true;
  }
  // Gated recovery couples a component to the control plane its replacement needs, and every
  // job that needs a responder to every other; a failover to the control planes it needs.
  auto track_plane = [&](int cp) {
    for (const int* e = plan.control_plane_support.begin(cp);
         e != plan.control_plane_support.end(cp); ++e)
      tracked[*e] = true;
  };
  for (int c = 0; c < plan.component_count; ++c) {
    const model::Component& component = a.components[c];
    if (component.repair == model::RepairMode::provider) continue;
    tracked[plan.component_element(c)] = true;
    if (component.repair_control_plane >= 0) track_plane(component.repair_control_plane);
  }
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (!needed[s]) continue;
    for (const auto& list : a.services[s].failover.control_planes)
      for (int cp : list) track_plane(cp);
  }
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (!needed[s]) continue;
    for (int c : a.services[s].replicas) {
      for (const int* e = plan.component_support.begin(c); e != plan.component_support.end(c);
           ++e) {
        tracked[*e] = true;
      }
    }
  }
  return tracked;
}

namespace {

struct ChainSpec {
  std::vector<int> bit_element;     // per state bit: its element
  std::vector<double> fail_rate;    // per bit
  std::vector<double> repair_rate;  // per bit
  std::vector<int> element_bit;     // per element: its bit, -1 when always up
  // Per service: offset of (serving, phase[, target]), -1 for active_active. The target byte
  // (replica position + 1, 0 for none) exists only for a service with per-target timings, so
  // that other chains keep their states.
  std::vector<int> ap_byte;
  std::vector<bool> has_targets;       // per service
  std::vector<double> detection_rate;  // per service
  // Per service, by target code (0: no target, the service's own; r + 1: replica r).
  std::vector<std::vector<double>> switchover_rate, manual_rate, success_probability;
  int bit_bytes = 0;
  int state_bytes = 0;
  ChainSymmetry symmetry;  // interchangeable replicas, lumped into counts
  // Common failures with individual repairs (graph::Plan::element_triggers): at trigger_rate[i]
  // every bit of trigger_bits[i] goes down at once.
  std::vector<double> trigger_rate;
  std::vector<std::vector<int>> trigger_bits;

  // --- gated recovery ---
  bool gated = false;
  std::vector<std::vector<int>> plane_bits;   // per control plane: the bits of its support
  std::vector<int> status_byte;               // per bit: its repair status byte, -1 if ungated
  std::vector<model::RepairMode> bit_repair;  // per bit
  std::vector<int> bit_plane;                 // per bit: the control plane a replacement needs
  // Per service, per target code: the control planes its switchover needs.
  std::vector<std::vector<std::vector<int>>> failover_planes;
  std::vector<bool> fail_without_plane;  // per service
  int responders = 0;                    // 0: no operations
  double engage_rate = 0.0;
  // Responder jobs: manual bits, then services that can go to manual recovery. The queue holds
  // job + 1 in first-come order, zeros after the last.
  std::vector<int> bit_job, service_job;  // per bit / per service: its job, or -1
  std::vector<int> job_bit, job_service;  // per job: its bit or service, -1 for the other
  int queue_byte = -1;
  int queue_length = 0;
};

ChainSpec make_spec(const graph::Plan& plan, bool track_everything, bool lump) {
  ChainSpec spec;
  spec.element_bit.assign(plan.element_count(), -1);
  std::vector<bool> tracked = tracked_elements(plan);
  if (track_everything) tracked.assign(plan.element_count(), true);
  for (int e = 0; e < plan.element_count(); ++e) {
    const model::FailureProcess& p = plan.element_process[e];
    // A zero repair time means the element is never observed down. A trigger is never down.
    if (!tracked[e] || p.never_fails || p.ttr.is_zero() || plan.element_triggers.count(e) > 0)
      continue;
    spec.element_bit[e] = static_cast<int>(spec.bit_element.size());
    spec.bit_element.push_back(e);
    spec.fail_rate.push_back(1.0 / p.ttf.mean);
    spec.repair_rate.push_back(1.0 / p.mttr());
  }
  for (int e = 0; e < plan.element_count(); ++e) {
    if (plan.element_triggers.count(e) == 0 || plan.element_process[e].never_fails) continue;
    std::vector<int> bits;
    for (const int* c = plan.element_triggers.begin(e); c != plan.element_triggers.end(e); ++c) {
      const int b = spec.element_bit[plan.component_element(*c)];
      if (b >= 0) bits.push_back(b);
    }
    spec.trigger_rate.push_back(1.0 / plan.element_process[e].ttf.mean);
    spec.trigger_bits.push_back(std::move(bits));
  }
  spec.bit_bytes = (static_cast<int>(spec.bit_element.size()) + 7) / 8;
  // Lumping permutes interchangeable replicas, but a common failure singles out its members, and
  // a responder queue or a control plane tells replicas apart by their place in it.
  if (lump && spec.trigger_rate.empty() && !plan.architecture.has_gated_recovery()) {
    spec.symmetry = find_chain_symmetry(plan, spec.element_bit, spec.fail_rate, spec.repair_rate);
  }
  int offset = spec.bit_bytes;
  const model::Architecture& a = plan.architecture;
  spec.gated = a.has_gated_recovery();
  spec.status_byte.assign(spec.bit_element.size(), -1);
  spec.bit_repair.assign(spec.bit_element.size(), model::RepairMode::provider);
  spec.bit_plane.assign(spec.bit_element.size(), -1);
  spec.bit_job.assign(spec.bit_element.size(), -1);
  spec.service_job.assign(a.services.size(), -1);
  if (a.operations) {
    spec.responders = a.operations->responders;
    spec.engage_rate = rate_of(a.operations->engage);
  }
  for (int cp = 0; cp < plan.control_plane_support.size(); ++cp) {
    std::vector<int> bits;
    for (const int* e = plan.control_plane_support.begin(cp);
         e != plan.control_plane_support.end(cp); ++e)
      if (spec.element_bit[*e] >= 0) bits.push_back(spec.element_bit[*e]);
    spec.plane_bits.push_back(std::move(bits));
  }
  for (std::size_t b = 0; b < spec.bit_element.size(); ++b) {
    const int e = spec.bit_element[b];
    if (plan.element_kind[e] != graph::ElementKind::component) continue;
    const model::Component& component = a.components[e - plan.domain_count];
    if (component.repair == model::RepairMode::provider) continue;
    if (component.repair == model::RepairMode::manual && spec.responders == 0) continue;
    spec.status_byte[b] = offset++;
    spec.bit_repair[b] = component.repair;
    spec.bit_plane[b] = component.repair_control_plane;
    if (component.repair == model::RepairMode::manual) {
      spec.bit_job[b] = static_cast<int>(spec.job_bit.size());
      spec.job_bit.push_back(static_cast<int>(b));
      spec.job_service.push_back(-1);
    }
  }
  for (const model::Service& s : a.services) {
    const bool targets = !s.failover.targets.empty() || s.failover.needs_control_plane();
    spec.has_targets.push_back(targets);
    if (s.mode == RedundancyMode::active_passive) {
      spec.ap_byte.push_back(offset);
      offset += targets ? 3 : 2;
    } else {
      spec.ap_byte.push_back(-1);
    }
    spec.detection_rate.push_back(rate_of(s.failover.detection));
    std::vector<double> sw, manual, success;
    for (int code = 0; code <= static_cast<int>(s.replicas.size()); ++code) {
      sw.push_back(rate_of(s.failover.switchover_to(code - 1)));
      manual.push_back(rate_of(s.failover.manual_recovery_to(code - 1)));
      success.push_back(s.failover.success_probability_to(code - 1));
    }
    spec.switchover_rate.push_back(std::move(sw));
    spec.manual_rate.push_back(std::move(manual));
    spec.success_probability.push_back(std::move(success));
    std::vector<std::vector<int>> planes;
    for (int code = 0; code <= static_cast<int>(s.replicas.size()); ++code)
      planes.push_back(s.failover.control_planes_to(code - 1));
    spec.failover_planes.push_back(std::move(planes));
    spec.fail_without_plane.push_back(s.failover.without_control_plane ==
                                      model::ControlPlaneDown::fail);
  }
  if (spec.responders > 0) {
    for (std::size_t s = 0; s < a.services.size(); ++s) {
      if (spec.ap_byte[s] < 0) continue;
      spec.service_job[s] = static_cast<int>(spec.job_bit.size());
      spec.job_bit.push_back(-1);
      spec.job_service.push_back(static_cast<int>(s));
    }
  }
  if (!spec.job_bit.empty()) {
    spec.queue_byte = offset;
    spec.queue_length = static_cast<int>(spec.job_bit.size());
    offset += spec.queue_length;
  }
  spec.state_bytes = offset;
  return spec;
}

struct Successor {
  std::string state;
  double probability;
};

// What a settled state looks like from outside.
struct Evaluation {
  std::vector<char> component_up;
  std::vector<char> healthy;  // per (service, replica), at plan.service_replicas offsets
  std::vector<char> service_up;
};

class Chain {
 public:
  explicit Chain(const graph::Plan& plan, bool track_everything = false, bool lump = true)
      : plan_(plan), a_(plan.architecture), spec_(make_spec(plan, track_everything, lump)) {}

  const ChainSpec& spec() const { return spec_; }

  std::string all_up() const {
    std::string st(spec_.state_bytes, '\0');  // every bit 0 (= up), every service serving replica 0
    return st;
  }

  bool element_up(const std::string& st, int e) const {
    const int b = spec_.element_bit[e];
    return b < 0 || !((static_cast<unsigned char>(st[b / 8]) >> (b % 8)) & 1u);
  }

  static bool bit_down(const std::string& st, int b) {
    return (static_cast<unsigned char>(st[b / 8]) >> (b % 8)) & 1u;
  }
  bool plane_up(const std::string& st, int plane) const {
    for (int b : spec_.plane_bits[static_cast<std::size_t>(plane)])
      if (bit_down(st, b)) return false;
    return true;
  }
  // The first control plane of `planes` that is down, or -1.
  int first_down_plane(const std::string& st, const std::vector<int>& planes) const {
    for (int cp : planes)
      if (!plane_up(st, cp)) return cp;
    return -1;
  }
  void queue_push(std::string& st, int job) const {
    for (int i = 0; i < spec_.queue_length; ++i) {
      if (st[spec_.queue_byte + i] == 0) {
        st[spec_.queue_byte + i] = static_cast<char>(job + 1);
        return;
      }
    }
  }
  void queue_remove(std::string& st, int job) const {
    const auto begin = st.begin() + spec_.queue_byte;
    const auto end = begin + spec_.queue_length;
    const auto it = std::remove(begin, end, static_cast<char>(job + 1));
    std::fill(it, end, '\0');
  }
  int queue_pop(std::string& st) const {
    const int job = static_cast<unsigned char>(st[spec_.queue_byte]) - 1;
    if (job >= 0) queue_remove(st, job);
    return job;
  }
  // The target code of the failover of service `s` in progress (0 when none or not tracked).
  int target_code(const std::string& st, int s) const {
    return spec_.has_targets[s] ? static_cast<unsigned char>(st[spec_.ap_byte[s] + 2]) : 0;
  }

  // Settles `st` after an event: health in service order, failover rules applied; the
  // instantaneous branch of a failover (success or not) forks the state.
  std::vector<Successor> settle(const std::string& st) const {
    std::vector<Successor> out;
    settle_from(st, 0, 1.0, initial_evaluation(st), out);
    return out;
  }

 private:
  Evaluation initial_evaluation(const std::string& st) const {
    Evaluation ev;
    ev.component_up.assign(plan_.component_count, 1);
    for (int c = 0; c < plan_.component_count; ++c) {
      for (const int* e = plan_.component_support.begin(c); e != plan_.component_support.end(c);
           ++e) {
        if (!element_up(st, *e)) {
          ev.component_up[c] = 0;
          break;
        }
      }
    }
    ev.healthy.assign(plan_.service_replicas.items.size(), 0);
    ev.service_up.assign(a_.services.size(), 0);
    return ev;
  }

  void compute_health(int s, const std::string& st, Evaluation& ev) const {
    const model::Service& service = a_.services[s];
    const int base = plan_.service_replicas.offsets[s];
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      bool h = ev.component_up[service.replicas[r]];
      for (std::size_t j = 0; h && j < service.depends_on.size(); ++j) {
        const model::Dependency& dep = service.depends_on[j];
        const int d = dep.service;
        if (!ev.service_up[d]) {
          h = false;
          break;
        }
        const int row = plan_.scope_row(s, static_cast<int>(r), static_cast<int>(j));
        const int dbase = plan_.service_replicas.offsets[d];
        bool some = false;
        if (spec_.ap_byte[d] >= 0) {
          // Only the serving replica counts; it is healthy whenever the service is up.
          if (dep.scope == Scope::any) {
            some = true;
          } else {
            const int serving = static_cast<unsigned char>(st[spec_.ap_byte[d]]);
            for (const int* q = plan_.scope_candidates.begin(row);
                 q != plan_.scope_candidates.end(row); ++q) {
              if (*q == serving) some = ev.healthy[dbase + serving];
            }
          }
        } else {
          for (const int* q = plan_.scope_candidates.begin(row);
               q != plan_.scope_candidates.end(row); ++q) {
            if (ev.healthy[dbase + *q]) {
              some = true;
              break;
            }
          }
        }
        h = some;
      }
      ev.healthy[base + r] = h;
    }
  }

  void settle_from(std::string st, std::size_t pos, double prob, Evaluation ev,
                   std::vector<Successor>& out) const {
    for (; pos < plan_.service_order.size(); ++pos) {
      const int s = plan_.service_order[pos];
      const model::Service& service = a_.services[s];
      compute_health(s, st, ev);
      const char* h = &ev.healthy[plan_.service_replicas.offsets[s]];
      const int n = static_cast<int>(service.replicas.size());
      if (spec_.ap_byte[s] < 0) {
        int count = 0;
        for (int r = 0; r < n; ++r) count += h[r] ? 1 : 0;
        ev.service_up[s] = count >= service.min_healthy;
        continue;
      }
      const int at = spec_.ap_byte[s];
      auto serving = [&]() { return static_cast<int>(static_cast<unsigned char>(st[at])); };
      auto phase = [&]() { return static_cast<Phase>(st[at + 1]); };
      auto set_phase = [&](Phase p) { st[at + 1] = static_cast<char>(p); };
      const bool targets = spec_.has_targets[s];
      // The target code of the failover in progress (0 when none or not tracked).
      auto target = [&]() { return targets ? static_cast<unsigned char>(st[at + 2]) : 0; };
      auto set_target = [&](int code) {
        if (targets) st[at + 2] = static_cast<char>(code);
      };
      bool settled = false;
      while (!settled) {
        switch (phase()) {
          case SERVING:
            if (h[serving()]) {
              settled = true;
            } else {
              // The failover's target: the first healthy replica in replica order now.
              int code = 0;
              for (int r = 0; r < n && code == 0; ++r) {
                if (h[r]) code = r + 1;
              }
              set_target(code);
              set_phase(DETECT_START);
            }
            break;
          case DETECT_START:
            set_phase(spec_.detection_rate[s] == 0.0 ? DETECT_DONE : DETECT);
            break;
          case DETECT:
          case SWITCH:
          case MANUAL:
          case ENGAGE:
            // The serving replica is back before the failover completed: resume on it (a
            // responder working on it is free again).
            if (h[serving()]) {
              set_phase(SERVING);
              set_target(0);
            }
            settled = true;
            break;
          case PLANE_WAIT:
            if (h[serving()]) {
              set_phase(SERVING);
              set_target(0);
              settled = true;
            } else if (first_down_plane(st, spec_.failover_planes[s][target()]) < 0) {
              set_phase(SWITCH_START);
            } else {
              settled = true;
            }
            break;
          case RESPONDER_WAIT:
            if (h[serving()]) {
              queue_remove(st, spec_.service_job[s]);
              set_phase(SERVING);
              set_target(0);
            }
            settled = true;
            break;
          case DETECT_DONE: {
            if (h[serving()]) {
              set_phase(SERVING);
              set_target(0);
              break;
            }
            const double p = spec_.success_probability[s][target()];
            if (p >= 1.0) {
              set_phase(SWITCH_START);
            } else if (p <= 0.0) {
              set_phase(MANUAL_START);
            } else {
              std::string manual = st;
              manual[at + 1] = static_cast<char>(MANUAL_START);
              settle_from(std::move(manual), pos, prob * (1.0 - p), ev, out);
              prob *= p;
              set_phase(SWITCH_START);
            }
            break;
          }
          case SWITCH_START:
            if (first_down_plane(st, spec_.failover_planes[s][target()]) >= 0) {
              // A control plane the switchover needs is down: wait for it, or fail over by hand.
              set_phase(spec_.fail_without_plane[s] ? MANUAL_START : PLANE_WAIT);
              settled = !spec_.fail_without_plane[s];
              break;
            }
            set_phase(spec_.switchover_rate[s][target()] == 0.0 ? WAIT : SWITCH);
            break;
          case MANUAL_START:
            if (spec_.service_job[s] >= 0) {
              // Recovery by hand waits for a responder (assigned once every service settled).
              queue_push(st, spec_.service_job[s]);
              set_phase(RESPONDER_WAIT);
              settled = true;
              break;
            }
            set_phase(spec_.manual_rate[s][target()] == 0.0 ? WAIT : MANUAL);
            break;
          case WAIT: {
            set_target(0);  // the procedure has run: where it aimed no longer matters
            // The failover procedure has run: serve from the first healthy replica, at once.
            int first = -1;
            for (int r = 0; r < n && first < 0; ++r) {
              if (h[r]) first = r;
            }
            st[at] = static_cast<char>(first < 0 ? 0 : first);
            if (first >= 0) set_phase(SERVING);
            settled = true;
            break;
          }
        }
      }
      ev.service_up[s] = phase() == SERVING;
    }
    if (spec_.gated && apply_gates(st)) {
      // A failover finished at once when its responder came: settle everything again.
      settle_from(std::move(st), 0, prob, initial_evaluation(st), out);
      return;
    }
    out.push_back({std::move(st), prob});
  }

  // Replacements whose control plane is usable start; free responders take queued jobs, first
  // come first served. True when a failover completed at once (the state must settle again).
  bool apply_gates(std::string& st) const {
    for (std::size_t b = 0; b < spec_.status_byte.size(); ++b) {
      const int at = spec_.status_byte[b];
      if (at < 0 || spec_.bit_repair[b] != model::RepairMode::replace) continue;
      if (!bit_down(st, static_cast<int>(b)) || st[at] != AWAITING) continue;
      if (spec_.bit_plane[b] < 0 || plane_up(st, spec_.bit_plane[b])) st[at] = REPAIRING;
    }
    if (spec_.responders == 0 || spec_.queue_byte < 0) return false;
    int busy = 0;
    for (std::size_t b = 0; b < spec_.status_byte.size(); ++b) {
      if (spec_.bit_job[b] >= 0 && bit_down(st, static_cast<int>(b)) &&
          st[spec_.status_byte[b]] != AWAITING)
        ++busy;
    }
    for (std::size_t s = 0; s < spec_.ap_byte.size(); ++s) {
      const int at = spec_.ap_byte[s];
      if (at >= 0 && (st[at + 1] == ENGAGE || st[at + 1] == MANUAL)) ++busy;
    }
    bool resettle = false;
    while (busy < spec_.responders) {
      const int job = queue_pop(st);
      if (job < 0) break;
      ++busy;
      if (const int b = spec_.job_bit[job]; b >= 0) {
        st[spec_.status_byte[b]] = spec_.engage_rate > 0.0 ? ENGAGING : REPAIRING;
        continue;
      }
      const int s = spec_.job_service[job];
      const int at = spec_.ap_byte[s];
      Phase next = ENGAGE;
      if (spec_.engage_rate == 0.0)
        next = spec_.manual_rate[s][target_code(st, s)] > 0.0 ? MANUAL : WAIT;
      st[at + 1] = static_cast<char>(next);
      resettle = resettle || next == WAIT;
    }
    return resettle;
  }

  const graph::Plan& plan_;
  const model::Architecture& a_;
  ChainSpec spec_;
};

struct Exploration {
  std::vector<const std::string*> states;  // index -> state (keys of `index`, stable)
  std::unordered_map<std::string, int> index;
  std::vector<Eigen::Triplet<double>> transitions;  // (to, from, rate)
  bool exceeded = false;
};

// Breadth first from the settled all-up state. Stops once more than `limit` states exist.
void explore(const Chain& chain, std::size_t limit, bool record, Exploration& x) {
  const ChainSpec& spec = chain.spec();
  auto add = [&](std::string st) -> int {
    spec.symmetry.canonicalize(st);
    const auto [it, inserted] = x.index.emplace(std::move(st), static_cast<int>(x.states.size()));
    if (inserted) x.states.push_back(&it->first);
    return it->second;
  };
  const std::vector<Successor> start = chain.settle(chain.all_up());
  add(start.front().state);
  for (std::size_t i = 0; i < x.states.size(); ++i) {
    if (i % 1024 == 0) work_checkpoint();
    if (x.states.size() > limit) {
      x.exceeded = true;
      return;
    }
    const std::string current = *x.states[i];
    auto emit = [&](const std::string& next, double rate) {
      for (Successor& succ : chain.settle(next)) {
        const int to = add(std::move(succ.state));
        if (record && to != static_cast<int>(i) && rate * succ.probability > 0.0) {
          x.transitions.emplace_back(to, static_cast<int>(i), rate * succ.probability);
        }
      }
    };
    for (std::size_t b = 0; b < spec.bit_element.size(); ++b) {
      std::string next = current;
      const bool down = (static_cast<unsigned char>(next[b / 8]) >> (b % 8)) & 1u;
      if (const int at = spec.status_byte[b]; at >= 0) {
        // A gated repair runs only once started (its control plane was usable, or a responder
        // engaged); a manual one joins the responder queue when the component fails.
        if (!down) {
          next[b / 8] =
              static_cast<char>(static_cast<unsigned char>(next[b / 8]) | (1u << (b % 8)));
          next[at] = AWAITING;
          if (spec.bit_job[b] >= 0) chain.queue_push(next, spec.bit_job[b]);
          emit(next, spec.fail_rate[b]);
        } else if (current[at] == REPAIRING) {
          next[b / 8] =
              static_cast<char>(static_cast<unsigned char>(next[b / 8]) & ~(1u << (b % 8)));
          next[at] = AWAITING;
          emit(next, spec.repair_rate[b]);
        } else if (current[at] == ENGAGING) {
          next[at] = REPAIRING;
          emit(next, spec.engage_rate);
        }
        continue;
      }
      next[b / 8] = static_cast<char>(static_cast<unsigned char>(next[b / 8]) ^ (1u << (b % 8)));
      emit(next, down ? spec.repair_rate[b] : spec.fail_rate[b]);
    }
    for (std::size_t t = 0; t < spec.trigger_rate.size(); ++t) {
      std::string next = current;
      for (int b : spec.trigger_bits[t])
        next[b / 8] = static_cast<char>(static_cast<unsigned char>(next[b / 8]) | (1u << (b % 8)));
      if (next != current) emit(next, spec.trigger_rate[t]);
    }
    for (std::size_t s = 0; s < spec.ap_byte.size(); ++s) {
      const int at = spec.ap_byte[s];
      if (at < 0) continue;
      std::string next = current;
      switch (static_cast<Phase>(current[at + 1])) {
        case DETECT:
          next[at + 1] = static_cast<char>(DETECT_DONE);
          emit(next, spec.detection_rate[s]);
          break;
        case ENGAGE: {
          const int code = spec.has_targets[s] ? static_cast<unsigned char>(current[at + 2]) : 0;
          next[at + 1] = static_cast<char>(spec.manual_rate[s][code] > 0.0 ? MANUAL : WAIT);
          emit(next, spec.engage_rate);
          break;
        }
        case SWITCH:
        case MANUAL: {
          const bool manual = current[at + 1] == MANUAL;
          const int code = spec.has_targets[s] ? static_cast<unsigned char>(current[at + 2]) : 0;
          next[at + 1] = static_cast<char>(WAIT);
          emit(next, (manual ? spec.manual_rate : spec.switchover_rate)[s][code]);
          break;
        }
        default:
          break;
      }
    }
  }
  x.exceeded = x.states.size() > limit;
}

std::string too_many_states(std::size_t count, std::size_t limit, bool exact_count) {
  return std::string("the failover model's Markov chain has ") + (exact_count ? "" : "more than ") +
         std::to_string(exact_count ? count : limit) + " states, above the limit of " +
         std::to_string(limit) + "; use the Monte Carlo method";
}

}  // namespace

std::string ctmc_timing_problem(const graph::Plan& plan, const Options& options) {
  auto problem = [&](const std::string& what, const Distribution& d) -> std::string {
    if (d.is_zero() || d.is_exponential() || options.assume_exponential) return "";
    return describe_timing(what, d);
  };
  const std::vector<bool> tracked = tracked_elements(plan);
  for (int e = 0; e < plan.element_count(); ++e) {
    const model::FailureProcess& p = plan.element_process[e];
    if (p.never_fails || !tracked[e]) continue;
    const std::string who =
        std::string(graph::to_string(plan.element_kind[e])) + " " + plan.element_name[e];
    if (p.ttf.is_zero()) return who + ": time to failure is zero";
    std::string why = problem(who + ": time to failure (ttf)", p.ttf);
    if (plan.element_kind[e] == graph::ElementKind::change) {
      // Its repair is detection + rollback (model::Changes): exponential only when detection
      // is zero and the rollback exponential.
      const model::Changes& changes =
          *plan.architecture
               .services[plan.change_service[static_cast<std::size_t>(e - plan.change_begin)]]
               .changes;
      if (why.empty() && !changes.detection.is_zero() && !options.assume_exponential)
        why = who + ": a bad change is down for its detection (" + changes.detection.describe() +
              ") then its rollback, a sum of two delays, which is not exponential";
      if (why.empty()) why = problem(who + ": rollback", changes.rollback);
    } else if (why.empty() && !p.detect.is_zero() && !options.assume_exponential) {
      // A data corruption is down for its detection then its restore.
      why = who + ": a corruption is down for its detection (" + p.detect.describe() +
            ") then its restore, a sum of two delays, which is not exponential";
    } else if (why.empty()) {
      why = problem(who + ": time to repair (ttr)", p.ttr);
    }
    if (!why.empty()) return why;
  }
  const model::Architecture& a = plan.architecture;
  if (a.has_gated_recovery() && plan.has_triggers())
    return "a beta-factor group repaired individually together with recovery that waits for a "
           "control plane or a responder (the chain does not combine the two)";
  if (a.operations) {
    if (std::string why = problem("operations: engage", a.operations->engage); !why.empty())
      return why;
  }
  for (const model::Service& s : plan.architecture.services) {
    if (s.mode != RedundancyMode::active_passive) continue;
    const std::string who = "service " + s.name + ": failover ";
    std::string why = problem(who + "detection", s.failover.detection);
    if (why.empty()) why = problem(who + "switchover", s.failover.switchover);
    if (why.empty() && (s.failover.success_probability < 1.0 ||
                        s.failover.without_control_plane == model::ControlPlaneDown::fail)) {
      why = problem(who + "manual_recovery", s.failover.manual_recovery);
    }
    for (const model::FailoverTarget& t : s.failover.targets) {
      const int r = t.replica;
      const std::string to =
          who + "to " + plan.architecture.components[s.replicas[static_cast<std::size_t>(r)]].name +
          ": ";
      if (why.empty()) why = problem(to + "switchover", s.failover.switchover_to(r));
      if (why.empty() && s.failover.success_probability_to(r) < 1.0)
        why = problem(to + "manual_recovery", s.failover.manual_recovery_to(r));
    }
    if (!why.empty()) return why;
  }
  return "";
}

std::size_t ctmc_state_bound(const graph::Plan& plan) {
  const ChainSpec spec = make_spec(plan, false, true);
  double log2 = spec.symmetry.log2_orbits(spec.bit_element.size());
  // Gated recovery: more failover phases, a repair status per gated component, and the orders
  // of the responder queue (at most (J + 1)! of them for J jobs).
  const double phases = spec.gated ? 7.0 : 4.0;
  for (const model::Service& s : plan.architecture.services) {
    if (s.mode == RedundancyMode::active_passive)
      log2 += std::log2(phases * s.replicas.size() + 1.0);
  }
  for (int at : spec.status_byte)
    if (at >= 0) log2 += std::log2(3.0);
  for (int j = 2; j <= spec.queue_length + 1; ++j) log2 += std::log2(static_cast<double>(j));
  if (log2 >= 63.0) return std::numeric_limits<std::size_t>::max();
  return static_cast<std::size_t>(std::ceil(std::exp2(log2)));
}

namespace {

constexpr std::size_t SATURATED = std::numeric_limits<std::size_t>::max();

std::size_t saturating_multiply(std::size_t x, std::size_t y) {
  if (x != 0 && y > SATURATED / x) return SATURATED;
  return x * y;
}

std::size_t saturating_add(std::size_t x, std::size_t y) {
  return y > SATURATED - x ? SATURATED : x + y;
}

// Orbits of the element bits, exactly (saturating): 2 per free bit, C(n + P - 1, n) per class.
std::size_t orbit_count(const ChainSpec& spec) {
  std::size_t free_bits = spec.bit_element.size();
  std::size_t count = 1;
  for (const ReplicaClass& c : spec.symmetry.classes()) {
    const std::size_t n = c.blocks.size(), b = c.blocks.front().size();
    free_bits -= n * b;
    if (b >= 32) return SATURATED;
    const std::size_t patterns = std::size_t{1} << b;
    // C(P - 1 + i, i) for i = 1..n, each step an exact integer division.
    unsigned __int128 multisets = 1;
    for (std::size_t i = 1; i <= n; ++i) {
      multisets = multisets * (patterns - 1 + i) / i;
      if (multisets > SATURATED) return SATURATED;
    }
    count = saturating_multiply(count, static_cast<std::size_t>(multisets));
  }
  for (std::size_t i = 0; i < free_bits; ++i) count = saturating_multiply(count, 2);
  return count;
}

// Visits one member of each orbit of the element bits (failover bytes zero), starting from all
// down; stops when visit returns false.
template <typename Visit>
void for_each_orbit(const ChainSpec& spec, Visit visit) {
  std::vector<char> in_class(spec.bit_element.size(), 0);
  for (const ReplicaClass& c : spec.symmetry.classes()) {
    for (const auto& block : c.blocks) {
      for (int b : block) in_class[b] = 1;
    }
  }
  std::vector<int> free_bits;
  for (std::size_t b = 0; b < in_class.size(); ++b) {
    if (!in_class[b]) free_bits.push_back(static_cast<int>(b));
  }
  const auto& classes = spec.symmetry.classes();
  std::vector<int> free_digits(free_bits.size(), 0);
  // Per class, a non-decreasing sequence of block patterns: one multiset each.
  std::vector<std::vector<std::uint32_t>> sequences;
  for (const ReplicaClass& c : classes) sequences.emplace_back(c.blocks.size(), 0u);
  auto advance = [&]() {
    for (int& digit : free_digits) {
      if (digit == 0) {
        digit = 1;
        return true;
      }
      digit = 0;
    }
    for (std::size_t k = 0; k < classes.size(); ++k) {
      std::vector<std::uint32_t>& seq = sequences[k];
      const std::uint32_t top = (1u << classes[k].blocks.front().size()) - 1u;
      std::size_t i = seq.size();
      while (i > 0 && seq[i - 1] == top) --i;
      if (i > 0) {
        const std::uint32_t v = seq[i - 1] + 1;
        for (std::size_t j = i - 1; j < seq.size(); ++j) seq[j] = v;
        return true;
      }
      std::fill(seq.begin(), seq.end(), 0u);
    }
    return false;
  };
  std::string state(spec.state_bytes, '\0');
  auto put = [&](int b, bool down) {
    auto byte = static_cast<unsigned char>(state[b / 8]);
    byte = down ? (byte | (1u << (b % 8))) : (byte & ~(1u << (b % 8)));
    state[b / 8] = static_cast<char>(byte);
  };
  do {
    std::fill(state.begin(), state.end(), '\0');
    for (std::size_t i = 0; i < free_bits.size(); ++i) put(free_bits[i], free_digits[i] == 0);
    for (std::size_t k = 0; k < classes.size(); ++k) {
      for (std::size_t j = 0; j < classes[k].blocks.size(); ++j) {
        const auto& block = classes[k].blocks[j];
        for (std::size_t i = 0; i < block.size(); ++i)
          put(block[i], !((sequences[k][j] >> i) & 1u));
      }
    }
    if (!visit(state)) return;
  } while (advance());
}

// Work of the lower bound at most, in steps of settling a state (one per component support entry
// and per scope candidate): about a tenth of a second, whatever the model's size.
constexpr std::size_t LOWER_BOUND_WORK = 20'000'000;

}  // namespace

std::size_t ctmc_state_lower_bound(const graph::Plan& plan, std::size_t stop_above) {
  const Chain chain(plan);
  const ChainSpec& spec = chain.spec();
  const model::Architecture& a = plan.architecture;
  // Every element configuration is reachable (each element flips on its own), so each orbit of
  // them holds at least one state.
  const std::size_t orbits = orbit_count(spec);
  // With gated recovery every element configuration is still reachable; the finer count below
  // does not know the wait phases, so it stops here.
  if (spec.gated) return orbits;
  // A finer count needs every failover to be observable in a phase: with timed detection, a
  // service can be brought to serve any replica r whose predecessors' own components can fail
  // alone, and then walked down to any configuration x by failures only (health is monotone along
  // that walk, so a service whose serving replica falls stays down). There it sits in DETECT, or,
  // had detection fired when it fell, in SWITCH or MANUAL if those are timed. So each (x, serving
  // replicas, phase of each fallen service) is a distinct reachable state.
  std::vector<int> uses(plan.component_count, 0);
  for (const model::Service& s : a.services) {
    for (int c : s.replicas) ++uses[c];
  }
  std::vector<int> ap_services, servable, phases;
  std::size_t combinations = 1;
  for (std::size_t s = 0; s < a.services.size(); ++s) {
    if (spec.ap_byte[s] < 0) continue;
    if (spec.detection_rate[s] == 0.0) return orbits;
    const model::Service& service = a.services[s];
    int r = 1;
    for (; r < static_cast<int>(service.replicas.size()); ++r) {
      const int c = service.replicas[r - 1];
      if (uses[c] != 1 || spec.element_bit[plan.component_element(c)] < 0) break;
    }
    int k = 1;
    if (!spec.has_targets[s]) {
      const double p = spec.success_probability[s][0];
      k += (p > 0.0 && spec.switchover_rate[s][0] > 0.0) ? 1 : 0;
      k += (p < 1.0 && spec.manual_rate[s][0] > 0.0) ? 1 : 0;
    }
    ap_services.push_back(static_cast<int>(s));
    servable.push_back(r);
    phases.push_back(k);
    combinations = saturating_multiply(combinations, static_cast<std::size_t>(r));
  }
  std::size_t bound = saturating_multiply(orbits, combinations);
  if (bound > stop_above || ap_services.empty() || combinations > 4096) return bound;
  // Visit orbits from all down (where failovers pile up), stop once past stop_above or the
  // work budget; orbits not visited count at their minimum.
  const std::size_t settle_work =
      plan.component_support.items.size() + plan.scope_candidates.items.size() + 1;
  const std::size_t max_evaluations = LOWER_BOUND_WORK / settle_work;
  std::size_t visited = 0, evaluations = 0, counted = 0;
  std::vector<int> serving(ap_services.size(), 0);
  for_each_orbit(spec, [&](const std::string& x) {
    if (visited % 256 == 0) work_checkpoint();
    std::fill(serving.begin(), serving.end(), 0);
    do {
      std::string st = x;
      for (std::size_t i = 0; i < ap_services.size(); ++i) {
        st[spec.ap_byte[ap_services[i]]] = static_cast<char>(serving[i]);
      }
      const std::vector<Successor> settled = chain.settle(st);
      std::size_t states = 1;
      for (std::size_t i = 0; i < ap_services.size(); ++i) {
        const int at = spec.ap_byte[ap_services[i]];
        if (static_cast<Phase>(settled.front().state[at + 1]) != SERVING)
          states *= static_cast<std::size_t>(phases[i]);
      }
      counted = saturating_add(counted, states);
      ++evaluations;
      std::size_t i = 0;
      for (; i < serving.size() && ++serving[i] == servable[i]; ++i) serving[i] = 0;
      if (i == serving.size()) break;
    } while (true);
    ++visited;
    const std::size_t rest = saturating_multiply(orbits - visited, combinations);
    bound = saturating_add(counted, rest);
    return bound <= stop_above && evaluations < max_evaluations;
  });
  return bound;
}

CtmcSolution solve_ctmc(const graph::Plan& plan, const Options& options, bool track_everything,
                        bool lump) {
  const Chain chain(plan, track_everything, lump);
  Exploration x;
  explore(chain, options.state_limit, true, x);
  if (x.exceeded)
    throw ExactNotApplicable(too_many_states(x.states.size(), options.state_limit, false));

  const int n = static_cast<int>(x.states.size());

  CtmcSolution sol;
  sol.states = x.states.size();
  sol.lumped_replicas = chain.spec().symmetry.lumped_replicas();

  // R(t, s): rate s -> t (duplicates summed); column s lists the successors of s.
  Eigen::SparseMatrix<double> rates(n, n);
  rates.setFromTriplets(x.transitions.begin(), x.transitions.end());
  rates.makeCompressed();
  sol.transitions = static_cast<std::size_t>(rates.nonZeros());
  std::vector<Eigen::Triplet<double>>().swap(x.transitions);
  Eigen::VectorXd out_rate = Eigen::VectorXd::Zero(n);
  for (int s = 0; s < n; ++s) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(rates, s); it; ++it)
      out_rate[s] += it.value();
  }

  // Q^T pi = 0 with pi(all-up) fixed to 1 (normalised afterwards): the balance equations of
  // the other states form a non-singular sparse system. (Replacing an equation by sum(pi) = 1
  // instead adds a dense row, which ruins the sparse LU's fill-in.)
  const int m = n - 1;
  Eigen::VectorXd pi = Eigen::VectorXd::Zero(n);
  pi[0] = 1.0;
  if (m > 0) {
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(rates.nonZeros() + static_cast<std::size_t>(n));
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(m);
    for (int s = 0; s < n; ++s) {
      for (Eigen::SparseMatrix<double>::InnerIterator it(rates, s); it; ++it) {
        const int t = static_cast<int>(it.row());
        if (t == 0) continue;
        if (s == 0) {
          rhs[t - 1] -= it.value();
        } else {
          entries.emplace_back(t - 1, s - 1, it.value());
        }
      }
      if (s > 0) entries.emplace_back(s - 1, s - 1, -out_rate[s]);
    }
    Eigen::SparseMatrix<double> system(m, m);
    system.setFromTriplets(entries.begin(), entries.end());
    system.makeCompressed();
    std::vector<Eigen::Triplet<double>>().swap(entries);
    Eigen::VectorXd rest;
    if (sol.states <= DIRECT_SOLVER_LIMIT) {
      Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
      lu.compute(system);
      if (lu.info() != Eigen::Success) {
        throw ExactNotApplicable("the Markov chain's balance equations could not be factorised (" +
                                 lu.lastErrorMessage() + "); use the Monte Carlo method");
      }
      rest = lu.solve(rhs);
      sol.linear_solver = "sparse LU";
    } else {
      Eigen::BiCGSTAB<Eigen::SparseMatrix<double>, Eigen::IncompleteLUT<double>> solver;
      solver.setTolerance(1e-14);
      solver.setMaxIterations(10'000);
      // A light incomplete factorisation: the exact LU of these hypercube-like chains fills in
      // almost completely, which is why big chains are solved iteratively in the first place.
      solver.preconditioner().setDroptol(1e-5);
      solver.preconditioner().setFillfactor(3);
      solver.compute(system);
      rest = solver.solve(rhs);
      sol.linear_solver = "BiCGSTAB + ILUT";
    }
    pi.tail(m) = rest;
  } else {
    sol.linear_solver = "none (one state)";
  }
  pi /= pi.sum();
  // Residual of every balance equation, ||pi Q||_1, relative to the probability flow.
  const Eigen::VectorXd balance = rates * pi - out_rate.cwiseProduct(pi);
  sol.residual = balance.lpNorm<1>();
  const double flow = out_rate.cwiseProduct(pi.cwiseAbs()).sum();
  if (!(sol.residual <= 1e-8 * std::max(flow, 1e-300)) || !pi.allFinite()) {
    throw ExactNotApplicable("the Markov chain's stationary distribution did not converge (" +
                             sol.linear_solver + ", residual " + std::to_string(sol.residual) +
                             " with " + std::to_string(n) + " states); use the Monte Carlo method");
  }

  // The chain tracks only what failovers can observe. Every other element is independent of
  // it, so conditioning on each chain state leaves a static structure over those elements:
  // A = sum_s pi(s) P(up | s); incidents come from untracked elements' failures (Birnbaum in
  // the conditioned structure) and from chain transitions s -> t (P(up | s and down | t)).
  const ChainSpec& spec = chain.spec();
  const model::Architecture& a = plan.architecture;
  const int measure_count = plan.capability_services.size() + 1;
  sol.availability.assign(measure_count, 0.0);
  sol.unavailability.assign(measure_count, 0.0);
  sol.frequency_per_hour.assign(measure_count, 0.0);
  sol.failover_downtime.assign(a.services.size(), 0.0);
  sol.wait_downtime.assign(static_cast<std::size_t>(plan.element_count()), 0.0);
  const VariableOrder order = make_variable_order(plan, true);
  const BuddySession session(order.variable_count());
  {
    const Structure structure = build_structure(plan, order);
    const VariableData data = variable_data(plan, order);
    std::vector<bdd> measure_up = structure.capability_up;
    measure_up.push_back(structure.system_up);
    // Per state and measure: the conditioned structure, kept alive here, found by node id.
    std::vector<std::vector<int>> conditioned(measure_count, std::vector<int>(n));
    std::unordered_map<int, bdd> keep;
    for (int s = 0; s < n; ++s) {
      if (s % 256 == 0) bdd_checkpoint();
      const std::string& st = *x.states[s];
      bdd cube = bddtrue;
      for (std::size_t b = 0; b < spec.bit_element.size(); ++b) {
        const int v = order.element_var[spec.bit_element[b]];
        if (v < 0) continue;
        const bool down = (static_cast<unsigned char>(st[b / 8]) >> (b % 8)) & 1u;
        cube &= down ? bdd_nithvar(v) : bdd_ithvar(v);
      }
      for (std::size_t v = 0; v < a.services.size(); ++v) {
        const int at = spec.ap_byte[v];
        if (at < 0) continue;
        const bool up = static_cast<Phase>(st[at + 1]) == SERVING;
        cube &= up ? bdd_ithvar(order.service_up_var[v]) : bdd_nithvar(order.service_up_var[v]);
        const int serving = static_cast<unsigned char>(st[at]);
        for (std::size_t r = 0; r < order.serving_var[v].size(); ++r) {
          const int var = order.serving_var[v][r];
          cube &= static_cast<int>(r) == serving ? bdd_ithvar(var) : bdd_nithvar(var);
        }
      }
      for (int m = 0; m < measure_count; ++m) {
        const bdd g = bdd_restrict(measure_up[m], cube);
        keep.emplace(g.id(), g);
        conditioned[m][s] = g.id();
      }
    }
    for (int m = 0; m < measure_count; ++m) {
      std::unordered_map<int, double> weight;      // per conditioned structure
      std::map<std::pair<int, int>, double> flow;  // per (from, to) structure
      for (int s = 0; s < n; ++s) {
        const double p = std::max(pi[s], 0.0);
        weight[conditioned[m][s]] += p;
        for (Eigen::SparseMatrix<double>::InnerIterator it(rates, s); it; ++it) {
          const int from = conditioned[m][s], to = conditioned[m][it.row()];
          if (from != to) flow[{from, to}] += p * it.value();
        }
      }
      bdd_checkpoint();
      for (const auto& [id, w] : weight) {
        bdd_checkpoint();
        const bdd& g = keep.at(id);
        sol.availability[m] += w * probability(g, data);
        sol.unavailability[m] += w * probability(!g, data);
        sol.frequency_per_hour[m] += w * critical_frequency(g, data);
      }
      for (const auto& [ids, w] : flow) {
        sol.frequency_per_hour[m] +=
            w * probability(keep.at(ids.first) & !keep.at(ids.second), data);
      }
    }
    // Downtime spent inside failovers, charged to the services whose failover it was; a
    // failover waiting for a control plane charges the first one down it needs, one queued for
    // a responder the responders.
    auto in_failover = [](char phase) {
      return (phase >= DETECT && phase <= MANUAL) || phase == ENGAGE || phase == PLANE_WAIT ||
             phase == RESPONDER_WAIT;
    };
    std::unordered_map<int, double> down_given;
    for (int s = 0; s < n; ++s) {
      const std::string& st = *x.states[s];
      int failing_over = 0;
      for (int at : spec.ap_byte) {
        if (at >= 0 && in_failover(st[at + 1])) ++failing_over;
      }
      if (failing_over == 0) continue;
      const int id = conditioned[measure_count - 1][s];
      if (!down_given.count(id)) down_given[id] = probability(!keep.at(id), data);
      const double share = std::max(pi[s], 0.0) * down_given[id] / failing_over;
      for (std::size_t v = 0; v < spec.ap_byte.size(); ++v) {
        const int at = spec.ap_byte[v];
        if (at < 0 || !in_failover(st[at + 1])) continue;
        if (st[at + 1] == PLANE_WAIT) {
          const int code = spec.has_targets[v] ? static_cast<unsigned char>(st[at + 2]) : 0;
          const int plane = chain.first_down_plane(st, spec.failover_planes[v][code]);
          if (plane >= 0)
            sol.wait_downtime[static_cast<std::size_t>(plan.control_plane_element(plane))] += share;
          else
            sol.failover_downtime[v] += share;
        } else if (st[at + 1] == RESPONDER_WAIT) {
          sol.wait_downtime[static_cast<std::size_t>(plan.responders_element)] += share;
        } else {
          sol.failover_downtime[v] += share;
        }
      }
    }
  }
  return sol;
}

}  // namespace outagesim::exact

"""The engine against the peer a user would write instead: a straightforward SimPy simulation of
the same model (one process per failing element, env.timeout for failure and repair, every
service re-evaluated after each change, a process per failover and per service's bad changes),
timed per event in the same run as bench_sim, with the ratio printed. A benchmark that prints
figures, not a test.

    python bench/bench_simpy.py [MODEL.json] [--bench-sim build/cpp/bench/bench_sim] [--years N]

The model is read by the engine's own loader (catalog merged there), so both sides simulate the
same elements: zones, regions and providers, components, common-cause groups (shocks and beta
factors, joint or individual repair), regional service outages, bad changes rolled out in waves,
and failovers with their scopes. A model with what the peer leaves out (control planes,
operations, data, degraded modes) is refused. Events are counted as the engine counts them:
element failures and repairs, common failures, bad-change steps and failover completions.

Both sides then report the availability of one-year replications started with everything up
(the start bench_sim times), with 95% intervals, and whether they agree: the check that the
peer is the same model.
"""

import argparse
import math
import pathlib
import random
import re
import subprocess
import sys
import time

import simpy
from outagesim import _core

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOURS_PER_YEAR = 8760.0


def draw(rng, d):
    """One duration in hours from a model distribution, with Python's own samplers."""
    kind = d.kind
    if kind == "exponential":
        return rng.expovariate(1.0 / d.mean) if d.mean > 0 else 0.0
    if kind == "lognormal":
        return rng.lognormvariate(d.mu, d.sigma)
    if kind == "weibull":
        return rng.weibullvariate(d.scale, d.shape)
    return d.mean  # deterministic


def unsupported(arch):
    """What of the model the peer does not simulate (empty when it simulates all of it)."""
    left_out = []
    if arch.control_planes:
        left_out.append("control planes")
    if arch.operations is not None:
        left_out.append("operations (responders)")
    if any(s.data is not None for s in arch.services):
        left_out.append("data")
    if any(c.fallbacks for c in arch.capabilities) or any(
        d.feature_flag is not None for s in arch.services for d in s.depends_on
    ):
        left_out.append("degraded modes")
    return left_out


class Peer:
    """One replication of the model in SimPy."""

    def __init__(self, arch, order, rng, horizon):
        self.env = simpy.Environment()
        self.rng = rng
        self.horizon = horizon
        self.events = 0
        domains, components = arch.domains, arch.components
        # Per component: how many of its reasons to be down hold now (its own failure, a zone,
        # region or provider, a common-cause group, a regional service, a bad change).
        self.down = [0] * len(components)
        # Per component: its provider / region / zone, for dependency scopes.
        self.place = []
        members_of_domain = [[] for _ in domains]
        for c, component in enumerate(components):
            place, d = {}, component.location
            while d >= 0:
                place[domains[d].level] = d
                members_of_domain[d].append(c)
                d = domains[d].parent
            self.place.append(place)
        self.services = arch.services
        self.service_up = [False] * len(self.services)
        self.usable = [[False] * len(s.replicas) for s in self.services]
        self.phase = ["waiting"] * len(self.services)
        self.serving = [0] * len(self.services)
        self.failover = [None] * len(self.services)
        self.order = order
        self.capabilities = [c.services for c in arch.capabilities]
        self.system_up = True
        self.down_since = 0.0
        self.downtime = 0.0
        # Per component: its own failure process, and whether it is up on its own account.
        self.component_process = [None] * len(components)
        self.own_up = [True] * len(components)
        for d, domain in enumerate(domains):
            self.start(domain.outage, members_of_domain[d])
        for c, component in enumerate(components):
            self.component_process[c] = self.start(component.failure, [c], own=c)
        for group in arch.common_causes:
            if group.process.never_fails:
                continue
            if group.kind == "beta" and group.repair == "individual":
                self.env.process(self.common_failure(group.process, group.members))
            else:
                self.start(group.process, group.members)
        for service in arch.regional_services:
            self.start(service.outage, service.members)
        for service in self.services:
            if service.changes is not None and service.changes.bad_rate_per_hour > 0:
                self.env.process(self.bad_changes(service))
        self.evaluate()

    def start(self, process, members, own=None):
        if process.never_fails:
            return None
        return self.env.process(self.element(process, members, own))

    def element(self, process, members, own):
        """Up and down in turn; down holds every member down. A component's own process (`own`)
        may be cut short by a common failure, after which it is repaired on its own clock."""
        while True:
            common = False
            try:
                yield self.env.timeout(draw(self.rng, process.ttf))
            except simpy.Interrupt:
                common = True  # the common failure counted the event
            if own is not None:
                self.own_up[own] = False
            self.set_down(members, 1, event=not common)
            yield self.env.timeout(draw(self.rng, process.ttr))
            if own is not None:
                self.own_up[own] = True
            self.set_down(members, -1)

    def common_failure(self, process, members):
        """A beta-factor group with individual repair: each occurrence fails every member that is
        up on its own account, at once."""
        while True:
            yield self.env.timeout(draw(self.rng, process.ttf))
            self.events += 1
            for c in members:
                if self.own_up[c] and self.component_process[c] is not None:
                    self.own_up[c] = False  # before the interrupt lands, at this same time
                    self.component_process[c].interrupt()

    def bad_changes(self, service):
        """One service's bad changes: one arrives, its waves reach their replicas until it is
        detected, and every replica reached is down until its rollback ends."""
        changes = service.changes
        waves = [[service.replicas[r] for r in wave] for wave in changes.rollout.waves]
        bake = changes.rollout.bake_hours
        while True:
            yield self.env.timeout(draw(self.rng, changes.bad_change_process.ttf))
            arrived = self.env.now
            detection = draw(self.rng, changes.detection)
            rollback = draw(self.rng, changes.rollback)
            reached = []
            for w, wave in enumerate(waves):
                if w > 0:
                    if not w * bake < detection:
                        break
                    yield self.env.timeout(arrived + w * bake - self.env.now)
                reached.extend(wave)
                self.set_down(wave, 1)
            yield self.env.timeout(arrived + detection + rollback - self.env.now)
            self.set_down(reached, -1)

    def set_down(self, members, delta, event=True):
        self.events += event
        for c in members:
            self.down[c] += delta
        self.evaluate()

    def in_scope(self, scope, a, b):
        if scope == "any":
            return True
        level = {"same_provider": "provider", "same_region": "region", "same_zone": "zone"}[scope]
        pa, pb = self.place[a].get(level), self.place[b].get(level)
        return pa is not None and pa == pb

    def healthy(self, s, r):
        service = self.services[s]
        c = service.replicas[r]
        if self.down[c] > 0:
            return False
        for dep in service.depends_on:
            t = dep.service
            if not self.service_up[t]:
                return False
            target = self.services[t]
            if not any(
                self.usable[t][q] and self.in_scope(dep.scope, c, target.replicas[q])
                for q in range(len(target.replicas))
            ):
                return False
        return True

    def run_failover(self, s, delay):
        try:
            yield self.env.timeout(delay)
        except simpy.Interrupt:
            return
        self.failover[s] = None
        self.phase[s] = "waiting"
        self.events += 1
        self.evaluate()

    def evaluate(self):
        for s in self.order:
            service = self.services[s]
            healthy = [self.healthy(s, r) for r in range(len(service.replicas))]
            if service.mode == "active_active":
                up = sum(healthy) >= service.min_healthy
                self.usable[s] = healthy
            else:
                up = self.evaluate_active_passive(s, healthy)
                self.usable[s] = [up and r == self.serving[s] for r in range(len(healthy))]
            self.service_up[s] = up
        system_up = all(all(self.service_up[s] for s in cap) for cap in self.capabilities)
        now = self.env.now
        if system_up != self.system_up:
            if system_up:
                self.downtime += now - self.down_since
            else:
                self.down_since = now
            self.system_up = system_up

    def evaluate_active_passive(self, s, healthy):
        failover = self.services[s].failover
        first = next((r for r, h in enumerate(healthy) if h), None)
        if self.phase[s] == "serving":
            if healthy[self.serving[s]]:
                return True
            if first is None:
                ok = failover.success_probability
            else:
                ok = failover.success_probability_to(first)
            success = self.rng.random() < ok
            delay = draw(self.rng, failover.detection)
            if first is None:
                after = failover.switchover if success else failover.manual_recovery
            else:
                after = (
                    failover.switchover_to(first) if success else failover.manual_recovery_to(first)
                )
            delay += draw(self.rng, after)
            if delay > 0:
                self.phase[s] = "failover"
                self.failover[s] = self.env.process(self.run_failover(s, delay))
                return False
            self.phase[s] = "waiting"
        if self.phase[s] == "waiting":
            if first is not None:
                self.serving[s] = first
                self.phase[s] = "serving"
                return True
            return False
        if healthy[self.serving[s]]:  # back before the failover completed: resume on it
            self.failover[s].interrupt()
            self.failover[s] = None
            self.phase[s] = "serving"
            return True
        return False

    def run(self):
        self.env.run(until=self.horizon)
        if not self.system_up:
            self.downtime += self.horizon - self.down_since
        return self.events, self.downtime


def simpy_run(arch, order, years, seed):
    """`years` one-year replications from all up: seconds, events, and the availability with
    its 95% interval (normal, over the years)."""
    rng = random.Random(seed)
    events = 0
    downtimes = []
    start = time.perf_counter()
    for _ in range(years):
        e, d = Peer(arch, order, rng, HOURS_PER_YEAR).run()
        events += e
        downtimes.append(d / HOURS_PER_YEAR)
    seconds = time.perf_counter() - start
    n = len(downtimes)
    mean = sum(downtimes) / n
    sd = math.sqrt(sum((u - mean) ** 2 for u in downtimes) / (n - 1)) if n > 1 else math.inf
    half = 1.96 * sd / math.sqrt(n)
    return seconds, events, (1.0 - mean, 1.0 - mean - half, 1.0 - mean + half)


def engine_run(bench_sim, model):
    out = subprocess.run(
        [str(bench_sim), str(model)], check=True, capture_output=True, text=True
    ).stdout
    ns = float(re.search(r"simulate\(\), 1 thread\s*:\s*([\d.]+) ns/event", out).group(1))
    loop = float(re.search(r"event loop only\s*:\s*([\d.]+) ns/event", out).group(1))
    availability = re.search(
        r"availability \(all-up start[^)]*\) ([\d.]+) \[([\d.]+), ([\d.]+)\]", out
    ).groups()
    return ns, loop, [float(a) for a in availability]


def agree(a, b):
    """Whether two estimates with 95% intervals differ by less than their combined 95% margin."""
    half_a, half_b = (a[2] - a[1]) / 2, (b[2] - b[1]) / 2
    return abs(a[0] - b[0]) <= math.hypot(half_a, half_b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "models/examples/02-multi-az.json"))
    parser.add_argument("--bench-sim", default=str(ROOT / "build/cpp/bench/bench_sim"))
    parser.add_argument("--years", type=int, default=300, help="SimPy replications of a year")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.years < 2:
        parser.error("--years must be >= 2 (the interval needs two)")
    if not pathlib.Path(args.bench_sim).is_file():
        parser.error(f"{args.bench_sim}: no such program (build with -DOUTAGESIM_BUILD_BENCH=ON)")

    arch = _core.load_file(args.model, str(ROOT / "models/catalog"))
    left_out = unsupported(arch)
    if left_out:
        parser.error(
            f"{args.model}: the SimPy peer does not simulate {', '.join(left_out)}; "
            "pick a model without them"
        )
    order = list(_core.build_plan(arch).service_order)
    # Interleaved: SimPy, engine, SimPy; the faster SimPy run counts (the machine is shared).
    first = simpy_run(arch, order, args.years, args.seed)
    ns, loop, engine_a = engine_run(args.bench_sim, args.model)
    second = simpy_run(arch, order, args.years, args.seed)
    seconds, events, simpy_a = min(first, second)
    simpy_ns = seconds / events * 1e9
    print(f"bench_simpy: {arch.name} ({pathlib.Path(args.model).name})")
    print(
        f"  SimPy {simpy.__version__}, {args.years} years: {events} events, {simpy_ns:,.0f} ns/event"
    )
    print(f"  engine simulate(), 1 thread: {ns:.1f} ns/event (event loop {loop:.1f})")
    print("  availability, one-year replications from all up (the same model on both sides?):")
    print(f"    SimPy  {simpy_a[0]:.5f} [{simpy_a[1]:.5f}, {simpy_a[2]:.5f}], seed {args.seed}")
    print(f"    engine {engine_a[0]:.5f} [{engine_a[1]:.5f}, {engine_a[2]:.5f}], seed 1")
    print(f"    agree within their 95% intervals: {'yes' if agree(simpy_a, engine_a) else 'NO'}")
    print(
        f"  SimPy / engine per event: {simpy_ns / ns:,.0f}x (event loop: {simpy_ns / loop:,.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The engine against the peer a user would write instead: a straightforward SimPy simulation of
the same model (one process per failing element, env.timeout for failure and repair, every
service re-evaluated after each change, a process per failover), timed per event in the same
run as bench_sim, with the ratio printed. A benchmark that prints figures, not a test.

    python bench/bench_simpy.py [MODEL.json] [--bench-sim build/cpp/bench/bench_sim] [--years N]

The model is read by the engine's own loader (catalog merged there), so both sides simulate the
same elements, distributions, scopes and failovers. Events are counted as the engine counts them:
element failures and repairs, and failover completions.
"""

import argparse
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


class Peer:
    """One replication of the model in SimPy."""

    def __init__(self, arch, order, rng, horizon):
        self.env = simpy.Environment()
        self.rng = rng
        self.arch = arch
        self.order = order
        self.horizon = horizon
        self.events = 0
        domains = arch.domains
        components = arch.components
        self.domain_up = [True] * len(domains)
        self.component_up = [True] * len(components)
        # The domains that contain each component, and its provider / region / zone for scopes.
        self.chain = []
        self.place = []
        for c in components:
            chain, place, d = [], {}, c.location
            while d >= 0:
                chain.append(d)
                place[domains[d].level] = d
                d = domains[d].parent
            self.chain.append(chain)
            self.place.append(place)
        self.services = arch.services
        self.service_up = [False] * len(self.services)
        self.usable = [[False] * len(s.replicas) for s in self.services]
        self.phase = ["waiting"] * len(self.services)
        self.serving = [0] * len(self.services)
        self.failover = [None] * len(self.services)
        self.capabilities = [c.services for c in arch.capabilities]
        self.system_up = True
        self.down_since = 0.0
        self.downtime = 0.0
        for i, d in enumerate(domains):
            if not d.outage.never_fails:
                self.env.process(self.element(d.outage, self.domain_up, i))
        for i, c in enumerate(components):
            if not c.failure.never_fails:
                self.env.process(self.element(c.failure, self.component_up, i))
        self.evaluate()

    def element(self, process, up, index):
        while True:
            yield self.env.timeout(draw(self.rng, process.ttf))
            up[index] = False
            self.events += 1
            self.evaluate()
            yield self.env.timeout(draw(self.rng, process.ttr))
            up[index] = True
            self.events += 1
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
        if not self.component_up[c] or not all(self.domain_up[d] for d in self.chain[c]):
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
    rng = random.Random(seed)
    events = 0
    downtime = 0.0
    start = time.perf_counter()
    for _ in range(years):
        e, d = Peer(arch, order, rng, HOURS_PER_YEAR).run()
        events += e
        downtime += d
    seconds = time.perf_counter() - start
    return seconds, events, 1.0 - downtime / (years * HOURS_PER_YEAR)


def engine_run(bench_sim, model):
    out = subprocess.run(
        [str(bench_sim), str(model)], check=True, capture_output=True, text=True
    ).stdout
    ns = float(re.search(r"simulate\(\), 1 thread\s*:\s*([\d.]+) ns/event", out).group(1))
    loop = float(re.search(r"event loop only\s*:\s*([\d.]+) ns/event", out).group(1))
    availability = re.search(r"availability \(default start\) ([\d.]+) \[([\d.]+), ([\d.]+)\]", out).groups()
    return ns, loop, [float(a) for a in availability]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "models/examples/02-multi-az.json"))
    parser.add_argument("--bench-sim", default=str(ROOT / "build/cpp/bench/bench_sim"))
    parser.add_argument("--years", type=int, default=300, help="SimPy replications of a year")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.years < 1:
        parser.error("--years must be >= 1")
    if not pathlib.Path(args.bench_sim).is_file():
        parser.error(f"{args.bench_sim}: no such program (build with -DOUTAGESIM_BUILD_BENCH=ON)")

    arch = _core.load_file(args.model, str(ROOT / "models/catalog"))
    order = list(_core.build_plan(arch).service_order)
    # Interleaved: SimPy, engine, SimPy; the faster SimPy run counts (the machine is shared).
    first = simpy_run(arch, order, args.years, args.seed)
    ns, loop, (a, lo, hi) = engine_run(args.bench_sim, args.model)
    second = simpy_run(arch, order, args.years, args.seed)
    seconds, events, simpy_a = min(first, second)
    simpy_ns = seconds / events * 1e9
    print(f"bench_simpy: {arch.name} ({pathlib.Path(args.model).name})")
    print(
        f"  SimPy {simpy.__version__}, {args.years} years: {events} events, "
        f"{simpy_ns:,.0f} ns/event; availability {simpy_a:.5f} (same model: a rough check)"
    )
    print(f"  engine simulate(), 1 thread: {ns:.1f} ns/event (event loop {loop:.1f});")
    print(f"    availability (default start) {a:.7f} [{lo:.7f}, {hi:.7f}]")
    print(
        f"  SimPy / engine per event: {simpy_ns / ns:,.0f}x (event loop: {simpy_ns / loop:,.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scenario runs against plain evaluation of the same model, per simulated hour, in the same run
(a ratio, because these machines are noisy). A benchmark that prints figures, not a test.

    python bench/bench_scenario.py [MODEL.json] [--runs N]

Three timings, each the best of three:
- the game-day scenario (zone use1-az1 down 4 h, background on, 16 h windows), N runs;
- the same windows with the fault but background off (only the fault and the failovers);
- `evaluate(method="mc")` for the same number of simulated hours with the same seed.
The scenario path adds per-run records (downtime, first down, last up, failovers, attribution
of every run) that evaluate reduces on the fly; the ratio says what they cost. Then the whole
incident library against the model, and a trace replay of the bundled sample trace.
"""

import argparse
import pathlib
import time

import outagesim
from outagesim.scenarios.trace import replay_trace

ROOT = pathlib.Path(__file__).resolve().parent.parent


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
    return min(times), value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", nargs="?", default=str(ROOT / "models/examples/02-multi-az.json"))
    parser.add_argument("--runs", type=int, default=20_000)
    args = parser.parse_args()
    arch = outagesim.load(args.model)
    game_day = str(ROOT / "models/scenarios/game-day-zone-use1-az1.json")
    window = 16.0
    hours = args.runs * window

    def scenario(background):
        return outagesim.scenario(
            arch,
            game_day,
            runs=args.runs,
            seed=1,
            background=background,
            window=f"{window}h",
            threads=1,
            timelines=False,
            max_time=None,
        )

    t_on, result = best(lambda: scenario(True))
    t_off, _ = best(lambda: scenario(False))
    # The same simulated hours through evaluate: replications of `window` hours each.
    t_eval, _ = best(
        lambda: outagesim.evaluate(
            arch,
            method="mc",
            seed=1,
            threads=1,
            replications=args.runs,
            horizon=f"{window}h",
            rel_error=0,
            max_time="600s",
        )
    )
    print(
        f"model {arch.name}: {args.runs:,} runs of {window:g} h ({hours:,.0f} simulated hours), "
        "1 thread, best of 3"
    )
    print(
        f"  scenario, background on : {t_on:7.3f} s  {t_on / hours * 1e9:8.1f} ns per simulated "
        f"hour  (warm-up {result.warmup_hours:,.0f} h per run, included)"
    )
    print(
        f"  scenario, background off: {t_off:7.3f} s  {t_off / hours * 1e9:8.1f} ns per simulated hour"
    )
    print(
        f"  evaluate (same hours)   : {t_eval:7.3f} s  {t_eval / hours * 1e9:8.1f} ns per simulated "
        "hour (its automatic warm-up included)"
    )
    print(f"  ratio scenario (background on) / evaluate: {t_on / t_eval:.2f}")

    t_lib, replay = best(lambda: outagesim.replay(arch, runs=500, seed=1))
    print(f"  incident library ({len(replay.rows)} incidents x 500 runs): {t_lib:.3f} s")
    sample = ROOT / "models/traces/sample-aws-trace.csv"
    t_trace, _ = best(lambda: replay_trace(arch, sample, runs=200, seed=1))
    print(
        f"  trace replay of {sample.name} (200 runs of a year, with the prediction): "
        f"{t_trace:.3f} s"
    )


if __name__ == "__main__":
    main()

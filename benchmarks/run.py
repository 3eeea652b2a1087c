"""Time deckgen against bare genanki on synthetic decks of 1,000 to 50,000 cards.

    python benchmarks/run.py [--sizes 1000,10000,25000,50000] [--large] [--repeat N]

``--large`` adds 200,000 cards (several minutes more), for the targets on linear cost.

For each size, a deck is generated into a temporary folder (see synth.py),
then these run as whole processes, interleaved round by round, each timed
(wall seconds) and measured (peak resident memory, from os.wait4):

* baseline  benchmarks/baseline.py: PyYAML C loader + genanki, nothing more
* check     python -m generator check
* build     python -m generator build, into an empty folder (fresh, manifest included)
* rebuild   python -m generator build again, with the manifest present, no changes (the build's
            record in the cache folder, generator/compile/cache.py, lets it return at once)
* edit      python -m generator build after one card's answer changed (each round edits it
            back and forth, so every run changes one card)
* base-nogc the baseline with Python's cyclic garbage collector paused, as
            deckgen pauses it: for comparison only, ratios are to the baseline
* sync      python -m generator sync --collection into an empty Anki collection
            (its build included, into an empty decks/ folder): an extra line,
            shown beside the build's time; it needs the anki package, and no
            target is set on it

deckgen's own modules are compiled to bytecode before the first run, as
an installed package's are (see :func:`bytecode`). Each is run several
times (best of 3, best of 2 at 50,000 cards and up) and
the best wall time is kept; peak memory is the largest seen. For deckgen it
covers its helper process too (the kernel reports the larger of the two): the
helper is forked, so its figure counts the pages it shares with deckgen. The table gives
each time as a ratio to the baseline of the same size, and how each grew
from the previous size.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synth

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COMMANDS = ("baseline", "check", "build", "rebuild", "edit", "base-nogc")
EDITED = ("    answer: The ", "    answer: One ")
"""One card's answer, as synth.py writes it, and as the edit makes it (the first card with one)."""
EXTRA = ("sync",)
"""Measured after the commands above, when the anki package is installed; not in the targets."""
EMPTY_COLLECTION = "import sys; from anki.collection import Collection; Collection(sys.argv[1]).close()"


def has_anki() -> bool:
    """Whether the anki package can be imported (the sync line needs it)."""
    probe = subprocess.run([sys.executable, "-c", "import anki.collection"], capture_output=True, check=False)
    return probe.returncode == 0


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run ``cmd`` to completion: (wall seconds, peak RSS in MB, CPU seconds: user + system, its own and
    its helper's). Fails loudly on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.read().decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss: KiB on Linux


def measure(
    n_cards: int, work: Path, repeat: int, sync: bool = False
) -> dict[str, tuple[float, float, float]]:
    folder = work / str(n_cards)
    cards = synth.generate(n_cards, folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000", "DECKGEN_CACHE": str(work / f"cache-{n_cards}")}
    env.pop("CI", None)
    text = cards.read_text(encoding="utf-8")
    at = text.index(EDITED[0])
    versions = [text, text[:at] + EDITED[1] + text[at + len(EDITED[0]) :]]
    out, base_out = folder / "decks", folder / "baseline.apkg"
    py = sys.executable
    cmds = {
        "baseline": [py, str(HERE / "baseline.py"), str(cards), str(base_out)],
        "base-nogc": [py, str(HERE / "baseline.py"), str(cards), str(base_out), "--no-gc"],
        "check": [py, "-m", "generator", "check", str(cards)],
        "build": [py, "-m", "generator", "build", str(cards), "-o", str(out)],
    }
    best: dict[str, float] = {}
    peak: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def record(name: str, cmd: list[str]) -> None:
        wall, rss, used = run(cmd, env)
        best[name] = min(best.get(name, wall), wall)
        peak[name] = max(peak.get(name, 0.0), rss)
        cpu[name] = min(cpu.get(name, used), used)

    for round_ in range(repeat):
        record("baseline", cmds["baseline"])
        record("check", cmds["check"])
        shutil.rmtree(out, ignore_errors=True)
        cards.write_text(versions[0], encoding="utf-8")
        record("build", cmds["build"])
        record("rebuild", cmds["build"])
        cards.write_text(versions[1], encoding="utf-8")
        record("edit", cmds["build"])
        record("base-nogc", cmds["base-nogc"])
        del round_
        if sync:
            collection = folder / "anki" / "collection.anki2"
            shutil.rmtree(collection.parent, ignore_errors=True)
            shutil.rmtree(folder / "decks", ignore_errors=True)
            collection.parent.mkdir()
            run([py, "-c", EMPTY_COLLECTION, str(collection)], env)
            record("sync", [py, "-m", "generator", "sync", str(cards), "--collection", str(collection)])
    return {name: (best[name], peak[name], cpu[name]) for name in (*COMMANDS, *EXTRA) if name in best}


def bytecode() -> None:
    """Compile deckgen's modules to bytecode first, as an installed package has them (pip compiles
    what it installs, genanki and PyYAML included), so that start-up is timed as a user meets it even
    where ``PYTHONDONTWRITEBYTECODE`` is set or the checkout is not writable by the first run."""
    if not compileall.compile_dir(str(ROOT / "generator"), quiet=1):
        print("(deckgen's modules could not all be compiled to bytecode: start-up is timed as it is)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,25000,50000", help="card counts, comma-separated")
    parser.add_argument("--large", action="store_true", help="add 200,000 cards (for linear cost)")
    parser.add_argument("--repeat", type=int, default=0, help="runs per command (default 3; 2 at 50,000+)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([200_000] if args.large else [])
    bytecode()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    header = (
        f"| {'cards':>6} | {'command':<9} | {'wall s':>7} | {'cpu s':>7} | {'peak MB':>7} "
        f"| {'× baseline':>18} | {'× previous size':>15} |"
    )
    rows = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    print(header, rows[1], sep="\n", flush=True)
    previous: dict[str, tuple[float, float, float]] | None = None
    everything: dict[int, dict[str, tuple[float, float, float]]] = {}
    sync = has_anki()
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        for n in sizes:
            repeat = args.repeat or (2 if n >= 50_000 else 3)
            results = measure(n, Path(tmp), repeat, sync)
            base = results["baseline"][0]
            for name in (name for name in (*COMMANDS, *EXTRA) if name in results):
                wall, rss, used = results[name]
                growth = f"{wall / previous[name][0]:.2f}" if previous and name in previous else "-"
                ratio = "1.00" if name == "baseline" else f"{wall / base:.2f}"
                if name in ("rebuild", "edit"):
                    ratio += f" ({wall / results['build'][0]:.2f} build)"
                cells = f"{wall:>7.2f} | {used:>7.2f} | {rss:>7.0f} | {ratio:>18} | {growth:>15}"
                row = f"| {n:>6} | {name:<9} | {cells} |"
                rows.append(row)
                print(row, flush=True)
            previous = everything[n] = results
            shutil.rmtree(Path(tmp) / str(n), ignore_errors=True)
    if not sync:
        print("\n(no sync line: the anki package is not installed)")
    else:
        print("\nsync --collection into an empty collection, beside the build:")
        for n, results in everything.items():
            wall, build = results["sync"][0], results["build"][0]
            print(f"  {n:>6} cards: sync {wall:.2f} s, build {build:.2f} s ({wall / build:.2f}x the build)")
    targets(everything)


def targets(results: dict[int, dict[str, tuple[float, float, float]]]) -> None:
    """The project's targets, at 50,000 cards, each with its measured value (docs/performance.md)."""
    if 50_000 not in results:
        return
    big = results[50_000]
    base = big["baseline"][0]
    checks = [
        ("build <= 0.9x baseline", big["build"][0] / base, 0.9),
        ("check <= 0.55x baseline", big["check"][0] / base, 0.55),
    ]
    if 10_000 in results:
        for name in ("build", "check"):
            checks.append((f"{name} 50k <= 5.5x 10k", big[name][0] / results[10_000][name][0], 5.5))
    for name in ("check", "build", "rebuild"):
        checks.append((f"{name} peak <= 400 MB", big[name][1], 400))
    build = big["build"]
    checks.append(("no-change rebuild <= 0.1x build", big["rebuild"][0] / build[0], 0.1))
    checks.append(("one-card edit <= 0.4x build", big["edit"][0] / build[0], 0.4))
    checks.append(("one-card edit peak <= build peak (x build)", big["edit"][1] / build[1], 1.0))
    if 25_000 in results and 200_000 in results:
        small, large = results[25_000], results[200_000]
        for name in ("check", "build"):
            ratio = (large[name][0] / large["baseline"][0]) / (small[name][0] / small["baseline"][0])
            checks.append((f"{name} x baseline at 200k <= 1.15x its 25k", ratio, 1.15))
    print("\nTargets at 50,000 cards:")
    for label, value, limit in checks:
        print(f"  {'met   ' if value <= limit else 'MISSED'} {label}: {value:.2f}")


if __name__ == "__main__":
    main()

"""Launch to window of this checkout beside another one (e.g. main), interleaved in one run.

Each sample is a fresh process, as in ``startup.py`` (whose sampling this reuses): the bare
PySide6 window, then for each checkout the app until its first paint ("shown") and until the
data is on screen ("loaded"), round after round, so load drifts on a shared machine hit every
variant alike. Each checkout gets its own data folder, prepared and compiled by a warm-up run.

Run from the repository root, with a baseline checkout made by e.g.
``git archive main | tar -x -C /tmp/main``:

    QT_QPA_PLATFORM=offscreen python benchmarks/startup_versus.py --baseline /tmp/main --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import BARE, describe, sample

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    trees = {"baseline": args.baseline.resolve(), "this": ROOT}
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands: dict[str, list[str]] = {}
        for name, tree in trees.items():
            # `-m tracker` imports the package of the working directory: run inside each tree
            commands[name] = [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(tree)!r}); "
                "from tracker.cli import main; raise SystemExit(main())",
                "--data-dir",
                str(Path(folder) / f"data-{name}"),
            ]
            subprocess.run(
                commands[name],
                env={**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": "loaded"},
                cwd=tree,
                check=True,
                capture_output=True,
                timeout=120,
            )
        sample([sys.executable, "-c", BARE], env)
        results: dict[str, list[float]] = {"bare": []}
        for _ in range(args.runs):
            results["bare"].append(sample([sys.executable, "-c", BARE], env))
            for name, command in commands.items():
                for stage in ("shown", "loaded"):
                    staged = {**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": stage}
                    results.setdefault(f"{name} {stage}", []).append(sample(command, staged))
    bare = statistics.median(results["bare"])
    platform = os.environ.get("QT_QPA_PLATFORM", "(default)")
    print(f"launch to window, QT_QPA_PLATFORM={platform}, {os.cpu_count()} CPUs")
    print(f"  baseline: {trees['baseline']}\n  this:     {trees['this']}")
    print(f"  {'bare PySide6 window + label':<24} {describe(results['bare'])}")
    for key, samples in results.items():
        if key != "bare":
            ratio = statistics.median(samples) / bare
            print(f"  {key:<24} {describe(samples)}   {ratio:.2f}x bare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

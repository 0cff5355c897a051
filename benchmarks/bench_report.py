"""How long the analysis takes to open a full-size comparison and write its report (a figure,
never a test): 4 arms x 5 replications x 240 weeks x 40 groups x 15 metrics, written with h5py
(analysis/tests/synthetic.py). Run from the repository root: /usr/bin/python3 benchmarks/bench_report.py"""
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import analysis  # noqa: E402
from analysis.report import write_report  # noqa: E402
from analysis.tests.synthetic import FULL_SIZE, build_comparison  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_comparison(Path(folder) / "large.h5", FULL_SIZE)
        started = time.perf_counter()
        comparison = analysis.open_comparison(path)
        (Path(folder) / "report").mkdir()
        write_report(comparison, Path(folder) / "report")
        elapsed = time.perf_counter() - started
    print(f"bench_report: open and report a comparison of {len(FULL_SIZE.arms)} arms x {FULL_SIZE.replications} "
          f"replications x {FULL_SIZE.weeks} weeks x {len(FULL_SIZE.groups)} groups: {elapsed:.2f} s")


if __name__ == "__main__":
    main()

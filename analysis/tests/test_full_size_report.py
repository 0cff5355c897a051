"""A comparison of the full size (4 arms x 5 replications x 240 weeks x 40 groups x 15 metrics)
gives a whole report. How long it takes is a figure, not a test: benchmarks/bench_report.py,
printed by tools/benchmarks."""
import analysis
from analysis.report import write_report
from analysis.tests.synthetic import FULL_SIZE, build_comparison


def test_full_size_comparison_gives_a_whole_report(tmp_path):
    assert len(FULL_SIZE.groups) == 40
    path = build_comparison(tmp_path / "large.h5", FULL_SIZE)
    (tmp_path / "report").mkdir()
    write_report(analysis.open_comparison(path), tmp_path / "report")
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    for arm in FULL_SIZE.arms:
        assert arm in page

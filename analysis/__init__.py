"""Read a Kokeilu comparison file (`kokeilu compare -o OUT.h5`) into tidy pandas DataFrames,
and write a self-contained HTML report and CSV tables from it.

    import analysis
    comparison = analysis.open_comparison("OUT.h5")
    comparison.effects()            # arm, week, week_start, group, metric, mean, ci_low, ci_high
    comparison.summary(at="end")    # effects in the last week of follow-up

Command line: `python3 -m analysis report OUT.h5 -o DIR`, `python3 -m analysis export OUT.h5 -o DIR`.
File layout: docs/comparison-schema.md.
"""
from .errors import ComparisonFileError, KokeiluFileError
from .kinds import open_output
from .load import Comparison, Trajectory, open_comparison
from .run_file import RunFile, open_run

__all__ = ["Comparison", "ComparisonFileError", "KokeiluFileError", "RunFile", "Trajectory", "open_comparison",
           "open_output", "open_run"]

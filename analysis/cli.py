"""Command line: `python3 -m analysis report|export OUT.h5 -o DIR`, `python3 -m analysis evaluate OUT.h5`.

Exit status: 0 on success; 2 with a one-line message on stderr for a file that is not a
complete run or comparison file of schema version 5 (export: a comparison), or an output directory that cannot be written (and
then no output directory is left behind)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import KokeiluFileError, OutputDirectoryError

LANGUAGES = ("en", "fi")   # analysis.language.LANGUAGES, named here so that --help needs no babel
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_MISSING_PACKAGE = 3  # the machine lacks a Debian package (tools/setup)

DESCRIPTION = ("Read a Kokeilu comparison file (kokeilu compare -o OUT.h5) or run file (kokeilu run -o OUT.h5) "
               "and write a report or CSV tables.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m analysis", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser(
        "report", help="write report.html (self-contained) and its CSV tables",
        description="Write REPORT_DIR/report.html, a self-contained page (figures embedded) for readers "
                    "who do not use the engine, and the CSV tables behind it (status_shares.csv, "
                    "effects_key_metrics.csv, activation_rate.csv, costs_by_payer.csv, effects_by_group.csv, "
                    "displacement.csv, transitions.csv, cost_effectiveness.csv, cost_effectiveness_plane.csv). A previous report in "
                    "REPORT_DIR is replaced; a directory holding other files needs --force. The directory "
                    "appears only when everything is written.")
    export = commands.add_parser(
        "export", help="write the whole comparison as CSV for R, Stata and spreadsheets",
        description="Write CSV_DIR/metrics.csv.gz (long: arm, replication, week, week_start, group, metric, "
                    "value), effects.csv.gz, people.csv.gz (gzip-compressed), groups.csv, metrics_dictionary.csv and meta.csv. "
                    "A previous export in CSV_DIR is replaced; a directory holding other files needs --force. "
                    "The directory appears only when everything is written.")
    evaluate = commands.add_parser(
        "evaluate", help="would an evaluation detect a design's effect? (difference-in-differences)",
        description="For an arm whose pilot runs in part of the region: estimate its effect as an evaluator "
                    "would, by difference-in-differences of municipal unemployment and activation rates "
                    "(municipality x month panels, errors clustered by municipality), with placebo tests on "
                    "pre-pilot months, beside the true effect (the arm against the baseline arm). One row "
                    "per replication and outcome (analysis/evaluation.py).")
    evaluate.add_argument("comparison", metavar="OUT.h5", help="file written by `kokeilu compare`")
    evaluate.add_argument("--arm", required=True, help="the pilot arm to evaluate")
    evaluate.add_argument("--treated", metavar="M1,M2,...",
                          help="the pilot's municipalities (default: the arm's `area` in the comparison)")
    evaluate.add_argument("-o", "--output", metavar="EVALUATION.csv", help="also write the table as CSV")
    report.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="language of report.html: en (default) or fi (Finnish labels, numbers and dates)")
    for command, folder in ((report, "REPORT_DIR"), (export, "CSV_DIR")):
        command.add_argument("comparison", metavar="OUT.h5",
                             help="file written by `kokeilu compare` (report: or by `kokeilu run`)")
        command.add_argument("-o", "--output", metavar=folder, required=True,
                             help="output directory: created, or replaced if it holds only a previous output of this command")
        command.add_argument("--force", action="store_true", help="replace the output directory even if it holds other files")
        command.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return parser


def _fail(message: str) -> int:
    print("error: " + " ".join(message.split()), file=sys.stderr)
    return EXIT_BAD_INPUT


def _missing_package(error: ModuleNotFoundError) -> int:
    """A package of the analysis is not installed: the machine's fault, not the file's."""
    package = (error.name or "?").split(".")[0]
    print(f"error: the Python package {package} is missing: install Debian's python3-{package} "
          f"(tools/setup installs every package the analysis needs)", file=sys.stderr)
    return EXIT_MISSING_PACKAGE


def _report_writer(source, lang: str):
    """write(source, directory) for the file's kind, in `lang`."""
    from functools import partial
    from .run_file import RunFile
    from .sweep_report import SweepFile
    if isinstance(source, SweepFile):
        from .sweep_report import write_sweep_report
        return partial(write_sweep_report, lang=lang)
    if isinstance(source, RunFile):
        from .run_report import write_run_report
        return partial(write_run_report, lang=lang)
    from .report import write_report
    return partial(write_report, lang=lang)


def _evaluate(arguments) -> int:
    from .evaluation import evaluator_view, pilot_area
    from .load import open_comparison
    try:
        comparison = open_comparison(arguments.comparison)
        if arguments.arm not in comparison.treatment_arms:
            return _fail(f"{arguments.comparison}: no pilot arm {arguments.arm!r}; the arms are "
                         f"{', '.join(comparison.treatment_arms)}")
        treated = (arguments.treated.split(",") if arguments.treated else pilot_area(comparison, arguments.arm))
        if treated is None:
            return _fail(f"arm {arguments.arm!r} has no `area` (its pilot runs everywhere): "
                         "name the pilot's municipalities with --treated")
        view = evaluator_view(comparison, arguments.arm, treated)
    except KokeiluFileError as error:
        return _fail(str(error))
    except ModuleNotFoundError as error:
        return _missing_package(error)
    except ValueError as error:
        return _fail(f"{arguments.comparison}: {error}")
    print(f"{arguments.arm}: pilot in {len(treated)} of {view['municipalities'].iloc[0]} municipalities "
          f"({', '.join(treated)})")
    shown = view[["replication", "outcome", "true_effect", "did_estimate", "ci_low", "ci_high", "detects",
                  "covers_truth", "placebo_detections", "placebos"]]
    print(shown.to_string(index=False, float_format=lambda x: f"{100 * x:+.2f} pp"))
    if arguments.output:
        view.to_csv(arguments.output, index=False)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "evaluate":
        return _evaluate(arguments)
    started = time.monotonic()
    # Imported here so that --help and argument errors answer without loading matplotlib.
    from .load import open_comparison
    from .output_directory import atomic_directory, check_writable

    if arguments.command == "report":
        from .report import REPORT_FILES
        from .run_report import RUN_REPORT_TABLES
        from .sweep_report import SWEEP_REPORT_TABLES
        own_files = (*REPORT_FILES, *RUN_REPORT_TABLES, *SWEEP_REPORT_TABLES)
        written = "report.html and its CSV tables"
    else:
        from .export import EXPORT_FILES as own_files
        written = "CSV files"
    try:
        if arguments.command == "report":
            from .kinds import open_output
            source = open_output(arguments.comparison)
            write = _report_writer(source, arguments.lang)
        else:
            from .export import write_export as write
            source = open_comparison(arguments.comparison)
        check_writable(Path(arguments.output), arguments.force, own_files)
        with atomic_directory(arguments.output, force=arguments.force, own_files=own_files) as directory:
            write(source, directory)
    except (KokeiluFileError, OutputDirectoryError) as error:
        return _fail(str(error))
    except ModuleNotFoundError as error:
        return _missing_package(error)
    except Exception as error:  # noqa: BLE001 - a damaged file must give one line, never a traceback
        return _fail(f"{arguments.comparison}: cannot be used, damaged or not as documented "
                     f"({type(error).__name__}: {error})")
    if not arguments.quiet:
        print(f"wrote {written} to {arguments.output} ({time.monotonic() - started:.1f} s)")
    return EXIT_OK

#!/usr/bin/python3
"""Rewrites the expected series of regression cases in place, for a person to review the diff.

    /usr/bin/python3 tests/regression/regenerate.py [NAME ...] [--bin PATH]

NAME is a case file's stem (tests/regression/NAME.yaml); none means every case. The CLI is
--bin, else $KOKEILU_BIN, else build/kokeilu. Everything above `expected:` (the comments,
scenario, seed, threads, tolerance) is kept as written.
"""
import argparse
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import regression  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME", help="case names (default: all)")
    parser.add_argument("--bin", help="path of the kokeilu CLI")
    args = parser.parse_args()
    binary = args.bin or regression.kokeilu_bin() or str(regression.REPO_ROOT / "build" / "kokeilu")
    if not os.access(binary, os.X_OK):
        print(f"regenerate: {binary} is not an executable; build it or pass --bin", file=sys.stderr)
        return 2
    try:
        paths = regression.case_paths(args.names)
    except regression.CaseError as e:
        print(f"regenerate: {e}", file=sys.stderr)
        return 2
    for path in paths:
        case = regression.load_case(path)
        started = time.monotonic()
        rows = regression.run_and_compute(case, binary)
        regression.rewrite_expected(path, rows)
        print(f"{path.relative_to(regression.REPO_ROOT)}: {len(rows)} quarters "
              f"({time.monotonic() - started:.1f} s)")
    print("Review the change with: git diff tests/regression")
    return 0


if __name__ == "__main__":
    sys.exit(main())

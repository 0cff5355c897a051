"""`mpirun -n K kokeilu sweep` writes the very file the single process writes (byte for byte, with
SOURCE_DATE_EPOCH fixing the creation time), with idle ranks when there are more ranks than
points; a rank that fails ends the job with no output file. Run by ctest when built with MPI:
    mpi_same_file.py KOKEILU_BINARY MPIRUN TEST_DATA_DIR
"""
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
from mpi_jobs import launcher, run, stop_rank_one  # noqa: E402  (tests/python/mpi_jobs.py)

kokeilu, mpirun, data = sys.argv[1], launcher(sys.argv[2]), Path(sys.argv[3])
failures = []


with tempfile.TemporaryDirectory() as folder:
    folder = Path(folder)
    for sweep, ranks in [("sweep-small-lhs.yaml", [1, 2, 3]), ("sweep-small-grid.yaml", [3])]:
        single = folder / f"single-{sweep}.h5"
        result = run([kokeilu, "sweep", data / "sweeps" / sweep, "-o", single, "--threads", "1"])
        assert result.returncode == 0, result.stderr
        for n in ranks:
            out = folder / f"mpi{n}-{sweep}.h5"
            result = run(mpirun + ["-n", n, kokeilu, "sweep", data / "sweeps" / sweep, "-o", out])
            if result.returncode != 0:
                failures.append(f"{sweep} with {n} ranks: exit {result.returncode}\n{result.stderr}")
            elif out.read_bytes() != single.read_bytes():
                failures.append(f"{sweep} with {n} ranks: the file differs from the single process's")
            else:
                print(f"{sweep}: mpirun -n {n} wrote the same file")

    # A rank that stops (here: rank 1 told to stop) ends the job; nothing that looks like output.
    # 256 points: 16 finished within the second once the weekly step became faster (2026-12-03).
    many = folder / "many.yaml"
    many.write_text(f"comparison: {data / 'scenarios' / 'comparison-small.yaml'}\ndesign: sobol\npoints: 256\n"
                    "parameters:\n  - path: arms[pilot-2012-2015].design.services.coach.caseload\n"
                    "    range: [40, 80]\n    integer: true\n")
    out = folder / "failed.h5"

    def a_second_later():
        """Rank 1 has started: stop it a second later, with its points under way."""
        time.sleep(1.0)
        return True

    stop_rank_one(mpirun + ["-n", "2", kokeilu, "sweep", many, "-o", out, "--threads", "1"], a_second_later, failures)
    left = sorted(p.name for p in folder.iterdir() if "failed" in p.name)
    if left:
        failures.append(f"files left by the failed job: {left}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")

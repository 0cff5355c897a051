"""`mpirun -n K kokeilu compare` writes the very file the single process writes (byte for byte, with
SOURCE_DATE_EPOCH fixing the creation time): with parameter draws (/parameters), without
trajectories, with more ranks than runs (idle ranks), with a parameter drawn in the history (each
replication runs its own history, on whichever rank runs it). A bad output refuses before anything runs
(exit 2, on rank 0's word); a rank that fails ends the job with no output file (at most rank 0's temporary
file, when the launcher ends rank 0 before it has removed it). Run by ctest when
built with MPI:
    mpi_compare.py KOKEILU_BINARY MPIRUN TEST_DATA_DIR
"""
import sys
import tempfile
import time
from pathlib import Path

from mpi_jobs import launcher, run, stop_rank_one

kokeilu, mpirun, data = sys.argv[1], launcher(sys.argv[2]), Path(sys.argv[3])
comparison = data / "scenarios" / "comparison-small.yaml"  # 3 arms x 2 replications, parameter draws
failures = []


with tempfile.TemporaryDirectory() as folder:
    folder = Path(folder)
    # The same comparison with the market's matching efficiency drawn: it acts in the history.
    history_drawn = folder / "comparison-history-drawn.yaml"
    history_drawn.write_text(
        comparison.read_text()
        .replace("../../../scenarios", str((data / ".." / ".." / "scenarios").resolve()))
        .replace("matching_efficiency: 0.066", "matching_efficiency: {uniform: [0.05, 0.08], source: none}"))
    # (name, file, extra arguments, ranks): 6 runs over 1, 2, 3 ranks; 3 runs over 4 ranks (one idle).
    cases = [("draws", comparison, [], [1, 2, 3]), ("no-trajectories", comparison, ["--no-trajectories"], [2]),
             ("one-replication", comparison, ["--replications", "1"], [4]),
             ("history-draws", history_drawn, ["--replications", "3"], [2, 4])]
    for name, spec, extra, ranks in cases:
        single = folder / f"single-{name}.h5"
        result = run([kokeilu, "compare", spec, "-o", single, "--threads", "2"] + extra)
        assert result.returncode == 0, result.stderr
        if name == "history-draws":
            assert "each replication its own" in result.stdout, result.stdout
        for n in ranks:
            out = folder / f"mpi{n}-{name}.h5"
            result = run(mpirun + ["-n", n, kokeilu, "compare", spec, "-o", out, "--threads", "1"] + extra)
            if result.returncode != 0:
                failures.append(f"{name} with {n} ranks: exit {result.returncode}\n{result.stderr}")
            elif out.read_bytes() != single.read_bytes():
                failures.append(f"{name} with {n} ranks: the file differs from the single process's")
            elif "Effects" not in result.stdout and "effect" not in result.stdout.lower():
                failures.append(f"{name} with {n} ranks: rank 0 printed no effects:\n{result.stdout}")
            else:
                print(f"{name}: mpirun -n {n} wrote the same file")

    # An output rank 0 cannot write: refused before anything runs, exit 2, one clear message.
    result = run(mpirun + ["-n", 2, kokeilu, "compare", comparison, "-o", folder / "missing" / "out.h5"])
    if result.returncode != 2 or "missing" not in result.stderr:
        failures.append(f"an output in a missing folder: exit {result.returncode}\n{result.stderr}")

    # A rank that stops (rank 1 sent SIGTERM) ends the job; nothing that looks like output.
    out = folder / "failed.h5"

    def under_way():
        """Rank 0 has begun writing (its temporary file is there), so every rank has read its
        input (stopped while reading, a rank says that instead); then half a second more."""
        if not any(p.name.startswith(".failed.h5.tmp") for p in folder.iterdir()):
            return False
        time.sleep(0.5)
        return True

    stop_rank_one(mpirun + ["-n", "2", kokeilu, "compare", comparison, "-o", out, "--threads", "1",
                            "--replications", "40"], under_way, failures)
    if (folder / "failed.h5").exists():
        failures.append("the failed job left its output file")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")

"""`mpirun -n K kokeilu compare` writes the very file the single process writes (byte for byte, with
SOURCE_DATE_EPOCH fixing the creation time): with parameter draws (/parameters), without
trajectories, with more ranks than runs (idle ranks). A bad output refuses before anything runs
(exit 2, on rank 0's word); a rank that fails ends the job with no output file. Run by ctest when
built with MPI:
    mpi_compare.py KOKEILU_BINARY MPIRUN TEST_DATA_DIR
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

kokeilu, mpirun, data = sys.argv[1], sys.argv[2], Path(sys.argv[3])
comparison = data / "scenarios" / "comparison-small.yaml"  # 3 arms x 2 replications, parameter draws
environment = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
# CI runs as root; the test machine may have fewer cores than ranks.
launcher = [mpirun, "--allow-run-as-root", "--oversubscribe"]
failures = []


def run(command):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, env=environment, timeout=300)


def rank_process(job, rank):
    """The pid of the kokeilu process of `rank` started by the mpirun `job`, or None."""
    for proc in Path("/proc").iterdir():
        try:
            if (proc / "comm").read_text().strip() != "kokeilu":
                continue
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) != job.pid:
                continue
            if f"OMPI_COMM_WORLD_RANK={rank}\0".encode() in (proc / "environ").read_bytes():
                return int(proc.name)
        except (OSError, ValueError, IndexError):
            continue
    return None


with tempfile.TemporaryDirectory() as folder:
    folder = Path(folder)
    # (name, extra arguments, ranks): 6 runs over 1, 2, 3 ranks; 3 runs over 4 ranks (one idle).
    cases = [("draws", [], [1, 2, 3]), ("no-trajectories", ["--no-trajectories"], [2]),
             ("one-replication", ["--replications", "1"], [4])]
    for name, extra, ranks in cases:
        single = folder / f"single-{name}.h5"
        result = run([kokeilu, "compare", comparison, "-o", single, "--threads", "2"] + extra)
        assert result.returncode == 0, result.stderr
        for n in ranks:
            out = folder / f"mpi{n}-{name}.h5"
            result = run(launcher + ["-n", n, kokeilu, "compare", comparison, "-o", out, "--threads", "1"] + extra)
            if result.returncode != 0:
                failures.append(f"{name} with {n} ranks: exit {result.returncode}\n{result.stderr}")
            elif out.read_bytes() != single.read_bytes():
                failures.append(f"{name} with {n} ranks: the file differs from the single process's")
            elif "Effects" not in result.stdout and "effect" not in result.stdout.lower():
                failures.append(f"{name} with {n} ranks: rank 0 printed no effects:\n{result.stdout}")
            else:
                print(f"{name}: mpirun -n {n} wrote the same file")

    # An output rank 0 cannot write: refused before anything runs, exit 2, one clear message.
    result = run(launcher + ["-n", 2, kokeilu, "compare", comparison, "-o", folder / "missing" / "out.h5"])
    if result.returncode != 2 or "missing" not in result.stderr:
        failures.append(f"an output in a missing folder: exit {result.returncode}\n{result.stderr}")

    # A rank that stops (rank 1 sent SIGTERM) ends the job; nothing that looks like output.
    out = folder / "failed.h5"
    job = subprocess.Popen(launcher + ["-n", "2", kokeilu, "compare", str(comparison), "-o", str(out), "--threads",
                                       "1", "--replications", "40"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    rank1 = None
    deadline = time.monotonic() + 30
    while rank1 is None and time.monotonic() < deadline:
        time.sleep(0.2)
        rank1 = rank_process(job, 1)
    assert rank1 is not None, "rank 1 never started"
    time.sleep(1.5)
    os.kill(rank1, signal.SIGTERM)
    _, stderr = job.communicate(timeout=120)
    if job.returncode == 0:
        failures.append("the job with a stopped rank exited 0")
    if "rank 1 of 2 interrupted" not in stderr:
        failures.append(f"the stopped rank did not say so:\n{stderr}")
    left = sorted(p.name for p in folder.iterdir() if "failed" in p.name)
    if left:
        failures.append(f"files left by the failed job: {left}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")

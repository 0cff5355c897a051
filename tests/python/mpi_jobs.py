"""What the MPI checks (tests/python/mpi_compare.py, mpi_calibrate.py, tests/unit/sweep/mpi_same_file.py)
share: how they launch kokeilu under mpirun, and a job whose rank 1 is stopped mid-run. Not a
pytest file: ctest runs those scripts with the built binary and mpirun."""
import os
import signal
import subprocess
import time
from pathlib import Path

# SOURCE_DATE_EPOCH fixes the creation time the files record, so that files compare byte for byte.
ENVIRONMENT = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def launcher(mpirun):
    """mpirun as the checks start it: CI runs as root; the test machine may have fewer cores than ranks."""
    return [mpirun, "--allow-run-as-root", "--oversubscribe"]


def run(command, **kwargs):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, env=ENVIRONMENT, timeout=300,
                          **kwargs)


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


def stop_rank_one(command, ready, failures):
    """Start the two-rank job `command`, send its rank 1 SIGTERM once `ready()` holds (or after
    120 s), and add to `failures` what the job did wrong: exit 0, or no word that rank 1 stopped.
    What it left on disk is the caller's to check."""
    job = subprocess.Popen([str(c) for c in command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=ENVIRONMENT)
    rank1 = None
    deadline = time.monotonic() + 30
    while rank1 is None and time.monotonic() < deadline:
        time.sleep(0.2)
        rank1 = rank_process(job, 1)
    assert rank1 is not None, "rank 1 never started"
    deadline = time.monotonic() + 120
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        os.kill(rank1, signal.SIGTERM)
    except ProcessLookupError:
        job.communicate(timeout=120)
        failures.append("rank 1 ended before it could be stopped: the job is too short for this check")
        return
    _, stderr = job.communicate(timeout=120)
    if job.returncode == 0:
        failures.append("the job with a stopped rank exited 0")
    if "rank 1 of 2 interrupted" not in stderr:
        failures.append(f"the stopped rank did not say so:\n{stderr}")

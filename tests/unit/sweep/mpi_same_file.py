"""`mpirun -n K kokeilu sweep` writes the very file the single process writes (byte for byte, with
SOURCE_DATE_EPOCH fixing the creation time), with idle ranks when there are more ranks than
points; a rank that fails ends the job with no output file. Run by ctest when built with MPI:
    mpi_same_file.py KOKEILU_BINARY MPIRUN TEST_DATA_DIR
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

kokeilu, mpirun, data = sys.argv[1], sys.argv[2], Path(sys.argv[3])
environment = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
# CI runs as root; the test machine may have fewer cores than ranks.
launcher = [mpirun, "--allow-run-as-root", "--oversubscribe"]
failures = []


def run(command, **kwargs):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, env=environment, timeout=300,
                          **kwargs)


with tempfile.TemporaryDirectory() as folder:
    folder = Path(folder)
    for sweep, ranks in [("sweep-small-lhs.yaml", [1, 2, 3]), ("sweep-small-grid.yaml", [3])]:
        single = folder / f"single-{sweep}.h5"
        result = run([kokeilu, "sweep", data / "sweeps" / sweep, "-o", single, "--threads", "1"])
        assert result.returncode == 0, result.stderr
        for n in ranks:
            out = folder / f"mpi{n}-{sweep}.h5"
            result = run(launcher + ["-n", n, kokeilu, "sweep", data / "sweeps" / sweep, "-o", out])
            if result.returncode != 0:
                failures.append(f"{sweep} with {n} ranks: exit {result.returncode}\n{result.stderr}")
            elif out.read_bytes() != single.read_bytes():
                failures.append(f"{sweep} with {n} ranks: the file differs from the single process's")
            else:
                print(f"{sweep}: mpirun -n {n} wrote the same file")

    # A rank that stops (here: rank 1 told to stop) ends the job; nothing that looks like output.
    many = folder / "many.yaml"
    many.write_text(f"comparison: {data / 'scenarios' / 'comparison-small.yaml'}\ndesign: sobol\npoints: 16\n"
                    "parameters:\n  - path: arms[pilot-2012-2015].design.services.coach.caseload\n"
                    "    range: [40, 80]\n    integer: true\n")
    out = folder / "failed.h5"
    job = subprocess.Popen(launcher + ["-n", "2", kokeilu, "sweep", str(many), "-o", str(out), "--threads", "1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    rank1 = None
    deadline = time.monotonic() + 30
    while rank1 is None and time.monotonic() < deadline:
        time.sleep(0.2)
        for proc in Path("/proc").iterdir():
            try:
                if (proc / "comm").read_text().strip() != "kokeilu":
                    continue
                if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) != job.pid:
                    continue
                if b"OMPI_COMM_WORLD_RANK=1\0" in (proc / "environ").read_bytes():
                    rank1 = int(proc.name)
            except (OSError, ValueError, IndexError):
                continue
    assert rank1 is not None, "rank 1 never started"
    time.sleep(1.0)
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

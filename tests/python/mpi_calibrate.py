"""`mpirun -n K kokeilu calibrate` (each evaluation's replications spread over the ranks) finds the
fit of the single process: the same evaluations log and fitted values, byte for byte, and the same
table of fit but for its seconds; with more ranks than replications too. A calibration file the
ranks reject fails once, on rank 0's word, exit 2, nothing written. Run by ctest when built with MPI:
    mpi_calibrate.py KOKEILU_BINARY MPIRUN TEST_DATA_DIR
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mpi_jobs import launcher as mpi_launcher

kokeilu, mpirun, data = Path(sys.argv[1]).resolve(), sys.argv[2], Path(sys.argv[3]).resolve()
launcher = mpi_launcher(mpirun)
CALIBRATION = """name: small
scenario: {scenario}
replications: 3
output: fitted
optimiser: {{global: crs2, global_evaluations: 4, local: sbplx, local_evaluations: 4, seed: 7}}
parameters:
  - {{path: 'region.markets[small-area].matching_efficiency', min: 0.03, max: 0.2, start: 0.1}}
targets:
  - {{statistic: job_hazard, value: 0.06, period: [2012-10-01, 2013-06-30], source: test}}
"""
failures = []


def run(command, folder):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=folder, timeout=300)


def outputs(folder):
    """The files a calibration wrote, the table of fit without its seconds."""
    found = {}
    for name in ["fitted-evaluations.tsv", "fitted.yaml", "fitted-fit.txt"]:
        text = (folder / name).read_text()
        found[name] = re.sub(r", [0-9]+ s\n", ", N s\n", text) if name.endswith("fit.txt") else text
    return found


with tempfile.TemporaryDirectory() as top:
    top = Path(top)
    single = top / "single"
    single.mkdir()
    (single / "calibration.yaml").write_text(CALIBRATION.format(scenario=data / "run-small.yaml"))
    result = run([kokeilu, "calibrate", "calibration.yaml", "--threads", "2"], single)
    assert result.returncode == 0, result.stderr
    expected = outputs(single)
    assert len(expected["fitted-evaluations.tsv"].splitlines()) == 10  # the header, 1 + 4 + 4 evaluations
    for n in [2, 4]:  # 4 ranks: more than the 3 replications, one idle in every evaluation
        folder = top / f"mpi{n}"
        folder.mkdir()
        (folder / "calibration.yaml").write_text(CALIBRATION.format(scenario=data / "run-small.yaml"))
        result = run(launcher + ["-n", n, kokeilu, "calibrate", "calibration.yaml", "--threads", "1"], folder)
        if result.returncode != 0:
            failures.append(f"{n} ranks: exit {result.returncode}\n{result.stderr}")
            continue
        got = outputs(folder)
        for name, text in expected.items():
            if got[name] != text:
                failures.append(f"{n} ranks: {name} differs from the single process's")
        if result.stdout.count("Calibration small") != 1:
            failures.append(f"{n} ranks: the table of fit is not printed once:\n{result.stdout}\n{result.stderr}")
        print(f"mpirun -n {n}: the same fit")

    # A target the engine does not know: every rank rejects the file, rank 0 says so once.
    bad = top / "bad"
    bad.mkdir()
    (bad / "calibration.yaml").write_text(
        CALIBRATION.format(scenario=data / "run-small.yaml").replace("statistic: job_hazard", "statistic: job_hazards"))
    result = run(launcher + ["-n", 2, kokeilu, "calibrate", "calibration.yaml"], bad)
    if result.returncode != 2 or result.stderr.count("no statistic `job_hazards`") != 1:
        failures.append(f"a bad calibration over 2 ranks: exit {result.returncode}\n{result.stderr}")
    if sorted(p.name for p in bad.iterdir()) != ["calibration.yaml"]:
        failures.append(f"a bad calibration wrote {sorted(p.name for p in bad.iterdir())}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok")

"""What a study run records about itself: the code version, the machine and the helpers a
result came from (stamped onto the notebooks' records after they ran), the wall times, and
how busy the machine was while a benchmark ran."""

import hashlib
import json
import os
import platform
import re
import subprocess
import time
from pathlib import Path

import rnnbook
from rnnbook.data.files import write_atomic
from rnnbook.lessons.results import RESULTS_DIR

__all__ = ["REPO", "RESULTS_DIR", "code_version", "machine", "helpers_digest", "read_timings",
           "stamp", "IDLE_LIMIT", "busy_seconds", "children_seconds", "load_during"]

REPO = Path(__file__).resolve().parent.parent


def code_version():
    """The git commit the notebooks ran from, '-dirty' if notebooks/ differed; else None.

    run_all sets RNN_CODE_VERSION to the version it found before it wrote anything, so that
    a notebook rewritten in place does not make the next one's version read '-dirty'.
    """
    if os.environ.get("RNN_CODE_VERSION"):
        return os.environ["RNN_CODE_VERSION"]

    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()

    try:
        return git("rev-parse", "--short", "HEAD") + (
            "-dirty" if git("status", "--porcelain", "--", "notebooks") else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def machine():
    """'x86_64, 2 CPUs (AMD EPYC ...)': timings and even float results depend on the CPU."""
    cpuinfo = Path("/proc/cpuinfo")
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text()) if cpuinfo.exists() else None
    return f"{platform.machine()}, {os.cpu_count()} CPUs" + (f" ({model[1]})" if model else "")


# The most of the machine's CPU time that other work may take while a benchmark runs, for its
# round to count as taken on an idle machine.
IDLE_LIMIT = 0.1


def busy_seconds():
    """CPU seconds the whole machine has been busy since boot (all cores), from /proc/stat;
    None where there is no /proc."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")  # guest time is in user's


def children_seconds():
    """CPU seconds this process's finished children have used."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_during(run):
    """Run `run()` (a child process that ends before it returns) and measure the machine's
    other work meanwhile: (its result, {"loadavg": [before, after], "others_cpu": share}).

    others_cpu: the share of all cores' time that processes other than the child used while
    it ran (the load average alone counts the benchmark itself); None without /proc.
    """
    before = (os.getloadavg()[0], busy_seconds(), children_seconds(), time.perf_counter())
    result = run()
    after = (os.getloadavg()[0], busy_seconds(), children_seconds(), time.perf_counter())
    others = None
    if before[1] is not None and after[1] is not None:
        busy = after[1] - before[1] - (after[2] - before[2])
        others = max(0.0, busy) / ((after[3] - before[3]) * os.cpu_count())
    return result, {"loadavg": [round(before[0], 2), round(after[0], 2)],
                    "others_cpu": None if others is None else round(others, 3)}


def read_timings(path):
    """results/<run>/timings.json, checked: {notebook: {"seconds": ...}}; {} if absent."""
    path = Path(path)
    if not path.is_file():
        return {}
    fix = f"delete {path}; `make run` writes it again"
    try:
        timings = json.loads(path.read_text(encoding="utf-8"), parse_constant=float)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON, truncated or corrupt ({exc}): {fix}") from None
    if not isinstance(timings, dict):
        raise ValueError(f"{path}: not a table of notebooks and their seconds: {fix}")
    for name, entry in timings.items():
        seconds = entry.get("seconds") if isinstance(entry, dict) else None
        if not isinstance(seconds, (int, float)) or not 0 <= seconds < float("inf"):
            raise ValueError(f"{path}: {name!r} has no valid 'seconds' ({entry!r}): {fix}")
    return timings


def helpers_digest():
    """sha256 of the course package (every module, by its path in it): which helpers a run used."""
    package = Path(rnnbook.__file__).parent
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0"
                      + module.read_bytes() + b"\0")
    return digest.hexdigest()


def stamp(path, code):
    """Add the code version, the helpers' digest and the machine to the record at `path`:
    run_all calls it on each record a notebook wrote while it ran."""
    record = json.loads(Path(path).read_text(encoding="utf-8"))
    record |= {"code": code, "helpers_sha256": helpers_digest()[:12], "machine": machine()}
    write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")

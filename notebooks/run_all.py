"""Execute notebooks top to bottom, print a progress line for each, and save their wall times.

    python notebooks/run_all.py build NOTEBOOK...      executed copies go to build/
    python notebooks/run_all.py --inplace NOTEBOOK...  refresh the notebooks' stored outputs

The profile and seed come from RNN_QUICK and RNN_SEED, as in the notebooks. Wall times go to
results/<profile>/timings.json, for the report.
"""

import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import rnnbook


def execute(path):
    """Run one notebook in a fresh kernel, from its own folder; return it executed."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=None, record_timing=False, resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    return notebook


def save_timing(name, seconds, code):
    path = rnnbook.RESULTS_DIR / rnnbook.profile() / "timings.json"
    timings = json.loads(path.read_text()) if path.is_file() else {}
    timings[name] = {
        "seconds": round(seconds, 1),
        "seed": rnnbook.seed(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "code": code,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(timings, indent=1) + "\n")


def main(target, notebooks):
    where = "in place" if target == "--inplace" else f"into {target}/"
    print(f"{rnnbook.profile()} profile, seed {rnnbook.seed()}, executing {where}:")
    executed = []
    for path in map(Path, notebooks):
        code = rnnbook.code_version()
        start = time.perf_counter()
        notebook = execute(path)
        seconds = time.perf_counter() - start
        save_timing(path.stem, seconds, code)
        executed.append((path, notebook))
        print(f"  {path.name:40} done in {seconds:6.0f} s", flush=True)
    # Written at the end: in place, an executed notebook would make the code version of the
    # notebooks run after it read as '-dirty'.
    for path, notebook in executed:
        out = path if target == "--inplace" else Path(target) / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, out)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])

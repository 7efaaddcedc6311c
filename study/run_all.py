"""Execute notebooks top to bottom, print a progress line for each, and save their wall times.

    python -m study.run_all FOLDER NOTEBOOK...      executed copies go to FOLDER/
    python -m study.run_all --inplace NOTEBOOK...   refresh the notebooks' stored outputs

The profile and seed come from RNN_QUICK and RNN_SEED, as in the notebooks, the backend from
KERAS_BACKEND. Wall times go to results/<profile>/timings.json (results/full-jax/ on JAX), for
the report; each record a notebook saved is stamped with the code version, the helpers'
digest and the machine (study/records.py). Every argument is checked before anything runs;
each notebook is written (atomically) as soon as it has run, so a failure or Ctrl-C keeps the
ones that finished.
"""

import json
import os
import signal
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import rnnbook
from rnnbook.config import run_folder
from rnnbook.data.files import write_atomic
from study import records

USAGE = __doc__.split("\n\n")[1]


class Refused(Exception):
    """An argument or input file that would make the run fail or lose work: nothing ran."""


def check_arguments(args):
    """(target folder or None for in place, notebook paths); raise Refused with the fix."""
    if len(args) < 2:
        raise Refused(f"give a target and at least one notebook:\n{USAGE}")
    target, notebooks = args[0], [Path(a) for a in args[1:]]
    if target.startswith("-") and target != "--inplace":
        raise Refused(f"unknown option {target!r}: the only option is --inplace\n{USAGE}")
    if target.endswith(".ipynb"):
        raise Refused(f"the first argument, {target}, is a notebook: name the folder for the "
                      f"executed copies first (or --inplace)\n{USAGE}")
    for path in notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            raise Refused(f"{path} is not a notebook file (*.ipynb): check the name")
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as exc:
            raise Refused(f"{path} is not a valid notebook ({exc}): restore it with git") from None
    rnnbook.profile(), rnnbook.seed()  # RNN_QUICK / RNN_SEED: their errors name the fix
    if target == "--inplace":
        if rnnbook.profile() == "quick":
            raise Refused("--inplace with RNN_QUICK=1 would store quick-profile outputs in the "
                          "committed notebooks: unset RNN_QUICK (stored outputs come from the "
                          "full profile)")
        if backend() != "tensorflow":
            raise Refused(f"--inplace with KERAS_BACKEND={backend()} would store {backend()} "
                          "outputs in the committed notebooks, which are TensorFlow's: name a "
                          "folder (build-jax/)")
        return None, notebooks
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        raise Refused(f"{folder} exists and is not a folder: name a folder for the copies")
    if any(folder.resolve() == path.resolve().parent for path in notebooks):
        raise Refused(f"{folder} holds the notebooks themselves: writing there overwrites their "
                      "stored outputs. Name another folder (build/), or say --inplace if that "
                      "is what you mean")
    return folder, notebooks


def backend():
    """The backend the kernels will use: KERAS_BACKEND, TensorFlow when unset."""
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def results_folder():
    """results/<profile>/; on another backend results/<profile>-<backend>/."""
    return records.RESULTS_DIR / run_folder(rnnbook.profile(), backend())


def timings_file():
    return results_folder() / "timings.json"


def save_timing(name, seconds, code):
    timings = records.read_timings(timings_file())
    timings[name] = {"seconds": round(seconds, 1), "seed": rnnbook.seed(),
                     "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "code": code}
    write_atomic(timings_file(), json.dumps(timings, indent=1) + "\n")


def stamp_records(name, since, code):
    """Stamp the record notebook `name` saved at or after `since` (time.time()), if any."""
    path = results_folder() / name / f"seed{rnnbook.seed()}.json"
    if path.is_file() and path.stat().st_mtime >= since:
        records.stamp(path, code)


def client_for(notebook, path):
    """A client that runs `notebook` (read from `path`) in a fresh kernel, from its folder."""
    return NotebookClient(notebook, timeout=None, record_timing=False,
                          resources={"metadata": {"path": path.parent}})


def was_interrupted(client):
    """True once SIGINT/SIGTERM reached the run. While a kernel runs, nbclient handles these
    signals itself (it shuts the kernel down, then fails): it leaves this attribute behind."""
    return bool(interrupted) or hasattr(client, "_async_cleanup_kernel_future")


def failure(notebook):
    """'cell N (execution count M): Error: message' of the first cell that stored an error."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return (f"cell {index} (execution count {cell.get('execution_count')}): "
                        f"{output.get('ename')}: {output.get('evalue')}")
    return "a cell failed"


interrupted = []  # signals received between notebooks


def stop(signum, frame):
    interrupted.append(signum)
    raise KeyboardInterrupt


def run(folder, notebooks):
    where = "in place" if folder is None else f"into {folder}/"
    print(f"{rnnbook.profile()} profile, seed {rnnbook.seed()}, executing {where}:", flush=True)
    # Read once, before anything is written: in place, a rewritten notebook would make the
    # notebooks after it record their code version as '-dirty'.
    code = records.code_version()
    if code:
        os.environ["RNN_CODE_VERSION"] = code  # the kernels inherit it
    finished = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        start, started_at = time.perf_counter(), time.time()
        kept = f"Kept: {', '.join(finished) or 'nothing'}."
        client = client_for(notebook, path)
        try:
            client.execute()
        except BaseException as exc:  # noqa: BLE001  (every way out is reported)
            if was_interrupted(client):
                print(f"INTERRUPTED while executing {path}: it was not written. {kept}",
                      file=sys.stderr)
                sys.exit(130)
            reason = failure(notebook) if isinstance(exc, CellExecutionError) else repr(exc)
            sys.exit(f"FAILED: {path}, {reason}\n{kept} Fix the notebook (or its data), "
                     f"then run again from {path.name}.")
        seconds = time.perf_counter() - start
        out = path if folder is None else folder / path.name
        write_atomic(out, nbformat.writes(notebook) + "\n")
        save_timing(path.stem, seconds, code)
        stamp_records(path.stem, started_at, code)
        finished.append(str(out))
        print(f"  {path.name:40} done in {seconds:6.0f} s -> {out}", flush=True)


def main(args):
    try:
        folder, notebooks = check_arguments(args)
        records.read_timings(timings_file())  # a corrupt file fails now, not after an hour
    except (Refused, ValueError) as exc:
        raise SystemExit(f"run_all.py: {exc}") from None
    run(folder, notebooks)


if __name__ == "__main__":
    main(sys.argv[1:])

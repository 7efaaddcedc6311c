"""How fast each backend trains the IMDB models, side by side in one run: `make bench`.

SimpleRNN(32), LSTM(32) and GRU(32) (and the two gated layers with recurrent_dropout=0.2,
which on a GPU turns the fused cuDNN kernel off) train for one epoch with the book's IMDB
protocol: 20,000 reviews of 500 words in batches of 128, then 5,000 for validation. Four
ways of running the same model code:

  tensorflow      Keras' default on TensorFlow: jit_compile="auto", which is off on a CPU
                  and XLA on a GPU (the record says which it was)
  tensorflow-xla  TensorFlow with jit_compile=True: XLA compiles the training step
  jax             the JAX backend (always compiled by XLA)
  torch           the PyTorch backend, only when named: PyTorch is not in requirements.txt
                  (see the README); a GPU machine that has it can time it

Each way runs in a fresh Python process (Keras picks its backend when first imported), one
after another, each with the share of the CPU that other processes took meanwhile (the report
flags a way timed under load). A warm-up fit on a few reviews first compiles every batch
shape, so the timed epoch is the steady state. After each way finishes,
results/<profile>/bench-<cpu|gpu>.json is rewritten (atomically) with it; ways measured
earlier on the same machine stay in that file, each with its date and code, and
`make report` puts the table in the report.

    python -m study.bench [WAY ...] [MODEL ...]   (the first three ways, every model if
                                                      none named; quote a model with a comma)
"""

import importlib
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone

import rnnbook
from rnnbook.data.files import write_atomic
from study import records

WAYS = {  # name: (KERAS_BACKEND, jit_compile)
    "tensorflow": ("tensorflow", "auto"),
    "tensorflow-xla": ("tensorflow", True),
    "jax": ("jax", "auto"),
    "torch": ("torch", "auto"),
}
DEFAULT_WAYS = ["tensorflow", "tensorflow-xla", "jax"]  # the backends requirements.txt installs
MODELS = ["SimpleRNN", "LSTM", "GRU", "LSTM, recurrent_dropout=0.2", "GRU, recurrent_dropout=0.2"]
BATCH_SIZE = 128


def recurrent_layer(name):
    from keras import layers

    kind, _, option = name.partition(", ")
    kwargs = {"recurrent_dropout": 0.2} if option else {}
    return getattr(layers, kind)(32, **kwargs)


def time_one_epoch(name, jit_compile, x_train, y_train, x_val, y_val):
    """Seconds for one training epoch with its validation pass, after a compiling warm-up."""
    import keras
    from keras import layers

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input(shape=(None,)), layers.Embedding(10000, 32), recurrent_layer(name),
         layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["acc"],
                  jit_compile=jit_compile)
    # one full batch and the last, partial one, for training and for validation: every
    # shape the timed epoch meets is compiled before the clock starts
    warm_train = BATCH_SIZE + len(x_train) % BATCH_SIZE
    warm_val = BATCH_SIZE + len(x_val) % BATCH_SIZE
    model.fit(x_train[:warm_train], y_train[:warm_train], batch_size=BATCH_SIZE, verbose=0,
              validation_data=(x_val[:warm_val], y_val[:warm_val]))
    history, seconds = timed_epoch(lambda clock: model.fit(
        x_train, y_train, batch_size=BATCH_SIZE, verbose=0, validation_data=(x_val, y_val),
        callbacks=clock))
    return seconds | {"val_acc": float(history.history["val_acc"][0]),
                      "jit_compile": bool(model.jit_compile)}


def timed_epoch(fit):
    """`fit(callbacks)`'s history, and its one epoch's seconds and those `fit` ran on after it.

    The clock stops when the epoch ends, not when `fit` returns: on TensorFlow, `fit` then
    waits for tf.data's autotuning thread to wake (its naps double from 10 ms: here fits
    ended at about 20, 41 or 82 s), once per `fit` call, which one epoch would count in full.
    """
    import keras

    times = {}
    clock = keras.callbacks.LambdaCallback(
        on_epoch_begin=lambda epoch, logs: times.update(begin=time.perf_counter()),
        on_epoch_end=lambda epoch, logs: times.update(end=time.perf_counter()))
    history = fit([clock])
    return history, {"seconds_per_epoch": times["end"] - times["begin"],
                     "seconds_after_epoch": time.perf_counter() - times["end"]}


def worker(way, names):
    """Run in the child process: time the named models one way, print one JSON line."""
    import keras

    _, jit_compile = WAYS[way]
    (x, y), _ = rnnbook.load_imdb(num_words=10000)
    x = keras.utils.pad_sequences(x, maxlen=500)
    x, y = x[: rnnbook.pick(full=len(x), quick=640)], y[: rnnbook.pick(full=len(y), quick=640)]
    split = int(len(x) * 0.8)  # as validation_split=0.2: the last 20% validate
    data = (x[:split], y[:split], x[split:], y[split:])
    models = {name: time_one_epoch(name, jit_compile, *data) for name in names}
    print(json.dumps({**backend_record(), "models": models}))


def backend_record():
    """The worker's backend and versions, and its device ('gpu' or 'cpu') and GPU, as the
    backend sees them."""
    import keras

    backend = keras.backend.backend()
    if backend == "torch":  # keras.distribution does not cover PyTorch
        import torch

        gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    elif backend == "jax":
        import jax

        gpu = jax.devices()[0].device_kind if jax.default_backend() == "gpu" else None
    else:
        import tensorflow as tf

        found = tf.config.list_physical_devices("GPU")
        details = tf.config.experimental.get_device_details(found[0]) if found else {}
        gpu = details.get("device_name", found[0].name if found else None)
    return {"device": "gpu" if gpu else "cpu", "gpu": gpu, "backend": backend,
            "version": keras.version(),
            "backend_version": importlib.import_module(backend).__version__}


def child(module, *args, env=None):
    """`module` (this one, or study.bench_jena) in a fresh Python process, run from the
    repository as `python -m module` (the study is not installed: a script path would not
    find it)."""
    return subprocess.run([sys.executable, "-m", module, *args],
                          cwd=records.REPO, env=env, capture_output=True, text=True)


def run_in_child(module, way, backend, models, kept):
    """Run one way of `module` in a fresh process; its measurements, or SystemExit naming what
    failed and what was `kept`."""
    env = os.environ | {"KERAS_BACKEND": backend}
    done, load = records.load_during(lambda: child(module, "--worker", way, *models, env=env))
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{module.removeprefix('study.')}.py: the {way} run failed (exit "
                         f"{done.returncode}); {kept}. Its last output:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1]) | {"load": load}


def run_way(way, models):
    return run_in_child("study.bench", way, WAYS[way][0], models, "nothing was saved for it")


def matmul_gflops(size=2048, repeats=5):
    """This machine's practical peak: float32 matrix products through NumPy's BLAS."""
    import numpy as np

    a = np.random.default_rng(0).random((size, size), dtype=np.float32)
    a @ a  # warm up
    start = time.perf_counter()
    for _ in range(repeats):
        a @ a
    return 2 * size**3 * repeats / (time.perf_counter() - start) / 1e9


def machine_record(result, name, **fresh):
    """results/<profile>/<name>-<device>.json, and its record if it was measured on this
    machine (so new ways join it), else a new one with `fresh`'s entries."""
    machine = (f"{result['gpu']}; " if result["gpu"] else "") + records.machine()
    path = records.RESULTS_DIR / rnnbook.profile() / f"{name}-{result['device']}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    if record.get("machine") != machine:
        record = {"profile": rnnbook.profile(), "machine": machine, **fresh}
    return path, record


def main(args):
    ways = [arg for arg in args if arg in WAYS] or DEFAULT_WAYS
    models = [arg for arg in args if arg in MODELS] or MODELS
    unknown = [arg for arg in args if arg not in WAYS and arg not in MODELS]
    if unknown:
        raise SystemExit(f"bench.py: unknown {', '.join(unknown)}; choose from "
                         f"{', '.join(WAYS)} and the models {', '.join(MODELS)}")
    rnnbook.load_imdb(num_words=10000)  # a missing or bad data file is said before any timing
    peak = matmul_gflops()  # measured here, before the runs, so the report need not guess it
    for way in ways:
        print(f"{way}: timing one epoch of {', '.join(models)} ...", flush=True)
        result = run_way(way, models)
        path, record = machine_record(result, "bench", ways={})
        result["date"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        result["code"] = records.code_version()
        record["ways"][way] = result
        if result["device"] == "cpu":  # the share of the peak says something on the CPU only
            record["matmul_gflops"] = peak
        write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")
        for name, m in result["models"].items():
            print(f"  {name:28} {m['seconds_per_epoch']:7.1f} s/epoch")
        share = result["load"]["others_cpu"]
        if share is None or share > records.IDLE_LIMIT:
            print(f"  UNDER LOAD: other processes took "
                  f"{'an unmeasured share' if share is None else f'{share:.0%}'} of the CPU; "
                  "the report flags this way: time it again on an idle machine")
        print(f"  saved {path.relative_to(records.RESULTS_DIR.parent)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3:])
    else:
        main(sys.argv[1:])

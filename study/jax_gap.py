"""Why JAX's SimpleRNN scores above TensorFlow's in notebook 03 (issue 37, item 5).

    python -m study.jax_gap [--seeds 0 1] [--epochs 10] [--arms ARM ...]

Keras 3 draws a seed's initial weights and its shuffles from each backend's own random
streams, so `make run` on TensorFlow and on JAX trains different samples of the same model.
This script takes those streams out: for each seed it builds notebook 03's SimpleRNN model
once on TensorFlow, saves its initial weights, and trains copies of it in a process per arm
(ARMS) on the same batches: each epoch's order a permutation from NumPy's generator seeded
with the seed, fed with shuffle=False.

Why the arm `tensorflow-dense`: on TensorFlow an Embedding's gradient is a tf.IndexedSlices,
a row per word occurrence, and Keras 3's RMSprop squares those rows before they are summed
into the second moment; JAX's gradient is dense, its RMSprop squares each word's summed
gradient. `one_step` measures that on each backend; `first_steps` compares the arms' losses
batch by batch, before float32 rounding parts them; the 10-epoch runs give each arm's best
val_acc, and count the training reviews beyond the clip of JAX's binary crossentropy (the one
place its formula differs from TensorFlow's). The stored gap is tested with Welch's t.

Writes results/full/jax_simplernn_gap.json atomically after each step, with the data file's
sha256, the machine and the load average before and after each arm; what is recorded for the
same seed, epochs and data is not run again (delete the file to start afresh). `make report`
puts the finding into the report's JAX section (`finding`). One training at a time, on CPU:
about 5-8 minutes an arm on 2 cores.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

import rnnbook  # before Keras: TensorFlow's environment
from rnnbook.data.files import file_digest, write_atomic
from study import records
from study.reporting.formats import markdown_table

OUTPUT = records.RESULTS_DIR / "full" / "jax_simplernn_gap.json"
NOTEBOOK = "03_imdb_simplernn_lstm"
ARMS = {  # name: (backend, how RMSprop takes the embedding's gradient)
    "tensorflow": ("tensorflow", "keras"),
    "jax": ("jax", "keras"),
    "tensorflow-dense": ("tensorflow", "dense"),
}
EPSILON = 1e-7  # keras.config.epsilon(): JAX's binary crossentropy clips to [EPSILON, 1 - EPSILON]
BATCH, VALIDATION = 128, 0.2
STEPS = 40  # batches compared one by one


# --- the worker: one arm in a process of its backend ------------------------------------

def imdb_arrays():
    import keras

    (x, y), (x_test, y_test) = rnnbook.load_imdb(num_words=10000)
    x, x_test = (keras.utils.pad_sequences(a, maxlen=500) for a in (x, x_test))
    split = int(len(x) * (1 - VALIDATION))  # what validation_split=0.2 keeps for training
    return (x[:split], y[:split]), (x[split:], y[split:]), (x_test, y_test)


def rmsprop(kind):
    """Keras' RMSprop, or ("dense") one that adds the embedding's gradient to zeros first."""
    import keras

    class DenseRMSprop(keras.optimizers.RMSprop):
        def update_step(self, gradient, variable, learning_rate):
            # sums a tf.IndexedSlices' rows of each word (on JAX, dense already, it adds zeros)
            gradient = keras.ops.add(gradient, keras.ops.zeros_like(variable))
            super().update_step(gradient, variable, learning_rate)

    return DenseRMSprop() if kind == "dense" else keras.optimizers.RMSprop()


def build(kind):
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input(shape=(None,)), layers.Embedding(10000, 32),
                              layers.SimpleRNN(32), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=rmsprop(kind), loss="binary_crossentropy", metrics=["acc"])
    return model


def set_saved_weights(model, path):
    with np.load(path) as saved:
        model.set_weights([saved[f"arr_{i}"] for i in range(len(saved.files))])


def one_step(occurrences=4):
    """RMSprop's second moment of a word seen `occurrences` times in one batch, after one step
    from zero, divided by (1 - rho) times the square of the word's summed gradient: 1 where
    the step squares the sum (JAX; Keras 2), 1/occurrences where it sums the squares of the
    occurrences' gradients."""
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input(shape=(occurrences,)),
                              layers.Embedding(3, 1, embeddings_initializer="zeros"),
                              layers.GlobalAveragePooling1D()])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mse")
    model.train_on_batch(np.ones((1, occurrences)), np.ones((1, 1)))
    summed = -2.0  # d(out - 1)^2 / d out at out = 0; out averages the word's occurrences
    velocity = [v for v in model.optimizer.variables if "velocity" in v.path][0]
    return float(keras.ops.convert_to_numpy(velocity)[1, 0]) / (0.1 * summed ** 2)


def logits_of(model, x):
    """The final Dense layer's input times its weights: the logit."""
    import keras

    features = keras.Sequential(model.layers[:-1]).predict(x, batch_size=512, verbose=0)
    kernel, bias = model.layers[-1].get_weights()
    return (features @ kernel + bias)[:, 0]


def beyond_clip(logits, y):
    """Reviews whose float32 probability JAX's clip moves (no gradient), and the wrong ones."""
    p = (1 / (1 + np.exp(-logits.astype(np.float32)))).astype(np.float32)
    out = (p < np.float32(EPSILON)) | (p > np.float32(1 - EPSILON))
    return {"n": int(out.sum()), "wrong": int((out & ((logits > 0) != (y == 1))).sum()),
            "of": len(y), "max_abs_logit": float(np.abs(logits).max())}


def first_steps(arm, seed, weights_path, steps=STEPS):
    """The loss of each of the first `steps` batches of the seed's first epoch, from the saved
    initial weights: where two arms part, and how fast (float32 rounding alone parts them
    slowly; a different computation at once)."""
    import keras

    (x, y), _, _ = imdb_arrays()
    rnnbook.deterministic_ops()
    model = build(ARMS[arm][1])
    set_saved_weights(model, weights_path)
    batches = np.random.default_rng(seed).permutation(len(x))[:steps * BATCH]
    return [float(keras.ops.convert_to_numpy(model.train_on_batch(
        x[chunk], y[chunk])[0])) for chunk in batches.reshape(steps, BATCH)]


def worker(arm, seed, epochs, weights_path):
    import keras

    backend, kind = ARMS[arm]
    assert keras.backend.backend() == backend, (keras.backend.backend(), backend)
    (x, y), (x_val, y_val), (x_test, y_test) = imdb_arrays()
    keras.utils.set_random_seed(seed)
    rnnbook.deterministic_ops()
    model = build(kind)
    if not Path(weights_path).exists():  # the seed's TensorFlow initial weights
        np.savez(weights_path, *model.get_weights())
    if not epochs:
        return {}
    set_saved_weights(model, weights_path)
    initial_val_loss = model.evaluate(x_val[:1000], y_val[:1000], verbose=0)[0]
    order = np.random.default_rng(seed)  # the same batches on both backends
    history = {}
    start = time.perf_counter()
    for _ in range(epochs):
        batches = order.permutation(len(x))
        fit = model.fit(x[batches], y[batches], batch_size=BATCH, epochs=1, shuffle=False,
                        validation_data=(x_val, y_val), verbose=0)
        for name, values in fit.history.items():
            history.setdefault(name, []).extend(float(v) for v in values)
        print(f"  {arm} epoch {len(history['acc'])}: val_acc {history['val_acc'][-1]:.4f}",
              flush=True)
    seconds = (time.perf_counter() - start) / epochs
    _, test_acc = model.evaluate(x_test, y_test, batch_size=512, verbose=0)
    best = int(np.argmax(history["val_acc"]))
    return {"arm": arm, "backend": backend, "rmsprop": kind, "seed": seed, "epochs": epochs,
            "initial_val_loss_1000": float(initial_val_loss), "history": history,
            "best_val_acc": history["val_acc"][best], "best_epoch": best + 1,
            "test_acc": float(test_acc), "seconds_per_epoch": seconds,
            "beyond_clip_train": beyond_clip(logits_of(model, x), y),
            "versions": {"keras": keras.__version__, backend: __import__(backend).__version__}}


# --- the stored runs: is the 3-seed gap more than noise? ---------------------------------

def stored_gap(results=records.RESULTS_DIR):
    """Best val_acc and test acc of the stored SimpleRNN runs per backend, and Welch's t."""
    from scipy import stats

    found = {}
    for backend, folder in (("tensorflow", "full"), ("jax", "full-jax")):
        runs = [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((results / folder / NOTEBOOK).glob("seed*.json"))]
        found[backend] = {"seeds": [r["seed"] for r in runs]} | {
            key: [r["models"]["SimpleRNN"][key] for r in runs]
            for key in ("best_val_acc", "test_acc")}
    for key in ("best_val_acc", "test_acc"):
        welch = stats.ttest_ind(found["jax"][key], found["tensorflow"][key], equal_var=False)
        found[f"welch_{key}"] = {"t": float(welch.statistic), "df": float(welch.df),
                                 "p": float(welch.pvalue)}
    return found


# --- what the record says (the report's JAX section) ------------------------------------

CLIP_LOGIT = float(np.log((1 - EPSILON) / EPSILON))  # |logit| beyond which JAX's clip bites
RUN_KEYS = {"arm", "seed", "epochs", "history", "best_val_acc", "best_epoch", "test_acc",
            "beyond_clip_train", "initial_val_loss_1000", "load"}


def read(path=OUTPUT):
    """The record at `path`, checked (SystemExit naming each problem); None where none."""
    path = Path(path)
    if not path.is_file():
        return None
    fix = "run `python -m study.jax_gap` again"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        problems = [f"no {key!r}" for key in ("data", "machine", "stored", "one_step",
                                              "padding_share", "first_steps", "runs")
                    if key not in record]
        for run in record.get("runs", []):
            name = f"run {run.get('arm')!r}, seed {run.get('seed')!r}"
            if run.get("arm") not in ARMS or not RUN_KEYS <= set(run):
                problems.append(f"{name}: not an arm of {sorted(ARMS)} with {sorted(RUN_KEYS)}")
            elif (len(run["history"]["val_acc"]) != run["epochs"]
                  or run["best_val_acc"] != max(run["history"]["val_acc"])):
                problems.append(f"{name}: its history and its best val_acc disagree")
        for seed, arms in record.get("first_steps", {}).items():
            if set(arms) - set(ARMS) or any(len(v) != record.get("steps") for v in arms.values()):
                problems.append(f"first_steps of seed {seed}: not {record.get('steps')} "
                                f"losses for each of {sorted(ARMS)}")
    except (ValueError, AttributeError, TypeError, KeyError) as exc:
        problems = [f"unreadable ({exc})"]
    if problems:
        raise SystemExit(f"report.py: nothing written:\n  - {path}: " + "; ".join(problems)
                         + f": {fix}")
    return record


def runs_by_seed(record):
    """{seed: {arm: run}}: the 10-epoch runs (any epochs) of each seed."""
    found = {}
    for run in record["runs"]:
        found.setdefault(run["seed"], {})[run["arm"]] = run
    return found


def parting(a, b, tolerance):
    """The first index at which lists a and b differ by more than `tolerance` (None: never)."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if abs(x - y) > tolerance), None)


def stored_difference(stored, key):
    """JAX's mean minus TensorFlow's over the stored seeds."""
    return float(np.mean(stored["jax"][key]) - np.mean(stored["tensorflow"][key]))


def finding(record):
    """The report's paragraphs on the gap: every number from the record."""
    stored = record["stored"]
    gap = {k: stored_difference(stored, k) for k in ("best_val_acc", "test_acc")}
    welch = {k: stored[f"welch_{k}"] for k in gap}
    ratio = record["one_step"]
    parts = [
        "**Where JAX's SimpleRNN gap comes from (study/jax_gap.py: "
        f"results/full/jax_simplernn_gap.json, {record['machine']}, {record['data']['label']}, "
        f"sha256 {record['data']['sha256'][:12]}).** The stored gap: JAX − TensorFlow "
        f"{gap['best_val_acc']:+.4f} in best val_acc over seeds {stored['jax']['seeds']} and "
        f"{stored['tensorflow']['seeds']} (Welch's t = {welch['best_val_acc']['t']:.2f}, "
        f"df = {welch['best_val_acc']['df']:.1f}, p = {welch['best_val_acc']['p']:.3f}); "
        f"in test accuracy (the last epoch's weights) {gap['test_acc']:+.4f} "
        f"(t = {welch['test_acc']['t']:.2f}, p = {welch['test_acc']['p']:.2f}).",
        "**The two backends do not run the same optimizer step.** On TensorFlow an "
        "`Embedding`'s gradient reaches Keras 3's RMSprop as a `tf.IndexedSlices`, one row per "
        "word occurrence in the batch, and RMSprop squares each row before the rows are "
        "summed; on JAX the gradient is dense, so the word's summed gradient is squared (as "
        "Keras 2's RMSprop did). One step from zero, for a word seen "
        f"{record['occurrences']} times in a batch, the second moment TensorFlow keeps is "
        f"{ratio['tensorflow']:.2f} of the square of the summed gradient, JAX's "
        f"{ratio['jax']:.2f}. Frequent words take larger steps on TensorFlow, the padding "
        f"index most: it fills {record['padding_share']:.1%} of the training positions, "
        f"about {record['padding_share'] * BATCH * 500:,.0f} occurrences a batch.",
    ]
    parts += [steps_paragraph(seed, losses)
              for seed, losses in sorted(record["first_steps"].items())
              if "jax" in losses and len(losses) > 1]
    parts += [epochs_table(seed, arms) for seed, arms in sorted(runs_by_seed(record).items())]
    parts.append(verdict(record))
    spread = max(max(r["initial_val_loss_1000"] for r in arms.values())
                 - min(r["initial_val_loss_1000"] for r in arms.values())
                 for arms in runs_by_seed(record).values())
    largest = max(r["beyond_clip_train"]["max_abs_logit"] for r in record["runs"])
    beyond = sum(r["beyond_clip_train"]["n"] for r in record["runs"])
    parts.append(
        "**Ruled out.** The initial weights and the batch order: every arm starts from the "
        "seed's TensorFlow weights (their validation loss on 1,000 reviews before training "
        f"differs by at most {spread:.0e} between arms) and sees the same batches. The loss: "
        "TensorFlow computes the binary "
        "crossentropy from the logit, JAX from the probability clipped to [1e-7, 1 − 1e-7], "
        f"which differ only beyond |logit| {CLIP_LOGIT:.1f}; after training, the largest "
        f"|logit| on the training reviews in any arm is {largest:.1f}, and {beyond} reviews "
        "lie beyond the clip. Not varied: float precision and RMSprop's epsilon (the same "
        "formula and value on both backends).")
    return "\n\n".join(parts)


def steps_paragraph(seed, losses, tolerance=1e-4):
    """Where each arm's batch losses part from JAX's, and how close they were before."""
    said = []
    for arm, values in losses.items():
        if arm == "jax":
            continue
        step = parting(values, losses["jax"], tolerance)
        before = max(abs(a - b) for a, b in zip(values[:step], losses["jax"][:step]))
        close = "identical" if before == 0 else f"within {before:.0e}"
        said.append(f"{arm} " + (f"never, over {len(values)} batches" if step is None else
                                 f"from batch {step + 1}") + f" (before: {close})")
    return (f"**Seed {seed}, batch by batch** (the loss of each of the first {len(values)} "
            "batches before its update): each arm parts from JAX's loss by more than "
            f"{tolerance:.0e}: " + "; ".join(said) + ".")


def verdict(record):
    """The 10-epoch runs' best val_acc, arm against arm over the seeds with both, against the
    stored gap; and how far the same computation drifts once rounding parts it."""
    by_seed = runs_by_seed(record)
    stored = record["stored"]
    gap = stored_difference(stored, "best_val_acc")

    def paired(arm, against):
        return {s: a[arm]["best_val_acc"] - a[against]["best_val_acc"]
                for s, a in sorted(by_seed.items()) if arm in a and against in a}

    def said(pairs):
        each = ", ".join(f"{d:+.4f} (seed {s})" for s, d in pairs.items())
        return each + (f"; mean {np.mean(list(pairs.values())):+.4f}" if len(pairs) > 1 else "")

    jax, dense = paired("jax", "tensorflow"), paired("tensorflow-dense", "tensorflow")
    drift = [max(abs(a - b) for a, b in zip(arms["jax"]["history"]["val_acc"],
                                            arms["tensorflow-dense"]["history"]["val_acc"]))
             for arms in by_seed.values() if {"jax", "tensorflow-dense"} <= set(arms)]
    mean = {name: float(np.mean(list(pairs.values()))) if pairs else None
            for name, pairs in (("jax", jax), ("dense", dense))}
    reproduced = mean["jax"] is not None and abs(mean["jax"]) >= abs(gap) / 2
    return (
        f"**From the same start, in best val_acc** (10-epoch runs, {len(by_seed)} seed"
        f"{'s' if len(by_seed) > 1 else ''}): JAX − TensorFlow {said(jax)}; TensorFlow with "
        f"the dense step − TensorFlow {said(dense)}; the stored gap is {gap:+.4f}. "
        + ("The same start reproduces at least half of the stored gap."
           if reproduced else "The same start does not reproduce half of the stored gap. "
           "The optimizer's difference is real, but taking it out of TensorFlow moves best "
           f"val_acc by {mean['dense']:+.4f} on average here. What the same start removes "
           "is each backend drawing its own initial weights and batches from a seed; over "
           f"{len(stored['jax']['seeds'])} and {len(stored['tensorflow']['seeds'])} seeds, "
           f"Welch's test puts the stored gap at p = {stored['welch_best_val_acc']['p']:.3f}, "
           "and test accuracy does not show it.")
        + (" TensorFlow with the dense step and JAX, one computation until float32 rounding "
           f"parts them, differ in val_acc by up to {max(drift):.4f} in an epoch."
           if drift else ""))


def epochs_table(seed, arms):
    names = [a for a in ARMS if a in arms]
    rows = [[epoch + 1, *(f"{arms[a]['history']['val_acc'][epoch]:.4f}" for a in names)]
            for epoch in range(max(len(arms[a]["history"]["val_acc"]) for a in names))]
    rows.append(["best (test acc, last epoch)", *(
        f"{arms[a]['best_val_acc']:.4f} ({arms[a]['test_acc']:.4f})" for a in names)])
    return markdown_table([f"seed {seed}, val_acc by epoch", *names], rows)


# --- the driver ------------------------------------------------------------------------

def data_record():
    path = Path(rnnbook.data_dir() or "") / "imdb.npz"
    if not path.is_file():
        raise SystemExit(f"{path}: no offline IMDB; export RNN_DATA_DIR=/work/shared/data")
    return {"label": "IMDB (keras.datasets.imdb, offline copy)", "file": path.name,
            "sha256": file_digest(path), "train": "first 80% of the 25,000 training reviews",
            "validation": "last 20%", "test": "25,000 test reviews", "maxlen": 500}


def padding_share():
    """The share of the training reviews' positions (500 each) that pad_sequences pads: the
    padding index is the Embedding's most frequent row by far."""
    (x, _), _ = rnnbook.load_imdb(num_words=10000)
    split = int(len(x) * (1 - VALIDATION))
    return 1 - float(np.mean([min(len(review), 500) for review in x[:split]])) / 500


def in_process(backend, *args):
    """`python -m study.jax_gap ARGS` with KERAS_BACKEND=backend (read once, at import):
    its JSON and the machine's load meanwhile."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out.json"
        command = [sys.executable, "-m", "study.jax_gap", *map(str, args), "--out", str(out)]
        env = os.environ | {"KERAS_BACKEND": backend}
        _, load = records.load_during(lambda: subprocess.run(command, env=env, check=True))
        return json.loads(out.read_text()), load


def save(record):
    record["date"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    write_atomic(OUTPUT, json.dumps(record, indent=1, allow_nan=False) + "\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--arms", nargs="+", choices=ARMS, default=list(ARMS))
    parser.add_argument("--worker", choices=ARMS, help=argparse.SUPPRESS)
    parser.add_argument("--one-step", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--first-steps", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--weights", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker or args.one_step:  # in a process of its backend
        result = (one_step() if args.one_step else
                  first_steps(args.worker, args.seeds[0], args.weights) if args.first_steps
                  else worker(args.worker, args.seeds[0], args.epochs, args.weights))
        write_atomic(args.out, json.dumps(result))
        return
    data = data_record()
    previous = json.loads(OUTPUT.read_text()) if OUTPUT.is_file() else {}
    kept = [r for r in previous.get("runs", []) if previous.get("data") == data]
    record = {"question": "issue 37, item 5: why JAX's SimpleRNN scores above TensorFlow's",
              "notebook": NOTEBOOK, "data": data, "machine": records.machine(),
              "code": records.code_version(), "stored": stored_gap(),
              "one_step": {b: in_process(b, "--one-step")[0] for b in ("tensorflow", "jax")},
              "occurrences": 4, "steps": STEPS, "padding_share": padding_share(),
              "first_steps": previous.get("first_steps", {}) if kept else {}, "runs": kept}
    print("second moment / JAX's, a word seen 4 times in a batch:", record["one_step"])
    save(record)
    with tempfile.TemporaryDirectory() as scratch:
        for seed in args.seeds:
            weights = Path(scratch) / f"initial-{seed}.npz"  # the seed's, from TensorFlow
            in_process("tensorflow", "--worker", "tensorflow", "--seeds", seed, "--epochs", 0,
                       "--weights", weights)  # saves them only
            for arm in args.arms:
                losses = record["first_steps"].setdefault(str(seed), {})
                if arm not in losses:
                    losses[arm] = in_process(ARMS[arm][0], "--worker", arm, "--first-steps",
                                             "--seeds", seed, "--weights", weights)[0]
                    save(record)
                if [r for r in record["runs"]
                        if (r["arm"], r["seed"], r["epochs"]) == (arm, seed, args.epochs)]:
                    continue  # recorded for the same data
                print(f"seed {seed}, {arm}:", flush=True)
                run, load = in_process(ARMS[arm][0], "--worker", arm, "--seeds", seed,
                                       "--epochs", args.epochs, "--weights", weights)
                record["runs"].append(run | {"load": load})
                save(record)
                print(f"  best val_acc {run['best_val_acc']:.4f} (epoch {run['best_epoch']}), "
                      f"test {run['test_acc']:.4f}, beyond the clip "
                      f"{run['beyond_clip_train']['n']}, load {load['loadavg']}", flush=True)


if __name__ == "__main__":
    main()

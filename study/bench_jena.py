"""How close a Jena epoch comes to the speed of its computation: `make bench`, after bench.py.

Notebook 05's GRU(32) and notebook 07's GRU(32, dropout=0.2, recurrent_dropout=0.2) train one
epoch with the book's protocol: RMSprop on the MAE, 500 batches of 128 windows from the
shuffling generator (task.windows("train", shuffle=True)), then one validation pass of
task.steps("val") = 128 batches. Four ways of running the same model:

  generator    validation from the book's generator (task.windows("val")), jit_compile="auto":
               the notebooks' old default
  dataset      validation from the exact, indexed WindowDataset (task.batches("val")), "auto"
  dataset-xla  the same with jit_compile=True: the notebooks' default on a CPU now
  jax          the JAX backend (which compiles every step), WindowDataset validation

Each epoch is clocked from on_epoch_begin to on_epoch_end, as bench.py does, after a short
warm-up fit that compiles every step. Against them, in the dataset-xla and jax runs, the
in-memory fit: the same model and fit, jit_compile=True, on batches already in memory (a few
training and validation batches, served again and again by index), so that nothing is left
but the computation and Keras' loop: a fit that makes its batches cannot beat it but by noise.
And the data side alone: batches a second of the fast generator and of the WindowDataset.

The ways run interleaved: several rounds of all ways, the order rotated each round, each way
(both models) in a fresh Python process. While each runs, the share of the machine's CPU time
that other processes take is measured (study/records.py, load_during) and kept with the load
average before and after; the report uses only the rounds in which no way met more than
records.IDLE_LIMIT of other work, and takes its ratios within a round. After each way
results/<profile>/bench-jena-<cpu|gpu>.json is rewritten atomically; a model this run does
not time keeps its entry from an earlier run on the same machine.

    python -m study.bench_jena [--rounds=N] [WAY ...] [MODEL ...]   (all if none named;
                                        quote a model with a space; RNN_QUICK=1: a few steps)
"""

import itertools
import json
import statistics
import sys
import time
from datetime import datetime, timezone

from study.bench import backend_record, machine_record, run_in_child, timed_epoch
import rnnbook
from rnnbook.data.files import write_atomic
from study import records

WAYS = {  # name: KERAS_BACKEND, jit_compile, validation data
    "generator": ("tensorflow", "auto", "generator"),
    "dataset": ("tensorflow", "auto", "WindowDataset"),
    "dataset-xla": ("tensorflow", True, "WindowDataset"),
    "jax": ("jax", "auto", "WindowDataset"),
}
BOUND_WAYS = ("dataset-xla", "jax")  # their runs also time the in-memory fit, compiled
IN_MEMORY_BATCHES = 4  # distinct batches the in-memory fit serves again and again
MODELS = {  # name (as notebooks 05 and 07 name them): the GRU's arguments besides its 32 units
    "GRU": {},
    "GRU with dropout": {"dropout": 0.2, "recurrent_dropout": 0.2},
}
WARM_UP_STEPS = 2  # training and validation batches of the compiling fit before the timed one


def steps(task):
    """The batches of one epoch, of the bound's timing, of the data side: the book's, or a
    few in the quick profile."""
    from rnnbook.lessons.task import BATCH_SIZE  # imports Keras: only once a run starts

    return {"train": rnnbook.pick(full=500, quick=4),
            "val": rnnbook.pick(full=task.steps("val"), quick=min(3, task.steps("val"))),
            "bound": rnnbook.pick(full=100, quick=3), "batch_size": BATCH_SIZE}


def layer_name(name):
    """'GRU(32, dropout=0.2, recurrent_dropout=0.2)'."""
    return "GRU(" + ", ".join(["32"] + [f"{k}={v}" for k, v in MODELS[name].items()]) + ")"


def build(task, name, jit_compile):
    """The model, compiled as the notebooks compile it, its weights the same in every way."""
    import keras

    keras.utils.set_random_seed(0)  # also the generator's shuffling: the same batches each way
    model = keras.Sequential([keras.Input(shape=(None, task.data.shape[-1])),
                              keras.layers.GRU(32, **MODELS[name]), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae", jit_compile=jit_compile)
    return model


def time_epoch(task, name, way):
    """Seconds of one epoch, its validation pass included, after a compiling warm-up fit."""
    _, jit_compile, validation = WAYS[way]
    n = steps(task)
    model = build(task, name, jit_compile)

    def fit(train_steps, val_steps, callbacks=()):
        val = task.windows("val") if validation == "generator" else task.batches("val")
        return model.fit(task.windows("train", shuffle=True), steps_per_epoch=train_steps,
                         validation_data=val, validation_steps=val_steps, shuffle=False,
                         verbose=0, callbacks=list(callbacks))

    fit(WARM_UP_STEPS, WARM_UP_STEPS)
    history, seconds = timed_epoch(lambda clock: fit(n["train"], n["val"], clock))
    return seconds | {"val_loss": float(history.history["val_loss"][0]),
                      "jit_compile": bool(model.jit_compile)}


def rate(call, count):
    """Calls a second of `call()`, over `count` calls."""
    start = time.perf_counter()
    for _ in range(count):
        call()
    return count / (time.perf_counter() - start)


def in_memory(batches, length):
    """A PyDataset of `length` batches that serves the given ones again and again, by index."""
    import keras

    class InMemory(keras.utils.PyDataset):
        def __len__(self):
            return length

        def __getitem__(self, i):
            return batches[i % len(batches)]

    return InMemory()


def in_memory_fit(task, name):
    """Seconds of one epoch of the same fit on batches already in memory, compiled: what an
    epoch costs with no batch to make (the fit's data side) and nothing else to wait for."""
    n = steps(task)
    model = build(task, name, jit_compile=True)
    train, val = task.training(seed=0, batches=IN_MEMORY_BATCHES), task.batches("val")
    train_batches = [train[i] for i in range(IN_MEMORY_BATCHES)]
    val_batches = [val[i] for i in range(min(IN_MEMORY_BATCHES, len(val)))]

    def fit(train_steps, val_steps, callbacks=()):
        return model.fit(in_memory(train_batches, train_steps), shuffle=False, verbose=0,
                         validation_data=in_memory(val_batches, val_steps),
                         callbacks=list(callbacks))

    fit(WARM_UP_STEPS, WARM_UP_STEPS)
    _, seconds = timed_epoch(lambda clock: fit(n["train"], n["val"], clock))
    return {"seconds_per_epoch": seconds["seconds_per_epoch"]}


def worker(way, names):
    """Run in the child process: time the named models one way, print one JSON line."""
    task = rnnbook.jena_task()
    models = {}
    for name in names:
        models[name] = time_epoch(task, name, way)
        if way in BOUND_WAYS:
            models[name]["bound"] = in_memory_fit(task, name)
    print(json.dumps({**backend_record(), "data": task.jena.label, "models": models}))


def run_way(way, models):
    return run_in_child("study.bench_jena", way, WAYS[way][0], models,
                        "the rounds before it are saved")


def data_side(task):
    """Batches a second of the training generator and of the validation WindowDataset."""
    n = steps(task)
    batches, dataset = task.windows("train", shuffle=True), task.batches("val")
    next(batches)  # the generator's checks run at its first batch
    indices = itertools.cycle(range(len(dataset)))  # a validation pass, in order
    return {"generator_batches_per_s": rate(lambda: next(batches), n["train"]),
            "dataset_batches_per_s": rate(lambda: dataset[next(indices)], n["val"])}


def add(measured, values):
    """Append each value to its list in `measured`, and keep each list's median beside it."""
    for key, value in values.items():
        measured.setdefault(key, []).append(value)
        measured[f"median_{key}"] = statistics.median(measured[key])


def new_entry(name, task, date):
    return {"layer": layer_name(name), "date": date, "code": records.code_version(),
            "data": task.jena.label, "steps": steps(task), "versions": {},
            "order_by_round": [], "ways": {}, "bound": {}}


def join(run, way, result):
    """Put one way's measurements (both models) into this run's entries, as the next round."""
    for name, measured in result["models"].items():
        entry = run["models"][name]
        entry["versions"] |= {"keras": result["version"],
                              result["backend"]: result["backend_version"]}
        times = entry["ways"].setdefault(way, {
            "backend": result["backend"], "validation": WAYS[way][2],
            "asked_jit_compile": WAYS[way][1], "jit_compile": measured["jit_compile"]})
        add(times, {key: measured[key] for key in
                    ("seconds_per_epoch", "seconds_after_epoch", "val_loss")})
        times.setdefault("others_cpu", []).append(result["load"]["others_cpu"])
        times.setdefault("loadavg", []).append(result["load"]["loadavg"])
        if "bound" in measured:
            add(entry["bound"].setdefault(result["backend"], {}), measured["bound"])


def save(run, result):
    """Rewrite the record of this machine with this run's models; returns its path."""
    path, record = machine_record(result, "bench-jena")
    record["models"] = record.get("models", {}) | run["models"]
    record["data_side"] = run["data_side"]
    write_atomic(path, json.dumps(record, indent=1, allow_nan=False) + "\n")
    return path


def parse(args):
    """(ways, models, rounds) named by the arguments, or SystemExit with the choices."""
    rounds = [arg for arg in args if arg.startswith("--rounds=")]
    named = [arg for arg in args if arg not in rounds]
    unknown = [arg for arg in named if arg not in WAYS and arg not in MODELS]
    count = rounds[-1].removeprefix("--rounds=") if rounds else None
    if count is not None and not (count.isdigit() and int(count) > 0):
        unknown.append(rounds[-1])
    if unknown:
        raise SystemExit(
            f"bench_jena.py: unknown {', '.join(unknown)}; choose from the ways "
            f"{', '.join(WAYS)}, the models {', '.join(map(repr, MODELS))} and --rounds=N "
            "(N a whole number from 1)")
    return ([arg for arg in WAYS if arg in named] or list(WAYS),
            [arg for arg in MODELS if arg in named] or list(MODELS),
            int(count) if count else rnnbook.pick(full=3, quick=1))


def load_line(load):
    """What the machine's other work was while a way ran, and whether its round can count."""
    share = load["others_cpu"]
    if share is None:
        return "other work not measurable here (no /proc/stat): the round will not count"
    verdict = ("idle enough" if share <= records.IDLE_LIMIT
               else f"over {records.IDLE_LIMIT:.0%}: this round will not count in the report")
    return (f"other processes took {share:.0%} of the CPU ({verdict}); load average "
            f"{load['loadavg'][0]:.2f} before, {load['loadavg'][1]:.2f} after")


def main(args):
    ways, models, rounds = parse(args)
    task = rnnbook.jena_task()  # a missing or bad data file is said before any timing
    date = datetime.now(timezone.utc).isoformat(timespec="seconds")
    run = {"models": {name: new_entry(name, task, date) for name in models},
           "data_side": {"date": date}}
    for round_ in range(rounds):
        add(run["data_side"], data_side(task))  # saved with the round's first way
        order = ways[round_ % len(ways):] + ways[: round_ % len(ways)]
        for entry in run["models"].values():
            entry["order_by_round"].append(order)
        for way in order:
            print(f"round {round_ + 1}/{rounds}, {way}: one epoch of {', '.join(models)} ...",
                  flush=True)
            result = run_way(way, models)
            join(run, way, result)
            path = save(run, result)
            for name, measured in result["models"].items():
                bound = measured.get("bound", {}).get("seconds_per_epoch")
                print(f"  {name:18} {measured['seconds_per_epoch']:7.1f} s/epoch"
                      + (f"; in-memory fit {bound:.1f} s" if bound else ""), flush=True)
            print("  " + load_line(result["load"]), flush=True)
    print(f"saved {path.relative_to(records.RESULTS_DIR.parent)}; medians, s/epoch:")
    for name, entry in run["models"].items():
        print(f"  {name}: " + ", ".join(f"{way} {times['median_seconds_per_epoch']:.1f}"
                                        for way, times in entry["ways"].items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3:])
    else:
        main(sys.argv[1:])

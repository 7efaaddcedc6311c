"""What `make bench` measured (results/full/bench-<device>.json): each model's seconds for one
IMDB epoch, timed one after another in one run on each backend, a table per device, with what
the times say: the speed goals on the CPU, what `recurrent_dropout` costs on the GPU."""

import json

from study.records import IDLE_LIMIT

from .formats import markdown_table, minute


def read_checked(path, check, what, fix):
    """The JSON record at `path` once `check(record)` has passed; None if absent. SystemExit,
    with `fix`, for a file that is not JSON or not `what` (check raised KeyError, ValueError...)."""
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"), parse_constant=float)
        check(record)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"report.py: {path}: not valid JSON, truncated or corrupt ({exc}): {fix}")
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SystemExit(f"report.py: {path}: not {what} ({exc!r}): {fix}")
    return record


def check_bench(bench):
    for result in bench["ways"].values():
        for name, m in result["models"].items():
            seconds = m["seconds_per_epoch"]
            if not isinstance(seconds, (int, float)) or not 0 < seconds < float("inf"):
                raise ValueError(f"{name}: seconds_per_epoch {seconds!r}")


def read_bench(path):
    """A `make bench` record (results/full/bench-<device>.json), checked; None if absent."""
    return read_checked(path, check_bench, "a benchmark record",
                        f"delete {path} and run `make bench` again")


def read_benches(results):
    """{device: benchmark record} for the devices `make bench` has measured."""
    found = {device: read_bench(results / "full" / f"bench-{device}.json")
             for device in ("cpu", "gpu")}
    return {device: bench for device, bench in found.items() if bench}


def epoch_seconds(bench):
    """{way: {model: seconds per epoch}}, for the models each way timed."""
    return {way: {name: m["seconds_per_epoch"] for name, m in result["models"].items()}
            for way, result in bench["ways"].items()}


def bench_table(bench):
    """s/epoch of each model, one column per way of running it."""
    times = epoch_seconds(bench)
    rows = []
    for model in next(iter(times.values())):
        seconds = {way: t[model] for way, t in times.items() if model in t}
        rows.append([model, *(f"{seconds[way]:.1f}" if way in seconds else "–" for way in times),
                     min(seconds, key=seconds.get)])
    return markdown_table(["model", *(f"{way}: s/epoch" for way in times), "fastest"], rows)


def bench_provenance(way, result, bench):
    """'jax 0.11.2, jit_compile=True, 2026-11-23 10:14 UTC, code 5572928' (older records
    keep the date and code of the whole run, not of each way)."""
    version = f" {result['backend_version']}" if "backend_version" in result else ""
    jit = next(iter(result["models"].values()))["jit_compile"]
    date, code = result.get("date", bench.get("date")), result.get("code", bench.get("code"))
    return f"{way}{version}, jit_compile={jit}, {minute(date)} UTC, code {code}"


def goals_note(bench):
    """The speed goals, way by way: at or below plain TensorFlow for every model, and GRU
    (three quarters of LSTM's arithmetic) no slower than LSTM."""
    times = epoch_seconds(bench)
    plain = times.get("tensorflow", {})
    below = [f"{way} {'yes' if all(t[n] <= plain[n] for n in t if n in plain) else 'no'}"
             for way, t in times.items() if way != "tensorflow"]
    gru = [f"{way} {'yes' if t['GRU'] <= t['LSTM'] else 'no'} ({t['GRU']:.1f} s against "
           f"{t['LSTM']:.1f})" for way, t in times.items() if {"GRU", "LSTM"} <= set(t)]
    parts = []
    if plain and below:
        parts.append(f"At or below plain TensorFlow for every model: {', '.join(below)}")
    if gru:
        parts.append(f"GRU no slower than LSTM: {', '.join(gru)}")
    return f"**The goals, on this run.** {'; '.join(parts)}." if parts else ""


def teardown_note(bench):
    """How long `fit` went on after the timed epoch had ended, where that was over a second."""
    waits = {way: max(m.get("seconds_after_epoch", 0) for m in result["models"].values())
             for way, result in bench["ways"].items()}
    waits = {way: wait for way, wait in waits.items() if wait > 1}
    if not waits:
        return ""
    return ("\n\nNot counted above: after the epoch, `fit` returned up to "
            + ", ".join(f"{wait:.0f} s later ({way})" for way, wait in waits.items())
            + ". TensorFlow's `fit` waits at its end for tf.data's autotuning thread to wake "
            "from a nap that doubles from 10 ms, once per call: a one-epoch timing of the whole "
            "call rounds up to about 20, 41 or 82 s.")


def dropout_costs(bench):
    """'jax: LSTM 3.5 -> 5.7 s (1.6x), GRU ...': what recurrent_dropout=0.2 costs, per way."""
    costs = []
    for way, times in epoch_seconds(bench).items():
        pairs = []
        for layer in ("LSTM", "GRU"):
            plain, dropped = times.get(layer), times.get(f"{layer}, recurrent_dropout=0.2")
            if plain and dropped:
                ratio = dropped / plain
                pairs.append(f"{layer} {plain:.1f} → {dropped:.1f} s "
                             f"({ratio:.{1 if ratio < 10 else 0}f}x)")
        if pairs:
            costs.append(f"{way}: {', '.join(pairs)}")
    return "; ".join(costs)


def gpu_reading(bench):
    return (
        f"**What `recurrent_dropout` costs on the GPU** (s/epoch without → with it): "
        f"{dropout_costs(bench)}. Without it, Keras 3.15 runs LSTM through cuDNN's fused kernel "
        "on both backends, and GRU through cuDNN on PyTorch and through its own compiled scan "
        "on JAX (JAX has no cuDNN GRU). With it, both fall back to Keras' generic loop over the "
        "500 timesteps: on JAX one compiled XLA loop, on PyTorch a Python loop that launches "
        "each step's small kernels one by one (as it does for SimpleRNN, not timed on PyTorch "
        "here for that reason). TensorFlow is not in this table: the GPU machine lent here has "
        "no TensorFlow and no internet, and TensorFlow's CUDA build with NVIDIA's libraries "
        "(several GB) is far over what can be carried to it; `make bench` times it on any "
        "machine where `tensorflow[and-cuda]` is installed."
    )


def under_load(bench):
    """The ways timed while other processes took over IDLE_LIMIT of the CPU, or unmeasured."""
    return [way for way, result in bench["ways"].items()
            if (result.get("load") or {}).get("others_cpu") is None
            or result["load"]["others_cpu"] > IDLE_LIMIT]


def load_flag(bench):
    """A warning before the table naming the ways not timed on an idle machine, or ''."""
    busy = under_load(bench)
    if not busy:
        return ""
    return (f"**Not an idle machine's times**: {', '.join(busy)} ran while other processes "
            f"took over {IDLE_LIMIT:.0%} of the CPU, or before that was measured; compare "
            "them with care and run `make bench` again on an idle machine.\n\n")


def device_tables(found):
    if not found:
        return "Not measured yet: `make bench` times every way on this machine."
    parts = []
    for device, bench in found.items():
        ways = "; ".join(bench_provenance(way, r, bench) for way, r in bench["ways"].items())
        reading = gpu_reading(bench) if device == "gpu" else goals_note(bench)
        parts.append(f"**On the {device.upper()}** ({bench['machine']}; {ways}).\n\n"
                     f"{load_flag(bench)}{bench_table(bench)}\n\n{reading}{teardown_note(bench)}")
    return "\n\n".join(parts)


def paragraphs(found):
    """The benchmark's part of the Speed section: what it times, then `device_tables`."""
    return f"""**Backends, one epoch each, side by side (`make bench`).** SimpleRNN, LSTM and GRU (32 units)
on IMDB, the book's protocol, timed one after another in one run: TensorFlow as Keras runs it
by default, TensorFlow with `jit_compile=True` (XLA), and JAX; one epoch each, so the noise
above applies. The notebooks' defaults stay TensorFlow's (and the stored outputs are
TensorFlow's) until full runs on JAX (`make run BACKEND=jax`, section *The same notebooks on
JAX*) show the same accuracy as TensorFlow's within the spread of several seeds; `val_acc`
after a single epoch is no test of that.

{device_tables(found)}"""

"""How close to the limit: the arithmetic of an IMDB epoch, worked out from the layers' shapes,
against the CPU's practical peak and the models' epoch times, both from `make bench`."""

from .benchmark import epoch_seconds
from .formats import markdown_table

# Forward-pass multiply-adds of one recurrent step per sample: transformations x (W + U).
IMDB_STEP_MACS = {"SimpleRNN": 1 * (32 * 32 + 32 * 32), "LSTM": 4 * 2048, "GRU": 3 * 2048}


def imdb_epoch_flops(model):
    """FLOPs of one IMDB epoch's recurrent layer, from the shapes: 20,000 training reviews x
    500 steps forward and backward (~3x the forward pass), plus 5,000 validation forward."""
    return 2 * IMDB_STEP_MACS[model] * 500 * (3 * 20000 + 5000)


def flops_note(bench):
    """Arithmetic of an IMDB epoch from the shapes, against the CPU benchmark's times and the
    peak `make bench` measured on the same machine."""
    rows = []
    for model in IMDB_STEP_MACS:
        flops = imdb_epoch_flops(model)
        cells = [model, f"{flops / 1e9:.0f}"]
        for times in epoch_seconds(bench).values():
            rate = flops / times[model] / 1e9 if model in times else None
            cells.append(f"{rate:.1f} ({rate / bench['matmul_gflops']:.1%})" if rate else "–")
        rows.append(cells)
    ways = [f"{way}: GFLOP/s (share of peak)" for way in bench["ways"]]
    return markdown_table(["model", "GFLOP per epoch", *ways], rows)


def peak_note(found):
    """The CPU's peak and `flops_note`, from the CPU's benchmark record in `found`."""
    bench = found.get("cpu")
    if not bench or "matmul_gflops" not in bench:
        return "Not measured yet: `make bench` measures the peak and times the models."
    return (
        f"The CPU's practical peak, float32 products of 2048 x 2048 matrices through NumPy's BLAS "
        f"on all cores, measured by `make bench` before it timed the models on the same machine "
        f"({bench['machine']}): **{bench['matmul_gflops']:.0f} GFLOP/s**.\n\n{flops_note(bench)}"
    )


def section(found):
    """The section; `found` as `benchmark.read_benches` found the records."""
    return f"""## How close to the limit

A recurrent layer's arithmetic is small matrix products, one timestep after another. From the
shapes: a 32-unit layer reading 32 features does `transformations x 2 x (32x32 + 32x32)`
FLOPs per review and step (SimpleRNN 1 transformation, GRU 3, LSTM 4), and an epoch is 20,000
reviews x 500 steps forward and backward (about 3x the forward pass) plus 5,000 forward for
validation.

{peak_note(found)}

The models use a small fraction of the peak. The 500 steps of a review depend on each other and
must run in order; each step multiplies a 128 x 32 batch by 32 x 32 matrices — far too little
work per step to fill the vector units, so the time goes to per-step overhead (launching
small operations, moving data, TensorFlow's sequential loop). More cores would not help much;
larger batches or fused kernels (cuDNN on a GPU) would."""

"""What `recurrent_dropout` costs a `GRU`, read from a stored `make bench` run
(results/full/bench-*.json), so that a lesson prints the measured figures, never types them."""

import json

__all__ = ["dropout_cost"]

PLAIN, DROPPED = "GRU", "GRU, recurrent_dropout=0.2"  # the benchmark's names of the two models


def dropout_cost(path):
    """Seconds per epoch of GRU(32) without and with recurrent_dropout=0.2, for each device
    and backend of the stored benchmark at `path` that timed both:
    {"GPU, jax": {"GRU(32): s/epoch": "2.8", "with recurrent_dropout=0.2": "5.7",
    "time ratio": "2.0x"}, ...}, in the benchmark's order."""
    rows = {}
    for way, run in json.loads(path.read_text(encoding="utf-8"))["ways"].items():
        models = run["models"]
        if {PLAIN, DROPPED} <= models.keys():
            plain = models[PLAIN]["seconds_per_epoch"]
            dropped = models[DROPPED]["seconds_per_epoch"]
            rows[f"{run['device'].upper()}, {way}"] = {
                "GRU(32): s/epoch": f"{plain:.1f}",
                "with recurrent_dropout=0.2": f"{dropped:.1f}",
                "time ratio": f"{dropped / plain:.1f}x",
            }
    return rows

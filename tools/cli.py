"""What every tool's command line shares."""

import sys
from pathlib import Path

__all__ = ["DECKS", "usage"]

DECKS = Path(__file__).resolve().parent.parent / "build" / "slides"  # `make slides` writes it


def usage(argv, doc):
    """The exit status when `argv` asks for help (0, after printing `doc`) or holds an unknown
    option (2, after saying so); None when the tool should go on. A tool's options are its
    own: remove them from `argv` first."""
    if argv[:1] in (["-h"], ["--help"]):
        print(doc)
        return 0
    if any(arg.startswith("-") for arg in argv):
        print(f"unknown option in {' '.join(argv)}: see --help", file=sys.stderr)
        return 2
    return None

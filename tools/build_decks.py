"""`make slides`: one reveal.js deck per notebook, from the stored outputs (nothing executed).

    python -m tools.build_decks [OUT_DIR] [NOTEBOOK ...]

Writes OUT_DIR/<notebook>.slides.html (default build/slides/, every notebook) with
`jupyter nbconvert --to slides`, and copies next to them, into OUT_DIR/lib/, the libraries the
template would otherwise load from CDNs: reveal.js, MathJax 2, require.js and jQuery, pinned
in slides/package.json and package-lock.json (installed with `npm ci` into
slides/node_modules). A deck then opens from disk with no network. Each cell's
`metadata.slideshow.slide_type` decides what is a slide, a fragment, speaker notes or skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "slides" / "node_modules"
TEMPLATE = ROOT / "slides" / "template" / "lecture.html.j2"
DEFAULT_OUT = ROOT / "build" / "slides"

# What each library needs on disk, relative to its package folder.
LIBRARIES = {
    "reveal.js": ["dist", "plugin/notes"],
    "mathjax": [
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "extensions",
        "jax/input/TeX",
        "jax/output/CommonHTML",
        "jax/element",
        "localization/en",
        "fonts/HTML-CSS/TeX/woff",
    ],
    "requirejs": ["require.js"],
    "jquery": ["dist/jquery.min.js"],
}

# The URLs nbconvert's reveal/lab templates load, each set to the local copy (relative to
# the deck, so a copied folder still works). The widget URLs are set too, though no notebook
# stores widgets, so that nothing can fall back to a CDN.
URL_OPTIONS = {
    "SlidesExporter.reveal_url_prefix": "lib/reveal.js",
    "HTMLExporter.mathjax_url": "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "HTMLExporter.require_js_url": "lib/requirejs/require.js",
    "HTMLExporter.jquery_url": "lib/jquery/dist/jquery.min.js",
    "HTMLExporter.jupyter_widgets_base_url": "lib/",
    "HTMLExporter.widget_renderer_url": "lib/none.js",
}


# How the decks look and what they leave out. The theme is one whose fonts ship with
# reveal.js ("simple", nbconvert's default, imports fonts from the web). The slide is
# 1280x720, the screen the decks are checked on (tests/test_slides.py).
SETTINGS = [
    "--SlidesExporter.reveal_theme=white",
    "--SlidesExporter.reveal_transition=none",
    "--SlidesExporter.reveal_number=h.v",
    "--SlidesExporter.reveal_width=1280",
    "--SlidesExporter.reveal_height=720",
    "--SlidesExporter.preprocessors="
    '["lecture_preprocessors.DropColabBadge", "lecture_preprocessors.DropLog",'
    ' "lecture_preprocessors.DropTestMarkers"]',
    # A cell tagged slides-no-output shows its code but not its output on a slide (a long
    # listing); slides-no-log (lecture_preprocessors.DropLog) keeps its figures but not its
    # printed log. The notebook keeps everything.
    "--TagRemovePreprocessor.enabled=True",
    "--TagRemovePreprocessor.remove_all_outputs_tags=slides-no-output",
    "--TagRemovePreprocessor.remove_input_tags=slides-no-input",
]


def notebooks() -> list[Path]:
    """The lessons: the numbered notebooks but the exercises (NNe_*), which get no deck."""
    return sorted(path for path in (ROOT / "notebooks").glob("[0-9]*.ipynb")
                  if not re.match(r"\d+e_", path.name))


def copy_libraries(out: Path) -> None:
    if not MODULES.is_dir():
        raise SystemExit(
            "slides/node_modules is missing: run `cd slides && npm ci` (`make slides` does)"
        )
    lib = out / "lib"
    if lib.exists():
        shutil.rmtree(lib)
    for package, parts in LIBRARIES.items():
        for part in parts:
            src = MODULES / package / part
            dst = lib / package / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)


def build(out: Path, paths: list[Path]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    copy_libraries(out)
    jupyter = Path(sys.executable).with_name("jupyter")
    options = [f"--{k}={v}" for k, v in URL_OPTIONS.items()]
    decks = []
    for nb in paths:
        subprocess.run(
            [str(jupyter), "nbconvert", "--to", "slides", f"--template-file={TEMPLATE}",
             *SETTINGS, *options, "--output-dir", str(out), str(nb)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(TEMPLATE.parent.parent)},
        )
        decks.append(out / f"{nb.stem}.slides.html")
    return decks


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    paths = [Path(a) for a in argv[1:]] or notebooks()
    for deck in build(out, paths):
        print(deck.relative_to(ROOT) if deck.is_relative_to(ROOT) else deck)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

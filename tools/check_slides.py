"""Open each deck in headless Chromium, offline, and step through every slide at 1280x720.

    python tools/check_slides.py [DECK_DIR]      (default build/slides/, built by `make slides`)

For each deck (DECK_DIR/*.slides.html) it reports
- every slide (as the deck numbers it, h.v from 1, and as reveal.js indexes it, h/v from
  0) whose content reaches past the
  1280x720 screen, by how many pixels, or that hides content in a scrolled box;
- every request outside DECK_DIR: http(s), or file:// elsewhere on disk (it is refused);
- every script error on the page, and every resource that failed to load;
and saves a screenshot of its title slide and of its longest slide into
DECK_DIR/../slides-shots/. It prints each deck's slide count. Exit status 1 if anything was
reported. tests/test_slides.py runs it on the built decks and on planted faults.

The browser is Debian's `chromium` (/usr/bin/chromium, or $CHROMIUM), driven by the pinned
`playwright` package; no browser is downloaded.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

WIDTH, HEIGHT = 1280, 720
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Runs in the page: reveal.js is loaded as a require.js module by nbconvert's template.
GET_REVEAL = """() => new Promise((resolve, reject) => {
    if (typeof require === "undefined") { reject(new Error("require.js did not load")); return; }
    require(["lib/reveal.js/dist/reveal.js"], R => {
        const ready = () => { window.__reveal = R; R.configure({transition: "none",
            backgroundTransition: "none", fragmentInURL: false}); resolve(true); };
        if (R.isReady()) ready(); else R.on("ready", ready);
    }, reject);
})"""

WAIT_MATHJAX = """() => new Promise(resolve => {
    if (!window.MathJax || !MathJax.Hub) { resolve(false); return; }
    MathJax.Hub.Queue(() => resolve(true));
})"""

# MathJax's queue drained (the template re-renders a slide's formulas when it is shown,
# which changes their size), then two frames drawn.
SETTLE = """() => new Promise(resolve => {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
    if (!window.MathJax || !MathJax.Hub) done(); else MathJax.Hub.Queue(done);
})"""

# The slide layout: [[fragments of slide h/0, h/1, ...], ...].
LAYOUT = """() => __reveal.getHorizontalSlides().map(h => {
    const vs = h.querySelectorAll(":scope > section");
    const stack = vs.length ? Array.from(vs) : [h];
    return stack.map(s => s.querySelectorAll(".fragment").length);
})"""

# A box that clips or scrolls may hide up to this many pixels: a heading's margin or a
# letter's descender, never a line of text (15 px or more at the decks' font sizes).
HIDDEN_PX = 4

# Where the present slide's content lies on the screen, and which boxes scroll.
MEASURE = """() => {
    const HIDDEN_PX = %d;
    const slide = __reveal.getCurrentSlide();
    let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
    const scrolled = [];
    const clipping = new Set();  // boxes that clip: what is inside shows within them, or not
    const inside = el => { for (let p = el.parentElement; p && p !== slide; p = p.parentElement)
        if (clipping.has(p)) return true; return false; };
    for (const el of slide.querySelectorAll("*")) {
        if (el.closest("aside.notes")) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2) continue;
        if (!inside(el)) {
            top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
            left = Math.min(left, r.left); right = Math.max(right, r.right);
        }
        const ox = style.overflowX, oy = style.overflowY;
        const clipsX = ox === "auto" || ox === "scroll" || ox === "hidden";
        const clipsY = oy === "auto" || oy === "scroll" || oy === "hidden";
        if (clipsX || clipsY) clipping.add(el);
        const hiddenX = clipsX ? el.scrollWidth - el.clientWidth : 0;
        const hiddenY = clipsY ? el.scrollHeight - el.clientHeight : 0;
        if (hiddenX > HIDDEN_PX || hiddenY > HIDDEN_PX)
            scrolled.push([el.tagName.toLowerCase() + (el.className ? "." +
                String(el.className).split(/\\s+/)[0] : ""), hiddenX, hiddenY]);
    }
    if (top === Infinity) return {empty: true};
    return {top, bottom, left, right, height: bottom - top, scrolled};
}""" % HIDDEN_PX


HAS_MATH = """() => !!__reveal.getCurrentSlide().querySelector('script[type^="math/tex"]')"""


def show(page, h, v, f):
    """Go to slide h/v, fragment f, and wait until its layout is settled. A slide with
    formulas changes size while MathJax re-renders them after it shows (the template's
    handler), in steps: it is settled once four measurements 100 ms apart agree."""
    page.evaluate(f"() => __reveal.slide({h}, {v}, {f})")
    page.evaluate(SETTLE)
    if not page.evaluate(HAS_MATH):
        return
    same, last = 0, None
    for _ in range(60):
        page.wait_for_timeout(100)
        page.evaluate(SETTLE)
        now = page.evaluate(MEASURE)
        same = same + 1 if now == last else 0
        if same == 3:
            return
        last = now


@dataclass
class Deck:
    path: Path
    slides: int = 0  # horizontal and vertical, as reveal.js counts them
    horizontal: int = 0
    problems: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)


def allowed(url: str, folder: Path) -> bool:
    """Only data: URLs and files inside the deck's folder may be loaded."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "about", "blob"):
        return True
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return path.is_relative_to(folder.resolve())


def check_deck(browser, path: Path, shots: Path | None) -> Deck:
    deck = Deck(path)
    name = path.name
    folder = path.parent
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, offline=True, java_script_enabled=True
    )
    page = context.new_page()
    seen: list[str] = []

    def route(r):
        url = r.request.url
        if allowed(url, folder):
            r.continue_()
        else:
            seen.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: None if allowed(req.url, folder) or req.url in seen
            else seen.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console error: {msg.text}")
            if msg.type == "error" else None)
    page.on("requestfailed", lambda req: errors.append(
        f"failed to load {req.url}: {req.failure}") if allowed(req.url, folder) else None)

    try:
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=60_000)
        page.evaluate(GET_REVEAL)
        page.evaluate(WAIT_MATHJAX)
        # Measure each state as it ends, not halfway through a fade: no CSS transitions.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important;"
                                   " animation: none !important; }")
        layout = page.evaluate(LAYOUT)
    except Exception as exc:  # the deck did not start: say why, with what was seen
        deck.problems.append(f"{name}: the deck did not start: {exc}")
        layout = []
    deck.horizontal = len(layout)
    deck.slides = sum(len(stack) for stack in layout)
    longest = None  # (height, h, v)
    reported = set()  # (h, v, what): a slide's overflow is named once, at its first state
    for h, stack in enumerate(layout):
        for v, fragments in enumerate(stack):
            # Each fragment state; the last shows everything the slide holds.
            for f in range(-1, fragments):
                show(page, h, v, f)
                m = page.evaluate(MEASURE)
                if m.get("empty"):
                    continue
                where = f"{name}: slide {h + 1}.{v + 1} (h/v {h}/{v})" + (
                    f", fragment {f + 1}" if f >= 0 else "")
                over = {
                    "below the bottom": m["bottom"] - HEIGHT,
                    "above the top": -m["top"],
                    "past the right edge": m["right"] - WIDTH,
                    "past the left edge": -m["left"],
                }
                for side, px in over.items():
                    if px > 0.5 and (h, v, side) not in reported:
                        reported.add((h, v, side))
                        deck.problems.append(
                            f"{where}: content overflows the {WIDTH}x{HEIGHT} screen by "
                            f"{round(px)} px {side}")
                for box, px_x, px_y in m["scrolled"]:
                    if (h, v, box, px_x, px_y) not in reported:
                        reported.add((h, v, box, px_x, px_y))
                        deck.problems.append(
                            f"{where}: {box} hides {px_x} px across and {px_y} px down "
                            "in a scrolled box")
                if f == fragments - 1 and (longest is None or m["height"] > longest[0]):
                    longest = (m["height"], h, v)
    if shots is not None and layout:
        shots.mkdir(parents=True, exist_ok=True)
        stem = name.removesuffix(".slides.html")
        for old in shots.glob(f"{stem}-*.png"):  # a previous run's, of other slides
            old.unlink()
        targets = [("title", 0, 0)]
        if longest is not None:
            targets.append(("longest", longest[1], longest[2]))
        for label, h, v in targets:
            show(page, h, v, layout[h][v] - 1)
            shot = shots / f"{stem}-{label}-{h}-{v}.png"
            page.screenshot(path=str(shot))
            deck.screenshots.append(shot)
    context.close()
    for url in dict.fromkeys(seen):
        deck.problems.append(f"{name}: requests {url}, outside {folder}")
    deck.problems.extend(f"{name}: {e}" for e in dict.fromkeys(errors))
    return deck


def check(decks: list[Path], shots: Path | None = None) -> list[Deck]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium (.ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu"],
        )
        try:
            return [check_deck(browser, deck, shots) for deck in decks]
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "build/slides"
    decks = sorted(folder.glob("*.slides.html"))
    if not decks:
        print(f"no decks in {folder}: run `make slides`", file=sys.stderr)
        return 1
    results = check(decks, folder.parent / "slides-shots")
    failed = False
    for deck in results:
        print(f"{deck.path.name}: {deck.slides} slides ({deck.horizontal} horizontal)")
        for problem in deck.problems:
            print("  " + problem)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

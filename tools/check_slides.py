"""Open each deck in headless Chromium, offline, and step through every slide at 1280x720.

    python -m tools.check_slides [DECK_DIR]            check (default build/slides/)
    python -m tools.check_slides --report [DECK_DIR]   check the lecture decks only, and print
                                                       their slides, a row each, with what
                                                       they measure (* marks a broken rule)

Every deck (DECK_DIR/*.slides.html, one per notebook, and the lecture decks,
DECK_DIR/lecture<N>.html) is checked for
- every slide (as the deck numbers it, h.v from 1, and as reveal.js indexes it, h/v from 0)
  whose content reaches past the 1280x720 screen, by how many pixels, or that hides content
  in a scrolled box;
- every request outside DECK_DIR: http(s), or file:// elsewhere on disk (it is refused);
- every script error on the page, and every resource that failed to load;
- every slide whose speaker notes hold MathJax's rendering of a formula instead of its MathML
  (the template's fix): the speaker window, without MathJax's style sheets, would show the
  formula twice.
The lecture decks are also measured, slide by slide with all its fragments shown, against
the lecture hall's rules:
- text: the smallest visible text, in screen pixels, at least 18 px. Every text node counts:
  prose, headings, code, printed output, tables, captions. A formula counts at its base size
  (MathJax's main line); its sub- and superscripts follow TeX's 71% and 50% and are not
  measured. The speaker notes are not on the slide.
- words: at most 60 words of prose. Prose is the visible text of the slide that is not
  code (a code cell or a Markdown code block), not a cell's output, not in a table, not a
  formula and not the speaker notes: headings, paragraphs, lists, inline `code`. A word is a
  whitespace-separated run with a letter or a digit in it.
- lines: at most 15 lines of code and output together: every <pre> of a code cell, a
  Markdown code block or a cell's printed output, in lines as drawn (a wrapped line counts
  as the lines it takes).
- figures: each image at least 60% of the slide's width (768 px) as drawn (a figure shrunk
  to fit the height is measured as drawn, inside its box); and large enough that labels can
  be 14 px: a figure drawn at `dpi` (the PNG's pHYs, which matplotlib writes) and shown at
  `scale` screen pixels per image pixel shows a 10-pt label (matplotlib's default tick
  labels: a figure's labels should be no smaller) at 10 * dpi / 72 * scale px, at least 14 to
  the nearest pixel (matplotlib's default 100 dpi shown 1:1 gives 13.9 px: a figure must
  not be shown smaller than drawn). An image without a dpi is judged on its width only.
- slides: at most 45 per lecture deck (90 minutes at 2 minutes a slide); none empty (no
  text, no figure: a figure cell whose output is not stored).
- links: every link in every HTML file of DECK_DIR resolves (tools/check_links.py).
Each problem names the deck, the slide and the measured value. A screenshot of each deck's
title slide and of its longest slide goes into DECK_DIR/../slides-shots/. Exit status 1 if
anything was reported. tests/test_slides.py runs this on the built decks and on planted
faults.

The browser is Debian's `chromium` (/usr/bin/chromium, or $CHROMIUM), driven by the pinned
`playwright` package; no browser is downloaded.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from tools import cli, check_links

WIDTH, HEIGHT = 1280, 720
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# The lecture hall's rules (tools/build_decks.py builds the decks, slides/template the CSS).
MIN_TEXT_PX = 18
MAX_WORDS = 60
MAX_LINES = 15
MIN_FIGURE_SHARE = 0.6  # of the slide's width
LABEL_PT, MIN_LABEL_PX = 10, 14
MAX_SLIDES = 45
LECTURE = re.compile(r"lecture\d+\.html")

# Runs in the page: reveal.js is loaded as a require.js module by nbconvert's template.
GET_REVEAL = """() => new Promise((resolve, reject) => {
    if (typeof require === "undefined") { reject(new Error("require.js did not load")); return; }
    require(["lib/reveal.js/dist/reveal.js"], R => {
        const ready = () => { window.__reveal = R; R.configure({transition: "none",
            backgroundTransition: "none", fragmentInURL: false}); resolve(true); };
        if (R.isReady()) ready(); else R.on("ready", ready);
    }, reject);
})"""

# Two frames drawn: the slide shown is laid out.
DRAWN = """() => new Promise(resolve =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))"""

# MathJax's queue drained (the template re-renders a slide's formulas when it is shown,
# which changes their size), then two frames drawn.
SETTLE = f"""async () => {{
    if (window.MathJax && MathJax.Hub) await new Promise(resolve => MathJax.Hub.Queue(resolve));
    return ({DRAWN})();
}}"""

# The slide layout: [[fragments of slide h/0, h/1, ...], ...].
LAYOUT = """() => __reveal.getHorizontalSlides().map(h => {
    const vs = h.querySelectorAll(":scope > section");
    const stack = vs.length ? Array.from(vs) : [h];
    return stack.map(s => s.querySelectorAll(".fragment").length);
})"""

# A box that clips or scrolls may hide up to this many pixels: a heading's margin or a
# letter's descender, never a line of text (18 px or more).
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
        // The notes are not on the slide; MathJax clips its accessibility copy to nothing.
        if (el.closest("aside.notes, .MJX_Assistive_MathML")) continue;
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

# What the present slide shows, by the rules in this module's docstring.
CONTENT = """() => {
    const slide = __reveal.getCurrentSlide(), scale = __reveal.getScale();
    const HIDDEN = "aside.notes, script, style, .MJX_Assistive_MathML, .MathJax_Preview";
    const FORMULA = ".MathJax_CHTML";
    const shown = el => el.getClientRects().length > 0 &&
        getComputedStyle(el).visibility === "visible";
    const kind = el => el.closest("table") ? "table"
        : el.closest(".jp-OutputArea-output") ? "output"
        : el.closest("pre, .jp-CodeMirrorEditor") ? "code" : "prose";
    const px = el => parseFloat(getComputedStyle(el).fontSize) * scale;
    const blocks = new Map();  // element -> its nearest block box, for joining words
    const blockOf = el => {
        if (!blocks.has(el)) {
            const d = getComputedStyle(el).display;
            blocks.set(el, d.startsWith("inline") || !el.parentElement ? blockOf(el.parentElement)
                                                                      : el);
        }
        return blocks.get(el);
    };
    let smallest = null;
    const seen = (size, what, text) => {
        if (smallest === null || size < smallest.px)
            smallest = {px: size, what, text: text.trim().replace(/\\s+/g, " ").slice(0, 40)};
    };
    let prose = "", lastBlock = null;
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!/\\S/.test(node.data) || el.closest(HIDDEN) || el.closest(FORMULA) || !shown(el))
            continue;
        const what = kind(el);
        seen(px(el), what, node.data);
        if (what !== "prose") continue;
        const block = blockOf(el);
        prose += (block === lastBlock ? "" : " ") + node.data;
        lastBlock = block;
    }
    for (const math of slide.querySelectorAll(FORMULA)) {
        if (!math.closest(HIDDEN) && shown(math))
            seen(px(math), "formula", math.querySelector(".MJX_Assistive_MathML")
                 ? math.querySelector(".MJX_Assistive_MathML").textContent : "");
    }
    const words = prose.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w)).length;
    let lines = 0;
    for (const pre of slide.querySelectorAll("pre")) {
        if (pre.closest(HIDDEN) || pre.closest("table") || !shown(pre)) continue;
        const style = getComputedStyle(pre);
        const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
        const height = pre.clientHeight - parseFloat(style.paddingTop) -
            parseFloat(style.paddingBottom);
        lines += Math.round(height / lineHeight);
    }
    const dpiOf = src => {  // a PNG's pHYs chunk, if it has one, in dots per inch
        const match = /^data:image\\/png;base64,/.exec(src);
        if (!match) return null;
        const head = atob(src.slice(match[0].length, match[0].length + 400));
        const at = head.indexOf("pHYs");
        if (at < 0 || head.charCodeAt(at + 12) !== 1) return null;  // unit 1: per metre
        const ppm = [0, 1, 2, 3].reduce((n, i) => n * 256 + head.charCodeAt(at + 4 + i), 0);
        return Math.round(ppm * 0.0254);
    };
    const figures = [];
    for (const img of slide.querySelectorAll("img")) {
        if (img.closest(HIDDEN) || !shown(img) || !img.naturalWidth) continue;
        const r = img.getBoundingClientRect(), fit = getComputedStyle(img).objectFit;
        const aspect = img.naturalWidth / img.naturalHeight;
        const width = fit === "contain" || fit === "scale-down"
            ? Math.min(r.width, r.height * aspect) : r.width;
        const dpi = dpiOf(img.src);
        figures.push({width, share: width / (__reveal.getConfig().width * scale),
                      natural: img.naturalWidth, dpi,
                      label: dpi ? %d * dpi / 72 * width / img.naturalWidth : null});
    }
    const NOT_WORDS = "script, style, .notes-math, .MathJax_Preview, " + FORMULA;
    let notes = "";  // the speaker notes' words, formulas left out
    for (const aside of slide.querySelectorAll("aside.notes")) {
        const texts = document.createTreeWalker(aside, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode())
            if (!node.parentElement.closest(NOT_WORDS)) notes += " " + node.data;
    }
    const notesWords = notes.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w)).length;
    return {smallest, words, lines, figures, notesWords};
}""" % LABEL_PT


# The slides (h.v) whose speaker notes still hold MathJax's rendering of a formula rather than
# the MathML the template puts there: the speaker window would show that formula twice.
NOTES_MATH = """() => Array.from(document.querySelectorAll(".reveal aside.notes"))
    .filter(a => a.querySelector(".MathJax_CHTML, .MJX_Assistive_MathML, script[type^='math/tex']"))
    .map(a => { const i = __reveal.getIndices(a.closest("section"));
                return `${i.h + 1}.${(i.v || 0) + 1}`; })"""

HAS_MATH = """() => !!__reveal.getCurrentSlide().querySelector('script[type^="math/tex"]')"""


def too_small(px: float) -> bool:
    return px < MIN_TEXT_PX - 0.05  # what reads 18.0 to one decimal passes


def too_narrow(share: float) -> bool:
    return share < MIN_FIGURE_SHARE - 0.0005


def label_too_small(label_px: float) -> bool:
    return round(label_px) < MIN_LABEL_PX


def show(page, h, v, f):
    """Go to slide h/v, fragment f, and wait until its layout is settled. A slide with
    formulas changes size while MathJax re-renders them after it shows (the template's
    handler), in steps: it is settled once four measurements 100 ms apart agree. A slide
    without formulas is settled once drawn (MathJax's queue, which re-renders every slide
    shown, takes about 0.2 s to find nothing to do there)."""
    page.evaluate(f"() => __reveal.slide({h}, {v}, {f})")
    if not page.evaluate(HAS_MATH):
        page.evaluate(DRAWN)
        return
    page.evaluate(SETTLE)
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
class Slide:
    """What a lecture deck's slide shows, all its fragments shown (CONTENT)."""
    number: str  # h.v, as the deck numbers it
    where: str  # for a message: deck, slide h.v and h/v
    smallest: dict | None  # {px, what, text}
    words: int
    lines: int
    figures: list[dict]
    notes_words: int

    def problems(self) -> list[str]:
        found = []
        if self.smallest is None and not self.figures:
            found.append(f"{self.where}: the slide shows nothing (an output not stored yet?)")
        if self.smallest and too_small(self.smallest["px"]):
            s = self.smallest
            found.append(f"{self.where}: smallest text {s['px']:.1f} px ({s['what']} "
                         f"\"{s['text']}\"): at least {MIN_TEXT_PX} px")
        if self.words > MAX_WORDS:
            found.append(f"{self.where}: {self.words} words of prose: at most {MAX_WORDS} "
                         "(the rest goes in the speaker notes)")
        if self.lines > MAX_LINES:
            found.append(f"{self.where}: {self.lines} lines of code and output: at most "
                         f"{MAX_LINES}")
        for i, fig in enumerate(self.figures, 1):
            if too_narrow(fig["share"]):
                found.append(f"{self.where}: figure {i} is {fig['share']:.0%} of the slide's "
                             f"width ({fig['width']:.0f} px): at least "
                             f"{MIN_FIGURE_SHARE:.0%} ({MIN_FIGURE_SHARE * WIDTH:.0f} px)")
            if fig["label"] is not None and label_too_small(fig["label"]):
                found.append(f"{self.where}: figure {i} shows a {LABEL_PT}-pt label at "
                             f"{fig['label']:.1f} px (drawn {fig['natural']} px wide at "
                             f"{fig['dpi']} dpi, shown {fig['width']:.0f} px wide): at "
                             f"least {MIN_LABEL_PX} px")
        return found


@dataclass
class Deck:
    path: Path
    slides: int = 0  # horizontal and vertical, as reveal.js counts them
    horizontal: int = 0
    loading: list[str] = field(default_factory=list)  # start, offline, script errors, notes
    layout: list[str] = field(default_factory=list)  # overflow, scrolled boxes
    rules: list[str] = field(default_factory=list)  # a lecture deck's: text, words, lines, ...
    screenshots: list[Path] = field(default_factory=list)
    measured: list[Slide] = field(default_factory=list)  # a lecture deck's slides

    @property
    def lecture(self) -> bool:
        return bool(LECTURE.fullmatch(self.path.name))

    @property
    def problems(self) -> list[str]:
        return self.loading + self.layout + self.rules


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
    deck, name, folder = Deck(path), path.name, path.parent
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, offline=True,
                                  java_script_enabled=True)
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
        page.evaluate(SETTLE)
        # Measure each state as it ends, not halfway through a fade: no CSS transitions.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important;"
                                   " animation: none !important; }")
        layout = page.evaluate(LAYOUT)
        for number in dict.fromkeys(page.evaluate(NOTES_MATH)):
            deck.loading.append(f"{name}: slide {number}: a formula in the speaker notes is "
                                 "MathJax's rendering, not MathML: the speaker view shows it "
                                 "twice")
    except Exception as exc:  # the deck did not start: say why, with what was seen
        deck.loading.append(f"{name}: the deck did not start: {exc}")
        layout = []
    deck.horizontal = len(layout)
    deck.slides = sum(len(stack) for stack in layout)
    longest = None  # (height, h, v)
    reported = set()  # (h, v, what): a slide's overflow is named once, at its first state
    for h, stack in enumerate(layout):
        for v, fragments in enumerate(stack):
            where = f"{name}: slide {h + 1}.{v + 1} (h/v {h}/{v})"
            # Each fragment state; the last shows everything the slide holds.
            for f in range(-1, fragments):
                show(page, h, v, f)
                m = page.evaluate(MEASURE)
                if m.get("empty"):
                    continue
                at = where + (f", fragment {f + 1}" if f >= 0 else "")
                over = {"below the bottom": m["bottom"] - HEIGHT, "above the top": -m["top"],
                        "past the right edge": m["right"] - WIDTH, "past the left edge": -m["left"]}
                for side, px in over.items():
                    if px > 0.5 and (h, v, side) not in reported:
                        reported.add((h, v, side))
                        deck.layout.append(
                            f"{at}: content overflows the {WIDTH}x{HEIGHT} screen by "
                            f"{round(px)} px {side}")
                for box, px_x, px_y in m["scrolled"]:
                    if (h, v, box, px_x, px_y) not in reported:
                        reported.add((h, v, box, px_x, px_y))
                        deck.layout.append(
                            f"{at}: {box} hides {px_x} px across and {px_y} px down "
                            "in a scrolled box")
                if f == fragments - 1 and (longest is None or m["height"] > longest[0]):
                    longest = (m["height"], h, v)
            if deck.lecture:
                c = page.evaluate(CONTENT)
                slide = Slide(f"{h + 1}.{v + 1}", where, c["smallest"], c["words"],
                              c["lines"], c["figures"], c["notesWords"])
                deck.measured.append(slide)
                deck.rules.extend(slide.problems())
    if deck.lecture and deck.slides > MAX_SLIDES:
        deck.rules.append(f"{name}: {deck.slides} slides: at most {MAX_SLIDES} (90 minutes "
                             "at 2 minutes a slide)")
    if shots is not None and layout:
        shots.mkdir(parents=True, exist_ok=True)
        stem = name.removesuffix(".html").removesuffix(".slides")
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
        deck.loading.append(f"{name}: requests {url}, outside {folder}")
    deck.loading.extend(f"{name}: {e}" for e in dict.fromkeys(errors))
    return deck


def check(decks: list[Path], shots: Path | None = None) -> list[Deck]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install chromium (.ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            return [check_deck(browser, deck, shots) for deck in decks]
        finally:
            browser.close()


def decks_in(folder: Path) -> list[Path]:
    """The per-notebook decks, then the lecture decks."""
    lectures = sorted((p for p in folder.glob("lecture*.html") if LECTURE.fullmatch(p.name)),
                      key=lambda p: int(re.search(r"\d+", p.name)[0]))
    return sorted(folder.glob("*.slides.html")) + lectures


def marked(value, form: str, broken) -> str:
    """A table cell: `value` as `form` formats it, * if it breaks its rule, - if None."""
    return "-" if value is None else format(value, form) + ("*" if broken(value) else "")


def table(decks: list[Deck]) -> str:
    """One row per slide of the lecture decks; * marks a value against the rules."""
    rows = [("deck", "slide", "words", "lines", "min px", "smallest", "fig %", "10pt px",
             "notes")]
    for deck in decks:
        for s in deck.measured:
            px = s.smallest["px"] if s.smallest else None
            share = min((f["share"] for f in s.figures), default=None)
            labels = [f["label"] for f in s.figures if f["label"] is not None]
            label = min(labels, default=None)
            rows.append((
                deck.path.name, s.number, marked(s.words, "", lambda n: n > MAX_WORDS),
                marked(s.lines, "", lambda n: n > MAX_LINES), marked(px, ".1f", too_small),
                s.smallest["what"] if s.smallest else "", marked(share, ".0%", too_narrow),
                marked(label, ".1f", label_too_small), str(s.notes_words)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                     for row in rows)


def main(argv: list[str]) -> int:
    report = "--report" in argv
    argv = [a for a in argv if a != "--report"]
    if (answered := cli.usage(argv, __doc__)) is not None:
        return answered
    folder = Path(argv[0]) if argv else cli.DECKS
    decks = [d for d in decks_in(folder) if LECTURE.fullmatch(d.name) or not report]
    if not decks:
        print(f"no decks in {folder}: run `make slides`", file=sys.stderr)
        return 1
    results = check(decks, folder.parent / "slides-shots")
    failed = False
    if report:
        print(table(results) + "\n")
    for deck in results:
        print(f"{deck.path.name}: {deck.slides} slides ({deck.horizontal} horizontal)")
        for problem in deck.problems:
            print("  " + problem)
            failed = True
    links = check_links.check(folder)
    for problem in links:
        print("  " + problem)
    return 1 if failed or links else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Every link in the built folder resolves, and no page loads anything from the network.

    python -m tools.check_links [FOLDER]      (default build/slides/, built by `make slides`)

Reads every HTML file under FOLDER (no browser) and takes each URL it names: href and src
attributes, and url(...) and @import in its style sheets. Then
- a relative URL must name a file inside FOLDER that exists, and its #anchor, if it has one,
  an element of that page (id or name, as written or percent-decoded, as browsers look
  them up); `#/...` is a reveal.js slide address, not checked;
- a page may *link* to the web (<a href="https://...">, e.g. Colab) but not *load* from it: a
  URL with a scheme in any other place (img, script, link, iframe, style) is reported, as is
  any file: URL;
- data:, mailto: and javascript: URLs are fine.
Exit status 1 if anything was reported. tools/check_slides.py runs this too.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools import cli

INERT = {"data", "mailto", "javascript", "about"}
CSS_URLS = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class Page(HTMLParser):
    """The URLs a page names (tag, url) and the anchors it has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.anchors: set[str] = set()
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.urls.append((tag, value.strip()))
            elif name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            elif name == "style":
                self.css(value)
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css(data)

    def css(self, text):
        for match in CSS_URLS.finditer(text):
            self.urls.append(("style", match[1] or match[2]))


@cache
def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def problems_of(path: Path, folder: Path) -> list[str]:
    name = path.relative_to(folder).as_posix()
    found = []
    for tag, url in dict.fromkeys(read(path).urls):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in INERT:
            continue
        if scheme or parts.netloc:
            if tag != "a" or scheme not in ("http", "https"):
                found.append(f"{name}: loads {url} ({tag}) from outside the folder: pages "
                             "must open offline")
            continue
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        if not target.is_relative_to(folder.resolve()):
            found.append(f"{name}: links to {url}, outside the built folder")
        elif not target.is_file():
            found.append(f"{name}: links to {url}, which is not in the built folder")
        elif (parts.fragment and not parts.fragment.startswith("/")
              and target.suffix == ".html"
              and not {parts.fragment, unquote(parts.fragment)} & read(target).anchors):
            found.append(f"{name}: links to {url}, but {target.name} has no anchor "
                         f"#{unquote(parts.fragment)}")
    return found


def check(folder: Path) -> list[str]:
    """What is wrong with the links of every HTML file under `folder`, one line each."""
    read.cache_clear()
    folder = folder.resolve()
    return [problem for path in sorted(folder.rglob("*.html"))
            for problem in problems_of(path, folder)]


def main(argv: list[str]) -> int:
    if (answered := cli.usage(argv, __doc__)) is not None:
        return answered
    folder = Path(argv[0]) if argv else cli.DECKS
    if not folder.is_dir():
        print(f"{folder} does not exist: run `make slides`", file=sys.stderr)
        return 1
    problems = check(folder)
    print("\n".join(problems) or f"every link in {folder} resolves")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

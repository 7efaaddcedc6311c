"""The pages beside the decks in build/slides/ (`make slides`): each notebook as a web page,
the reproduction report as a web page, and index.html, which links them all.

    notebooks/<name>.html   every lesson, exercise notebook and student copy (nbconvert's
                            lab template; MathJax and require.js from ../lib/, the Colab
                            badge as a plain link: nothing loads from the network)
    report.html             results/REPORT.md (mistune, which nbconvert uses; its images
                            inline, its headings with GitHub's anchors)
    index.html              the lectures, the per-notebook decks, the notebooks with their
                            Colab links, the exercises and the report
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import mistune
import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from tools import lectures, site_links
from tools.colab import url as colab_url

MATHJAX = "lib/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


def library_urls(prefix: str) -> dict[str, str]:
    """The URLs nbconvert's templates load, set to the copies under lib/ (`prefix`: the way
    from the page's folder to the built folder's root, "" or "../")."""
    return {
        "mathjax_url": prefix + MATHJAX,
        "require_js_url": prefix + "lib/requirejs/require.js",
        "jquery_url": prefix + "lib/jquery/dist/jquery.min.js",
        "jupyter_widgets_base_url": prefix + "lib/",
        "widget_renderer_url": prefix + "lib/none.js",
    }


def write_notebook_pages(out: Path, paths: list[Path], decks: set[str]) -> list[Path]:
    """Each notebook as out/notebooks/<name>.html, its links to the other pages."""
    config = Config({"HTMLExporter": library_urls("../")})
    exporter = HTMLExporter(config=config, template_name="lab")
    built = {path.stem for path in paths}
    folder = out / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for path in paths:
        notebook = site_links.badge_as_link(nbformat.read(path, as_version=4))
        notebook = site_links.rewrite_notebook(notebook, built=built, decks=decks,
                                               from_deck=False, output_dir="notebooks")
        body, _ = exporter.from_notebook_node(notebook, resources={
            "metadata": {"name": path.stem, "path": str(path.parent)}})
        page = folder / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    return pages


def github_anchor(heading_html: str) -> str:
    """The id GitHub gives a heading: its text, lower case, punctuation dropped, spaces as -."""
    text = html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip().lower()
    return re.sub(r"\s", "-", re.sub(r"[^\w\- ]", "", text))


class ReportRenderer(mistune.HTMLRenderer):
    """Headings with GitHub's anchors (the notebooks link `REPORT.md#speed`), images inline,
    links to the repository's files rewritten to the built pages."""

    def __init__(self, source: Path, rewrite):
        super().__init__(escape=False)
        self.source, self.rewrite = source, rewrite

    def heading(self, text, level, **attrs):
        return f'<h{level} id="{github_anchor(text)}">{text}</h{level}>\n'

    def image(self, text, url, title=None):
        if not re.match(r"[a-z]+:", url):
            data = base64.b64encode((self.source.parent / url).read_bytes()).decode()
            url = f"data:image/{Path(url).suffix.lstrip('.').replace('jpg', 'jpeg')};base64,{data}"
        return super().image(text, url, title)

    def link(self, text, url, title=None):
        return super().link(text, self.rewrite(url), title)


def write_report(out: Path, report: Path, built: set[str]) -> Path:
    rewrite = partial(site_links.rewrite_target, source_dir="results", output_dir="",
                      built=built, decks=set(), from_deck=False)
    markdown = mistune.create_markdown(renderer=ReportRenderer(report, rewrite),
                                       plugins=["table", "strikethrough"])
    body = markdown(report.read_text(encoding="utf-8"))
    page = out / "report.html"
    page.write_text(PAGE.format(title="Reproduction report", style=STYLE, body=body),
                    encoding="utf-8")
    return page


@dataclass
class Entry:
    """A notebook on the index."""
    path: Path
    title: str
    deck: str | None = None  # its per-notebook deck's file name
    student: Path | None = None  # an exercise notebook's student copy


def link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def title_html(title: str) -> str:
    """A notebook title with its `code` spans."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(title))


def table_row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def lesson_row(entry: Entry) -> str:
    return table_row([entry.path.name[:2], title_html(entry.title),
                      link(entry.deck, "slides") if entry.deck else "",
                      link(f"notebooks/{entry.path.stem}.html", "notebook"),
                      link(colab_url(entry.path.name), "Colab")])


def exercise_row(entry: Entry) -> str:
    student = entry.student
    return table_row([entry.path.name[:3], title_html(entry.title),
                      link(f"notebooks/{student.stem}.html", "student copy") if student else "",
                      link(colab_url(student.name), "Colab") if student else "",
                      link(f"notebooks/{entry.path.stem}.html", "with solutions")])


def index_html(lecture_decks: list[tuple[lectures.Lecture, int]], lessons: list[Entry],
               exercises: list[Entry], report: bool) -> str:
    """The index page: `lecture_decks` pairs each lecture with its slide count."""
    parts = ["<h1>Recurrent neural networks: <i>Deep Learning with Python</i>, 6.2–6.3</h1>",
             "<h2>Lectures</h2>", "<ul>"]
    for lecture, slides in lecture_decks:
        parts.append(f"<li>{link(f'{lecture.stem}.html', lecture.heading)}: {slides} slides "
                     f"(notebooks {', '.join(lecture.notebooks)}); press S for the speaker "
                     "notes</li>")
    parts += ["</ul>", "<h2>Lessons</h2>",
              "<p>Each lesson as a deck for reading, as a page, and in Colab to run.</p>",
              "<table>", "<tr><th></th><th>lesson</th><th>deck</th><th>page</th>"
              "<th>run</th></tr>", *map(lesson_row, lessons), "</table>",
              "<h2>Exercises</h2>",
              "<p>Students open the student copy in Colab; the page with solutions is "
              "for the lecturer.</p>",
              "<table>", "<tr><th></th><th>exercises</th><th>page</th><th>run</th>"
              "<th>solutions</th></tr>", *map(exercise_row, exercises), "</table>"]
    if report:
        parts += ["<h2>Results</h2>",
                  f"<p>{link('report.html', 'The reproduction report')}: the book's numbers "
                  "next to ours, three seeds each.</p>"]
    return PAGE.format(title="Recurrent neural networks: lectures and notebooks", style=STYLE,
                       body="\n".join(parts))


STYLE = """
body { font-family: "Source Sans Pro", Helvetica, Arial, sans-serif; font-size: 18px;
       line-height: 1.5; color: #222; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: left;
         vertical-align: top; }
code { font-size: 90%; background: #f3f3f3; padding: 0 0.2em; }
pre { background: #f6f6f6; padding: 0.6rem; overflow-x: auto; }
img { max-width: 100%; }
a { color: #1a5fb4; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
</body>
</html>
"""

"""The built book as its readers see it: the HTML that ``sphinx-build`` writes, read as a browser shows it.

One build (slow, a module fixture): the book staged with the report's real figures, the committed chapters and
every trial's report, built by Sphinx with -W. Then, page by page:

- every internal link and image resolves (anchors included), the chapters are in the navigation in order;
- the API reference renders: no raw reStructuredText (``.. py:function::``, ``.. rubric::``, ``:mod:`` roles)
  in the text, no docutils error, the examples in code blocks with a copy button, and every name of every
  module's ``__all__`` with its anchor (modules found with pkgutil, as a new one would be);
- the book asks for nothing outside itself (no ``http`` script, style sheet or image) and shows no raw TeX;
- tables are shown whole: no ``...`` column, no "rows x columns" footer, no cell cut short, no "< 0.0001";
- the glossary explains the front page's words, linked from their first use;
- the worked solutions are folded.

The fast tests at the top check ``book/conf.py``'s docstring preparation (``rst_safe``) on its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

import ldnstats
from conftest import ROOT
from ldnstats.ldn import book, summary
from test_ldn_book import BOOK, _trial_report


def _conf():
    """book/conf.py as a module (Sphinx reads it by path, so the tests do too)."""
    spec = importlib.util.spec_from_file_location("ldnstats_book_conf", BOOK / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------
# docstrings made safe for reStructuredText (fast)
# ---------------------------------------------------------------------------


def test_rst_safe_escapes_bars_and_literal_spaces_outside_code():
    rst_safe = _conf().rst_safe
    lines = [
        "The mean of |t| and ``> `` lines; ``a|b`` and :func:`x|y` stay.",
        "",
        ">>> abs(-1) | 0",
        "1 | 2",
        "",
        "A literal block::",
        "",
        "    |x| stays",
        "",
        "After it |y|.",
    ]
    assert rst_safe(lines) == [
        "The mean of \\|t\\| and ``>`` lines; ``a|b`` and :func:`x|y` stay.",
        "",
        ">>> abs(-1) | 0",  # an example is code
        "1 | 2",  # and so is its output
        "",
        "A literal block::",
        "",
        "    |x| stays",
        "",
        "After it \\|y\\|.",
    ]


def test_rst_safe_ends_a_parameters_section_at_prose():
    rst_safe = _conf().rst_safe
    lines = [
        "Summary.",
        "",
        "Parameters",
        "----------",
        "x, y : int",
        "    Numbers.",
        "*args",
        "",
        "Columns: trial_id (a trial), outcome (any id,",
        "declared by its rows).",
        "",
        "Returns",
        "-------",
        "int",
    ]
    out = rst_safe(lines)
    # the sentence after the parameters becomes a Notes section, which napoleon renders as prose
    assert out[: out.index("Columns: trial_id (a trial), outcome (any id,")][-3:] == ["", "Notes", "-----"]
    assert out[-3:] == ["Returns", "-------", "int"]
    assert out[4:7] == ["x, y : int", "    Numbers.", "*args"]  # parameters stay parameters


# ---------------------------------------------------------------------------
# the whole build (slow)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trial_reports(tmp_path_factory):
    """A folder of every trial's report, as `make report` leaves build/trials (made in this process)."""
    import nbformat

    from ldnstats import data

    folder = tmp_path_factory.mktemp("trials")
    for trial_id in data.trial_ids():
        nbformat.write(_trial_report(trial_id), folder / f"{trial_id}.ipynb")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, trial_reports):
    """The book staged (with the report's real figures and the trial reports) and built by sphinx-build -W."""
    import matplotlib

    matplotlib.use("Agg")
    from ldnstats.ldn import tables

    tmp = tmp_path_factory.mktemp("book")
    figures = tmp / "figures"
    figures.mkdir()
    for name, fig in tables.figures().items():
        fig.savefig(figures / f"{name}.png", dpi=40)
    stage = tmp / "stage"
    book.stage(stage, figures=figures, trial_reports=trial_reports)
    html = tmp / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-d", tmp / "doctrees"]
    res = subprocess.run([*map(str, cmd), str(stage), str(html)], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, f"sphinx-build failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"
    return html


def _pages(built):
    """The book's pages (the themes also copy Jinja templates named *.html into _static/: not pages)."""
    return sorted(p for p in built.rglob("*.html") if "_static" not in p.relative_to(built).parts)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        for name in ("id", "name"):
            if attrs.get(name) and (name == "id" or tag == "a"):
                self.ids.add(attrs[name])


def _parse(path):
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    """What a reader sees of a page: its text, each piece with the tags it sits in (and their classes), in order.

    ``pieces``: (text, tags, classes, link) for every piece of text outside <script> and <style>; ``cells``: the
    text of each table cell (td, th); ``external``: the sources the page loads from outside the book.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, classes, href)
        self.pieces, self.cells, self.external = [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            loads = tag in ("script", "img", "iframe", "source") or (
                tag == "link" and "stylesheet" in (attrs.get("rel") or "")
            )
            if loads and name in attrs and (urlsplit(value).scheme or value.startswith("//")):
                self.external.append(f"<{tag} {name}={value}>")
        if tag in _VOID:
            return
        self.stack.append((tag, set((attrs.get("class") or "").split()), attrs.get("href")))
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self.stack:
            top = self.stack.pop()[0]
            if top in ("td", "th") and self._cell is not None:
                self.cells.append(" ".join("".join(self._cell).split()))
                self._cell = None
            if top == tag:
                break

    def handle_data(self, data):
        tags = [t for t, _, _ in self.stack]
        if "script" in tags or "style" in tags:
            return
        classes = set().union(*(c for _, c, _ in self.stack)) if self.stack else set()
        link = next((h for t, _, h in reversed(self.stack) if t == "a" and h), None)
        self.pieces.append((data, tags, classes, link))
        if self._cell is not None:
            self._cell.append(data)


def _read(path):
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def _prose(reader):
    """The page's text outside code and formulas, as one string."""
    return " ".join(
        " ".join(text.split())
        for text, tags, _, _ in reader.pieces
        if not {"pre", "code", "math"} & set(tags) and text.strip()
    )


@pytest.mark.slow
def test_the_book_builds_and_every_internal_link_resolves(built):
    pages = _pages(built)
    assert (built / "index.html").is_file() and (built / "search.html").is_file()
    parsed = {page: _parse(page) for page in pages}
    broken, checked = [], 0
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("#") and not link[1:]:
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(built)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built)} -> {link} (no such anchor)")
    assert checked > 100  # the pages, their images, scripts and anchors
    assert not broken, f"{len(broken)} broken links: " + "; ".join(broken[:20])


@pytest.mark.slow
def test_the_front_page_has_the_numbers_and_the_chapters_in_order(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    chapters = [p.stem for p in sorted(book.NOTEBOOKS.glob(book.CHAPTERS))]
    nav = [m for m in re.findall(r'href="([0-9][^"#]*)\.html"', index)]
    assert list(dict.fromkeys(nav)) == chapters
    for page in ("glossary", "references", "api"):
        assert f'href="{page}.html"' in index
    text = re.sub(r"<[^>]+>", "", index)
    for chapter, key in ((2, "ch2_spasticity_p_min"), (3, "ch3_k_registered"), (6, "ch6_per_arm")):
        assert summary.chapter_summary(chapter).numbers[key] in text
    assert "Glue reference" not in text and "_claims_audit" not in text
    # the trial reports: in the navigation under their caption, in the order of data/, titled by trial
    from ldnstats import data

    assert re.search(r'caption-text">Chapters.*caption-text">Trial reports.*caption-text">Reference', index, re.S)
    reports = re.findall(r'href="trials/([^"#]+)\.html">([^<]+)<', index)
    assert list(dict.fromkeys(reports)) == [(t, f"Trial report: {t}") for t in data.trial_ids()]
    assert "cannot be shown either way" in text and "spasticity: statistically improved" in text  # the claims table
    assert (built / "references.html").read_text(encoding="utf-8").count('href="https://doi.org/') >= 1


# --- the API reference ------------------------------------------------------------------------------------------


def _public_modules():
    """The package's public modules and subpackages, found here with pkgutil (as a new module would be)."""
    found = pkgutil.walk_packages(ldnstats.__path__, prefix="ldnstats.")
    names = [m.name for m in found if not any(part.startswith("_") for part in m.name.split("."))]
    return ["ldnstats", *sorted(names)]


# reStructuredText a reader should never see: a directive (".. py:function::", ".. rubric::"), a role
# (":mod:`x`", ":func:`x`"), a field (":param x:", ":rtype:"), a substitution reference left by docutils
_RAW_RST = re.compile(r"(?:^|\s)\.\. [a-z][\w:-]*::|:(?:py:)?[a-z]+:`|:(?:param|type|rtype|returns?|raises?)\b[^:]*:")


@pytest.mark.slow
def test_the_api_reference_shows_no_raw_restructuredtext(built):
    pages = [built / "api.html", *sorted((built / "api").glob("*.html"))]
    assert len(pages) == len(_public_modules()) + 1
    for page in pages:
        reader = _read(page)
        prose = _prose(reader)
        assert not _RAW_RST.search(prose), (page.name, _RAW_RST.search(prose).group(0))
        # docutils' own error output (a broken docstring) and reStructuredText left unparsed
        html = page.read_text(encoding="utf-8")
        assert 'class="problematic"' not in html and "system-message" not in html, page.name
        # examples sit in code blocks, never in the text as quotes; their quotes are straight, to copy
        assert ">>>" not in prose, page.name
        code = "".join(text for text, tags, _, _ in reader.pieces if "pre" in tags)
        assert not set("“”‘’") & set(code), page.name
    # each module's page has its examples as highlighted, copyable code, and the copy button's script
    display_page = (built / "api" / "ldnstats.display.html").read_text(encoding="utf-8")
    assert display_page.count('<div class="doctest highlight') >= 4
    assert re.search(r'<script src="[./]*_static/copybutton\.js', display_page)


@pytest.mark.slow
def test_every_name_of_every_modules_all_has_its_anchor(built):
    missing, counted = [], 0
    for module in _public_modules():
        page = built / "api" / f"{module}.html"
        assert page.is_file(), f"no API page for {module}"
        ids = _parse(page).ids
        for name in getattr(importlib.import_module(module), "__all__", []):
            counted += 1
            if f"{module}.{name}" not in ids:
                missing.append(f"{module}.{name}")
    assert counted > 100 and not missing, f"no anchor for {missing}"


# --- nothing from outside, no raw TeX -----------------------------------------------------------------------------

_RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(?:mathrm|frac|sqrt|le|ge|alpha|rho|times)\b|\$[^$\s][^$]*\\[a-z]+")


@pytest.mark.slow
def test_the_book_loads_nothing_from_outside_and_shows_no_raw_tex(built):
    formulas = 0
    for page in _pages(built):
        reader = _read(page)
        assert not reader.external, (page.relative_to(built).as_posix(), reader.external)
        prose = _prose(reader)
        assert not _RAW_TEX.search(prose), (page.relative_to(built).as_posix(), _RAW_TEX.search(prose).group(0))
        formulas += page.read_text(encoding="utf-8").count("<math ")
    # every formula the chapters write in TeX ($...$) is MathML in the book
    tex = 0
    for notebook in sorted(book.NOTEBOOKS.glob(book.CHAPTERS)):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                tex += len(re.findall(r"(?<![\\$])\$[^$\n]+\$", "".join(cell["source"])))
    assert tex > 10 and formulas >= tex


# --- tables shown whole ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_tables_are_shown_whole(built):
    pages = [p for p in _pages(built) if re.match(r"\d", p.name) or p.parent.name == "trials"]
    assert len(pages) >= len(list(book.NOTEBOOKS.glob(book.CHAPTERS))) + 2
    cells = 0
    for page in pages:
        reader = _read(page)
        where = page.relative_to(built).as_posix()
        for cell in reader.cells:
            cells += 1
            # pandas' elided column ("..."), a cell cut at its width ("... a..."), an elided number
            assert cell not in ("...", "…") and not cell.endswith(("...", "…")), (where, cell)
        prose = _prose(reader)
        footer = re.search(r"\d+ rows? × \d+ columns?|\d+ rows x \d+ columns", prose)
        assert not footer, (where, footer.group(0))
        # p-values as printed or as bounds, never pandas' "< 0.0001" floor
        assert "< 0.0001" not in " ".join(reader.cells), where
    assert cells > 1000


# --- the glossary and the front page ----------------------------------------------------------------------------------

#: The front page's statistical words (as a regular expression) and their glossary entries.
FRONT_PAGE_TERMS = {
    r"\bp\b|p-values?": "p-value",
    r"significan(?:t|ce|tly)": "Significant",
    r"confidence intervals?": "Confidence interval",
    r"\bpower\b": "Power",
    r"standard\s+deviation": "Standard deviation",
    r"number of outcomes|multiplicity": "Multiplicity",
    r"family size": "Family size",
    r"Holm": "Holm's method",
    r"\bd_z\b|\bd\s?z\b": "d_z",
}


def _term_id(term):
    """Sphinx's anchor of a glossary term (``term-`` and the term, a space or an apostrophe as a hyphen)."""
    return "term-" + re.sub(r"[ ']", "-", term)


@pytest.mark.slow
def test_the_glossary_explains_the_front_pages_words_from_their_first_use(built):
    glossary = _parse(built / "glossary.html").ids
    reader = _read(built / "index.html")
    main = [(text, link) for text, tags, classes, link in reader.pieces if "main" in tags and "math" not in tags]
    for pattern, term in FRONT_PAGE_TERMS.items():
        assert _term_id(term) in glossary, term
        # the first piece of the page's text that uses the word is a link to its entry
        first = next((text, link) for text, link in main if re.search(pattern, text))
        assert first[1] is not None and unquote(first[1]).endswith(f"glossary.html#{_term_id(term)}"), (term, first)


# --- worked solutions, folded ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_worked_solutions_are_folded(built):
    for notebook in sorted(book.NOTEBOOKS.glob(book.CHAPTERS)):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        solutions = sum("solution" in c["metadata"].get("tags", []) for c in cells)
        html = (built / f"{notebook.stem}.html").read_text(encoding="utf-8")
        folded = re.findall(
            r"<details[^>]*>\s*<summary[^>]*>\s*<p class=\"collapsed admonition-title\">([^<]+)</p>", html
        )
        assert folded.count("Show the worked solution") == solutions > 0, notebook.name
        # nothing else is folded, and no solution's text shows outside its fold
        assert len(folded) == solutions


# --- references a reader can follow ------------------------------------------------------------------------------------

_CITATION = re.compile(r"\b([A-Z][a-zà-ÿ]+)(?: et al\.| (?:&|and) [A-Z][a-zà-ÿ]+)?,? \(?((?:19|20)\d\d)\b")


@pytest.mark.slow
def test_every_work_the_chapters_cite_is_listed_and_nothing_cites_the_projects_own_notes(built):
    entries = [
        " ".join(text.split())
        for text in re.split(r"<p>", (built / "references.html").read_text(encoding="utf-8"))
        if "</p>" in text
    ]
    cited = set()
    for notebook in sorted(book.NOTEBOOKS.glob(book.CHAPTERS)):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                cited |= {(name, year, notebook.name) for name, year in _CITATION.findall("".join(cell["source"]))}
    cited = {c for c in cited if c[0] not in ("April",)}  # a date, not a work ("accessed in April 2009")
    assert ("Rouder", "2009", "03_ucsf_crossover.ipynb") in cited
    unlisted = [c for c in cited if not any(c[0] in e and c[1] in e for e in entries)]
    assert not unlisted, f"cited but not in the references: {unlisted}"
    # the article, as its copy shows it: a title and a description, no path of the project's own
    page = re.sub(r"<[^>]+>", "", (built / "references.html").read_text(encoding="utf-8"))
    assert "Low Dose Naltrexone as a Treatment for Multiple Sclerosis" in page and "consumer health article" in page
    assert "April 2009" in page and "shared/" not in page and ".txt" not in page
    assert "Lee MD, Wagenmakers EJ" in page and "Rouder JN" in page
    # the project's internal names of its sources ("S5", "S6") appear in no chapter, report or page of the book's
    # own (the API reference shows the package's comments as they are written)
    for built_page in [p for p in _pages(built) if p.parent.name != "api"]:
        prose = _prose(_read(built_page))
        assert not re.search(r"\bS[0-9]\b", prose), (built_page.name, re.search(r".{40}\bS[0-9]\b.{20}", prose))

"""The book: its generated pages, the staging of its sources, and the glued numbers.

Every number the prose quotes through ``{glue:...}`` is glued by the notebook it names. The whole
build, and what a reader sees in it, is checked in ``tests/test_book_html.py``.
"""

from __future__ import annotations

import ast
import csv
import importlib
import inspect
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from ldnstats.ldn import book, summary
from ldnstats.ldn.__main__ import main as ldn_main
from test_layout import ORDER, _package_imports

BOOK = ROOT / "book"


def _sources():
    with open(ROOT / "data" / "sources.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


# ---------------------------------------------------------------------------
# references_markdown and claims_markdown
# ---------------------------------------------------------------------------


def test_references_page_links_every_doi_and_pmid_and_cites_every_source():
    rows = _sources()
    page = book.references_markdown(pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False))
    assert page.startswith("# References\n") and page.endswith("\n")
    plain = _unescape(page)
    for row in rows:
        assert f"(ref-{row['source_id']})=" in page
        assert row["citation"] in plain
        if row["doi"]:
            assert f"[{row['doi']}](https://doi.org/{row['doi']})" in plain
        if row["pmid"]:
            assert f"[{row['pmid']}](https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/)" in page
        if row["registry_id"].startswith("NCT"):
            rid = row["registry_id"]
            assert f"Registry id [{rid}](https://clinicaltrials.gov/study/{rid})." in plain
        elif row["registry_id"]:  # EudraCT numbers: the EU Clinical Trials Register's search
            rid = row["registry_id"]
            assert re.fullmatch(r"\d{4}-\d{6}-\d{2}", rid)
            assert f"[{rid}](https://www.clinicaltrialsregister.eu/ctr-search/search?query={rid})." in plain
    dois = [r["doi"] for r in rows if r["doi"]]
    pmids = [r["pmid"] for r in rows if r["pmid"]]
    assert len(re.findall(r"\]\(https://doi\.org/", page)) == len(dois) > 0
    assert len(re.findall(r"\]\(https://pubmed\.ncbi\.nlm\.nih\.gov/", page)) == len(pmids) > 0
    # grouped by kind, in the order of SOURCE_KINDS
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    kinds = [k for k in book.SOURCE_KINDS if any(r["kind"] == k for r in rows)]
    assert headings == [book.SOURCE_KINDS[k] for k in kinds]


def test_references_page_reads_missing_values_as_nan_and_numbers_too():
    table = pd.DataFrame(
        {
            "source_id": ["a", "b"],
            "kind": ["primary", "other kind"],
            "citation": ["Cite [one] *x*.", float("nan")],
            "doi": [float("nan"), "10.1/(x)"],
            "pmid": [123.0, float("nan")],
            "registry_id": ["NCT1", None],
        }
    )
    page = book.references_markdown(table)
    assert "Cite \\[one\\] \\*x\\*." in page and "PubMed [123](https://pubmed.ncbi.nlm.nih.gov/123/)." in page
    assert "## other kind" in page and "\nb DOI [10.1/(x)](https://doi.org/10.1/(x))." in page
    assert "nan" not in page.lower().replace("naltrexone", "")


@pytest.mark.parametrize(
    ("table", "error", "message"),
    [
        ([{"source_id": "a"}], TypeError, "`sources` must be a pandas DataFrame; got list"),
        (pd.DataFrame({"source_id": ["a"]}), ValueError, "missing kind, citation, doi, pmid, registry_id"),
        (
            pd.DataFrame({c: ["x", "x"] for c in ("source_id", "kind", "citation", "doi", "pmid", "registry_id")}),
            ValueError,
            "non-empty, unique source_id",
        ),
    ],
)
def test_references_page_rejects_bad_tables(table, error, message):
    with pytest.raises(error, match=re.escape(message)):
        book.references_markdown(table)


def test_claims_table_links_the_first_use_of_each_glossary_word():
    claims = pd.DataFrame(
        {
            "trial": ["ucsf_crossover"] * 3,
            "claim": ["a", "b", "c"],
            "audit": ["depends on the family size", "not supported once multiplicity is counted", "multiplicity"],
        }
    )
    lines = book.claims_markdown(claims).splitlines()
    assert lines[2].endswith("| depends on the {term}`family size <Family size>` |")
    assert lines[3].endswith("| not supported once {term}`multiplicity <Multiplicity>` is counted |")
    assert lines[4].endswith("| multiplicity |")  # the first use only
    glossary = (BOOK / "glossary.md").read_text(encoding="utf-8")
    for term in book.GLOSSARY_TERMS.values():
        assert f"\n{term}\n  " in glossary


def test_claims_table_has_a_row_per_claim_in_words():
    claims = pd.DataFrame(
        {"trial": ["italian_pilot", "ucsf_crossover"], "claim": ["a | b", "c"], "audit": ["supported", "x"]}
    )
    lines = book.claims_markdown(claims).splitlines()
    assert lines[2] == "| Italian pilot | a \\| b | supported |" and lines[3] == "| UCSF crossover | c | x |"
    with pytest.raises(ValueError, match="at least one row"):
        book.claims_markdown(claims.iloc[:0])
    with pytest.raises(ValueError, match="missing audit"):
        book.claims_markdown(claims.drop(columns="audit"))
    with pytest.raises(TypeError, match="`claims` must be a pandas DataFrame"):
        book.claims_markdown("claims")


# ---------------------------------------------------------------------------
# stage
# ---------------------------------------------------------------------------


@pytest.fixture
def figures(tmp_path):
    """A figures folder as `ldnstats report` leaves it (empty PNGs stand in for the figures)."""
    folder = tmp_path / "figures"
    folder.mkdir()
    for name in ("italian_splits", "ucsf_forest", "sign_test_power"):
        (folder / f"{name}.png").write_bytes(b"")
    return folder


def test_stage_writes_the_book_sources(tmp_path, figures):
    out = tmp_path / "deep" / "stage"
    written = book.stage(out, figures=figures)
    names = {p.relative_to(out).as_posix() for p in written}
    chapters = sorted(p.name for p in book.NOTEBOOKS.glob(book.CHAPTERS))
    assert {"conf.py", "index.md", "glossary.md", "api.md", book.REFERENCES_PAGE, book.CLAIMS_FRAGMENT} <= names
    assert set(chapters) <= names and "figures/ucsf_forest.png" in names and book.STAGE_MARKER in names
    assert written == sorted(written) and all(p.is_file() for p in written)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary folder left
    fragment = (out / book.LATER_EVIDENCE_FRAGMENT).read_text(encoding="utf-8")
    has_chapter_5 = any(name.startswith("05_") for name in chapters)
    assert ("not in this copy" in fragment) != has_chapter_5
    # the chapters keep their cells and outputs; only the summary cell's code is hidden in the book
    for name in chapters:
        staged = json.loads((out / name).read_text(encoding="utf-8"))
        source = json.loads((book.NOTEBOOKS / name).read_text(encoding="utf-8"))
        assert [c.get("outputs") for c in staged["cells"]] == [c.get("outputs") for c in source["cells"]]
        hidden = [c for c in staged["cells"] if "remove-input" in c["metadata"].get("tags", [])]
        assert [c["metadata"]["tags"] for c in hidden] == [[book.SUMMARY_TAG, "remove-input"]]
        # every worked solution is folded: a code cell by myst-nb's hide-cell, a Markdown cell inside <details>
        solutions = [
            (a, b) for a, b in zip(source["cells"], staged["cells"]) if "solution" in a["metadata"].get("tags", [])
        ]
        assert solutions
        for before, after in solutions:
            if before["cell_type"] == "code":
                assert after["source"] == before["source"] and "hide-cell" in after["metadata"]["tags"]
                assert after["metadata"]["mystnb"]["code_prompt_show"] == "Show the worked solution"
            else:
                text = after["source"]
                assert text.startswith("<details") and text.rstrip().endswith("</details>")
                assert "".join(before["source"]).strip() in text and "\n\n</details>" in text
        unfolded = [c for c in staged["cells"] if "solution" not in c["metadata"].get("tags", [])]
        assert not any("hide-cell" in c["metadata"].get("tags", []) for c in unfolded)
    # a second stage replaces the first (a file left in it goes)
    (out / "stale.md").write_text("old", encoding="utf-8")
    book.stage(out, figures=figures)
    assert not (out / "stale.md").exists() and (out / "index.md").is_file()


def _trial_report(trial_id):
    """A trial report as `make report` renders it, made in this process (no kernel): the template's cells
    with the outputs its code displays (the markdown of trialreport, the tables through display.table)."""
    import nbformat
    from IPython.display import Markdown

    from ldnstats import display, report, trialreport

    nb = nbformat.read(report.TRIAL_TEMPLATE, as_version=4)
    nb.cells[0].source = "\n".join([f"# {trialreport.report_title(trial_id)}", *nb.cells[0].source.split("\n")[1:]])
    tables = trialreport.trial_report_tables(trial_id)
    shown = [Markdown(trialreport.report_intro(trial_id))]
    for heading, section in trialreport.report_sections(tables):
        shown.append(Markdown(f"## {heading}"))
        for table in section.values():
            shown += [Markdown(trialreport.section_markdown(table)), display.table(table)]

    def output(obj):
        if isinstance(obj, Markdown):
            return nbformat.v4.new_output("display_data", {"text/markdown": obj.data, "text/plain": "<Markdown>"})
        # as a kernel shows the table display.table returns (its own HTML and text, whole)
        return nbformat.v4.new_output("display_data", {"text/html": obj._repr_html_(), "text/plain": repr(obj)})

    nb.cells[-1].outputs = [output(o) for o in shown]
    return nb


@pytest.fixture(scope="module")
def trial_reports(tmp_path_factory):
    """A folder of every trial's report (see _trial_reports), as `make report` leaves build/trials."""
    import nbformat

    from ldnstats import data

    folder = tmp_path_factory.mktemp("trials")
    for trial_id in reversed(data.trial_ids()):  # the book orders them as data/ does, not as written
        nbformat.write(_trial_report(trial_id), folder / f"{trial_id}.ipynb")
    return folder


def test_stage_puts_the_trial_reports_under_their_caption(tmp_path, figures, trial_reports):
    from ldnstats import data

    out = tmp_path / "stage"
    names = {p.relative_to(out).as_posix() for p in book.stage(out, figures=figures, trial_reports=trial_reports)}
    assert {f"trials/{t}.ipynb" for t in data.trial_ids()} <= names
    fragment = (out / book.TRIAL_REPORTS_FRAGMENT).read_text(encoding="utf-8")
    assert fragment == book.trial_reports_markdown(list(data.trial_ids()))
    assert ":caption: Trial reports" in fragment and "trials/italian_pilot\ntrials/ucsf_crossover" in fragment
    assert "{include} _trial_reports.md" in (out / "index.md").read_text(encoding="utf-8")
    book.stage(out, figures=figures)  # without: no page, and the fragment is a comment
    assert not (out / "trials").exists()
    assert (out / book.TRIAL_REPORTS_FRAGMENT).read_text(encoding="utf-8").startswith("% no trial reports")
    with pytest.raises(ValueError, match="`trial_reports` must be a folder"):
        book.stage(out, figures=figures, trial_reports=tmp_path / "nowhere")


def test_stage_leaves_the_previous_stage_when_it_fails(tmp_path, figures):
    out = tmp_path / "stage"
    book.stage(out, figures=figures)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ValueError, match="`figures` must be a folder"):
        book.stage(out, figures=tmp_path / "nowhere")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    fresh = tmp_path / "a" / "b"
    with pytest.raises(ValueError, match="`notebooks` must hold the chapters"):
        book.stage(fresh, figures=figures, notebooks=tmp_path / "figures")
    assert not (tmp_path / "a").exists()


def test_stage_refuses_to_replace_a_folder_it_did_not_write(tmp_path, figures):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "thesis.tex").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError, match="holds other files, which staging would delete"):
        book.stage(other, figures=figures)
    assert (other / "thesis.tex").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(ValueError, match="is a file"):
        book.stage(other / "thesis.tex", figures=figures)
    with pytest.raises(ValueError, match="must be a folder path"):
        book.stage(" ", figures=figures)
    with pytest.raises(TypeError, match="`directory` must be a path; got int"):
        book.stage(3, figures=figures)
    with pytest.raises(ValueError, match="`book` must hold conf.py, index.md"):
        book.stage(tmp_path / "new", figures=figures, book=figures)


def test_the_command_stages_the_book_or_fails_in_one_line(tmp_path, figures, monkeypatch, capsys):
    monkeypatch.setattr(book, "FIGURES", figures)
    out = io.StringIO()
    assert ldn_main(["book", str(tmp_path / "stage")], out=out) == 0
    assert out.getvalue().startswith(f"book staged in {tmp_path / 'stage'} (")
    assert (tmp_path / "stage" / "index.md").is_file()
    out = io.StringIO()
    assert ldn_main(["book", str(tmp_path / "stage"), "--format", "csv"], out=out) == 0
    assert out.getvalue().splitlines()[0] == "path" and str(tmp_path / "stage" / "index.md") in out.getvalue()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        ldn_main(["book", str(tmp_path / "mine")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ldnstats: error: `directory` must be empty or a stage") and err.count("\n") == 1


def _public_modules():
    """The package's public modules and subpackages, found here with pkgutil (as a new module would be)."""
    import pkgutil

    import ldnstats

    found = pkgutil.walk_packages(ldnstats.__path__, prefix="ldnstats.")
    return {"ldnstats"} | {m.name for m in found if not any(p.startswith("_") for p in m.name.split("."))}


def test_the_api_reference_has_a_page_per_module_in_the_order_imports_flow(tmp_path, figures):
    out = tmp_path / "stage"
    book.stage(out, figures=figures)
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / book.API_FOLDER).glob("*.rst")}
    assert set(pages) == _public_modules() >= {f"ldnstats.{m}" for m in ORDER}
    for module, text in pages.items():
        assert f"\n.. automodule:: {module}\n" in text and text.startswith(f"``{module}``\n")
        # an entry for each name of the module's __all__, with the directive of its kind
        imported = importlib.import_module(module)
        for name in getattr(imported, "__all__", []):
            obj = getattr(imported, name)
            kind = "function" if inspect.isfunction(obj) else "class" if isinstance(obj, type) else "data"
            if kind == "class" and issubclass(obj, BaseException):
                kind = "exception"
            assert f"\n.. auto{kind}:: {module}.{name}\n" in text, (module, name)
    # api.md includes the list, which links every page in the order of api_modules
    assert "{include} _api_modules.md" in (out / "api.md").read_text(encoding="utf-8")
    fragment = (out / book.API_FRAGMENT).read_text(encoding="utf-8")
    listed = re.findall(r"^\| \{doc\}`([\w.]+) <api/\1>` \| (.+) \|$", fragment, re.MULTILINE)
    order = [m for m, _ in listed]
    assert order == book.api_modules() and set(order) == set(pages) and order[0] == "ldnstats"
    assert all(summary.strip() and ":func:" not in summary for _, summary in listed)
    # each module comes after every module it imports (read here by test_layout's own parser)
    for module in order[1:]:
        path = ROOT / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / module.replace(".", "/") / "__init__.py"
        imported = {f"ldnstats.{m}" for m, _ in _package_imports(ast.parse(path.read_text(encoding="utf-8")))}
        earlier = set(order[: order.index(module)])
        assert imported & set(order) <= earlier, (module, sorted(imported - earlier))


def test_api_modules_finds_a_new_subpackage_and_refuses_what_is_no_package(tmp_path, monkeypatch):
    pkg = tmp_path / "toy_api"
    (pkg / "ldn").mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""Toy: :mod:`toy_api.b` then :mod:`toy_api.a`."""\n', encoding="utf-8")
    (pkg / "a.py").write_text('"""A."""\nfrom . import b\n', encoding="utf-8")
    (pkg / "b.py").write_text('"""B."""\nx = 1\n', encoding="utf-8")
    (pkg / "_private.py").write_text("", encoding="utf-8")
    (pkg / "ldn" / "__init__.py").write_text('"""The LDN part."""\nfrom . import audit\n', encoding="utf-8")
    (pkg / "ldn" / "audit.py").write_text('"""Audit."""\nfrom .. import a\nfrom ..b import x\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    # b before a (a imports b); the subpackage's module before the subpackage (which imports it), after a and b
    assert book.api_modules("toy_api") == ["toy_api", "toy_api.b", "toy_api.a", "toy_api.ldn.audit", "toy_api.ldn"]
    assert (
        book.api_markdown(["toy_api.ldn"]).splitlines()[2] == "| {doc}`toy_api.ldn <api/toy_api.ldn>` | The LDN part. |"
    )
    with pytest.raises(ValueError, match="`package` must be a package; 'toy_api.a' is a module"):
        book.api_modules("toy_api.a")
    with pytest.raises(ValueError, match="`package` must be an importable package; 'nowhere_at_all'"):
        book.api_modules("nowhere_at_all")
    with pytest.raises(TypeError, match="`package` must be a str"):
        book.api_modules(3)
    page = book.api_page("toy_api.ldn.audit")  # no __all__: its public functions and classes (none here)
    assert page.endswith(".. automodule:: toy_api.ldn.audit\n")
    (pkg / "c.py").write_text(
        '__all__ = ["f", "K", "E", "missing"]\ndef f():\n    pass\nK = 1\nclass E(Exception):\n    pass\n'
    )
    with pytest.raises(ValueError, match="toy_api.c lists in __all__ what it does not have: missing"):
        book.api_page("toy_api.c")
    (pkg / "d.py").write_text('__all__ = ["f", "K", "E"]\ndef f():\n    pass\nK = 1\nclass E(Exception):\n    pass\n')
    page = book.api_page("toy_api.d")
    assert [line for line in page.splitlines() if line.startswith(".. ")] == [
        ".. automodule:: toy_api.d",
        ".. autofunction:: toy_api.d.f",
        ".. autodata:: toy_api.d.K",
        ".. autoexception:: toy_api.d.E",
    ]
    with pytest.raises(ValueError, match="`module` must be a dotted module name"):
        book.api_page("a b")
    with pytest.raises(ValueError, match="`module` must be importable"):
        book.api_page("toy_api.nowhere")
    with pytest.raises(ValueError, match="at least one module"):
        book.api_markdown([])


# ---------------------------------------------------------------------------
# glue: every number the prose quotes is glued by the notebook it names
# ---------------------------------------------------------------------------

_GLUE_ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`]+)`")


def _quoted(text, here):
    """(notebook, key) for each glue role in a page's text; a key without a path is glued by `here`."""
    out = []
    for content in _GLUE_ROLE.findall(text):
        path, _, key = content.rpartition("::")
        out.append((path or here, key.split(":")[0]))
    return out


def _glued(notebook):
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    return {
        out["metadata"]["scrapbook"]["name"]
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if out.get("output_type") == "display_data" and "scrapbook" in out.get("metadata", {})
    }


def test_the_glue_reader_finds_keys_with_and_without_a_notebook():
    text = "{glue:text}`01_a.ipynb::ch1_x:` and {glue}`y` and {glue:text}`b.ipynb::z:.2f`"
    assert _quoted(text, "here.ipynb") == [("01_a.ipynb", "ch1_x"), ("here.ipynb", "y"), ("b.ipynb", "z")]


def test_every_quoted_number_is_glued_by_the_notebook_it_names():
    quoted = []
    for page in sorted(BOOK.glob("*.md")):
        quoted += [(page.name, *q) for q in _quoted(page.read_text(encoding="utf-8"), None)]
    for notebook in sorted(book.NOTEBOOKS.glob(book.CHAPTERS)):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                quoted += [(notebook.name, *q) for q in _quoted("".join(cell["source"]), notebook.name)]
    assert any(page == "index.md" for page, _, _ in quoted)
    missing = []
    for page, notebook, key in quoted:
        path = book.NOTEBOOKS / notebook
        if path.exists():
            names = _glued(path)
        else:  # a chapter not in this checkout yet: its summary cell will glue its summary's numbers
            chapter = int(re.match(r"(\d+)_", notebook).group(1))
            names = set(summary.chapter_summary(chapter).numbers)
        if key not in names:
            missing.append(f"{page}: {notebook}::{key}")
    assert not missing, "quoted but not glued: " + ", ".join(missing)


@pytest.mark.parametrize("notebook", sorted(book.NOTEBOOKS.glob(book.CHAPTERS)), ids=lambda p: p.name)
def test_each_chapter_glues_its_summary_numbers(notebook):
    chapter = int(notebook.name.split("_")[0])
    assert set(summary.chapter_summary(chapter).numbers) <= _glued(notebook)

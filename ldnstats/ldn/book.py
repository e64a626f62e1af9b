"""The book: the pages computed from the data, and the staging of its sources for Sphinx.

``make report`` builds a static book from the executed notebooks with Sphinx and myst-nb
(``book/conf.py``). Two of its pages are generated here from the package, never typed:
:func:`references_markdown` (the references, from ``data/sources.csv``, with DOI and PubMed
links) and :func:`claims_markdown` (the claims audit as a table for the front page).
:func:`stage` assembles everything Sphinx reads into one folder (``python -m ldnstats.ldn book DIR``): the
pages of ``book/``, the numbered notebooks, the generated pages and the report's figures,
which the front page shows.

Only the pure functions touch no file; :func:`stage` writes its folder all at once (built in
a hidden folder beside it, then renamed into place), so a failure leaves the previous stage
as it was.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import os
import pkgutil
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .. import data
from .._checks import is_missing
from . import audit, trials

__all__ = [
    "BOOK",
    "NOTEBOOKS",
    "FIGURES",
    "CHAPTERS",
    "STAGE_MARKER",
    "REFERENCES_PAGE",
    "CLAIMS_FRAGMENT",
    "CITED_WORKS_FRAGMENT",
    "REGISTRIES",
    "LATER_EVIDENCE_FRAGMENT",
    "TRIAL_REPORTS_FRAGMENT",
    "TRIAL_REPORTS_FOLDER",
    "SOURCE_KINDS",
    "GLOSSARY_TERMS",
    "SUMMARY_TAG",
    "SOLUTION_TAG",
    "API_FOLDER",
    "API_FRAGMENT",
    "api_modules",
    "api_page",
    "api_markdown",
    "references_markdown",
    "claims_markdown",
    "trial_reports_markdown",
    "stage",
]

_ROOT = Path(__file__).resolve().parent.parent.parent
#: The book's own pages (conf.py, the front page, the glossary, the API page), beside the package.
BOOK = _ROOT / "book"
#: The chapters (absent, like BOOK, from an installed wheel).
NOTEBOOKS = _ROOT / "notebooks"
#: The report's figures (``python -m ldnstats.ldn tables reports`` writes them before the book is staged).
FIGURES = _ROOT / "reports" / "figures"
#: The chapters among the notebooks: numbered notebooks, in the order of their names.
CHAPTERS = "[0-9]*.ipynb"
#: The file that marks a folder as a stage, so that :func:`stage` replaces only its own folders.
STAGE_MARKER = ".ldnstats-book-stage"
#: The generated pages and fragments (a name starting "_" is included by another page, not a page).
REFERENCES_PAGE = "references.md"
CLAIMS_FRAGMENT = "_claims_audit.md"
LATER_EVIDENCE_FRAGMENT = "_later_evidence.md"
#: The works the chapters cite that supply no number (``book/_cited_works.md``), listed at the end of the references.
CITED_WORKS_FRAGMENT = "_cited_works.md"
#: The front page's table of contents of the trial reports (captioned "Trial reports"), and their folder in the stage.
TRIAL_REPORTS_FRAGMENT = "_trial_reports.md"
TRIAL_REPORTS_FOLDER = "trials"
#: Headings of the references page, by the ``kind`` of a source, in reading order.
SOURCE_KINDS = {
    "article": "The article",
    "primary": "The trials' publications",
    "registry": "Trial registrations",
    "secondary": "Secondary sources",
    "reference": "Reference works, other trials and methods",
}
_TRIALS = trials.TRIAL_NAMES
_SOURCE_COLUMNS = ("source_id", "kind", "citation", "doi", "pmid", "registry_id")
_LATER_CHAPTER = "05_*.ipynb"
#: A chapter's summary cell (its code only computes and glues the summary): the book shows its output alone.
SUMMARY_TAG = "chapter-summary"
#: A worked solution's cell: the book folds it (its code and output shown on a click, myst-nb's ``hide-input``
#: and ``hide-output`` tags), so that a reader tries the exercise first.
SOLUTION_TAG = "solution"
#: The API reference: one reStructuredText page per public module in this folder of the stage (``api/NAME.rst``),
#: and the fragment ``api.md`` includes, which lists them in the order the analysis flows.
API_FOLDER = "api"
API_FRAGMENT = "_api_modules.md"


def _escape(text: str) -> str:
    """Text safe inside Markdown: the characters that would start a link, emphasis or a table cell escaped."""
    for ch in "\\[]*_|<>`":
        text = text.replace(ch, "\\" + ch)
    return text


def _text(value: object) -> str:
    """A cell as text: '' for a missing value; a whole float as an integer (a PMID read as a number)."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def references_markdown(sources: pd.DataFrame) -> str:
    """The book's references page (MyST Markdown), one entry per source, grouped by kind.

    Each entry gives the citation, a DOI link (``https://doi.org/DOI``), a PubMed link
    (``https://pubmed.ncbi.nlm.nih.gov/PMID/``) and the registry id (linked to its record for
    ClinicalTrials.gov and EudraCT numbers, :data:`REGISTRIES`) where the source has
    them, under a label ``ref-SOURCE_ID`` that other pages can link to.

    Parameters
    ----------
    sources : pandas.DataFrame
        The sources table (:func:`ldnstats.data.sources`): at least ``source_id``,
        ``kind``, ``citation``, ``doi``, ``pmid`` and ``registry_id``; missing values may
        be empty strings or NaN.

    Returns
    -------
    str
        The page, ending in a newline. Kinds are ordered as :data:`SOURCE_KINDS`
        (any other kind follows under its own name); sources keep their order.

    Raises
    ------
    TypeError
        If `sources` is not a DataFrame.
    ValueError
        If a column is missing or a ``source_id`` is empty or repeated.

    Examples
    --------
    >>> table = pd.DataFrame({"source_id": ["x"], "kind": ["primary"], "citation": ["A B. Title. J. 2001."],
    ...                       "doi": ["10.1/x"], "pmid": ["123"], "registry_id": [""]})
    >>> print(references_markdown(table).splitlines()[-1])
    A B. Title. J. 2001. DOI [10.1/x](https://doi.org/10.1/x). PubMed [123](https://pubmed.ncbi.nlm.nih.gov/123/).
    """
    if not isinstance(sources, pd.DataFrame):
        raise TypeError(f"`sources` must be a pandas DataFrame; got {type(sources).__name__}")
    missing = [c for c in _SOURCE_COLUMNS if c not in sources.columns]
    if missing:
        raise ValueError(f"`sources` must have the columns {', '.join(_SOURCE_COLUMNS)}; missing {', '.join(missing)}")
    ids = [_text(v) for v in sources["source_id"]]
    if any(not i for i in ids) or len(set(ids)) != len(ids):
        raise ValueError("`sources` must have a non-empty, unique source_id in every row")
    lines = [
        "# References",
        "",
        "Every number the book uses comes from one of these sources; `data/sources.csv` lists them, and each",
        "row of the curated tables names its source, where it was printed and a quote. This page is generated",
        "from that table when the book is built.",
    ]
    kinds = list(SOURCE_KINDS) + [k for k in dict.fromkeys(map(_text, sources["kind"])) if k not in SOURCE_KINDS]
    for kind in kinds:
        rows = sources[[_text(k) == kind for k in sources["kind"]]]
        if rows.empty:
            continue
        lines += ["", f"## {SOURCE_KINDS.get(kind, _escape(kind))}"]
        for row in rows.itertuples(index=False):
            entry = _escape(_text(row.citation) or _text(row.source_id))
            doi, pmid, registry = _text(row.doi), _text(row.pmid), _text(row.registry_id)
            if doi:
                entry += f" DOI [{_escape(doi)}](https://doi.org/{doi})."
            if pmid:
                entry += f" PubMed [{pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)."
            if registry:
                entry += f" Registry id {_registry_link(registry)}."
            lines += ["", f"(ref-{_text(row.source_id)})=", entry]
    return "\n".join(lines) + "\n"


#: Registries whose records have a stable public address, by the form of their ids.
REGISTRIES = (
    (re.compile(r"NCT\d{8}"), "https://clinicaltrials.gov/study/{}"),
    (re.compile(r"\d{4}-\d{6}-\d{2}"), "https://www.clinicaltrialsregister.eu/ctr-search/search?query={}"),
)


def _registry_link(registry: str) -> str:
    """A registry id as a link to its record (ClinicalTrials.gov, the EU register), else as text."""
    for pattern, address in REGISTRIES:
        if pattern.fullmatch(registry):
            return f"[{registry}]({address.format(registry)})"
    return _escape(registry)


def claims_markdown(claims: pd.DataFrame) -> str:
    """The claims audit as a Markdown table: trial, the article's claim and the audit's verdict.

    Parameters
    ----------
    claims : pandas.DataFrame
        :func:`ldnstats.audit.claims_audit`: columns ``trial``, ``claim`` and ``audit``.

    Returns
    -------
    str
        A table with a header row, one row per claim, trials named in words.

    Raises
    ------
    TypeError
        If `claims` is not a DataFrame.
    ValueError
        If a column is missing or the table is empty.

    Examples
    --------
    >>> table = pd.DataFrame({"trial": ["italian_pilot"], "claim": ["pain: worse"], "audit": ["supported"]})
    >>> print(claims_markdown(table))
    | Trial | The article's claim | What the printed numbers support |
    | --- | --- | --- |
    | Italian pilot | pain: worse | supported |
    <BLANKLINE>
    """
    if not isinstance(claims, pd.DataFrame):
        raise TypeError(f"`claims` must be a pandas DataFrame; got {type(claims).__name__}")
    missing = [c for c in ("trial", "claim", "audit") if c not in claims.columns]
    if missing:
        raise ValueError(f"`claims` must have the columns trial, claim, audit; missing {', '.join(missing)}")
    if claims.empty:
        raise ValueError("`claims` must have at least one row")
    lines = ["| Trial | The article's claim | What the printed numbers support |", "| --- | --- | --- |"]
    linked: set[str] = set()
    for row in claims.itertuples(index=False):
        trial = _TRIALS.get(_text(row.trial), _text(row.trial))
        audit_text = _link_terms(_escape(_text(row.audit)), linked)
        lines.append(f"| {_escape(trial)} | {_escape(_text(row.claim))} | {audit_text} |")
    return "\n".join(lines) + "\n"


#: Words of the claims audit that the glossary explains (``book/glossary.md``): the first use of each in the
#: table links to its entry.
GLOSSARY_TERMS = {"family size": "Family size", "multiplicity": "Multiplicity"}


def _link_terms(text: str, linked: set[str]) -> str:
    """`text` with the first use (across calls sharing `linked`) of each of :data:`GLOSSARY_TERMS` a glossary link."""
    for words, term in GLOSSARY_TERMS.items():
        if words in linked:
            continue
        found = re.search(rf"\b{re.escape(words)}\b", text)
        if found:
            text = f"{text[: found.start()]}{{term}}`{found.group(0)} <{term}>`{text[found.end() :]}"
            linked.add(words)
    return text


_LATER_MISSING = """\
:::{note}
Chapter 5, on the evidence published after the article, is not in this copy of the book.
:::
"""


_SHOW_SOLUTION = "Show the worked solution"
_HIDE_SOLUTION = "Hide the worked solution"
# A worked solution in Markdown folded as myst-nb folds a code cell (the same classes, so the same look): raw HTML
# around the cell's own Markdown, which MyST still reads (an HTML block ends at the blank line after it).
_FOLD_OPEN = (
    '<details class="admonition hide above-input solution">\n<summary aria-label="Toggle the worked solution">\n'
    f'<p class="collapsed admonition-title">{_SHOW_SOLUTION}</p>\n'
    f'<p class="expanded admonition-title">{_HIDE_SOLUTION}</p>\n</summary>\n\n'
)
_FOLD_CLOSE = "\n\n</details>\n"


def _stage_chapter(src: Path, dest: Path) -> None:
    """Copy a chapter for the book: its summary cell's code hidden (myst-nb's ``remove-input`` tag), and each
    worked solution (cells tagged :data:`SOLUTION_TAG`) folded, shown on a click."""
    notebook = json.loads(src.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        metadata = cell.setdefault("metadata", {})
        tags = metadata.get("tags", [])
        if SUMMARY_TAG in tags and "remove-input" not in tags:
            metadata["tags"] = [*tags, "remove-input"]
        if SOLUTION_TAG not in tags:
            continue
        if cell.get("cell_type") == "code" and "hide-cell" not in tags:
            metadata["tags"] = [*metadata.get("tags", tags), "hide-cell"]
            metadata["mystnb"] = {
                **metadata.get("mystnb", {}),
                "code_prompt_show": _SHOW_SOLUTION,
                "code_prompt_hide": _HIDE_SOLUTION,
            }
        elif cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            cell["source"] = _FOLD_OPEN + text.strip("\n") + _FOLD_CLOSE
    dest.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _reraise(name: str) -> None:
    """pkgutil.walk_packages' onerror: a subpackage that fails to import is an error, not a page left out."""
    raise  # walk_packages calls this inside its except block: the import error goes on


def _package_of(name: str) -> str:
    spec = importlib.util.find_spec(name)
    return name if spec is not None and spec.submodule_search_locations is not None else name.rpartition(".")[0]


def _package_imports(name: str, known: set[str]) -> set[str]:
    """The modules among `known` that module `name` imports (any import statement in its source, read by ast)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return set()
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    here = _package_of(name)

    def nearest(target: str) -> str:
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target

    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(nearest(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            relative = "." * node.level + (node.module or "")
            base = importlib.util.resolve_name(relative, here) if node.level else node.module
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else nearest(base or ""))
    return found - {"", name}


def api_modules(package: str = "ldnstats") -> list[str]:
    """The package and its public modules and subpackages, in the order the analysis flows.

    Found with :func:`pkgutil.walk_packages`, so a new module (or a subpackage and its modules) has its page in
    the API reference without an edit; a module or package whose name starts with ``_`` (``_checks``,
    ``__main__``) is private and left out. Ordered so that each module comes after every module of the package
    that it imports (read from its source); among modules free to come next, the one the package's docstring
    (its module map) names first goes first, then the rest by name. The package comes first.

    Parameters
    ----------
    package : str
        An importable package (default ``ldnstats``).

    Returns
    -------
    list of str
        Dotted module names, `package` first.

    Raises
    ------
    TypeError
        If `package` is not a string.
    ValueError
        If `package` cannot be imported or is a module, not a package.

    Examples
    --------
    >>> modules = api_modules()
    >>> modules[0], "ldnstats.display" in modules, "ldnstats._checks" in modules
    ('ldnstats', True, False)
    >>> modules.index("ldnstats.printed") < modules.index("ldnstats.display") < modules.index("ldnstats.ldn.book")
    True
    """
    if not isinstance(package, str):
        raise TypeError(f"`package` must be a str; got {type(package).__name__}")
    try:
        root = importlib.import_module(package)
    except ImportError as exc:
        raise ValueError(f"`package` must be an importable package; {package!r} is not ({exc})") from None
    if not hasattr(root, "__path__"):
        raise ValueError(f"`package` must be a package; {package!r} is a module")
    found = [
        info.name
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}.", onerror=_reraise)
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    # ties: in the order the package's docstring first names them (its module map), then by name
    doc = root.__doc__ or ""
    named = {}
    for module in found:
        hit = re.search(rf"{re.escape(module)}(?![\w.])", doc)
        if hit:
            named[module] = hit.start()
    names = [package, *sorted(found, key=lambda m: (m not in named, named.get(m, 0), m))]
    known = set(names)
    needs = {name: _package_imports(name, known) for name in names}
    order: list[str] = []
    while len(order) < len(names):
        ready = [n for n in names if n not in order and needs[n] <= set(order)]
        # a cycle (a package importing its own modules, which import it back): the first by name goes next
        order.append(ready[0] if ready else next(n for n in names if n not in order))
    return order


def api_page(module: str) -> str:
    """The API reference page of one module (reStructuredText, so that autodoc reads its docstrings as such).

    The module's docstring, then each name of its ``__all__`` in that order (without ``__all__``: each public
    function and class defined in it, by name), with the autodoc directive for its kind, so that every public
    name has its entry and its anchor (``module.name``): a function with its signature and numpy-style
    sections, a class with its public members, a constant with its comment (``#:``).

    Parameters
    ----------
    module : str
        An importable dotted module name, e.g. ``ldnstats.display``.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `module` is not a string.
    ValueError
        If `module` is not a dotted name, cannot be imported, or its ``__all__`` names what it does not have.

    Examples
    --------
    >>> print("\\n".join(api_page("ldnstats.display").splitlines()[:7]))
    ``ldnstats.display``
    ====================
    <BLANKLINE>
    .. automodule:: ldnstats.display
    <BLANKLINE>
    .. autodata:: ldnstats.display.KINDS
    <BLANKLINE>
    """
    if not isinstance(module, str):
        raise TypeError(f"`module` must be a str; got {type(module).__name__}")
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", module):
        raise ValueError(f"`module` must be a dotted module name; got {module!r}")
    try:
        imported = importlib.import_module(module)
    except ImportError as exc:
        raise ValueError(f"`module` must be importable; {module!r} is not ({exc})") from None
    title = f"``{module}``"
    lines = [title, "=" * len(title), "", f".. automodule:: {module}", ""]
    for name in _public_names(imported):
        obj = getattr(imported, name)
        if inspect.ismodule(obj):
            continue  # a submodule listed in __all__ has its own page
        if inspect.isclass(obj):
            directive = "autoexception" if issubclass(obj, BaseException) else "autoclass"
            lines += [f".. {directive}:: {module}.{name}", "   :members:", "   :show-inheritance:", ""]
        elif inspect.isroutine(obj):
            lines += [f".. autofunction:: {module}.{name}", ""]
        else:
            lines += [f".. autodata:: {module}.{name}", ""]
    return "\n".join(lines)


def _public_names(module: object) -> list[str]:
    """A module's ``__all__``; without one, the public functions and classes defined in it, by name."""
    names = getattr(module, "__all__", None)
    if names is None:
        return sorted(
            name
            for name, obj in vars(module).items()
            if not name.startswith("_")
            and (inspect.isroutine(obj) or inspect.isclass(obj))
            and getattr(obj, "__module__", None) == module.__name__
        )
    absent = [name for name in names if not hasattr(module, name)]
    if absent:
        raise ValueError(f"`module` {module.__name__} lists in __all__ what it does not have: {', '.join(absent)}")
    return list(names)


_ROLE = re.compile(r":(?:[a-z]+:)*[a-z]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`")


def _summary(module: str) -> str:
    """The first paragraph of a module's docstring as one line of Markdown (roles as code, ``|`` escaped)."""
    doc = (importlib.import_module(module).__doc__ or "").strip()
    first = " ".join(doc.split("\n\n")[0].split())
    first = _ROLE.sub(lambda m: f"`{m.group(1)}`", first).replace("``", "`")
    return first.replace("|", "\\|")


def api_markdown(modules: list[str]) -> str:
    """The API reference's list of modules (MyST Markdown, the fragment :data:`API_FRAGMENT`).

    A table of the modules, each linked to its page (``api/MODULE``) with the first paragraph of its docstring,
    and the pages in the navigation (a hidden table of contents), in the order given.

    Parameters
    ----------
    modules : list of str
        Importable module names, e.g. :func:`api_modules`.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `modules` is not a list of strings.
    ValueError
        If it is empty.

    Examples
    --------
    >>> print(api_markdown(["ldnstats.printed"]).splitlines()[2].split(" | ")[0])
    | {doc}`ldnstats.printed <api/ldnstats.printed>`
    """
    if not isinstance(modules, list | tuple) or not all(isinstance(m, str) for m in modules):
        raise TypeError("`modules` must be a list of module names")
    if not modules:
        raise ValueError("`modules` must name at least one module")
    rows = [f"| {{doc}}`{m} <{API_FOLDER}/{m}>` | {_summary(m)} |" for m in modules]
    pages = "\n".join(f"{API_FOLDER}/{m}" for m in modules)
    return "\n".join(
        ["| module | what it holds |", "| --- | --- |", *rows, "", f"```{{toctree}}\n:hidden:\n\n{pages}\n```", ""]
    )


def trial_reports_markdown(names: list[str]) -> str:
    """The front page's table of contents of the trial reports (the pages ``trials/NAME``), captioned "Trial reports".

    With no report, a MyST comment: an empty table of contents would be a warning.

    Examples
    --------
    >>> trial_reports_markdown(["italian_pilot"]).splitlines()[2:5]
    [':caption: Trial reports', '', 'trials/italian_pilot']
    """
    if not names:
        return (
            "% no trial reports staged: `make report` renders them "
            "(python -m ldnstats.ldn book DIR --trial-reports FOLDER)\n"
        )
    entries = "\n".join(f"{TRIAL_REPORTS_FOLDER}/{name}" for name in names)
    return f"```{{toctree}}\n:hidden:\n:caption: Trial reports\n\n{entries}\n```\n"


def _check_stage_dir(directory: object) -> Path:
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"`directory` must be a path; got {type(directory).__name__}")
    text = os.fspath(directory)
    if not str(text).strip():
        raise ValueError(f"`directory` must be a folder path; got {text!r}")
    root = Path(text)
    if root.exists():
        if not root.is_dir():
            raise ValueError(f"`directory` must be a folder; {root} is a file")
        if any(root.iterdir()) and not (root / STAGE_MARKER).is_file():
            raise ValueError(
                f"`directory` must be empty or a stage written before (with {STAGE_MARKER}); "
                f"{root} holds other files, which staging would delete"
            )
    return root


def _check_source_dir(path: object, name: str, must_hold: tuple[str, ...]) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`{name}` must be a path; got {type(path).__name__}")
    folder = Path(path)
    if not folder.is_dir():
        raise ValueError(f"`{name}` must be a folder; {folder} is not one")
    absent = [f for f in must_hold if not (folder / f).exists()]
    if absent:
        raise ValueError(f"`{name}` must hold {', '.join(must_hold)}; {folder} lacks {', '.join(absent)}")
    return folder


def stage(
    directory: str | os.PathLike[str],
    *,
    book: str | os.PathLike[str] | None = None,
    notebooks: str | os.PathLike[str] | None = None,
    figures: str | os.PathLike[str] | None = None,
    trial_reports: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Assemble the book's sources in `directory`, ready for ``sphinx-build``; return the files written.

    Writes the files and folders of `book` (its pages, ``conf.py``, ``_static``), the chapters (`notebooks`'
    numbered ``.ipynb``, with their committed outputs; the code of each summary cell,
    tagged :data:`SUMMARY_TAG`, hidden in the book), ``figures/`` (the ``.png`` files of
    `figures`), :data:`REFERENCES_PAGE` (from
    ``data/sources.csv``), :data:`CLAIMS_FRAGMENT` (the claims audit) and
    :data:`STAGE_MARKER`; the references end with the works of ``book/`` :data:`CITED_WORKS_FRAGMENT`, if
    it has one. When no chapter 5 is among the notebooks, the fragment
    :data:`LATER_EVIDENCE_FRAGMENT` that the front page includes is replaced by a note
    saying so, since its numbers are glued by chapter 5. With `trial_reports`, its executed
    trial reports (``ID.ipynb``, rendered by :func:`ldnstats.report.render_trial_report`) go to
    ``trials/`` and :data:`TRIAL_REPORTS_FRAGMENT`, which the front page includes, lists them
    in the navigation under "Trial reports" (in the order of :func:`ldnstats.data.trial_ids`,
    then by name); without, that fragment is a comment.

    The stage is built in a hidden folder beside `directory` and renamed into place, so a
    failure leaves `directory` as it was. An existing `directory` is replaced only if it
    is empty or a stage (it holds :data:`STAGE_MARKER`).

    Parameters
    ----------
    directory : str or path
        The stage (e.g. ``build/book``); created with its parents if missing.
    book, notebooks, figures : str or path, optional
        Where the book's pages, the chapters and the report's figures are
        (None: :data:`BOOK`, :data:`NOTEBOOKS` and :data:`FIGURES`, the
        repository's ``book/``, ``notebooks/`` and ``reports/figures/``).
    trial_reports : str or path, optional
        A folder of executed trial reports (``make report`` renders them into
        ``build/trials``); None: no trial report in the book.

    Returns
    -------
    list of pathlib.Path
        The files written, under `directory`, sorted.

    Raises
    ------
    TypeError
        If a path is not a str or path.
    ValueError
        If `directory` is a file or a folder of other files, if `book` lacks ``conf.py``
        or ``index.md``, if `notebooks` holds no chapter or `figures` is not a folder
        (run ``python -m ldnstats.ldn tables reports`` first), or if writing fails.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "figures").mkdir()
    ...     written = stage(Path(tmp) / "stage", figures=Path(tmp) / "figures")
    ...     sorted({p.name for p in written} & {"index.md", "references.md", "conf.py"})
    ['conf.py', 'index.md', 'references.md']
    """
    root = _check_stage_dir(directory)
    book_dir = _check_source_dir(BOOK if book is None else book, "book", ("conf.py", "index.md"))
    nb_dir = _check_source_dir(NOTEBOOKS if notebooks is None else notebooks, "notebooks", ())
    chapters = sorted(nb_dir.glob(CHAPTERS))
    if not chapters:
        raise ValueError(f"`notebooks` must hold the chapters ({CHAPTERS}); {nb_dir} has none")
    fig_dir = _check_source_dir(FIGURES if figures is None else figures, "figures", ())
    reports = []
    if trial_reports is not None:
        found = {p.stem: p for p in _check_source_dir(trial_reports, "trial_reports", ()).glob("*.ipynb")}
        order = [t for t in data.trial_ids() if t in found] + sorted(set(found) - set(data.trial_ids()))
        reports = [found[name] for name in order]
    references = references_markdown(data.sources())
    if (book_dir / CITED_WORKS_FRAGMENT).is_file():  # works cited for a convention, not a source of numbers
        references += f"\n```{{include}} {CITED_WORKS_FRAGMENT}\n```\n"
    claims = claims_markdown(audit.claims_audit())
    modules = api_modules()
    api_fragment = api_markdown(modules)
    parent = root.parent
    created = [folder for folder in (parent, *parent.parents) if not folder.exists()]
    try:
        parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{root.name}-new-", dir=parent))
        try:
            for src in sorted(book_dir.iterdir()):
                if src.name.startswith(".") or src.name == "__pycache__":
                    continue
                if src.is_file():
                    shutil.copy2(src, new / src.name)
                elif src.is_dir():  # the book's static files (its style sheet)
                    shutil.copytree(src, new / src.name)
            for src in chapters:
                _stage_chapter(src, new / src.name)
            (new / "figures").mkdir()
            for src in sorted(fig_dir.glob("*.png")):  # images only: the captions file is not a page of the book
                shutil.copy2(src, new / "figures" / src.name)
            (new / REFERENCES_PAGE).write_text(references, encoding="utf-8")
            (new / API_FOLDER).mkdir()
            for module in modules:
                (new / API_FOLDER / f"{module}.rst").write_text(api_page(module), encoding="utf-8")
            (new / API_FRAGMENT).write_text(api_fragment, encoding="utf-8")
            (new / CLAIMS_FRAGMENT).write_text(claims, encoding="utf-8")
            if reports:
                (new / TRIAL_REPORTS_FOLDER).mkdir()
                for src in reports:
                    shutil.copy2(src, new / TRIAL_REPORTS_FOLDER / src.name)
            (new / TRIAL_REPORTS_FRAGMENT).write_text(
                trial_reports_markdown([p.stem for p in reports]), encoding="utf-8"
            )
            if not list(nb_dir.glob(_LATER_CHAPTER)):
                (new / LATER_EVIDENCE_FRAGMENT).write_text(_LATER_MISSING, encoding="utf-8")
            (new / STAGE_MARKER).write_text(
                "staged by ldnstats.ldn.book.stage; replaced on each build\n", encoding="utf-8"
            )
            written = sorted(p.relative_to(new) for p in new.rglob("*") if p.is_file())
            old = None
            if root.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{root.name}-old-", dir=parent))
                os.replace(root, old / root.name)
            try:
                os.replace(new, root)
            except BaseException:
                if old is not None:
                    os.replace(old / root.name, root)
                raise
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(new, ignore_errors=True)
    except OSError as exc:
        for folder in created:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        where = f" ({exc.filename})" if exc.filename else ""
        raise ValueError(f"cannot stage the book in {root}: {exc.strerror or exc}{where}") from None
    return [root / rel for rel in written]

"""Sphinx configuration of the ldnstats book (``make report``; staged by ``ldnstats book``).

The book renders the notebooks' committed outputs (``nb_execution_mode = "off"``): ``make
report`` executes them first. Nothing is fetched at build time (no intersphinx), and the built
book asks for nothing outside itself:

- Formulas are turned into MathML when the book is built (latex2mathml, in :func:`setup` below),
  which browsers draw without a script, so they render offline. No MathJax from a CDN.
- The API reference (``api/``, one reStructuredText page per module, written by ``ldnstats book``)
  reads the numpy-style docstrings with napoleon; :func:`rst_safe` first makes the docstrings'
  plain-text habits safe for reStructuredText (``|t|`` is an absolute value, not a substitution).
  Examples get a copy button (sphinx-copybutton) that copies the code without prompts or output.
"""

from __future__ import annotations

import inspect
import re

from docutils import nodes
from latex2mathml.converter import convert as latex_to_mathml
from sphinx import addnodes
from sphinx.util import logging

project = "Low-dose naltrexone for MS: the evidence, rebuilt"
author = "the ldnstats contributors"
copyright = "the ldnstats contributors"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_copybutton",
]

# the notebooks are executed by `make report` before the book is built; the book shows their outputs
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# fragments included by other pages, and what Jupyter leaves behind
exclude_patterns = ["_*.md", "**.ipynb_checkpoints", "build"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}

# API reference: numpy-style docstrings, members in source order, no type-hint noise in signatures
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# examples: the copy button copies the lines after a prompt (">>> ", "... ") without the prompt, and no output
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# formulas as MathML, drawn by the browser without a script (see setup below)
html_math_renderer = "mathml"

html_theme = "sphinx_book_theme"
html_title = "LDN for MS: the evidence, rebuilt"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
html_static_path = ["_static"]
html_css_files = ["tables.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False

_logger = logging.getLogger(__name__)


# --- formulas: TeX to MathML when the book is built --------------------------------------------------------------


def _mathml(tex: str, display: str, node: nodes.Node) -> str:
    """A formula as MathML; TeX that latex2mathml cannot read is a warning (so -W fails), shown as code."""
    try:
        return latex_to_mathml(tex, display=display)
    except Exception as exc:  # latex2mathml raises its own exception types for bad or unsupported TeX
        _logger.warning("cannot turn the formula %r into MathML: %s", tex, exc, location=node)
        return f"<code>{tex}</code>"


def _visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math"))
    self.body.append(_mathml(node.astext(), "inline", node) + "</span>")
    raise nodes.SkipNode


def _visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        self.body.append(_mathml(part, "block", node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


# --- docstrings: plain-text habits made safe for reStructuredText ---------------------------------------------------

_HEADERS = ("Parameters", "Other Parameters", "Returns", "Yields", "Raises", "Warns", "Examples", "Notes", "See Also")
_PARAMETER = re.compile(r"\*{0,2}[A-Za-z_]\w*(\s*,\s*\*{0,2}[A-Za-z_]\w*)*(\s+:\s+.*)?")
_LITERAL = re.compile(r"``\s*(.*?)\s*``")
_CODE = re.compile(r"(``.*?``|`[^`]*`)")


def rst_safe(lines: list[str]) -> list[str]:
    """Numpy-style docstring lines made safe for reStructuredText before napoleon reads them.

    Outside examples (``>>>`` blocks) and literal blocks (after ``::``): a ``|`` is escaped (the docstrings write
    ``|t|`` for an absolute value, which reStructuredText would read as a substitution); spaces inside an inline
    literal are dropped (``> `` is not a literal to docutils); and prose at the margin of a Parameters section
    (a sentence, not ``name : type``) starts a Notes section, since numpydoc would read it as more parameters.
    ``tests/test_book_html.py`` checks it, and the built pages.
    """
    out: list[str] = []
    section, example, literal = None, False, None
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if example and not stripped:
            example = False
        elif stripped.startswith(">>>"):
            example = True
        if literal is not None and stripped and indent <= literal:
            literal = None
        if example or (literal is not None and stripped and indent > literal):
            out.append(line)
            continue
        if i + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[i + 1].strip()) and stripped in _HEADERS:
            section = stripped
        elif (
            section in ("Parameters", "Other Parameters")
            and indent == 0
            and stripped
            and i > 0
            and not lines[i - 1].strip()
            and not _PARAMETER.fullmatch(stripped)
        ):
            out += ["Notes", "-----"]
            section = "Notes"
        parts = _CODE.split(_LITERAL.sub(r"``\1``", line))
        out.append("".join(p if p.startswith("`") else p.replace("|", "\\|") for p in parts))
        if stripped.endswith("::"):
            literal = indent
    return out


_PROSE: dict[str, list[str]] = {}


def _type_doc(obj: object, lines: list[str]) -> bool:
    """Whether `lines` are the docstring of the value's type (``dict``'s, a mapping proxy's), which autodoc shows
    for a constant that has no comment of its own: not the constant's documentation."""
    own = [line.strip() for line in lines if line.strip()]
    typedoc = inspect.getdoc(type(obj)) or ""
    return bool(own) and own == [line.strip() for line in typedoc.splitlines() if line.strip()]


def _process_docstring(app, what, name, obj, options, lines: list[str]) -> None:
    if what in ("data", "attribute") and _type_doc(obj, lines):  # a constant without a ``#:`` comment
        lines[:] = []
    lines[:] = rst_safe(lines)
    if what in ("data", "attribute"):  # a constant's ``#:`` comment is prose, not napoleon's "type: description"
        _PROSE[name] = list(lines)


def _keep_prose(app, what, name, obj, options, lines: list[str]) -> None:
    if what in ("data", "attribute") and name in _PROSE:
        lines[:] = _PROSE.pop(name)


#: A constant's value longer than this is left out of its heading (a table of a hundred labels is no heading).
LONGEST_VALUE = 80


def _drop_long_values(app, doctree: nodes.document) -> None:
    for annotation in list(doctree.findall(addnodes.desc_annotation)):
        text = annotation.astext().strip()
        if text.startswith("=") and len(text) > LONGEST_VALUE:
            annotation.parent.remove(annotation)


def setup(app):
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_math_block, None))
    # before napoleon (priority 500), which turns the numpy sections into reStructuredText, and after it
    app.connect("autodoc-process-docstring", _process_docstring, priority=400)
    app.connect("autodoc-process-docstring", _keep_prose, priority=600)
    app.connect("doctree-read", _drop_long_values)
    return {"parallel_read_safe": True}

"""Sphinx configuration of the ldnstats book (``make report``; staged by ``ldnstats book``).

The book renders the notebooks' committed outputs (``nb_execution_mode = "off"``): ``make
report`` executes them first. Nothing is fetched at build time (no intersphinx). Formulas are
typeset in the reader's browser by MathJax from its CDN; offline they show as their TeX source.
(sphinx-mathjax-offline would serve MathJax from the book, but it is unmaintained since 2022 and
adds about 24 MB, so it is not used.)
"""

project = "Low-dose naltrexone for MS: the evidence, rebuilt"
author = "the ldnstats contributors"
copyright = "the ldnstats contributors"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
]

# the notebooks are executed by `make report` before the book is built; the book shows their outputs
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# fragments included by other pages, and what Jupyter leaves behind
exclude_patterns = ["_*.md", "**.ipynb_checkpoints", "build"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

# API reference: numpy-style docstrings, members in source order, no type-hint noise in signatures
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autosummary_generate = False

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

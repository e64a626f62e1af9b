# ldnstats: `make report` reruns the analysis, `make test` checks it. `make help` lists targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Use an already active environment (venv or conda) as it is; otherwise create .venv.
ifneq ($(strip $(VIRTUAL_ENV)$(CONDA_PREFIX)),)
PYTHON := python
ENV :=
else
PYTHON := .venv/bin/python
ENV := .venv/.installed
endif

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
REPORTS := reports
# The book's sources are staged in build/book and built in build/html (doctrees and myst-nb's
# jupyter_execute beside it, all git-ignored); only a book that built without a warning is copied to reports/.
STAGE := build/book
BOOK_HTML := build/html
# Each trial's standard report (the template notebooks/templates/trial_report.ipynb rendered with papermill), staged
# into the book under "Trial reports".
TRIAL_REPORTS := build/trials
# Execute notebooks without timing metadata so reruns are byte-identical. Each kernel talks to nbconvert over local
# IPC sockets (files in build/, removed when the kernel stops) instead of unencrypted TCP, which ipykernel warns about.
EXECUTE := -m jupyter nbconvert --to notebook --execute --inplace \
	--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=600 \
	--KernelManager.transport=ipc --KernelManager.ip=$(CURDIR)/build/kernel
# papermill (the trial reports) starts its kernels over TCP and takes no transport setting from the command line:
# its one warning a kernel, that the local TCP channel is unencrypted, is left out of the output
QUIET_TCP := 2> >(grep -v --line-buffered 'Kernel is running over TCP without encryption' >&2)
# ... and merge each cell's printed output into one stream (a kernel may split it differently on each run).
COALESCE := -m jupyter nbconvert --to notebook --inplace --CoalesceStreamsPreprocessor.enabled=True
# the tests on every core, a file's tests (and a notebook's cells) kept together in one process
PYTEST_CORES := -n auto --dist loadfile
PYTEST_NB := --nbval $(NOTEBOOKS) --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.venv/.installed: pyproject.toml
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet -e '.[test,lab,book]'
	touch $@

.PHONY: help env report student test lint lab clean tables benchmark mutate

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

env: $(ENV) ## create .venv (unless an environment is active) and install the project

report: $(ENV) ## execute every notebook in order; render each trial's report; write tables, figures and the book (reports/index.html)
	$(PYTHON) -m ldnstats tables --validate
	@# one nbconvert for all notebooks, in order (a kernel each): it stops at the first that fails
	mkdir -p build
	$(if $(NOTEBOOKS),$(PYTHON) $(EXECUTE) $(NOTEBOOKS))
	$(if $(NOTEBOOKS),$(PYTHON) $(COALESCE) $(NOTEBOOKS))
	$(PYTHON) -m ldnstats.ldn tables $(REPORTS)
	@# every trial in data/: its standard report, executed (one kernel each; a removed trial leaves no page)
	rm -rf $(TRIAL_REPORTS)
	$(PYTHON) -m ldnstats report --all-trials --no-html $(TRIAL_REPORTS) $(QUIET_TCP)
	@# the book: its sources staged (pages, executed chapters, trial reports, figures, generated references), then
	@# built offline from the notebooks' outputs; -W turns a warning (a missing glued number, a broken link) into a failure
	$(PYTHON) -m ldnstats.ldn book --trial-reports $(TRIAL_REPORTS) $(STAGE)
	rm -rf $(BOOK_HTML)
	$(PYTHON) -m sphinx -b html -W --keep-going -q -d build/doctrees $(STAGE) $(BOOK_HTML)
	@# built: the previous book's pages go (a renamed chapter leaves no stale page), tables/ and figures/ stay
	rm -rf $(REPORTS)/*.html $(REPORTS)/_static $(REPORTS)/_images $(REPORTS)/_sources $(REPORTS)/searchindex.js \
		$(REPORTS)/objects.inv $(REPORTS)/.buildinfo $(REPORTS)/trials
	cp -R $(BOOK_HTML)/. $(REPORTS)/

student: $(ENV) ## write student copies of every chapter (solutions removed) to reports/student/
	$(PYTHON) -m ldnstats student $(REPORTS)/student

# The packaging test builds and installs the wheel offline; here it must run, never skip.
test: $(ENV) lint ## run ruff, the unit tests, doctests and the notebooks under nbval
	LDNSTATS_REQUIRE_PACKAGING=1 $(PYTHON) -m pytest -q $(PYTEST_CORES) --doctest-modules --doctest-glob=README.md ldnstats tests README.md $(PYTEST_NB)

# Not part of `make test`: about 1 to 10 minutes a module on 2 cores, 50 for all (modules listed in pyproject.toml,
# [tool.ldnstats.mutate]); prints each module's rate and `mutation: M% killed`, fails below `fail_under`.
mutate: $(ENV) ## mutation testing of the engine's core modules with mutmut (tools/mutate.py; not part of make test)
	$(PYTHON) tools/mutate.py

lint: $(ENV) ## check the code with ruff (lint rules and formatting; settings in pyproject.toml)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

# JupyterLab refuses to run as root without --allow-root (a container's usual user); it opens the first chapter.
lab: $(ENV) ## start JupyterLab on the notebooks, at the first chapter, with the project's kernel
	$(PYTHON) -m jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) \
		$(if $(NOTEBOOKS),--LabApp.default_url=/lab/tree/$(notdir $(firstword $(NOTEBOOKS))))

tables: $(ENV) ## print the curated source tables
	$(PYTHON) -m ldnstats tables

benchmark: $(ENV) ## run the speed benchmarks (prints ratios; not part of the tests)
	@for b in benchmarks/bench_*.py; do $(PYTHON) "$$b" || exit 1; done

clean: ## remove reports/, caches and .venv
	rm -rf $(REPORTS) .venv build dist *.egg-info .hypothesis .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

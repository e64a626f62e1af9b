"""Tests for ldnstats.provenance: every quote of every table stands word for word in the excerpt of its source,
every number in its quote, and every excerpt in the shared sources it was copied from."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from conftest import ROOT, SHARED_SOURCES
from ldnstats import data, provenance


def _normalise(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_every_source_id_is_listed():
    known = set(data.sources()["source_id"])
    for name in data.TABLES:
        assert set(data.load(name)["source_id"]) <= known, name


NUMBER_COLUMNS = {
    "results": ["value"],
    "instruments": ["scale_min", "scale_max", "norm_mean", "norm_sd"],
    "participant_flow": ["n"],
    "placebo_responses": ["value"],
}


@pytest.mark.parametrize("name", list(NUMBER_COLUMNS))
def test_every_number_appears_in_its_quote(name):
    """Nothing in data/ is a number its quoted source words do not print."""
    path = data.DATA_DIR / f"{name}.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in raw.iterrows():
        for col in NUMBER_COLUMNS[name]:
            text = row[col]
            if text == "":
                continue
            number = text.lstrip("<>=")
            shown = f"{float(number):g}" if col in ("scale_min", "scale_max", "norm_mean", "norm_sd") else number
            assert re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d])", row["quote"]), (name, i + 1, col, text)


def test_numeric_trial_facts_appear_in_their_quotes():
    t = pd.read_csv(data.DATA_DIR / "trials.csv", dtype=str, keep_default_na=False)
    for i, row in t[t["fact"].isin(data.NUMERIC_FACTS)].iterrows():
        assert row["value"] in row["quote"], (i + 1, row["fact"])


def _excerpt_passages():
    """source_id -> the passages of data/sources/<source_id>.md (read directly, not through the package)."""
    out = {}
    for path in sorted((ROOT / "data" / "sources").glob("*.md")):
        blocks, current = [], []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith(">"):
                current.append(line[1:].strip())
            elif current:
                blocks.append(_normalise(" ".join(current)))
                current = []
        out[path.stem] = blocks
    return out


def test_every_source_has_its_excerpt_file_and_every_excerpt_a_source():
    """Never skipped: the excerpts are in the repository (data/sources), so a clone checks its own provenance."""
    ids = list(data.sources()["source_id"])
    on_disk = set(_excerpt_passages())
    missing = [f"data/sources/{i}.md" for i in ids if i not in on_disk]
    assert missing == [], f"add the excerpt file(s) {missing}: the citation and the passages the tables quote"
    assert sorted(on_disk - set(ids)) == [], "an excerpt file for a source that sources.csv does not list"


@pytest.mark.parametrize("name", list(data.TABLES))
def test_every_quote_is_in_the_excerpt_of_its_source(name):
    """Each quote of each table stands word for word (whitespace normalised) in a passage of its source's excerpt."""
    passages = _excerpt_passages()
    for i, row in pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False).iterrows():
        source = row["source_id"]
        assert source in passages, f"{name}.csv row {i + 1}: add data/sources/{source}.md (no excerpt for {source!r})"
        quote = _normalise(row["quote"])
        assert any(quote in p for p in passages[source]), (
            f"{name}.csv row {i + 1}: {row['quote']!r} is not in a passage of data/sources/{source}.md"
        )


def test_the_package_finds_no_provenance_problem():
    assert provenance.provenance_problems() == []


def test_citations_are_printed_titles_or_marked_descriptions():
    """A citation is printed word for word by its source's excerpt; any words the project supplies
    (a description where no title is printed) stand in square brackets."""
    passages = _excerpt_passages()
    for _, row in data.sources().iterrows():
        supplied = re.findall(r"\[([^\]]*)\]", row["citation"])
        assert all(s.strip() for s in supplied), row["source_id"]
        printed = [_normalise(p) for p in re.split(r"\[[^\]]*\]", row["citation"]) if p.strip()]
        assert supplied or printed, row["source_id"]
        for part in printed:
            assert any(part in t for t in passages[row["source_id"]]), (row["source_id"], part)


def test_excerpts_hold_only_text_of_the_shared_sources():
    """Each excerpt's passages are copied word for word from ../shared/sources (the article and the
    project's transcription of the other sources). Skipped, with this reason, where that folder is absent."""
    if not SHARED_SOURCES.is_dir():
        pytest.skip(
            f"{SHARED_SOURCES} is absent (it exists only on the project's own machine): the excerpts in "
            "data/sources/ were checked against it there; the quotes are still checked against the excerpts"
        )
    texts = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(SHARED_SOURCES.glob("*")) if p.is_file()]
    for source, passages in _excerpt_passages().items():
        assert passages, source
        for passage in passages:
            assert any(passage in t for t in texts), (source, passage)


def test_provenance_problems_name_the_file_to_add(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    (folder / "sources" / "cree2010.md").unlink()
    text = (folder / "sources" / "article.md").read_text(encoding="utf-8")
    (folder / "sources" / "article.md").write_text(text.replace("> • Statistically worse pain", "> • Worse pain"))
    with data.use_folder(folder):
        problems = provenance.provenance_problems()
    assert problems[0] == (
        "sources/cree2010.md: missing; add the excerpt of source 'cree2010' "
        "(its citation and, as block quotes, the passages the tables quote)"
    )
    assert "results.csv: row 7: quote 'Statistically worse pain: 28% improved' is not in sources/article.md" in problems
    assert "claims.csv: row 3: quote 'Statistically worse pain' is not in sources/article.md" in problems
    assert len([m for m in problems if "cree2010" in m]) == 1  # the missing file is named once, not per row


def test_reference_works_carry_their_full_titles(shared_sources):
    # S5 and S7 of the shared sources print these titles; none of the rows may be a description
    readme = _normalise((shared_sources / "README.md").read_text(encoding="utf-8"))
    titles = {
        "whitehead1993": "Sample size calculations for ordered categorical data",
        "gelman_carlin2014": "Beyond power calculations: assessing type S (sign) and type M (magnitude) errors",
        "lu_qiu_deng2018": "A note on type S/M errors in hypothesis testing",
        "tango1998": "Equivalence test and confidence interval for the difference in proportions for the "
        "paired-sample design",
        "hoenig_heisey2001": "The abuse of power: the pervasive fallacy of power calculations for data analysis",
        "sharafaddinzadeh2010": "The effect of low-dose naltrexone on quality of life of patients with multiple "
        "sclerosis: a randomized placebo-controlled trial",
        "zajicek2003_cams": "Cannabinoids for treatment of spasticity and other symptoms related to multiple "
        "sclerosis (CAMS study): multicentre randomised placebo-controlled trial",
        "zajicek2012_musec": "Multiple sclerosis and extract of cannabis: results of the MUSEC trial",
    }
    citations = data.sources().set_index("source_id")["citation"]
    for source_id, title in titles.items():
        assert title in readme, title
        assert title in citations[source_id] and "[" not in citations[source_id], source_id


def test_article_quotes_come_from_the_article(shared_sources):
    article = _normalise(next(shared_sources.glob("000_*.txt")).read_text(encoding="utf-8"))
    for name in ("results", "trials", "claims", "outcomes"):
        df = data.load(name)
        for quote in df.loc[df["source_id"] == "article", "quote"]:
            assert _normalise(quote) in article, quote


def test_excerpt_passages_reads_block_quotes():
    assert provenance.excerpt_passages("# x\n\nCitation: X.\n\n> one\n> line\n\n> two\n") == ["one line", "two"]
    with pytest.raises(TypeError, match="`text` must be a str"):
        provenance.excerpt_passages(b"> x")
    with pytest.raises(ValueError, match="`source_id` must be a non-empty str"):
        provenance.excerpt_path("")

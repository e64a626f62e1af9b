"""Tests for ldnstats.data: loaders, provenance and bad-data messages (through the schemas they enforce)."""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest

from conftest import ROOT
from ldnstats import data


def _normalise(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.mark.parametrize("name", list(data.TABLES))
def test_each_loader_returns_a_validated_frame(name):
    df = data.load(name)
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    for col in ("source_id", "where", "quote"):
        assert col in df.columns and (df[col] != "").all()


def test_loaders_work_from_any_working_directory(tmp_path):
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert len(data.italian_pilot_splits()) == 12
    finally:
        os.chdir(cwd)


def test_italian_splits_content():
    df = data.italian_pilot_splits()
    assert data.italian_splits() == {
        "spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
        "fatigue": {"improved": "33", "stable": "26", "worsened": "41"},
        "pain": {"improved": "28", "stable": "15", "worsened": "56"},
        "depression": {"improved": "56", "stable": "11", "worsened": "33"},
    }
    verdicts = df.drop_duplicates("outcome").set_index("outcome")["verdict"].to_dict()
    assert verdicts == {
        "spasticity": "statistically improved",
        "fatigue": "no statistical change",
        "pain": "statistically worse",
        "depression": "no statistical change",
    }


def test_ucsf_outcomes_keep_p_as_printed_and_do_not_invent_physical_function():
    df = data.ucsf_outcomes().set_index("outcome_id")
    assert df["p_text"].to_dict() == {
        "sf36_mcs": "0.04",
        "mhi": "<0.01",
        "pes": ".04",
        "pdq": "0.05",
        "physical_functioning": "",
    }
    pf = df.loc["physical_functioning"]
    assert pf["finding"] == "not improved" and pf["difference_text"] == "" and pd.isna(pf["difference"])
    assert df.loc["pes", "higher_is"] == "worse" and df.loc["mhi", "higher_is"] == "better"


def test_flow_adds_up():
    flow = data.participant_flow()
    u = flow[(flow["trial_id"] == "ucsf_crossover") & (flow["reason"] == "")].set_index("stage")["n"]
    assert u["enrolled"] - u["withdrew"] - u["lost_data_error"] - u["incomplete_data"] == u["analysed"] == 60
    assert data.italian_bounds() == {"completers": 35, "enrolled": 40}


def test_trial_fact():
    assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80
    assert data.trial_fact("ucsf_crossover", "dose") == 4.5
    with pytest.raises(ValueError, match="no source prints 'n_analysed' for 'italian_pilot'; it is unknown"):
        data.trial_fact("italian_pilot", "n_analysed")
    with pytest.raises(ValueError, match="sources disagree on 'population'"):
        data.trial_fact("ucsf_crossover", "population", as_number=False)


# --- provenance ---------------------------------------------------------------


def test_every_source_id_is_listed():
    known = set(data.sources()["source_id"])
    for name in data.TABLES:
        assert set(data.load(name)["source_id"]) <= known, name


NUMBER_COLUMNS = {
    "italian_pilot_splits": ["percent_text"],
    "ucsf_outcomes": ["difference_text", "p_text"],
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


def test_quotes_are_verbatim_in_the_shared_sources(shared_sources):
    """Each quote appears word for word in the article or in the sources' transcription."""
    texts = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(shared_sources.glob("*")) if p.is_file()]
    for name in data.TABLES:
        for i, row in pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False).iterrows():
            quote = _normalise(row["quote"])
            assert any(quote in t for t in texts), (name, i + 1, row["quote"])


def test_citations_are_printed_titles_or_marked_descriptions(shared_sources):
    """A citation is printed word for word by the shared sources; any words the project supplies
    (a description where no title is printed) stand in square brackets."""
    texts = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(shared_sources.glob("*")) if p.is_file()]
    for _, row in data.sources().iterrows():
        supplied = re.findall(r"\[([^\]]*)\]", row["citation"])
        assert all(s.strip() for s in supplied), row["source_id"]
        printed = [_normalise(p) for p in re.split(r"\[[^\]]*\]", row["citation"]) if p.strip()]
        assert supplied or printed, row["source_id"]
        for part in printed:
            assert any(part in t for t in texts), (row["source_id"], part)


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
    for name in ("italian_pilot_splits", "trials", "ucsf_outcomes"):
        df = data.load(name)
        for quote in df.loc[df["source_id"] == "article", "quote"]:
            assert _normalise(quote) in article, quote


# --- bad data: each case names the file, the row and the column --------------


def _write_variant(tmp_path, table, transform, filename=None):
    text = (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8")
    path = tmp_path / (filename or f"{table}.csv")
    path.write_text(transform(text), encoding="utf-8")
    return path


def test_bad_percentage(tmp_path):
    path = _write_variant(
        tmp_path,
        "italian_pilot_splits",
        lambda t: t.replace("spasticity,improved,47,47,", "spasticity,improved,147,147,"),
    )
    with pytest.raises(
        data.DataError,
        match=r"italian_pilot_splits\.csv: row 1 \(line 2\), column 'percent': "
        r"value 147\.0 fails in_range\(0, 100\)",
    ):
        data.italian_pilot_splits(path)


def test_missing_column(tmp_path):
    def drop_verdict(text):
        return "\n".join(",".join(c for j, c in enumerate(_split(line)) if j != 4) for line in text.splitlines()) + "\n"

    path = _write_variant(tmp_path, "italian_pilot_splits", drop_verdict)
    with pytest.raises(data.DataError, match=r"italian_pilot_splits\.csv: missing column 'verdict'"):
        data.italian_pilot_splits(path)


def _split(line):
    import csv

    return ['"' + c + '"' if "," in c else c for c in next(csv.reader([line]))]


def test_unknown_category(tmp_path):
    path = _write_variant(
        tmp_path, "italian_pilot_splits", lambda t: t.replace("fatigue,stable,", "fatigue,unchanged,")
    )
    with pytest.raises(data.DataError, match=r"row 5 \(line 6\), column 'category': value 'unchanged' fails isin"):
        data.italian_pilot_splits(path)


def test_duplicate_key(tmp_path):
    path = _write_variant(tmp_path, "italian_pilot_splits", lambda t: t.replace("fatigue,stable,", "fatigue,improved,"))
    with pytest.raises(
        data.DataError, match=r"row 4 \(line 5\): duplicate key \(outcome='fatigue', category='improved'\)"
    ):
        data.italian_pilot_splits(path)


def test_non_numeric_n(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace("lost_data_error,,4,", "lost_data_error,,four,")
    )
    with pytest.raises(
        data.DataError, match=r"participant_flow\.csv: row 6 \(line 7\), column 'n': expected 'int64', got 'four'"
    ):
        data.participant_flow(path)


def test_unreadable_p_text(tmp_path):
    path = _write_variant(tmp_path, "ucsf_outcomes", lambda t: t.replace(",0.05,cree2010", ",about 0.05,cree2010"))
    with pytest.raises(
        data.DataError, match=r"ucsf_outcomes\.csv: row 4 \(line 5\), column 'p_text': value 'about 0.05'"
    ):
        data.ucsf_outcomes(path)


def test_percent_and_its_text_must_agree(tmp_path):
    path = _write_variant(
        tmp_path, "italian_pilot_splits", lambda t: t.replace("fatigue,stable,26,26,", "fatigue,stable,26,25,")
    )
    with pytest.raises(data.DataError, match=r"row 5 \(line 6\): percent must equal the number in percent_text"):
        data.italian_pilot_splits(path)


def test_unknown_source_id(tmp_path):
    path = _write_variant(tmp_path, "trials", lambda t: t.replace(",gironi_interview,", ",rumour,"))
    with pytest.raises(
        data.DataError, match=r"trials\.csv: row 5 \(line 6\): source_id must name a row of sources\.csv"
    ):
        data.trials(path)


def test_flow_reasons_must_add_up(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace(",personal reasons,8,", ",personal reasons,7,")
    )
    with pytest.raises(
        data.DataError,
        match=r"row 2 \(line 3\), column 'n': the reasons for ucsf_crossover / withdrew add up to 9, not 10",
    ):
        data.participant_flow(path)


def test_flow_must_reach_the_number_analysed(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace("lost_data_error,,4,", "lost_data_error,,5,")
    )
    with pytest.raises(
        data.DataError, match=r"enrolled \(80\) minus exclusions \(21\) is not the number analysed \(60\)"
    ):
        data.participant_flow(path)


def test_numeric_fact_must_be_a_number(tmp_path):
    path = _write_variant(
        tmp_path, "trials", lambda t: t.replace("italian_pilot,duration,6,", "italian_pilot,duration,six,")
    )
    with pytest.raises(data.DataError, match=r"trials\.csv: row 6 \(line 7\): value must be a number"):
        data.trials(path)


def test_missing_file(tmp_path):
    with pytest.raises(data.DataError, match="no such data file"):
        data.trials(tmp_path / "nope.csv")


def test_load_unknown_table():
    with pytest.raises(ValueError, match="`name` must be one of 'sources'"):
        data.load("placebo")
    with pytest.raises(ValueError, match="`outcome` must be one of"):
        data.split_percents("nausea")


# --- unreadable files: DataError naming the file and, where possible, the line ----


def _write_bytes(tmp_path, content, filename="italian_pilot_splits.csv"):
    path = tmp_path / filename
    path.write_bytes(content)
    return path


def _lines(table):
    return (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = _write_bytes(tmp_path, content)
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: the file is empty"):
        data.italian_pilot_splits(path)


def test_header_without_rows(tmp_path):
    path = _write_bytes(tmp_path, (_lines("italian_pilot_splits")[0] + "\n").encode())
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: a header but no data rows$"):
        data.italian_pilot_splits(path)


def test_binary_file(tmp_path):
    # the first bytes of a PNG file: the NUL byte is on line 2 (after the PNG's own \n)
    path = _write_bytes(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: line 3: contains a NUL byte; .*binary"):
        data.italian_pilot_splits(path)


def test_latin1_file_names_the_line_of_the_first_bad_byte(tmp_path):
    lines = _lines("italian_pilot_splits")
    lines[4] = lines[4].replace("No statistical change in fatigue", "No statistical change in fatigue é")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode("latin-1"))
    with pytest.raises(
        data.DataError,
        match=r"^italian_pilot_splits\.csv: line 5: byte 0xe9 is not UTF-8; "
        r"save the file as UTF-8",
    ):
        data.italian_pilot_splits(path)


def test_unquoted_comma_gives_an_extra_field(tmp_path):
    lines = _lines("italian_pilot_splits")
    assert '"How Effective Is It?, Italian trial bullet 2"' in lines[5]
    lines[5] = lines[5].replace(
        '"How Effective Is It?, Italian trial bullet 2"', "How Effective Is It?, Italian trial bullet 2"
    )
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(
        data.DataError,
        match=r"^italian_pilot_splits\.csv: line 6: 9 fields, but the header has 8 "
        r"\(an unquoted comma\?",
    ):
        data.italian_pilot_splits(path)


def test_missing_field(tmp_path):
    lines = _lines("italian_pilot_splits")
    lines[2] = lines[2].rsplit(",", 1)[0]  # drop the last field (the quote)
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: line 3: 7 fields, but the header has 8$"):
        data.italian_pilot_splits(path)


def test_broken_quoting(tmp_path):
    lines = _lines("italian_pilot_splits")
    lines[3] = lines[3].replace('"11% worsened"', '"11%" worsened')
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: line 4: unreadable CSV"):
        data.italian_pilot_splits(path)


def test_repeated_column_name(tmp_path):
    lines = _lines("italian_pilot_splits")
    lines[0] = lines[0].replace("percent_text", "percent")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"the header repeats the column name\(s\) 'percent'"):
        data.italian_pilot_splits(path)


def test_line_numbers_count_blank_lines_and_windows_line_ends(tmp_path):
    # a blank line after line 3 moves the data row 5 (fatigue / stable) to line 7 of the file
    lines = _lines("italian_pilot_splits")
    lines[5] = lines[5].replace("fatigue,stable,", "fatigue,unchanged,")
    text = "\r\n".join(lines[:3] + [""] + lines[3:]) + "\r\n"
    path = _write_bytes(tmp_path, text.encode())
    with pytest.raises(data.DataError, match=r"^italian_pilot_splits\.csv: row 5 \(line 7\), column 'category'"):
        data.italian_pilot_splits(path)


def test_windows_line_ends_and_a_byte_order_mark_read_as_the_original(tmp_path):
    text = (data.DATA_DIR / "trials.csv").read_text(encoding="utf-8")
    path = _write_bytes(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "trials.csv")
    pd.testing.assert_frame_equal(data.trials(path), data.trials())


def test_one_bad_percent_cell_is_the_only_message(tmp_path):
    # before: a dozen "percent must equal the number in percent_text" lines blaming intact rows
    path = _write_variant(
        tmp_path, "italian_pilot_splits", lambda t: t.replace("spasticity,stable,42,42,", "spasticity,stable,4x7,42,")
    )
    with pytest.raises(data.DataError) as exc:
        data.italian_pilot_splits(path)
    assert str(exc.value) == "italian_pilot_splits.csv: row 2 (line 3), column 'percent': expected 'float64', got '4x7'"


def test_cross_column_check_blames_only_the_bad_row(tmp_path):
    path = _write_variant(
        tmp_path, "italian_pilot_splits", lambda t: t.replace("fatigue,stable,26,26,", "fatigue,stable,26,25,")
    )
    with pytest.raises(data.DataError) as exc:
        data.italian_pilot_splits(path)
    assert str(exc.value) == "italian_pilot_splits.csv: row 5 (line 6): percent must equal the number in percent_text"


# --- completeness: a deleted row is refused on load, not a KeyError later ----------


def _drop_lines(prefixes):
    def transform(text):
        return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(prefixes))

    return transform


def test_deleted_category_row(tmp_path):
    path = _write_variant(tmp_path, "italian_pilot_splits", _drop_lines(("pain,worsened,",)))
    with pytest.raises(
        data.DataError,
        match=r"^italian_pilot_splits\.csv: incomplete: pain has no row for "
        r"category 'worsened'$",
    ):
        data.italian_pilot_splits(path)


def test_deleted_outcome(tmp_path):
    path = _write_variant(tmp_path, "italian_pilot_splits", _drop_lines(("depression,",)))
    with pytest.raises(
        data.DataError,
        match=r"incomplete: depression has no row for category 'improved', "
        r"'stable', 'worsened'",
    ):
        data.italian_pilot_splits(path)


def test_deleted_enrolled_stage(tmp_path):
    path = _write_variant(tmp_path, "participant_flow", _drop_lines(("ucsf_crossover,1,enrolled,",)))
    with pytest.raises(
        data.DataError,
        match=r"^participant_flow\.csv: incomplete: ucsf_crossover has no total row "
        r"\(empty reason\) for stage 'enrolled'$",
    ):
        data.participant_flow(path)


def test_deleted_italian_dropouts(tmp_path):
    # without this row the completers would silently become the 40 enrolled
    path = _write_variant(tmp_path, "participant_flow", _drop_lines(("italian_pilot,2,dropout,",)))
    with pytest.raises(data.DataError, match=r"italian_pilot has no total row \(empty reason\) for stage 'dropout'"):
        data.participant_flow(path)


def test_deleted_trial_fact(tmp_path):
    path = _write_variant(tmp_path, "trials", _drop_lines(("ucsf_crossover,n_enrolled,", "ucsf_crossover,dose,")))
    with pytest.raises(
        data.DataError,
        match=r"^trials\.csv: incomplete: ucsf_crossover has no row for fact "
        r"'dose', 'n_enrolled'$",
    ):
        data.trials(path)


# --- bad arguments to the public functions ------------------------------------------


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: data.trials(5), TypeError, r"`path` must be a file path \(str or os.PathLike\) or None; got int 5"),
        (lambda: data.trials(""), ValueError, r"`path` must name a CSV file; got the empty string"),
        (lambda: data.load(["trials"]), ValueError, r"`name` must be one of 'sources', .*; got \['trials'\]"),
        (
            lambda: data.reference_value("camz", "placebo", "n_improved"),
            ValueError,
            r"`reference_id` must be one of 'cams', 'musec'; got 'camz'",
        ),
        (
            lambda: data.reference_value("musec", "thc", "n_improved"),
            ValueError,
            r"`arm` must be one of 'placebo'.*; got 'thc'",
        ),
        (lambda: data.reference_value("cams", "placebo", "n"), ValueError, r"`quantity` must be one of 'n_randomised'"),
        (
            lambda: data.reference_value("musec", "placebo", "n_improved"),
            ValueError,
            r"no source prints 'n_improved' for 'musec' / 'placebo'; it is unknown",
        ),
        (
            lambda: data.trial_fact("ucsf", "n_enrolled"),
            ValueError,
            r"`trial_id` must be one of 'italian_pilot', 'ucsf_crossover'; got 'ucsf'",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "enrolled"),
            ValueError,
            r"`fact` must be one of 'design', .*; got 'enrolled'",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "design"),
            ValueError,
            r"`fact` 'design' is text, not a number: pass as_number=False",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "n_enrolled", as_number="no"),
            TypeError,
            r"`as_number` must be True or False",
        ),
        (lambda: data.split_percents("pain", table={"pain": 1}), TypeError, r"`table` must be a DataFrame"),
        (lambda: data.split_percents(None), ValueError, r"`outcome` must be one of 'spasticity'"),
    ],
)
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_a_folder_is_not_a_data_file(tmp_path):
    with pytest.raises(data.DataError, match=r"no such data file \(it is a folder\)"):
        data.trials(tmp_path)


def test_a_file_too_large_to_be_a_curated_table_is_refused_unread(tmp_path, monkeypatch):
    path = _write_variant(tmp_path, "trials", lambda t: t)
    monkeypatch.setattr(data, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(
        data.DataError, match=r"^trials\.csv: [\d,]+ bytes, more than the [\d,]+ a curated table may have"
    ):
        data.trials(path)


# --- where the tables are found, and each validated once per process ------------------------


def test_a_checkout_reads_its_own_data_folder():
    # the tests run from a source checkout (editable install or none): no copy inside the package
    assert not (ROOT / "ldnstats" / data.SHIPPED_DATA).exists()
    assert data.DATA_DIR == ROOT / "data"
    assert sorted(p.stem for p in data.DATA_DIR.glob("*.csv")) == sorted(data.TABLES)


def test_an_installed_package_reads_the_copy_inside_it(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "ldnstats"
    (package / data.SHIPPED_DATA).mkdir(parents=True)
    monkeypatch.setattr(data.resources, "files", lambda name: package if name == "ldnstats" else None)
    assert data._find_data_dir() == package / data.SHIPPED_DATA


@pytest.fixture
def validations(monkeypatch):
    """Count the files parsed and validated (not those only read and found unchanged)."""
    data.clear_cache()
    seen = []
    parse = data._csv_rows

    def counting(path, raw):
        seen.append(path.name)
        return parse(path, raw)

    monkeypatch.setattr(data, "_csv_rows", counting)
    yield seen
    data.clear_cache()


def test_a_table_is_validated_once_per_process(validations):
    first = data.trials()
    assert validations == ["trials.csv", "sources.csv"]
    again = data.trials()
    assert validations == ["trials.csv", "sources.csv"]  # neither file parsed again
    pd.testing.assert_frame_equal(first, again)
    # the frames are the file's, as pandas reads it on its own
    raw = pd.read_csv(data.DATA_DIR / "trials.csv", dtype=str, keep_default_na=False)
    assert again["value"].tolist() == raw["value"].tolist() and list(again.columns) == list(raw.columns)
    data.clear_cache()
    data.trials()
    assert validations == ["trials.csv", "sources.csv"] * 2


def test_every_loader_returns_an_independent_copy(validations):
    for name, loader in data.TABLES.items():
        first = loader()
        expected = first.copy()
        first.iloc[0, 0] = "changed"
        first["added"] = 1
        first.loc[first.index[-1], "quote"] = "changed too"
        again = loader()
        assert again is not first
        pd.testing.assert_frame_equal(again, expected, obj=name)
    assert sorted(validations) == sorted(f"{name}.csv" for name in data.TABLES)  # each parsed once


def test_an_edited_file_is_validated_afresh(tmp_path, validations):
    path = _write_variant(tmp_path, "trials", lambda t: t)
    assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80
    before = data.trials(path)
    # same size, same instant: a cache keyed by modification time and size could miss this edit
    text = path.read_text(encoding="utf-8")
    assert text.count("6-month") >= 1
    path.write_text(text.replace("6-month", "7-month"), encoding="utf-8")
    after = data.trials(path)
    assert validations.count("trials.csv") == 3
    changed = before["quote"] != after["quote"]
    assert changed.any() and after.loc[changed, "quote"].str.contains("7-month").all()


def test_a_broken_file_raises_on_every_load_and_is_never_kept(tmp_path, validations):
    path = _write_variant(
        tmp_path,
        "italian_pilot_splits",
        lambda t: t.replace("spasticity,improved,47,47,", "spasticity,improved,147,147,"),
    )
    for _ in range(2):
        with pytest.raises(data.DataError, match=r"row 1 \(line 2\), column 'percent': value 147\.0 fails"):
            data.italian_pilot_splits(path)
    assert validations.count("italian_pilot_splits.csv") == 2
    assert all(key[1] != path.resolve() for key in data._CACHE)
    # mended, it loads; broken again in place, it raises again
    good = (data.DATA_DIR / "italian_pilot_splits.csv").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    assert len(data.italian_pilot_splits(path)) == 12
    path.write_text(good.replace("pain,worsened,", "pain,better,"), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"column 'category': value 'better' fails isin"):
        data.italian_pilot_splits(path)


def test_a_file_that_vanishes_is_not_served_from_the_cache(tmp_path, validations):
    path = _write_variant(tmp_path, "instruments", lambda t: t)
    assert len(data.instruments(path)) > 0
    path.unlink()
    with pytest.raises(data.DataError, match=r"instruments\.csv: no such data file"):
        data.instruments(path)


def test_the_cache_is_bounded(tmp_path, validations, monkeypatch):
    monkeypatch.setattr(data, "_CACHE_SIZE", 3)
    for i in range(5):
        data.registered_outcomes(_write_variant(tmp_path, "registered_outcomes", lambda t: t, f"r{i}.csv"))
    assert len(data._CACHE) == 3
    # least recently used goes first: sources.csv, checked at every load, stays
    assert [key[1].name for key in data._CACHE] == ["r3.csv", "r4.csv", "sources.csv"]


# --- the later evidence and the safety record (issue 11, chapter 5) ------------------------------


def test_later_numbers_appear_in_their_quotes():
    """Each number of later_studies.csv and safety.csv is printed by its quote (thousands separators aside)."""
    for name, numeric in (("later_studies", data.LATER_NUMERIC_FACTS), ("safety", data.SAFETY_COUNT_FACTS)):
        t = pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
        for i, row in t[t["fact"].isin(numeric)].iterrows():
            quote = row["quote"].replace(",", "")
            if row["value"] == "none":
                assert re.search(r"\bno\b", row["quote"]), (name, i + 1)
                continue
            assert re.search(rf"(?<![\d.]){re.escape(row['value'])}(?![\d])", quote), (name, i + 1, row["value"])


def test_later_studies_content():
    assert data.later_fact("sharafaddinzadeh2010", "n_enrolled") == 96
    assert data.later_fact("sharafaddinzadeh2010", "duration") == 17
    assert data.later_fact("sharafaddinzadeh2010", "instrument", as_number=False) == "MSQoL-54"
    assert data.later_fact("ludwig2016", "n_group", group="LDN alone") == 23
    assert data.later_fact("ludwig2016", "n_group", group="glatiramer acetate with LDN added") == 31
    assert data.later_fact("raknes_smabrekke2017", "n_patients") == 341
    assert data.later_fact("raknes_smabrekke2017", "n_prescriptions") == 20921
    assert data.later_fact("raknes_smabrekke2016", "dose") == 3.7
    t = data.later_studies()
    # every later study has a design, a result or context, and its own source; the secondary report is secondary
    kinds = data.sources().set_index("source_id")["kind"]
    assert set(t["study_id"]) == {*data.LATER_STUDIES, *data.CONTEXT_STUDIES}
    for study in data.LATER_STUDIES:
        facts = set(t.loc[t["study_id"] == study, "fact"])
        assert {"design", "result", "instrument"} <= facts, study
        assert kinds[study] == "primary"
    assert kinds["raknes_smabrekke2016"] == kinds["nmss_ldn"] == "secondary"
    # nothing the sources leave unprinted: no effect size, SD or p-value, no number analysed for the later RCT
    assert not ({"n_analysed", "effect", "sd", "p_value"} & set(t["fact"]))


def test_later_fact_errors():
    with pytest.raises(
        ValueError,
        match=r"prints 'n_group' for each of \['LDN alone', 'glatiramer acetate with LDN added'\]; name one as `group`",
    ):
        data.later_fact("ludwig2016", "n_group")
    with pytest.raises(ValueError, match="no source prints 'n_enrolled' for 'ludwig2016'; it is unknown"):
        data.later_fact("ludwig2016", "n_enrolled")
    with pytest.raises(ValueError, match="`fact` 'result' is text, not a number"):
        data.later_fact("ludwig2016", "result")
    with pytest.raises(ValueError, match="`study_id` must be one of"):
        data.later_fact("cree2010", "design", as_number=False)
    with pytest.raises(ValueError, match="`group` must be one of"):
        data.later_fact("ludwig2016", "n_group", group="placebo")
    with pytest.raises(TypeError, match="`as_number` must be True or False"):
        data.later_fact("ludwig2016", "n_group", group="LDN alone", as_number=1)


def test_safety_content():
    s = data.safety().set_index(["study_id", "fact"])["value"].to_dict()
    assert s == {
        ("italian_pilot", "primary_endpoints"): "safety and tolerability",
        ("italian_pilot", "dropouts"): "5",
        ("italian_pilot", "major_adverse_events"): "2",
        ("italian_pilot", "disability_progressed"): "1",
        ("ucsf_crossover", "withdrawals"): "10",
        ("ucsf_crossover", "withdrawals_adverse_event"): "1",
        ("ucsf_crossover", "serious_adverse_events"): "none",
        ("ucsf_crossover", "tolerability"): "well tolerated",
        ("sharafaddinzadeh2010", "safety_conclusion"): "relatively safe",
    }
    # the counts agree with the participant flow where both print them
    flow = data.participant_flow().set_index(["trial_id", "stage", "reason"])["n"]
    assert flow["italian_pilot", "dropout", ""] == int(s["italian_pilot", "dropouts"])
    assert flow["ucsf_crossover", "withdrew", "non-MS adverse event"] == int(
        s["ucsf_crossover", "withdrawals_adverse_event"]
    )


def test_ucsf_secondary_design_facts():
    t = data.trials()
    rows = t[t["source_id"] == "nmss_ldn"].set_index("fact")["value"]
    assert set(rows.index) == {"washout", "concomitant_therapy", "assessment_schedule"}
    assert data.trial_fact("ucsf_crossover", "washout", as_number=False) == "one week free of treatment"


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("safety", "major_adverse_events,2,", "major_adverse_events,two,", r"value must be a whole number, or 'none'"),
        ("safety", "dropouts,5,", "dropouts,5.5,", r"value must be a whole number, or 'none'"),
        ("later_studies", ",n_enrolled,,96,", ",n_enrolled,,ninety-six,", r"value must be a printed number"),
        ("later_studies", ",n_group,LDN alone,", ",n_group,,", r"group must be given for n_group rows"),
        ("later_studies", "ludwig2016,design,", "ludwig2016,effect,", r"column 'fact': value 'effect' fails isin"),
    ],
)
def test_bad_later_and_safety_rows(tmp_path, table, old, new, message):
    path = _write_variant(tmp_path, table, lambda t: t.replace(old, new, 1))
    with pytest.raises(data.DataError, match=rf"{table}\.csv: row \d+ \(line \d+\).*{message}"):
        getattr(data, table)(path)

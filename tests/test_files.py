"""Tests for ldnstats.files: where the tables are found, unreadable files (a DataError naming the file and the
line), schema failures (naming the file, the row and the column), and the cache (each file validated once)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from ldnstats import data, files


def _lines(table):
    return (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()


def _write_bytes(tmp_path, content, filename="results.csv"):
    path = tmp_path / filename
    path.write_bytes(content)
    return path


def _write_variant(tmp_path, table, transform, filename=None):
    text = (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8")
    path = tmp_path / (filename or f"{table}.csv")
    path.write_text(transform(text), encoding="utf-8")
    return path


def _read(path, table="results"):
    return files.read_table(table, path)[0]


# --- unreadable files: DataError naming the file and, where possible, the line ----


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    with pytest.raises(data.DataError, match=r"^results\.csv: the file is empty"):
        _read(_write_bytes(tmp_path, content))


def test_header_without_rows(tmp_path):
    path = _write_bytes(tmp_path, (_lines("results")[0] + "\n").encode())
    with pytest.raises(data.DataError, match=r"^results\.csv: a header but no data rows$"):
        _read(path)


def test_binary_file(tmp_path):
    # the first bytes of a PNG file: the NUL byte is on line 2 (after the PNG's own \n)
    path = _write_bytes(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(data.DataError, match=r"^results\.csv: line 3: contains a NUL byte; .*binary"):
        _read(path)


def test_latin1_file_names_the_line_of_the_first_bad_byte(tmp_path):
    lines = _lines("results")
    lines[4] = lines[4].replace("No statistical change in fatigue", "No statistical change in fatigue é")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode("latin-1"))
    with pytest.raises(data.DataError, match=r"^results\.csv: line 5: byte 0xe9 is not UTF-8; save the file as UTF-8"):
        _read(path)


def test_unquoted_comma_gives_an_extra_field(tmp_path):
    lines = _lines("results")
    assert '"How Effective Is It?, Italian trial bullet 2"' in lines[5]
    lines[5] = lines[5].replace(
        '"How Effective Is It?, Italian trial bullet 2"', "How Effective Is It?, Italian trial bullet 2"
    )
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(
        data.DataError, match=r"^results\.csv: line 6: 13 fields, but the header has 12 \(an unquoted comma\?"
    ):
        _read(path)


def test_missing_field(tmp_path):
    lines = _lines("results")
    lines[2] = lines[2].rsplit(",", 1)[0]  # drop the last field (the quote)
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^results\.csv: line 3: 11 fields, but the header has 12$"):
        _read(path)


def test_broken_quoting(tmp_path):
    lines = _lines("results")
    lines[3] = lines[3].replace(",11% worsened", ',"11%" worsened"')
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^results\.csv: line 4: unreadable CSV"):
        _read(path)


def test_repeated_column_name(tmp_path):
    lines = _lines("results")
    lines[0] = lines[0].replace("timepoint", "versus")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"the header repeats the column name\(s\) 'versus'"):
        _read(path)


def test_line_numbers_count_blank_lines_and_windows_line_ends(tmp_path):
    # a blank line after line 3 moves the data row 5 (fatigue / stable) to line 7 of the file
    lines = _lines("results")
    lines[5] = lines[5].replace("quantity", "").replace(",percent,", ",per cent,")
    text = "\r\n".join(lines[:3] + [""] + lines[3:]) + "\r\n"
    path = _write_bytes(tmp_path, text.encode())
    with pytest.raises(data.DataError, match=r"^results\.csv: row 5 \(line 7\), column 'quantity'"):
        _read(path)


def test_windows_line_ends_and_a_byte_order_mark_read_as_the_original(tmp_path):
    text = (data.DATA_DIR / "trials.csv").read_text(encoding="utf-8")
    path = _write_bytes(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "trials.csv")
    pd.testing.assert_frame_equal(data.trials(path), data.trials())


def test_missing_column(tmp_path):
    def drop_population(text):
        import csv
        import io

        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:5] + r[6:] for r in rows])
        return out.getvalue()

    with pytest.raises(data.DataError, match=r"results\.csv: missing column 'population'"):
        _read(_write_variant(tmp_path, "results", drop_population))


def test_missing_file(tmp_path):
    with pytest.raises(data.DataError, match="no such data file"):
        data.trials(tmp_path / "nope.csv")


def test_a_folder_is_not_a_data_file(tmp_path):
    with pytest.raises(data.DataError, match=r"no such data file \(it is a folder\)"):
        data.trials(tmp_path)


def test_a_file_too_large_to_be_a_curated_table_is_refused_unread(tmp_path, monkeypatch):
    path = _write_variant(tmp_path, "trials", lambda t: t)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(
        data.DataError, match=r"^trials\.csv: [\d,]+ bytes, more than the [\d,]+ a curated table may have"
    ):
        files.read_table("trials", path)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", path.stat().st_size)
    assert len(files.read_table("trials", path)[0]) > 0  # exactly at the limit is read


@pytest.mark.parametrize(
    ("call", "exc", "msg"),
    [
        (lambda: data.trials(5), TypeError, r"`path` must be a file path \(str or os.PathLike\) or None; got int 5"),
        (lambda: data.trials(""), ValueError, r"`path` must name a CSV file; got the empty string"),
        (lambda: files.use_folder(5).__enter__(), TypeError, r"`folder` must be a folder path"),
        (lambda: files.use_folder("/no/such/folder").__enter__(), ValueError, r"`folder` must be an existing folder"),
    ],
)
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- where the tables are found, and each validated once per process ------------------------


def test_a_checkout_reads_its_own_data_folder():
    # the tests run from a source checkout (editable install or none): no copy inside the package
    assert not (ROOT / "ldnstats" / files.SHIPPED_DATA).exists()
    assert files.DATA_DIR == data.DATA_DIR == ROOT / "data"
    assert sorted(p.stem for p in files.DATA_DIR.glob("*.csv")) == sorted(data.TABLES)


def test_an_installed_package_reads_the_copy_inside_it(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "ldnstats"
    (package / files.SHIPPED_DATA).mkdir(parents=True)
    monkeypatch.setattr(files.resources, "files", lambda name: package if name == "ldnstats" else None)
    assert files._find_data_dir() == package / files.SHIPPED_DATA


@pytest.fixture
def validations(monkeypatch):
    """Count the files parsed and validated (not those only read and found unchanged)."""
    files.clear_cache()
    seen = []
    parse = files._csv_rows

    def counting(path, raw):
        seen.append(path.name)
        return parse(path, raw)

    monkeypatch.setattr(files, "_csv_rows", counting)
    yield seen
    files.clear_cache()


def test_a_table_is_validated_once_per_process(validations):
    first = data.trials()
    assert validations == ["trials.csv", "sources.csv"]
    again = data.trials()
    assert validations == ["trials.csv", "sources.csv"]  # neither file parsed again
    pd.testing.assert_frame_equal(first, again)
    # the frames are the file's, as pandas reads it on its own
    raw = pd.read_csv(data.DATA_DIR / "trials.csv", dtype=str, keep_default_na=False)
    assert again["value"].tolist() == raw["value"].tolist() and list(again.columns) == list(raw.columns)
    files.clear_cache()
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
    bad = "spasticity,ldn,,,,improved,percent,147,"
    path = _write_variant(tmp_path, "results", lambda t: t.replace("spasticity,ldn,,,,improved,percent,47,", bad))
    for _ in range(2):
        with pytest.raises(data.DataError, match=r"row 1 \(line 2\): value must be a percentage from 0 to 100"):
            data.results(path=path)
    assert validations.count("results.csv") == 2
    assert all(key[1] != path.resolve() for key in files._CACHE)
    # mended, it loads; broken again in place, it raises again
    good = (data.DATA_DIR / "results.csv").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    assert len(data.results(path=path)) == 20
    path.write_text(good.replace(",percent,28,", ",percentage,28,"), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"column 'quantity': value 'percentage' fails isin"):
        data.results(path=path)


def test_a_file_that_vanishes_is_not_served_from_the_cache(tmp_path, validations):
    path = _write_variant(tmp_path, "instruments", lambda t: t)
    assert len(data.instruments(path)) > 0
    path.unlink()
    with pytest.raises(data.DataError, match=r"instruments\.csv: no such data file"):
        data.instruments(path)


def test_the_cache_is_bounded(tmp_path, validations, monkeypatch):
    monkeypatch.setattr(files, "_CACHE_SIZE", 3)
    for i in range(5):
        data.instruments(_write_variant(tmp_path, "instruments", lambda t: t, f"r{i}.csv"))
    assert len(files._CACHE) == 3
    # least recently used goes first: sources.csv, checked after every load, stays (last used)
    assert [key[1].name for key in files._CACHE] == ["r3.csv", "r4.csv", "sources.csv"]

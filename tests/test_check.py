"""ldnstats.check: a table of printed numbers checked row by row, and ``ldnstats check``.

The fixture tests/data/check_rows.csv holds 33 rows: consistent and inconsistent splits and
continuous results, rows with input errors, and every flag. Expected values are independent of
the package: splits by brute-force enumeration with Decimal rounding (conftest), p from t with
scipy.stats.t and R values (the R call beside each), and statcheck-style decision errors worked
out by hand in the comments.
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
from decimal import Decimal

import pandas as pd
import pytest
from scipy import stats

from conftest import ROOT, brute_force_splits, rounds_to
from ldnstats import check
from ldnstats.check import FLAGS, MAX_CHECK_N, MAX_CHECK_WORK, check_table
from ldnstats.cli import main
from ldnstats.effects import effect_from_p

FIXTURE = ROOT / "tests" / "data" / "check_rows.csv"
RULES = ("nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any")


def _read():
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def result():
    out = check_table(_read())
    return out.set_index("id", drop=False)


# What each row must say, worked out by hand (prefixes of the flags, or a word of the error).
EXPECTED = {
    "s_ok": ["no problem found"],
    "s_n19": ["no problem found"],
    # 47/42/11 at n = 40: 19/40 = 47.5 needs a half-down tie, 11% of 40 = 4.4 has no count: no rule fits
    "s_nofit": ["no denominator fits"],
    # 2/3 = 66.67 prints 66 only when truncated
    "s_trunc": ["fits only under another rounding rule"],
    "s_decimals": ["no problem found"],
    "s_many": ["no problem found"],
    "s_halfup": ["no problem found"],
    "c_ranges": ["nothing to cross-check"],
    # 2 * pt(-2.25, 37.4) = 0.0304, 2 * pt(-2.15, 37.4) = 0.0381: "0.034" inside
    "c_welch_ok": ["no problem found"],
    # t(30) = 1.5 (1.45 to 1.55) gives p 0.132 to 0.157, all above .05; printed "<.05" is below
    "c_decision": ["decision error", "inconsistent p"],
    # t(30) = 2.0 covers 1.95 to 2.05: p 0.0492 to 0.0606 (R below) straddles .05 -> no decision
    # error, but misses [0.025, 0.035) -> inconsistent
    "c_inconsistent": ["inconsistent p"],
    # the same t with "<.05": t = 2.05 gives p = 0.0492 < .05, so the printing can be right
    "c_saved_by_rounding": ["no problem found"],
    # one-sided: pt(-1.805, 25) = 0.0416 to pt(-1.795, 25) = 0.0424 meets [0.0415, 0.0425)
    "c_one_sided": ["no problem found"],
    # the same read as two-sided: 0.083 to 0.085, above .05, while 0.042 is below
    "c_two_sided": ["decision error", "inconsistent p"],
    "c_sd_bad": ["inconsistent SD"],
    "c_sd_ok": ["no problem found"],
    "c_ci_bad": ["inconsistent CI"],
    # a CI of 0.2 to 6.4 excludes 0, yet p is printed "ns"
    "c_ci_excludes": ["inconsistent CI", "CI and p disagree"],
    # a CI of -0.5 to 7.1 includes 0, yet p = 0.04 < .05
    "c_ci_includes": ["inconsistent CI", "CI and p disagree"],
    # 2 * pt(-2.2, 37) = 0.0341: p fits, but t is negative and the difference positive
    "c_sign": ["t and difference disagree in sign"],
    "c_df_bad": ["df does not fit the design"],
    "c_welch_general": ["nothing to cross-check"],
    # alpha 0.01: "<.01" is below, t(30) = 2.1 gives p 0.039 to 0.050, above .01
    "c_alpha": ["decision error", "inconsistent p"],
}
ERRORS = {
    "s_err_sum": "`percents` sum to 270",
    "s_err_sep": "`percents`",
    "s_err_range": "`n_min`",
    "s_err_rule": "`rounding`",
    "c_err_p": "`p`",
    "c_err_design": "`design`",
    "c_err_n": "`n`",
    "c_err_zero": "`difference`",
    "x_err_both": "not both",
    "x_err_empty": "neither",
}


def test_the_fixture_is_large_and_mixed():
    table = _read()
    assert len(table) >= 20
    assert set(table["id"]) == set(EXPECTED) | set(ERRORS)


def test_one_row_out_per_row_in_and_in_order(result):
    assert result["id"].tolist() == _read()["id"].tolist()
    assert result["flags"].map(type).eq(str).all() and result["error"].map(type).eq(str).all()


@pytest.mark.parametrize("rid", sorted(EXPECTED))
def test_flags_of_each_row(result, rid):
    row = result.loc[rid]
    assert row["error"] == ""
    got = row["flags"].split("; ")
    assert len(got) == len(EXPECTED[rid])
    for flag, prefix in zip(got, EXPECTED[rid]):
        assert flag.startswith(prefix), (flag, prefix)


@pytest.mark.parametrize("rid", sorted(ERRORS))
def test_rows_with_bad_input_get_a_message(result, rid):
    row = result.loc[rid]
    assert ERRORS[rid] in row["error"] and row["flags"] == ""


def test_every_flag_occurs(result):
    # the flags of two arms, groups, printed effects and t without p occur in the forms fixture (below)
    new = {
        "no common denominator",
        "no table fits",
        "no common test gives the printed p",
        "inconsistent t",
        "inconsistent standardised effect",
    }
    found = {f for flags in result["flags"] for f in FLAGS if f in flags}
    assert found == set(FLAGS) - new


# ---------------------------------------------------------------------------
# splits against brute force
# ---------------------------------------------------------------------------

SPLITS = {  # id: (percents, n_min, n_max, rule, check every rule by brute force)
    "s_ok": ("47/42/11", 1, 40, "nearest", True),
    "s_n19": ("47/42/11", 19, 19, "nearest", True),
    "s_nofit": ("47/42/11", 40, 40, "nearest", True),
    "s_trunc": ("66/33", 3, 3, "nearest", True),
    "s_decimals": ("52.6/31.6/15.8", 1, 60, "nearest", False),
    "s_many": ("50/50", 1, 100, "nearest", True),
    "s_halfup": ("25/75", 1, 20, "half_up", True),
}


@pytest.mark.parametrize("rid", sorted(SPLITS))
def test_splits_against_brute_force(result, rid):
    text, n_min, n_max, rule, all_rules = SPLITS[rid]
    printed = text.split("/")
    found = [s for s in brute_force_splits(printed, n_max, rule) if s[0] >= n_min]
    ns = sorted({s[0] for s in found})
    row = result.loc[rid]
    assert row["denominators"] == len(ns)
    assert row["n_splits"] == len(found)
    if ns:
        assert (row["denominator_min"], row["denominator_max"]) == (ns[0], ns[-1])
    else:
        assert pd.isna(row["denominator_min"]) and pd.isna(row["denominator_max"])
    if 0 < len(found) <= check.MAX_LISTED_SPLITS:
        assert row["splits"] == "; ".join(f"n={s[0]}: " + "/".join(map(str, s[1:])) for s in found)
    else:
        assert row["splits"] == ""
    if all_rules:
        fitting = [r for r in RULES if any(s[0] >= n_min for s in brute_force_splits(printed, n_max, r))]
        assert row["rules_fitting"] == ", ".join(fitting)


def test_the_worked_examples(result):
    assert result.loc["s_ok", "splits"] == "n=19: 9/8/2; n=36: 17/15/4; n=38: 18/16/4"
    assert result.loc["s_trunc", "rules_fitting"] == "trunc, any"
    assert result.loc["s_many", "n_splits"] > check.MAX_LISTED_SPLITS
    assert Decimal(100 * 2) / 3 > Decimal("66.5")  # so nearest rounding prints 67, not 66


# ---------------------------------------------------------------------------
# continuous results: R values and closed forms
# ---------------------------------------------------------------------------


def test_ranges_from_difference_and_p(result):
    row = result.loc["c_ranges"]
    # R: qt(0.045/2, 59, lower.tail=FALSE) = 2.04818663926065; qt(0.035/2, 59, lower.tail=FALSE) = 2.15811398529946
    t_lo, t_hi = 2.04818663926065, 2.15811398529946
    assert row["t_min"] == pytest.approx(t_lo, rel=1e-10) and row["t_max"] == pytest.approx(t_hi, rel=1e-10)
    assert row["se_min"] == pytest.approx(3.25 / t_hi) and row["se_max"] == pytest.approx(3.35 / t_lo)
    assert row["sd_min"] == pytest.approx(3.25 / t_hi * math.sqrt(60))
    assert row["d_z_min"] == pytest.approx(t_lo / math.sqrt(60)) and pd.isna(row["d_min"])
    crit = 2.00099537808827  # R: qt(0.975, 59)
    assert row["ci_low_min"] == pytest.approx(3.25 - crit * 3.25 / t_lo, rel=1e-9)
    assert row["ci_high_max"] == pytest.approx(3.35 + crit * 3.35 / t_lo, rel=1e-9)
    # the same as effects.effect_from_p
    ref = effect_from_p("3.3", "0.04", 60)
    for q in ("t", "se", "sd", "d_z", "ci_low", "ci_high"):
        assert (row[f"{q}_min"], row[f"{q}_max"]) == pytest.approx(tuple(ref.loc[q]))
    assert (row["p_min"], row["p_max"]) == pytest.approx((0.035, 0.045))


def test_welch_df_and_unequal_groups(result):
    row = result.loc["c_welch_general"]
    assert row["df"] == 35.2
    # R: qt(0.035/2, 35.2, lower.tail=FALSE) = 2.19305008116491; qt(0.025/2, 35.2, lower.tail=FALSE) = 2.3413738552943
    t_lo, t_hi = 2.19305008116491, 2.3413738552943
    assert (row["t_min"], row["t_max"]) == pytest.approx((t_lo, t_hi), rel=1e-9)
    k = math.sqrt(1 / 18 + 1 / 22)
    assert (row["se_min"], row["se_max"]) == pytest.approx((4.05 / t_hi, 4.15 / t_lo), rel=1e-9)
    assert (row["sd_min"], row["sd_max"]) == pytest.approx((4.05 / t_hi / k, 4.15 / t_lo / k), rel=1e-9)
    assert (row["d_min"], row["d_max"]) == pytest.approx((t_lo * k, t_hi * k), rel=1e-9)
    crit = stats.t.isf(0.025, 35.2)
    assert row["ci_low_max"] == pytest.approx(4.15 - crit * 4.15 / t_hi, rel=1e-9)
    assert row["ci_high_min"] == pytest.approx(4.05 + crit * 4.05 / t_hi, rel=1e-9)


def test_p_from_a_printed_t(result):
    row = result.loc["c_welch_ok"]
    # R: 2*pt(-2.25, df=37.4) = 0.0304168083684729; 2*pt(-2.15, df=37.4) = 0.0380881204005433
    assert (row["p_from_t_min"], row["p_from_t_max"]) == pytest.approx((0.0304168083684729, 0.0380881204005433))
    # R: 2*pt(-2.05, 30) = 0.0491928310839006; 2*pt(-1.95, 30) = 0.0605757348899451
    row = result.loc["c_inconsistent"]
    assert (row["p_from_t_min"], row["p_from_t_max"]) == pytest.approx((0.0491928310839006, 0.0605757348899451))
    # one-sided; "1.80" shows two decimals, so t is 1.795 to 1.805.
    # R: pt(-1.805, 25) = 0.0415670506345025; pt(-1.795, 25) = 0.0423771738441914
    row = result.loc["c_one_sided"]
    assert (row["p_from_t_min"], row["p_from_t_max"]) == pytest.approx((0.0415670506345025, 0.0423771738441914))
    assert result.loc["c_two_sided", "p_from_t_min"] == pytest.approx(2 * 0.0415670506345025)
    # scipy for the decision error: t(30) = 1.5 at 2 decimals of rounding (1.45 to 1.55)
    row = result.loc["c_decision"]
    assert row["p_from_t_max"] == pytest.approx(2 * stats.t.sf(1.45, 30))
    assert 2 * stats.t.sf(1.5, 30) == pytest.approx(0.144065929128646)  # R: 2*pt(-1.5, 30)


def test_a_decision_error_needs_every_t_in_the_rounding_interval_on_the_other_side():
    """statcheck's rule with the printed t's rounding, df 1000, p printed "<.05": t = 1.96 itself gives
    p = 0.0503 but "1.96" covers 1.955 to 1.965, and t = 1.965 gives p = 0.0497: no error. "1.9"
    (1.85 to 1.95) and "1.95" (1.945 to 1.955) give p above .05 throughout: decision errors."""
    # R: 2*pt(-1.96, 1000) = 0.0502731849557487; 2*pt(-1.965, 1000) = 0.0496907435983838
    assert 2 * stats.t.sf(1.96, 1000) == pytest.approx(0.0502731849557487)
    assert 2 * stats.t.sf(1.965, 1000) == pytest.approx(0.0496907435983838)
    assert 2 * stats.t.sf(1.955, 1000) > 0.05
    table = pd.DataFrame({"p": ["<.05", "<.05", "<.05"], "t": ["1.96", "1.9", "1.95"], "df": ["1000"] * 3})
    flags = check_table(table)["flags"].tolist()
    assert flags[0] == "no problem found"
    assert flags[1].startswith("decision error") and flags[2].startswith("decision error")


def test_a_p_on_the_edge_has_no_side():
    """ "0.05" covers [0.045, 0.055): neither side of .05, so no decision error is possible."""
    out = check_table(pd.DataFrame({"p": ["0.05"], "t": ["1.0"], "df": ["30"]}))
    assert out.loc[0, "flags"].startswith("inconsistent p")
    assert "decision error" not in out.loc[0, "flags"]


def test_df_of_the_design():
    table = pd.DataFrame(
        {
            "p": ["0.03"] * 3,
            "t": ["2.3"] * 3,
            "df": ["29", "37.4", "12"],
            "design": ["paired", "two-group", "two-group"],
            "n": ["30", "", ""],
            "n1": ["", "20", "20"],
            "n2": ["", "20", "20"],
        }
    )
    flags = check_table(table)["flags"].tolist()
    assert "df does not fit" not in flags[0] and "df does not fit" not in flags[1]
    assert flags[2].startswith("df does not fit the design") and "from 19 (Welch) to 38" in flags[2]


# ---------------------------------------------------------------------------
# bad tables and size guards
# ---------------------------------------------------------------------------


def test_bad_tables_are_refused_naming_the_argument():
    with pytest.raises(TypeError, match="`table` must be a pandas DataFrame"):
        check_table([{"p": "0.04"}])
    with pytest.raises(ValueError, match="`table` has columns this check does not know: 'pvalue'"):
        check_table(pd.DataFrame({"pvalue": ["0.04"]}))
    with pytest.raises(ValueError, match="`table` must have a `percents` column"):
        check_table(pd.DataFrame({"note": ["x"]}))
    with pytest.raises(ValueError, match="at least one row"):
        check_table(pd.DataFrame({"p": []}))
    with pytest.raises(ValueError, match="`alpha`"):
        check_table(pd.DataFrame({"p": ["0.04"]}), alpha=1.5)


def test_size_guards_refuse_up_front():
    big = pd.DataFrame({"percents": ["47/42/11"] * 2, "n_max": ["1000000"] * 2})
    with pytest.raises(ValueError, match=f"MAX_CHECK_WORK = {MAX_CHECK_WORK:,}"):
        check_table(big)
    rows = pd.DataFrame({"percents": ["47/42/11"], "n_max": [str(MAX_CHECK_N + 1)]})
    assert f"at most {MAX_CHECK_N:,}" in check_table(rows).loc[0, "error"]
    with pytest.raises(ValueError, match="at most 10,000 rows"):
        check_table(pd.DataFrame({"p": ["0.04"] * 10_001}))


def test_a_float_cell_is_a_row_error_and_other_rows_are_checked():
    out = check_table(pd.DataFrame({"p": [0.04, "0.04"], "t": ["2.1", "2.1"], "df": ["30", "30"]}))
    assert "dtype=str" in out.loc[0, "error"] and out.loc[1, "error"] == ""
    assert out.loc[1, "flags"] == "no problem found"


@pytest.mark.parametrize("percents", ["33.3333333/66.6666667", "33.3333333"])
def test_percentages_past_rebuilds_decimals_are_a_row_error_and_other_rows_are_checked(percents):
    # rebuild reads at most 6 decimals; 7 is this row's error, not the whole table's
    out = check_table(pd.DataFrame({"percents": [percents, "47/42/11"], "n_max": ["40", "40"]}))
    assert out.loc[0, "error"] == "`percents` must be printed with at most 6 decimals; got 7"
    assert out.loc[1, "error"] == "" and out.loc[1, "flags"] == "no problem found"


# ---------------------------------------------------------------------------
# the command line
# ---------------------------------------------------------------------------


def _run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "printed.csv"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_cli_text(csv_file):
    code, text = _run("check", str(csv_file))
    assert code == 0
    assert text.startswith(f"33 rows checked from {csv_file}")
    assert "n=19: 9/8/2; n=36: 17/15/4; n=38: 18/16/4" in text
    assert "c_decision: decision error" in text and "c_err_p: input error: `p`" in text


def test_cli_csv_reads_back_as_the_table(csv_file):
    code, text = _run("check", str(csv_file), "--format", "csv")
    assert code == 0
    back = pd.read_csv(io.StringIO(text), dtype={"id": str}, keep_default_na=False, na_values=[""])
    expected = check_table(_read())
    assert back.columns.tolist() == expected.columns.tolist()
    assert back["id"].tolist() == expected["id"].tolist()
    assert back["flags"].fillna("").tolist() == expected["flags"].tolist()
    assert back["t_min"].tolist() == pytest.approx(expected["t_min"].tolist(), nan_ok=True)


def test_cli_json(csv_file):
    code, text = _run("check", str(csv_file), "--format", "json", "--alpha", "0.01")
    records = json.loads(text)["check"]
    assert code == 0 and len(records) == 33
    by_id = {r["id"]: r for r in records}
    assert by_id["c_ranges"]["d_min"] is None and by_id["s_ok"]["denominators"] == 3
    # at alpha 0.01 "<.05" with t(30) = 1.5 is no longer on a side of alpha
    assert not by_id["c_decision"]["flags"].startswith("decision error")


@pytest.mark.parametrize(
    "name,content,msg",
    [
        ("missing.csv", None, "does not exist"),
        ("", None, "is a folder"),
        ("empty.csv", "", "is empty"),
        ("bad.csv", "pvalue\n0.04\n", "does not know: 'pvalue'"),
    ],
)
def test_cli_bad_file_is_one_line(tmp_path, capsys, name, content, msg):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(path)], out=io.StringIO())
    err = capsys.readouterr().err
    assert exc.value.code == 2 and msg in err and err.startswith("ldnstats: error: ") and err.count("\n") == 1


def test_cli_missing_file_as_a_program(tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "ldnstats", "check", str(tmp_path / "nope.csv")], capture_output=True, text=True
    )
    assert res.returncode == 2 and "Traceback" not in res.stderr and "does not exist" in res.stderr


def test_cli_help_needs_no_pandas():
    code = "import sys; from ldnstats.cli import build_parser; build_parser(); print('pandas' in sys.modules)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False"


def test_a_negative_difference_is_the_mirror_image(result):
    table = pd.DataFrame(
        {"p": ["0.03"], "difference": ["-4.1"], "design": ["two-group"], "n1": ["18"], "n2": ["22"], "df": ["35.2"]}
    )
    neg = check_table(table).loc[0]
    pos = result.loc["c_welch_general"]
    for q in ("t", "d"):
        assert (neg[f"{q}_min"], neg[f"{q}_max"]) == pytest.approx((-pos[f"{q}_max"], -pos[f"{q}_min"]))
    assert (neg["ci_low_min"], neg["ci_low_max"]) == pytest.approx((-pos["ci_high_max"], -pos["ci_high_min"]))
    assert (neg["se_min"], neg["sd_max"]) == pytest.approx((pos["se_min"], pos["sd_max"]))


# --- referee round: huge numbers, df 0, alpha text -------------------------------------------------


@pytest.mark.parametrize("col", ["t", "df", "sd", "difference", "ci_low"])
def test_a_number_beyond_a_float_is_a_row_error_naming_the_column(col):
    row = {"p": "0.04", "difference": "3.3", "n": "20", "design": "paired", "t": "2.2"}
    row[col] = "9" * 400
    if col == "ci_low":
        row["ci_high"] = "5"
    good = {"p": "0.04", "difference": "3.3", "n": "20", "design": "paired"}
    out = check_table(pd.DataFrame([row, good]))
    assert out.loc[0, "error"].startswith(f"`{col}` must be a number of at most")
    assert "400 characters" in out.loc[0, "error"]
    assert out.loc[0, "flags"] == ""
    assert out.loc[1, "error"] == "" and out.loc[1, "flags"] == "nothing to cross-check (ranges only)"


@pytest.mark.parametrize("df", ["0", "0.0", "-1", "0." + "0" * 400 + "1"])
def test_df_must_be_positive_as_printed(df):
    # "0" rounds from [0, 0.5): its upper end is positive, but the printed df itself is not
    out = check_table(pd.DataFrame({"p": ["0.04"], "t": ["2.1"], "df": [df]}))
    assert out.loc[0, "error"].startswith("`df` must be positive")
    assert out.loc[0, "flags"] == ""
    assert math.isnan(out.loc[0, "p_from_t_min"])


@pytest.mark.parametrize("df", ["0.4", "0.01", "1", "30", "1000000", "9" * 300])
def test_a_valid_row_never_gets_nan_from_t(df):
    out = check_table(pd.DataFrame({"p": ["0.04"], "t": ["2.1"], "df": [df]}))
    assert out.loc[0, "error"] == ""
    lo, hi = out.loc[0, "p_from_t_min"], out.loc[0, "p_from_t_max"]
    # 2 * scipy.stats.t.sf(|t|, df) over t in [2.05, 2.15]
    d = float(df)
    assert lo == pytest.approx(2 * stats.t.sf(2.15, d)) and hi == pytest.approx(2 * stats.t.sf(2.05, d))


@pytest.mark.parametrize("alpha", ["nan", "inf", "2", "0", "x", "1/0"])
def test_a_bad_alpha_cell_says_what_is_expected(alpha):
    out = check_table(pd.DataFrame({"p": ["0.04"], "t": ["2.1"], "df": ["20"], "alpha": [alpha]}))
    assert out.loc[0, "error"] == f"`alpha` must be a number between 0 and 1 (e.g. '0.05'); got {alpha!r}"


# --- the printed forms of real trials (issue 17): tests/data/check_forms.csv ------------------------------------

FORMS = ROOT / "tests" / "data" / "check_forms.csv"


@pytest.fixture(scope="module")
def forms():
    return check_table(pd.read_csv(FORMS, dtype=str, keep_default_na=False)).set_index("id", drop=False)


def _share_fits(printed, n_max, rule="nearest", count=None):
    """Every (count, n) whose 100 count / n prints as `printed`, by enumeration with Decimal rounding."""
    value = Decimal(printed)
    decimals = max(0, -value.as_tuple().exponent)
    return [
        (k, n)
        for n in range(1, n_max + 1)
        for k in range(n + 1)
        if (count is None or k == count) and rounds_to(k, n, value, decimals, rule)
    ]


def test_a_single_percentage_needs_no_typed_complement(forms):
    # the example: 89% with n up to 40 is 8 of 9, 16 of 18, 17 of 19, 24 of 27, 25 of 28, 31 to 34 of 35 to 38
    expected = _share_fits("89", 40)
    assert forms.loc["share89", "splits"] == "; ".join(f"{k}/{n}" for k, n in expected)
    assert forms.loc["share89", "splits"] == "8/9; 16/18; 17/19; 24/27; 25/28; 31/35; 32/36; 33/37; 34/38"
    assert forms.loc["share89", "flags"] == "no problem found"
    assert (
        forms.loc["share89_count", "splits"]
        == "16/18"
        == "; ".join(f"{k}/{n}" for k, n in _share_fits("89", 40, count=16))
    )
    # 89% of exactly 17: 15/17 = 88.2%, 16/17 = 94.1%; only rounding up (ceil) or 'any' reaches 89
    assert forms.loc["smith2007_all17", "flags"].startswith("fits only under another rounding rule: ceil, any")


@pytest.mark.parametrize(
    ("rows", "n_max", "expected"),
    [
        (("smith2007_response", "smith2007_remission"), 17, "9"),
        (("younger_ldn", "younger_placebo"), 31, "19, 28"),
    ],
)
def test_shares_of_the_same_patients_are_read_together(forms, rows, n_max, expected):
    printed = {"smith2007_response": "89", "smith2007_remission": "67", "younger_ldn": "32", "younger_placebo": "11"}
    common = set.intersection(*({n for _, n in _share_fits(printed[r], n_max)} for r in rows))
    assert ", ".join(map(str, sorted(common))) == expected
    for r in rows:
        assert forms.loc[r, "common_n"] == expected and forms.loc[r, "flags"] == "no problem found"


def test_one_arms_shares_that_fit_no_common_denominator_are_flagged(forms):
    # Smith 2011: 88%, 78% and 33% of the naltrexone arm; 40%, 28% and 8% of the placebo arm; 40 enrolled, so an
    # arm has at most 39
    ldn = set.intersection(*({n for _, n in _share_fits(x, 39)} for x in ("88", "78", "33")))
    placebo = set.intersection(*({n for _, n in _share_fits(x, 39)} for x in ("40", "28", "8")))
    assert ldn == set() and placebo == {25}
    for rid in ("smith2011_cdai", "smith2011_endo", "smith2011_remission"):
        row = forms.loc[rid]
        assert row["common_n"] == "arm 1: none; arm 2: 25"
        assert "no common denominator: the shares of group 'ldn'" in row["flags"]


def test_two_arm_tables_and_the_tests_that_reproduce_p(forms):
    # every table: 100 k / n rounds to 88 and 40 (brute force), n1 + n2 <= 40
    ones = [(k, n) for k, n in _share_fits("88", 39)]
    twos = [(k, n) for k, n in _share_fits("40", 39)]
    tables = [(k1, n1, k2, n2) for k1, n1 in ones for k2, n2 in twos if n1 + n2 <= 40]
    row = forms.loc["smith2011_cdai"]
    assert row["n_tables"] == len(tables) == 25
    # Fisher's and Pearson's tests by scipy directly at every table: which give p in [0.0085, 0.0095)
    reproduced = {}
    for k1, n1, k2, n2 in tables:
        m = [[k1, n1 - k1], [k2, n2 - k2]]
        got = {
            "fisher": stats.fisher_exact(m)[1],
            "chi2": stats.chi2_contingency(m, correction=False)[1],
            "chi2_yates": stats.chi2_contingency(m, correction=True)[1],
        }
        hits = [t for t, v in got.items() if 0.0085 <= v < 0.0095]
        if hits:
            reproduced[f"{k1}/{n1} vs {k2}/{n2}"] = hits
    listed = dict(part.split(": ") for part in row["reproduced_by"].split("; "))
    for table, tests in reproduced.items():
        assert set(tests) <= set(listed[table].split(", ")), table
    assert reproduced == {"14/16 vs 6/15": ["fisher"], "21/24 vs 4/10": ["fisher"], "30/34 vs 2/5": ["chi2"]}
    # the unconditional tests add one table: Barnard's at 15/17 vs 4/10 (the package's own test is checked by
    # enumeration in test_proportions); R: Exact::exact.test is not in Debian, so scipy's barnard_exact, which is
    # right wherever no table ties the observed statistic (its table has one column per arm)
    assert listed["15/17 vs 4/10"] == "barnard"
    assert 0.0085 <= stats.barnard_exact([[15, 4], [2, 6]]).pvalue < 0.0095
    # risk difference over the tables: from 21/24 - 4/10 = 0.475 to 15/17 - 4/10 = 0.4846
    assert row["risk_difference_min"] == pytest.approx(21 / 24 - 4 / 10)
    assert row["risk_difference_max"] == pytest.approx(max(k1 / n1 - k2 / n2 for k1, n1, k2, n2 in tables))
    assert forms.loc["two_arm_sizes", "tables"] == "14/16 vs 6/15"
    assert forms.loc["two_arm_none", "flags"] == "no table fits the two printed shares"
    assert forms.loc["two_arm_no_test", "flags"].startswith("no common test gives the printed p (0.5)")


def test_two_means_give_the_wider_interval_of_their_difference(forms):
    row = forms.loc["younger_pain"]
    # 28.8 - 18.0: from 28.75 - 18.05 = 10.70 to 28.85 - 17.95 = 10.90, twice a printed difference's width
    assert (row["difference_min"], row["difference_max"]) == pytest.approx((10.70, 10.90))
    # n from 28 to 31, paired; R: qt(1 - 0.0165/2, 30) = 2.540035, qt(1 - 0.0155/2, 27) = 2.583923,
    # qt(1 - 0.0165/2, 30) / sqrt(31) = 0.4562037, qt(1 - 0.0155/2, 27) / sqrt(28) = 0.4883155
    assert (row["t_min"], row["t_max"]) == pytest.approx((2.540035, 2.583923), abs=1e-6)
    assert (row["d_z_min"], row["d_z_max"]) == pytest.approx((0.4562037, 0.4883155), abs=1e-7)
    assert "28 to 31 patients tried" in row["design"] and pd.isna(row["df"])


def test_a_ci_without_p_gives_the_p(forms):
    # R: 2*pt(-0.345/((0.265+0.945)/(2*qt(0.975,97))),97) = 0.2605153465
    #    2*pt(-0.335/((0.275+0.955)/(2*qt(0.975,97))),97) = 0.2823289981
    row = forms.loc["final_ci_only"]
    assert (row["p_min"], row["p_max"]) == pytest.approx((0.2605153465, 0.2823289981), abs=1e-9)
    assert row["flags"] == "nothing to cross-check (ranges only)"
    # with its p and Cohen's d as printed, everything agrees (d is printed unsigned beside a negative difference)
    assert forms.loc["final_primary", "flags"] == "no problem found"


def test_a_printed_d_and_arm_sds_are_cross_checked(forms):
    # Mischoulon 2017, HAM-D-17 at week 3: 11.7 vs 17.8 in groups of 6, p = 0.3, d = 0.62
    # R: qt(1-0.35/2,10)*sqrt(1/3) = 0.5660489, qt(1-0.25/2,10)*sqrt(1/3) = 0.7050921: 0.62 fits
    row = forms.loc["mischoulon_hamd17"]
    assert (-row["d_max"], -row["d_min"]) == pytest.approx((0.5660489, 0.7050921), abs=1e-7)
    assert row["flags"] == "no problem found"
    # the printed SDs 7.7 and 5.9 pool to sqrt((5*7.65^2+5*5.85^2)/10) = 6.809736 to 6.908871, below the
    # 6.0/(qt(1-.25/2,10)*sqrt(1/3)) = 8.509526 the difference and p need: not an endpoint t-test
    flags = forms.loc["mischoulon_hamd17_sds", "flags"]
    assert flags.startswith("inconsistent SD: the pooled SD of the printed `sd1` and `sd2` (6.81 to 6.909)")
    assert "8.51 to 10.95" in flags
    assert forms.loc["d_bad", "flags"].startswith("inconsistent standardised effect: the printed Cohen's d")
    assert forms.loc["t_bad_ci", "flags"].startswith("inconsistent t:")
    assert "`d_z` does not go with a two-sample design" in forms.loc["dz_wrong_design", "error"]


def test_every_new_flag_occurs_in_the_forms(forms, result):
    found = {
        f for flags in [*forms["flags"], *result["flags"]] for f in FLAGS if flags.startswith(f) or f"; {f}" in flags
    }
    assert found == set(FLAGS)


def test_cli_strict_fails_a_pipeline_on_a_flag_or_an_error(tmp_path):
    # the forms fixture has flagged rows and one input error: status 1 with --strict, 0 without; the output is the same
    out, strict = io.StringIO(), io.StringIO()
    assert main(["check", str(FORMS)], out=out) == 0
    assert main(["check", str(FORMS), "--strict"], out=strict) == 1
    assert out.getvalue() == strict.getvalue() and "9 flagged, 1 with input errors" in out.getvalue()
    # a clean table passes --strict; one input error alone fails it
    clean = tmp_path / "clean.csv"
    clean.write_text("id,percents,n_max\nshare,89,40\nsplit,47/42/11,40\n", encoding="utf-8")
    assert main(["check", str(clean), "--strict"], out=io.StringIO()) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("id,percents,n_max\nshare,89,40\ntypo,4x,40\n", encoding="utf-8")
    assert main(["check", str(bad), "--strict"], out=io.StringIO()) == 1
    # as a program: the shell sees the status
    res = subprocess.run(
        [sys.executable, "-m", "ldnstats", "check", str(FORMS), "--strict", "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 1 and res.stdout.startswith("id,kind,note,flags")


def test_cli_text_shows_every_kind_of_row():
    out = io.StringIO()
    main(["check", str(FORMS)], out=out)
    text = out.getvalue()
    for heading in ("== splits and shares", "== two arms' shares", "== continuous results", "== flags and errors"):
        assert heading in text
    assert "8/9; 16/18; 17/19; 24/27; 25/28; 31/35; 32/36; 33/37; 34/38" in text
    assert "14/16 vs 6/15: fisher" in text and "(more than 10)" in text and "(no group)" in text


def test_the_readme_example_is_a_table_check_reads_without_an_error():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Check a table of printed numbers", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    table = pd.read_csv(io.StringIO(block), dtype=str, keep_default_na=False)
    assert list(table.columns) == [c for c in check.COLUMNS if c in table.columns]  # every column is one check knows
    assert set(check.COLUMNS) - set(table.columns) == {"sides"}  # and it shows all but one of them
    out = check_table(table).set_index("id")
    assert (out["error"] == "").all()
    assert out.loc["share", "splits"] == "8/9; 16/18; 17/19; 24/27; 25/28; 31/35; 32/36; 33/37; 34/38"
    assert out.loc["resp_a", "flags"].startswith("no common denominator") and out.loc["final", "flags"] == (
        "no problem found"
    )
    assert set(out["kind"]) == {"split", "two-arm", "continuous"}

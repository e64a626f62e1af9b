"""Tests for ldnstats.ldn.tables: the book's result tables and figures, and their data dictionary."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ldnstats import plots, report  # noqa: E402
from ldnstats.ldn import tables  # noqa: E402


def test_data_dictionary_names_every_column_of_every_table():
    table_map = tables.tables()
    text = report.data_dictionary(table_map, descriptions=tables.TABLE_DESCRIPTIONS, columns=tables.column_notes())
    for name, frame in table_map.items():
        section = text.split(f"## {name}.csv\n")[1].split("\n## ")[0]
        assert section.strip().splitlines()[0] == tables.TABLE_DESCRIPTIONS[name]
        rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
        named = [n for n in frame.index.names if n is not None]
        assert [r.split(" | ")[0][2:] for r in rows] == [str(c) for c in [*named, *frame.columns]]
        assert all(r.split(" | ")[2].strip() for r in rows)  # every column has a meaning
    assert "| p_value | column | p-value | probability (0 to 1) |" in text
    assert "| improvement_min | column | improvement, smallest (points) | points |" in text
    assert set(tables.TABLE_DESCRIPTIONS) == set(table_map)


def test_the_ucsf_power_columns_are_numbers_of_patients():
    text = report.data_dictionary(
        {"ucsf_power": tables.tables()["ucsf_power"]}, columns=tables.column_notes(), descriptions={}
    )
    # the UCSF crossover printed 60 analysed and 80 enrolled (Cree 2010)
    assert (
        "| 60 | column | power with 60 patients (paired t-test, two-sided, 5% level) | probability (0 to 1) |" in text
    )
    assert "| 80 | column | power with 80 patients" in text


def test_every_report_figure_has_a_caption():
    figs = tables.figures()
    for name, fig in figs.items():
        text = plots.figure_text(fig)
        assert text.caption and text.alt_text, name
    plt.close("all")

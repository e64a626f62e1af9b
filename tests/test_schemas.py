"""Tests for ldnstats.schemas: what each curated table must hold, and its re-export through ldnstats.data.

The schemas are exercised mostly through the loaders (tests/test_data.py: bad cells, cross-column
checks, deleted rows); these are the tests about the definitions themselves.
"""

from __future__ import annotations

from ldnstats import data, schemas


def test_data_error_is_a_value_error():
    assert issubclass(schemas.DataError, ValueError)
    assert issubclass(data.DataError, ValueError)


def test_data_re_exports_every_schema_name_as_the_same_object():
    assert set(schemas.__all__) <= set(data.__all__)
    assert [n for n in schemas.__all__ if getattr(data, n) is not getattr(schemas, n)] == []


def test_every_table_has_a_schema_and_checks_only_known_tables():
    assert set(schemas.SCHEMAS) == set(data.TABLES)
    assert set(schemas.ROW_CHECKS) <= set(schemas.SCHEMAS)
    assert set(schemas.TABLE_CHECKS) <= set(schemas.SCHEMAS)


def test_required_facts_and_stages_are_those_the_tables_hold():
    t = data.trials()
    assert {k: set(v) for k, v in schemas.REQUIRED_FACTS.items()} == {
        k: set(g) - ({"n_analysed"} if k == "italian_pilot" else set()) for k, g in t.groupby("trial_id")["fact"]
    }
    f = data.participant_flow()
    f = f[f["reason"] == ""]
    assert {k: set(v) for k, v in schemas.REQUIRED_FLOW_STAGES.items()} == {
        k: set(g) for k, g in f.groupby("trial_id")["stage"]
    }

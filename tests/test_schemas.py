"""Tests for ldnstats.schemas: what each curated table must hold, and its re-export through ldnstats.data.

The schemas are exercised mostly through the loaders (tests/test_data.py: bad cells, cross-column
checks, deleted rows); these are the tests about the definitions themselves.
"""

from __future__ import annotations

from pathlib import Path

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


def test_required_facts_are_declared_by_design_kind_in_the_vocabulary():
    assert set(schemas.REQUIRED_FACTS) == set(schemas.DESIGN_KINDS)
    assert all(set(v) <= set(schemas.FACTS) for v in schemas.REQUIRED_FACTS.values())
    assert set(schemas.REQUIRED_FLOW_STAGES) <= set(schemas.FLOW_STAGES)
    t = data.trials()
    kinds = t[t["fact"] == "design_kind"].set_index("trial_id")["value"]
    for trial, facts in t.groupby("trial_id")["fact"]:
        assert set(schemas.REQUIRED_FACTS[kinds[trial]]) <= set(facts), trial


def test_no_id_of_the_data_is_written_in_the_schemas_or_the_command_line():
    """The valid trial, outcome, instrument and study ids are the rows present, never a list in code."""
    ids = set(data.trials()["trial_id"]) | set(data.outcomes()["outcome_id"]) | set(data.claims()["claim_id"])
    ids |= set(data.instruments()["instrument_id"]) | set(data.arms()["arm"])
    ids |= set(data.later_studies()["study_id"]) | set(data.placebo_responses()["reference_id"])
    root = Path(schemas.__file__).parent
    text = (root / "schemas.py").read_text(encoding="utf-8")
    assert [i for i in sorted(ids) if f'"{i}"' in text] == []
    cli = (root / "cli.py").read_text(encoding="utf-8")
    assert [i for i in sorted(ids) if f'"{i}"' in cli] == []

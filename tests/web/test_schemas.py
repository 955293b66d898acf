"""Response schemas mirrored from the report's view records."""

import dataclasses

import pytest
from pydantic import ValidationError

from detente.web.schemas import ComparisonOut, mirror


@dataclasses.dataclass(frozen=True)
class Sample:
    """A record of the test's own."""

    key: str
    """Its key."""
    values: tuple[float, ...]
    """Numbers, a tuple in the record."""
    note: str | None
    """May be None."""
    label: str
    """A required label."""
    count: int = 3
    """Has a default."""
    hidden: str = "x"


def test_mirror_takes_types_defaults_and_docstrings_from_the_record():
    out = mirror(Sample, exclude=("hidden",), defaults={"label": ""})
    assert out.__name__ == "SampleOut" and out.__doc__ == "A record of the test's own."
    fields = out.model_fields
    assert list(fields) == ["key", "values", "note", "label", "count"]
    assert fields["values"].annotation == list[float]
    assert fields["values"].description == "Numbers, a tuple in the record."
    assert [n for n, f in fields.items() if f.is_required()] == ["key", "values"]
    row = out(key="k", values=(1, 2.5), extra="ignored")
    assert row.model_dump() == {
        "key": "k",
        "values": [1.0, 2.5],
        "note": None,
        "label": "",
        "count": 3,
    }
    with pytest.raises(ValidationError):
        out(values=[1.0])


def test_mirror_overrides_and_requires_what_it_is_told():
    out = mirror(Sample, only=("key", "note"), types={"key": int}, required=("note",), name="X")
    assert out.__name__ == "X" and list(out.model_fields) == ["key", "note"]
    assert out.model_fields["note"].is_required()
    with pytest.raises(ValidationError):
        out(key="not a number", note=None)


def test_the_comparison_schema_leaves_the_runs_out():
    assert "results" not in ComparisonOut.model_fields
    assert ComparisonOut.model_fields["models"].description

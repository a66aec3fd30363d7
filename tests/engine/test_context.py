"""The resident (in-memory catalog) form of courses: equal to the originals, compact, and
read-only."""

from __future__ import annotations

import pytest

from coursestack.domain import Course, Effort, Price, PriceModel
from coursestack.engine.context import resident


def _course(cid: str, hours: float, amount: float) -> Course:
    return Course.model_validate(
        {
            "id": cid,
            "title": f"Course {cid}",
            "platform": "coursera",
            "effort": {"hours": hours},
            "price": {"model": "one-time", "amount": amount, "currency": "USD"},
            "teaches": {"python": 2},
        }
    )


def test_resident_courses_equal_the_originals() -> None:
    originals = [_course("a", 10, 49), _course("b", 12, 49)]
    kept = resident(originals)
    assert list(kept) == ["a", "b"]
    for original in originals:
        assert kept[original.id] == original
        assert kept[original.id].model_dump() == original.model_dump()
        assert kept[original.id].model_fields_set == original.model_fields_set


def test_equal_value_objects_and_field_name_sets_are_shared() -> None:
    kept = resident([_course("a", 10, 49), _course("b", 10, 49), _course("c", 11, 49)])
    assert kept["a"].effort is kept["b"].effort
    assert kept["a"].effort is not kept["c"].effort
    assert kept["a"].price is kept["b"].price is kept["c"].price
    assert kept["a"].model_fields_set is kept["c"].model_fields_set


def test_value_objects_are_immutable_and_resident_courses_refuse_writes() -> None:
    with pytest.raises(ValueError):
        Effort(hours=3).hours = 4  # type: ignore[misc]
    with pytest.raises(ValueError):
        Price(model=PriceModel.FREE).amount = 1  # type: ignore[misc]
    kept = resident([_course("a", 10, 49)])
    with pytest.raises(AttributeError):
        kept["a"].title = "changed"


def test_the_callers_courses_are_left_as_they_were() -> None:
    original = _course("a", 10, 49)
    effort, names = original.effort, original.model_fields_set
    kept = resident([original, _course("b", 10, 49)])
    assert original.effort is effort and original.model_fields_set == names
    original.title = "still writable"  # the caller's object is not the resident one
    assert kept["a"].title == "Course a"


def test_equal_lists_and_empty_dicts_are_shared_read_only_and_copy_as_plain() -> None:
    import copy
    import pickle

    a, b = _course("a", 10, 49), _course("b", 12, 49)
    a.sources, b.sources = ["udemy.csv"], ["udemy.csv"]
    kept = resident([a, b])
    assert kept["a"].sources is kept["b"].sources == ["udemy.csv"]
    assert kept["a"].assumes is kept["b"].assumes == {}
    assert kept["a"].teaches == {"python": 2}  # a non-empty dict stays the course's own
    with pytest.raises(TypeError):
        kept["a"].sources.append("x")
    with pytest.raises(TypeError):
        kept["a"].assumes["python"] = 1  # type: ignore[assignment]
    assert kept["b"].sources == ["udemy.csv"] and kept["b"].assumes == {}
    # a copy is its taker's own, writable
    for other in (copy.deepcopy(kept["a"]), pickle.loads(pickle.dumps(kept["a"]))):
        other.sources.append("x")
        other.assumes["python"] = 1  # type: ignore[assignment]
        assert other.sources == ["udemy.csv", "x"]
    assert kept["a"].sources == ["udemy.csv"] and kept["a"].model_dump() == a.model_dump()

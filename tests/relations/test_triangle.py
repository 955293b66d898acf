import pytest

from detente.errors import InputError
from detente.relations.triangle import classify, triangle, triangle_overall
from tests.relations.conftest import make_events

S = ("USA", "RUS", "CHN")


def signs(ur, uc, rc):
    return {("USA", "RUS"): ur, ("USA", "CHN"): uc, ("RUS", "CHN"): rc}


@pytest.mark.parametrize(
    ("s", "kind", "roles"),
    [
        (signs(1, 1, 1), "menage_a_trois", {"USA": "partner", "RUS": "partner", "CHN": "partner"}),
        (signs(1, 1, -1), "romantic_triangle", {"USA": "pivot", "RUS": "wing", "CHN": "wing"}),
        (signs(1, -1, 1), "romantic_triangle", {"USA": "wing", "RUS": "pivot", "CHN": "wing"}),
        (
            signs(-1, -1, 1),
            "stable_marriage",
            {"USA": "outcast", "RUS": "partner", "CHN": "partner"},
        ),
        (
            signs(-1, -1, -1),
            "unit_veto",
            {"USA": "adversary", "RUS": "adversary", "CHN": "adversary"},
        ),
        (signs(1, 0, 1), "undetermined", {}),
    ],
)
def test_dittmer_types_and_roles(s, kind, roles):
    assert classify(s, S) == (kind, roles)


def test_periods_with_carry_forward(events):
    tri = triangle(events, ("usa", "rus", "chn"), freq="M")
    feb, mar = tri.iloc[0], tri.iloc[1]
    # Feb: USA-RUS +4, USA-CHN -3, RUS-CHN +2.5 -> Russia pivots between two hostile wings
    assert (feb["type"], feb["pivot"], feb["role_USA"]) == ("romantic_triangle", "RUS", "wing")
    assert feb["label"] == "romantic triangle"
    # Mar: USA-RUS -6 while the other two carry their February signs -> stable marriage
    assert mar["type"] == "stable_marriage" and mar["role_USA"] == "outcast"
    assert sorted(mar["carried"]) == ["RUS-CHN", "USA-CHN"]


def test_without_carry_forward_missing_dyads_are_undetermined(events):
    tri = triangle(events, S, freq="M", carry_forward=False)
    assert tri["type"].tolist() == ["romantic_triangle", "undetermined"]


def test_overall_triangle(events):
    t = triangle_overall(events, S)
    assert t["scores"] == {"USA-RUS": -2.0, "USA-CHN": -3.0, "RUS-CHN": 2.5}
    assert t["type"] == "stable_marriage" and t["roles"]["USA"] == "outcast"


def test_triangle_needs_three_different_states():
    ev = make_events([])
    with pytest.raises(InputError, match="three different states"):
        triangle(ev, ("USA", "usa", "CHN"))
    with pytest.raises(InputError, match="three states"):
        triangle_overall(ev, ("USA", "RUS"))
    assert triangle(ev, S).empty


def test_undated_period_does_not_inherit_signs():
    ev = make_events(
        [
            ("AGREE", None, "USA", "RUS", "2025-02-03", None, "They agreed."),
            ("AGREE", None, "USA", "CHN", "2025-02-04", None, "They agreed."),
            ("REJECT", None, "RUS", "CHN", "2025-02-05", None, "It was rejected."),
            ("AGREE", None, "USA", "RUS", None, None, "Undated accord."),
        ]
    )
    tri = triangle(ev, S, freq="M")
    assert tri["type"].tolist() == ["romantic_triangle", "undetermined"]
    assert tri["pivot"].iloc[0] == "USA" and tri["carried"].iloc[1] == []

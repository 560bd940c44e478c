"""Values shown as tables in notebooks: the rule registry and the scorecard."""

from __future__ import annotations

import pickle

import pytest

from tthc.rules import registry


def test_the_registry_is_a_tuple_with_a_short_repr_and_a_frame() -> None:
    rules = registry()
    assert isinstance(rules, tuple)
    assert len(repr(rules)) < 200
    assert repr(rules).startswith(f"<{len(rules)} rules:")
    assert pickle.loads(pickle.dumps(rules)) == tuple(rules)
    html = rules._repr_html_()
    assert html.count("<tr>") <= 51
    pd = pytest.importorskip("pandas")
    frame = rules.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [
        "collection",
        "what",
        "value",
        "valid_from",
        "valid_until",
        "citation",
        "confidence",
    ]
    assert len(frame) == len(rules)
    assert set(frame["confidence"]) <= {"primary", "secondary", "unconfirmed"}


def test_the_registry_frame_in_other_kinds() -> None:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    rules = registry(confidence="unconfirmed")
    assert isinstance(rules.to_frame("polars"), pl.DataFrame)
    assert rules.to_frame("arrow").num_rows == len(rules)


def test_scorecard_repr_is_short_and_html_exists() -> None:
    pytest.importorskip("pandas")
    import datetime as dt

    from tthc import catalogue
    from tthc.deadlines import VIETNAM
    from tthc.model import Channel, Dossier, Received, Returned
    from tthc.scorecard import Period, scorecard

    at = dt.datetime(2026, 9, 3, 9, tzinfo=VIETNAM)
    dossier = Dossier(
        procedure=catalogue.get("1.004222"),
        channel=Channel.ONLINE,
        events=[Received(at), Returned(at + dt.timedelta(days=2))],
    )
    card = scorecard([dossier], period=Period.month(2026, 9))
    assert len(repr(card)) < 200
    assert "<table>" in card._repr_html_()
    frame = card.to_frame()
    assert "share_percent" in frame.columns
    assert all(name == name.lower() and " " not in name for name in frame.columns)

"""Hypothesis strategies for the levels types (imports hypothesis; not imported by tthc.levels).

For the public ``tthc.strategies`` module to re-export; tests use them too.

>>> from tthc.levels import OnlineFacts
>>> isinstance(online_facts().example(), OnlineFacts)  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from tthc.levels._facts import OnlineFacts
from tthc.model import Channel, PartialReason, ProactiveLevel

__all__ = ["online_facts", "regime_dates"]

_TRI = st.sampled_from([True, False, None])


def online_facts() -> st.SearchStrategy[OnlineFacts]:
    """Any :class:`OnlineFacts`: every fact ``True``, ``False`` or unknown."""
    return st.builds(
        OnlineFacts,
        published=_TRI,
        forms_downloadable=_TRI,
        online_submission=_TRI,
        electronic_dossier=_TRI,
        fee_applies=_TRI,
        online_payment=_TRI,
        paper_required=_TRI,
        presence_required=_TRI,
        on_site_verification=_TRI,
        electronic_result=_TRI,
        result_channels=st.none()
        | st.lists(st.sampled_from(list(Channel)), max_size=3, unique=True).map(tuple),
        partial_reason=st.none() | st.sampled_from(list(PartialReason)),
        proactive_level=st.none() | st.sampled_from(list(ProactiveLevel)),
    )


def regime_dates() -> st.SearchStrategy[dt.date]:
    """Dates on which some regime is in force (1/10/2011 – 31/12/2035)."""
    return st.dates(min_value=dt.date(2011, 10, 1), max_value=dt.date(2035, 12, 31))

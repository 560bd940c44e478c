"""The portal vocabulary is package data, loaded strictly."""

from __future__ import annotations

import copy
import importlib.resources
import json
from typing import Any

import pytest

from tthc.errors import ValidationError
from tthc.model import AdministrativeTier, Channel, ProcedureType
from tthc.sources._vocabulary import VOCABULARY, load_vocabulary

DATA: dict[str, Any] = json.loads(
    (importlib.resources.files("tthc.sources") / "data" / "portal.json").read_text("utf-8")
)


def test_shipped_vocabulary() -> None:
    assert load_vocabulary(copy.deepcopy(DATA)) == VOCABULARY
    assert VOCABULARY.tiers["Cơ quan khác"] is AdministrativeTier.OTHER
    assert VOCABULARY.channels["Dịch vụ bưu chính"] is Channel.POSTAL
    assert VOCABULARY.procedure_types["Loại khác"] is None
    assert (
        VOCABULARY.procedure_types["TTHC được giao luật quy định chi tiết"]
        is ProcedureType.ASSIGNED_REGULATION
    )
    assert "chatbot-tthc/chatbot_tthc" in VOCABULARY.source
    with pytest.raises(TypeError):
        VOCABULARY.headings["code"] = ()  # type: ignore[index]


def test_every_problem_is_reported_with_its_key() -> None:
    data = copy.deepcopy(DATA)
    del data["no_information"]
    data["surprise"] = 1
    data["tiers"]["Cấp huyện"] = "county"
    data["headings"]["code"] = "Mã thủ tục"
    with pytest.raises(ValidationError) as info:
        load_vocabulary(data)
    paths = sorted(p.path for p in info.value.problems)
    assert paths == [
        "$.headings.code",
        "$.no_information",
        "$.page_sections[1]",  # its field, "code", is no longer a valid heading entry
        "$.surprise",
        "$.tiers.Cấp huyện",
    ]
    with pytest.raises(ValidationError):
        load_vocabulary([])

"""The one-stop forms (biểu mẫu) each lifecycle step produces, in both numberings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from tthc._labels import LabelledEnum
from tthc._tables import CitationRecord, read_table
from tthc.rules import Rule, Rules

__all__ = ["FORM_NUMBERING", "FormNumbering", "OneStopForm", "form_number", "form_title"]


class OneStopForm(LabelledEnum):
    """A form of the one-stop mechanism.

    Circular 01/2018/TT-VPCP Art. 9; Circular 03/2025/TT-VPCP Annex I.
    """

    RECEIPT = (
        "receipt",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "Receipt and appointment slip",
    )
    SUPPLEMENT_REQUEST = (
        "supplement_request",
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Request to supplement the dossier",
    )
    REFUSAL = (
        "refusal",
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "Refusal to receive the dossier",
    )
    APOLOGY = (
        "apology",
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
        "Apology and extension request",
    )
    STOP_NOTICE = ("stop_notice", "Thông báo dừng giải quyết hồ sơ", "Notice of stopping")
    PROCESS_CONTROL = (
        "process_control",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "Process control slip",
    )
    TRACKING_BOOK = ("tracking_book", "Sổ theo dõi hồ sơ", "Dossier tracking book")


class FormNumbering(LabelledEnum):
    """Which circular numbers the forms."""

    CIRCULAR_01_2018 = ("circular_01_2018", "Thông tư 01/2018/TT-VPCP", "Circular 01/2018/TT-VPCP")
    CIRCULAR_03_2025 = ("circular_03_2025", "Thông tư 03/2025/TT-VPCP", "Circular 03/2025/TT-VPCP")


@attrs.frozen
class _Window:
    numbering: FormNumbering
    citation: CitationRecord
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@attrs.frozen
class _FormTable:
    """``data/forms.json``: numbers and titles per numbering, and when each applies."""

    numbers: dict[FormNumbering, dict[OneStopForm, str]]
    titles: dict[FormNumbering, dict[OneStopForm, str]]
    windows: tuple[_Window, ...]


_TABLE = read_table("tthc.dossiers", "forms.json", _FormTable)
_NUMBERS: Mapping[FormNumbering, Mapping[OneStopForm, str]] = MappingProxyType(
    {k: MappingProxyType(v) for k, v in _TABLE.numbers.items()}
)
_TITLES: Mapping[FormNumbering, Mapping[OneStopForm, str]] = MappingProxyType(
    {k: MappingProxyType(v) for k, v in _TABLE.titles.items()}
)

#: Which numbering applies on a date (``data/forms.json``). Circular 01/2018/TT-VPCP
#: Art. 9 (forms 01–06) from its entry into force, 6/1/2019 (Pháp điển copy,
#: read). Circular 03/2025/TT-VPCP Annex I (forms 01–07, the stop notice as 05)
#: is dated 15/9/2025; its own entry into force was not found, so it is applied
#: from that date, the earliest it can apply (unconfirmed: pass your own
#: ``Rules`` to switch later). Between 1/7/2025 (Decree 118/2025/NĐ-CP) and
#: 14/9/2025 no new forms existed yet: the 2018 numbering is kept, under an
#: unconfirmed citation, since the circular guided the repealed Decree
#: 61/2018/NĐ-CP.
FORM_NUMBERING: Rules[FormNumbering] = Rules(
    [
        Rule(
            w.numbering,
            valid_from=w.valid_from,
            valid_until=w.valid_until,
            citation=w.citation.to_citation(),
        )
        for w in _TABLE.windows
    ],
    what="one-stop form numbering",
    exclusive=True,
)


def form_number(
    form: OneStopForm, on: dt.date, *, numbering: Rules[FormNumbering] = FORM_NUMBERING
) -> str | None:
    """The form's number ("Mẫu 05") under the numbering in force on ``on``.

    ``None`` when that numbering has no such form (Circular 01/2018 had no stop
    notice).

    >>> import datetime as dt
    >>> form_number(OneStopForm.PROCESS_CONTROL, dt.date(2024, 1, 15))
    '05'
    >>> form_number(OneStopForm.PROCESS_CONTROL, dt.date(2026, 1, 15))
    '06'
    >>> form_number(OneStopForm.STOP_NOTICE, dt.date(2024, 1, 15)) is None
    True
    >>> form_number(OneStopForm.STOP_NOTICE, dt.date(2025, 7, 15)) is None  # before 03/2025
    True
    """
    _check_form_args(form, on, numbering)
    return _NUMBERS[numbering.at(on).value].get(form)


def form_title(
    form: OneStopForm, on: dt.date, *, numbering: Rules[FormNumbering] = FORM_NUMBERING
) -> str:
    """The form's title under the numbering in force on ``on``.

    >>> import datetime as dt
    >>> form_title(OneStopForm.APOLOGY, dt.date(2024, 1, 15))
    'Phiếu xin lỗi và hẹn lại ngày trả kết quả'
    """
    _check_form_args(form, on, numbering)
    return _TITLES[numbering.at(on).value].get(form, form.vi)


def _check_form_args(form: object, on: object, numbering: object) -> None:
    from tthc.dossiers._inputs import check_date, check_instance

    check_instance(form, OneStopForm, "form", "a tthc.dossiers.OneStopForm")
    check_date(on)
    check_instance(numbering, Rules, "numbering", "a tthc.rules.Rules[FormNumbering]")

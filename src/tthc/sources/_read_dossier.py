"""Reading a record's dossier: cases, components and their counts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tthc.errors import ParseError
from tthc.model import (
    DossierCase,
    DossierComponent,
    Severity,
)
from tthc.sources._glued import (
    split_dossier_table,
)
from tthc.sources._keys import normal_key
from tthc.sources._quantities import parse_quantity
from tthc.sources._reader import (
    _CASE_INDEX,
    _DOSSIER_INDEX,
    ReaderBase,
    _is_placeholder,
    _key_path,
    _short,
)
from tthc.sources._text import clean_text

_COUNT_FIELDS = ("originals", "copies", "certified_copies")
# Where a document's counts start in its text: "01 bản chính", "Bản chính: 1 - Bản sao: 0".
_QUANTITY_IN_TEXT = re.compile(
    r"(?i)(?<!\w)(?:[0-9]{1,2}\s*(?:\([^()]{1,12}\)\s*)?bản\s+(?:chính|sao)|bản\s+(?:chính|sao)\s*:)"
)
_QUANTITY_TAIL = 120  # counts are stated at the end of the document's text
_BULLET = re.compile(r"^[\s\-–+•*]+")


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


_QTY = ("qty", "quantity", "value", "so luong")


class DossierReader(ReaderBase):
    """Dossier cases (trường hợp) and components (thành phần hồ sơ)."""

    # -- dossier -------------------------------------------------------------

    def dossier(self, value: object, path: str, sets: int | None) -> list[DossierCase]:
        """Cases from a list of rows, a list of cases, or a mapping of case name to rows."""
        cases: list[DossierCase | None] = []
        if isinstance(value, str):
            return self.glued_dossier(value, path, sets)
        if isinstance(value, Mapping):
            for name, rows in value.items():
                key_path = _key_path(path, name)
                case_name = self.text(name, key_path) if isinstance(name, str) else None
                cases.append(self.case(case_name, rows, key_path, sets))
        elif (
            isinstance(value, list)
            and value
            and all(
                isinstance(g, Mapping)
                and any(
                    isinstance(k, str) and _CASE_INDEX.get(normal_key(k)) == "components" for k in g
                )
                for g in value
            )
        ):
            for i, group in enumerate(value):
                group_path = _key_path(path, i)
                cols = self.columns(group, group_path, _CASE_INDEX)
                name = self.text(*cols["name"]) if "name" in cols else None
                case_sets = (self.sets(*cols["sets"]) if "sets" in cols else None) or sets
                rows, rows_path = cols.get("components", (None, group_path))
                cases.append(self.case(name, rows, rows_path, case_sets))
        else:
            cases.append(self.case(None, value, path, sets))
        return [case for case in cases if case is not None]

    def glued_dossier(self, value: str, path: str, sets: int | None) -> list[DossierCase]:
        """Cases from the dossier tables a scraper glued together (see :mod:`._glued`)."""
        text = clean_text(value)
        if _is_placeholder(text):
            return []
        tables = split_dossier_table(text)
        if tables is None:
            # an old portal's text: one document per line or ";", counts in its words
            items = [i for i in (_strip_bullet(p) for p in re.split(r"[;\n]", text)) if i]
            components = [self.component_text(item, path) for item in items]
            self.add(
                "dossier-as-text",
                f"no dossier table (Tên giấy tờ, Mẫu đơn, Số lượng): {len(components)} "
                "documents read one per line, their counts from their words where stated",
                path,
                severity=Severity.INFO,
            )
            return [DossierCase(components=components, sets=sets or 1)] if components else []
        cases: list[DossierCase] = []
        for table in tables:
            components = []
            for row in table.components:
                if row.form_glued:
                    self.add(
                        "form-glued-to-name",
                        f"the form file name is glued to the document name in {row.name!r}; "
                        "kept together as the name",
                        path,
                        severity=Severity.INFO,
                    )
                components.append(self.counted(row.name, row.form, row.quantity, path))
            if table.leftover is not None:
                self.add(
                    "dossier-text-outside-table",
                    f"text after the last dossier row, not read: {_short(table.leftover)!r}",
                    path,
                    severity=Severity.INFO,
                )
            if components or table.name is not None:
                cases.append(DossierCase(components=components, name=table.name, sets=sets or 1))
        return cases

    def counted(self, name: str, form: str | None, quantity: str, path: str) -> DossierComponent:
        try:
            q = self.parsed("quantity", parse_quantity, quantity)
        except ParseError as e:
            self.add(
                "unreadable-quantity",
                f"quantity {_short(quantity, 120)!r} for {_short(name, 120)!r} not read "
                f"({e.expected}); its counts are recorded as not stated",
                path,
            )
            return DossierComponent(
                name=name, form=form, originals=None, copies=None, certified_copies=None
            )
        return DossierComponent(
            name=name,
            form=form,
            originals=q.originals,
            copies=q.copies,
            certified_copies=q.certified_copies,
        )

    def component_text(self, text: str, path: str) -> DossierComponent:
        """A document named in text, its counts read from its words ("…: 01 bản chính").

        Counts the text does not state are ``None`` (not stated).
        """
        m = _QUANTITY_IN_TEXT.search(text, max(0, len(text) - _QUANTITY_TAIL))
        if m is not None:
            quantity = text[m.start() :].strip(" .;)")
            try:
                q = self.parsed("quantity", parse_quantity, quantity)
            except ParseError:
                q = None
            name = text[: m.start()].rstrip(" :(-–,")
            if q is not None and name:
                return DossierComponent(
                    name=name,
                    originals=q.originals,
                    copies=q.copies,
                    certified_copies=q.certified_copies,
                )
        return DossierComponent(name=text, originals=None, copies=None, certified_copies=None)

    def case(
        self, name: str | None, rows: object, path: str, sets: int | None
    ) -> DossierCase | None:
        if isinstance(rows, list) and any(isinstance(r, str) for r in rows):
            # documents named in text, rows, or both
            found: list[DossierComponent | None] = []
            for i, item in enumerate(rows):
                item_path = _key_path(path, i)
                if isinstance(item, Mapping):
                    found.append(self.component(item, item_path))
                elif (text := self.text(item, item_path)) and not _is_placeholder(text):
                    found.append(self.component_text(text, item_path))
            components = [c for c in found if c is not None]
        else:
            components = [
                component
                for row, row_path in self.rows(rows, path, "dossier")
                if (component := self.component(row, row_path)) is not None
            ]
        if not components and name is None:
            return None
        return DossierCase(components=components, name=name, sets=sets or 1)

    def component(self, row: Mapping[Any, Any], path: str) -> DossierComponent | None:
        cols = self.columns(row, path, _DOSSIER_INDEX)
        name = self.text(*cols["name"]) if "name" in cols else None
        if name is None:
            self.add(
                "missing-document-name",
                f"dossier row without a document name (Tên giấy tờ): {_short(dict(row))}",
                path,
            )
            return None
        form = self.text(*cols["form"]) if "form" in cols else None
        if any(k in cols for k in _COUNT_FIELDS):
            return self.typed_counts(name, form, cols)
        quantity_value, quantity_path = cols.get("quantity", (None, _key_path(path, "Số lượng")))
        if isinstance(quantity_value, Mapping):  # a typed cell {"qty": 1, "unit": "bản chính"}
            by_key = {normal_key(k): v for k, v in quantity_value.items() if isinstance(k, str)}
            qty = next(
                (by_key[k] for k in ("qty", "quantity", "value", "so luong") if k in by_key), None
            )
            unit = next((by_key[k] for k in ("unit", "type", "don vi") if k in by_key), None)
            quantity_value = f"{qty} {unit}" if qty is not None and unit is not None else None
        elif isinstance(quantity_value, int) and not isinstance(quantity_value, bool):
            self.add(
                "quantity-kind-lost",
                f"the quantity of {_short(name, 120)!r} is a bare {quantity_value}: it does not "
                "say originals or copies; its counts are recorded as not stated",
                quantity_path,
                severity=Severity.WARNING,
            )
            return DossierComponent(
                name=name, form=form, originals=None, copies=None, certified_copies=None
            )
        quantity = self.text(quantity_value, quantity_path)
        if quantity is not None:
            return self.counted(name, form, quantity, quantity_path)
        self.add(
            "missing-quantity",
            f"no quantity (Số lượng) for {_short(name, 120)!r}; its counts are recorded as "
            "not stated",
            quantity_path,
            severity=Severity.WARNING,
        )
        return DossierComponent(
            name=name, form=form, originals=None, copies=None, certified_copies=None
        )

    def typed_counts(
        self, name: str, form: str | None, cols: Mapping[str, tuple[object, str]]
    ) -> DossierComponent:
        """Counts given as numbers (the API's ``originalQty``, ``copyQty``), taken as they are.

        As with a quantity in words ("01 bản chính"), a kind the row gives no
        count for is 0 beside the counts it gives (the row states what to file).
        """
        counts: dict[str, int | None] = {}
        for field in _COUNT_FIELDS:
            value, count_path = cols.get(field, (None, ""))
            if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
                value = int(value.strip())
            if value is None:
                counts[field] = None
            elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                counts[field] = value
            else:
                self.add(
                    "unreadable-quantity",
                    f"{field} of {_short(name, 120)!r}: expected a whole number, got "
                    f"{_short(value)}; recorded as not stated",
                    count_path,
                )
                counts[field] = None
        if any(v is not None for v in counts.values()):
            counts = {k: 0 if v is None and k not in cols else v for k, v in counts.items()}
        return DossierComponent(
            name=name,
            form=form,
            originals=counts["originals"],
            copies=counts["copies"],
            certified_copies=counts["certified_copies"],
        )

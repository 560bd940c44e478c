"""Reading a record's dossier: cases, components and their counts."""

from __future__ import annotations

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
                and any(isinstance(k, str) and normal_key(k) in _CASE_INDEX for k in g)
                and not any(isinstance(k, str) and normal_key(k) in _DOSSIER_INDEX for k in g)
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
            self.add(
                "unreadable-dossier",
                f"no dossier table (Tên giấy tờ, Mẫu đơn, Số lượng) in {_short(text)!r}; "
                "kept here as published",
                path,
            )
            return []
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
        counts = {"originals": 0, "copies": 0, "certified_copies": 0}
        try:
            q = parse_quantity(quantity)
            counts = {
                "originals": q.originals,
                "copies": q.copies,
                "certified_copies": q.certified_copies,
            }
        except ParseError as e:
            self.add(
                "unreadable-quantity",
                f"quantity {_short(quantity, 120)!r} for {_short(name, 120)!r} not read "
                f"({e.expected}); recorded as "
                "0 originals, 0 copies",
                path,
            )
        return DossierComponent(
            name=name,
            form=form,
            originals=counts["originals"],
            copies=counts["copies"],
            certified_copies=counts["certified_copies"],
        )

    def case(
        self, name: str | None, rows: object, path: str, sets: int | None
    ) -> DossierCase | None:
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
        quantity_value, quantity_path = cols.get("quantity", (None, _key_path(path, "Số lượng")))
        quantity = self.text(quantity_value, quantity_path)
        if quantity is not None:
            return self.counted(name, form, quantity, quantity_path)
        self.add(
            "missing-quantity",
            f"no quantity (Số lượng) for {_short(name, 120)!r}; recorded as 0 originals, 0 copies",
            quantity_path,
            severity=Severity.WARNING,
        )
        return DossierComponent(name=name, form=form, originals=0, copies=0)

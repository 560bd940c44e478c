"""``tthc serve``: the HTTP JSON service over the public API (extra ``serve``).

Built on FastAPI; every answer is a :mod:`tthc.serialization` shape and the
OpenAPI document (``/openapi.json``, in Vietnamese or English; pages at
``/docs`` and ``/redoc``, served offline from the package) carries the
generated JSON Schemas. Endpoints:

- ``GET /due?received=…&limit=…`` → :class:`~tthc.deadlines.DueDate`
  (``received`` day-first or ISO 8601, Vietnam time unless an offset is given;
  ``limit`` as published, Vietnamese or English, a bare number counting
  working days; optional ``hours``, ``end_of_day``);
- ``GET /calendar/{year}`` (days off, make-up days, working days per month) and
  ``GET /days/{date}`` → :class:`~tthc.deadlines.DayStatus`;
- ``GET /procedures?q=…`` (search), ``GET /procedures/{code}`` →
  :class:`~tthc.model.Procedure`, ``GET /procedures/{code}/level?on=…`` →
  :class:`~tthc.levels.Classification`;
- ``POST /dossiers/check?as_of=…`` with a :class:`~tthc.model.Dossier` body
  (``"procedure"`` may be a catalogue code) → the submission check and status.

Every error, whatever raised it (tthc, FastAPI's request validation, an
unknown route, a wrong method, a body over :data:`DEFAULT_MAX_BODY_BYTES`,
malformed JSON, a bug), is one RFC 9457 ``application/problem+json`` body
(:class:`ProblemDetails`) in the language of ``Accept-Language`` (``vi`` or
``en``, q-values honoured; ``vi`` by default), listing each bad item with its
path, what was expected and the value sent (cut to 120 characters).

>>> app = create_app()
>>> sorted(r.path for r in app.routes if r.path.startswith(("/due", "/dossiers")))
['/dossiers/check', '/due']
"""

from __future__ import annotations

from tthc.service._app import create_app
from tthc.service._body import DEFAULT_MAX_BODY_BYTES
from tthc.service._problems import ProblemDetails, ProblemItem

__all__ = ["DEFAULT_MAX_BODY_BYTES", "ProblemDetails", "ProblemItem", "create_app"]

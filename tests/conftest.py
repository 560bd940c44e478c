"""Hypothesis profiles for the whole test suite, registered once here.

- ``ci`` (the default for the fuzz suite): a fixed, derandomised budget, so CI
  runs the same inputs every time and the whole of ``tests/fuzz`` stays
  around a minute on a small machine;
- ``deep``: at least 10^6 inputs per fuzz entry point, no database, for
  on-demand runs: ``TTHC_HYPOTHESIS_PROFILE=deep python -m pytest tests/fuzz``
  (see docs/fuzzing.md).

``TTHC_HYPOTHESIS_PROFILE`` selects the profile the fuzz tests use
(:data:`FUZZ_PROFILE`); the other property tests keep their own settings.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

#: The environment variable that selects the fuzz profile.
PROFILE_VARIABLE = "TTHC_HYPOTHESIS_PROFILE"

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "deep",
    max_examples=1_000_000,
    deadline=None,
    database=None,
    suppress_health_check=_SLOW,
)

#: The profile the fuzz suite runs under.
FUZZ_PROFILE = os.environ.get(PROFILE_VARIABLE, "ci")
if FUZZ_PROFILE not in ("ci", "deep"):
    raise RuntimeError(f"{PROFILE_VARIABLE} must be 'ci' or 'deep', not {FUZZ_PROFILE!r}")


def pytest_configure(config: pytest.Config) -> None:
    """Keep a failing (or xfailing) hypothesis test from ending the whole run.

    When a hypothesis test fails, its pytest plugin imports libcst (if
    installed) to suggest a patch, which emits a DeprecationWarning from
    mypy_extensions; under ``filterwarnings = error`` that is an INTERNALERROR
    that stops the session and hides the real failure.
    """
    config.addinivalue_line(
        "filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
    )

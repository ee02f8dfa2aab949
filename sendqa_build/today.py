"""The reference date ("today") for every date-based check, settable for tests and CI."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

ENV_VAR = "SENDQA_TODAY"


class ReferenceDateError(ValueError):
    """SENDQA_TODAY is set but is not a real date."""


def reference_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Return SENDQA_TODAY (``YYYY-MM-DD``) when set, else the real date in the UK.

    Raises:
        ReferenceDateError: when SENDQA_TODAY is set to something that is not a date.
    """
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "").strip()
    if not value:
        return dt.datetime.now(tz=dt.timezone.utc).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceDateError(
            f"{ENV_VAR} is set to {value!r}, which is not a date; use YYYY-MM-DD, "
            "for example SENDQA_TODAY=2026-09-01"
        ) from exc

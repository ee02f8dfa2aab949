"""Remembering link check outcomes between builds, so repeated builds and ``mkdocs serve`` do not
ask the same sites again.

No clock: the plugin passes ``now`` in.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sendqa_build.core.links import UNVERIFIED, Outcome


@dataclass
class LinkCache:
    """Outcomes by canonical address, each with when it was checked (UTC).

    Unverified outcomes (timeouts, rate limits, server faults) are kept for a shorter time than
    the others, so a site that was down is asked again soon, but not on every build.
    """

    entries: dict[str, tuple[Outcome, dt.datetime]] = field(default_factory=dict)

    VERSION = 1

    @classmethod
    def loads(cls, text: str) -> LinkCache:
        """Read the cache file's text; a damaged file gives an empty cache (it is rebuilt)."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # damaged, or nested thousands deep
            return cls()
        if not isinstance(data, dict) or data.get("version") != cls.VERSION:
            return cls()
        entries: dict[str, tuple[Outcome, dt.datetime]] = {}
        results = data.get("results")
        for url, item in (results if isinstance(results, dict) else {}).items():
            outcome = Outcome.from_dict(item)
            try:
                when = dt.datetime.fromisoformat(str(item.get("checked_at")))
            except (AttributeError, ValueError):
                continue
            if outcome is not None and when.tzinfo is not None:
                entries[str(url)] = (outcome, when)
        return cls(entries)

    def dumps(self) -> str:
        """The cache as JSON, in a stable order."""
        results = {
            url: {**outcome.as_dict(), "checked_at": when.isoformat(timespec="seconds")}
            for url, (outcome, when) in sorted(self.entries.items())
        }
        return json.dumps({"version": self.VERSION, "results": results}, indent=1) + "\n"

    def fresh(
        self, url: str, now: dt.datetime, ttl: dt.timedelta, unverified_ttl: dt.timedelta
    ) -> Outcome | None:
        """The cached outcome of ``url`` when it is younger than its time-to-live."""
        entry = self.entries.get(url)
        if entry is None:
            return None
        outcome, when = entry
        limit = unverified_ttl if outcome.status == UNVERIFIED else ttl
        return outcome if dt.timedelta(0) <= now - when < limit else None

    def put(self, url: str, outcome: Outcome, now: dt.datetime) -> None:
        """Remember an outcome checked at ``now``."""
        self.entries[url] = (outcome, now)

    def prune(self, now: dt.datetime, ttl: dt.timedelta) -> None:
        """Forget entries older than ``ttl`` so the file does not grow for ever."""
        self.entries = {u: e for u, e in self.entries.items() if now - e[1] < ttl}

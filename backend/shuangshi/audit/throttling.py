"""DRF's per-user and per-address rate limits, counted in one statement a request.

DRF's throttles keep each user's request times as a list in the cache: at 3,000 requests a
minute the list is up to 3,000 floats, read, unpickled, pickled and written back on every
request, and production's database cache writes it in five statements and a commit that
waits for the disk. Here each key has a counter row (audit.RateCount) bumped by one
INSERT … ON CONFLICT … RETURNING, and the limit is a sliding-window estimate: the current
window's count plus the previous window's, weighted by how much of it still overlaps the
last `duration` seconds. A refused request gives its count back (as DRF, refusals do not
use the budget). The rates and the keys are DRF's (same settings, same scopes).
"""

import math
import random
from typing import Any

from django.db import OperationalError, connection
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from shuangshi.common import prepared

from .models import RateCount

TABLE = RateCount._meta.db_table
# Stale counters (keys not seen for two windows) are deleted now and then.
SWEEP_CHANCE = 0.001

_BUMP = f"""
INSERT INTO {TABLE} (ident, slot, hits, previous, expires_at) VALUES (%s, %s, 1, 0, %s)
ON CONFLICT (ident) DO UPDATE SET
    previous = CASE
        WHEN {TABLE}.slot >= excluded.slot THEN {TABLE}.previous
        WHEN {TABLE}.slot = excluded.slot - 1 THEN {TABLE}.hits
        ELSE 0 END,
    hits = CASE WHEN {TABLE}.slot >= excluded.slot THEN {TABLE}.hits + 1 ELSE 1 END,
    slot = CASE WHEN {TABLE}.slot > excluded.slot THEN {TABLE}.slot ELSE excluded.slot END,
    expires_at = excluded.expires_at
RETURNING hits, previous
"""
# SQLite: how long a counter's write may wait for the one writer (see _allow_on_sqlite).
SQLITE_COUNT_WAIT_MS = 200


def _sqlite_timeout_ms() -> int:
    """The connection's own wait for a lock (settings: OPTIONS' timeout, in seconds)."""
    return int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)


_GIVE_BACK = f"UPDATE {TABLE} SET hits = hits - 1 WHERE ident = %s AND slot = %s AND hits > 0"
_SWEEP = f"DELETE FROM {TABLE} WHERE expires_at < %s"


class CountingThrottle:
    """Mixed in before a DRF SimpleRateThrottle: its allow_request() and wait()."""

    rate: str | None
    num_requests: int
    duration: int
    timer: Any

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)  # type: ignore[attr-defined]
        if key is None:
            return True
        now = self.timer()
        slot = int(now // self.duration)
        if connection.vendor == "sqlite":
            return self._allow_on_sqlite(key, now, slot)
        return self._allow(key, now, slot)

    def _allow_on_sqlite(self, key: str, now: float, slot: int) -> bool:
        """SQLite (`make run`) has one writer at a time: while the jobs worker commits a
        large import (a transaction of a minute), a counter's write would wait out the
        connection's 30-second timeout and fail, and every request, a poll of that
        import's progress too, was a 500 "database is locked". Here the count waits a
        moment at most, and a request that cannot be counted then is let through."""
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_COUNT_WAIT_MS}")
        try:
            return self._allow(key, now, slot)
        except OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            return True
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {_sqlite_timeout_ms()}")

    def _allow(self, key: str, now: float, slot: int) -> bool:
        with prepared.cursor() as cursor:  # the same statements on every request
            if random.random() < SWEEP_CHANCE:
                cursor.execute(_SWEEP, [now])
            cursor.execute(_BUMP, [key, slot, float((slot + 2) * self.duration)])
            hits, previous = cursor.fetchone()
            self._state = (now, slot, hits, previous)
            if self._estimate() <= self.num_requests:
                return True
            cursor.execute(_GIVE_BACK, [key, slot])
        self._state = (now, slot, hits - 1, previous)
        return False

    def _overlap(self, now: float, slot: int) -> float:
        """How much of the previous window still lies in the last `duration` seconds."""
        return 1.0 - (now - slot * self.duration) / self.duration

    def _estimate(self) -> float:
        now, slot, hits, previous = self._state
        return hits + previous * self._overlap(now, slot)

    def wait(self) -> float | None:
        """Seconds until one more request would be allowed (Retry-After)."""
        now, slot, hits, previous = self._state
        into = now - slot * self.duration
        if hits + 1 > self.num_requests or previous == 0:
            return max(self.duration - into, 0.0)  # wait for the next window
        # previous * (1 - (into + t) / duration) + hits + 1 <= num_requests
        t = self.duration * (1 - (self.num_requests - hits - 1) / previous) - into
        return max(math.ceil(t * 1000) / 1000, 0.0)


class UserThrottle(CountingThrottle, UserRateThrottle):
    """DRF's UserRateThrottle (scope "user"), counted in the database."""


class AnonThrottle(CountingThrottle, AnonRateThrottle):
    """DRF's AnonRateThrottle (scope "anon"), counted in the database."""

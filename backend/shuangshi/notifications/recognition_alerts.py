"""`recognition_expiring` and `review_waiting` (DESIGN §9) read the recognition app (§8).

Until that app is installed both find nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.apps import apps

from .alerts import Alert


def _installed() -> bool:
    return apps.is_installed("shuangshi.recognition")


def recognition_expiring(today: date, lead: int) -> Iterator[Alert]:
    if not _installed():
        return
    yield from ()


def review_waiting(today: date) -> Iterator[Alert]:
    if not _installed():
        return
    yield from ()

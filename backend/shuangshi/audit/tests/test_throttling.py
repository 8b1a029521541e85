"""Rate limits counted in one statement (audit.throttling): DRF's rates over a sliding window."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi.audit.models import RateCount
from shuangshi.audit.throttling import AnonThrottle, UserThrottle


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def throttle(cls: type = UserThrottle, rate: str = "5/min", start: float = 6_000.0) -> tuple:
    clock = Clock(start)  # 6,000 s: the start of a minute window
    t = cls()
    t.rate = rate
    t.num_requests, t.duration = t.parse_rate(rate)
    t.timer = clock
    return t, clock


def request_of(user: object, address: str = "10.0.0.1") -> SimpleNamespace:
    return SimpleNamespace(user=user, META={"REMOTE_ADDR": address})


def asks(t: UserThrottle, request: object, n: int) -> list[bool]:
    return [t.allow_request(request, None) for _ in range(n)]


@pytest.mark.django_db
def test_a_user_gets_the_rate_then_is_refused(hr_a):
    t, _clock = throttle()
    assert asks(t, request_of(hr_a), 6) == [True] * 5 + [False]
    assert 0 < t.wait() <= 60


@pytest.mark.django_db
def test_each_user_and_each_address_has_a_budget_of_its_own(hr_a, hr_b):
    t, _clock = throttle()
    assert asks(t, request_of(hr_a), 6)[-1] is False
    assert asks(t, request_of(hr_b), 1) == [True]
    anon, _ = throttle(AnonThrottle, "2/min")
    assert asks(anon, request_of(AnonymousUser(), "10.0.0.1"), 3) == [True, True, False]
    assert asks(anon, request_of(AnonymousUser(), "10.0.0.2"), 1) == [True]
    assert asks(anon, request_of(hr_a), 5) == [True] * 5  # anon does not count signed-in users


@pytest.mark.django_db
def test_refused_requests_do_not_use_the_budget(hr_a):
    t, clock = throttle()
    asks(t, request_of(hr_a), 20)  # 5 allowed, 15 refused
    assert RateCount.objects.get().hits == 5
    clock.now += 120  # two windows later the previous one no longer counts
    assert asks(t, request_of(hr_a), 6) == [True] * 5 + [False]


@pytest.mark.django_db
def test_the_window_slides_the_previous_minute_counts_for_its_overlap(hr_a):
    t, clock = throttle(rate="10/min")
    assert asks(t, request_of(hr_a), 10) == [True] * 10
    clock.now += 60 + 15  # 15 s into the next minute: 3/4 of the last one overlaps (7.5)
    assert asks(t, request_of(hr_a), 3) == [True, True, False]
    clock.now += 30  # 45 s in: 1/4 overlaps (2.5) + 2 this minute
    assert asks(t, request_of(hr_a), 6) == [True] * 5 + [False]


@pytest.mark.django_db
def test_a_request_costs_one_statement(hr_a):
    t, _clock = throttle()
    with CaptureQueriesContext(connection) as queries:
        t.allow_request(request_of(hr_a), None)
    # SQLite sets its lock wait around the count (two PRAGMAs, no I/O): not counted here.
    counted = [q for q in queries.captured_queries if not q["sql"].startswith("PRAGMA")]
    assert len(counted) <= 2  # the upsert (and now and then a sweep)
    assert len(queries.captured_queries) <= (4 if connection.vendor == "sqlite" else 2)


@pytest.mark.django_db
def test_no_rate_means_no_limit(hr_a):
    t, _clock = throttle()
    t.rate = None
    assert asks(t, request_of(hr_a), 3) == [True] * 3
    assert not RateCount.objects.exists()


@pytest.mark.django_db
def test_a_busy_sqlite_writer_lets_a_request_through_and_nothing_else_does(hr_a, monkeypatch):
    """Round 42 (QA): while the jobs worker committed a large import on SQLite (`make run`),
    each poll of its progress waited 30 s on the counter's write and was a 500 "database is
    locked". There the count now waits a moment at most, and a request it cannot count goes
    through. Any other error, and any error on PostgreSQL (whose writers do not lock the
    whole database), is still raised."""
    from django.db import OperationalError

    t, _clock = throttle(rate="1/min")
    sqlite = connection.vendor == "sqlite"
    waits: list[int] = []

    def locked(key, now, slot):
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout")
                waits.append(cursor.fetchone()[0])
        raise OperationalError("database is locked")

    monkeypatch.setattr(t, "_allow", locked)
    if sqlite:
        assert asks(t, request_of(hr_a), 3) == [True, True, True]
        assert waits == [200, 200, 200]  # a moment, not the connection's 30 s
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            restored = cursor.fetchone()[0]
        assert restored == int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
    else:
        with pytest.raises(OperationalError):
            t.allow_request(request_of(hr_a), None)

    def broken(key, now, slot):
        raise OperationalError("no such table: audit_ratecount")

    monkeypatch.setattr(t, "_allow", broken)
    with pytest.raises(OperationalError):
        t.allow_request(request_of(hr_a), None)


@pytest.mark.django_db
def test_the_counts_still_refuse_past_the_rate_on_every_database(hr_a):
    t, _clock = throttle(rate="2/min")
    assert asks(t, request_of(hr_a), 3) == [True, True, False]

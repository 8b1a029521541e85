"""Round 33: completions after the teacher left, and at a base that was not operating on
the completion date (DESIGN §4: E_TRAINING counts training at a base active that day)."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingCompletion

from .conftest import make_completion

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-completions/"


def body(program: Any, teacher: Any, on: str = "2025-07-31", **more: Any) -> dict[str, Any]:
    return {
        "program": program.pk,
        "teacher_id_number": teacher.id_number,
        "completed_on": on,
        "hours": 80,
        "passed": True,
        **more,
    }


# ------------------------------------------------------------------ teacher who had left


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh-hans", "该教师已于 2025-07-15 离职"),
        ("en", "The teacher left on 2025-07-15"),
    ],
)
def test_logging_after_the_teacher_left_names_the_field_and_reason(
    api, base_staff, program_a, school_a, language, text
):
    left = testing.make_teacher(school_a, left_on=date(2025, 7, 15))
    r = api(base_staff).post(URL, body(program_a, left), HTTP_ACCEPT_LANGUAGE=language)
    assert r.status_code == 400, r.data
    assert list(r.json()) == ["completed_on"]
    assert text in r.json()["completed_on"][0]
    assert not TrainingCompletion.objects.exists()


def test_moving_a_completion_past_the_leaving_day_is_refused(api, base_staff, program_a, school_a):
    left = testing.make_teacher(school_a, left_on=date(2025, 7, 15))
    completion = make_completion(program_a, left, completed_on=date(2025, 7, 10))
    r = api(base_staff).patch(
        f"{URL}{completion.pk}/",
        {"completed_on": "2025-07-20", "version": completion.version},
        format="json",
    )
    assert r.status_code == 400, r.data
    assert "completed_on" in r.json()
    completion.refresh_from_db()
    assert completion.completed_on == date(2025, 7, 10)


def test_school_hr_may_not_log_a_completion(api, hr_a, program_a, teacher_a):
    r = api(hr_a).post(URL, body(program_a, teacher_a))
    assert r.status_code == 403
    assert not TrainingCompletion.objects.exists()


# ------------------------------------------------------------------ base not operating


@pytest.fixture
def planned_base(db: Any):
    return testing.make_base(name="筹建中的基地", status="planned")


def _staff_of(base: Any):
    return testing.make_user(f"staff_{base.pk}", testing.Role.BASE_STAFF, training_base=base)


@pytest.mark.parametrize(
    ("language", "text"),
    [("zh-hans", "筹建"), ("en", "planned")],
)
def test_a_planned_base_cannot_log_a_completion(api, planned_base, teacher_a, language, text):
    from .conftest import make_program

    program = make_program(planned_base)
    r = api(_staff_of(planned_base)).post(
        URL, body(program, teacher_a), HTTP_ACCEPT_LANGUAGE=language
    )
    assert r.status_code == 400, r.data
    assert list(r.json()) == ["completed_on"]
    message = r.json()["completed_on"][0]
    assert text in message and "2025-07-31" in message
    assert not TrainingCompletion.objects.exists()


def test_a_completion_dated_while_the_base_was_suspended_is_refused(
    api, base_a, base_staff, program_a, teacher_a, teacher_b, province
):
    # base_a active since 2015, suspended from 2025-07-20.
    services.base_update(base=base_a, data={"status": "suspended"}, effective_on=date(2025, 7, 20))
    for user in (base_staff, province):
        r = api(user).post(URL, body(program_a, teacher_a), HTTP_ACCEPT_LANGUAGE="en")
        assert r.status_code == 400, r.data
        assert "suspended" in r.json()["completed_on"][0]
    assert not TrainingCompletion.objects.exists()
    # Training it gave while still active is logged late (it counts: DESIGN §4).
    r = api(base_staff).post(URL, body(program_a, teacher_b, on="2025-07-19"))
    assert r.status_code == 201, r.data


def test_a_completion_dated_before_the_base_was_approved_is_refused(api, teacher_a):
    from .conftest import make_program

    base = testing.make_base(status="active", approved_on=date(2025, 7, 10))
    program = make_program(base)
    staff = _staff_of(base)
    r = api(staff).post(URL, body(program, teacher_a, on="2025-07-09"))
    assert r.status_code == 400, r.data
    assert "2025-07-09" in r.json()["completed_on"][0]
    r = api(staff).post(URL, body(program, teacher_a, on="2025-07-10"))
    assert r.status_code == 201, r.data


def test_moving_a_completion_into_the_suspension_is_refused_but_other_edits_stand(
    api, base_a, base_staff, program_a, teacher_a
):
    completion = make_completion(program_a, teacher_a, completed_on=date(2025, 7, 15))
    services.base_update(base=base_a, data={"status": "suspended"}, effective_on=date(2025, 7, 20))
    url = f"{URL}{completion.pk}/"
    client = api(base_staff)
    r = client.patch(url, {"completed_on": "2025-07-25", "version": completion.version})
    assert r.status_code == 400, r.data
    assert "completed_on" in r.json()
    completion.refresh_from_db()
    assert completion.completed_on == date(2025, 7, 15)
    # A completion earned while active keeps being correctable (the certificate number).
    r = client.patch(url, {"certificate_no": "JX-2025-001", "version": completion.version})
    assert r.status_code == 200, r.data


# ------------------------------------------------------------------ base statistics


def test_base_stats_weigh_only_completions_that_can_count(
    monkeypatch, api, province, base_a, program_a, school_a
):
    """The counterfactual ("qualified through the base") is asked only about teachers whose
    pass at the base can count on as_of (enough hours, inside the window): the others
    cannot owe it their level, and at national size they were half of those read."""
    from shuangshi.training import qualifying

    from .conftest import make_program

    old = make_program(base_a, title="旧项目", start_on=date(2019, 3, 1), end_on=date(2019, 3, 31))
    short = make_program(base_a, title="短项目", hours=16)
    counts, too_old, too_short = (testing.make_teacher(school_a) for _ in range(3))
    make_completion(program_a, counts)
    make_completion(old, too_old)
    make_completion(short, too_short)
    asked: list[dict[int, set[int]]] = []
    real = qualifying.qualified_through_base

    def spy(teachers_by_base: dict[int, set[int]], **kwargs: Any) -> dict[int, int]:
        asked.append({k: set(v) for k, v in teachers_by_base.items()})
        return real(teachers_by_base, **kwargs)

    monkeypatch.setattr(qualifying, "qualified_through_base", spy)
    r = api(province).get("/api/v1/training-bases/stats/", {"as_of": "2025-12-31"})
    assert r.status_code == 200, r.data
    row = next(x for x in r.json() if x["base"]["id"] == base_a.pk)
    assert (row["completions"], row["passed"], row["teachers_trained"]) == (3, 3, 3)
    assert asked == [{base_a.pk: {counts.pk}}]
    # Refused for a school's HR (the figures are the province's and the base's).
    assert (
        api(testing.make_user("hr_x", testing.Role.SCHOOL_HR, school=school_a))
        .get("/api/v1/training-bases/stats/")
        .status_code
        == 403
    )


# ------------------------------------------------------------------ the demo


@pytest.mark.parametrize("today", [date(2025, 9, 1), date(2026, 12, 6)])
def test_the_demo_logs_completions_only_on_days_their_base_was_active(monkeypatch, school_a, today):
    """The demo shows what the rule allows: its suspended base trained while it was active,
    and no completion predates its base's approval (DESIGN §4)."""
    import random

    from shuangshi.training.demo import load_training_demo
    from shuangshi.training.models import TrainingBase
    from shuangshi.training.selectors import base_status_on

    testing.set_today(monkeypatch, today)
    for _ in range(15):
        testing.make_teacher(school_a)
    load_training_demo(rng=random.Random(3), today=today)
    assert {b.status for b in TrainingBase.objects.all()} == {"planned", "active", "suspended"}
    suspended = TrainingBase.objects.get(status="suspended")
    assert TrainingCompletion.objects.filter(program__base=suspended).exists()
    completions = TrainingCompletion.objects.select_related("program")
    assert completions.exists()
    wrong = [
        (c.program.base_id, c.completed_on)
        for c in completions
        if base_status_on(c.program.base_id, c.completed_on) != "active"
    ]
    assert wrong == []

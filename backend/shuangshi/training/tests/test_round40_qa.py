"""Round 40 (exploratory QA on the demo data): a base's approval date is the day its
history first has it active (DESIGN §3), a programme's hours fit its days, and the bases'
stats leave voided completions out (§4: voided ones never count)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingBase, TrainingProgram

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db
BASES = "/api/v1/training-bases/"
PROGRAMS = "/api/v1/training-programs/"
COMPLETIONS = "/api/v1/training-completions/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _patch(api, user, base, **fields):
    base.refresh_from_db()
    body = {"version": base.version, **fields}
    return api(user).patch(f"{BASES}{base.pk}/", body, format="json", **EN)


def _history(base):
    return list(base.statuses.order_by("effective_on").values_list("status", "effective_on"))


def _base_payload(**fields):
    values = {
        "code": "TB98",
        "name": "抚州职教双师型教师培养培训基地",
        "host_name": "抚州职业技术学院",
        "host_kind": "school",
        "city": testing.city("361000").pk,
        "designation": "dual_qualified",
    }
    values.update(fields)
    return values


# --------------------------------------------------------------------------- approved_on


def test_a_first_activation_with_an_approval_date_before_it_is_refused_naming_its_day(
    api, province, base_staff
):
    base = testing.make_base(status="planned")
    asked = {"status": "active", "effective_on": "2026-01-01", "approved_on": "2024-01-01"}
    assert _patch(api, base_staff, base, **asked).status_code in (403, 404)
    response = _patch(api, province, base, **asked)
    assert response.status_code == 400
    assert list(response.data) == ["approved_on"]
    assert "2026-01-01" in str(response.data["approved_on"][0])
    base.refresh_from_db()
    assert (base.status, base.approved_on) == ("planned", None)
    assert [s for s, _on in _history(base)] == ["planned"]


def test_a_first_activation_is_approved_on_the_day_it_takes_effect(api, province):
    base = testing.make_base(status="planned")
    response = _patch(api, province, base, status="active", effective_on="2026-01-01")
    assert response.status_code == 200, response.data
    assert response.data["approved_on"] == "2026-01-01"
    assert _history(TrainingBase.objects.get(pk=base.pk))[-1] == ("active", date(2026, 1, 1))
    # Approved after the deadline (2025-12-31): active, but not on time.
    progress = api(province).get(f"{BASES}progress/").data
    assert (progress["active"], progress["active_on_time"]) == (1, 0)


def test_a_first_activation_may_give_the_same_day_for_both(api, province):
    base = testing.make_base(status="planned")
    response = _patch(
        api, province, base, status="active", effective_on="2026-01-01", approved_on="2026-01-01"
    )
    assert response.status_code == 200, response.data
    assert response.data["approved_on"] == "2026-01-01"


def test_a_reactivation_keeps_the_first_approval_date(api, province):
    base = testing.make_base(approved_on=date(2024, 1, 1))
    services.base_update(base=base, data={"status": "suspended"}, effective_on=date(2025, 3, 1))
    response = _patch(
        api, province, base, status="active", effective_on="2025-06-01", approved_on="2023-06-01"
    )
    assert response.status_code == 400
    assert list(response.data) == ["approved_on"]
    assert "2024-01-01" in str(response.data["approved_on"][0])
    base.refresh_from_db()
    assert (base.status, base.approved_on) == ("suspended", date(2024, 1, 1))
    response = _patch(
        api, province, base, status="active", effective_on="2025-06-01", approved_on="2024-01-01"
    )
    assert response.status_code == 200, response.data
    assert response.data["approved_on"] == "2024-01-01"
    response = _patch(api, province, base, status="suspended", effective_on="2025-09-01")
    assert response.status_code == 200, response.data
    assert response.data["approved_on"] == "2024-01-01"


def test_a_base_never_active_has_no_approval_date(api, province):
    base = testing.make_base(status="planned")
    response = _patch(api, province, base, approved_on="2024-01-01")
    assert response.status_code == 400
    assert "never been active" in str(response.data["approved_on"][0])
    response = _patch(api, province, base, status="suspended", approved_on="2024-01-01")
    assert response.status_code == 400 and list(response.data) == ["approved_on"]
    base.refresh_from_db()
    assert (base.status, base.approved_on) == ("planned", None)


@pytest.mark.parametrize("status", ["planned", "suspended"])
def test_registering_a_base_not_active_with_an_approval_date_is_refused(
    api, province, base_staff, status
):
    payload = _base_payload(status=status, approved_on="2024-01-01")
    assert api(base_staff).post(BASES, payload, format="json").status_code == 403
    response = api(province).post(BASES, payload, format="json", **EN)
    assert response.status_code == 400
    assert "never been active" in str(response.data["approved_on"][0])
    assert not TrainingBase.objects.filter(code="TB98").exists()
    response = api(province).post(BASES, _base_payload(status=status), format="json")
    assert response.status_code == 201, response.data
    assert response.data["approved_on"] is None


def test_registering_an_active_base_dates_its_approval_and_activation_alike(api, province):
    payload = _base_payload(status="active", effective_on="2025-01-01", approved_on="2024-05-01")
    response = api(province).post(BASES, payload, format="json", **EN)
    assert response.status_code == 400
    assert "2025-01-01" in str(response.data["approved_on"][0])
    payload = _base_payload(status="active", effective_on="2025-01-01")
    response = api(province).post(BASES, payload, format="json")
    assert response.status_code == 201, response.data
    assert response.data["approved_on"] == "2025-01-01"
    assert response.data["status_history"] == [
        {"status": "active", "effective_on": "2025-01-01", "reason": ""}
    ]


def test_completions_follow_the_approval_date(api, province, school_a):
    # The QA report: approved on 2024-01-01 by the column, active from 2026-01-01 by the
    # history, and a completion in 2024 refused as "still planned". Now both say 2026.
    base = testing.make_base(status="planned")
    staff = testing.make_user("base_36", testing.Role.BASE_STAFF, training_base=base)
    response = _patch(api, province, base, status="active", effective_on="2026-01-01")
    assert response.data["approved_on"] == "2026-01-01"
    program = make_program(base, start_on=date(2024, 3, 1), end_on=date(2024, 3, 31))
    teacher = testing.make_teacher(school_a)
    body = {
        "program": program.pk,
        "teacher_id_number": teacher.id_number,
        "completed_on": "2024-03-31",
        "hours": 80,
    }
    response = api(staff).post(COMPLETIONS, body, format="json", **EN)
    assert response.status_code == 400
    assert "still planned" in str(response.data["completed_on"][0])


# --------------------------------------------------------------------------- hours


def _program(**fields):
    values = {
        "title": "一体化课程教学能力培训",
        "kind": "pedagogy",
        "hours": 24,
        "start_on": "2025-08-01",
        "end_on": "2025-08-01",
    }
    values.update(fields)
    return values


@pytest.mark.parametrize("hours", [25, 9223372036854775807])
def test_a_programme_has_at_most_24_hours_a_day(api, base_staff, hours):
    response = api(base_staff).post(PROGRAMS, _program(hours=hours), format="json", **EN)
    assert response.status_code == 400
    assert list(response.data) == ["hours"]
    message = str(response.data["hours"][0])
    if hours == 25:
        assert "at most 24 hours" in message
    else:  # past PostgreSQL's integer column the field's own bound speaks first
        assert "at most 24 hours" in message or "less than or equal to 2147483647" in message
    assert not TrainingProgram.objects.exists()


def test_a_programme_of_24_hours_a_day_is_taken(api, base_staff):
    response = api(base_staff).post(PROGRAMS, _program(hours=24), format="json")
    assert response.status_code == 201, response.data
    two_days = _program(title="两天", hours=48, end_on="2025-08-02")
    assert api(base_staff).post(PROGRAMS, two_days, format="json").status_code == 201


def test_a_school_cannot_create_a_programme(api, hr_a):
    assert api(hr_a).post(PROGRAMS, _program(), format="json").status_code == 403


def test_shortening_a_programme_below_its_hours_is_refused(api, base_staff, base_a):
    program = make_program(base_a, hours=48, start_on=date(2025, 8, 1), end_on=date(2025, 8, 2))
    body = {"end_on": "2025-08-01", "version": program.version}
    response = api(base_staff).patch(f"{PROGRAMS}{program.pk}/", body, format="json", **EN)
    assert response.status_code == 400
    assert "at most 24 hours" in str(response.data["hours"][0])


def test_a_completion_has_at_most_its_programmes_hours(api, base_staff, base_a, teacher_a):
    program = make_program(base_a, hours=24, start_on=date(2025, 8, 1), end_on=date(2025, 8, 1))
    body = {
        "program": program.pk,
        "teacher_id_number": teacher_a.id_number,
        "completed_on": "2025-08-01",
        "hours": 25,
    }
    response = api(base_staff).post(COMPLETIONS, body, format="json", **EN)
    assert response.status_code == 400
    assert list(response.data) == ["hours"]
    assert "24 hours" in str(response.data["hours"][0])


def test_the_admin_refuses_a_programme_with_more_hours_than_its_days(client, base_a):
    from shuangshi.accounts.models import User

    client.force_login(User.objects.create_superuser("root", password="pw-root-1"))
    response = client.post(
        "/admin/training/trainingprogram/add/",
        {**_program(hours=100), "base": base_a.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "at most 24 hours" in response.content.decode()
    assert not TrainingProgram.objects.exists()


# --------------------------------------------------------------------------- stats


def test_base_stats_leave_voided_completions_out_and_count_them_apart(
    api, province, base_staff, hr_a, base_a, program_a, teacher_a, teacher_b, school_a
):
    make_completion(program_a, teacher_a)
    make_completion(program_a, teacher_b, passed=False)
    services.base_void_completions(base=base_a, reason="证书造假")
    today = timezone.localdate()
    later = make_program(
        base_a, title="复训", start_on=today - timedelta(days=5), end_on=today - timedelta(days=1)
    )
    make_completion(later, testing.make_teacher(school_a))
    assert api(hr_a).get(f"{BASES}stats/").status_code == 403
    for user in (province, base_staff):
        response = api(user).get(f"{BASES}stats/")
        assert response.status_code == 200, response.data
        row = next(r for r in response.data if r["base"]["id"] == base_a.pk)
        figures = ("completions", "teachers_trained", "passed", "pass_rate", "voided")
        assert tuple(row[f] for f in figures) == (1, 1, 1, 1.0, 2)

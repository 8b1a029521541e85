"""Round 27: a void stays voided (DESIGN §4), a base's status column is its history's status
today (§3), and the bases' progress answers for its date (§4: reads are never stale)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification
from shuangshi.qualification.selectors import base_active_on, base_status_history
from shuangshi.training.models import BaseStatusChange, TrainingBase, TrainingCompletion

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db
BASES = "/api/v1/training-bases/"
COMPLETIONS = "/api/v1/training-completions/"


def _level(teacher):
    return TeacherQualification.objects.get(teacher=teacher).level


# --------------------------------------------------------------------------- voids


@pytest.fixture
def voided(api, province, base_a, school_a):
    """A pass at base_a (the teacher's one evidence item) that the province voided."""
    on = timezone.localdate() - timedelta(days=20)
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    program = make_program(base_a, hours=40, start_on=on - timedelta(days=5), end_on=on)
    completion = make_completion(program, teacher)
    assert _level(teacher) == "junior"
    response = api(province).post(
        f"{BASES}{base_a.pk}/void-completions/", {"reason": "证书造假"}, format="json"
    )
    assert response.status_code == 200, response.data
    assert _level(teacher) == "none"
    completion.refresh_from_db()
    return completion


def _log_again(api, user, completion):
    return api(user).post(
        COMPLETIONS,
        {
            "program": completion.program_id,
            "teacher_id_number": completion.teacher.id_number,
            "completed_on": completion.completed_on.isoformat(),
            "hours": completion.hours,
            "passed": True,
        },
        format="json",
    )


def test_base_staff_cannot_delete_a_voided_completion_and_log_it_again(
    api, base_staff, hr_a, voided
):
    staff = api(base_staff)
    refused = staff.delete(f"{COMPLETIONS}{voided.pk}/")
    assert refused.status_code == 403
    assert refused.data["detail"] == gettext(
        "The province voided this completion; only the province can change or delete it."
    )
    assert api(hr_a).delete(f"{COMPLETIONS}{voided.pk}/").status_code == 403
    again = _log_again(api, base_staff, voided)
    assert again.status_code == 400
    assert again.data == {
        "teacher": [
            gettext(
                "The province voided this teacher's completion of this programme; "
                "it cannot be logged again."
            )
        ]
    }
    assert TrainingCompletion.objects.filter(pk=voided.pk, voided=True).exists()
    assert TrainingCompletion.objects.count() == 1
    assert _level(voided.teacher) == "none"


def test_base_staff_cannot_move_a_voided_completion_to_free_its_place(
    api, base_staff, voided, school_a
):
    # Moving it to another teacher (or programme) would let the first be logged again.
    other = testing.make_teacher(school_a)
    response = api(base_staff).patch(
        f"{COMPLETIONS}{voided.pk}/",
        {"teacher_id_number": other.id_number, "version": voided.version},
        format="json",
    )
    assert response.status_code == 403
    voided.refresh_from_db()
    assert voided.teacher_id != other.pk and voided.voided


def test_the_province_still_deletes_a_voided_completion_and_logs_it_again(api, province, voided):
    assert api(province).delete(f"{COMPLETIONS}{voided.pk}/").status_code == 204
    response = _log_again(api, province, voided)
    assert response.status_code == 201, response.data
    assert response.data["voided"] is False
    assert _level(voided.teacher) == "junior"


# --------------------------------------------------------------------------- status dates


def _patch(api, user, base, **data):
    base.refresh_from_db()
    return api(user).patch(f"{BASES}{base.pk}/", {**data, "version": base.version}, format="json")


def _history(base):
    return list(base.statuses.order_by("effective_on").values_list("status", "effective_on"))


def _in_step(base):
    """The status column says what the history (what the rules read) says today."""
    base.refresh_from_db()
    active = base_active_on(base_status_history(), base.pk, timezone.localdate())
    return (base.status == "active") == active


def test_a_status_change_may_not_take_effect_in_the_future(api, province, base_staff, base_a):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = _history(base_a)
    assert _patch(api, base_staff, base_a, status="suspended").status_code in (403, 404)
    response = _patch(api, province, base_a, status="suspended", effective_on=tomorrow)
    assert response.status_code == 400
    assert response.data == {
        "effective_on": [gettext("The date a change takes effect may not be in the future.")]
    }
    base_a.refresh_from_db()
    assert (base_a.status, _history(base_a)) == ("active", before)
    # A new base neither.
    created = api(province).post(
        BASES,
        {
            "code": "B-NEW",
            "name": "新基地",
            "host_name": "某企业",
            "host_kind": "enterprise",
            "city": base_a.city_id,
            "designation": "dual_qualified",
            "status": "planned",
            "effective_on": tomorrow,
        },
        format="json",
    )
    assert created.status_code == 400 and list(created.data) == ["effective_on"]
    assert not TrainingBase.objects.filter(code="B-NEW").exists()


def test_an_approval_date_in_the_future_does_not_make_a_base_active_today(api, province):
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    planned = testing.make_base(status="planned")
    response = _patch(api, province, planned, status="active", approved_on=future)
    assert response.status_code == 400 and list(response.data) == ["approved_on"]
    planned.refresh_from_db()
    assert planned.status == "planned" and _in_step(planned)
    # Nor may an active base's approval date move past today.
    active = testing.make_base(approved_on=date(2024, 1, 1))
    response = _patch(api, province, active, approved_on=future)
    assert response.status_code == 400 and list(response.data) == ["approved_on"]
    assert _history(active) == [("active", date(2024, 1, 1))]


def test_a_change_dated_before_the_latest_one_is_refused_naming_its_day(api, province):
    base = testing.make_base(approved_on=date(2024, 1, 1))
    response = _patch(api, province, base, status="suspended", effective_on="2023-06-01")
    assert response.status_code == 400
    assert list(response.data) == ["effective_on"]
    assert "2024-01-01" in str(response.data["effective_on"][0])
    base.refresh_from_db()
    assert base.status == "active" and _history(base) == [("active", date(2024, 1, 1))]
    assert _in_step(base)
    # Between two changes: refused as well (the later one would override it at once).
    assert (
        _patch(api, province, base, status="suspended", effective_on="2025-03-01").status_code
        == 200
    )
    response = _patch(api, province, base, status="active", effective_on="2024-06-01")
    assert response.status_code == 400 and "2025-03-01" in str(response.data["effective_on"][0])
    assert _in_step(base)
    # On or after the latest change it is taken, and the column follows the history.
    response = _patch(api, province, base, status="active", effective_on="2025-03-01")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "active" and _in_step(base)
    assert _history(base) == [("active", date(2024, 1, 1)), ("active", date(2025, 3, 1))]


def test_a_first_activation_before_a_later_change_is_refused(api, province):
    base = testing.make_base(status="planned")
    BaseStatusChange.objects.create(base=base, status="suspended", effective_on=date(2025, 3, 1))
    TrainingBase.objects.filter(pk=base.pk).update(status="suspended")
    response = _patch(api, province, base, status="active", approved_on="2024-06-01")
    assert response.status_code == 400 and "2025-03-01" in str(response.data["approved_on"][0])
    base.refresh_from_db()
    assert base.status == "suspended" and base.approved_on is None


# --------------------------------------------------------------------------- progress


def test_progress_counts_the_bases_active_on_its_date(api, province, city_nc, hr_a):
    base = testing.make_base(approved_on=date(2024, 1, 1))
    testing.make_base(approved_on=date(2025, 6, 1))
    assert (
        _patch(api, province, base, status="suspended", effective_on="2025-03-01").status_code
        == 200
    )

    def progress(as_of):
        response = api(city_nc).get(f"{BASES}progress/", {"as_of": as_of})
        assert response.status_code == 200, response.data
        return response.data

    early = progress("2023-12-31")
    assert (early["active"], early["by_status"]) == (
        0,
        {"planned": 2, "active": 0, "suspended": 0},
    )
    spring = progress("2025-01-01")
    assert (spring["active"], spring["by_status"]["active"]) == (1, 1)
    assert spring["by_city"][0]["active"] == 1
    summer = progress("2025-06-30")
    assert summer["active"] == 1 and summer["by_status"]["suspended"] == 1
    assert summer["by_designation"]["dual_qualified"] == {"total": 2, "active": 1}
    assert progress(timezone.localdate().isoformat())["active"] == 1
    assert api(hr_a).get(f"{BASES}progress/").status_code == 403


def test_progress_reads_the_history_in_one_query_whatever_the_number_of_bases(api, province):
    client = api(province)
    client.get(f"{BASES}progress/")  # the session and the target are read once

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{BASES}progress/", {"as_of": "2025-01-01"}).status_code == 200
        return len(ctx.captured_queries)

    testing.make_base(approved_on=date(2024, 1, 1))
    one = queries()
    for _n in range(6):
        base = testing.make_base(approved_on=date(2024, 1, 1))
        _patch(api, province, base, status="suspended", effective_on="2024-06-01")
    assert queries() == one

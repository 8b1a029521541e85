"""Training evidence counts when the base was active on the completion date (issue 10,
DESIGN §3–§4): a later suspension takes nothing back, a planned base never certified, and
the province voids a base's completions with a reason."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-bases/"


def _trained(base, school, on):
    teacher = testing.make_teacher(school)
    testing.make_certificate(teacher)
    program = make_program(base, hours=40, start_on=on - timedelta(days=5), end_on=on)
    make_completion(program, teacher)
    return teacher


def _level(teacher):
    return TeacherQualification.objects.get(teacher=teacher).level


def test_a_suspension_after_the_completion_takes_nothing_back(api, province, base_a, school_a):
    today = timezone.localdate()
    teacher = _trained(base_a, school_a, today - timedelta(days=100))
    assert _level(teacher) == "junior"
    response = api(province).patch(
        f"{URL}{base_a.pk}/",
        {"status": "suspended", "version": base_a.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert [h["status"] for h in response.data["status_history"]] == ["active", "suspended"]
    assert _level(teacher) == "junior"


def test_a_back_dated_suspension_is_refused_while_completions_were_logged_after_it(
    api, province, base_a, school_a
):
    # Round 34: it would have taken back evidence earned at an active base without a word;
    # the province voids completions with a reason instead (DESIGN §4).
    today = timezone.localdate()
    before = _trained(base_a, school_a, today - timedelta(days=100))
    after = _trained(base_a, school_a, today - timedelta(days=10))
    response = api(province).patch(
        f"{URL}{base_a.pk}/",
        {
            "status": "suspended",
            "effective_on": (today - timedelta(days=30)).isoformat(),
            "version": base_a.version,
        },
        format="json",
    )
    assert response.status_code == 400, response.data
    assert "effective_on" in response.data
    assert (_level(before), _level(after)) == ("junior", "junior")


def test_a_completion_at_a_planned_base_never_counts(api, province, school_a):
    planned = testing.make_base(status="planned")
    teacher = _trained(planned, school_a, date(2025, 3, 1))
    assert _level(teacher) == "none"
    # Approving the base later does not reach back before its approval.
    response = api(province).patch(
        f"{URL}{planned.pk}/",
        {"status": "active", "approved_on": "2025-06-01", "version": planned.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.data["approved_on"] == "2025-06-01"
    assert _level(teacher) == "none"


def test_the_province_voids_a_bases_completions_with_a_reason(
    api, province, base_staff, hr_a, base_a, school_a
):
    teacher = _trained(base_a, school_a, timezone.localdate() - timedelta(days=20))
    assert _level(teacher) == "junior"
    url = f"{URL}{base_a.pk}/void-completions/"
    assert api(base_staff).post(url, {"reason": "x"}, format="json").status_code == 403
    assert api(hr_a).post(url, {"reason": "x"}, format="json").status_code == 403
    refused = api(province).post(url, {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.data
    response = api(province).post(url, {"reason": "证书造假，经查实"}, format="json")
    assert response.status_code == 200, response.data
    assert response.data == {"voided": 1}
    assert _level(teacher) == "none"
    completion = api(province).get("/api/v1/training-completions/").data["results"][0]
    assert (completion["voided"], completion["void_reason"]) == (True, "证书造假，经查实")


def test_activating_a_planned_base_dates_it_active_from_its_approval_date(
    api, province, base_staff, school_a
):
    # DESIGN §3: approved_on is when the base became active. A planned base approved on a
    # past day (the form asks for the date) counts as active from that day, so a pass
    # logged after it is evidence.
    today = timezone.localdate()
    base = testing.make_base(status="planned", approved_on=None)
    teacher = _trained(base, school_a, today - timedelta(days=60))
    assert _level(teacher) == "none"
    approved = today - timedelta(days=200)
    refused = api(base_staff).patch(
        f"{URL}{base.pk}/",
        {"status": "active", "approved_on": approved.isoformat(), "version": base.version},
        format="json",
    )
    assert refused.status_code in (403, 404)
    response = api(province).patch(
        f"{URL}{base.pk}/",
        {"status": "active", "approved_on": approved.isoformat(), "version": base.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    history = [(h["status"], h["effective_on"]) for h in response.data["status_history"]]
    assert history[-1] == ("active", approved.isoformat())
    assert response.data["approved_on"] == approved.isoformat()
    assert _level(teacher) == "junior"


def test_editing_the_approval_date_moves_the_day_it_became_active(api, province, school_a):
    today = timezone.localdate()
    base = testing.make_base(status="planned", approved_on=None)
    teacher = _trained(base, school_a, today - timedelta(days=60))
    response = api(province).patch(
        f"{URL}{base.pk}/",
        {"status": "active", "approved_on": today.isoformat(), "version": base.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert _level(teacher) == "none"  # active from today: the pass came before
    response = api(province).patch(
        f"{URL}{base.pk}/",
        {
            "approved_on": (today - timedelta(days=90)).isoformat(),
            "version": response.data["version"],
        },
        format="json",
    )
    assert response.status_code == 200, response.data
    assert (
        response.data["status_history"][-1]["effective_on"]
        == (today - timedelta(days=90)).isoformat()
    )
    assert _level(teacher) == "junior"
    # Past a later status change the history would lose its order: refused, nothing moved.
    response = api(province).patch(
        f"{URL}{base.pk}/",
        {
            "status": "suspended",
            "effective_on": (today - timedelta(days=30)).isoformat(),
            "version": response.data["version"],
        },
        format="json",
    )
    assert response.status_code == 200, response.data
    response = api(province).patch(
        f"{URL}{base.pk}/",
        {
            "approved_on": (today - timedelta(days=10)).isoformat(),
            "version": response.data["version"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "approved_on" in response.data
    history = [
        (h["status"], h["effective_on"])
        for h in api(province).get(f"{URL}{base.pk}/").data["status_history"]
    ]
    assert history == [
        ("active", (today - timedelta(days=90)).isoformat()),
        ("suspended", (today - timedelta(days=30)).isoformat()),
    ]

"""Round 35: a mentor appointment is named in words in the audit log, as the server names it
when it is a related record (`record_name`: "刘建国（南昌职业学院，兼职任教）"), not by its
logged codes ("3@5 teaching"); also once it is deleted, and in the reader's language. The
page's names are read at once, not per entry."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from shuangshi.audit.api import record_name
from shuangshi.mentors import services
from shuangshi.mentors.tests.conftest import appoint, make_mentor

pytestmark = pytest.mark.django_db

LOG = "/api/v1/audit-log/"


def _appointment_entries(api: Any, user: Any, language: str) -> list[dict[str, Any]]:
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(LOG, {"page_size": 100})
    assert response.status_code == 200
    return [r for r in response.json()["results"] if r["model"] == "mentorappointment"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_audit_log_names_an_appointment_in_words(
    api: Any, province: Any, school_a: Any, language: str
) -> None:
    appointment = appoint(make_mentor(name="刘建国"), school_a)
    with translation.override(language):
        expected = record_name(appointment)
    entries = _appointment_entries(api, province, language)
    assert [e["object_name"] for e in entries] == [expected]
    assert entries[0]["object_repr"] == str(appointment)  # the stored codes are kept
    assert "刘建国" in expected and "南昌职业学院" in expected
    assert ("兼职任教" if language == "zh-hans" else "Part-time teaching") in expected


def test_a_deleted_appointment_keeps_its_mentor_and_school_names(
    api: Any, province: Any, school_a: Any
) -> None:
    appointment = appoint(make_mentor(name="刘建国"), school_a, mode="research")
    with translation.override("zh-hans"):
        expected = record_name(appointment)
    services.appointment_delete(appointment=appointment)
    entries = _appointment_entries(api, province, "zh-hans")
    assert {e["action"] for e in entries} == {"create", "delete"}
    assert {e["object_name"] for e in entries} == {expected}


def test_many_appointments_cost_no_query_each(api: Any, province: Any, school_a: Any) -> None:
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _appointment_entries(api, province, "zh-hans")
        return len(queries)

    appoint(make_mentor(name="刘建国"), school_a)
    one = page_queries()
    for n in range(5):
        appoint(make_mentor(name=f"导师{n}"), school_a, hours=10 + n)
    assert page_queries() == one


def test_an_appointment_written_in_bulk_is_named_from_its_record(
    api: Any, province: Any, school_a: Any
) -> None:
    """An import or the demo writes appointments in bulk: their entries were logged as
    "MentorAppointment 62", and are named from the appointment while it exists."""
    from datetime import date

    from shuangshi.mentors.models import MentorAppointment

    mentor = make_mentor(name="陈师傅")
    unsaved = MentorAppointment(
        mentor=mentor, school=school_a, mode="teaching", start_on=date(2024, 9, 1), hours=32
    )
    row = {f.attname: getattr(unsaved, f.attname) for f in unsaved._meta.concrete_fields}
    row.pop("id")
    services.appointments_write_batch(new=[row], updated=[])
    appointment = MentorAppointment.objects.get(mentor=mentor)
    with translation.override("en"):
        expected = record_name(appointment)
    entries = _appointment_entries(api, province, "en")
    assert [e["object_repr"] for e in entries] == [f"MentorAppointment {appointment.pk}"]
    assert [e["object_name"] for e in entries] == [expected]
    assert "陈师傅" in expected and "Part-time teaching" in expected

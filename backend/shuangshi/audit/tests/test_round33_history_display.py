"""A teacher's history names its linked records in words (`changes_display`), as the
province's audit log does, and a linked certificate or mentor appointment reads in words
rather than as its raw codes."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from shuangshi import testing
from shuangshi.audit.api import record_name
from shuangshi.mentors.tests.conftest import appoint, make_mentor
from shuangshi.recognition.models import EvidenceFile
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def _history(api, user, teacher, **headers):
    return api(user).get(f"/api/v1/teachers/{teacher.pk}/history/", **headers)


def _entry(model, object_id, changes):
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(object_id),
        object_id=object_id,
        object_repr=f"#{object_id}",
        action=LogEntry.Action.UPDATE,
        changes=changes,
    )


def test_a_teachers_school_reads_by_name_in_the_history(api, hr_a, teacher_a, school_a):
    response = _history(api, hr_a, teacher_a)
    assert response.status_code == 200
    created = response.json()["results"][-1]
    assert created["action"] == "create"
    assert created["changes_display"]["school"] == {"old": None, "new": school_a.name}
    # the raw value stays as it was: a field is only added
    assert str(created["changes"]["school"][1]) == str(school_a.pk)
    # a plain value needs no second reading
    assert "name" not in created["changes_display"]


def test_a_move_between_schools_reads_both_names_and_a_deleted_one_as_deleted(
    api, province, teacher_a, school_a, school_b
):
    _entry(Teacher, teacher_a.pk, {"school": [str(school_a.pk), str(school_b.pk)]})
    _entry(Teacher, teacher_a.pk, {"school": ["999031", str(school_a.pk)]})
    results = _history(api, province, teacher_a).json()["results"]
    displays = [r["changes_display"]["school"] for r in results if r["action"] == "update"]
    assert {"old": school_a.name, "new": school_b.name} in displays
    assert {"old": "#999031（已删除）", "new": school_a.name} in displays

    english = _history(api, province, teacher_a, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert "#999031 (deleted)" in [
        r["changes_display"]["school"]["old"] for r in english if r["action"] == "update"
    ]


def test_a_certificates_teacher_reads_by_name_in_the_history(api, hr_a, teacher_a):
    testing.make_certificate(teacher_a)
    results = _history(api, hr_a, teacher_a).json()["results"]
    certificate = next(r for r in results if r["model"] == "certificate")
    assert certificate["changes_display"]["teacher"] == {"old": None, "new": "王芳"}


def test_a_reader_outside_the_school_is_refused(api, hr_b, base_staff, teacher_a):
    assert _history(api, hr_b, teacher_a).status_code == 404
    assert _history(api, base_staff, teacher_a).status_code == 403


def test_a_page_of_history_names_its_records_in_a_bounded_number_of_queries(
    api, hr_a, teacher_a, school_a, school_b
):
    def read(n):
        for _ in range(n):
            _entry(Teacher, teacher_a.pk, {"school": [str(school_a.pk), str(school_b.pk)]})
        client = api(hr_a)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/teachers/{teacher_a.pk}/history/")
        assert response.status_code == 200
        return len(queries)

    few = read(2)
    many = read(15)
    assert many == few


def test_a_linked_certificate_reads_as_its_kind_and_level(api, province, teacher_a):
    certificate = testing.make_certificate(
        teacher_a, kind="skill_level", level="grade4", field_category="46"
    )
    entry = _entry(EvidenceFile, 7, {"certificate": ["None", str(certificate.pk)]})
    url = f"/api/v1/audit-log/{entry.pk}/"
    shown = api(province).get(url).json()["changes_display"]["certificate"]["new"]
    assert shown == "职业技能等级证书（四级/中级工）"
    english = api(province).get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    shown_en = english["changes_display"]["certificate"]["new"]
    assert "Vocational skill level" in shown_en and "Grade 4 / intermediate worker" in shown_en


def test_a_mentor_appointment_reads_as_mentor_school_and_mode(school_a):
    appointment = appoint(make_mentor(name="刘建国"), school_a, mode="research")
    with translation.override("zh-hans"):
        shown = record_name(appointment)
    assert shown == f"刘建国（{school_a.name}，联合研究）"
    with translation.override("en"):
        assert "Joint research" in record_name(appointment)

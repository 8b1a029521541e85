"""The province's audit log reads related records by name and JSON values in short words
(`changes_display`), resolved for the whole page in a few queries."""

import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.common.idnumbers import mask_id_text
from shuangshi.recognition.models import Application, Round
from shuangshi.teachers.models import Certificate

pytestmark = pytest.mark.django_db

ELIGIBILITY = {
    "level": "junior",
    "qualified": True,
    "in_scope": True,
    "reasons": [{"code": "SCOPE", "params": {}}],
}


def _entry(model, object_id, changes, action=LogEntry.Action.UPDATE):
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(object_id),
        object_id=object_id,
        object_repr=f"#{object_id}",
        action=action,
        changes=changes,
    )


def _read(api, province, entry, **headers):
    response = api(province).get(f"/api/v1/audit-log/{entry.pk}/", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_related_teacher_and_user_read_by_name(api, province, hr_a, teacher_a):
    entry = _entry(
        Application,
        5,
        {
            "teacher": ["None", str(teacher_a.pk)],
            "created_by": [str(province.pk), str(hr_a.pk)],
            "status": ["draft", "submitted"],
        },
    )
    data = _read(api, province, entry)
    display = data["changes_display"]
    assert display["teacher"] == {"old": None, "new": "王芳"}
    assert display["created_by"] == {"old": "province", "new": "hr_a"}
    assert "status" not in display  # a plain value needs no second reading
    # the raw changes stay as they were (fields are only added)
    assert data["changes"]["teacher"] == ["None", str(teacher_a.pk)]


def test_a_deleted_record_reads_as_its_number_marked_deleted(api, province):
    entry = _entry(Certificate, 3, {"teacher": ["999047", "None"]}, LogEntry.Action.DELETE)
    assert _read(api, province, entry)["changes_display"]["teacher"] == {
        "old": "#999047（已删除）",
        "new": None,
    }
    english = _read(api, province, entry, HTTP_ACCEPT_LANGUAGE="en")
    assert english["changes_display"]["teacher"]["old"] == "#999047 (deleted)"


def test_eligibility_reads_as_its_level_and_other_json_as_recorded(api, province):
    application = _entry(
        Application, 6, {"eligibility": ["None", json.dumps(ELIGIBILITY, sort_keys=True)]}
    )
    assert _read(api, province, application)["changes_display"]["eligibility"] == {
        "old": None,
        "new": "初级",
    }
    english = _read(api, province, application, HTTP_ACCEPT_LANGUAGE="en")
    assert english["changes_display"]["eligibility"]["new"] == "Junior"

    round_entry = _entry(Round, 2, {"levels": ['["junior"]', '["junior", "senior"]']})
    assert _read(api, province, round_entry)["changes_display"]["levels"] == {
        "old": "（已记录）",
        "new": "（已记录）",
    }


def test_a_name_that_holds_an_id_number_is_masked(api, province):
    typed = "110101199003077777"
    user = testing.make_user(f"u{typed}", Role.PROVINCE)
    entry = _entry(Application, 8, {"created_by": ["None", str(user.pk)]})
    shown = _read(api, province, entry)["changes_display"]["created_by"]["new"]
    assert shown == mask_id_text(user.username)
    assert typed not in shown


def test_a_page_of_twenty_resolves_names_in_a_few_queries(api, province, hr_a, school_a):
    teachers = [testing.make_teacher(school_a, name=f"教师{i}") for i in range(20)]
    LogEntry.objects.all().delete()

    def page(n):
        for i in range(n):
            model = Application if i % 2 else Certificate
            _entry(
                model,
                1000 + i,
                {
                    "teacher": ["None", str(teachers[i].pk)],
                    "created_by": ["None", str(hr_a.pk if i % 3 else province.pk)],
                    "eligibility": ["None", json.dumps(ELIGIBILITY)],
                },
            )
        client = api(province)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/audit-log/", {"page_size": 20})
        assert response.status_code == 200
        return response.json()["results"], len(queries)

    _, few_queries = page(4)
    LogEntry.objects.all().delete()
    results, many_queries = page(20)
    assert len(results) == 20
    assert {r["changes_display"]["teacher"]["new"] for r in results} == {
        f"教师{i}" for i in range(20)
    }
    # one query per related model, not one per row
    assert many_queries == few_queries
    assert many_queries <= 8

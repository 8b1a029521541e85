"""A draft follows its teacher (Application.school), a returned one too: after a review
returns it and the teacher moves school, the new school's HR edits and submits it and the
old school's HR no longer reads or acts on it. A reviewed application stays with the
school that submitted it (test_round32_moved_teacher)."""

import pytest

from shuangshi.recognition.models import Application
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def _returned(api, hr_a, teacher, round_open):
    """HR of school A drafts and submits for its teacher, then returns it."""
    created = api(hr_a).post(
        APPS, {"round": round_open.pk, "teacher": teacher.pk, "level": "junior"}
    )
    assert created.status_code == 201, created.json()
    app_id = created.json()["id"]
    assert api(hr_a).post(f"{APPS}{app_id}/submit/", {}).status_code == 200
    body = {"decision": "return", "opinion": "请补充企业实践证明"}
    returned = api(hr_a).post(f"{APPS}{app_id}/school-review/", body)
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "draft"
    return app_id


def _patch(api, user, app_id, body):
    version = Application.objects.get(pk=app_id).version
    return api(user).patch(f"{APPS}{app_id}/", {**body, "version": version})


def test_a_returned_draft_follows_its_teacher_to_the_new_school(
    api, hr_a, hr_b, qualified_teacher, school_b, round_open
):
    app_id = _returned(api, hr_a, qualified_teacher, round_open)
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})

    assert api(hr_a).get(f"{APPS}{app_id}/").status_code == 404
    assert _patch(api, hr_a, app_id, {"statement": "旧学校"}).status_code == 404
    assert api(hr_a).post(f"{APPS}{app_id}/submit/", {}).status_code == 404
    assert api(hr_a).get(APPS).json()["results"] == []

    read = api(hr_b).get(f"{APPS}{app_id}/")
    assert read.status_code == 200
    assert read.json()["school"] == school_b.pk
    edited = _patch(api, hr_b, app_id, {"statement": "新学校补充材料"})
    assert edited.status_code == 200, edited.json()
    submitted = api(hr_b).post(f"{APPS}{app_id}/submit/", {})
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["school"] == school_b.pk
    review = api(hr_b).post(f"{APPS}{app_id}/school-review/", {"decision": "approve"})
    assert review.status_code == 200, review.json()
    # The old school's review stays in the history.
    stages = [(e["stage"], e["decision"]) for e in review.json()["history"]]
    assert ("school_review", "return") in stages


def test_a_draft_returned_by_the_province_follows_its_teacher_too(
    api, hr_a, hr_b, province, qualified_teacher, school_b, round_open
):
    created = api(hr_a).post(
        APPS, {"round": round_open.pk, "teacher": qualified_teacher.pk, "level": "junior"}
    )
    app_id = created.json()["id"]
    assert api(hr_a).post(f"{APPS}{app_id}/submit/", {}).status_code == 200
    approve = {"decision": "approve"}
    assert api(hr_a).post(f"{APPS}{app_id}/school-review/", approve).status_code == 200
    body = {"decision": "return", "opinion": "材料不全"}
    assert api(province).post(f"{APPS}{app_id}/province-review/", body).status_code == 200
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})
    assert api(hr_a).get(f"{APPS}{app_id}/").status_code == 404
    assert api(hr_b).post(f"{APPS}{app_id}/submit/", {}).status_code == 200


def test_a_returned_draft_of_a_teacher_who_stays_is_still_their_schools(
    api, hr_a, hr_b, qualified_teacher, school_a, round_open
):
    app_id = _returned(api, hr_a, qualified_teacher, round_open)
    assert api(hr_a).get(f"{APPS}{app_id}/").json()["school"] == school_a.pk
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 404
    assert _patch(api, hr_a, app_id, {"statement": "已补充"}).status_code == 200
    submitted = api(hr_a).post(f"{APPS}{app_id}/submit/", {})
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["school"] == school_a.pk


def test_a_rejected_application_stays_with_the_school_that_reviewed_it(
    api, hr_a, hr_b, qualified_teacher, school_a, school_b, round_open
):
    created = api(hr_a).post(
        APPS, {"round": round_open.pk, "teacher": qualified_teacher.pk, "level": "junior"}
    )
    app_id = created.json()["id"]
    assert api(hr_a).post(f"{APPS}{app_id}/submit/", {}).status_code == 200
    body = {"decision": "reject", "opinion": "不符合条件"}
    assert api(hr_a).post(f"{APPS}{app_id}/school-review/", body).status_code == 200
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})
    assert api(hr_a).get(f"{APPS}{app_id}/").json()["school"] == school_a.pk
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 404


def test_the_migration_lets_drafts_returned_before_it_follow_their_teacher(
    api, hr_a, hr_b, qualified_teacher, school_a, school_b, round_open
):
    from importlib import import_module

    from django.apps import apps

    app_id = _returned(api, hr_a, qualified_teacher, round_open)
    Application.objects.filter(pk=app_id).update(school=school_a)  # as a return left it before
    submitted = api(hr_a).post(
        APPS, {"round": round_open.pk, "teacher": qualified_teacher.pk, "level": "junior"}
    )
    other = submitted.json()["id"]
    Application.objects.filter(pk=other).update(status="submitted", school=school_a)
    migration = import_module("shuangshi.recognition.migrations.0004_drafts_follow_their_teacher")
    migration.drafts_follow_their_teacher(apps, None)
    assert Application.objects.get(pk=app_id).school_id is None
    assert Application.objects.get(pk=other).school_id == school_a.pk
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 200

"""An application belongs to the school that submitted it (DESIGN §8, §3 dated facts): when
its teacher moves to another school afterwards, that school's HR did the school review and
keeps it, the new school's HR cannot act on it, and no expert of the submitting school (nor
of the teacher's school now) reads it or votes on it (round 32)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
FILES = "/api/v1/evidence-files/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def expert_a(school_a, round_open):
    """An expert of the teacher's first school, assigned to the round."""
    user = testing.make_user("expert_a", Role.EXPERT, school=school_a)
    round_open.experts.add(user)
    return user


def _post(api, user, app_id, action, body=None):
    return api(user).post(f"{APPS}{app_id}/{action}/", body or {})


def _submitted(api, teacher_user, round_open):
    upload = {"kind": "certificate", "file": SimpleUploadedFile("电工证.pdf", PDF)}
    file_id = api(teacher_user).post(FILES, upload, format="multipart").json()["id"]
    body = {"round": round_open.pk, "level": "junior", "evidence": [file_id]}
    app_id = api(teacher_user).post(APPS, body).json()["id"]
    assert _post(api, teacher_user, app_id, "submit").status_code == 200
    return app_id, file_id


def _move(teacher, school):
    teacher_services.teacher_update(teacher=teacher, data={"school": school})


def test_the_submitting_schools_hr_still_reviews_after_the_teacher_moved(
    api, teacher_user, qualified_teacher, hr_a, school_a, school_b, round_open
):
    app_id, file_id = _submitted(api, teacher_user, round_open)
    _move(qualified_teacher, school_b)
    read = api(hr_a).get(f"{APPS}{app_id}/")
    assert read.status_code == 200
    assert read.json()["school"] == school_a.pk
    assert read.json()["school_name"] == school_a.name
    assert api(hr_a).get(f"{FILES}{file_id}/download/").status_code == 200
    review = _post(api, hr_a, app_id, "school-review", {"decision": "approve"})
    assert review.status_code == 200, review.json()
    assert review.json()["status"] == "school_approved"


def test_the_new_schools_hr_cannot_act_on_the_old_schools_review(
    api, teacher_user, qualified_teacher, hr_b, school_b, round_open
):
    app_id, _file = _submitted(api, teacher_user, round_open)
    _move(qualified_teacher, school_b)
    assert _post(api, hr_b, app_id, "school-review", {"decision": "approve"}).status_code == 404
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 404
    assert api(hr_b).get(APPS).json()["results"] == []


def test_an_expert_of_the_submitting_school_never_reads_or_votes(
    api, teacher_user, qualified_teacher, hr_a, expert_a, school_b, round_open
):
    app_id, file_id = _submitted(api, teacher_user, round_open)
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    _move(qualified_teacher, school_b)
    assert api(expert_a).get(f"{APPS}{app_id}/").status_code == 404
    assert api(expert_a).get(APPS).json()["results"] == []
    assert _post(api, expert_a, app_id, "votes", {"decision": "approve"}).status_code == 404
    assert api(expert_a).get(f"{FILES}{file_id}/download/").status_code == 404


def test_an_expert_of_the_teachers_new_school_does_not_read_it_either(
    api, teacher_user, qualified_teacher, hr_a, expert, school_b, round_open
):
    app_id, _file = _submitted(api, teacher_user, round_open)
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    assert api(expert).get(f"{APPS}{app_id}/").status_code == 200  # school B: not theirs yet
    _move(qualified_teacher, school_b)
    assert api(expert).get(f"{APPS}{app_id}/").status_code == 404


def test_a_draft_follows_the_teacher_and_is_submitted_by_the_new_school(
    api, teacher_user, qualified_teacher, hr_a, hr_b, school_b, round_open
):
    body = {"round": round_open.pk, "level": "junior"}
    app_id = api(teacher_user).post(APPS, body).json()["id"]
    _move(qualified_teacher, school_b)
    assert api(hr_a).get(f"{APPS}{app_id}/").status_code == 404
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 200
    submitted = _post(api, teacher_user, app_id, "submit")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["school"] == school_b.pk
    assert _post(api, hr_b, app_id, "school-review", {"decision": "approve"}).status_code == 200


def test_the_city_of_the_submitting_school_reads_it(
    api, teacher_user, qualified_teacher, city_nc, school_b, round_open
):
    app_id, _file = _submitted(api, teacher_user, round_open)
    _move(qualified_teacher, school_b)  # Jiujiang: out of Nanchang
    assert api(city_nc).get(f"{APPS}{app_id}/").status_code == 200
    assert api(city_nc).get(APPS, {"school": school_b.pk}).json()["results"] == []

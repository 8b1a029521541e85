"""A reviewer reads an application's evidence by name, kind and the record it backs, not as
bare ids, and may open each file their role may read (round 32)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shuangshi import testing
from shuangshi.accounts.models import Role

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
FILES = "/api/v1/evidence-files/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(api, user, name, **fields):
    body = {"kind": "other", "file": SimpleUploadedFile(name, PDF), **fields}
    response = api(user).post(FILES, body, format="multipart")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


@pytest.fixture
def application(api, teacher_user, qualified_teacher, hr_a, round_open):
    certificate = qualified_teacher.certificates.get(kind="skill_level")
    cert_file = _upload(
        api, teacher_user, "电工三级.pdf", kind="certificate", certificate=certificate.pk
    )
    other_file = _upload(api, teacher_user, "获奖证书.pdf", description="省级技能大赛二等奖")
    body = {"round": round_open.pk, "level": "junior", "evidence": [cert_file, other_file]}
    app_id = api(teacher_user).post(APPS, body).json()["id"]
    assert api(teacher_user).post(f"{APPS}{app_id}/submit/").status_code == 200
    assert (
        api(hr_a).post(f"{APPS}{app_id}/school-review/", {"decision": "approve"}).status_code == 200
    )
    return {"id": app_id, "cert_file": cert_file, "other_file": other_file, "cert": certificate}


def test_the_application_names_its_files_and_the_records_they_back(api, hr_a, application):
    body = api(hr_a).get(f"{APPS}{application['id']}/").json()
    assert set(body["evidence"]) == {application["cert_file"], application["other_file"]}
    files = {f["id"]: f for f in body["evidence_files"]}
    cert = files[application["cert_file"]]
    assert cert["filename"] == "电工三级.pdf"
    assert cert["kind"] == "certificate"
    assert cert["content_type"] == "application/pdf"
    assert cert["size"] == len(PDF)
    assert cert["certificate"] == application["cert"].pk
    assert cert["record"] == "职业技能等级证书 · 三级/高级工 · 电工"
    other = files[application["other_file"]]
    assert other["filename"] == "获奖证书.pdf"
    assert other["description"] == "省级技能大赛二等奖"
    assert other["certificate"] is None and other["record"] == ""


@pytest.mark.parametrize("who", ["province", "hr_a", "city_nc", "expert", "teacher_user"])
def test_every_reviewer_who_reads_the_application_opens_its_files(api, request, who, application):
    user = request.getfixturevalue(who)
    body = api(user).get(f"{APPS}{application['id']}/").json()
    for f in body["evidence_files"]:
        assert api(user).get(f"{FILES}{f['id']}/download/").status_code == 200


def test_the_list_stays_lean_with_files(
    api, hr_a, application, round_open, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        rows = api(hr_a).get(APPS).json()["results"]
    assert [len(r["evidence_files"]) for r in rows] == [2]


def test_an_unassigned_expert_reads_neither_the_application_nor_its_files(api, application):
    outsider = testing.make_user("ex_out", Role.EXPERT)
    assert api(outsider).get(f"{APPS}{application['id']}/").status_code == 404
    assert api(outsider).get(f"{FILES}{application['cert_file']}/download/").status_code == 404

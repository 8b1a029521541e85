"""Round 40 (exploratory QA), evidence files:

- a certificate or period moved to another teacher took its teacher's files along (shown
  to another school's HR, who could not open them): a record with files keeps its teacher;
- a teacher deleted a file HR had uploaded, or the evidence of a record HR had confirmed:
  a teacher proposes, HR confirms, and the teacher no longer takes it back;
- a "cert.html" that is a PDF downloaded under its HTML name: the name takes the extension
  of what the file is.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shuangshi import testing
from shuangshi.recognition.models import EvidenceFile
from shuangshi.teachers.models import Certificate

FILES = "/api/v1/evidence-files/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(api, user, teacher=None, name="证书.pdf", content=PDF, **fields):
    body = {
        "kind": "certificate",
        "description": "电工证",
        "file": SimpleUploadedFile(name, content),
    }
    if teacher is not None:
        body["teacher"] = teacher.pk
    body.update(fields)
    response = api(user).post(FILES, body, format="multipart")
    assert response.status_code == 201, response.json()
    return response.json()


def proposed_certificate(api, teacher_user, qualified_teacher):
    response = api(teacher_user).post(
        "/api/v1/certificates/",
        {
            "teacher": qualified_teacher.pk,
            "kind": "professional_title",
            "level": "intermediate",
            "name": "工程师",
            "issued_on": "2020-01-01",
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()


# ------------------------------------------------------------- a record with files stays


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_certificate_with_evidence_does_not_move_to_another_teacher(
    api, teacher_user, qualified_teacher, province, teacher_b, language
):
    certificate = proposed_certificate(api, teacher_user, qualified_teacher)
    upload(api, teacher_user, certificate=certificate["id"])
    client = api(province)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.patch(
        f"/api/v1/certificates/{certificate['id']}/",
        {"teacher": teacher_b.pk, "version": certificate["version"]},
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["teacher"][0]
    assert message == (
        "该记录附有其教师的佐证材料，不能改到其他教师名下；请为该教师另行登记此记录。"
        if language == "zh-hans"
        else "This record has evidence files of its teacher and cannot move to another "
        "teacher. Register the record for the other teacher instead."
    )
    assert Certificate.objects.get(pk=certificate["id"]).teacher_id == qualified_teacher.pk


def test_a_period_with_evidence_does_not_move_either(api, hr_a, qualified_teacher, school_a):
    other = testing.make_teacher(school_a, name="赵敏")
    period = testing.make_period(qualified_teacher)
    upload(api, hr_a, teacher=qualified_teacher, kind="enterprise", enterprise_period=period.pk)
    response = api(hr_a).patch(
        f"/api/v1/enterprise-periods/{period.pk}/",
        {"teacher": other.pk, "version": period.version},
        format="json",
    )
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_a_record_without_evidence_still_moves(api, hr_a, qualified_teacher, school_a):
    other = testing.make_teacher(school_a, name="赵敏")
    certificate = testing.make_certificate(qualified_teacher, kind="skill_level", level="grade3")
    response = api(hr_a).patch(
        f"/api/v1/certificates/{certificate.pk}/",
        {"teacher": other.pk, "version": certificate.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Certificate.objects.get(pk=certificate.pk).teacher_id == other.pk


# ---------------------------------------------------------- what a teacher may delete


def test_a_teacher_deletes_their_own_file_of_a_pending_proposal(
    api, teacher_user, qualified_teacher
):
    certificate = proposed_certificate(api, teacher_user, qualified_teacher)
    file = upload(api, teacher_user, certificate=certificate["id"])
    assert api(teacher_user).delete(f"{FILES}{file['id']}/").status_code == 204
    assert not EvidenceFile.objects.filter(pk=file["id"]).exists()


def test_a_teacher_does_not_delete_the_evidence_of_a_confirmed_record(
    api, teacher_user, qualified_teacher, hr_a
):
    certificate = proposed_certificate(api, teacher_user, qualified_teacher)
    file = upload(api, teacher_user, certificate=certificate["id"])
    confirmed = api(hr_a).post(f"/api/v1/certificates/{certificate['id']}/confirm/")
    assert confirmed.status_code == 200, confirmed.json()
    response = api(teacher_user).delete(f"{FILES}{file['id']}/")
    assert response.status_code == 403
    assert (
        response.json()["detail"]
        == "该文件是已确认记录的佐证材料，需保留；如需处理请联系学校人事。"
    )
    assert EvidenceFile.objects.filter(pk=file["id"]).exists()
    # The school's HR may (the record is theirs to keep or correct).
    assert api(hr_a).delete(f"{FILES}{file['id']}/").status_code == 204


def test_a_teacher_does_not_delete_a_file_hr_uploaded(api, teacher_user, qualified_teacher, hr_a):
    file = upload(api, hr_a, teacher=qualified_teacher, description="HR扫描件")
    response = api(teacher_user).delete(f"{FILES}{file['id']}/")
    assert response.status_code == 403
    assert response.json()["detail"] == "该文件由学校上传；如需删除请联系学校人事。"
    assert EvidenceFile.objects.filter(pk=file["id"]).exists()


# ------------------------------------------------------------------ the download's name


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("cert.html", PDF, "cert.pdf"),
        ("扫描件.svg", PNG, "扫描件.png"),
        ("证书", PDF, "证书.pdf"),
        ("证书.PDF", PDF, "证书.PDF"),
        ("王芳.2024年9月扫描件", PDF, "王芳.2024年9月扫描件.pdf"),
    ],
)
def test_the_name_takes_the_extension_of_what_the_file_is(
    api, teacher_user, hr_a, name, content, stored
):
    file = upload(api, teacher_user, name=name, content=content)
    assert file["filename"] == stored
    download = api(hr_a).get(f"{FILES}{file['id']}/download/")
    assert download.status_code == 200
    assert (
        stored.encode() in download["Content-Disposition"].encode()
        or "filename*" in (download["Content-Disposition"])
    )

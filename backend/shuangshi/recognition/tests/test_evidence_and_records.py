"""Evidence files (sniffed, limited, hashed, scoped, frozen once submitted), teachers'
proposed records that HR confirms, recognitions' revocation and public verification."""

import hashlib
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.qualification.models import TeacherQualification
from shuangshi.recognition import services

FILES = "/api/v1/evidence-files/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(api, user, content, name="证书.pdf", **fields):
    body = {
        "kind": "certificate",
        "description": "电工证",
        "file": SimpleUploadedFile(name, content),
    }
    body.update(fields)
    return api(user).post(FILES, body, format="multipart")


def test_a_teacher_uploads_a_pdf_with_its_hash(api, teacher_user, qualified_teacher):
    response = _upload(api, teacher_user, PDF)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["teacher"] == qualified_teacher.pk
    assert body["content_type"] == "application/pdf"
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["size"] == len(PDF) and body["filename"] == "证书.pdf"
    download = api(teacher_user).get(f"{FILES}{body['id']}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_renamed_exe_is_refused(api, teacher_user):
    response = _upload(api, teacher_user, EXE, name="证书.pdf")
    assert response.status_code == 400
    assert "file" in response.json()


def test_a_png_named_pdf_is_stored_as_a_png(api, teacher_user):
    assert _upload(api, teacher_user, PNG, name="x.pdf").json()["content_type"] == "image/png"


def test_a_file_over_the_limit_is_refused(api, teacher_user, settings):
    settings.EVIDENCE_MAX_MB = 1
    response = _upload(api, teacher_user, PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "file" in response.json()


def test_files_are_scoped_like_their_teacher(api, teacher_user, hr_a, hr_b, city_nc, base_staff):
    file_id = _upload(api, teacher_user, PDF).json()["id"]
    assert api(hr_a).get(f"{FILES}{file_id}/download/").status_code == 200
    assert api(hr_b).get(f"{FILES}{file_id}/download/").status_code == 404
    assert api(base_staff).get(f"{FILES}{file_id}/").status_code == 403
    other = testing.make_user(
        "t_other", Role.TEACHER, teacher=testing.make_teacher(hr_a.school, name="李四")
    )
    assert api(other).get(f"{FILES}{file_id}/").status_code == 404


def test_hr_cannot_upload_for_another_schools_teacher(api, hr_a, teacher_b):
    response = _upload(api, hr_a, PDF, teacher=teacher_b.pk)
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_a_file_of_a_submitted_application_cannot_be_deleted(api, teacher_user, round_open, hr_a):
    kept = _upload(api, teacher_user, PDF).json()["id"]
    loose = _upload(api, teacher_user, PDF).json()["id"]
    app = api(teacher_user).post(
        "/api/v1/recognition-applications/",
        {"round": round_open.pk, "level": "junior", "evidence": [kept]},
    )
    assert app.status_code == 201, app.json()
    assert (
        api(teacher_user)
        .post(f"/api/v1/recognition-applications/{app.json()['id']}/submit/")
        .status_code
        == 200
    )
    assert api(teacher_user).delete(f"{FILES}{kept}/").status_code == 409
    assert api(hr_a).delete(f"{FILES}{kept}/").status_code == 409
    assert api(teacher_user).delete(f"{FILES}{loose}/").status_code == 204


def test_an_application_takes_only_the_teachers_own_files(
    api, teacher_user, round_open, hr_a, school_a
):
    other = testing.make_teacher(school_a, name="李四")
    foreign = _upload(api, hr_a, PDF, teacher=other.pk).json()["id"]
    response = api(teacher_user).post(
        "/api/v1/recognition-applications/",
        {"round": round_open.pk, "level": "junior", "evidence": [foreign]},
    )
    assert response.status_code == 400
    assert "evidence" in response.json()


# --------------------------------------------------------------------------- proposals


def test_a_teacher_proposes_a_certificate_that_counts_once_hr_confirms(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, name="赵敏")
    testing.make_certificate(teacher)  # qualification certificate only: not yet qualified
    user = testing.make_user("t_zhao", Role.TEACHER, teacher=teacher)
    proposed = api(user).post(
        "/api/v1/certificates/",
        {
            "teacher": teacher.pk,
            "kind": "skill_level",
            "level": "grade3",
            "name": "电工",
            "field": "电工",
            "field_category": "46",
            "issued_on": "2022-05-01",
        },
    )
    assert proposed.status_code == 201, proposed.json()
    assert proposed.json()["status"] == "pending"
    cert_id = proposed.json()["id"]
    _upload(api, user, PDF, certificate=cert_id)
    queue = api(hr_a).get("/api/v1/record-confirmations/").json()
    assert [(r["type"], r["id"]) for r in queue] == [("certificate", cert_id)]
    assert queue[0]["evidence"][0]["filename"] == "证书.pdf"
    # Codes beside the summary, for the screen to word in the reader's language.
    parts = {k: queue[0][k] for k in ("kind", "level", "name", "detail")}
    assert parts == {"kind": "skill_level", "level": "grade3", "name": "电工", "detail": ""}
    # The summary in words, in the reader's language: the level's label, never its code.
    assert queue[0]["summary"] == "职业技能等级证书 · 三级/高级工 · 电工"
    (english,) = api(hr_a).get("/api/v1/record-confirmations/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (
        english["summary"]
        == "Vocational skill level (职业技能等级证书) · Grade 3 / senior worker · 电工"
    )
    assert english["level"] == "grade3"
    assert TeacherQualification.objects.get(teacher=teacher).level == "none"  # pending
    assert api(user).post(f"/api/v1/certificates/{cert_id}/confirm/").status_code == 403
    confirmed = api(hr_a).post(f"/api/v1/certificates/{cert_id}/confirm/")
    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json()["status"] == "confirmed"
    assert TeacherQualification.objects.get(teacher=teacher).level != "none"
    assert api(hr_a).post(f"/api/v1/certificates/{cert_id}/confirm/").status_code == 400


def test_hr_rejects_a_proposed_period_with_a_reason(api, hr_a, hr_b, teacher_user):
    teacher = teacher_user.teacher
    proposed = api(teacher_user).post(
        "/api/v1/enterprise-periods/",
        {
            "teacher": teacher.pk,
            "kind": "practice",
            "enterprise": "江铃汽车股份有限公司",
            "start_on": "2024-07-01",
            "end_on": "2024-08-31",
        },
    )
    assert proposed.status_code == 201, proposed.json()
    period_id = proposed.json()["id"]
    (row,) = api(hr_a).get("/api/v1/record-confirmations/").json()
    assert (row["type"], row["kind"], row["level"], row["name"]) == (
        "enterprise_period",
        "practice",
        "",
        "江铃汽车股份有限公司",
    )
    assert row["summary"] == "企业实践 · 江铃汽车股份有限公司"
    url = f"/api/v1/enterprise-periods/{period_id}/reject/"
    assert api(hr_b).post(url, {"reason": "x"}).status_code == 404
    assert api(hr_a).post(url, {}).status_code == 400
    rejected = api(hr_a).post(url, {"reason": "无盖章证明"})
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["reject_reason"] == "无盖章证明"


def test_a_teacher_cannot_edit_or_delete_records(api, teacher_user):
    cert = teacher_user.teacher.certificates.first()
    assert (
        api(teacher_user)
        .patch(f"/api/v1/certificates/{cert.pk}/", {"version": 1, "name": "x"})
        .status_code
        == 403
    )
    assert api(teacher_user).delete(f"/api/v1/certificates/{cert.pk}/").status_code == 403


def test_a_teacher_cannot_propose_for_someone_else(api, teacher_user, teacher_b):
    response = api(teacher_user).post(
        "/api/v1/certificates/",
        {
            "teacher": teacher_b.pk,
            "kind": "skill_level",
            "level": "grade3",
            "issued_on": "2022-05-01",
        },
    )
    assert response.status_code == 400


def test_my_record_gathers_a_teachers_rows(api, teacher_user, hr_a):
    body = api(teacher_user).get("/api/v1/my-record/").json()
    assert body["teacher"] == teacher_user.teacher_id
    assert len(body["certificates"]) == 2
    assert api(hr_a).get("/api/v1/my-record/").status_code == 403


# --------------------------------------------------------------------------- recognitions


@pytest.fixture
def recognition(teacher_user, hr_a, province, expert, round_open):
    app = services.application_create(
        round=round_open, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    return services.application_finalize(application=app, user=province)


def test_verification_is_public_masked_and_minimal(api, recognition):
    cache.clear()
    response = api().get(f"/api/v1/public/verify/{recognition.certificate_no}/")
    assert response.status_code == 200
    assert response.json() == {
        "certificate_no": "JX2026A-00001",
        "name": "王*明",
        "school": recognition.teacher.school.name,
        "level": "junior",
        "recognized_on": str(recognition.recognized_on),
        "valid_until": str(recognition.valid_until),
        "status": "active",
    }
    assert api().get("/api/v1/public/verify/JX2026A-99999/").status_code == 404


def test_verification_is_rate_limited_per_address(api, recognition, settings):
    cache.clear()
    settings.VERIFY_RATE = "3/min"
    codes = [api().get("/api/v1/public/verify/NOPE-00001/").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    cache.clear()


def test_the_province_revokes_with_a_reason(api, recognition, province, hr_a, teacher_user):
    url = f"/api/v1/recognitions/{recognition.pk}/revoke/"
    assert api(hr_a).post(url, {"reason": "x"}).status_code == 403
    assert api(province).post(url, {"reason": ""}).status_code == 400
    revoked = api(province).post(url, {"reason": "材料造假"})
    assert revoked.json()["status"] == "revoked"
    assert api(province).post(url, {"reason": "again"}).status_code == 400
    mine = api(teacher_user).get("/api/v1/recognitions/").json()["results"]
    assert [r["status"] for r in mine] == ["revoked"]
    cache.clear()
    assert api().get(f"/api/v1/public/verify/{recognition.certificate_no}/").json()["status"] == (
        "revoked"
    )


def test_recognitions_are_scoped(api, recognition, hr_b, city_nc, expert):
    assert api(hr_b).get(f"/api/v1/recognitions/{recognition.pk}/").status_code == 404
    assert api(city_nc).get(f"/api/v1/recognitions/{recognition.pk}/").status_code == 200
    assert api(expert).get("/api/v1/recognitions/").status_code == 403


def test_rules_mask_names_and_number_certificates():
    from shuangshi.recognition import rules

    assert [rules.mask_name(n) for n in ("张三明", "张三", "欧阳娜娜", "李")] == [
        "张*明",
        "张*",
        "欧**娜",
        "李",
    ]
    assert rules.certificate_no("JX2026A", 12) == "JX2026A-00012"
    assert rules.publicity_until(date(2026, 3, 1), 7) == date(2026, 3, 7)
    assert rules.may_finalize(date(2026, 3, 7), date(2026, 3, 8))
    assert not rules.may_finalize(date(2026, 3, 7), date(2026, 3, 7))
    assert rules.recognition_status(date(2030, 1, 1), None, date(2031, 1, 1)) == "expired"

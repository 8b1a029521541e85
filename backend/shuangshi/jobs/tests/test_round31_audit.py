"""Round 31 audit of the jobs app (DESIGN §7, §10): retention and downloads."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shuangshi.accounts import services as account_services
from shuangshi.jobs.services import job_start
from shuangshi.spreadsheets.models import ImportJob, ImportStatus
from tests.spreadsheets.books import teacher_row, teachers_book

pytestmark = pytest.mark.django_db


def _upload(client: Any, content: bytes) -> dict[str, Any]:
    answer = client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile("staff.xlsx", content)},
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_an_invalid_upload_past_retention_reads_expired_and_its_errors_link_is_gone(
    api: Any, hr_a: Any, settings: Any
) -> None:
    settings.JOBS_RETENTION_DAYS = 30
    client = api(hr_a)
    bad = _upload(client, teachers_book([teacher_row(**{"身份证号": "123"})]))
    assert bad["status"] == ImportStatus.INVALID and bad["errors"]
    assert client.get(f"/api/v1/imports/{bad['id']}/errors/").status_code == 200
    ImportJob.objects.filter(pk=bad["id"]).update(created_at=timezone.now() - timedelta(days=31))

    assert job_start(kind="jobs.retention").status == "succeeded"

    # Its file and its errors are gone: it no longer claims to be an upload with errors
    # (status invalid, one row failed, no error listed) but says it expired.
    body = client.get(f"/api/v1/imports/{bad['id']}/").json()
    assert body["status"] == ImportStatus.FAILED
    assert body["message"]
    # The marked workbook cannot be made any more: gone (404), not "the file is empty".
    assert client.get(f"/api/v1/imports/{bad['id']}/errors/").status_code == 404


def test_a_clerk_moved_to_another_school_no_longer_downloads_the_old_schools_export(
    api: Any, hr_a: Any, school_b: Any
) -> None:
    from shuangshi import testing

    testing.make_teacher(hr_a.school, name="王芳")
    client = api(hr_a)
    job = client.post("/api/v1/exports/school/").json()
    assert job["status"] == "succeeded" and job["download"]
    assert client.get(job["download"]).status_code == 200

    # The province moves the account to another school: the old school's workbook (full
    # ID numbers, for the owning school's HR only) is out of its reach now.
    account_services.user_update(user=hr_a, data={"school": school_b})
    assert api(hr_a).get(job["download"]).status_code == 404
    assert api(hr_a).get(f"/api/v1/jobs/{job['id']}/").json()["download"] is None


def test_an_unchanged_account_keeps_its_downloads(api: Any, hr_a: Any) -> None:
    client = api(hr_a)
    job = client.post("/api/v1/exports/school/").json()
    account_services.user_update(user=hr_a, data={"email": "hr@example.org"})
    assert api(hr_a).get(job["download"]).status_code == 200


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("base_staff", "/api/v1/exports/teachers/"),
        ("base_staff", "/api/v1/exports/school/"),
        ("teacher", "/api/v1/exports/school/"),
        ("expert", "/api/v1/exports/school/"),
        ("city", "/api/v1/exports/province/"),
        ("base_staff", "/api/v1/exports/province/"),
        ("city", "/api/v1/rule-profiles/"),
        ("school_hr", "/api/v1/rule-profiles/"),
    ],
)
def test_a_refused_role_starts_no_job(
    api: Any, role: str, url: str, hr_a: Any, city_nc: Any, base_staff: Any, teacher_a: Any
) -> None:
    from shuangshi import testing
    from shuangshi.jobs.models import Job

    users = {
        "school_hr": hr_a,
        "city": city_nc,
        "base_staff": base_staff,
        "teacher": testing.make_user("t_a", "teacher", teacher=teacher_a),
        "expert": testing.make_user("x_a", "expert"),
    }
    answer = api(users[role]).post(url, {}, format="json")
    assert answer.status_code == 403, (role, url, answer.content)
    assert not Job.objects.exists()

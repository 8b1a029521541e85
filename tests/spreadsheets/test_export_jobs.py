"""Workbooks and exports as background jobs: POST → 202 with the job → its download."""

from datetime import date

import pytest
from shuangshi import testing

from .books import read_back


@pytest.fixture
def staff(school_a, school_b):
    return [
        testing.make_teacher(school_a, name="王芳", major="电工"),
        testing.make_teacher(school_a, name="李强", left_on=date(2024, 1, 31)),
        testing.make_teacher(school_b, name="赵敏"),
    ]


def _download(client, job):
    assert job["status"] == "succeeded", job
    response = client.get(job["download"])
    assert response.status_code == 200
    return read_back(response.content)


def test_hr_exports_the_filtered_teacher_list_as_a_job(api, hr_a, hr_b, staff):
    client = api(hr_a)
    response = client.post("/api/v1/exports/teachers/?active=true")
    assert response.status_code == 202
    job = response.json()
    assert job["kind"] == "exports.teachers"
    assert job["result"] == {"rows": 1}
    sheet = _download(client, job)["教师"]
    assert sheet["A1"].value == "姓名"
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["王芳"]
    # The job and its file are the exporter's alone.
    assert api(hr_b).get(f"/api/v1/jobs/{job['id']}/").status_code == 404
    assert api(hr_b).get(job["download"]).status_code == 404


def test_an_export_job_searches_as_the_teacher_list_does(api, province, staff):
    client = api(province)
    job = client.post("/api/v1/exports/teachers/?search=电工 王").json()
    assert job["result"] == {"rows": 1}
    sheet = _download(client, job)["教师"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["王芳"]
    job = client.post("/api/v1/exports/teachers/?search=王芳电").json()
    assert job["result"] == {"rows": 0}  # across the name and the major: in neither


def test_a_bad_filter_is_a_400_at_once_not_a_failed_job(api, hr_a, staff):
    response = api(hr_a).post("/api/v1/exports/teachers/?city=notanumber")
    assert response.status_code == 400


def test_roles_without_teacher_lists_cannot_export_them(api, base_staff, staff):
    assert api(base_staff).post("/api/v1/exports/teachers/").status_code == 403


def test_the_province_workbook_is_made_by_a_job_for_the_province_only(api, province, hr_a, staff):
    response = api(province).post("/api/v1/exports/province/")
    assert response.status_code == 202
    job = response.json()
    assert job["result_name"].endswith(".xlsx")
    assert _download(api(province), job).sheetnames
    assert api(hr_a).post("/api/v1/exports/province/").status_code == 403


def test_a_school_workbook_is_made_by_a_job_within_the_users_scope(
    api, hr_a, city_nc, school_b, staff
):
    response = api(hr_a).post("/api/v1/exports/school/")
    assert response.status_code == 202
    assert _download(api(hr_a), response.json()).sheetnames
    # Nanchang's city account may not see a Jiujiang school: as if it did not exist.
    assert api(city_nc).post(f"/api/v1/exports/school/?school={school_b.pk}").status_code == 404
    assert api(city_nc).post("/api/v1/exports/school/").status_code == 400


def test_retention_clears_old_uploads_and_keeps_their_record(api, hr_a, upload, settings):
    from datetime import timedelta

    from django.utils import timezone
    from shuangshi.jobs.services import job_start
    from shuangshi.spreadsheets.models import ImportJob

    from .books import teacher_row, teachers_book

    settings.JOBS_RETENTION_DAYS = 30
    old = upload(api(hr_a), "teachers", teachers_book([teacher_row()])).json()
    new = upload(api(hr_a), "teachers", teachers_book([teacher_row()])).json()
    ImportJob.objects.filter(pk=old["id"]).update(created_at=timezone.now() - timedelta(days=31))
    run = job_start(kind="jobs.retention")
    assert run.status == "succeeded"
    assert run.result["imports"] == 1
    kept = ImportJob.objects.get(pk=old["id"])
    assert (bytes(kept.content), kept.status, kept.rows) == (b"", "failed", 1)
    assert kept.message  # expired: upload it again
    refused = api(hr_a).post(f"/api/v1/imports/{old['id']}/commit/")
    assert refused.status_code == 400
    assert bytes(ImportJob.objects.get(pk=new["id"]).content)

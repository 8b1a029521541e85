"""Round 31: a finished import's notice opens a page of the app and says which step ended.

The notice linked to the import's API record (/api/v1/imports/6/), which the web app opened
as its 404 page, and the check and the commit of good.xlsx both read "good.xlsx 已完成".
"""

import pytest

from shuangshi.jobs.models import Job
from shuangshi.notifications import services

pytestmark = pytest.mark.django_db


def _rows(api, user, language: str) -> dict[str, dict]:
    rows = api(user).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language).json()
    return {row["subject"]: row for row in rows["results"]}


def test_an_imports_notice_opens_its_upload_and_names_the_step(hr_a, api):
    checked = Job.objects.create(
        owner=hr_a,
        kind="imports.validate",
        status="succeeded",
        title="good.xlsx",
        link="/api/v1/imports/6/",
    )
    committed = Job.objects.create(
        owner=hr_a,
        kind="imports.commit",
        status="failed",
        title="good.xlsx",
        link="/api/v1/imports/6/",
    )
    exported = Job.objects.create(owner=hr_a, kind="exports.teachers", status="succeeded")
    for job in (checked, committed, exported):
        services.job_finished_notify(job=job)

    chinese = _rows(api, hr_a, "zh-hans")
    # Round 45: an import's notice opens that upload on the import page (its errors, or
    # its rows ready to commit); a job with no page of its own opens My jobs.
    assert chinese[f"job:{checked.pk}"]["link"] == "/imports?import=6"
    assert chinese[f"job:{committed.pk}"]["link"] == "/imports?import=6"
    assert chinese[f"job:{exported.pk}"]["link"] == "/jobs"
    assert chinese[f"job:{checked.pk}"]["title"] == "检查导入文件 · good.xlsx 已完成"
    assert chinese[f"job:{committed.pk}"]["title"] == "确认导入 · good.xlsx 失败"
    english = _rows(api, hr_a, "en")
    assert english[f"job:{checked.pk}"]["title"] == "Check an import · good.xlsx finished"
    assert english[f"job:{exported.pk}"]["title"] == "Teacher list export finished"


def test_a_notice_whose_job_links_a_page_of_the_app_keeps_it(hr_a, api):
    job = Job.objects.create(
        owner=hr_a, kind="exports.teachers", status="succeeded", link="/teachers?school=1"
    )
    services.job_finished_notify(job=job)
    assert _rows(api, hr_a, "en")[f"job:{job.pk}"]["link"] == "/teachers?school=1"

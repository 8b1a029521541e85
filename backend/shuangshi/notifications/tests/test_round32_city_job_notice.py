"""Round 32: a city user's export notice names the export once.

An export started from a Chinese screen stores its title in Chinese ("教师名单导出"); the
notice then read "教师名单导出 · 教师名单导出 已完成" in Chinese (the English one was right).
"""

import pytest

from shuangshi.jobs.models import Job
from shuangshi.notifications import services

pytestmark = pytest.mark.django_db


def _titles(api, user, language: str) -> list[str]:
    rows = api(user).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language).json()
    return [row["title"] for row in rows["results"]]


@pytest.mark.parametrize("stored", ["教师名单导出", "Teacher list export"])
def test_an_export_titled_with_its_own_kind_is_named_once(city_nc, api, stored):
    job = Job.objects.create(
        owner=city_nc, kind="exports.teachers", status="succeeded", title=stored
    )
    services.job_finished_notify(job=job)

    assert _titles(api, city_nc, "zh-hans") == ["教师名单导出 已完成"]
    assert _titles(api, city_nc, "en") == ["Teacher list export finished"]


def test_a_school_workbook_still_names_the_school(city_nc, api):
    job = Job.objects.create(
        owner=city_nc, kind="exports.school", status="succeeded", title="南昌工业技师学院"
    )
    services.job_finished_notify(job=job)

    assert _titles(api, city_nc, "zh-hans") == ["学校工作簿 · 南昌工业技师学院 已完成"]

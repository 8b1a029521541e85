"""Round 47: the province and school workbook jobs report their progress (DESIGN §10): one
step for the figures and one per sheet, all of them done once the job has succeeded."""

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.jobs.services import job_progress as real_job_progress
from shuangshi.spreadsheets import jobs, reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(monkeypatch: Any) -> list[tuple[int, int]]:
    """Every (done, total) the jobs report as they go."""
    seen: list[tuple[int, int]] = []

    def spy(*, job: Any, done: int, total: int, force: bool = False) -> None:
        seen.append((done, total))
        real_job_progress(job=job, done=done, total=total, force=force)

    monkeypatch.setattr(jobs, "job_progress", spy)
    return seen


def _run(client: Any, url: str) -> tuple[dict[str, Any], list[str]]:
    response = client.post(url)
    assert response.status_code == 202, response.content
    started = response.json()
    job = client.get(f"/api/v1/jobs/{started['id']}/").json()
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    return job, load_workbook(io.BytesIO(file.content), read_only=True).sheetnames


def test_the_province_workbook_reports_a_step_per_sheet(api, province, school_a, steps):
    testing.make_teacher(school_a, name="张三")
    job, sheets = _run(api(province), "/api/v1/exports/province/")
    progress = job["progress"]
    assert progress["total"] > 0 and progress["done"] == progress["total"], progress
    total = 1 + len(reports.PROVINCE_SHEETS)  # the figures, then each sheet
    assert sheets == list(reports.PROVINCE_SHEETS)
    assert progress == {"done": total, "total": total}
    # From the start, then step by step.
    assert steps == [(done, total) for done in range(total + 1)]


def test_the_school_workbook_reports_a_step_per_sheet(api, hr_a, school_a, steps):
    testing.make_teacher(school_a, name="张三")
    job, sheets = _run(api(hr_a), f"/api/v1/exports/school/?school={school_a.pk}")
    progress = job["progress"]
    assert progress["total"] > 0 and progress["done"] == progress["total"], progress
    total = 1 + len(reports.SCHOOL_SHEETS)  # the figures, then each sheet
    assert sheets == list(reports.SCHOOL_SHEETS)
    assert progress == {"done": total, "total": total}
    assert steps == [(done, total) for done in range(total + 1)]

"""Round 29: a job's message reads in the reader's language.

A job words its message in the language of the request that started it (job_run's
translation.override); the jobs list is read later, perhaps by an English screen. The jobs
app's own messages (the worker that stopped, the unexpected error) and those of a kind that
says how to read its messages back (the imports': their catalogue) read in the reader's
language; any other text as it was stored.
"""

from typing import Any

import pytest

from shuangshi.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

WORKER_GONE_EN = (
    "The worker running this job stopped before it finished; nothing it was writing was kept. "
    "Start it again."
)
NO_SHEET_EN = (
    "No sheet has the template's header row (missing: 姓名). Use the downloaded template and "
    "keep its header row."
)
NO_SHEET_ZH = "没有找到含模板表头的工作表（缺少：姓名）。请使用下载的模板，并保留表头行。"


def _messages(api: Any, user: Any, language: str) -> dict[int, str]:
    rows = api(user).get("/api/v1/jobs/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    return {row["id"]: row["message"] for row in rows}


def test_a_jobs_message_reads_in_the_readers_language(api: Any, hr_a: Any) -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("zh-hans"):
        worker_gone_zh = gettext(WORKER_GONE_EN)
        unexpected_zh = gettext("The job stopped with an unexpected error.")
    assert worker_gone_zh != WORKER_GONE_EN  # the catalogue has it
    reaped = Job.objects.create(
        owner=hr_a, kind="exports.teachers", status=JobStatus.FAILED, message=worker_gone_zh
    )
    crashed = Job.objects.create(
        owner=hr_a, kind="qualification.rebuild", status=JobStatus.FAILED, message=unexpected_zh
    )
    refused = Job.objects.create(
        owner=hr_a, kind="imports.validate", status=JobStatus.SUCCEEDED, message=NO_SHEET_ZH
    )
    english = Job.objects.create(
        owner=hr_a, kind="imports.validate", status=JobStatus.SUCCEEDED, message=NO_SHEET_EN
    )
    other = Job.objects.create(
        owner=hr_a, kind="exports.teachers", status=JobStatus.SUCCEEDED, message="随便写的说明"
    )

    assert _messages(api, hr_a, "en") == {
        reaped.pk: WORKER_GONE_EN,
        crashed.pk: "The job stopped with an unexpected error.",
        refused.pk: NO_SHEET_EN,
        english.pk: NO_SHEET_EN,
        other.pk: "随便写的说明",  # no catalogue's: as stored
    }
    assert _messages(api, hr_a, "zh-hans") == {
        reaped.pk: worker_gone_zh,
        crashed.pk: unexpected_zh,
        refused.pk: NO_SHEET_ZH,
        english.pk: NO_SHEET_ZH,
        other.pk: "随便写的说明",
    }
    one = api(hr_a).get(f"/api/v1/jobs/{refused.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert one["message"] == NO_SHEET_EN


def test_another_users_job_stays_out_of_reach(api: Any, hr_a: Any, hr_b: Any) -> None:
    job = Job.objects.create(owner=hr_a, kind="imports.validate", message=NO_SHEET_ZH)
    assert api(hr_b).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert _messages(api, hr_b, "en") == {}

"""Round 30: a finished job's notification says the job's message in the reader's language.

The body of a `job_finished` notification is the job's message, stored in the language of the
request that started the job. The jobs list has read it in the reader's language since round
29; the bell and the digest showed it as stored (Chinese on an English screen).
"""

import pytest
from django.core import mail
from django.utils import translation

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import WORKER_GONE
from shuangshi.notifications import services

pytestmark = pytest.mark.django_db

NO_SHEET_EN = (
    "No sheet has the template's header row (missing: 姓名). Use the downloaded template and "
    "keep its header row."
)
NO_SHEET_ZH = "没有找到含模板表头的工作表（缺少：姓名）。请使用下载的模板，并保留表头行。"


def _bodies(api, user, language: str) -> dict[str, str]:
    rows = api(user).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language).json()
    return {row["subject"]: row["body"] for row in rows["results"]}


def test_a_finished_jobs_message_reads_in_the_readers_language(hr_a, hr_b, api):
    with translation.override("zh-hans"):
        gone = str(WORKER_GONE)
    checked = Job.objects.create(
        owner=hr_a, kind="imports.validate", status="succeeded", message=NO_SHEET_ZH
    )
    reaped = Job.objects.create(owner=hr_a, kind="exports.teachers", status="failed", message=gone)
    other = Job.objects.create(
        owner=hr_a, kind="exports.teachers", status="succeeded", message="随便写的说明"
    )
    for job in (checked, reaped, other):
        services.job_finished_notify(job=job)

    english = _bodies(api, hr_a, "en")
    with translation.override("en"):
        assert english[f"job:{reaped.pk}"] == str(WORKER_GONE)
    assert english[f"job:{checked.pk}"] == NO_SHEET_EN
    assert english[f"job:{other.pk}"] == "随便写的说明"  # no message of the app: as stored
    chinese = _bodies(api, hr_a, "zh-hans")
    assert chinese[f"job:{checked.pk}"] == NO_SHEET_ZH
    assert chinese[f"job:{reaped.pk}"] == gone
    # Another school's clerk reads none of them.
    assert _bodies(api, hr_b, "en") == {}


def test_the_digest_words_a_finished_jobs_message_in_the_users_language(hr_a):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    job = Job.objects.create(
        owner=hr_a, kind="imports.validate", status="succeeded", message=NO_SHEET_ZH
    )
    services.job_finished_notify(job=job)
    services.preference_set(user=hr_a, language="en")
    assert services.digest_daily()["sent"] == 1
    assert NO_SHEET_EN in mail.outbox[0].body
    assert "没有找到" not in mail.outbox[0].body

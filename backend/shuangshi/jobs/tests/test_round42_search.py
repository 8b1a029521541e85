"""Round 42 (exploratory QA): `GET /jobs/?search=` was offered by the schema and ignored (the
whole list came back). It finds the user's own jobs by title, as the reader reads it (a
kind's own title is worded in the reader's language), or by the result file's name."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.registry import JOBS, job
from shuangshi.jobs.services import job_attach_file, job_start

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"


@pytest.fixture
def titled() -> Iterator[str]:
    """A job kind with a translated title of its own, whose run leaves a file."""

    @job("tests.titled", title=_("Teacher list export"))
    def titled_run(run: Any, *, name: str = "") -> None:
        if name:
            job_attach_file(job=run, name=name, content=b"x", content_type="text/plain")

    yield "tests.titled"
    JOBS.pop("tests.titled", None)


def _ids(client: Any, search: str, language: str = "en") -> list[int]:
    response = client.get(URL, {"search": search}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.json()
    return sorted(row["id"] for row in response.json()["results"])


def test_search_finds_the_users_jobs_by_title_or_file_name(
    api: Any, titled: str, hr_a: Any, hr_b: Any
) -> None:
    staff = job_start(kind=titled, owner=hr_a, title="staff-2024.xlsx")
    named = job_start(kind=titled, owner=hr_a, params={"name": "名单-2024-05-01.xlsx"})
    theirs = job_start(kind=titled, owner=hr_b, title="staff-2024.xlsx")
    client = api(hr_a)
    assert _ids(client, "STAFF") == [staff.pk]  # the title, case aside
    assert _ids(client, "名单-2024") == [named.pk]  # the result file's name
    assert _ids(client, "2024") == sorted([staff.pk, named.pk])
    assert _ids(client, "staff 2024") == [staff.pk]  # every word
    assert _ids(client, "nothing-like-it") == []
    assert theirs.pk not in _ids(client, "staff")  # another user's never
    assert _ids(api(hr_b), "staff") == [theirs.pk]
    assert sorted(r["id"] for r in client.get(URL).json()["results"]) == sorted(
        [staff.pk, named.pk]
    )


def test_a_kinds_own_title_is_found_as_the_reader_reads_it(
    api: Any, titled: str, hr_a: Any, hr_b: Any
) -> None:
    with translation.override("zh-hans"):
        started_in_chinese = job_start(kind=titled, owner=hr_a)  # stored: 教师名单导出
    with translation.override("en"):
        started_in_english = job_start(kind=titled, owner=hr_a)  # stored: Teacher list export
        job_start(kind=titled, owner=hr_b)
    other = job_start(kind=titled, owner=hr_a, title="roster.xlsx")  # a title of its own
    both = sorted([started_in_chinese.pk, started_in_english.pk])
    client = api(hr_a)
    assert _ids(client, "list export", "en") == both
    assert _ids(client, "名单导出", "zh-hans") == both
    assert other.pk not in _ids(client, "export", "en")
    listed = client.get(URL, {"search": "export"}, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert {row["title"] for row in listed} == {"Teacher list export"}


def test_a_search_term_that_is_refused_names_search(api: Any, hr_a: Any) -> None:
    response = api(hr_a).get(URL, {"search": "a\x00b"})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]


def test_an_anonymous_caller_is_refused_the_search(api: Any) -> None:
    assert api().get(URL, {"search": "staff"}).status_code == 401

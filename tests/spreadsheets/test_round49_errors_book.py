"""Round 49: an import's marked workbook is built once per error list and language and kept
on the upload (services.import_errors_workbook). It was built again in the web request on
every download: 8-12 s and 90 MB of memory each for an upload of 118,000 refused rows, and
three downloads at once took 24 s each and 412 MB."""

import pytest
from django.utils import translation
from shuangshi.spreadsheets import services, workbooks
from shuangshi.spreadsheets.models import ImportJob

from .books import TEACHER_HEADERS, read_back, teacher_row, teachers_book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def language_kept():
    """The requests here leave their language active (LocaleMiddleware): not for the next test."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def builds(monkeypatch):
    """Each build of a marked workbook, by its rows' first error message."""
    built: list[str] = []
    original = workbooks.error_workbook

    def counted(**kwargs):
        built.append(kwargs["errors"][0]["message"] if kwargs["errors"] else "")
        return original(**kwargs)

    monkeypatch.setattr(workbooks, "error_workbook", counted)
    return built


def _bad_book() -> bytes:
    rows = [teacher_row(工号=f"T{n}") for n in range(3)]
    rows[0][TEACHER_HEADERS.index("入职日期")] = "去年九月"
    return teachers_book(rows)


def _text(content: bytes) -> str:
    """Every cell's value of every sheet, one string."""
    book = read_back(content)
    return "\n".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


def _get(client, url: str, language: str):
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def test_the_dry_run_builds_it_and_downloads_read_it(api, hr_a, upload, builds):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = upload(client, "teachers", _bad_book()).json()
    assert body["status"] == "invalid" and body["failed"] == 1
    assert len(builds) == 1  # by the dry run, in the uploader's language
    url = f"/api/v1/imports/{body['id']}/errors/"
    first = _get(client, url, "zh-hans")
    second = _get(client, url, "zh-hans")
    assert len(builds) == 1  # both downloads read it
    assert first.content == second.content
    assert "errors" not in first["Content-Disposition"]  # 错误标注, encoded
    assert "2024-09-01" in _text(first.content) and "write it as" not in _text(first.content)

    english = _get(client, url, "en")  # another language: built once more, then read
    assert len(builds) == 2
    assert _get(client, url, "en").content == english.content
    assert len(builds) == 2
    assert english.content != first.content
    assert "write it as 2024-09-01" in _text(english.content)
    _get(client, url, "zh-hans")  # the kept one is the last built: Chinese again is built
    assert len(builds) == 3


def test_a_new_error_list_is_never_served_the_old_workbook(api, hr_a, hr_b, upload, builds):
    """A commit that refuses rows which broke since the dry run writes new errors: the
    workbook marked before (nothing marked) is not served for them."""
    client, elsewhere = api(hr_a), api(hr_b)
    row = teacher_row(工号="T1")
    mine = upload(client, "teachers", teachers_book([row])).json()
    theirs = upload(elsewhere, "teachers", teachers_book([row])).json()
    assert mine["status"] == theirs["status"] == "valid"
    url = f"/api/v1/imports/{mine['id']}/errors/"
    before = _text(_get(client, url, "en").content)
    assert "another school" not in before
    assert elsewhere.post(f"/api/v1/imports/{theirs['id']}/commit/").status_code == 200
    assert client.post(f"/api/v1/imports/{mine['id']}/commit/").status_code == 200  # a job
    assert client.get(f"/api/v1/imports/{mine['id']}/").json()["status"] == "invalid"
    after = _text(_get(client, url, "en").content)
    assert "registered at another school" in after, after


def test_expired_uploads_lose_the_kept_workbook_too(api, hr_a, upload):
    from datetime import timedelta

    from django.utils import timezone

    client = api(hr_a)
    body = upload(client, "teachers", _bad_book()).json()
    assert ImportJob.objects.get(pk=body["id"]).errors_book != b""
    services.imports_expire_older_than(cutoff=timezone.now() + timedelta(seconds=1))
    row = ImportJob.objects.get(pk=body["id"])
    assert (bytes(row.errors_book), row.errors_book_key) == (b"", "")
    assert client.get(f"/api/v1/imports/{body['id']}/errors/").status_code == 404


def test_only_the_owner_downloads_it(api, hr_a, hr_b, province, upload):
    body = upload(api(hr_a), "teachers", _bad_book()).json()
    url = f"/api/v1/imports/{body['id']}/errors/"
    assert api(hr_b).get(url).status_code == 404
    assert api(province).get(url).status_code == 404
    assert api(hr_a).get(url).status_code == 200


def test_a_valid_upload_builds_none(api, hr_a, upload, builds):
    body = upload(api(hr_a), "teachers", teachers_book([teacher_row(工号="T1")])).json()
    assert body["status"] == "valid", body
    assert builds == []
    assert bytes(ImportJob.objects.get(pk=body["id"]).errors_book) == b""


@pytest.mark.parametrize(
    ("busy", "detail"),
    [
        ("queued", "文件仍在检查中，检查完成后才能下载错误标注工作簿。"),
        ("validating", "文件仍在检查中，检查完成后才能下载错误标注工作簿。"),
        ("committing", "正在导入这些行；若导入时发现错误，届时可下载错误标注工作簿。"),
    ],
)
def test_while_its_job_works_it_is_a_409_saying_so(api, hr_a, upload, builds, busy, detail):
    """Asked while the check ran, the download was a workbook of nothing marked (sheet and
    header row not known yet): it read "no errors" (round 49's QA)."""
    body = upload(api(hr_a), "teachers", teachers_book([teacher_row(工号="T1")])).json()
    ImportJob.objects.filter(pk=body["id"]).update(status=busy, sheet="", header_row=0, errors=[])
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert (response.status_code, response.json()) == (409, {"detail": detail})
    assert builds == []
    assert bytes(ImportJob.objects.get(pk=body["id"]).errors_book) == b""
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert "being" in client.get(f"/api/v1/imports/{body['id']}/errors/").json()["detail"]

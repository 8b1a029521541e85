"""Round 29 (imports): an import's errors are shown in the language of whoever reads them.

The dry run is a background job run in the language of the upload's request, and its cell
errors were stored as rendered text: a clerk who uploaded in Chinese and switched the app to
English (or a colleague reading the import in English) read Chinese errors, in the API and
in the errors workbook. Each error now keeps a language-neutral form beside its message
(never shown by the API), and is rendered in the reader's language when read; an error
stored before keeps its stored message.
"""

import pickle

import pytest
from django.db import connection
from django.utils import translation
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.messages import ZH, t
from shuangshi.spreadsheets.models import ImportJob, ImportStatus

from .books import TEACHER_HEADERS, read_back, teacher_row, teachers_book

NOT_A_DATE = "Not a date; write it as 2024-09-01 or format the cell as a date."
GENDER = "Gender does not agree with the ID number."
CHOICE = "“%(value)s” is not one of: %(allowed)s."
API_FIELDS = {"row", "column", "cell", "field", "value", "message"}


@pytest.fixture(autouse=True)
def language_kept():
    """The requests here leave their language active (LocaleMiddleware): not for the next test."""
    with translation.override(translation.get_language()):
        yield


def zh(msgid: str) -> str:
    """A message of the shared record rules (Django's gettext) in Chinese."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


def bad_rows() -> list[list]:
    """Row 2: a date that is no date; row 3: the gender disagrees with the ID number (a
    shared record rule); row 4: an education level that does not exist; row 5 repeats
    row 2's ID number."""
    rows = [teacher_row(工号=f"T{n}") for n in range(4)]
    rows[0][TEACHER_HEADERS.index("入职日期")] = "去年九月"
    rows[1][TEACHER_HEADERS.index("性别")] = "男"
    rows[2][TEACHER_HEADERS.index("学历")] = "博士后"
    rows[3][1], rows[3][4] = rows[0][1], rows[0][4]
    return rows


def uploaded(api, user, upload, language: str, content: bytes) -> int:
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)  # the dry run's language
    body = upload(client, "teachers", content).json()
    assert body["status"] == "invalid", body
    return body["id"]


def get(api, user, url: str, language: str):
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(url)
    assert response.status_code == 200
    return response


def read(api, user, import_id: int, language: str) -> dict:
    return get(api, user, f"/api/v1/imports/{import_id}/", language).json()


def by_row(body: dict) -> dict[int, str]:
    return {e["row"]: e["message"] for e in body["errors"]}


def test_errors_found_in_chinese_are_read_in_english(api, hr_a, upload):
    import_id = uploaded(api, hr_a, upload, "zh-hans", teachers_book(bad_rows()))

    chinese = by_row(read(api, hr_a, import_id, "zh-hans"))
    assert chinese[2] == ZH[NOT_A_DATE]
    assert chinese[3] == zh(GENDER) != GENDER

    body = read(api, hr_a, import_id, "en")
    english = by_row(body)
    assert english[2] == NOT_A_DATE
    assert english[3] == GENDER
    assert english[4].startswith("“博士后” is not one of: ")
    assert english[5] == "This ID number is also in row 2."
    assert all(set(error) == API_FIELDS for error in body["errors"])  # no new field shown


def test_errors_found_in_english_are_read_in_chinese(api, hr_a, upload):
    import_id = uploaded(api, hr_a, upload, "en", teachers_book(bad_rows()))
    assert by_row(read(api, hr_a, import_id, "en"))[2] == NOT_A_DATE

    english = by_row(read(api, hr_a, import_id, "en"))
    allowed = english[4].removeprefix("“博士后” is not one of: ").removesuffix(".")
    assert allowed == "Secondary; Higher vocational; Bachelor; Master; Doctor"
    chinese = by_row(read(api, hr_a, import_id, "zh-hans"))
    assert chinese[2] == ZH[NOT_A_DATE]
    assert chinese[3] == zh(GENDER)
    # Each language's labels, joined by its list mark (rounds 30 and 40).
    assert chinese[4] == ZH[CHOICE] % {
        "value": "博士后",
        "allowed": "中专及以下、高职(专科)、本科、硕士研究生、博士研究生",
    }
    assert chinese[5] == ZH["This ID number is also in row %(row)d."] % {"row": 2}


def notes(content: bytes) -> tuple[list[str], list[str], list[str]]:
    """(the error column's notes, the bad cells' comments, the listing's messages)."""
    book = read_back(content)
    sheet, listing = book.worksheets
    column = [c.value for row in sheet.iter_rows(min_row=2) for c in row[-1:] if c.value]
    comments = [c.comment.text for row in sheet.iter_rows() for c in row if c.comment]
    messages = [row[4] for row in listing.iter_rows(min_row=2, values_only=True)]
    return column, comments, messages


def test_the_errors_workbook_is_written_in_the_readers_language(api, hr_a, upload):
    import_id = uploaded(api, hr_a, upload, "zh-hans", teachers_book(bad_rows()))
    url = f"/api/v1/imports/{import_id}/errors/"

    column, comments, listing = notes(get(api, hr_a, url, "en").content)
    assert any(NOT_A_DATE in note for note in column)
    assert NOT_A_DATE in comments and GENDER in comments
    assert NOT_A_DATE in listing and GENDER in listing
    assert "This ID number is also in row 2." in listing

    column, comments, listing = notes(get(api, hr_a, url, "zh-hans").content)
    assert any(ZH[NOT_A_DATE] in note for note in column)
    assert ZH[NOT_A_DATE] in comments
    assert zh(GENDER) in listing


def test_an_error_stored_without_its_neutral_form_reads_as_stored(api, hr_a, upload):
    stored = {
        "row": 2, "column": "入职日期", "cell": "L2", "field": "hired_on", "value": "去年九月",
        "message": ZH[NOT_A_DATE],
    }  # fmt: skip
    old = ImportJob.objects.create(
        owner=hr_a,
        kind="teachers",
        filename="old.xlsx",
        content=teachers_book([teacher_row()]),
        status=ImportStatus.INVALID,
        sheet="教师",
        header_row=1,
        rows=1,
        failed=1,
        errors=[stored],
    )
    assert read(api, hr_a, old.pk, "en")["errors"] == [stored]
    _column, _comments, listing = notes(
        get(api, hr_a, f"/api/v1/imports/{old.pk}/errors/", "en").content
    )
    assert listing == [ZH[NOT_A_DATE]]


def test_the_summary_message_is_in_the_readers_language_too(api, hr_a, upload):
    """A file refused by the dry run (a header named twice) says so on the import."""
    rows = [[*TEACHER_HEADERS, "姓名"], teacher_row(), teacher_row()]
    content = teachers_book(rows[1:], headers=rows[0])
    body = read(api, hr_a, uploaded(api, hr_a, upload, "zh-hans", content), "zh-hans")
    message = "The column %(column)s appears twice in the header row."
    assert body["message"] == ZH[message] % {"column": "姓名"}
    assert read(api, hr_a, body["id"], "en")["message"] == message % {"column": "姓名"}


def test_a_message_survives_pickling_with_what_it_says():
    with translation.override("zh-hans"):
        text = t("At most %(max)d.", max=5)
    again = pickle.loads(pickle.dumps(text, protocol=5))
    assert again == text == ZH["At most %(max)d."] % {"max": 5}
    assert type(again) is type(text)
    assert (again.msgid, again.params) == ("At most %(max)d.", {"max": 5})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the helper is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_errors_found_by_the_dry_runs_helper_are_read_in_the_readers_language(api, hr_a, halves):
    """A large dry run checks its second half in a forked helper, whose errors come back
    pickled: they keep their neutral form too."""
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(24)]  # rows 2-25; helper: 14-25
    rows[3][TEACHER_HEADERS.index("入职日期")] = "去年九月"  # row 5: this process's half
    rows[20][TEACHER_HEADERS.index("入职日期")] = "去年九月"  # row 22: the helper's half
    rows[22][TEACHER_HEADERS.index("性别")] = "男"  # row 24: the helper's half
    with translation.override("zh-hans"):
        upload = services.import_upload(
            user=hr_a, kind="teachers", filename="t.xlsx", content=teachers_book(rows)
        )
        services.import_dry_run(upload=ImportJob.objects.get(pk=upload.pk))
    assert halves[-1] is True  # the helper's half was taken

    assert by_row(read(api, hr_a, upload.pk, "zh-hans"))[22] == ZH[NOT_A_DATE]
    english = read(api, hr_a, upload.pk, "en")
    messages = [(e["row"], e["field"], e["message"]) for e in english["errors"]]
    assert (5, "hired_on", NOT_A_DATE) in messages
    assert (22, "hired_on", NOT_A_DATE) in messages
    assert (24, "gender", GENDER) in messages

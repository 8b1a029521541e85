"""Round 34 (helper C): a download opened by a plain link follows the app's language.

The import templates and the marked errors workbook are opened by plain links, so the
browser sends its own Accept-Language, not the language the user chose in the app: a clerk
working in Chinese on an English browser got English error notes, one working in English got
a Chinese template. The links now carry ``?lang=`` (the app's language), which these
downloads honour over the header. The template follows the language too (English headers,
choices and instructions, read back as the Chinese ones are); the official workbooks stay
Chinese.
"""

from urllib.parse import unquote

import pytest
from django.utils import translation
from shuangshi.spreadsheets.columns import SPECS
from shuangshi.spreadsheets.workbooks import english_sheet_title

from .books import TEACHER_HEADERS, read_back, save, teacher_row, teachers_book

NOT_A_DATE = "Not a date; write it as 2024-09-01 or format the cell as a date."
NOT_A_DATE_ZH = "不是有效日期，请写成 2024-09-01 或将单元格设为日期格式。"


@pytest.fixture(autouse=True)
def language_kept():
    """The requests here leave their language active (LocaleMiddleware): not for the next test."""
    with translation.override(translation.get_language()):
        yield


def client_in(api, user, browser: str):
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=browser)  # what a plain link sends
    return client


def filename(response) -> str:
    header = response["Content-Disposition"]
    if "filename*=utf-8''" in header:
        return unquote(header.split("filename*=utf-8''")[-1])
    return header.split('filename="')[-1].removesuffix('"')


@pytest.mark.parametrize("kind", list(SPECS))
def test_the_template_follows_lang_over_the_browsers_language(api, province, kind):
    spec = SPECS[kind]
    response = client_in(api, province, "zh-CN,zh;q=0.9").get(
        f"/api/v1/imports/templates/{kind}/?lang=en"
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    wb = read_back(response.content)
    title = english_sheet_title(spec)
    assert wb.sheetnames[0] == title
    assert "Instructions" in wb.sheetnames and "填写说明" not in wb.sheetnames
    headers = [c.value for c in wb[title][1]]
    assert headers == [c.english_header for c in spec.template_columns(scoped=False)]
    assert filename(response) == f"{title} import template.xlsx"


def test_the_template_stays_chinese_when_the_app_is_chinese(api, hr_a):
    response = client_in(api, hr_a, "en-US,en;q=0.9").get(
        "/api/v1/imports/templates/teachers/?lang=zh-Hans"
    )
    assert response.status_code == 200
    wb = read_back(response.content)
    assert wb.sheetnames[0] == "教师" and "填写说明" in wb.sheetnames
    assert filename(response) == "教师导入模板.xlsx"


def test_an_english_template_filled_in_english_imports(api, hr_a, upload):
    """Its headers and its dropdowns' English words read back (and a scoped clerk's has no
    school column)."""
    client = client_in(api, hr_a, "zh-CN")
    wb = read_back(client.get("/api/v1/imports/templates/teachers/?lang=en").content)
    sheet = wb["Teachers"]
    headers = [c.value for c in sheet[1]]
    columns = {c.english_header: c for c in SPECS["teachers"].columns}
    row = dict(zip(TEACHER_HEADERS, teacher_row(), strict=True))
    zh_of = {c.english_header: c.zh for c in columns.values()}
    values = []
    for header in headers:
        column = columns[header]
        value = row.get(zh_of[header])
        if value not in (None, "") and column.type in ("choice", "bool"):
            value = column.write(column.parse(value), english=True)
            assert value in column.english_dropdown()
        values.append(value)
    assert "Full-time" in values or any(v == "No" for v in values)  # English words, read back
    sheet.append(values)
    body = upload(client, "teachers", save(wb)).json()
    assert (body["status"], body["rows"]) == ("valid", 1), body


def bad_upload(api, hr_a, upload) -> int:
    rows = [teacher_row()]
    rows[0][TEACHER_HEADERS.index("入职日期")] = "去年九月"
    body = upload(client_in(api, hr_a, "zh-hans"), "teachers", teachers_book(rows)).json()
    assert body["status"] == "invalid", body
    return body["id"]


def listing(content: bytes) -> list[str]:
    return [row[4] for row in read_back(content).worksheets[1].iter_rows(values_only=True)]


def test_the_errors_workbook_follows_lang_over_the_browsers_language(api, hr_a, upload):
    url = f"/api/v1/imports/{bad_upload(api, hr_a, upload)}/errors/"

    english = client_in(api, hr_a, "zh-CN,zh;q=0.9").get(f"{url}?lang=en")
    assert english.status_code == 200
    assert read_back(english.content).sheetnames[1] == "Error list"
    assert listing(english.content) == ["Error", NOT_A_DATE]
    assert filename(english) == "upload-errors.xlsx"

    chinese = client_in(api, hr_a, "en-US,en;q=0.9").get(f"{url}?lang=zh-Hans")
    assert chinese.status_code == 200
    assert read_back(chinese.content).sheetnames[1] == "错误清单"
    assert listing(chinese.content) == ["错误说明", NOT_A_DATE_ZH]
    assert filename(chinese) == "upload-错误标注.xlsx"


def test_without_lang_the_header_still_decides(api, hr_a, upload):
    url = f"/api/v1/imports/{bad_upload(api, hr_a, upload)}/errors/"
    response = client_in(api, hr_a, "en").get(url)
    assert listing(response.content)[1] == NOT_A_DATE


@pytest.mark.parametrize("url", ["/api/v1/imports/templates/teachers/", "/api/v1/imports/"])
def test_an_unknown_lang_is_a_400_naming_it(api, hr_a, url):
    response = client_in(api, hr_a, "en").get(f"{url}?lang=fr")
    assert response.status_code == 400
    assert response.json() == {"lang": ["Use one of: zh-hans, en."]}

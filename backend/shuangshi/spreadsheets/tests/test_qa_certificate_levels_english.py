"""QA on the demo data: a certificate's level in English (DESIGN §6).

An English-headed certificates sheet with Level "Grade 9" was answered with the Chinese
labels ("“Grade 9” is not one of: 五级/初级工, 四级/中级工, ..."), and the English template's
Options sheet and Instructions offered only the Chinese levels, though the importer reads
the English ones. An English reader now gets the English levels of the certificate's kind;
the English template offers them; and the English lists are joined by "; ", a mark no value
holds (a field category's English name holds commas, a level's a slash).
"""

import io
import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from shuangshi.spreadsheets import labels as L
from shuangshi.spreadsheets.columns import CERTIFICATES
from shuangshi.teachers.models import Certificate

pytestmark = pytest.mark.django_db

TEMPLATE = "/api/v1/imports/templates/certificates/"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
GRADES_EN = [
    "Grade 5 / junior worker",
    "Grade 4 / intermediate worker",
    "Grade 3 / senior worker",
    "Grade 2 / technician",
    "Grade 1 / senior technician",
]


@pytest.fixture(autouse=True)
def language_kept() -> Any:
    """The requests here leave their language active: not for the next test."""
    with translation.override(translation.get_language()):
        yield


def english_template(api: Any, user: Any) -> Any:
    response = api(user).get(TEMPLATE, {"lang": "en"})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def filled(api: Any, user: Any, rows: list[dict[str, Any]]) -> bytes:
    """The English template with ``rows`` ({English header: value}) typed in."""
    wb = english_template(api, user)
    ws = wb["Certificates"]
    headers = [c.value for c in ws[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(number, headers.index(header) + 1, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def certificate(teacher: Any, kind: str, level: str, number: str) -> dict[str, Any]:
    return {
        "ID number": teacher.id_number,
        "Kind": kind,
        "Level": level,
        "Number": number,
        "Issued on": date(2020, 7, 1),
        "Field category": "Equipment Manufacturing",
    }


def upload(api: Any, user: Any, content: bytes) -> dict[str, Any]:
    response = api(user).post(
        "/api/v1/imports/?lang=en",
        {"kind": "certificates", "file": SimpleUploadedFile("certificates.xlsx", content)},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    return response.json()


def read(api: Any, user: Any, import_id: int, language: str) -> dict[str, Any]:
    response = api(user).get(f"/api/v1/imports/{import_id}/", {"lang": language})
    assert response.status_code == 200
    return response.json()


def test_a_wrong_level_lists_the_english_levels_of_its_kind_to_an_english_reader(
    api, hr_a, teacher_a
):
    content = filled(api, hr_a, [certificate(teacher_a, "Vocational skill level", "Grade 9", "S1")])
    body = upload(api, hr_a, content)
    assert body["status"] == "invalid"
    (error,) = read(api, hr_a, body["id"], "en")["errors"]
    assert error["row"] == 2
    assert error["message"] == "“Grade 9” is not one of: " + "; ".join(GRADES_EN) + "."
    assert not CJK.search(error["message"].replace("“", "").replace("”", ""))
    # The same error read in Chinese: the Chinese labels, joined by 、.
    (error,) = read(api, hr_a, body["id"], "zh-hans")["errors"]
    assert error["message"] == (
        "“Grade 9”不是可选值之一：五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师。"
    )


def test_a_professional_titles_levels_are_its_own_words(api, hr_a, teacher_a):
    content = filled(api, hr_a, [certificate(teacher_a, "Professional title", "Grade 4", "P1")])
    (error,) = read(api, hr_a, upload(api, hr_a, content)["id"], "en")["errors"]
    assert error["message"] == (
        "“Grade 4” is not one of: Junior; Intermediate; Associate senior; Full senior."
    )


def test_the_english_levels_the_template_offers_import(api, hr_a, teacher_a):
    rows = [
        certificate(teacher_a, "Vocational skill level", "Grade 4 / intermediate worker", "S1"),
        certificate(teacher_a, "Teacher qualification", "Higher education teacher", "Q1"),
        certificate(teacher_a, "Professional title", "Full senior", "P1"),
    ]
    body = upload(api, hr_a, filled(api, hr_a, rows))
    assert body["status"] == "valid", body["errors"]
    response = api(hr_a).post(f"/api/v1/imports/{body['id']}/commit/")
    assert response.status_code == 200
    assert response.json()["status"] == "committed", response.json()
    stored = dict(Certificate.objects.filter(teacher=teacher_a).values_list("number", "level"))
    assert stored == {"S1": "grade4", "Q1": "higher_education", "P1": "senior"}


def test_the_english_templates_level_options_are_english(api, hr_a):
    wb = english_template(api, hr_a)
    options = wb["Options"]
    headers = [c.value for c in options[1]]
    column = headers.index("Level") + 1
    levels = [
        options.cell(row, column).value
        for row in range(2, options.max_row + 1)
        if options.cell(row, column).value
    ]
    assert levels[:9] == [
        "Secondary vocational teacher",
        "Secondary vocational practical instructor",
        "Higher education teacher",
        "Other",
        *GRADES_EN,
    ]
    assert {"Junior", "Intermediate", "Senior", "Associate senior", "Full senior"} <= set(levels)
    assert not [name for name in levels if CJK.search(name)]
    # The data sheet's Level dropdown (column D) offers these options.
    (level_list,) = [
        v for v in wb["Certificates"].data_validations.dataValidation if str(v.sqref)[0] == "D"
    ]
    letter = "ABC"[column - 1]
    assert level_list.formula1 == f"='Options'!${letter}$2:${letter}${len(levels) + 1}"


def test_the_english_instructions_list_each_columns_values_by_a_mark_no_value_holds(api, hr_a):
    wb = english_template(api, hr_a)
    values = {row[0].value: row[4].value for row in wb["Instructions"].iter_rows() if row[0].value}
    # Split at "; ", each list gives back its values exactly, commas and slashes included.
    (category,) = [c for c in CERTIFICATES.columns if c.field == "field_category"]
    assert values["Field category"].split("; ") == category.english_dropdown()
    assert values["Field category"].startswith(
        "Agriculture, Forestry, Animal Husbandry and Fishery; Resources, Environment and Safety; "
    )
    levels = values["Level"].split("; ")
    assert levels[4:9] == GRADES_EN
    assert not CJK.search(values["Level"])


def test_the_chinese_template_keeps_the_chinese_levels(api, hr_a):
    response = api(hr_a).get(TEMPLATE, {"lang": "zh-hans"})
    wb = load_workbook(io.BytesIO(response.content))
    values = {row[0].value: row[4].value for row in wb["填写说明"].iter_rows() if row[0].value}
    listed = values["等级/类型"].split("。可选：")[1].split("、")
    assert listed[:5] == [
        "中职教师资格",
        "中职实习指导教师资格",
        "高校教师资格",
        "其他教师资格",
        "五级/初级工",
    ]


def test_a_role_that_imports_no_certificates_gets_no_template(api, base_staff):
    assert api(base_staff).get(TEMPLATE, {"lang": "en"}).status_code == 403


@pytest.mark.parametrize("kind", list(L.CERTIFICATE_LEVEL))
def test_every_english_level_reads_back_as_its_own_level(kind):
    lookup = L.certificate_level_lookup(kind)
    english = L.certificate_level_english(kind)
    assert [lookup[L.normalize_key(word)] for word in english] == list(L.CERTIFICATE_LEVEL[kind])


@pytest.mark.parametrize("mark", ["; ", ", "])  # ", ": a summary stored before the change
def test_a_stored_english_summary_reads_in_chinese_with_the_chinese_mark(mark):
    from shuangshi.spreadsheets.messages import read_message

    stored = (
        f"No sheet has the template's header row (missing: 姓名{mark}身份证号). "
        "Use the downloaded template and keep its header row."
    )
    with translation.override("zh-hans"):
        assert read_message(stored).startswith("没有找到含模板表头的工作表（缺少：姓名、身份证号）")

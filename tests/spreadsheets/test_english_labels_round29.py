"""Round 29: a sheet may name a choice by its English label, as the English screens show it.

The importer has always meant to take a choice's code, its Chinese labels and its English
label, but the English labels were worded once, at start-up, in the site's default language
(Chinese): "Male", "Full-time" or "Lecturer" were refused, whichever language the upload
came from. They are now the English ones.
"""

import json
from pathlib import Path

import pytest
from django.utils import translation
from shuangshi.spreadsheets import columns as C
from shuangshi.spreadsheets import labels as L
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .conftest import errors_at

pytestmark = pytest.mark.django_db

EN_JSON = Path(__file__).resolve().parents[2] / "frontend" / "src" / "locales" / "en.json"

ENGLISH = {
    "性别": "Female",
    "用工类型": "Full-time",
    "课程类型": "Professional",
    "学历": "Master",
    "教学职称": "Lecturer",
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_choices_named_by_their_english_labels_import(api, hr_a, upload, language):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    row = teacher_row(工号="E001", **ENGLISH)
    body = upload(client, "teachers", teachers_book([row])).json()
    assert body["status"] == "valid", (body.get("message"), errors_at(body))
    committed = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert committed["status"] == "committed", committed
    teacher = Teacher.objects.get(id_number=row[TEACHER_HEADERS.index("身份证号")])
    assert (
        teacher.gender,
        teacher.employment,
        teacher.course_type,
        teacher.education,
        teacher.title,
    ) == ("female", "full_time", "professional", "master", "intermediate")


def test_the_english_labels_are_english_whatever_language_is_active():
    with translation.override("zh-hans"):
        gender = next(c for c in C.TEACHERS.columns if c.field == "gender")
        assert gender.english == {"male": ("Male",), "female": ("Female",)}


# (the screens' enumeration, the sheet's column whose choices it names)
SCREEN_ENUMS = [
    ("gender", C.TEACHERS, "gender"),
    ("employment", C.TEACHERS, "employment"),
    ("courseType", C.TEACHERS, "course_type"),
    ("education", C.TEACHERS, "education"),
    ("title", C.TEACHERS, "title"),
    ("certificateKind", C.CERTIFICATES, "kind"),
    ("periodKind", C.PERIODS, "kind"),
    ("mentorCategory", C.MENTOR_APPOINTMENTS, "category"),
    ("appointmentMode", C.MENTOR_APPOINTMENTS, "mode"),
    ("fieldCategory", C.TEACHERS, "major_category"),
]


@pytest.mark.parametrize(("enum", "spec", "field"), SCREEN_ENUMS)
def test_every_english_word_of_the_screens_names_its_choice(enum, spec, field):
    """frontend/src/locales/en.json's words for each choice are taken by the importer: the
    test fails when the screens change a word the importer does not know."""
    screens = json.loads(EN_JSON.read_text())["enums"][enum]
    column = next(c for c in spec.columns if c.field == field)
    table = L.lookup_table(column.labels, column.english)
    assert {code: table.get(L.normalize_key(word)) for code, word in screens.items()} == {
        code: code for code in screens
    }


def test_every_english_word_of_the_screens_names_a_certificate_level():
    """A certificate's level is read against its kind's levels: the screens' word for each
    level (and a professional title's own, Full senior) names it."""
    screens = json.loads(EN_JSON.read_text())["enums"]["certificateLevel"]
    found = {}
    for kind, levels in L.CERTIFICATE_LEVEL.items():
        table = L.certificate_level_lookup(kind)
        for code in levels:
            found[(kind, code)] = table.get(L.normalize_key(screens[code]))
    assert found == {(kind, code): code for kind, code in found}
    title = L.certificate_level_lookup("professional_title")
    assert title[L.normalize_key("Full senior")] == "senior"


def test_a_certificate_level_named_in_english_imports(api, hr_a, teacher_a, upload):
    from shuangshi.teachers.models import Certificate

    from .books import book

    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    rows = [
        ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期", "有效期至"],
        [teacher_a.id_number, "Vocational skill level", "Grade 4 / intermediate worker",
         "R29-1", "2020-01-01", None],
    ]  # fmt: skip
    body = upload(client, "certificates", book(rows, title="证书")).json()
    assert body["status"] == "valid", (body.get("message"), errors_at(body))
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").json()["status"] == "committed"
    certificate = Certificate.objects.get(teacher=teacher_a, number="R29-1")
    assert (certificate.kind, certificate.level) == ("skill_level", "grade4")

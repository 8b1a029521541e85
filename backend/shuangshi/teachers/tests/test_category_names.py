"""The field categories (专业大类) in the reader's language on the API, the official Chinese
names in the sheets whatever the language."""

import pytest
from django.utils import translation

from shuangshi import testing
from shuangshi.spreadsheets import labels as L
from shuangshi.spreadsheets.columns import TEACHERS
from shuangshi.teachers.categories import CATEGORY_NAMES, FieldCategory, category_from_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name"), [("zh-hans", "装备制造"), ("en", "Equipment Manufacturing")]
)
def test_the_history_names_the_category_in_the_readers_language(
    api, hr_a, school_a, language, name
):
    teacher = testing.make_teacher(school_a, major_category="46")
    response = api(hr_a).get(f"/api/v1/teachers/{teacher.pk}/facts/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    (fact,) = [f for f in response.data if f["field"] == "major_category"]
    assert (fact["value"], fact["value_label"]) == ("46", name)


def test_every_category_has_an_english_label_and_its_chinese_translation():
    with translation.override("en"):
        english = {c.value: str(c.label) for c in FieldCategory}
    with translation.override("zh-hans"):
        chinese = {c.value: str(c.label) for c in FieldCategory}
    assert english["41"] == "Agriculture, Forestry, Animal Husbandry and Fishery"
    assert english["59"] == "Public Administration and Services"
    assert chinese == CATEGORY_NAMES
    assert all(english[code] != chinese[code] for code in CATEGORY_NAMES)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_sheets_write_and_read_the_chinese_names_in_either_language(language):
    with translation.override(language):
        assert L.label(L.FIELD_CATEGORY, "46") == "装备制造大类"
        assert L.dropdown(L.FIELD_CATEGORY)[0] == "农林牧渔大类"
        (column,) = [c for c in TEACHERS.columns if c.field == "major_category"]
        lookup = column.lookup()
        for text in ("46", "66", "装备制造", "装备制造大类"):
            assert lookup[L.normalize_key(text)] == "46"
        for text in ("46", "66 装备制造", "装备制造", "装备制造大类"):
            assert category_from_text(text) == "46"

"""A duplicate value of a unique field reads as a sentence in English too ("Another school
already has this code."), not Django's "school with this code already exists.", for every
model by one rule; Chinese keeps its mended wording."""

import pytest
from django.apps import apps
from django.utils import translation

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _base_body(base):
    return {
        "code": base.code,
        "name": "另一基地",
        "host_name": "某企业",
        "host_kind": "enterprise",
        "city": base.city_id,
        "designation": "dual_qualified",
        "status": "planned",
    }


def test_a_duplicate_school_code_reads_as_a_sentence_in_english(api, province, school_a, school_b):
    url = f"/api/v1/schools/{school_b.pk}/"
    body = {"code": school_a.code, "version": school_b.version}
    response = api(province).patch(url, body, format="json", **EN)
    assert response.status_code == 400
    assert response.json()["code"] == [  # round 43: names the code that reads the same
        f"A school with the code “{school_a.code}” already exists (codes are compared "
        "ignoring case and full- or half-width characters)."
    ]
    # nothing was written
    school_b.refresh_from_db()
    assert school_b.code != school_a.code


def test_chinese_keeps_its_wording(api, province, school_a, school_b):
    url = f"/api/v1/schools/{school_b.pk}/"
    body = {"code": school_a.code, "version": school_b.version}
    response = api(province).patch(url, body, format="json")
    assert response.json()["code"] == [
        f"已有代码为“{school_a.code}”的学校（比较代码时不区分大小写和全角/半角）。"
    ]


def test_a_duplicate_base_code_reads_as_a_sentence_in_english(api, province, base_a):
    response = api(province).post(
        "/api/v1/training-bases/", _base_body(base_a), format="json", **EN
    )
    assert response.status_code == 400
    assert response.json()["code"] == [
        f"A training base with the code “{base_a.code}” already exists (codes are compared "
        "ignoring case and full- or half-width characters)."
    ]


def test_a_role_that_may_not_write_schools_is_refused_before_any_wording(api, hr_a, school_a):
    response = api(hr_a).post("/api/v1/schools/", {"code": school_a.code}, format="json", **EN)
    assert response.status_code == 403


def test_every_unique_field_of_every_project_model_reads_by_the_one_rule():
    checked = 0
    with translation.override("en"):
        for model in apps.get_models():
            if not model.__module__.startswith("shuangshi."):
                continue
            for field in model._meta.concrete_fields:
                if not field.unique or field.primary_key:
                    continue
                message = str(field.error_messages["unique"]) % {
                    "model_name": model._meta.verbose_name,
                    "field_label": field.verbose_name,
                }
                assert "with this" not in message, (model, field.name, message)
                checked += 1
    assert checked >= 5


def test_a_field_with_its_own_unique_message_keeps_it():
    user = apps.get_model("accounts", "User")
    with translation.override("en"):
        message = str(user._meta.get_field("username").error_messages["unique"])
    assert message == "A user with that username already exists."

"""Round 43: a round's code goes into every certificate number and the public verify address
(DESIGN §8), so it is trimmed, 1 to 20 letters, digits, '-', '_' or '.', and one round's
whatever its case (R2026 and r2026 are one code): anything else is a 400 on `code`."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from shuangshi.recognition import services
from shuangshi.recognition.models import Round

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/recognition-rounds/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FORM = (
    "Use 1 to 20 characters: letters A-Z (either case), digits, hyphens (-), underscores (_) "
    "or dots (.), with no spaces."
)
TAKEN = "A round with this code already exists (codes are compared without regard to case)."


def body(today, code, **extra):
    return {
        "code": code,
        "name": "第一批",
        "opens_on": str(today),
        "closes_on": str(today + timedelta(days=30)),
        **extra,
    }


def plain(today, code):
    """A round's data as the service takes it (dates, not text)."""
    return {**body(today, code), "opens_on": today, "closes_on": today}


def post(api, user, today, code):
    return api(user).post(ROUNDS, body(today, code), format="json", **EN)


@pytest.mark.parametrize(
    "code",
    ["JX 2026", "JX/2026", "JX2026?", "JX#1", "JX2026🎉", "认定2026", "JX%20", "A" * 21, "R:1"],
)
def test_a_code_outside_the_form_is_a_400_naming_it(api, province, today, code):
    response = post(api, province, today, code)
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["code"]
    if len(code) <= 20:
        assert response.json() == {"code": [FORM]}
    assert not Round.objects.exists()


@pytest.mark.parametrize("code", ["JX2026-1", "r2026", "JX_2026.A", "A", "A" * 20, "2026"])
def test_a_code_of_letters_digits_and_dash_underscore_dot_is_taken(api, province, today, code):
    response = post(api, province, today, code)
    assert response.status_code == 201, response.content
    assert Round.objects.get().code == code


def test_the_code_is_trimmed(api, province, today):
    response = post(api, province, today, "  JX2026-1 ")
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "JX2026-1"
    round = services.round_create(data=plain(today, " JX2026-2\t"))
    assert round.code == "JX2026-2"


def test_a_code_differing_only_by_case_is_the_same_code(api, province, today):
    assert post(api, province, today, "R2026").status_code == 201
    for code in ("r2026", "R2026", " r2026 "):
        response = post(api, province, today, code)
        assert response.status_code == 400, response.content
        assert response.json() == {"code": [TAKEN]}
    assert list(Round.objects.values_list("code", flat=True)) == ["R2026"]


def test_a_rename_is_checked_as_a_new_code(api, province, today):
    first = post(api, province, today, "R2026").json()
    second = post(api, province, today, "S2026").json()
    client = api(province)
    url = f"{ROUNDS}{second['id']}/"
    for code, expected in (("r2026", TAKEN), ("S 2026", FORM)):
        response = client.patch(
            url, {"code": code, "version": second["version"]}, format="json", **EN
        )
        assert response.status_code == 400, response.content
        assert response.json() == {"code": [expected]}
    # A round's own code in another case is its own: renamed.
    response = client.patch(url, {"code": "s2026", "version": second["version"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["code"] == "s2026"
    assert Round.objects.get(pk=first["id"]).code == "R2026"


def test_a_code_stored_before_the_rule_is_kept_when_sent_back_unchanged(api, province, today):
    round = services.round_create(data=plain(today, "JX-OLD"))
    Round.objects.filter(pk=round.pk).update(code="JX/OLD")  # free text, as stored before
    round.refresh_from_db()
    response = api(province).patch(
        f"{ROUNDS}{round.pk}/",
        {"code": "JX/OLD", "name": "改名", "version": round.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Round.objects.get(pk=round.pk).name == "改名"


@translation.override("en")
def test_the_service_refuses_for_every_caller(today):
    data = plain(today, "JX2026")
    services.round_create(data=data)
    with pytest.raises(ValidationError) as exc:
        services.round_create(data={**data, "code": "jx2026"})
    assert exc.value.message_dict == {"code": [TAKEN]}
    with pytest.raises(ValidationError) as exc:
        services.round_create(data={**data, "code": "   "})
    assert list(exc.value.message_dict) == ["code"]


def test_the_database_holds_one_round_per_code_whatever_its_case(today):
    """The service's check can race a second request: the unique index on lower(code) does
    not (on SQLite and PostgreSQL alike)."""
    services.round_create(data=plain(today, "R2026"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(
            code="r2026", name="x", opens_on=today, closes_on=today, rule_version=1
        )


@translation.override("en")
def test_a_code_taken_meanwhile_is_a_400_on_code_not_a_500(today, monkeypatch):
    """The race itself: the check passed, the insert meets the other round's code."""
    services.round_create(data=plain(today, "R2026"))
    monkeypatch.setattr(services.selectors, "round_code_taken", lambda *a, **k: False)
    with pytest.raises(ValidationError) as exc:
        services.round_create(data=plain(today, "r2026"))
    assert exc.value.message_dict == {"code": [TAKEN]}
    assert Round.objects.count() == 1


def test_the_demo_codes_pass():
    from shuangshi.recognition import rules

    for year in (2021, 2026, 2099):
        assert rules.round_code_valid(f"JX{year}-1")

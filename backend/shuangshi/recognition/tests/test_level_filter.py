"""``?level=`` on recognitions/ and recognition-applications/ is one of the recognition
levels (rules.LEVELS): an unknown one is a 400 naming `level`, as every enum filter
answers, not an empty list."""

from typing import Any

import pytest

from shuangshi.accounts.models import User
from shuangshi.recognition import services
from shuangshi.recognition.models import Round
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/recognitions/", "/api/v1/recognition-applications/"]


@pytest.fixture
def recognized(qualified_teacher: Teacher, hr_a: User, province: User, round_open: Round) -> None:
    app = services.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = services.application_submit(application=app, user=hr_a)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    services.application_finalize(application=app, user=province)


@pytest.mark.parametrize("url", URLS)
def test_an_unknown_level_is_refused_naming_the_parameter(
    api: Any, hr_a: User, province: User, recognized: None, url: str
) -> None:
    for user in (hr_a, province):
        response = api(user).get(url, {"level": "bogus"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert response.json() == {
            "level": ["Select a valid choice. bogus is not one of the available choices."]
        }


@pytest.mark.parametrize("url", URLS)
def test_a_level_lists_what_is_at_it(api: Any, hr_a: User, recognized: None, url: str) -> None:
    assert api(hr_a).get(url, {"level": "junior"}).json()["count"] == 1
    assert api(hr_a).get(url, {"level": "senior"}).json()["count"] == 0


@pytest.mark.parametrize("url", URLS)
def test_the_schema_offers_the_levels(api: Any, province: User, url: str) -> None:
    schema = api(province).get("/api/schema/", {"format": "json"}).json()
    params = {p["name"]: p for p in schema["paths"][url]["get"]["parameters"]}
    assert sorted(params["level"]["schema"]["enum"]) == ["intermediate", "junior", "senior"]


def test_a_role_without_access_to_recognitions_is_refused(api: Any, base_staff: User) -> None:
    assert api(base_staff).get(URLS[0], {"level": "bogus"}).status_code == 403

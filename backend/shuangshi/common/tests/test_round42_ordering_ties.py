"""Round 42: an `?ordering=` that ties (imports by `kind` or `status`, users by `role`) ends
with the id, so the order within a tie is the same on every page: a page neither repeats a
row of the page before nor skips one (PostgreSQL returns tied rows in any order)."""

from typing import Any

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.common.filtering import OrderingFilter

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"


class _View:
    ordering_fields = ["username", "role", "id"]


def _ordered(query: str) -> tuple[Any, ...]:
    request = Request(APIRequestFactory().get("/", {"ordering": query} if query else {}))
    queryset = OrderingFilter().filter_queryset(request, User.objects.all(), _View())
    return tuple(str(term) for term in queryset.query.order_by)


@pytest.mark.parametrize(
    ("asked", "ordered"),
    [
        ("role", ("role", "pk")),
        ("-role", ("-role", "pk")),
        ("role,-username", ("role", "-username", "pk")),
        ("-id", ("-id",)),  # already whole: nothing added
        ("role,id", ("role", "id")),
        ("", ()),  # none asked: the list's own order, untouched
    ],
)
def test_an_asked_ordering_ends_with_the_id(asked: str, ordered: tuple[str, ...]) -> None:
    assert _ordered(asked) == ordered


def test_pages_of_a_tied_ordering_neither_repeat_nor_skip_a_row(api: Any, province: User) -> None:
    school = testing.make_school()
    made = [testing.make_user(f"hr_{n}", Role.SCHOOL_HR, school=school) for n in range(5)]
    client = api(province)
    for ordering in ("role", "-role"):
        seen = []
        for page in (1, 2, 3):
            response = client.get(
                USERS, {"ordering": ordering, "role": "school_hr", "page_size": 2, "page": page}
            )
            assert response.status_code == 200, response.json()
            seen += [row["id"] for row in response.json()["results"]]
        assert seen == sorted(u.pk for u in made), ordering  # by id within the tie

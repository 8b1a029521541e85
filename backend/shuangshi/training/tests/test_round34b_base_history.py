"""Round 34 (b): a training base's status change or approval date, back-dated, may not leave
completions it logged on days it was not operating (planned or suspended): those never count
(DESIGN §4) and none is logged there. The change is refused on its field, naming how many
and the first one's teacher, programme and date; voided completions do not hold it up."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.training import services
from shuangshi.training.models import BaseStatusChange, TrainingBase

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-bases/"


@pytest.fixture
def trained(base_a: TrainingBase, school_a: Any) -> dict[str, Any]:
    """Two completions at base_a (active since 2015): 李明 on 2025-07-10, 赵芳 on 2025-07-31."""
    program = make_program(base_a)
    first = testing.make_teacher(school_a, name="李明")
    second = testing.make_teacher(school_a, name="赵芳")
    make_completion(program, second)
    make_completion(program, first, completed_on=date(2025, 7, 10))
    return {"program": program}


def _history(base: TrainingBase) -> list[tuple[date, str]]:
    return list(
        BaseStatusChange.objects.filter(base=base)
        .order_by("effective_on")
        .values_list("effective_on", "status")
    )


def _patch(api: Any, user: User, base: TrainingBase, **body: Any) -> Any:
    base.refresh_from_db()
    return api(user).patch(
        f"{URL}{base.pk}/",
        {**body, "version": base.version},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_suspension_dated_before_completions_is_refused_naming_them(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    history, version = _history(base_a), base_a.version
    response = _patch(api, province, base_a, status="suspended", effective_on="2025-07-01")
    assert response.status_code == 400, response.content
    [message] = response.json()["effective_on"]
    assert message.startswith("2 completions logged at this base would fall on days")
    assert "李明" in message and "新能源汽车维修师资培训" in message and "2025-07-10" in message
    base_a.refresh_from_db()
    assert (base_a.status, base_a.version, _history(base_a)) == ("active", version, history)


def test_one_completion_after_the_new_date_is_named_alone(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    response = _patch(api, province, base_a, status="suspended", effective_on="2025-07-20")
    assert response.status_code == 400, response.content
    [message] = response.json()["effective_on"]
    assert message.startswith("1 completion logged at this base would fall on a day")
    assert "赵芳" in message and "2025-07-31" in message


def test_a_suspension_after_the_completions_goes_through(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    response = _patch(api, province, base_a, status="suspended", effective_on="2025-08-01")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "suspended"


def test_an_approval_date_moved_past_completions_is_refused(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    response = _patch(api, province, base_a, approved_on="2025-07-15")
    assert response.status_code == 400, response.content
    [message] = response.json()["approved_on"]
    assert message.startswith("1 completion") and "李明" in message and "2025-07-10" in message
    base_a.refresh_from_db()
    assert base_a.approved_on == date(2015, 1, 1)
    assert _history(base_a)[0] == (date(2015, 1, 1), "active")
    # Moved to a day before the first completion it goes through.
    response = _patch(api, province, base_a, approved_on="2025-07-01")
    assert response.status_code == 200, response.content


def test_a_suspension_today_is_refused_while_a_completion_is_dated_today(
    api: Any, province: User, base_a: TrainingBase, school_a: Any
) -> None:
    today = timezone.localdate()
    program = make_program(base_a, start_on=today - timedelta(days=10), end_on=today)
    make_completion(program, testing.make_teacher(school_a, name="孙伟"))
    response = _patch(api, province, base_a, status="suspended")
    assert response.status_code == 400, response.content
    assert "孙伟" in response.json()["status"][0]


def test_voided_completions_do_not_hold_a_suspension_up(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    services.base_void_completions(base=base_a, reason="培训记录不实")
    response = _patch(api, province, base_a, status="suspended", effective_on="2025-07-01")
    assert response.status_code == 200, response.content


def test_base_staff_may_not_change_their_bases_status(
    api: Any, base_staff: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    response = _patch(api, base_staff, base_a, status="suspended", effective_on="2025-07-01")
    assert response.status_code == 403
    base_a.refresh_from_db()
    assert base_a.status == "active"


def test_the_refusal_reads_in_chinese(
    api: Any, province: User, base_a: TrainingBase, trained: dict[str, Any]
) -> None:
    base_a.refresh_from_db()
    response = api(province).patch(
        f"{URL}{base_a.pk}/",
        {"status": "suspended", "effective_on": "2025-07-01", "version": base_a.version},
        format="json",
    )
    assert response.status_code == 400
    [message] = response.json()["effective_on"]
    assert "2 条" in message and "李明" in message, message

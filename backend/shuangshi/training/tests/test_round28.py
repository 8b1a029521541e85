"""Round 28: base statistics give each base's status on their date (DESIGN §3–§4: a read
answers for its date), as the bases' progress already did."""

from datetime import date

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.training import services

pytestmark = pytest.mark.django_db
BASES = "/api/v1/training-bases/"


def _statuses(api, user, as_of):
    response = api(user).get(f"{BASES}stats/", {"as_of": as_of})
    assert response.status_code == 200, response.data
    return {row["base"]["code"]: row["base"]["status"] for row in response.data}


def test_stats_give_each_base_its_status_on_as_of(api, province):
    suspended = testing.make_base(approved_on=date(2024, 1, 1))
    services.base_update(
        base=suspended, data={"status": "suspended"}, effective_on=date(2025, 3, 1)
    )
    later = testing.make_base(approved_on=date(2025, 6, 1))

    assert _statuses(api, province, "2023-12-31") == {
        suspended.code: "planned",
        later.code: "planned",
    }
    assert _statuses(api, province, "2025-01-01") == {
        suspended.code: "active",
        later.code: "planned",
    }
    assert _statuses(api, province, "2025-06-30") == {
        suspended.code: "suspended",
        later.code: "active",
    }
    today = timezone.localdate().isoformat()
    assert _statuses(api, province, today) == {suspended.code: "suspended", later.code: "active"}


def test_base_staff_read_their_own_base_s_status_on_as_of_and_a_teacher_is_refused(
    api, base_a, base_staff, teacher_a
):
    teacher = testing.make_user("teacher_r28", Role.TEACHER, teacher=teacher_a)
    staff = base_staff
    services.base_update(base=base_a, data={"status": "suspended"}, effective_on=date(2025, 3, 1))
    before = _statuses(api, staff, "2025-02-28")
    assert before == {base_a.code: "active"}
    assert _statuses(api, staff, "2025-03-01") == {base_a.code: "suspended"}
    assert api(teacher).get(f"{BASES}stats/").status_code == 403

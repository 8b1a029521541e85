"""A duplicate code reads as Chinese ("已有代码相同的学校。"), not Django's spaced-out
"具有 学校代码 的 学校 已存在。" (round 32: the province's new school form showed it)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_duplicate_school_code_reads_naturally(api, province, school_a, school_b):
    response = api(province).patch(
        f"/api/v1/schools/{school_b.pk}/",
        {"code": school_a.code, "version": school_b.version},
        format="json",
    )
    assert response.status_code == 400
    # Round 43: it names the code that reads the same (case and width aside).
    assert response.json()["code"] == [
        f"已有代码为“{school_a.code}”的学校（比较代码时不区分大小写和全角/半角）。"
    ]


def test_a_duplicate_base_code_reads_naturally(api, province, base_a):
    response = api(province).post(
        "/api/v1/training-bases/",
        {
            "code": base_a.code,
            "name": "另一基地",
            "host_name": "某企业",
            "host_kind": "enterprise",
            "city": base_a.city_id,
            "designation": "dual_qualified",
            "status": "planned",
        },
        format="json",
    )
    assert response.status_code == 400
    [message] = response.json()["code"]
    assert message.startswith("已有") and message.endswith("。") and " " not in message

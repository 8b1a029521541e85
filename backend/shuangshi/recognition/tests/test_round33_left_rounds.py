"""Round 33 (left): a read-only field sent in a round's PATCH is ignored as DRF ignores
read-only fields everywhere in this API, and ignoring it changes nothing (not the version
either); a round names its experts (as a reader knows them) to the province and its experts."""

from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition.models import Round

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/recognition-rounds/"


def test_a_read_only_rule_version_is_ignored_without_a_new_version(
    api: Any, province: User, round_open: Round
) -> None:
    before = Round.objects.get(pk=round_open.pk)
    r = api(province).patch(
        f"{ROUNDS}{round_open.pk}/",
        {"rule_version": before.rule_version + 7, "version": before.version},
        format="json",
    )
    assert r.status_code == 200, r.data
    after = Round.objects.get(pk=round_open.pk)
    assert after.rule_version == before.rule_version
    assert after.version == before.version
    assert r.json()["version"] == before.version
    # The same read again still names the current version: a client's next edit goes through.
    r = api(province).patch(
        f"{ROUNDS}{round_open.pk}/",
        {"name": "改名后的批次", "rule_version": 99, "version": before.version},
        format="json",
    )
    assert r.status_code == 200, r.data
    after = Round.objects.get(pk=round_open.pk)
    assert (after.name, after.rule_version, after.version) == (
        "改名后的批次",
        before.rule_version,
        before.version + 1,
    )


def test_the_same_experts_and_values_again_change_nothing(
    api: Any, province: User, round_open: Round, expert: User
) -> None:
    before = Round.objects.get(pk=round_open.pk)
    r = api(province).patch(
        f"{ROUNDS}{round_open.pk}/",
        {"name": before.name, "experts": [expert.pk], "version": before.version},
        format="json",
    )
    assert r.status_code == 200, r.data
    assert Round.objects.get(pk=round_open.pk).version == before.version


def test_an_expert_may_not_patch_a_round(api: Any, expert: User, round_open: Round) -> None:
    r = api(expert).patch(
        f"{ROUNDS}{round_open.pk}/",
        {"rule_version": 5, "version": round_open.version},
        format="json",
    )
    assert r.status_code == 403
    assert Round.objects.get(pk=round_open.pk).version == round_open.version


def test_a_round_names_its_experts_to_the_province_and_its_experts(
    api: Any, province: User, expert: User, round_open: Round, hr_a: User
) -> None:
    expert.first_name = "张教授"
    expert.save(update_fields=["first_name"])
    other = testing.make_user("expert_nameless", Role.EXPERT)
    round_open.experts.add(other)
    for reader in (province, expert):
        row = api(reader).get(f"{ROUNDS}{round_open.pk}/").json()
        # Names, not logins; an account without a name reads as its login.
        assert sorted(row["expert_names"]) == sorted(["张教授", "expert_nameless"])
    # A school's HR reads the round, not who reviews it.
    row = api(hr_a).get(f"{ROUNDS}{round_open.pk}/").json()
    assert row["expert_names"] == []


def test_the_round_list_reads_names_in_a_fixed_number_of_queries(
    api: Any, province: User, round_open: Round, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        round_open.experts.add(testing.make_user(f"expert_{n}", Role.EXPERT))
    with django_assert_max_num_queries(8):
        r = api(province).get(ROUNDS)
    assert r.status_code == 200
    assert len(r.json()["results"][0]["expert_names"]) == 6

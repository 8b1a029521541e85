"""List filters' date and moment parameters: out of range is a 400 naming the parameter,
and nothing the database would refuse reaches it (a refused query aborts the transaction)."""

import pytest
from django.db import connection


def _database_still_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        return cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_an_audit_log_moment_with_an_impossible_offset_is_a_400_and_harms_nothing(api, province):
    answer = api(province).get("/api/v1/audit-log/", {"since": "6411-09-21T16:53:06.000255+21:11"})
    assert answer.status_code == 400
    assert "since" in answer.json()
    assert _database_still_answers()


@pytest.mark.django_db
def test_an_audit_log_moment_in_range_with_a_large_offset_is_moved_to_utc(api, province):
    answer = api(province).get("/api/v1/audit-log/", {"until": "2030-01-01T00:00:00+21:11"})
    assert answer.status_code == 200
    assert _database_still_answers()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_list_date_filter_out_of_range_is_a_400_naming_it(api, hr_a, value):
    answer = api(hr_a).get("/api/v1/certificates/", {"expires_before": value})
    assert answer.status_code == 400
    assert "expires_before" in answer.json()

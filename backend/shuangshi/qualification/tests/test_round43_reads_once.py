"""The ratio pages read the province's settings once a request (round 43): the ratio target
and the rule profile in force were read again by each step of a page (ratios/schools: the
rows, their gaps and their forecasts read the target three times and the profile twice)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi.training.models import TrainingBase

from .test_api import staffed  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def reads(ctx, table, column=""):
    return [
        q["sql"]
        for q in ctx.captured_queries
        if f'FROM "{table}"' in q["sql"] and column in q["sql"]
    ]


def test_school_ratios_read_the_target_and_the_profile_once(api, province, staffed):  # noqa: F811
    client = api(province)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/ratios/schools/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 2 and all(row["target"] == 0.6 for row in rows)
    assert all("forecast_below_on" in row for row in rows)
    assert len(reads(ctx, "qualification_target")) == 1
    assert len(reads(ctx, "qualification_ruleprofile", '"values"')) == 1


def test_the_summary_reads_the_target_once(api, province, staffed):  # noqa: F811
    with CaptureQueriesContext(connection) as ctx:
        response = api(province).get("/api/v1/ratios/summary/")
    assert response.status_code == 200
    assert response.json()["target"] == 0.6
    assert len(reads(ctx, "qualification_target")) == 1


def test_base_statistics_read_the_profile_once(api, province, base_a):
    with CaptureQueriesContext(connection) as ctx:
        response = api(province).get("/api/v1/training-bases/stats/")
    assert response.status_code == 200
    assert {row["base"]["id"] for row in response.json()} == set(
        TrainingBase.objects.values_list("id", flat=True)
    )
    assert len(reads(ctx, "qualification_ruleprofile", '"values"')) == 1

"""Property-based fuzzing of the whole API from its OpenAPI schema (/api/schema/).

Every operation is called with generated inputs (valid and invalid) as a user of each role,
over WSGI inside the test transaction. Checks: never a 5xx, and every response conforms to
the schema. SCHEMATHESIS_MAX_EXAMPLES bounds the examples per operation (each is sent
once per role).
"""

import json
import os
from collections import Counter
from typing import Any

import pytest
import schemathesis
from config.wsgi import application
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, note, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance
from shuangshi.accounts import services as accounts_services

from . import world as world_module

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
ROLES = ("province", "city", "school_hr", "base_staff", "teacher", "expert")
CALLS: Counter[str] = Counter()

config = SchemathesisConfig.from_dict(
    {
        "generation": {"mode": "all", "deterministic": True, "database": "none"},
        # The coverage phase enumerates every boundary of every field: thorough but minutes
        # per operation; generated examples (valid and invalid) keep the run bounded.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)


def _load_schema() -> dict[str, Any]:
    """The served schema, with request bodies offered as JSON only where JSON is accepted
    (the form encodings DRF also lists add nothing server-side and schemathesis cannot
    encode a non-object body as a form)."""
    raw = json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)
    for path in raw["paths"].values():
        for operation in path.values():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for media in list(content):
                    if media != "application/json":
                        del content[media]
    return raw


schema = schemathesis.openapi.from_dict(_load_schema(), config=config)
schema.app = application
schema.location = "/api/schema/"

# Operations whose responses do not match their declared schema yet (owner's fix pending):
# for these the run still asserts "no 5xx" but not schema conformance. Keep it short.
SCHEMA_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_calls():
    yield
    total = sum(CALLS.values())
    print(f"\nschemathesis: {total} calls over {len(CALLS)} operation×role pairs")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app, whose request signals would close the connection
    that holds the test transaction (on PostgreSQL); Django's own test client does this too."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def shared_tokens(shared_world: world_module.World, django_db_blocker: Any) -> dict[str, str]:
    """A token for each role's user of the module's world (conftest.shared_world)."""
    with django_db_blocker.unblock():
        return {
            role: accounts_services.token_issue(user=shared_world.users[role]) for role in ROLES
        }


@pytest.fixture
def tokens(db: Any, shared_tokens: dict[str, str]) -> dict[str, str]:
    """The tokens, for a test that runs in a savepoint of the world's transaction (db)."""
    return shared_tokens


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_server_errors_and_responses_match_the_schema(case, tokens):
    checks = [not_a_server_error]
    if case.operation.label not in SCHEMA_GAPS:
        checks.append(response_schema_conformance)
    for role in ROLES:  # each generated input, as a user of every role
        note(f"as {role}")
        CALLS[f"{case.operation.label} as {role}"] += 1
        case.call_and_validate(headers={"Authorization": f"Token {tokens[role]}"}, checks=checks)

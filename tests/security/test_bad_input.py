"""Inputs the fuzzer found that once crashed the server: each answers 4xx now."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/enterprise-periods/?school=-1.7976931348623157e%2B308",
        "/api/v1/certificates/?school=1e300",
        "/api/v1/teachers/?school=99999999999999999999",
        "/api/v1/teachers/99999999999999999999/",
    ],
)
def test_an_out_of_range_number_is_not_a_server_error(api, province, url):
    client = api(province)
    client.raise_request_exception = False
    assert client.get(url).status_code < 500  # PostgreSQL finds nothing; SQLite says 400


@pytest.mark.parametrize(
    "cookie", ["abc\x00def12345", "x" * 40 + "\x00", "../../etc/passwd", "%E7%9F%AD"]
)
def test_a_forged_session_cookie_is_no_session_not_a_500(client, cookie):
    client.cookies["sessionid"] = cookie
    client.raise_request_exception = False
    assert client.get("/api/v1/auth/me/").status_code == 401  # no session: sign in
    assert client.get("/api/v1/auth/csrf/").status_code == 204

"""Browser journeys against the real backend and the built front end.

A session fixture starts Django on a free port with a fresh database (a temp SQLite file,
or a separate `shuangshi_e2e` database on the server DATABASE_URL names), migrates it and
seeds the demo data; it serves `frontend/dist`, so build the front end first.
Chromium comes from Debian (`/usr/bin/chromium`); Playwright never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import template as e2e_template

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist" / "index.html"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "shuangshi-demo"
# One server and database per pytest process running journeys side by side (`make
# test-e2e` runs the screenshot tour beside the rest: E2E_INSTANCE) and per xdist worker
# within it (the tour runs on two: tour_gw0, tour_gw1).
WORKER = "_".join(
    part
    for part in (os.environ.get("E2E_INSTANCE", ""), os.environ.get("PYTEST_XDIST_WORKER", ""))
    if part
)
E2E_DB_NAME = f"shuangshi_e2e{'_' + WORKER if WORKER else ''}"
# The running server's environment, for journeys that run a management command against
# the same database (e.g. the daily alert job): `manage("alerts_daily")`.
E2E_ENV: dict[str, str] = {}


def _required() -> bool:
    return os.environ.get("E2E_REQUIRED") == "1"


_NOT_RUN: list[str] = []


def _missing(reason: str) -> None:
    message = f"*** E2E TESTS NOT RUN: {reason} ***"
    if _required():
        pytest.fail(message + " (E2E_REQUIRED=1, so this is a failure)", pytrace=False)
    if not _NOT_RUN:
        _NOT_RUN.append(message)
        print(f"\n\n{message}\n", file=sys.stderr)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for message in _NOT_RUN:
        terminalreporter.section("e2e", sep="!", red=True, bold=True)
        terminalreporter.line(message, red=True, bold=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def screenshot_if_failed(page, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    """The whole page as a test that failed (or never ran its body) left it. A passing test's
    screens are the tour's own shots: a full-page shot costs the browser about 0.8 s of CPU,
    and one after each of 57 passing tests was about 45 s of CI's two CPUs."""
    if request.node.stash.get(_CALL_FAILED, True):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _e2e_database_url() -> tuple[str, Path | None]:
    """A fresh database for this run: a copy of the template `make test-e2e` built
    (E2E_TEMPLATE, template.py), else an empty one (a temp SQLite file, or shuangshi_e2e on the
    server DATABASE_URL names) that the server fixture migrates and seeds."""
    template = os.environ.get("E2E_TEMPLATE", "")
    if template:
        return e2e_template.copy_of(template, E2E_DB_NAME)
    given = os.environ.get("DATABASE_URL", "")
    if not given or given.startswith("sqlite"):
        tmp = Path(tempfile.mkdtemp(prefix="shuangshi-e2e-"))
        return f"sqlite:///{tmp / 'e2e.sqlite3'}", tmp
    return e2e_template.recreate_database(given, E2E_DB_NAME), None


_manage = e2e_template.manage


def manage(*args: str) -> None:
    """Run a management command against the journeys' database (after the server is up)."""
    assert E2E_ENV, "manage() needs the e2e_server fixture"
    _manage(E2E_ENV, *args)


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the backend exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the backend did not answer {url} within {timeout}s")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        _missing(
            f"Chromium not found at {CHROMIUM}. Install it with "
            "`apt-get update && apt-get install -y chromium`."
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        _missing("the Python package `playwright` is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def e2e_server(chromium_path: str) -> Iterator[str]:
    if not DIST.exists():
        pytest.fail(f"{DIST} is missing: run `npm run build` in frontend/ first", pytrace=False)
    database_url, tmp = _e2e_database_url()
    env = e2e_template.server_env(database_url)
    if not os.environ.get("E2E_TEMPLATE"):
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "seed_demo")
    E2E_ENV.update(env)
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server{'-' + WORKER if WORKER else ''}.log", "wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "backend" / "manage.py"),
            "runserver",
            "--noreload",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # Imports, workbooks and exports run as background jobs: a worker beside the server, as
    # `make run` starts one. PostgreSQL wakes it when a job is queued (NOTIFY), so it polls
    # only now and then; on SQLite it polls every 0.2 s so the journeys do not wait long.
    interval = "0.2" if database_url.startswith("sqlite") else "1"
    worker = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "backend" / "manage.py"),
            "jobs_worker",
            "--interval",
            interval,
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base_url}/api/v1/auth/csrf/", proc)
        yield base_url
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (the contexts' 15 s): with both suites running on
    # a slow two-CPU box, a phone page's reload outlasted expect's own 5 s (CI at 60b1d20).
    expect.set_options(timeout=15_000)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def new_context(browser, **options):  # type: ignore[no-untyped-def]
    """A browser context as a journey's person has it: Chinese, and "reduce motion" on, which
    the app follows (frontend/src/lib/motion.ts: antd's and the charts' animations off). A
    screen then costs the browser about a third less CPU (five menu screens after the
    dashboard: 1.98–2.18 → 1.11–1.61 CPU-s), on a box the browser keeps busy in these tests."""
    return browser.new_context(**{"locale": "zh-CN", "reduced_motion": "reduce", **options})


@pytest.fixture
def page(browser, e2e_server: str, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = new_context(browser, base_url=e2e_server, viewport={"width": 1440, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    screenshot_if_failed(pg, request)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def login(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the form, as a person would."""
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登 录").click()
    page.get_by_test_id("user-menu").wait_for()


# The requests each page has in flight (watch_requests), for settle().
_IN_FLIGHT: dict[int, set[object]] = {}


def watch_requests(page) -> set[object]:  # type: ignore[no-untyped-def]
    """Count the page's requests in flight from now on (once per page)."""
    live = _IN_FLIGHT.get(id(page))
    if live is None:
        live = _IN_FLIGHT[id(page)] = set()
        # Playwright keeps a mark on each handler: a lambda, not a set's bound method.
        page.on("request", lambda request: live.add(request))
        page.on("requestfinished", lambda request: live.discard(request))
        page.on("requestfailed", lambda request: live.discard(request))
        page.on("close", lambda _page: _IN_FLIGHT.pop(id(page), None))
    return live


def settle(page, quiet_ms: int = 300, timeout_s: float = 15) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page has had no request in flight for ``quiet_ms``: Playwright's
    "networkidle" belongs to a page load, and a navigation inside the app loads no page."""
    live = watch_requests(page)
    deadline = time.monotonic() + timeout_s
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the request events meanwhile
        if live:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_ms / 1000:
            return
    raise AssertionError(f"{page.url}: requests still in flight after {timeout_s} s: {live}")


def open_in_app(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` as the app's menu and links do, without loading the page again (its
    router follows the history), then wait until its data has come. About half the browser's
    work of a page load per screen (the bundle and antd's styles are not built anew), which
    is most of the screenshot tour's time. Outside the app (no page yet, the login page) it
    loads the page."""
    from urllib.parse import urlsplit

    if urlsplit(page.url).path in ("", "/login") or page.url == "about:blank":
        page.goto(path)
        page.wait_for_load_state("networkidle")
        watch_requests(page)
        return
    watch_requests(page)
    page.evaluate(
        "p => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')) }",
        path,
    )
    page.wait_for_function("p => location.pathname + location.search === p", arg=path)
    settle(page)


def choose(page, field, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose ``option`` in the antd Select that ``field`` is (or is inside), as a person
    would: open it, click the option, and click again when a click under load landed
    while the list was still being placed (in a bottom drawer on a phone) and selected
    nothing. The list is closed afterwards."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    select = field.locator(
        "xpath=ancestor-or-self::div[contains(concat(' ', @class, ' '), ' ant-select ')][1]"
    )
    field.click()
    choice = page.locator(".ant-select-dropdown:visible").get_by_title(option, exact=True)
    choice.wait_for(state="visible")
    for attempt in range(3):
        choice.click()
        try:
            expect(select).to_contain_text(option, timeout=3000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            if not choice.is_visible():  # the list closed: open it again
                field.click()
    # Choosing the option already selected can leave the list open over the next field.
    dropdown = page.locator(".ant-select-dropdown:visible")
    try:
        dropdown.first.wait_for(state="hidden", timeout=2000)
    except PlaywrightTimeoutError:
        select.click()  # the selector toggles its list
    expect(dropdown).to_have_count(0)

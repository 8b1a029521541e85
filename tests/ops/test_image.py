"""The image's build and start commands, run outside Docker (same commands, same environment).

Docker cannot run on our machines, so this reads the Dockerfile and docker-compose.yml and runs
what they would run: the build step (collectstatic and the deployment checks with production
settings and the build-time secret), the web command and the worker command.
"""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = (REPO / "Dockerfile").read_text()
VENV_BIN = str(Path(sys.executable).parent)


def _final_stage() -> str:
    return DOCKERFILE[DOCKERFILE.rindex("\nFROM ") :]


def _instructions(name: str) -> list[str]:
    """The stage's `name` instructions with their continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", _final_stage())
    return [line[len(name) + 1 :] for line in joined.splitlines() if line.startswith(name + " ")]


def _image_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The Dockerfile's ENV, with /app/var moved to a temporary directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    for line in _instructions("ENV"):
        for pair in shlex.split(line):
            key, _sep, value = pair.partition("=")
            env[key] = value
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    env["SHUANGSHI_VAR_DIR"] = str(tmp_path / "var")
    env["PATH"] = f"{VENV_BIN}:{env.get('PATH', '')}"  # `python` is the image's Python
    env.update(extra)
    return env


def _build_command() -> str:
    [command] = [c for c in _instructions("RUN") if "image-build.sh" in c]
    return command


def test_the_build_time_secret_is_long_enough_for_the_production_settings() -> None:
    secret = re.search(r'DJANGO_SECRET_KEY="([^"]+)"', _build_command())
    assert secret, "the build step sets DJANGO_SECRET_KEY"
    for _ in range(5):
        value = subprocess.run(
            ["sh", "-c", f'echo "{secret.group(1)}"'],
            env={"PATH": f"{VENV_BIN}:/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert len(value) >= 50 and not value.startswith("insecure")


@pytest.mark.skipif(
    not (REPO / "frontend" / "dist" / "index.html").exists(),
    reason="the image's build step collects frontend/dist: build the front end first",
)
def test_the_build_step_collects_static_files_and_passes_the_deployment_checks(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        ["sh", "-c", _build_command()],
        cwd=REPO,
        env=_image_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    static = tmp_path / "var" / "static"
    assert (static / "staticfiles.json").exists()
    # The front end's scripts are kept compressed for whitenoise to serve; the API docs'
    # source maps (developer tools only) are collected as they are (round 50).
    scripts = list((static / "assets").glob("index-*.js"))
    assert scripts
    assert all(Path(f"{js}.br").exists() and Path(f"{js}.gz").exists() for js in scripts)
    maps = list(static.rglob("*.map"))
    assert maps and not [m for m in maps if Path(f"{m}.gz").exists() or Path(f"{m}.br").exists()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_env(tmp_path: Path, port: int) -> dict[str, str]:
    return _image_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SECRET_KEY="run-" + "x1" * 30,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GUNICORN_WORKERS="1",
        PORT=str(port),
    )


def _wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 180) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the process exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return int(response.status)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


def test_the_start_command_migrates_and_serves_and_the_worker_starts(tmp_path: Path) -> None:
    [cmd] = _instructions("CMD")
    port = _free_port()
    env = _run_env(tmp_path, port)
    web = subprocess.Popen(json.loads(cmd), cwd=REPO / "backend", env=env)
    worker_log = tmp_path / "worker.log"
    worker = None
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/api/v1/auth/csrf/", web) == 204
        compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
        command = compose["services"]["worker"]["command"]
        worker = subprocess.Popen(
            command,
            cwd=REPO / "backend",
            env=env,
            stdout=worker_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while "Starting worker" not in worker_log.read_text():
            assert worker.poll() is None, worker_log.read_text()
            assert time.monotonic() < deadline, worker_log.read_text()
            time.sleep(0.2)
    finally:
        for proc in (worker, web):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_compose_runs_web_scalable_workers_and_the_database() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"web", "worker", "db"}
    worker = services["worker"]
    assert worker["command"][-1] == "jobs_worker"
    # Scalable: nothing that must be unique per container.
    assert "ports" not in worker and "container_name" not in worker
    assert worker["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    assert worker["image"] == services["web"]["image"]


def _compose_command() -> list[str] | None:
    """Docker's compose plugin, else the standalone `docker-compose` (Debian's package, which
    reads and checks the same file without a Docker daemon), else None."""
    if shutil.which("docker") is not None:
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


def _compose_config(secret: str | None) -> subprocess.CompletedProcess[str]:
    command = _compose_command()
    if command is None:
        if os.environ.get("COMPOSE_CHECK_REQUIRED") == "1":  # .ci/run installs docker-compose
            pytest.fail("COMPOSE_CHECK_REQUIRED=1 but neither docker compose nor docker-compose")
        pytest.skip("no docker compose nor docker-compose here (the YAML is checked above)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POSTGRES_"))}
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    return subprocess.run(
        [*command, "config"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_docker_compose_config_accepts_the_file() -> None:
    result = _compose_config("k" * 60)
    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)["services"]
    assert set(resolved) >= {"web", "worker", "db"}
    # web and worker share the image's settings; the database's password reaches both.
    assert resolved["worker"]["environment"]["DATABASE_URL"] == (
        "postgres://shuangshi:shuangshi@db:5432/shuangshi"
    )
    assert resolved["web"]["environment"]["DJANGO_SECRET_KEY"] == "k" * 60


def test_docker_compose_refuses_to_start_without_a_secret_key() -> None:
    result = _compose_config(None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_image_compiles_the_engine_with_the_tested_mypy():
    """The image's native stage pins the mypy (mypyc) that the tests compile the engine with,
    and the final image takes its build."""
    pinned = re.search(r"^mypy==(\S+)$", (REPO / "backend/requirements-dev.txt").read_text(), re.M)
    stage = DOCKERFILE[DOCKERFILE.index(" AS native") : DOCKERFILE.rindex("\nFROM ")]
    assert pinned is not None
    assert f"mypy=={pinned[1]}" in stage
    assert "python scripts/compile_native.py" in stage
    assert "COPY --from=native /app/backend/.mypyc backend/.mypyc" in _final_stage()

"""Security round 2 (issue 15 items 2, 3, 5, 10, 11, 12; issue 14 item 9): masks that cannot
be reversed, no lookup oracles, mentors that another school cannot take over, audited
exports, masked free text, and a development server that logs no ID numbers.

Each test attacks through the public API (or the running process) as the role that would.
"""

import os
import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
NUMBER = "36010219850615123X"

# runserver's request handler logs through the "django.server" logger: call it as it does.
RUNSERVER_LOG = f"""
import django
django.setup()
from django.core.servers.basehttp import WSGIRequestHandler
handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
handler.request = None
handler.log_date_time_string = lambda: "01/Dec/2026 15:00:00"
handler.log_message('"%s" %s %s', "GET /api/v1/teachers/?search={NUMBER} HTTP/1.1", "200", "42")
handler.log_message('"%s" %s %s', "GET /api/v1/x/?q={NUMBER} HTTP/1.1", "404", "9")
"""


def test_the_development_server_log_masks_id_numbers_under_every_settings_module():
    for module in ("local", "production", "test"):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": f"config.settings.{module}",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
            "DJANGO_ALLOWED_HOSTS": "localhost",
        }
        result = subprocess.run(
            [sys.executable, "-c", RUNSERVER_LOG],
            cwd=BACKEND,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        log = result.stdout + result.stderr
        assert NUMBER not in log, module
        assert log.count("search=3601************3X") == 1, (module, log)
        assert "q=3601************3X" in log, module

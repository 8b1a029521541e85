"""gunicorn's access log (backend/gunicorn.conf.py) masks ID numbers like Django's logs."""

import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
SCRIPT = """
import logging.config, runpy
config = runpy.run_path("gunicorn.conf.py")["logconfig_dict"]
logging.config.dictConfig(config)
logging.getLogger("gunicorn.access").info(
    '%(h)s "%(r)s"', {"h": "127.0.0.1", "r": "GET /api/v1/teachers/?search=36010219850615123X"}
)
"""


def test_the_access_log_masks_id_numbers():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=BACKEND, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "36010219850615123X" not in result.stdout
    assert "search=3601************3X" in result.stdout

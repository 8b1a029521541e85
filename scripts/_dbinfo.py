"""Print "<engine> <name-or-url>" for DATABASE_URL (the settings' default when unset).

Used by backup.sh and restore.sh; needs only dj-database-url, not Django.
"""

import os
import sys
from pathlib import Path

import dj_database_url

repo = Path(__file__).resolve().parent.parent
var_dir = Path(os.environ.get("SHUANGSHI_VAR_DIR", repo / "var"))
url = os.environ.get("DATABASE_URL", f"sqlite:///{var_dir / 'shuangshi.sqlite3'}")
config = dj_database_url.parse(url)
engine = config["ENGINE"]
if engine.endswith("sqlite3"):
    print("sqlite", config["NAME"])
elif "postgresql" in engine or "postgis" in engine:
    print("postgres", url)
else:
    sys.exit(f"backup: unsupported database engine {engine}")

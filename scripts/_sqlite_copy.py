"""Copy one SQLite database into another with SQLite's online backup API (what the
sqlite3 shell's .backup and .restore do): consistent even while the app is writing."""

import sqlite3
import sys

source, target = sys.argv[1], sys.argv[2]
with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
    src.backup(dst)
src.close()
dst.close()

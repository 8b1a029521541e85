#!/usr/bin/env bash
# Back up the database named by DATABASE_URL (PostgreSQL: pg_dump custom format; SQLite:
# the online backup API). Usage: scripts/backup.sh [FILE]   (default var/backups/…)
# Prints the backup's path. Import uploads and sessions live in the database too.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
read -r engine target < <("$PYTHON" scripts/_dbinfo.py) || true
[ -n "${engine:-}" ] || { echo "backup: cannot read DATABASE_URL" >&2; exit 1; }
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
backups="${SHUANGSHI_VAR_DIR:-var}/backups"

case "$engine" in
  postgres)
    out="${1:-$backups/shuangshi-$stamp.pgdump}"
    mkdir -p "$(dirname "$out")"
    pg_dump --format=custom --no-owner --no-privileges --file="$out.part" "$target"
    ;;
  sqlite)
    out="${1:-$backups/shuangshi-$stamp.sqlite3}"
    mkdir -p "$(dirname "$out")"
    [ -f "$target" ] || { echo "backup: no database at $target" >&2; exit 1; }
    rm -f "$out.part"
    "$PYTHON" scripts/_sqlite_copy.py "$target" "$out.part"
    ;;
esac
mv "$out.part" "$out"
echo "$out"

#!/usr/bin/env bash
# Back up the database named by DATABASE_URL (PostgreSQL: pg_dump custom format; SQLite:
# the online backup API). Usage: scripts/backup.sh [FILE]  (or BACKUP_FILE=…; default
# var/backups/shuangshi-<UTC time>.pgdump or .sqlite3)
# Prints the backup's path. Import uploads and sessions live in the database too. Evidence
# files kept on disk (var/media: EVIDENCE_STORAGE=filesystem, the default) go beside it as
# FILE.media.tar.gz; with EVIDENCE_STORAGE=s3 they are the store's to keep.
set -euo pipefail
# Paths given are relative to where the command was run, not to the repository.
if [ -n "${1:-}" ] && [ "$1" != "--yes" ]; then set -- "$(realpath -m "$1")" "${@:2}"; fi
if [ -n "${BACKUP_FILE:-}" ]; then BACKUP_FILE="$(realpath -m "$BACKUP_FILE")"; fi
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
read -r engine target < <("$PYTHON" scripts/_dbinfo.py) || true
[ -n "${engine:-}" ] || { echo "backup: cannot read DATABASE_URL" >&2; exit 1; }
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
backups="${SHUANGSHI_VAR_DIR:-var}/backups"

case "$engine" in
  postgres)
    out="${1:-${BACKUP_FILE:-$backups/shuangshi-$stamp.pgdump}}"
    mkdir -p "$(dirname "$out")"
    pg_dump --format=custom --no-owner --no-privileges --file="$out.part" "$target"
    ;;
  sqlite)
    out="${1:-${BACKUP_FILE:-$backups/shuangshi-$stamp.sqlite3}}"
    mkdir -p "$(dirname "$out")"
    [ -f "$target" ] || { echo "backup: no database at $target" >&2; exit 1; }
    rm -f "$out.part"
    "$PYTHON" scripts/_sqlite_copy.py "$target" "$out.part"
    ;;
esac
mv "$out.part" "$out"
media="${SHUANGSHI_VAR_DIR:-var}/media"
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  tar -czf "$out.media.tar.gz.part" -C "$media" .
  mv "$out.media.tar.gz.part" "$out.media.tar.gz"
  echo "backup: evidence files in $out.media.tar.gz" >&2
fi
echo "$out"

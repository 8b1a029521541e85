"""Round 31: a backup keeps the evidence files too, and a restore gives them back.

Evidence files (EVIDENCE_STORAGE=filesystem, the default) live under var/media, not in the
database: a backup of the database alone restored records whose files were gone.
"""

import sqlite3
from pathlib import Path

from .test_backup import _env, _run


def test_backup_and_restore_give_back_the_evidence_files(tmp_path: Path):
    db = tmp_path / "shuangshi.sqlite3"
    sqlite3.connect(db).close()
    env = _env(f"sqlite:///{db}", tmp_path)
    evidence = tmp_path / "media" / "evidence" / "2026" / "a.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 the certificate")

    backup = Path(_run(["scripts/backup.sh"], env).strip().splitlines()[-1])
    archive = Path(f"{backup}.media.tar.gz")
    assert archive.is_file()

    evidence.unlink()
    later = tmp_path / "media" / "evidence" / "2026" / "b.pdf"
    later.write_bytes(b"uploaded after the backup")

    out = _run(["scripts/restore.sh", str(backup), "--yes"], env)
    assert "evidence files" in out
    assert evidence.read_bytes() == b"%PDF-1.4 the certificate"
    assert not later.exists()  # the files as they were at the backup, as the records are


def test_a_backup_without_evidence_files_is_the_database_alone(tmp_path: Path):
    db = tmp_path / "shuangshi.sqlite3"
    sqlite3.connect(db).close()
    env = _env(f"sqlite:///{db}", tmp_path)
    backup = Path(_run(["scripts/backup.sh"], env).strip())
    assert backup.is_file()
    assert not Path(f"{backup}.media.tar.gz").exists()
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "kept.pdf").write_bytes(b"x")
    _run(["scripts/restore.sh", str(backup), "--yes"], env)
    assert (tmp_path / "media" / "kept.pdf").exists()  # no archive: files left as they are

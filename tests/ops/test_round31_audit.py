"""Round 31 audit (DESIGN §7): the compose deployment keeps no state on a container's disk."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_compose_keeps_the_evidence_files_on_a_volume_not_in_the_web_container() -> None:
    """Evidence files (recognition) go to the default storage: var/media unless
    EVIDENCE_STORAGE=s3. In the image that is /app/var/media, inside the container: without a
    volume a `docker compose up` after a rebuild (or a second web container) loses them."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    web = compose["services"]["web"]
    s3 = str(web.get("environment", {}).get("EVIDENCE_STORAGE", "")).startswith("s3")
    mounts = [str(v).split(":")[1] for v in web.get("volumes", []) if ":" in str(v)]
    assert s3 or "/app/var/media" in mounts, mounts
    named = [str(v).split(":")[0] for v in web.get("volumes", [])]
    assert all(name in (compose.get("volumes") or {}) for name in named if "/" not in name)
    # The image's user can write there: the directory exists (a named volume takes its owner).
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "/app/var/media" in dockerfile

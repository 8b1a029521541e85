"""Compile the rule engine with mypyc into backend/.mypyc/ (``make native``).

The compiled module is found first on its package's path only while its stamp matches the
source (``shuangshi.native``): an edited engine.py runs as plain Python until this is run
again, so a stale build never answers. Needs mypy (the dev requirements) and a C compiler.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))
from shuangshi.native import COMPILED, STAMP, build_dir  # noqa: E402


def main() -> None:
    out = build_dir()
    shutil.rmtree(out, ignore_errors=True)
    stamps: dict[str, str] = {"abi": sysconfig.get_config_var("EXT_SUFFIX") or ""}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = []
        for module in COMPILED:
            rel = Path(*module.split(".")).with_suffix(".py")
            src = BACKEND / rel
            dst = work / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            for parent in rel.parents:  # the packages, empty: mypyc needs them to name the module
                if str(parent) != ".":
                    (work / parent / "__init__.py").touch()
            sources.append(str(rel))
            stamps[module] = hashlib.sha256(src.read_bytes()).hexdigest()
        env = {**os.environ, "MYPYC_OPT_LEVEL": os.environ.get("MYPYC_OPT_LEVEL", "3")}
        subprocess.run(
            [sys.executable, "-m", "mypyc", *sources],
            cwd=work,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for so in work.rglob("*.so"):
            if "build" in so.relative_to(work).parts:
                continue
            target = out / so.relative_to(work)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(so, target)
    (out / STAMP).write_text(json.dumps(stamps, indent=1))
    print(f"compiled {', '.join(COMPILED)} into {out}")


if __name__ == "__main__":
    main()

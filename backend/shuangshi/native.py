"""The rule engine compiled by mypyc, used when its build matches the source.

``scripts/compile_native.py`` (``make native``; the image builds it too) compiles the modules
named in COMPILED into ``backend/.mypyc/``, with a stamp of each source's sha256. A package
that holds one of them calls :func:`prefer_compiled` from its ``__init__``: while every stamp
matches the source beside it, the build directory goes first on the package's path, so the
import finds the extension; after any edit (or with SHUANGSHI_NATIVE=0, or no build, or
another Python) the plain source runs. Both are the same rules: the compiled one is the
source, translated to C (tests/test_native.py checks that they agree).
"""

from __future__ import annotations

import hashlib
import json
import os
import sysconfig
from pathlib import Path

COMPILED = ("shuangshi.qualification.engine",)
STAMP = "stamp.json"
_BACKEND = Path(__file__).resolve().parent.parent


def build_dir() -> Path:
    return Path(os.environ.get("SHUANGSHI_NATIVE_DIR", _BACKEND / ".mypyc"))


def prefer_compiled(path: list[str], package: str) -> bool:
    """Put the package's compiled modules first on its ``__path__`` when they are current."""
    if os.environ.get("SHUANGSHI_NATIVE", "1") == "0":
        return False
    mine = [m for m in COMPILED if m.rpartition(".")[0] == package]
    if not mine:
        return False
    try:
        stamps = json.loads((build_dir() / STAMP).read_text())
    except (OSError, ValueError):
        return False
    if stamps.get("abi") != sysconfig.get_config_var("EXT_SUFFIX"):
        return False
    for module in mine:
        src = _BACKEND / Path(*module.split(".")).with_suffix(".py")
        try:
            digest = hashlib.sha256(src.read_bytes()).hexdigest()
        except OSError:
            return False
        if stamps.get(module) != digest:
            return False
    path.insert(0, str(build_dir() / Path(*package.split("."))))
    return True


def is_compiled(module: object) -> bool:
    """Whether a module was loaded from a compiled extension."""
    return str(getattr(module, "__file__", "")).endswith(".so")

"""A one-line progress report for long commands."""

import sys
import time
from collections.abc import Callable
from typing import Any


def reporter(stream: Any = sys.stdout, label: str = "") -> Callable[..., None]:
    started = time.perf_counter()

    def report(*args: Any) -> None:
        if len(args) == 3:
            stage, done, total = args
        else:
            stage, (done, total) = label, args
        elapsed = time.perf_counter() - started
        rate = int(done) / elapsed if elapsed > 0 else 0.0
        pct = 100.0 * int(done) / int(total) if total else 100.0
        stream.write(f"\r{stage}: {done}/{total} ({pct:5.1f}%) {rate:,.0f}/s {elapsed:,.1f}s   ")
        stream.flush()
        if done == total:
            stream.write("\n")

    return report

"""Python's cyclic garbage collector, kept out of the way of bulk work (issue 11).

Bulk runs (evaluations, rebuilds, imports) allocate millions of small acyclic tuples and
dicts, which reference counting frees; the collector's full passes would walk the whole
heap again and again meanwhile (it once cost as much as the evaluation itself, and 0.8 s
of a 10,000-row import). Long-lived processes freeze what start-up built.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off inside (a decorator too), on again after if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_startup() -> None:
    """Call once start-up is done (the web workers, the jobs worker): what it built (modules,
    models, URL patterns, settings, the job registry) lives as long as the process, so it
    is moved out of the collector's full passes, which then scan only what work made
    (Python's documented use of gc.freeze for pre-fork servers)."""
    gc.collect()
    gc.freeze()

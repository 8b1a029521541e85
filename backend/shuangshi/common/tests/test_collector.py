"""The cyclic collector kept out of bulk work's way (shuangshi.common.collector)."""

import gc

import pytest

from shuangshi.common.collector import freeze_startup, gc_paused


def test_paused_inside_and_on_again_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_left_off_if_it_was_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_start_up_is_frozen_out_of_the_full_passes() -> None:
    before = gc.get_freeze_count()
    try:
        freeze_startup()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()  # later tests see the heap as it was

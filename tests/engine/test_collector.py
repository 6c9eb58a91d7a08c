"""While a document is linted, the garbage collector passes over only what the lint makes; the
objects set aside are always handed back, and a host's own frozen objects are left alone."""

from __future__ import annotations

import gc

import pytest

from medlint.engine import Linter, collector


def test_objects_alive_on_entry_are_set_aside_and_handed_back() -> None:
    assert gc.get_freeze_count() == 0
    with collector.settled():
        assert gc.get_freeze_count() > 0
        with collector.settled():  # nested: left as it is
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_handed_back_when_the_block_raises() -> None:
    with pytest.raises(ValueError), collector.settled():
        raise ValueError("boom")
    assert gc.get_freeze_count() == 0


def test_a_hosts_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.settled():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_linting_leaves_nothing_frozen(default_linter: Linter) -> None:
    outcome = default_linter.lint_text("# Aspirin\n\nThis miracle pill cures everything.\n", path="a.md")
    assert outcome.findings
    assert gc.get_freeze_count() == 0

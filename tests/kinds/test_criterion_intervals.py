"""The criterion kind's span index answers overlap questions as a scan of every span would."""

from __future__ import annotations

import random

from medlint.kinds.criterion import _Intervals


def test_overlap_by_bisection_matches_a_scan() -> None:
    rng = random.Random(1)
    for _ in range(2000):
        index = _Intervals()
        spans = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(0, 50)
            end = start + rng.randint(1, 10)
            index.add(3, start, end)
            spans.append((start, end))
        for _ in range(10):
            start = rng.randint(0, 60)
            end = start + rng.randint(1, 10)
            assert index.overlaps(3, start, end) == any(s < end and start < e for s, e in spans)
            assert not index.overlaps(4, start, end)

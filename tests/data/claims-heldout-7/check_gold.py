#!/usr/bin/env python3
"""Check this set's gold.jsonl against its articles/ (exit 1 on any error).

The checks are `scripts/check_claims_gold.py`'s, shared by the blind claims sets.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "scripts"))

from check_claims_gold import check  # noqa: E402

if __name__ == "__main__":
    sys.exit(check(HERE / "gold.jsonl", HERE / "articles"))

"""How many of the blind alternatives probes CMP004 reads as a human labeller did.

usage: python tests/data/alternatives-probes/score.py [--half read|held|all] [--show]

The scoring is `scripts/probes_score.py`'s, for the alternatives criterion.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "scripts"))

from probes_score import main  # noqa: E402

if __name__ == "__main__":
    main(["--probes", str(HERE), "--criterion", "alternatives", *sys.argv[1:]])

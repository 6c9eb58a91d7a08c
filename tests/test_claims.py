"""The claims pack on the seed article and on context cases we wrote ourselves.

Expected positions are derived from the input text (the phrase is located in the file), never
copied from medlint's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.config import Settings
from medlint.engine import Linter
from medlint.findings import Finding, Severity
from medlint.kinds.base import ParamError
from medlint.kinds.phrase import PhraseKind

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "back-injections.txt"


@pytest.fixture(scope="module")
def claims() -> Linter:
    return Linter(Settings(select=("CLM",)))


def lint(linter: Linter, text: str, fmt: str = "markdown") -> list[Finding]:
    return list(linter.lint_text(text, format=fmt).findings)


def codes(linter: Linter, text: str, fmt: str = "markdown") -> list[str]:
    return [f.code for f in lint(linter, text, fmt)]


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- the seed article ------------------------------------------------------------------------

SEED_PHRASES = [
    "Could Change Your Life Forever",
    "truly changing lives forever",
    "transformative",
    "beacon of hope",
    "new lease on life",
    "innovative approach",
    "dramatically improve",
    "many find substantial improvement after just one treatment",
    "suffering silently",
    "persistent agony",
]


@pytest.fixture(scope="module")
def seed(claims: Linter) -> tuple[str, list[Finding]]:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return text, list(claims.lint_text(text, path=str(SEED)).findings)


@pytest.mark.parametrize("phrase", SEED_PHRASES)
def test_seed_phrase_is_found_at_its_position(seed: tuple[str, list[Finding]], phrase: str) -> None:
    text, findings = seed
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} is not in the seed any more"
    end = start + len(phrase)
    line, col = line_col(text, start)
    end_line, end_col = line_col(text, end)
    covering = [f for f in findings if f.start_offset <= start and f.end_offset >= end]
    assert covering, f"no claims finding covers {phrase!r} at {line}:{col}"
    # The finding starts exactly where the phrase does and ends no earlier than it.
    assert any((f.line, f.column) == (line, col) and (f.end_line, f.end_column) >= (end_line, end_col)
               for f in covering), [(f.code, f.line, f.column, f.match) for f in covering]
    assert all(f.pack == "claims" for f in covering)


def test_seed_title_is_reported_as_a_clickbait_headline(seed: tuple[str, list[Finding]]) -> None:
    text, findings = seed
    title_end = text.index("\n")
    assert any(f.code == "CLM011" and f.end_offset <= title_end for f in findings)


def test_seed_risk_heading_and_paragraph_are_quiet(seed: tuple[str, list[Finding]]) -> None:
    text, findings = seed
    heading = text.index("Are There Risks?")
    paragraph_end = text.index("\n", text.index("While generally safe"))
    inside = [f for f in findings if f.end_offset > heading and f.start_offset < paragraph_end]
    assert inside == [], [(f.code, f.match) for f in inside]


def test_seed_intensifier_raises_severity(seed: tuple[str, list[Finding]]) -> None:
    text, findings = seed
    start = text.index("truly changing lives forever")
    hit = next(f for f in findings if f.start_offset == start)
    assert hit.severity == Severity.ERROR  # a warning rule bumped one level by "truly"


# -- negation and refutation -----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "There is no cure for tinnitus, but sound therapy can make it easier to live with.",
    "No treatment can guarantee that the pain will not come back.",
    "A steroid injection is not a miracle, and its effect wears off.",
    "Avoid products that promise a cure for arthritis.",
    "Be wary of any supplement advertised as a miracle.",
])
def test_negated_or_refuted_claims_are_quiet(claims: Linter, sentence: str) -> None:
    assert codes(claims, sentence) == []


def test_the_same_words_unnegated_fire(claims: Linter) -> None:
    assert "CLM001" in codes(claims, "This cream is a miracle for arthritis.")
    assert "CLM002" in codes(claims, "Our injection guarantees that the pain will not come back.")


# -- hedges ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The injection may help some people with sciatica for a few weeks.",
    "In a small trial, the patch reduced knee pain.",
    "Surgery usually cures the condition, although it can come back.",
    "A bone marrow transplant may offer a cure for some people.",
])
def test_hedged_wording_does_not_fire_certainty_rules(claims: Linter, sentence: str) -> None:
    assert not {"CLM001", "CLM006", "CLM007"} & set(codes(claims, sentence))


def test_unhedged_causal_claim_fires_with_hedged_suggestion(claims: Linter) -> None:
    found = [f for f in lint(claims, "This patch eliminates knee pain.") if f.code == "CLM007"]
    assert [f.match for f in found] == ["eliminates knee pain"]
    assert found[0].suggestion is not None and "may" in found[0].suggestion


# -- reported speech and quotes --------------------------------------------------------------

def test_challenged_reported_claim_is_quiet(claims: Linter) -> None:
    text = "Some clinics claim a cure for back pain, but there is no good evidence for it."
    assert "CLM001" not in codes(claims, text)


def test_endorsing_promoter_quote_still_counts(claims: Linter) -> None:
    text = '"Our new injection is a miracle for back pain," said the clinic\'s founder.'
    assert "CLM001" in codes(claims, text)


def test_first_person_outcome_quote_is_a_testimonial(claims: Linter) -> None:
    text = '"After two sessions my back pain was gone," said one patient.'
    found = [f for f in lint(claims, text) if f.code == "CLM010"]
    assert [f.match for f in found] == ["my back pain was gone"]


# -- medical terms that contain trigger words ------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Breakthrough pain is a sudden flare of pain between doses of a regular painkiller.",
    "Magic Mouthwash is a mixed preparation for painful mouth ulcers.",
    "The cure rate was 92% in a trial of 400 children (Okafor 2018).",
    "Limit cured meats such as bacon and salami.",
    "Heart disease is a leading cause of death.",
    "Minimally invasive surgery is done through small cuts.",
])
def test_medical_terms_are_not_claims(claims: Linter, sentence: str) -> None:
    assert codes(claims, sentence) == []


# -- evidence, safety, vagueness -------------------------------------------------------------

def test_evidence_claim_needs_a_source_in_the_paragraph(claims: Linter) -> None:
    assert "CLM006" in codes(claims, "Our balm is clinically proven to ease joint pain.")
    cited = "Our balm is clinically proven to ease joint pain ([trial](https://example.org/trial))."
    assert "CLM006" not in codes(claims, cited)
    assert "CLM006" not in codes(claims, "Studies show [2] that the balm eases joint pain.")


def test_generally_safe_with_named_risks_is_quiet_but_alone_is_info(claims: Linter) -> None:
    named = "The procedure is generally safe, but risks include infection and bleeding."
    assert "CLM005" not in codes(claims, named)
    alone = [f for f in lint(claims, "The procedure is generally safe.") if f.code == "CLM005"]
    assert [f.severity for f in alone] == [Severity.INFO]
    strong = [f for f in lint(claims, "The procedure is completely safe.") if f.code == "CLM005"]
    assert [f.severity for f in strong] == [Severity.WARNING]


def test_vague_benefit_is_quiet_when_a_number_backs_it(claims: Linter) -> None:
    assert "CLM008" in codes(claims, "Many patients notice significant relief.")
    assert "CLM008" not in codes(claims, "In the trial, 30% of patients noticed significant relief.")


def test_fear_language_fires(claims: Linter) -> None:
    for text, phrase in [("Millions suffer with knee pain.", "Millions suffer"),
                         ("Too many people are suffering silently.", "suffering silently"),
                         ("Our patch ends the persistent agony of sciatica.", "persistent agony")]:
        assert [f.match for f in lint(claims, text) if f.code == "CLM009"] == [phrase]
    assert "CLM009" not in codes(claims, "About 1 in 10 adults has knee pain.")


# -- headings versus body --------------------------------------------------------------------

def test_clickbait_reads_only_titles_and_headings(claims: Linter) -> None:
    heading = "# Guide\n\n## This Tea Could Change Your Life\n\nText about tea."
    assert "CLM011" in codes(claims, heading)
    body = "# Guide\n\nThis tea could change your life."
    found = codes(claims, body)
    assert "CLM011" not in found and "CLM003" in found


# -- mild words, stacking and limits ---------------------------------------------------------

def test_one_mild_word_is_info(claims: Linter) -> None:
    found = [f for f in lint(claims, "It is a promising treatment for migraine.") if f.code == "CLM004"]
    assert [f.severity for f in found] == [Severity.INFO]


def test_intensifier_bumps_severity(claims: Linter) -> None:
    plain = [f for f in lint(claims, "The therapy is transformative.") if f.code == "CLM003"]
    stacked = [f for f in lint(claims, "The therapy is truly transformative.") if f.code == "CLM003"]
    assert plain[0].severity == Severity.WARNING
    assert stacked[0].severity == Severity.ERROR
    assert stacked[0].match == "truly transformative"


def test_per_document_limit_stops_flooding(claims: Linter) -> None:
    text = "\n\n".join(f"Miracle number {i} is here." for i in range(12))
    found = [f for f in lint(claims, text) if f.code == "CLM001"]
    rule = next(r for r in claims.rules if r.code == "CLM001")
    assert rule.limit is not None and len(found) == rule.limit < 12


# -- the phrase kind's parameters ------------------------------------------------------------

def test_unless_param_silences_a_sentence(tmp_path: Path) -> None:
    kind = PhraseKind({"terms": ["wonder"], "unless": [r"\d"]}, tmp_path)
    assert kind.params["unless"][0].search("3 people")


def test_entry_overrides_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ParamError) as err:
        PhraseKind({"patterns": [{"pattern": "cure", "citation": "nearby"}]}, tmp_path)
    assert err.value.key == "patterns"
    with pytest.raises(ParamError):
        PhraseKind({"terms": [{"term": "cure", "hedges": "yes"}]}, tmp_path)

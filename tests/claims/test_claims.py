"""The claims pack on the seed article and on context cases we wrote ourselves.

Expected positions are derived from the input text (the phrase is located in the file), never
copied from medlint's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from medlint.config import Settings
from medlint.engine import Linter
from medlint.findings import Finding, Severity
from medlint.kinds.base import ParamError
from medlint.kinds.phrase import PhraseKind


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
    # "many find substantial improvement after just one treatment" names no outcome: the
    # claim analysis does not read it as a claim (a known miss, see docs/claims.md).
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
    # The sentence that holds the phrase (the claim analysis points at the words that make the
    # claim, which may be a neighbour of the phrase in the same sentence).
    sent_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    sent_end = min(ends) if ends else len(text)
    covering = [f for f in findings if f.start_offset < sent_end and f.end_offset > sent_start]
    assert covering, f"no claims finding in the sentence of {phrase!r}"
    for f in covering:
        # Exact positions: the match is the source text at the finding's offsets and line/column.
        assert f.match == text[f.start_offset : f.end_offset]
        assert (f.line, f.column) == line_col(text, f.start_offset)
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


# -- negation and refutation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no cure for tinnitus, but sound therapy can make it easier to live with.",
        "No treatment can guarantee that the pain will not come back.",
        "A steroid injection is not a miracle, and its effect wears off.",
        "Avoid products that promise a cure for arthritis.",
        "Be wary of any supplement advertised as a miracle.",
    ],
)
def test_negated_or_refuted_claims_are_quiet(claims: Linter, sentence: str) -> None:
    assert codes(claims, sentence) == []


def test_the_same_words_unnegated_fire(claims: Linter) -> None:
    assert "CLM001" in codes(claims, "This cream is a miracle for arthritis.")
    assert "CLM002" in codes(claims, "Our injection guarantees that the pain will not come back.")


# -- hedges ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The injection may help some people with sciatica for a few weeks.",
        "In a small trial, the patch reduced knee pain.",
        "Surgery usually cures the condition, although it can come back.",
        "A bone marrow transplant may offer a cure for some people.",
    ],
)
def test_hedged_wording_does_not_fire_certainty_rules(claims: Linter, sentence: str) -> None:
    assert not {"CLM001", "CLM006", "CLM007"} & set(codes(claims, sentence))


def test_unhedged_direct_effect_is_a_cure_claim(claims: Linter) -> None:
    found = [f for f in lint(claims, "This patch eliminates knee pain.") if f.code == "CLM013"]
    assert [f.match for f in found] == ["eliminates knee pain"]


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
    assert len(found) == 1 and text.index("After") <= found[0].start_offset < text.index(",")


# -- medical terms that contain trigger words ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Breakthrough pain is a sudden flare of pain between doses of a regular painkiller.",
        "Magic Mouthwash is a mixed preparation for painful mouth ulcers.",
        "The cure rate was 92% in a trial of 400 children (Okafor 2018).",
        "Limit cured meats such as bacon and salami.",
        "Heart disease is a leading cause of death.",
        "Minimally invasive surgery is done through small cuts.",
    ],
)
def test_medical_terms_are_not_claims(claims: Linter, sentence: str) -> None:
    assert codes(claims, sentence) == []


# -- evidence, safety, vagueness -------------------------------------------------------------


def test_evidence_claim_needs_a_source_in_the_paragraph(claims: Linter) -> None:
    assert "CLM006" in codes(claims, "Our balm is clinically proven to ease joint pain.")
    cited = "Our balm is clinically proven to ease joint pain ([trial](https://example.org/trial))."
    assert "CLM006" not in codes(claims, cited)
    assert "CLM006" not in codes(claims, "Studies show [2] that the balm eases joint pain.")


def test_safe_with_named_risks_is_quiet_but_alone_is_a_claim(claims: Linter) -> None:
    named = "The procedure is generally safe, but risks include infection and bleeding."
    assert "CLM005" not in codes(claims, named)
    assert "CLM005" in codes(claims, "The procedure is generally safe.")
    strong = [f for f in lint(claims, "The procedure is completely safe.") if f.code == "CLM005"]
    assert [f.severity for f in strong] == [Severity.WARNING]


def test_vague_benefit_is_quiet_when_a_number_backs_it(claims: Linter) -> None:
    assert "CLM008" in codes(claims, "Many patients notice significant relief from back pain.")
    assert "CLM008" not in codes(claims, "In the trial, 30% of patients noticed significant relief from back pain.")


def test_fear_language_fires(claims: Linter) -> None:
    for text in [
        "Millions suffer with knee pain.",
        "Too many people are suffering in silence with back pain.",
        "Our patch ends the agony of sciatica.",
    ]:
        assert "CLM009" in codes(claims, text), text
    assert "CLM009" not in codes(claims, "About 1 in 10 adults has knee pain.")


# -- headings versus body --------------------------------------------------------------------


def test_clickbait_reads_only_titles_and_headings(claims: Linter) -> None:
    heading = "# Guide\n\n## This Tea Could Change Your Life\n\nText about tea."
    assert "CLM011" in codes(claims, heading)
    body = "# Guide\n\nThis tea could change your life."
    found = codes(claims, body)
    assert "CLM011" not in found and "CLM001" in found


# -- mild words, stacking and limits ---------------------------------------------------------


def test_per_document_limit_stops_flooding(claims: Linter) -> None:
    rule = next(r for r in claims.rules if r.code == "CLM001")
    assert rule.limit is not None
    text = "\n\n".join(f"Miracle number {i} is here." for i in range(rule.limit + 5))
    found = [f for f in lint(claims, text) if f.code == "CLM001"]
    assert len(found) == rule.limit


# -- the phrase kind's parameters ------------------------------------------------------------


def test_unless_param_silences_a_sentence(tmp_path: Path) -> None:
    kind = PhraseKind({"terms": ["wonder"], "unless": [r"\d"]}, tmp_path)
    assert kind.p.unless[0].search("3 people")


def test_entry_overrides_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ParamError) as err:
        PhraseKind({"patterns": [{"pattern": "cure", "citation": "nearby"}]}, tmp_path)
    assert err.value.key == "patterns"
    with pytest.raises(ParamError):
        PhraseKind({"terms": [{"term": "cure", "hedges": "yes"}]}, tmp_path)


# -- proportion, ceilings, studies credited with a cause ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Our beet shots may help protect you against dementia.",
        "Our green blend could help prevent heart disease.",
    ],
)
def test_a_hedge_does_not_make_a_serious_disease_promise_proportionate(claims: Linter, sentence: str) -> None:
    assert "CLM008" in codes(claims, sentence + "\n")


def test_a_hedged_promise_about_a_minor_complaint_stays_quiet(claims: Linter) -> None:
    assert "CLM008" not in codes(claims, "Our tea may help some people relax in the evening.\n")


def test_an_up_to_figure_is_not_a_quantified_benefit(claims: Linter) -> None:
    assert "CLM008" in codes(claims, "Our programme helps you lose up to 20% of your body weight.\n")
    assert "CLM008" not in codes(claims, "Our programme helped 41 of 100 people lose weight.\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "Eating walnuts cuts the risk of bowel cancer, a new study finds.",
        "A new study suggests that green tea could protect you from stroke.",
    ],
)
def test_a_cause_credited_to_a_study_is_a_causal_claim(claims: Linter, sentence: str) -> None:
    assert "CLM007" in codes(claims, sentence + "\n")


def test_an_association_credited_to_a_study_is_quiet(claims: Linter) -> None:
    text = "A new study finds that people who ate walnuts were less likely to develop bowel cancer.\n"
    assert "CLM007" not in codes(claims, text)


def test_no_serious_side_effects_is_safety_minimising(claims: Linter) -> None:
    assert "CLM005" in codes(claims, "In thousands of our treatments we have seen no serious side effects.\n")


def test_a_claim_in_the_html_title_is_found_at_its_position(claims: Linter) -> None:
    text = (
        "<html><head><title>Our Drops Cure Dry Eye Forever | Clearview</title></head>\n"
        "<body><h1>Clearview eye drops</h1>\n<p>Use two drops a day.</p></body></html>\n"
    )
    found = [f for f in lint(claims, text, "html") if f.code in ("CLM002", "CLM013")]
    assert found
    assert all(f.line == 1 for f in found)
    assert {text[f.start_offset : f.end_offset] for f in found} <= {
        "Cure",
        "Cure Dry Eye",
        "Forever",
        "Cure Dry Eye Forever",
    }


def test_how_a_condition_is_treated_in_the_passive_is_practice_not_a_promise(claims: Linter) -> None:
    selling = "Book your consultation at our clinic today. "
    assert "CLM008" not in codes(claims, selling + "Anxiety has traditionally been treated with talk therapy.\n")
    assert "CLM008" in codes(claims, selling + "Anxiety can be treated quickly with our infusions.\n")


def test_a_signed_review_is_reported_at_its_words_not_its_signature(claims: Linter) -> None:
    text = '"My blood pressure came down within a fortnight." – Sunita K., verified buyer\n'
    found = [f for f in lint(claims, text) if f.code == "CLM010"]
    assert len(found) == 1
    assert "blood pressure" in text[found[0].start_offset : found[0].end_offset]


def test_a_past_result_a_few_words_back_is_a_report_not_a_cause(claims: Linter) -> None:
    text = (
        "Researchers followed 180,000 adults for ten years in a new study.\n\n"
        "Those who drank coffee had a 12 percent lower risk of dying during the study.\n"
    )
    assert "CLM007" not in codes(claims, text)


@pytest.mark.parametrize(
    "text",
    [
        '"I was skeptical at first, but my migraines went from weekly to monthly." – Dana, 38\n',
        "**Great for the whole family**\n\nThe kids settle faster at bedtime and my husband has stopped snoring.\n",
    ],
)
def test_what_changed_for_a_reviewer_is_a_testimonial(claims: Linter, text: str) -> None:
    assert "CLM010" in codes(claims, text)


def test_a_lexicon_without_its_word_sets_is_refused_by_name(tmp_path: Path) -> None:
    from medlint.claims.lexicon import LexiconError, load_lexicon

    path = tmp_path / "lexicon.yml"
    path.write_text("effects:\n  cure: [cure]\ncues: {}\nword-sets:\n  more-words: [more]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"word-sets: expected a mapping with .*question-openers"):
        load_lexicon(path)


PLAIN_STATIN_PAGE = (
    "# Statins\n\n"
    "Statins are medicines that lower the amount of cholesterol in your blood. Your doctor may offer "
    "you a statin if you have had a heart attack or a stroke, or if your risk of having one in the "
    "next ten years is high. You usually take a statin once a day, and you may need to take it for "
    "the rest of your life.\n\n"
    "## Side effects\n\n"
    "Some people have no side effects at all. Others get muscle aches, headaches or feel sick. Tell "
    "your doctor if you get muscle pain or weakness that you cannot explain, because it can rarely "
    "be a sign of muscle damage. Changing the dose or trying a different statin often helps, and "
    "your doctor can check your liver with a blood test before you start and again after three months.\n"
)


def test_a_share_of_people_spared_a_harm_is_no_reassurance_in_plain_writing(claims: Linter) -> None:
    assert "CLM005" not in codes(claims, PLAIN_STATIN_PAGE)
    # "Most people" is a share too, though the lexicon hides it from the restrictor cues.
    most = PLAIN_STATIN_PAGE.replace(
        "Some people have no side effects at all.", "Most people who take statins have no side effects."
    )
    assert "CLM005" not in codes(claims, most)
    # A share of time or chance is not: "usually completely safe" still reassures.
    usually = PLAIN_STATIN_PAGE.replace(
        "Some people have no side effects at all.", "Statins are usually completely safe."
    )
    assert "CLM005" in codes(claims, usually)
    # Selling copy that says the same is reassuring its buyers.
    selling = PLAIN_STATIN_PAGE.replace("Your doctor may offer", "Order online today: our clinic may offer")
    selling = selling.replace("# Statins", "# Our statin clinic: book your consultation today")
    assert "CLM005" in codes(claims, selling)


def test_a_bare_may_counts_against_a_benefit_only_in_copy_that_sells(claims: Linter) -> None:
    # A short note is read as selling only for want of context: its "may" stays proportionate.
    note = "# Knee pain\n\nRest for a week. Ice and simple painkillers may ease the pain."
    assert "CLM008" not in codes(claims, note)
    # The same words on a page that sells are a bare promise.
    shop = "# Knee pain\n\nOur knee gel may ease the pain. Order now: $29 a tube, free shipping."
    assert "CLM008" in codes(claims, shop)


def test_a_discount_code_marks_a_blog_as_selling(claims: Linter) -> None:
    # Long enough (over 120 words) to be judged as a page, not as a snippet.
    story = (
        "Hi friends! I get asked about my evening routine all the time, so here it is. "
        "Two years ago I was bloated by lunchtime every day and my periods were heavy. "
        "My GP ran some blood tests and said everything was normal. "
        "A castor oil pack soothes period cramps and helps you sleep. "
        "It calms an unsettled gut and supports your liver. "
        "Within a month my bloating had gone down, and I sleep through the night now. "
        "You will need cold-pressed castor oil, a cotton flannel, an old towel and a hot water bottle. "
        "Soak the flannel, lie down on the towel, place the flannel on your tummy and relax for an hour. "
        "Wipe off the oil with a warm cloth afterwards, and keep the flannel in a jar in the fridge. "
        "I do mine four nights a week, and I read or listen to a podcast while it works."
    )
    code = " I use Rose Organics oil, and my code ELLIE10 gets you 10% off."
    assert "CLM008" not in codes(claims, f"# My castor oil ritual\n\n{story}\n")
    assert "CLM008" in codes(claims, f"# My castor oil ritual\n\n{story}{code}\n")

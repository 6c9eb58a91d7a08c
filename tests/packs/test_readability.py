"""The readability pack: prose extraction, grades that agree with textstat, and each rule.

Every text here is written for these tests. Expected counts and positions come from the
texts (counted by hand or located with str.index in the test), not from running medlint.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import SEED

from medlint.analysis.readability import count_words, document_prose, section_prose, textstat
from medlint.config import Settings
from medlint.engine import FileOutcome, Linter
from medlint.findings import Finding, Severity
from medlint.parse import parse_document

# -- helpers ----------------------------------------------------------------------------------


def _linter(*codes: str, audience: str = "patient", **rules: dict[str, object]) -> Linter:
    return Linter(Settings(select=codes, audience=audience, rules=rules))


def _lint(linter: Linter, text: str, path: str = "article.md") -> FileOutcome:
    return linter.lint_text(text, path=path)


def _codes(outcome: FileOutcome, code: str) -> list[Finding]:
    return [f for f in outcome.findings if f.code == code]


def _doc(text: str, linter: Linter) -> object:
    doc, _ = parse_document(text, path="article.md", fmt="markdown")
    assert linter.pipeline is not None
    linter.pipeline.add_sentences(doc.blocks)
    return doc


SENTENCE_LINTER = Linter(Settings(select=("RDB003",)))

# -- prose extraction -------------------------------------------------------------------------

EXTRACTION = """# Title words that are not prose

Dr. Patel gives about 2.5 ml of the syrup each day. See https://example.org/a.b.c for more.

## A heading

Signs to look for:

- redness
- a hot or swollen area of skin
- You may also have a fever.

Email clinic@example.org with questions today. Type `x.y()` to see it.

Key points

| cell | text of a table cell |
|---|---|
| one | two |
"""

# By hand, from the rules in medlint.analysis.readability: headings and the title out; "Dr." and
# "2.5" lose their inner full stops; the URL and the e-mail address go; the lead-in line
# ending in ":" counts; list fragments go but the full-sentence item stays; the short
# unterminated "Key points" goes; table cells go; inline code was never prose, so its dots
# do not split "Type ... to see it.".
EXPECTED_PROSE = (
    "Dr Patel gives about 25 ml of the syrup each day. "
    "See for more. "
    "Signs to look for. "
    "You may also have a fever. "
    "Email with questions today. "
    "Type to see it."
)


def test_prose_extraction_drops_headings_lists_urls_and_inner_stops() -> None:
    doc = _doc(EXTRACTION, SENTENCE_LINTER)
    prose = document_prose(doc)  # type: ignore[arg-type]
    assert prose.text == EXPECTED_PROSE
    # "See for more." has three words and stays; one- and two-word sentences would be dropped.
    assert prose.words == 11 + 3 + 4 + 6 + 4 + 4


def test_section_prose_is_the_sections_own_blocks() -> None:
    doc = _doc(EXTRACTION, SENTENCE_LINTER)
    # Section 0 is the title's (its paragraph only); section 1 is "A heading".
    assert section_prose(doc, 0).text == "Dr Patel gives about 25 ml of the syrup each day. See for more."  # type: ignore[arg-type]
    assert section_prose(doc, 1).text.startswith("Signs to look for. You may also have a fever.")  # type: ignore[arg-type]


def test_short_sentences_are_dropped() -> None:
    doc = _doc("Call 999. Go now. Then wait for the ambulance to arrive.\n", SENTENCE_LINTER)
    assert document_prose(doc).text == "Then wait for the ambulance to arrive."  # type: ignore[arg-type]


def test_count_words_ignores_punctuation_tokens() -> None:
    assert count_words("Rest – then ice, then rest again .") == 6


# -- grades agree with textstat ---------------------------------------------------------------

HARD_SENTENCES = [
    "Comprehensive management of chronic musculoskeletal conditions necessitates coordinated "
    "multidisciplinary involvement.",
    "Pharmacological interventions, including nonsteroidal medications, frequently generate "
    "gastrointestinal complications.",
    "Physiotherapeutic rehabilitation emphasises progressive strengthening, flexibility and functional restoration.",
    "Psychological approaches address catastrophic interpretation of persistent discomfort.",
    "Individuals experiencing deteriorating mobility should request specialist reassessment.",
    "Occupational adaptations facilitate continued employment despite considerable limitations.",
    "Educational programmes encourage individuals to understand fluctuating symptomatology.",
    "Community organisations provide additional emotional encouragement and practical information.",
]

TIPS_SENTENCES = [
    "Walk a little every day.",
    "Rest when you need to.",
    "Ask your doctor about pain relief.",
    "Keep a diary of good and bad days.",
    "Tell your family how you feel.",
    "Find a hobby you enjoy.",
    "Sleep at the same time each night.",
    "Eat fruit and vegetables every day.",
]

EASY_SENTENCES = [
    "Rest your ankle for the first two days.",
    "Put ice on it for twenty minutes at a time.",
    "Wrap it in a towel first so the ice does not hurt your skin.",
    "Keep your foot up on a pillow when you sit or lie down.",
    "This helps the swelling go down.",
    "You can take painkillers if you need them.",
    "Start to walk on it again when you can.",
    "Do gentle ankle circles to keep it moving.",
    "Most sprains get better in a few weeks.",
    "See a doctor if you cannot stand on it at all.",
    "Go back if it is not getting better after a week.",
]


def _markdown(title: str, *sections: tuple[str | None, list[str]]) -> str:
    out = [f"# {title}", ""]
    for heading, sentences in sections:
        if heading:
            out += [f"## {heading}", ""]
        out += [textwrap.fill(" ".join(sentences), 100), ""]
    return "\n".join(out)


HARD = _markdown("Managing long-term conditions", (None, HARD_SENTENCES), ("Everyday tips", TIPS_SENTENCES))
EASY = _markdown("Looking after a sprained ankle", (None, EASY_SENTENCES))


def _reported(message: str) -> float:
    m = re.search(r"(?:grade|ease|index) (-?\d+(?:\.\d+)?)", message)
    assert m, message
    return float(m.group(1))


@pytest.mark.parametrize("metric", ["flesch-kincaid", "smog", "flesch-reading-ease", "gunning-fog"])
def test_document_grade_agrees_with_textstat(metric: str) -> None:
    # A target every text fails, so the message carries the figure; the report's grade too.
    target = -100 if metric != "flesch-reading-ease" else 200
    linter = _linter("RDB001", RDB001={"metric": metric, "target": target, "fallback": "none"})
    for text in (HARD, EASY):
        doc = _doc(text, linter)
        prose = document_prose(doc)  # type: ignore[arg-type]
        function = {
            "flesch-kincaid": "flesch_kincaid_grade",
            "smog": "smog_index",
            "flesch-reading-ease": "flesch_reading_ease",
            "gunning-fog": "gunning_fog",
        }[metric]
        expected = round(getattr(textstat(), function)(prose.text), 1)
        outcome = _lint(linter, text)
        if metric == "smog" and len(prose.sentences) < 10:
            assert "too short to score with SMOG" in outcome.findings[0].message
            continue
        (finding,) = _codes(outcome, "RDB001")
        assert _reported(finding.message) == pytest.approx(expected, abs=0.05)
        assert outcome.file is not None
        whole = [g for g in outcome.file.grades if g.heading is None]
        assert whole[0].value == expected and whole[0].metric == metric


def test_extracted_prose_by_hand_agrees_with_textstat() -> None:
    # The document grade of EXTRACTION-like text is textstat on the prose written out by hand.
    text = EXTRACTION + "\n" + textwrap.fill(" ".join(EASY_SENTENCES), 100) + "\n"
    linter = _linter("RDB001", RDB001={"target": -100, "min_words": 10})
    (finding,) = _codes(_lint(linter, text), "RDB001")
    expected = round(textstat().flesch_kincaid_grade(EXPECTED_PROSE + " " + " ".join(EASY_SENTENCES)), 1)
    assert _reported(finding.message) == expected


# Words textstat treats differently: contractions and possessives (straight and curly),
# hyphens, numbers, an underscore, quotes and brackets at a sentence's start, words missing
# from the pronouncing dictionary (so syllables come from hyphenation), a three-word sentence.
AWKWARD = """# Odd words for counting

Patients' knees don't bend well after surgery, and 'mostly' they improve over time.
Quadriceps-strengthening exercises help 85 per cent of people within 6 weeks. We'll check the
wound_site twice.

(Gentle) walking every day keeps the new joint moving well.

"Rest it well," the physiotherapist said after the operation on Monday.

## Recovery notes

The surgeon’s team isn’t available on Sundays. Arthroscopic débridement reduces inflammation.
Try it today. Pharmacovigilance teams monitor immunomodulatory biologics' long-term safety profiles.

### Medication

Nonsteroidal anti-inflammatories can irritate the stomach lining. Take them with food, they'd say.
Paracetamol is gentler on the stomach than ibuprofen for most people.
"""


def test_grades_from_counts_equal_textstat_on_the_joined_text() -> None:
    # The grade rules add up per-section counts instead of scoring each text from scratch;
    # every figure must still be exactly what textstat gives for the same prose.
    from medlint.analysis.readability import NO_COUNTS, prose_by_section, prose_counts, score

    ts = textstat()
    linter = _linter(
        "RDB001", "RDB002", RDB001={"min_words": 10, "target": -100}, RDB002={"min_words": 10, "target": -100}
    )
    for text in (AWKWARD, HARD, EASY, EXTRACTION):
        doc = _doc(text, linter)
        whole = document_prose(doc)  # type: ignore[arg-type]
        sections = prose_by_section(doc, whole)  # type: ignore[arg-type]
        parts = [s for p in sections.values() for s in p.sentences]
        assert sorted(parts, key=lambda s: (s.block, s.start)) == list(whole.sentences)
        total = NO_COUNTS
        for prose in sections.values():
            total += prose_counts(prose)
        for prose, counts in [(whole, total)] + [(p, prose_counts(p)) for p in sections.values()]:
            joined = prose.text
            assert (counts.sentences, counts.words, counts.syllables) == (
                ts.sentence_count(joined),
                ts.lexicon_count(joined),
                ts.syllable_count(joined),
            ), joined
            assert score("flesch-kincaid", prose, counts) == ts.flesch_kincaid_grade(joined)
            assert score("flesch-reading-ease", prose, counts) == ts.flesch_reading_ease(joined)
        # And what the rules report is textstat on each section's text and the document's.
        outcome = _lint(linter, text)
        assert outcome.file is not None
        graded = [g for g in outcome.file.grades if g.value is not None]
        assert graded and graded[0].heading is None
        assert graded[0].value == round(ts.flesch_kincaid_grade(whole.text), 1)
        by_heading = {doc.blocks[sec.heading].text: i for i, sec in enumerate(doc.sections)}  # type: ignore[attr-defined]
        for g in graded[1:]:
            assert g.value == round(ts.flesch_kincaid_grade(sections[by_heading[g.heading]].text), 1)


def test_awkward_text_exercises_the_cases_it_is_for() -> None:
    ts = textstat()
    doc = _doc(AWKWARD, _linter("RDB001"))
    joined = document_prose(doc).text  # type: ignore[arg-type]
    for kept in (
        "Patients' knees don't",
        "'mostly'",
        "85 per cent",
        "We'll",
        "wound_site",
        "(Gentle) walking",
        '"Rest it well," the',
        "surgeon’s team isn’t",
        "Try it today.",
        "biologics' long-term",
        "they'd",
    ):
        assert kept in joined, kept
    lookup = textstat_cmudict()
    missing = [w for w in ("pharmacovigilance", "immunomodulatory", "débridement") if w not in lookup]
    assert missing  # so hyphenation really takes part in the syllable count
    assert ts.syllable_count("pharmacovigilance") > 1


def textstat_cmudict() -> object:
    from medlint.analysis.readability import pronunciations

    return pronunciations()


def test_hard_text_fails_and_easy_text_passes_with_defaults() -> None:
    linter = _linter("RDB001")
    (finding,) = _codes(_lint(linter, HARD), "RDB001")
    assert "Flesch-Kincaid grade" in finding.message and "above the target of 8 for patient readers" in finding.message
    assert finding.scope == "document"
    # The hardest sentences are quoted by their start; both come from the first section.
    assert (
        "“Comprehensive management of chronic musculoskeletal conditions" in finding.message
        or "“Pharmacological interventions" in finding.message
    )
    assert not _codes(_lint(linter, EASY), "RDB001")


def test_a_grade_just_past_the_target_is_information() -> None:
    # The grade of HARD, from the report (checked against textstat above); then targets half a
    # grade and two grades below it.
    outcome = _lint(_linter("RDB001", RDB001={"target": -100}), HARD)
    assert outcome.file is not None
    grade = next(g.value for g in outcome.file.grades if g.heading is None)
    assert grade is not None
    (close,) = _codes(_lint(_linter("RDB001", RDB001={"target": grade - 0.5}), HARD), "RDB001")
    assert close.severity is Severity.INFO
    (far,) = _codes(_lint(_linter("RDB001", RDB001={"target": grade - 2}), HARD), "RDB001")
    assert far.severity is Severity.WARNING
    (strict,) = _codes(_lint(_linter("RDB001", RDB001={"target": grade - 0.5, "margin": 0}), HARD), "RDB001")
    assert strict.severity is Severity.WARNING


def test_short_text_is_not_graded_and_smog_says_too_short() -> None:
    assert not _lint(_linter("RDB001"), "# A note\n\nRest your ankle. Use ice.\n").findings
    nine = _markdown("Ankle", (None, EASY_SENTENCES[:9]))  # 84 words
    linter = _linter("RDB001", RDB001={"metric": "smog", "fallback": "none", "min_words": 50})
    (finding,) = _codes(_lint(linter, nine), "RDB001")
    assert "too short to score with SMOG: 9 sentences, it needs 10" in finding.message
    assert finding.severity.label == "info"
    # With the default fallback, a short text is scored with Flesch-Kincaid and says so.
    first_section = HARD.split("## Everyday tips")[0]  # 8 hard sentences
    linter = _linter("RDB001", RDB001={"metric": "smog", "min_words": 50})
    (finding,) = _codes(_lint(linter, first_section), "RDB001")
    assert "(too short to score with SMOG: 8 sentences, it needs 10, so scored with Flesch-Kincaid)" in finding.message
    assert "above the target of 8" in finding.message


def test_audience_sets_the_target() -> None:
    doc_text = HARD
    assert _codes(_lint(_linter("RDB001", audience="general"), doc_text), "RDB001")
    assert not _codes(_lint(_linter("RDB001", audience="professional"), doc_text), "RDB001")
    # An explicit target grades professional texts too.
    assert _codes(_lint(_linter("RDB001", audience="professional", RDB001={"target": 12}), doc_text), "RDB001")


def test_section_findings_point_at_the_heading_and_grades_have_lines() -> None:
    linter = _linter("RDB002", RDB002={"min_words": 20})
    outcome = _lint(linter, HARD)
    (finding,) = _codes(outcome, "RDB002")
    assert finding.line == 1 and finding.match == "Managing long-term conditions"
    assert outcome.file is not None
    by_heading = {g.heading: g for g in outcome.file.grades}
    assert by_heading["Everyday tips"].line == HARD.splitlines().index("## Everyday tips") + 1
    assert by_heading["Everyday tips"].value is not None and by_heading["Everyday tips"].value < 8


# -- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[str, FileOutcome]:
    if not SEED.exists():
        pytest.skip("seed article not present (../shared/seed)")
    source = SEED.read_text(encoding="utf-8")
    return source, Linter(Settings(select=("RDB",))).lint_text(source, path=str(SEED))


def test_seed_document_grade(seed: tuple[str, FileOutcome]) -> None:
    _, outcome = seed
    (finding,) = _codes(outcome, "RDB001")
    assert re.search(r"Flesch-Kincaid grade 1[4-9]\.\d is above the target of 8", finding.message)
    assert "Hardest sentences: “" in finding.message


def test_seed_hardest_sections(seed: tuple[str, FileOutcome]) -> None:
    source, outcome = seed
    headings = {f.match for f in _codes(outcome, "RDB002")}
    # The procedure and risks sections are the densest (long sentences, long words).
    assert {"What To Expect During Treatment", "Are There Risks? Considerations Before Getting Injected"} <= headings
    for f in _codes(outcome, "RDB002"):
        assert source.splitlines()[f.line - 1] == f.match


def test_seed_long_sentences_at_exact_positions(seed: tuple[str, FileOutcome]) -> None:
    source, outcome = seed
    first = (
        "Back pain is a debilitating condition that affects millions of people worldwide, often "
        "hindering their ability to perform daily activities and diminishing their quality of life."
    )
    start = source.index(first)
    found = {(f.start_offset, f.end_offset): f for f in _codes(outcome, "RDB003")}
    assert (start, start + len(first)) in found
    assert "26 words" in found[(start, start + len(first))].message
    procedure = source.index("The procedure typically involves")
    end = source.index("ultrasound visualization.") + len("ultrasound visualization.")
    assert (procedure, end) in found
    # 30 words: under `very_long` (40), so info.
    assert found[(procedure, end)].severity.label == "info"


def test_seed_jargon_with_suggestions(seed: tuple[str, FileOutcome]) -> None:
    _, outcome = seed
    jargon = {f.match: f for f in _codes(outcome, "RDB006")}
    assert jargon["corticosteroids"].suggestion == "steroid medicine"
    assert jargon["epidural"].suggestion
    # "inflammation" -> "swelling" changed the meaning (issue 11): no longer suggested.
    assert "inflammation" not in jargon
    assert jargon["stenosis"].suggestion == "narrowing"
    # The seed explains "fluoroscopic" in brackets, "(X-ray)": fine at first use. "anesthetics"
    # is not in the list (NHS pages use "anaesthetic" freely; see lists/README.md).
    assert "fluoroscopic" not in jargon and "anesthetics" not in jargon


def test_explained_in_brackets_is_fine_with_an_inline_term(seed: tuple[str, FileOutcome]) -> None:
    source, _ = seed
    linter = _linter(
        "RDB006",
        RDB006={
            "terms": [
                {"term": "fluoroscopic", "plain": "live X-ray"},
                {"term": "anesthetic", "plain": "numbing medicine"},
            ]
        },
    )
    matches = {f.match for f in _codes(_lint(linter, source, "seed.txt"), "RDB006")}
    assert "anesthetics" in matches and "fluoroscopic" not in matches


def test_everyday_medical_words_and_credentials_are_not_flagged() -> None:
    """Issue 11: 'nausea' and 'abdominal' are words most adults know; credentials, states in a
    dateline and markup words are not undefined abbreviations."""
    linter = _linter("RDB006", "RDB007")
    text = (
        "GAINESVILLE, FL, June 2, 2025. Dr Karen Li, DMD, said some people feel nausea and abdominal "
        "cramps. The page uses CSS and a DOCTYPE line."
    )
    assert not {f.code for f in _lint(linter, text, "a.md").findings}
    assert "RDB007" in {f.code for f in _lint(linter, "Ask about an NSAID for the pain.", "a.md").findings}


def test_judgement_participles_are_not_hidden_actors() -> None:
    linter = _linter("RDB005")
    assert not _lint(linter, "The results have been mixed, and the evidence is inconclusive.", "a.md").findings
    assert _lint(linter, "The drug is given twice a day.", "a.md").findings


def test_sentences_run_together_or_flattened_tables_are_counted_apart() -> None:
    linter = _linter("RDB003")
    joined = (
        "Early studies of the treatment have yielded encouraging results in many of the people who "
        "took part in them at the clinic.Soul Systems offers the same treatment to adults with "
        "long-lasting depression in three towns."
    )
    assert not _lint(linter, joined, "a.md").findings
    table = " | ".join(["Dose for adults with kidney disease and a weight of over seventy kilograms"] * 4)
    assert not _lint(linter, table, "a.md").findings
    assert _lint(linter, table.replace(" | ", " and "), "a.md").findings


def test_seed_passive_voice(seed: tuple[str, FileOutcome]) -> None:
    _, outcome = seed
    assert "be administered" in {f.match for f in _codes(outcome, "RDB005")}


# -- the other rules --------------------------------------------------------------------------

JARGON = _linter("RDB006")


@pytest.mark.parametrize(
    "text",
    [
        "Your doctor may prescribe an analgesic for a few days.",
        "Analgesics can upset your stomach.",
    ],
)
def test_jargon_found(text: str) -> None:
    (f,) = _codes(_lint(JARGON, text), "RDB006")
    assert f.suggestion == "painkiller" and f.match.lower().startswith("analgesic")


@pytest.mark.parametrize(
    "text",
    [
        "Your doctor may prescribe an analgesic (a painkiller) for a few days.",
        "Your doctor may prescribe a painkiller (analgesic) for a few days.",
        "Your doctor may prescribe an analgesic, or painkiller, for a few days.",
        "An analgesic is a medicine that eases pain.",
        "Your doctor may prescribe a medicine called an analgesic, which is a painkiller.",
    ],
)
def test_jargon_explained_at_first_use(text: str) -> None:
    assert not _codes(_lint(JARGON, text + " Take the analgesic with food."), "RDB006")


@pytest.mark.parametrize(
    "text",
    [
        "Your doctor may give you a medicine called an analgesic.",
        "Analgesics, such as paracetamol, can be bought at a pharmacy.",
        "Analgesics such as paracetamol and ibuprofen ease pain.",
        "Analgesic: Medicine that eases pain.",
    ],
)
def test_jargon_explained_by_a_name_examples_or_a_colon_definition(text: str) -> None:
    assert not _codes(_lint(JARGON, text + " Take the analgesic with food."), "RDB006")


def test_a_colon_after_a_term_inside_a_sentence_is_not_a_definition() -> None:
    text = "Ask your pharmacist which analgesic to use: most people need one for a few days."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["analgesic"]


def test_a_term_given_as_an_example_is_not_explained_by_it() -> None:
    text = "Some medicines, such as analgesics and antacids, can be bought at a pharmacy."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["analgesics"]


def test_jargon_defined_in_the_next_sentence() -> None:
    text = "The drug can cause dysphagia. Dysphagia is when you find it hard to swallow."
    assert not _codes(_lint(JARGON, text), "RDB006")
    text = "The drug can cause dysphagia. It can last a few days."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["dysphagia"]


def test_jargon_in_a_name_or_title_is_not_the_writers_word() -> None:
    text = (
        "The Royal Society of Dermatologists has a leaflet on moles. "
        "A dermatologist can check a mole that changes shape."
    )
    (f,) = _codes(_lint(JARGON, text), "RDB006")
    assert f.match == "dermatologist" and f.column == text.index("dermatologist") + 1
    text = "Read our Acute Kidney Injury Treatment leaflet."
    assert not _codes(_lint(JARGON, text), "RDB006")
    # A capital at the start of a sentence or a list item is still the writer's word.
    assert [f.match for f in _codes(_lint(JARGON, "Dysphagia can last a few days."), "RDB006")] == ["Dysphagia"]
    text = "The Food and Drug Administration approved the drug last year."
    assert not _codes(_lint(_linter("RDB008"), text), "RDB008")


def test_jargon_in_a_condition_name_or_a_linked_title() -> None:
    # "acute myeloid leukemia" is the name on the diagnosis; "acute pain" is a word choice.
    text = "Some people have acute myeloid leukemia. Others get acute kidney injury after surgery."
    assert not _codes(_lint(JARGON, text), "RDB006")
    text = "Some people have acute myeloid leukemia. Acute pain can follow surgery."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["Acute"]
    # A linked page title: capitalised words joined by "and".
    assert not _codes(_lint(JARGON, "More on: Epidemiology and Outbreak Response."), "RDB006")
    assert _codes(_lint(JARGON, "More on: epidemiology and outbreak response."), "RDB006")


def test_a_form_of_another_word_class_has_its_own_everyday_word() -> None:
    # A field is not a person: "oncology" is cancer care, "oncologist" a cancer specialist.
    (f,) = _codes(_lint(JARGON, "She has worked in oncology for ten years."), "RDB006")
    assert (f.match, f.suggestion) == ("oncology", "cancer care") and "'cancer care'" in f.message
    (f,) = _codes(_lint(JARGON, "You may see an oncologist next week."), "RDB006")
    assert (f.match, f.suggestion) == ("oncologist", "cancer specialist")
    (f,) = _codes(_lint(JARGON, "The cancer is metastatic."), "RDB006")
    assert f.suggestion == "that has spread"
    (f,) = _codes(_lint(JARGON, "Some malignancies grow slowly."), "RDB006")
    assert f.suggestion == "cancers", "a form's own word holds for its regular plural too"


def test_everyday_words_scattered_in_a_sentence_do_not_explain_a_term() -> None:
    # "cancer research ... supportive care" does not say "cancer care".
    text = "The company funds cancer research and works in oncology and supportive care."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["oncology"]
    # The everyday words together do: "the heart and the blood vessels" for "cardiovascular".
    text = "Cardiovascular disease affects the heart and the blood vessels."
    assert not _codes(_lint(JARGON, text), "RDB006")


def test_jargon_defined_by_who_is() -> None:
    text = "The team may include a medical oncologist who is a doctor trained in cancer medicines."
    assert not _codes(_lint(JARGON, text), "RDB006")


def test_jargon_defined_at_the_start_of_the_next_paragraph() -> None:
    text = "The diagnosis needs a kidney biopsy.\n\nA kidney biopsy is a procedure that takes a small piece of kidney tissue."
    assert not _codes(_lint(JARGON, text), "RDB006")
    # Only when the term ends its paragraph and the next one opens with the definition.
    text = "The diagnosis needs a kidney biopsy.\n\nYou can go home the same day."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["biopsy"]
    text = "A biopsy may be needed. You can go home the same day.\n\nA biopsy is a small sample of tissue."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["biopsy"]


def test_jargon_in_the_paragraph_under_its_own_label_or_heading() -> None:
    body = "Your doctor may do a surgical lung biopsy. Your doctor takes small samples of lung tissue."
    assert not _codes(_lint(JARGON, f"# Tests\n\nSurgical Lung Biopsy\n\n{body}"), "RDB006")
    assert not _codes(_lint(JARGON, f"# Tests\n\n## What is a lung biopsy?\n\n{body}"), "RDB006")
    # A label about something else, or a label two paragraphs up, does not explain it.
    found = _codes(_lint(JARGON, f"# Tests\n\nBreathing Tests\n\n{body}"), "RDB006")
    assert [f.match for f in found] == ["biopsy"]
    found = _codes(_lint(JARGON, f"# Tests\n\nLung Biopsy\n\nYou will need to rest.\n\n{body}"), "RDB006")
    assert [f.match for f in found] == ["biopsy"]


def test_jargon_in_a_quotation_is_to_be_explained_not_swapped() -> None:
    text = 'The label calls it "an oral and herbal supplement for daily use".'
    (f,) = _codes(_lint(JARGON, text), "RDB006")
    assert f.match == "oral" and "quotation" in f.message and "'by mouth'" in f.message
    assert f.suggestion is None, "no swap is offered inside a quote"
    # Scare quotes round a word or two are not a quotation.
    (f,) = _codes(_lint(JARGON, 'Take the "oral" tablets with water.'), "RDB006")
    assert f.suggestion == "by mouth" and "quotation" not in f.message


def test_wordy_words_in_a_quotation_are_left_alone() -> None:
    wordy = _linter("RDB008")
    text = "The nurse said: \u201cUtilize the inhaler twice a day.\u201d Utilize a spacer too."
    (f,) = _codes(_lint(wordy, text), "RDB008")
    assert f.column == text.rindex("Utilize") + 1, "the use after the quotation is judged instead"


def test_a_form_with_its_own_word_is_a_word_or_a_form_and_plain_mapping() -> None:
    from medlint.kinds import ParamError, kind_class

    with pytest.raises(ParamError, match="'form' and 'plain'"):
        kind_class("substitution")(
            {"terms": [{"term": "oncologist", "plain": "cancer specialist", "forms": [{"form": "oncology"}]}]},
            Path("."),
        )


def test_every_field_in_the_jargon_list_has_a_word_of_its_own() -> None:
    """A field ("oncology", "orthopedics") under a person or adjective term never borrows the
    term's everyday word ("cancer specialist"): that advice turns a field into a person."""
    import yaml

    lists = Path(__file__).resolve().parents[2] / "rules" / "readability" / "lists"
    entries = yaml.safe_load((lists / "jargon.yml").read_text(encoding="utf-8"))["terms"]
    borrowed = [
        (e["term"], form)
        for e in entries
        for form in e.get("forms", [])
        if isinstance(form, str)
        and form.endswith(("ology", "ologies", "iatry", "edics", "aedics"))
        and not e["term"].endswith(("ology", "iatry"))
    ]
    assert borrowed == []


def test_in_names_before_must_be_a_list() -> None:
    from medlint.kinds import ParamError, kind_class

    with pytest.raises(ParamError, match="must be lists"):
        kind_class("substitution")(
            {"terms": [{"term": "acute", "plain": "sudden", "in_names_before": "leukemia"}]}, Path(".")
        )


def test_jargon_first_use_only_and_longest_match() -> None:
    text = "A pulmonary embolism is serious. Another pulmonary embolism can follow. An embolism elsewhere is rarer."
    found = _codes(_lint(JARGON, text), "RDB006")
    matches = [f.match for f in found]
    assert matches.count("pulmonary embolism") == 1
    assert "pulmonary" not in matches


def test_jargon_off_for_professionals() -> None:
    assert not _lint(_linter("RDB006", audience="professional"), "Hypertension is common.").findings


def test_complex_words() -> None:
    (f,) = _codes(_lint(_linter("RDB008"), "Stop eating six hours prior to the operation."), "RDB008")
    assert f.match == "prior to" and f.suggestion == "before"
    assert not _lint(_linter("RDB008"), "Stop eating six hours prior, to be safe.").findings


PASSIVE = _linter("RDB005")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("The injection may be administered in clinic.", "be administered"),
        ("Your stitches are usually removed after a week.", "are usually removed"),
        ("You will be given a leaflet.", "be given"),
        ("A small cut is made in the skin of your palm.", "is made"),
        ("More advice can be found on our website.", "be found"),
    ],
)
def test_passive_found(text: str, match: str) -> None:
    (f,) = _codes(_lint(PASSIVE, text), "RDB005")
    assert f.match == match


@pytest.mark.parametrize(
    "text",
    [
        "The injection is given by a specialist nurse.",
        "Your ankle may be swollen for a week.",
        "This is called a sprain.",
        "People who are affected should rest.",
        "Your nurse will give you a leaflet.",
        # What something is made of, where it is found, and states: nobody is hidden.
        "Each lung is made up of millions of tiny air sacs.",
        "A tooth is made of several hard layers.",
        "This rash is found mainly in children under five.",
        "The worm is found worldwide in warm, damp soil.",
        "A fish bone can get stuck in your throat.",
        "An X-ray can show whether your heart is enlarged.",
    ],
)
def test_passive_not_found(text: str) -> None:
    assert not _codes(_lint(PASSIVE, text), "RDB005")


ABBR = _linter("RDB007")


def test_abbreviation_undefined_first_use_only() -> None:
    text = "People with COPD often cough. COPD gets worse slowly."
    found = _codes(_lint(ABBR, text), "RDB007")
    assert [(f.match, f.column) for f in found] == [("COPD", text.index("COPD") + 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Chronic obstructive pulmonary disease (COPD) makes breathing hard. COPD gets worse slowly.",
        "COPD (chronic obstructive pulmonary disease) makes breathing hard.",
        "COPD stands for chronic obstructive pulmonary disease.",
        "Non-steroidal anti-inflammatory drugs can upset your stomach. Take NSAIDs with food.",
        "Your GP can arrange an MRI scan or a CT scan.",
        "Stage IV cancer has spread.",
        "CALL NOW FOR A FREE QUOTE TODAY.",
        "Go to A&E if it gets worse.\n\n*[A&E]: Accident and Emergency",
        "Take HRT with food.\n\n*[HRT]: hormone replacement therapy",
        # Named by the words before it.
        "A heart tracing, also called an ECG or EKG, takes about five minutes.",
        "Acid that keeps coming up from the stomach, or GORD, can make you cough at night.",
        # Not acronyms: capitals for emphasis, sub-stages, a time zone.
        "Do NOT drive for a day after the injection.",
        "Wash the cup AND the lid in hot water.",
        "Stage III is split into stages IIIA and IIIB.",
        "Phone the helpline between 9:00 and 5:30 ET.",
    ],
)
def test_abbreviation_defined_or_known(text: str) -> None:
    assert not _codes(_lint(ABBR, text), "RDB007")


@pytest.mark.parametrize(
    ("text", "abbr"),
    [
        ("Children with ALL need treatment for about two years.", "ALL"),
        ("Your doctor may suggest an ACE inhibitor for your blood pressure.", "ACE"),
        ("Heartburn medicines, ibuprofen or PPIs can all cause problems.", "PPI"),
        ("The clinic is open NOW and takes ABC referrals.", "ABC"),
    ],
)
def test_abbreviation_cues_do_not_hide_real_acronyms(text: str, abbr: str) -> None:
    assert [f.match for f in _codes(_lint(ABBR, text), "RDB007")] == [abbr]


def test_abbreviation_in_heading_is_not_judged() -> None:
    text = "# Living with COPD\n\nChronic obstructive pulmonary disease (COPD) makes breathing hard.\n"
    assert not _codes(_lint(ABBR, text), "RDB007")


def test_long_paragraph() -> None:
    para = " ".join(["Rest and drink plenty of water."] * 21)  # 6 words x 21 = 126
    (f,) = _codes(_lint(_linter("RDB004"), para), "RDB004")
    assert "126 words" in f.message and f.start_offset == 0 and f.end_offset == len(para)
    assert not _codes(_lint(_linter("RDB004"), " ".join(["Rest and drink plenty of water."] * 16)), "RDB004")


def test_long_sentence_threshold_is_configurable() -> None:
    text = "Drink plenty of water and rest for a day or two until you feel better."  # 15 words
    assert not _lint(_linter("RDB003"), text).findings
    (f,) = _codes(_lint(_linter("RDB003", RDB003={"max_words": 12}), text), "RDB003")
    assert "15 words" in f.message and f.match == text


FLATTENED = (
    "Call your doctor if you have any of these: - a high temperature that lasts more than three days "
    "- a cough that will not go away after three weeks - pain in your chest when you breathe in."
)


def test_list_flattened_into_a_sentence_is_counted_item_by_item() -> None:
    # 9 words of lead-in and items of 9, 10 and 8 words: 36 words as one sentence.
    assert count_words(FLATTENED) == 36
    assert not _codes(_lint(_linter("RDB003"), FLATTENED), "RDB003")
    no_colon = FLATTENED.replace("any of these: -", "any of these -")
    assert not _codes(_lint(_linter("RDB003"), no_colon), "RDB003")
    # A long item is still long, and is reported on its own.
    (f,) = _codes(_lint(_linter("RDB003", RDB003={"max_words": 9}), FLATTENED), "RDB003")
    assert f.match == "a cough that will not go away after three weeks" and "10 words" in f.message


def test_a_dash_in_prose_does_not_split_a_sentence() -> None:
    text = (
        "Most people get better within a week or two - but if you still feel unwell after three weeks "
        "you should book an appointment with your doctor."
    )  # 26 words
    (f,) = _codes(_lint(_linter("RDB003"), text), "RDB003")
    assert "26 words" in f.message


def test_very_long_sentence_is_a_warning() -> None:
    text = " ".join(["word"] * 41) + "."
    (f,) = _codes(_lint(_linter("RDB003"), text), "RDB003")
    assert f.severity.label == "warning"


# -- jargon explained where it stands, in names, familiar words (pages-6, issue 11) -----------


def test_jargon_named_as_the_second_of_two_names() -> None:
    text = "Two glands may be overactive, a condition called multiple tumors or hyperplasia."
    assert not _codes(_lint(JARGON, text), "RDB006")
    # "or" without a naming word before it is no definition.
    text = "Two glands may be overactive because of a tumor or hyperplasia."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["hyperplasia"]


def test_jargon_whose_next_sentence_says_what_it_does() -> None:
    text = "The glands are part of the endocrine system. Endocrine glands produce, store, and release hormones."
    assert not _codes(_lint(JARGON, text), "RDB006")
    text = "The glands are part of the endocrine system. They sit in the neck."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["endocrine"]
    # Said in a list item of its own: "- Endocrine pancreas cells make several kinds of hormones".
    text = "There are two kinds of cells: - Endocrine pancreas cells make hormones. - Other cells make juices."
    assert not _codes(_lint(JARGON, text), "RDB006")


def test_jargon_with_a_colon_definition_in_a_list_run_onto_one_line() -> None:
    text = (
        "Treatments include the following: - Transurethral resection of the prostate (TURP): "
        "A surgical procedure to remove tissue from the prostate."
    )
    assert not _codes(_lint(JARGON, text), "RDB006")
    # Inside a sentence, far from the item's start, the colon is not the term's definition.
    text = "Ask your surgeon whether a resection of the whole gland is planned: most people need one."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["resection"]


def test_jargon_defined_by_a_later_entry_of_its_list() -> None:
    text = (
        "Tests include the following: - Ultrasound: a scan often used during a biopsy procedure. "
        "- Blood test: a sample of blood is checked. - Biopsy: The removal of cells so they can be "
        "looked at under a microscope."
    )
    assert not _codes(_lint(JARGON, text), "RDB006")
    # Also when each entry is a block of its own.
    text = (
        "# Tests\n\n- Ultrasound: a scan used during a biopsy.\n- Biopsy: The removal of a few cells for a closer look."
    )
    assert not _codes(_lint(JARGON, text), "RDB006")
    # A definition after the next heading is another section's.
    text = "# Tests\n\nYou may need a biopsy.\n\n# Words\n\n- Biopsy: The removal of a few cells."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["biopsy"]


def test_jargon_in_a_cancers_name_also_across_a_list() -> None:
    assert not _codes(_lint(JARGON, "She was treated for rectal cancer last year."), "RDB006")
    text = "Leaks can follow treatment for bladder, colon, rectal, ovarian, or other gynecologic cancers."
    assert not _codes(_lint(JARGON, text), "RDB006")
    text = "Peritoneal dialysis can be done at home."
    assert not _codes(_lint(JARGON, text), "RDB006")
    # The same word describing something else is still the writer's choice.
    text = "Some people have rectal bleeding, or pain when they poo."
    assert [f.match for f in _codes(_lint(JARGON, text), "RDB006")] == ["rectal"]


JARGON_WARNS = Linter(Settings(select=("RDB006",), severity={"RDB006": Severity.WARNING}))
"""RDB006 raised to a warning, as a team that gates on jargon would configure it."""


def test_jargon_is_information_unless_a_team_raises_it() -> None:
    text = "You may need to urinate more often."
    assert [f.severity for f in _codes(_lint(JARGON, text), "RDB006")] == [Severity.INFO]
    assert [f.severity for f in _codes(_lint(JARGON_WARNS, text), "RDB006")] == [Severity.WARNING]


def test_familiar_medical_words_stay_information_when_jargon_warns() -> None:
    (f,) = _codes(_lint(JARGON_WARNS, "Symptoms include thirst and frequent urination."), "RDB006")
    assert f.severity == Severity.INFO and "many readers know" in f.message and "'pee'" in f.message
    # Only the forms listed: "urinate" is not among them.
    (f,) = _codes(_lint(JARGON_WARNS, "You may need to urinate more often."), "RDB006")
    assert f.severity == Severity.WARNING


def test_a_swap_that_cannot_follow_an_article_is_advice_to_explain() -> None:
    linter = _linter("RDB006", RDB006={"familiar": []})
    (f,) = _codes(_lint(linter, "Medicare pays when a doctor provides a referral."), "RDB006")
    assert f.suggestion is None and "explain it" in f.message
    # A noun for a noun still is a swap.
    (f,) = _codes(_lint(JARGON, "The doctor may prescribe an analgesic for the first week."), "RDB006")
    assert f.suggestion == "painkiller"

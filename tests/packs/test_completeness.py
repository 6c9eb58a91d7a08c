"""The completeness pack: what a treatment article must contain, judged by article type.

Fixtures in tests/fixtures/completeness/ are our own articles. `shoulder-injection-parts.md`
marks each required part with `<!-- part: NAME -->` ... `<!-- end part: NAME -->` so a test can
take one part out and expect exactly the finding for that part.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from medlint.analysis.classify import classify
from medlint.config import Settings
from medlint.engine import Linter
from medlint.parse import parse_document

FIXTURES = ROOT / "tests" / "fixtures" / "completeness"
PARTS_FILE = FIXTURES / "shoulder-injection-parts.md"
TODAY = "2026-11-01"
"""The fixtures say 'Last reviewed: 3 March 2026': recent on this day."""
TREATMENT_ONLY = {"CMP001", "CMP002", "CMP003", "CMP004", "CMP005", "CMP006", "CMP011"}


def _linter(**settings: object) -> Linter:
    options: dict[str, object] = {"select": ("CMP",), "today": TODAY, **settings}
    return Linter(Settings(**options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return _linter()


def _lint(linter: Linter, text: str, path: str = "article.md") -> list:  # type: ignore[type-arg]
    outcome = linter.lint_text(text, path=path)
    assert not outcome.errors
    return list(outcome.findings)


def _codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f.code for f in findings)


def _without(text: str, part: str) -> str:
    pattern = re.compile(rf"<!-- part: {re.escape(part)} -->.*?<!-- end part: {re.escape(part)} -->", re.DOTALL)
    out, n = pattern.subn("", text)
    assert n == 1, f"fixture has no part {part!r}"
    return out


# -- complete articles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "shoulder-injection-parts.md",
        "shoulder-injection-front-matter.md",
        "shoulder-injection.html",
        "shoulder-injection.txt",
    ],
)
def test_complete_treatment_article_lints_clean(linter: Linter, name: str) -> None:
    outcome = linter.lint_path(FIXTURES / name)
    assert outcome.file is not None and outcome.file.doc_type == "treatment"
    assert [f"{f.code}: {f.message}" for f in outcome.findings] == []


PARTS = {
    "risks": "CMP001",
    "risk-figures": "CMP002",
    "costs": "CMP014",
    "alternatives": "CMP004",
    "no-treatment": "CMP005",
    "evidence": "CMP006",
    "sources": "CMP007",
    "date": "CMP008",
    "author": "CMP010",
    "decision": "CMP011",
}


# The alternatives model reads "Infection in the joint is rare, after roughly 1 in 10,000
# injections" as an option set beside the injection (0.69): a known false positive of the
# trained model (tests/analysis/test_sentence_model.py lists its known misses).
_MODEL_MISSES = {"alternatives": "the alternatives model takes the rare-infection sentence for an option"}


@pytest.mark.parametrize(
    ("part", "code"),
    [
        pytest.param(part, code, id=part, marks=[pytest.mark.xfail(strict=True, reason=_MODEL_MISSES[part])])
        if part in _MODEL_MISSES
        else pytest.param(part, code, id=part)
        for part, code in PARTS.items()
    ],
)
def test_removing_a_part_gives_exactly_its_finding(linter: Linter, part: str, code: str) -> None:
    text = _without(PARTS_FILE.read_text(encoding="utf-8"), part)
    findings = _lint(linter, text)
    assert _codes(findings) == [code]


def test_document_findings_point_at_the_title(linter: Linter) -> None:
    text = _without(PARTS_FILE.read_text(encoding="utf-8"), "sources")
    (finding,) = _lint(linter, text)
    assert finding.scope == "document"
    assert (finding.line, finding.column) == (1, 3)  # the title text, after "# "


def test_thin_risk_section_points_at_its_heading(linter: Linter) -> None:
    text = _without(PARTS_FILE.read_text(encoding="utf-8"), "risk-figures")
    (finding,) = _lint(linter, text)
    assert finding.code == "CMP002"
    assert finding.match == "Risks and side effects"
    assert "how often or how serious" in finding.message
    assert "names no specific harm" not in finding.message


def test_risk_section_without_named_harms(linter: Linter) -> None:
    text = PARTS_FILE.read_text(encoding="utf-8")
    vague = "As with any medical procedure, there are some risks, and they are uncommon."
    text = re.sub(
        r"## Risks and side effects\n.*?<!-- end part: risks -->",
        f"## Risks and side effects\n\n{vague}\n",
        text,
        flags=re.DOTALL,
    )
    (finding,) = _lint(linter, text)
    assert finding.code == "CMP002"
    assert "names no specific harm" in finding.message
    assert "how often" not in finding.message  # "uncommon" says how often


# -- what applies to which article -----------------------------------------------------------


def test_symptom_page_is_not_asked_for_treatment_parts(linter: Linter) -> None:
    outcome = linter.lint_path(FIXTURES / "frozen-shoulder-symptom-page.md")
    assert outcome.file is not None and outcome.file.doc_type == "condition"
    # No byline and no references in this page: those are true for any article type.
    assert _codes(list(outcome.findings)) == ["CMP007", "CMP010"]


def test_declared_symptom_type_wins_over_treatment_vocabulary(linter: Linter) -> None:
    text = "---\ntype: symptom\n---\n# Injection site soreness\n\nA sore arm after a vaccine injection is normal.\n"
    outcome = linter.lint_text(text, path="sore-arm.md")
    assert outcome.file is not None
    assert (outcome.file.doc_type, outcome.file.doc_type_reason) == ("condition", "front matter 'type: symptom'")
    assert not TREATMENT_ONLY & {f.code for f in outcome.findings}


def test_promotional_article_needs_a_disclosure(linter: Linter) -> None:
    base = PARTS_FILE.read_text(encoding="utf-8")
    promo = (
        "\nShoulderWell Clinic announces steroid injections in Leeds. "
        "Book your appointment today. Prices from £150, limited-time discount.\n"
    )
    assert _codes(_lint(linter, base + promo)) == ["CMP012"]
    disclosed = promo + "\nDisclosure: ShoulderWell Clinic wrote and paid for this article and sells this treatment.\n"
    assert _codes(_lint(linter, base + disclosed)) == []


def test_seller_own_release_is_not_asked_to_disclose_itself(linter: Linter) -> None:
    """Issue 11: copy that plainly speaks for its seller has its interest in plain view."""
    base = PARTS_FILE.read_text(encoding="utf-8")
    own = "\nShoulderWell Clinic announces steroid injections at our clinic in Leeds. Book your appointment today.\n"
    assert _codes(_lint(linter, base + own)) == []
    boilerplate = (
        "\nShoulderWell Clinic announces steroid injections in Leeds (PRWeb).\n\n"
        "## About ShoulderWell Clinic\n\nShoulderWell Clinic treats shoulder pain.\n"
    )
    assert _codes(_lint(linter, base + boilerplate)) == []


def test_ai_declaration_without_medical_review(linter: Linter) -> None:
    # The byline names an author (CMP010 is satisfied) but is not a statement of medical review.
    base = PARTS_FILE.read_text(encoding="utf-8")
    declared = base + "\nThis article was drafted with a large language model and edited for style.\n"
    (finding,) = _lint(linter, declared)
    assert finding.code == "CMP013"
    assert finding.scope == "span"
    assert finding.match == "This article was drafted with a large language model and edited for style."
    reviewed = (
        base + "\nThis article was drafted with a large language model and medically reviewed by Dr Tomasz Wójcik.\n"
    )
    assert _codes(_lint(linter, reviewed)) == []


# -- measured figures -----------------------------------------------------------------------

_BENEFITS = [  # ten 5-word sentences, each with a benefit cue and no risk cue
    "The injection brings fast relief.",
    "Most people feel better soon.",
    "Sleep often improves within days.",
    "Movement improves for many people.",
    "The benefits can last months.",
    "It helps people feel better.",
    "Many describe it as life-changing.",
    "Pain relief starts within days.",
    "The effect is often powerful.",
    "Recovery feels faster after it.",
]
BALANCE_TEXT = (
    "# Knee injections\n\n## Benefits\n\n"
    + " ".join(_BENEFITS * 2)
    + "\n\n## Risks\n\nInfection is rare but serious.\n"
)
"""100 words of benefit sentences against 5 words of risk."""


def test_unbalanced_coverage_reports_measured_ratio() -> None:
    findings = _lint(_linter(), BALANCE_TEXT)
    (balance,) = [f for f in findings if f.code == "CMP003"]
    assert "benefit sentences 100 words vs risk 5 words, ratio 20.0 (max 3)" in balance.message
    assert balance.scope == "document"


def test_unbalanced_coverage_ratio_is_configurable() -> None:
    relaxed = _linter(rules={"CMP003": {"max_ratio": 25}})
    assert "CMP003" not in _codes(_lint(relaxed, BALANCE_TEXT))


def test_stale_review_date_uses_settings_today() -> None:
    findings = _lint(_linter(today="2030-01-01"), PARTS_FILE.read_text(encoding="utf-8"))
    (stale,) = findings
    assert stale.code == "CMP009"
    assert stale.match == "3 March 2026"
    # 2026-03-03 to 2029-03-03 is 1,096 days (2028 is a leap year), then 304 more to 1 January.
    assert "2026-03-03, 1,400 days" in stale.message


def test_press_release_dateline_counts_as_a_date(linter: Linter) -> None:
    text = (
        "# Clinic offers knee injections\n\nLeeds, UK (Example Wire) Tuesday Mar 4, 2025 — "
        "A clinic now offers knee injections.\n"
    )
    assert "CMP008" not in _codes(_lint(linter, text))
    undated = "# Clinic offers knee injections\n\nA clinic now offers knee injections.\n"
    assert "CMP008" in _codes(_lint(linter, undated))


@pytest.mark.parametrize(
    ("opening", "dated"),
    [
        # Under the headline: a subhead, a byline and a share line, then the date.
        (
            "Subhead: the gel eased pain in a trial.\n\nBy Ada Brown | The Ledger\n\nShare this\n\n03/03/2017",
            "2017-03-03",
        ),
        ("Subhead: the gel eased pain in a trial.\n\nPublished 9:14 a.m. ET March 3, 2017", "2017-03-03"),
        (
            "Subhead: the gel eased pain in a trial.\n\nNews provided by Lumara\n\nShare this article\n\n22-SEP-2014",
            "2014-09-22",
        ),
        # Day first where month first is no date.
        ("Subhead: the gel eased pain in a trial.\n\n25/12/2016", "2016-12-25"),
    ],
)
def test_a_release_date_under_its_headline_dates_it(opening: str, dated: str) -> None:
    text = f"# Knee gel eases pain, trial finds\n\n{opening}\n\nResearchers at Hallam University tested the gel.\n"
    codes = _codes(_lint(_linter(today="2017-06-01"), text))
    assert "CMP008" not in codes
    later = _lint(_linter(today="2099-01-01"), text.replace("trial finds", "a guide").replace("Researchers at", "We"))
    stale = [f for f in later if f.code == "CMP009"]
    assert stale and dated in stale[0].message


def test_a_date_deep_in_a_page_is_not_its_date(linter: Linter) -> None:
    blocks = "\n\n".join(f"Paragraph {i} about the knee gel and how to use it." for i in range(6))
    text = f"# Knee gel\n\n{blocks}\n\nThe gel went on sale on 3 March 2017.\n"
    assert "CMP008" in _codes(_lint(linter, text))


# -- the seed article -----------------------------------------------------------------------


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not present")
def test_seed_article() -> None:
    outcome = _linter().lint_path(SEED)
    assert outcome.file is not None and outcome.file.doc_type == "treatment"
    by_code = {f.code: f for f in outcome.findings}
    for code in ("CMP006", "CMP007", "CMP008", "CMP010", "CMP013"):
        assert code in by_code, code
    assert "CMP001" not in by_code  # "Are There Risks? Considerations Before Getting Injected"
    assert by_code["CMP013"].match.startswith("This text was generated using a large language model")
    m = re.search(
        r"benefit sentences (\d+) words vs risk (\d+) words, ratio (\d+\.\d) \(max 3\)", by_code["CMP003"].message
    )
    assert m, by_code["CMP003"].message
    benefit, risk, ratio = int(m.group(1)), int(m.group(2)), float(m.group(3))
    assert ratio == round(benefit / risk, 1) and ratio > 3


# -- classification and parameters ------------------------------------------------------------


def _type(text: str, fmt: str = "markdown") -> tuple[str, str, bool]:
    doc, _ = parse_document(text, path="x", fmt=fmt)
    dt = classify(doc)
    return dt.type, dt.reason, dt.promotional


def test_classify_title_names_a_treatment() -> None:
    kind, reason, promotional = _type("# Ketamine infusions for depression\n\n## What is depression?\n\nText.\n")
    assert kind == "treatment" and "title" in reason and not promotional


def test_classify_condition_by_headings() -> None:
    text = (
        "# Gout\n\n## Symptoms\n\nA hot, swollen joint.\n\n## Causes\n\nUric acid crystals.\n\n"
        "## Treatment from your GP\n\nMedicines can ease an attack.\n"
    )
    kind, reason, _ = _type(text)
    assert kind == "condition" and "2 headings" in reason


def test_classify_news_and_promotional_press_release() -> None:
    text = (
        "# New study finds shockwave therapy eases heel pain\n\nDenver (PRNewswire) — A clinic announced "
        "results today.\n\nAbout HeelCo\n\nHeelCo makes devices.\n"
    )
    kind, reason, promotional = _type(text)
    assert kind == "news" and promotional
    assert "press release" in reason and "company boilerplate" in reason


def test_a_dated_award_release_is_a_business_event() -> None:
    text = (
        "# Hallerton Clinic Wins 2025 Patient Choice Award\n\nBOSTON, March 4, 2025 -- Hallerton Clinic today "
        "announced it has won the 2025 Patient Choice Award for its friendly staff and short waiting times.\n"
    )
    from medlint.analysis.classify import classify
    from medlint.parse import parse_document

    found = classify(parse_document(text)[0])
    assert found.type == "news" and found.business


@pytest.mark.parametrize(
    ("lede", "kind"),
    [
        # A hospital newsroom's release: a dateline, and a launch announced.
        ("BOSTON, March 4, 2025 -- Hallerton Hospital today launched robotic hernia repair.", "news"),
        # The same words without a dateline read as a page about the treatment.
        ("Hallerton Hospital today launched robotic hernia repair.", "treatment"),
        # A page's update line is no dateline.
        ("Updated March 4, 2025 -- Hallerton Hospital today launched robotic hernia repair.", "treatment"),
    ],
)
def test_a_dated_announcement_is_news(lede: str, kind: str) -> None:
    text = (
        f"# Robotic Hernia Repair at Hallerton Hospital\n\n{lede} Recovery is faster than after open surgery, "
        "and most patients go home the same day.\n"
    )
    assert _type(text)[0] == kind


@pytest.mark.parametrize(
    ("credit", "quiet"),
    [
        ("NIH: National Institute on Aging", True),
        ("CDC: Centers for Disease Control and Prevention", True),
        ("NIH funds research on ageing.", False),
    ],
)
def test_agency_credit_line_names_a_source(linter: Linter, credit: str, quiet: bool) -> None:
    text = f"# Falls in later life\n\nMany falls happen at home. Good lighting and firm shoes help.\n\n{credit}\n"
    codes = _codes(_lint(linter, text))
    assert ("CMP007" not in codes) == quiet


# -- HTML metadata --------------------------------------------------------------------------

_PAGE = """<!doctype html>
<html><head><title>Knee injections</title>
{head}
</head><body><h1>Knee injections</h1>
<p>A knee injection puts medicine into the joint to ease pain for a few months.</p>
</body></html>
"""
_DATE_AND_AUTHOR = {"CMP008", "CMP010"}


def _page_codes(linter: Linter, head: str) -> set[str]:
    return set(_codes(_lint(linter, _PAGE.format(head=head), path="page.html"))) & (_DATE_AND_AUTHOR | {"CMP009"})


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="author" content="Dr A. Patel">\n<meta property="article:published_time" content="2026-05-02T09:00:00Z">',
        '<meta name="DC.creator" content="Dr A. Patel"/>\n<meta name="dcterms.modified" content="2026-05-02"/>',
        '<meta name="citation_author" content="Patel, A.">\n<meta name="citation_publication_date" content="2026/05/02">',
        # schema.org JSON-LD, as health sites publish it: a MedicalWebPage in a @graph.
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
        '"MedicalWebPage", "lastReviewed": "2026-05-02", "reviewedBy": {"@type": "Person", '
        '"name": "Dr A. Patel"}}]}</script>',
        '<script type="application/ld+json">[{"@type": "Article", "datePublished": "2026-05-02", '
        '"author": [{"name": "A. Patel"}, {"name": "B. Jones"}]}]</script>',
    ],
)
def test_html_metadata_dates_and_credits_the_page(linter: Linter, head: str) -> None:
    assert _page_codes(linter, head) == set()


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta name="author" content="">\n<meta name="description" content="Published 2 May 2026 by Dr Patel">',
        '<meta property="og:title" content="Knee injections">',
        # Not JSON: the page's own mistake, ignored rather than guessed at.
        '<script type="application/ld+json">{"datePublished": "2026-05-02", "author": </script>',
        # Ordinary scripts are not metadata even when they hold the same words.
        '<script>var page = {"datePublished": "2026-05-02", "author": "A. Patel"};</script>',
        # A cited paper's or a comment's author and date are not the page's.
        '<script type="application/ld+json">{"@type": "MedicalWebPage", "citation": {"author": "Smith J", '
        '"datePublished": "2009-03-01"}, "comment": [{"author": "Ann", "dateCreated": "2026-01-02"}]}</script>',
        # Nested past any page's needs: ignored, and the page is still linted.
        '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>",
        '<script type="application/ld+json">{"author": ' + "[" * 900 + '"A"' + "]" * 900 + "}</script>",
    ],
)
def test_html_without_metadata_still_lacks_date_and_author(linter: Linter, head: str) -> None:
    assert _page_codes(linter, head) == _DATE_AND_AUTHOR


def test_microdata_counts_in_the_head_only(linter: Linter) -> None:
    tags = '<meta itemprop="author" content="Dr A. Patel"><meta itemprop="dateModified" content="2026-05-02">'
    assert _page_codes(linter, tags) == set()
    in_body = _PAGE.format(head="").replace(
        "</h1>", f"</h1><div itemscope itemtype='https://schema.org/Review'>{tags}</div>"
    )
    assert set(_codes(_lint(linter, in_body, path="page.html"))) >= _DATE_AND_AUTHOR


def test_html_metadata_date_can_be_stale() -> None:
    head = '<meta name="author" content="Dr A. Patel">\n<meta name="dcterms.modified" content="2019-01-15">'
    assert _page_codes(_linter(), head) == {"CMP009"}


def test_json_ld_is_never_prose(linter: Linter) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "MedicalWebPage", "description": '
        '"This miracle cure works for everyone", "lastReviewed": "2026-05-02"}</script>'
    )
    outcome = Linter(Settings(today=TODAY)).lint_text(_PAGE.format(head=head), path="page.html")
    assert not [f for f in outcome.findings if f.scope == "span" and f.line <= 4]


@pytest.mark.parametrize(
    ("title", "event"),
    [
        ("Lakeside Sports Acupuncture Relocates to a New Location in Ripon", "relocates"),
        ("Harbour Integrative Medicine Launches Major Website Update", "website"),
        ("Dr. Ada Mensah Named Chiropractor of the Year 2025 by the Guild", "named chiropractor of the year"),
        ("Northgate Detox Clinic Celebrates 10 Years of Service", "celebrates 10 years"),
    ],
)
def test_press_release_about_the_business_is_not_a_treatment_article(linter: Linter, title: str, event: str) -> None:
    # News (HealthNewsReview reviews news releases), but one that names no health intervention:
    # the intervention criteria (costs, harms, sources...) are not asked of it.
    text = (
        f"# {title}\n\nRIPON, UK, March 3, 2025 /24-7PressRelease/ -- The clinic offers acupuncture, "
        "chiropractic care and detox therapy to patients across the region.\n"
    )
    kind, reason, promotional = _type(text)
    assert (kind, promotional) == ("news", True)
    assert f"business event ({event})" in reason
    intervention = TREATMENT_ONLY | {"CMP007", "CMP012", "CMP014", "CMP015", "CMP016", "CMP017", "CMP020"}
    assert not set(_codes(_lint(linter, text))) & intervention


def test_business_words_do_not_retype_other_articles() -> None:
    # A clinic's release introducing a treatment is news about the treatment (judged on the
    # intervention criteria, not marked a business event); a page that is not selling anything
    # keeps its vocabulary-based type even with "website" in the title.
    promo = (
        "# Bayview Clinic Introduces Ketamine Infusion Therapy\n\nLEEDS, UK, March 3, 2025 "
        "/24-7PressRelease/ -- The clinic now offers ketamine infusions.\n"
    )
    doc, _ = parse_document(promo, path="x", fmt="markdown")
    found = classify(doc)
    assert (found.type, found.business) == ("news", None)
    plain = "# Statin tablets: order repeat prescriptions on the website\n\nAsk your GP about statins.\n"
    assert _type(plain)[0] == "treatment"


def test_harm_denied_or_of_the_illness_is_not_a_harm_explained() -> None:
    """CMP001 reads the claim analysis: reassurance ("no known side effects") and fear about
    the illness ("an epidemic of heart attacks") name harms that are not the treatment's."""
    linter = _linter(select=("CMP001",))
    head = "# Weight-loss injections\n\nOur weekly injections help you lose weight. "
    for denial in (
        "They are completely safe, with no known side effects.",
        "Excess weight is fueling an epidemic of heart attacks, strokes and cancer.",
    ):
        assert _codes(_lint(linter, head + denial)) == ["CMP001"], denial
    named = "Some people may get mild nausea for the first few weeks."
    assert _codes(_lint(linter, head + named)) == []


def test_selling_treatment_page_leaning_on_unnamed_research_owes_a_disclosure() -> None:
    """CMP012 asks a treatment page the claim analysis reads as selling copy (the seller's own
    voice), not a treatment page that sells nothing."""
    linter = _linter(select=("CMP012",))
    voice = (
        "Our formula is clinically proven to restore your gut. We made it for people like you. "
        "Our customers feel lighter and calmer within a week, and we know you will too. "
    )
    selling = "# Daily Balance probiotic\n\n" + voice * 6 + "Order today and save 20%."
    plain = (
        "# Steroid injections for sciatica\n\nA steroid injection can ease leg pain for a few weeks. "
        "A review of trials found the effect was small."
    )
    assert _codes(_lint(linter, selling)) == ["CMP012"]
    assert _codes(_lint(linter, plain)) == []
    card = linter.lint_text(plain, path="plain.md").file
    assert card is not None and card.scorecard is not None
    result = card.scorecard.result("independent_sources_coi")
    assert result.verdict == "not_applicable"
    assert "does not read it as promotional copy" in result.reason


def test_claims_unless_is_for_a_criterion_something_satisfies(tmp_path: Path) -> None:
    from medlint.kinds.base import ParamError
    from medlint.kinds.criterion import CriterionKind

    params = {
        "criterion": "sensational_language",
        "claims-fail": [{"categories": ["hype"]}],
        "claims-unless": [{"categories": ["safety"]}],
    }
    with pytest.raises(ParamError, match="claims-unless"):
        CriterionKind(params, tmp_path)


@pytest.mark.parametrize(
    ("params", "key"),
    [
        # `not-subject` reads the title with regexes, so it names a `patterns` list.
        (
            {
                "criterion": "alternatives",
                "cues": {"named": ["surgery"]},
                "not-subject": ["named"],
                "satisfied-by": [["named"]],
            },
            "not-subject",
        ),
        # `strict-unless` names cues like `unless` does.
        (
            {
                "criterion": "harms",
                "cues": {"harm": ["nausea"], "rate": ["NUM ~%"]},
                "satisfied-by": [["harm"]],
                "strict-types": ["news"],
                "strict-satisfied-by": [["harm", "rate"]],
                "strict-unless": ["denied"],
            },
            "strict-unless",
        ),
        # An "avoid" criterion fails on what it finds; a veto has nothing to overrule there.
        (
            {
                "criterion": "sensational_language",
                "cues": {"hype": ["miracle"]},
                "fails-if": [["hype"]],
                "vetoed-by": [["hype"]],
            },
            "vetoed-by",
        ),
    ],
)
def test_subject_and_veto_keys_are_checked(tmp_path: Path, params: dict[str, object], key: str) -> None:
    from medlint.kinds.base import ParamError
    from medlint.kinds.criterion import CriterionKind

    with pytest.raises(ParamError, match=key):
        CriterionKind(params, tmp_path)


SUBJECT_RULE = """code: HSE001
name: names-another-drug
severity: warning
summary: Names no drug but its own.
message: "This {type} article names no other drug."
why: "A test rule: a criterion whose pattern names one treatment, which is no alternative to itself when the title names it."
sources:
  - title: "HealthNewsReview.org, review criteria (criterion 7)"
    url: "https://www.healthnewsreview.org/about-us/review-criteria/"
types: [treatment, news]
check:
  kind: criterion
  criterion: alternatives
  patterns:
    specific: ['\\b[a-z]+mab\\b']
  not-subject: [specific]
  satisfied-by: [[specific]]
examples:
  bad:
    - "# Orvelimab for eczema\\n\\nSkin cleared in more people than with orvelimab."
  good:
    - "# A new cream for eczema\\n\\nSkin cleared in more people than with orvelimab."
"""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The article's own drug is no alternative to itself...
        ("Orvelimab for eczema", ["HSE001"]),
        # ...but the same sentence about another drug is one.
        ("A new cream for eczema", []),
    ],
)
def test_the_title_names_the_treatment_that_is_no_alternative_to_itself(
    tmp_path: Path, title: str, expected: list[str]
) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: house\nprefix: HSE\n")
    (pack / "HSE001-names-another-drug.yml").write_text(SUBJECT_RULE)
    linter = _linter(select=("HSE",), rule_packs=(pack,))
    text = f"# {title}\n\nThe cream works well. Skin cleared in more people than with orvelimab, an antibody."
    assert _codes(_lint(linter, text)) == expected


def test_a_trial_that_found_no_adverse_events_has_reported_its_harms() -> None:
    # In a report of a trial, "no serious adverse events were reported" is what it found (the
    # rule's `strict-unless` leaves denial out); on a product page it is reassurance.
    linter = _linter(select=("CMP001",))
    news = (
        "# Ankle stimulator eases bladder urgency, trial finds\n\n"
        "In a randomised trial of 148 adults published today in the journal Urology Advances, "
        "researchers at Halden University found the stimulator eased urgency. "
        "No serious adverse events were reported in either group."
    )
    assert _codes(_lint(linter, news)) == []
    page = "# Calmira ankle stimulator\n\nCalmira eases bladder urgency. No serious adverse events were reported."
    assert _codes(_lint(linter, page)) == ["CMP001"]

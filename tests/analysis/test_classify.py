"""Document types across genres (issue 11): remedies, herbs, supplements and drugs are treatment
pages; 'What is ...' titles take the type of what they define; news about a study is news; hub
and logistics pages are hubs."""

from __future__ import annotations

import pytest
from conftest import ROOT, SHARED

from medlint.analysis.classify import classify
from medlint.parse import format_for, parse_document


def kind(text: str, path: str = "a.md") -> str:
    doc, _ = parse_document(text, path=path, fmt=format_for(path, None))
    return classify(doc).type


@pytest.mark.parametrize(
    "text",
    [
        "# What Is Cinnamon Good For?\n\nCinnamon is a spice. It may help lower blood sugar.",
        "# Milk thistle\n\nMilk thistle is a herb taken for the liver.\n\n## Is it safe?\n\nSome people get bloating.",
        "# Prednisone\n\nPrednisone is a steroid medicine.\n\n## Side effects\n\nIt can raise blood sugar.",
        "# Serious Toxins Removed in Just 5-7 Days\n\nMillions feel tired.\n\nOur kit is the only cleanse you need.",
        "Calm Gummies\n\nOur berry gummies help children focus at school every day of the week.",
        "# Atorvastatin\n\nAtorvastatin lowers cholesterol.\n\n## How to take it\n\nTake one tablet a day.",
    ],
)
def test_remedy_herb_supplement_and_drug_pages_are_treatment(text: str) -> None:
    assert kind(text) == "treatment"


def test_what_is_title_takes_the_type_of_the_term() -> None:
    assert kind("# What is emphysema?\n\nEmphysema damages the air sacs in the lungs.") == "condition"
    assert kind("# What is turmeric?\n\nTurmeric is a yellow spice sold as a supplement.") == "treatment"


@pytest.mark.parametrize(
    "text",
    [
        "# Coffee drinkers may have lower liver cancer risk\n\nPeople who drank coffee were less likely to get liver "
        "cancer, a large observational study suggests.\n\nThe study, published online this week in Precision "
        "Oncology, followed 210,000 adults for 15 years.",
        "# Cardiora announces phase 3 results for velutrin\n\nCardiora said the drug cut hospital stays.",
        "# Knee jab could spare thousands from surgery\n\nAn injected drug eased pain in people with arthritis, an "
        "early trial finds, according to doctors.\n\nIn a phase 2 trial involving 184 patients, pain fell by a third.",
    ],
)
def test_news_about_a_study_is_news(text: str) -> None:
    assert kind(text) == "news"


def test_guide_that_cites_a_trial_later_is_not_news() -> None:
    text = (
        "# Knee injections\n\nA knee injection puts a steroid medicine into the joint to ease pain for a few weeks.\n\n"
        "## How well they work\n\nThe SELECT trial followed 17,604 people; a study published in The Lancet found "
        "less pain."
    )
    assert kind(text) == "treatment"


@pytest.mark.parametrize(
    "text",
    [
        "# The day of your surgery\n\nThis page explains the day of your operation.\n\n## When you arrive\n\nGo to "
        "level 2.\n\n## After your operation\n\nYou wake up in recovery.\n\n## Parking\n\nUse the car park.",
        "# Vaccinations\n\nFind out about vaccines.\n\n## Vaccines for adults\n\n- Flu vaccine\n- COVID-19 vaccine\n"
        "- Shingles vaccine\n- Pneumococcal vaccine\n- RSV vaccine\n\n## How to book\n\nCall 0300 555 0100.",
        "# Questions to ask your surgeon\n\nYou may want to ask about the operation and recovery.",
    ],
)
def test_hub_and_logistics_pages_are_hubs(text: str) -> None:
    assert kind(text) == "hub"


def test_hub_reason_says_why() -> None:
    doc, _ = parse_document("# The day of your surgery\n\nArrive at 7am.", path="a.md", fmt="markdown")
    assert "logistics" in classify(doc).reason


def test_labelled_types_are_at_least_90_percent_right() -> None:
    rows = []
    for line in (ROOT / "tests/data/doc-types/labels.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rel, gold = line.split("\t")[:2]
            path = ROOT / rel if rel.startswith("tests/") else SHARED / rel
            if path.is_file():
                rows.append((path, gold))
    if len(rows) < 100:
        pytest.skip("the shared corpus is not beside the project")
    right = sum(kind(p.read_text(encoding="utf-8"), str(p)) == gold for p, gold in rows)
    assert right / len(rows) >= 0.9


_RELEASE = "SPRINGFIELD, May 2, 2025 (Newsworthy.ai) -- "


def test_business_event_release_is_other_without_health_claims() -> None:
    text = (
        "# Northside Acupuncture Wins Best Small Business Award\n\n"
        f"{_RELEASE}Northside Acupuncture was named best small business of the year by the local "
        "chamber of commerce. The owners thanked their staff and their neighbours."
    )
    assert kind(text) == "other"


def test_business_event_release_that_claims_health_effects_is_a_treatment_page() -> None:
    text = (
        "# Northside Acupuncture Relocates to a New Clinic\n\n"
        f"{_RELEASE}Northside Acupuncture has moved to a larger clinic on Main Street. Its effective "
        "treatments are designed to treat and prevent sports injuries and relieve chronic pain."
    )
    assert kind(text) == "treatment"

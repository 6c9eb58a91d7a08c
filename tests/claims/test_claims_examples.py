"""The claims that motivated the claim analysis (issue: claims v2), each alone as a one-paragraph
Markdown article: every claim is flagged and described, the negated, questioned, refuted and
not-a-claim sentences are not. Expected codes follow the rules' meaning, not a run of the code."""

from __future__ import annotations

import pytest

from medlint import lint_text

CLAIMS = {
    "Zinc will help with almost every side effect of being hypothyroid.": "CLM002",
    "It boosts immune health.": "CLM008",
    "Coffee prevents dementia.": "CLM008",
    "Brain fog has become a new epidemic.": "CLM009",
    "It has been shown to help over 80% of all children.": "CLM006",
    "It is the fastest and safest way to treat brain fog.": "CLM012",
    "It works better than existing drugs.": "CLM012",
    "Your body does the healing.": "CLM013",
    "It is a safe alternative to antibiotics.": "CLM005",
    "Our injections cure knee pain.": "CLM013",
    "PRP injections reverse arthritis.": "CLM013",
    "This injection reverses arthritis.": "CLM013",
}

NOT_CLAIMS = [
    "Is there a cure for IBS?",
    "**The claim:** probiotics are a cure-all.",
    "The drug received Breakthrough Therapy Designation from the FDA.",
    "Premier TMS opened a new clinic in Leeds.",
    "Sunbed use dramatically increases the chance of developing melanoma.",
    "There is no cure for IBS.",
    # Careful pages say these of real care: no fear, no reassurance.
    "Waiting too long to call an ambulance after a stroke can be dangerous.",
    "Most small cuts heal with no scar.",
]


@pytest.mark.parametrize("sentence", sorted(CLAIMS))
def test_each_claim_is_flagged_alone(sentence: str) -> None:
    codes = {f.code for f in lint_text(sentence + "\n", path="a.md")}
    assert CLAIMS[sentence] in codes


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_what_is_not_a_claim_stays_quiet(sentence: str) -> None:
    codes = {f.code for f in lint_text(sentence + "\n", path="a.md") if f.code.startswith("CLM")}
    assert codes == set()


def test_raising_ill_health_is_a_harm_and_raising_health_a_benefit() -> None:
    harm = {f.code for f in lint_text("Our tea raises the risk of lung cancer.\n", path="a.md")}
    benefit = {f.code for f in lint_text("Our tea raises your energy.\n", path="a.md")}
    assert "CLM008" not in harm and "CLM008" in benefit


# Wording met in text written blind for the fifth session (claims-heldout-4's read half), in
# sentences of our own: the object inside a phrase ("keep dementia at bay"), loss told as theft,
# a scar-free promise and a permanence promise.
SESSION5 = {
    "Eating two walnuts a day could keep dementia at bay.": "CLM008",
    "Hair loss is stealing more than your hair.": "CLM009",
    "Left alone, it quietly eats away at your confidence.": "CLM009",
    "No scalpel, no stitches, no scar.": "CLM005",
    "Our serum makes wrinkles fade.": "CLM008",
    "Our implants give you a smile that never falls out again.": "CLM002",
    "Our dermatologist-developed serum clears acne.": "CLM006",
    "More and more dentists recommend oil pulling for healthy gums.": "CLM006",
}


@pytest.mark.parametrize("sentence", sorted(SESSION5))
def test_blind_set_wording_is_flagged(sentence: str) -> None:
    codes = {f.code for f in lint_text(sentence + "\n", path="a.md")}
    assert SESSION5[sentence] in codes


LISTING = (
    "QuietEar capsules\n\nQuietEar capsules support ear health. Order now for $39.\n\nTop reviews\n\n"
    "5.0 out of 5 stars  Life changing\nReviewed in the United States on August 3, 2026\nVerified Purchase\n"
    "My hearing has improved so much that I turned the TV down from 40 to 22.\n"
)


def test_a_review_label_is_not_the_story_but_the_story_is() -> None:
    """In a listing pasted as text, the customer's sentence is the testimonial; the
    "Verified Purchase" label on its own line is not."""
    lines = {f.line: f.code for f in lint_text(LISTING, path="listing.txt") if f.code == "CLM010"}
    assert 10 in lines  # "My hearing has improved so much..."
    assert 9 not in lines  # "Verified Purchase"

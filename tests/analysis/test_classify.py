"""Document types across genres (issue 11): remedies, herbs, supplements and drugs are treatment
pages; 'What is ...' titles take the type of what they define; news about a study is news; hub
and logistics pages are hubs."""

from __future__ import annotations

import pytest
from conftest import ROOT, SHARED

from medlint.analysis.classify import DocType, classify
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


def classified(text: str, path: str = "a.md") -> DocType:
    doc, _ = parse_document(text, path=path, fmt=format_for(path, None))
    return classify(doc)


def test_business_event_release_is_news_that_names_no_intervention() -> None:
    text = (
        "# Northside Acupuncture Wins Best Small Business Award\n\n"
        f"{_RELEASE}Northside Acupuncture was named best small business of the year by the local "
        "chamber of commerce. The owners thanked their staff and their neighbours."
    )
    found = classified(text)
    assert (found.type, found.business) == ("news", "wins")
    assert "no health intervention" in found.reason


def test_business_event_release_that_claims_health_effects_is_news_about_its_treatment() -> None:
    text = (
        "# Northside Acupuncture Relocates to a New Clinic\n\n"
        f"{_RELEASE}Northside Acupuncture has moved to a larger clinic on Main Street. Its effective "
        "treatments are designed to treat and prevent sports injuries and relieve chronic pain."
    )
    found = classified(text)
    assert (found.type, found.business) == ("news", None)
    assert found.release is not None and "relocates" in found.release


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # The title announces the event.
        (
            "# Eastside Wellness Introduces Cold Laser Therapy for Knee Pain\n\n"
            "DENVER, CO, March 3, 2025 /PRNewswire/ -- Eastside Wellness now offers cold laser sessions "
            "at its downtown clinic, where patients can book a course of six visits.",
            "title announces",
        ),
        # The lede announces it ("is pleased to offer").
        (
            "# Relief for Sore Joints in Denver\n\n"
            "DENVER, CO, March 3, 2025 /PRNewswire/ -- Eastside Wellness is pleased to offer cold laser "
            "sessions to patients with knee pain at its downtown clinic.",
            "lede announces",
        ),
        # The lede introduces the issuer that the title names, the way releases open.
        (
            "# Eastside Wellness: Cold Laser Sessions for Knee Pain\n\n"
            "DENVER, CO, March 3, 2025 /PRNewswire/ -- Eastside Wellness, a family-run physiotherapy "
            "practice in Denver, gives patients with knee pain a course of cold laser sessions.",
            "introduces the issuer",
        ),
        # A listed company's release.
        (
            "# Cold Laser Maker Reports a Busy Quarter\n\n"
            "The last quarter was busy for Lumetra (NASDAQ: LUMX), which sells cold laser devices to "
            "physiotherapy clinics across the country.\n\n## About Lumetra\n\nLumetra makes lasers.",
            "listed company",
        ),
        # A hospital newsroom's release: no wire service, a newsroom mark, a "first to offer" title.
        (
            "# St. Kilda's first in the region to offer new procedure for high blood pressure\n\n"
            "**St. Kilda's Regional Medical Center — News & Stories**\n\n"
            "For eleven years, a retired electrician took pill after pill to bring down his blood pressure.\n\n"
            "The procedure calms the nerves around the kidneys' arteries through a thin tube.",
            "first in the region to offer",
        ),
    ],
)
def test_press_release_about_an_event_of_its_issuer_is_news(text: str, why: str) -> None:
    found = classified(text)
    assert found.type == "news"
    assert why in found.reason


def test_dated_advertorial_about_a_treatment_in_general_stays_a_treatment_page() -> None:
    text = (
        "# Cold Laser Therapy Offers Hope for Knee Pain\n\n"
        "DENVER, CO, March 3, 2025 /PRNewswire/ -- Cold laser therapy is increasingly recognised as a "
        "gentle way to ease knee pain. Sessions last ten minutes and many patients feel better.\n\n"
        "Eastside Wellness, a family-run physiotherapy practice, says its patients like it."
    )
    found = classified(text)
    assert found.type == "treatment"
    assert found.release is None


def test_a_release_that_is_not_a_release_by_its_genre_is_not_news() -> None:
    # Announcement words alone, with no dateline or company boilerplate, make selling copy, not news.
    text = (
        "# Eastside Wellness Introduces Cold Laser Therapy\n\n"
        "Our clinic now offers cold laser therapy for knee pain. Book your consultation today!"
    )
    assert classified(text).type == "treatment"


def test_a_shop_offer_marks_selling_copy() -> None:
    # A price alone is not selling copy; a price and a shop's offer are.
    shop = "# Marine collagen\n\nOne scoop a day for smoother skin. Get 3 tubs for the price of 2 today: $79."
    assert classified(shop).promotional
    plain = "# Marine collagen\n\nCollagen powders cost about $30 a month and their benefits are unproven."
    assert not classified(plain).promotional


def test_a_newsroom_release_announcing_a_service_is_news() -> None:
    # No dateline and no wire service: "Posted in Newsroom" marks the genre, the title announces.
    text = (
        "# St. Ives Hospital Now Offers Prostate Artery Embolization\n\n"
        "*Posted in Newsroom | Men's Health*\n\n"
        "For two years, a retired postman planned his days around bathrooms and long drives.\n\n"
        "The procedure blocks small arteries to the prostate and takes about two hours."
    )
    found = classified(text)
    assert found.type == "news"
    assert "news release (posted in newsroom)" in found.reason
    # Without the mark it is a clinic's page about its treatment, as before.
    assert classified(text.replace("*Posted in Newsroom | Men's Health*\n\n", "")).type == "treatment"


def test_work_in_mice_told_after_the_lede_is_preclinical() -> None:
    text = (
        "# Nasal vaccine could end yearly flu shots\n\n"
        "A nasal spray vaccine protected against many flu strains in a new study, researchers say.\n\n"
        "The work, published in Immunity Frontiers, describes a vaccine built from protein nanoparticles.\n\n"
        "In the study, the team gave mice two doses of the vaccine four weeks apart."
    )
    assert classified(text).preclinical == "gave mice"
    people = text.replace("gave mice", "gave 120 volunteers")
    assert classified(people).preclinical is None


def test_news_about_a_diet_is_marked_and_a_bought_diet_is_not() -> None:
    text = (
        "# Eating within eight hours works as well as counting calories, trial finds\n\n"
        "In a year-long trial of 180 adults, time-restricted eating led to weight loss similar to "
        "cutting calories, researchers reported today in the journal Obesity Medicine."
    )
    assert classified(text).diet == "time-restricted eating"
    shakes = text.replace("researchers reported", "with meal replacement shakes, researchers reported")
    assert classified(shakes).diet is None


@pytest.mark.parametrize(
    "title",
    ["FDA Approves Vocantra, First Pill for Chronic Cough", "Tibara Receives FDA Clearance for Bladder Stimulator"],
)
def test_a_regulators_decision_in_the_title_is_news(title: str) -> None:
    text = f"# {title}\n\nThe pill is expected in pharmacies next month. In two trials it cut coughing fits by a third."
    found = classified(text)
    assert found.type == "news"
    assert "decision" in found.reason


def test_research_credited_without_an_article_is_news() -> None:
    # "according to new research" as well as "according to a new study".
    text = (
        "# Simple blood test could predict pre-eclampsia months before symptoms appear\n\n"
        "A blood test taken early in pregnancy could identify women who will develop pre-eclampsia, "
        "according to new research from Dunmore College.\n\n"
        "The researchers found that the test flagged 83 in 100 women who went on to develop it."
    )
    assert classified(text).type == "news"


def test_a_feature_whose_title_names_a_small_trial_is_news() -> None:
    # A story that opens on a patient, not the study, and has "Side effects" and "cost" headings.
    text = (
        "# Five-day brain stimulation course eased depression in small trial\n\n"
        "*By Ana Ruiz, Health Reporter*\n\n"
        "For nine years, Tom Reyes tried one antidepressant after another before he joined a study.\n\n"
        "## Side effects and cost\n\nHeadaches were common. A course costs about $9,000."
    )
    assert kind(text) == "news"


def test_a_news_story_on_a_launch_is_news_past_its_byline_caption_and_scene_setting() -> None:
    # A local news story: a byline and a photo caption above it, a place-only dateline, a scene
    # in the first paragraph and the news ("unveiled") in the second.
    text = (
        "# New heart van brings scans to the farm gate\n\n"
        "**By Lena Okafor | WKVT 5 News**\n\n"
        "*[Photo: Nurse Ada Brown stands beside the new heart van outside Marlow General on Tuesday.]*\n\n"
        "MARLOW FALLS — From the road it looks like any delivery van, but inside there is an "
        "ultrasound machine and a folding couch.\n\n"
        "Marlow General Hospital on Tuesday unveiled the county's first mobile heart clinic, which "
        "will visit twelve villages a month.\n\n"
        '"People wait months for a scan," said Dr. Ray Munro, a cardiologist at the hospital.'
    )
    found = classified(text)
    assert found.type == "news", found.reason
    assert "dateline" in found.reason and "unveiled" in found.reason
    # Without its dateline nothing marks it as news rather than a page about the van.
    no_place = text.replace("MARLOW FALLS — ", "")
    assert classified(no_place).type != "news"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A station's story: a weekday in its "Posted:" line, a video caption, a place dateline
        # with the station's call sign, and a title saying the service is "now offered".
        (
            "# Knee-free hip surgery now offered in Marlow, patients say\n\n"
            "Posted: Tue 6:10 PM, May 3, 2016 | Updated: Tue 9:40 PM, May 3, 2016\n\n"
            "[▶ VIDEO: Health Watch: a new option for worn-out hips, 2:41 long]\n\n"
            "MARLOW, Ore. (KMRL) — For years, Ada Brown walked with a cane and a grimace.\n\n"
            '"I got my life back," she said after the operation at Marlow General this spring.',
            "news",
        ),
        # A consumer site's story adapted from a release, its news in the paragraph after.
        (
            "# Warm baths helped older rats sleep better\n\n"
            "**But experts warn that what works in rats often fails in people for many reasons**\n\n"
            "*Adapted from a news release from the Hallam Institute of Sleep Research*\n\n"
            "Older rats bathed in warm water each evening fell asleep sooner, new research shows, "
            "though nobody yet knows why.\n\n"
            "In the new study, researchers bathed 40 rats for ten minutes a night for a month.",
            "news",
        ),
        # A shop's page for a supplement in chews, named as such only in its title.
        (
            "# Heart Health Beet Chews\n\n$39.95 for 60 chews. Subscribe and save 20%.\n\n"
            "Two chews a day support healthy circulation.",
            "treatment",
        ),
    ],
)
def test_real_page_clutter_does_not_hide_the_type(text: str, expected: str) -> None:
    assert kind(text) == expected, classified(text).reason


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # A feature lede (an anecdote) over a report pegged to the day: "published Thursday in".
        (
            "# Can your phone spot a mole that matters?\n\n"
            "When Ada Brown noticed a dark spot on her arm, she checked it with an app on her phone.\n\n"
            "The app said the spot was fine, but six weeks later a doctor removed an early melanoma.\n\n"
            "The findings, published Thursday in a dermatology journal, suggest the apps miss some.",
            "a.md",
        ),
        # A station's story whose dateline carries its call sign, and no study at all.
        (
            "# 'I walk again': heat treatment quiets knee pain without surgery\n\n"
            "BOISE, Idaho (KTVR) — For six years, Ada Brown could not get round the shop without a rest.\n\n"
            '"I was living in my recliner," Brown said of the years before her treatment.',
            "a.md",
        ),
        # A hospital's web release: navigation before the headline, a subhead and a caption that
        # ends on its photo credit before the dateline.
        (
            "<html><body><nav><p>Find a Doctor | Locations | MyChart Login | Pay My Bill | Careers</p></nav>"
            "<h1>Marlow Heart Institute First in Region to Implant Wireless Heart Sensor</h1>"
            "<p>Paperclip-sized device lets cardiologists see trouble brewing weeks before patients feel it</p>"
            "<p>Dr. Ada Brown and the cath lab team after the region's first implant of the sensor. "
            "Photo: Marlow Marketing and Communications</p>"
            "<p>SPRINGFIELD, Mo. — Marlow Heart Institute has become the first hospital in the region to "
            "implant the sensor, a tiny wireless device for people with heart failure.</p>"
            "<p>Media contact: Dana Reyes, press office</p></body></html>",
            "a.html",
        ),
    ],
)
def test_news_pegged_to_the_day_is_news_whatever_its_lede(text: str, path: str) -> None:
    doc, _ = parse_document(text, path=path, fmt=format_for(path, None))
    found = classify(doc)
    assert found.type == "news", found.reason


def test_a_guide_that_cites_a_dated_study_is_not_news() -> None:
    # A year is no news peg: a guide cites "a 2019 study published in JAMA".
    text = (
        "# Melatonin for sleep\n\nMelatonin is a hormone your body makes in the evening, and it is "
        "also sold as a sleep aid in tablets and gummies.\n\n"
        "Most people take it for a few weeks at a time, half an hour or so before they go to bed.\n\n"
        "A 2019 study published in JAMA found it helped some people fall asleep a little sooner.\n\n"
        "## Side effects\n\nSome people feel drowsy the next morning."
    )
    assert kind(text) == "treatment"

"""The scorecard (issue 11): each criterion's verdict with evidence, the JSON and its schema,
the command, and the issue's "content is there but not recognised" and "silenced by words
about something else" cases."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from medlint.api import Scorer
from medlint.cli import main
from medlint.scorecard import CRITERION_IDS, Scorecard, to_json

GOLD = ROOT / "tests" / "data" / "completeness-gold"
SCHEMA = json.loads((ROOT / "docs" / "scorecard.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def card(scorer: Scorer, text: str, path: str = "a.md") -> Scorecard:
    return scorer.score_text(text, path)


def test_every_hnr_id_is_on_the_card(scorer: Scorer) -> None:
    c = card(scorer, "# Knee injections\n\nA knee injection puts medicine into the joint.")
    ids = [r.criterion.id for r in c.criteria]
    assert ids[:10] == [
        "costs",
        "benefits",
        "harms",
        "evidence",
        "disease_mongering",
        "independent_sources_coi",
        "alternatives",
        "availability",
        "novelty",
        "sensational_language",
    ]
    assert set(ids) == set(CRITERION_IDS)


def test_side_effects_in_plain_words_are_harms(scorer: Scorer) -> None:
    text = (
        "# Milk thistle capsules\n\nOur capsules support the liver. Some people may experience mild bloating "
        "or diarrhea when they start taking them."
    )
    r = card(scorer, text).result("harms")
    assert r.verdict == "satisfactory"
    assert "bloating" in r.evidence[0].text


@pytest.mark.parametrize(
    "sentence",
    [
        "Cinnamon interacts with various receptors in the body.",
        "Unlike cortisone shots, which can be harmful to cartilage, PRP uses your own blood.",
        "Our drip has minimal side effects and a low risk of complications.",
    ],
)
def test_words_about_something_else_are_not_harms(scorer: Scorer, sentence: str) -> None:
    text = f"# PRP and cinnamon supplement\n\nThe supplement supports joints. {sentence}"
    assert card(scorer, text).result("harms").verdict == "not_satisfactory"


def test_relative_risk_alone_is_not_a_quantified_benefit(scorer: Scorer) -> None:
    rel = "# Velutrin tablets\n\nVelutrin cut the risk of going to hospital by 32% in a trial."
    assert card(scorer, rel).result("benefits").verdict == "not_satisfactory"
    absolute = rel + " Over 18 months, 9 of 100 people on velutrin went to hospital, against 13 of 100 on placebo."
    assert card(scorer, absolute).result("benefits").verdict == "satisfactory"


def test_references_section_whatever_its_heading(scorer: Scorer) -> None:
    text = "# Iron tablets\n\nIron tablets treat anaemia.\n\n## Medical Citations\n\n- Iron deficiency. Lancet. 2021."
    assert card(scorer, text).result("sources").verdict == "satisfactory"


def test_journal_mention_and_byline_are_found(scorer: Scorer) -> None:
    text = (
        "# Coffee drinkers may have lower liver cancer risk\n\nWrite to Jenna Morales at jm@example.com\n\n"
        "People who drank coffee had less liver cancer, a large study suggests. The study, published online "
        "this week in Precision Oncology, followed 210,000 adults."
    )
    c = card(scorer, text)
    assert c.type == "news"
    assert c.result("sources").verdict == "satisfactory"
    assert c.result("author").verdict == "satisfactory"


def test_seller_own_release_is_satisfactory_on_disclosure(scorer: Scorer) -> None:
    text = (
        "# BrightSmile Dental introduces laser whitening\n\nAUSTIN, June 2, 2025 (PRWeb) -- BrightSmile Dental "
        "announced today that it offers laser teeth whitening. The treatment costs $399.\n\n"
        "## About BrightSmile Dental\n\nBrightSmile Dental has served Austin families since 2009."
    )
    r = card(scorer, text).result("independent_sources_coi")
    assert r.verdict == "satisfactory"
    assert "own" in r.reason


def test_study_news_needs_funding_or_an_independent_voice(scorer: Scorer) -> None:
    text = (
        "# Molecule helps mice remember\n\nResearchers at Northfield University found that a molecule helped "
        "mice through a maze, in a study published in Brain Research."
    )
    assert card(scorer, text).result("independent_sources_coi").verdict == "not_satisfactory"
    funded = text + " The study was funded by a dementia charity."
    assert card(scorer, funded).result("independent_sources_coi").verdict == "satisfactory"


def test_condition_page_is_not_asked_about_treatment_criteria(scorer: Scorer) -> None:
    text = (
        "# Plantar fasciitis\n\n## Symptoms\n\nHeel pain in the morning.\n\n## Causes\n\nStanding a lot.\n\n"
        "## See a GP if\n\nthe pain lasts more than 2 weeks."
    )
    c = card(scorer, text)
    assert c.type == "condition"
    for cid in ("costs", "benefits", "harms", "alternatives", "availability", "novelty"):
        assert c.result(cid).verdict == "not_applicable", cid


def test_disease_mongering_and_sensational_language_point_at_the_sentence(scorer: Scorer) -> None:
    text = (
        "# Low T clinic testosterone therapy\n\nYou could be one of the 1 in 4 men over 30 with low testosterone, "
        "a hidden epidemic that most doctors ignore. Our therapy is a game-changer."
    )
    c = card(scorer, text)
    dm = c.result("disease_mongering")
    assert dm.verdict == "not_satisfactory" and "hidden epidemic" in dm.evidence[0].text
    assert c.result("sensational_language").verdict == "not_satisfactory"


def test_json_matches_the_schema(scorer: Scorer) -> None:
    cards = [scorer.score_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted((GOLD / "articles").glob("*.md"))]
    jsonschema.validate(to_json(cards, [{"path": "x.md", "message": "not UTF-8"}]), SCHEMA)


def test_command_gates_on_criteria(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Knee injections\n\nA knee injection puts medicine into the joint.\n", encoding="utf-8")
    assert main(["score", str(article), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert data["files"][0]["type"] == "treatment"
    assert main(["score", str(article), "--fail-criteria", "harms"]) == 1
    assert "criterion 'harms' is not satisfactory" in capsys.readouterr().err
    assert main(["score", str(article), "--fail-criteria", "harm"]) == 2
    assert main(["score", str(article), "--min-score", "0.5"]) == 1
    assert main(["score", str(article), "--min-score", "0"]) == 0
    # `scorecard` is the same command; `--fail-on` its earlier spelling of --fail-criteria.
    assert main(["scorecard", str(article), "--fail-on", "harms"]) == 1
    assert main(["score", str(tmp_path / "missing.md")]) == 2


def test_score_reads_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Knee injections\n\nA knee injection puts medicine into the joint.\n", encoding="utf-8")
    config = tmp_path / ".medlint.toml"
    config.write_text('fail-criteria = ["costs"]\nignore = ["CMP001"]\n', encoding="utf-8")
    assert main(["score", str(article), "--format", "json"]) == 1
    harms = json.loads(capsys.readouterr().out)["files"][0]["criteria"][2]
    assert harms["id"] == "harms" and harms["verdict"] == "not_applicable"  # its only judge is ignored
    assert harms["reason"] == "no rule judges it"
    assert main(["score", str(article), "--fail-criteria", ""]) == 0  # the command line wins
    config.write_text('fail-criteria = ["cost"]\n', encoding="utf-8")
    assert main(["score", str(article)]) == 2
    assert "unknown criterion 'cost'" in capsys.readouterr().out


@pytest.fixture()
def careless(tmp_path: Path) -> Path:
    article = tmp_path / "a.md"
    article.write_text(
        "# Knee injections\n\nA knee injection puts medicine into the joint. Side effects include a sore knee "
        "for a day or two.\n",
        encoding="utf-8",
    )
    return article


def test_check_json_carries_each_files_scorecard(careless: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(careless), "--format", "json"])
    file = json.loads(capsys.readouterr().out)["files"][0]
    jsonschema.validate(file["scorecard"], {"$defs": SCHEMA["$defs"], "$ref": "#/$defs/scorecard"})
    verdicts = {c["id"]: c["verdict"] for c in file["scorecard"]["criteria"]}
    assert verdicts["harms"] == "satisfactory" and verdicts["costs"] == "not_satisfactory"
    harms = next(c for c in file["scorecard"]["criteria"] if c["id"] == "harms")
    assert harms["evidence"][0]["text"].startswith("Side effects include")
    assert (harms["evidence"][0]["line"], harms["evidence"][0]["column"]) == (
        3,
        48,
    )  # "Side" is the 48th character of line 3
    # No criterion rule selected: no scorecard, rather than fourteen "not applicable".
    main(["check", str(careless), "--format", "json", "--select", "RDB"])
    assert "scorecard" not in json.loads(capsys.readouterr().out)["files"][0]


def test_check_gates_on_criteria(careless: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # CMP014 (costs) is an info finding: under fail-level error it does not fail the run...
    assert main(["check", str(careless), "--fail-level", "error", "--select", "CMP014"]) == 0
    # ...unless costs is a gated criterion.
    assert main(["check", str(careless), "--fail-level", "error", "--fail-criteria", "costs"]) == 1
    assert "scorecard: criterion 'costs' is not satisfactory" in capsys.readouterr().err
    assert main(["check", str(careless), "--fail-level", "error", "--fail-criteria", "harms"]) == 0
    assert main(["check", str(careless), "--fail-level", "error", "--min-score", "0.9"]) == 1
    assert main(["check", str(careless), "--fail-criteria", "harm"]) == 2
    (careless.parent / ".medlint.toml").write_text('fail-level = "error"\nmin-score = 0.9\n', encoding="utf-8")
    assert main(["check", str(careless)]) == 1
    assert main(["check", str(careless), "--exit-zero"]) == 0
    (careless.parent / ".medlint.toml").write_text("min-score = 2\n", encoding="utf-8")
    assert main(["check", str(careless)]) == 2


def test_html_report_has_a_scorecard_panel(careless: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    main(["check", str(careless), "--format", "html", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    panel = page[page.index('<details class="scorecard"') :]
    panel = panel[: panel.index("</details>")]
    assert "criteria satisfactory" in panel
    assert '<td class="verdict v-not_satisfactory">no</td>' in panel
    assert '<a href="#f0-L3">3:48</a> <q>Side effects include' in panel


def test_python_api_scores_paths(careless: Path) -> None:
    from medlint.api import score_paths

    cards, errors = score_paths([careless, careless.parent / "missing.md"])
    assert [c.result("harms").verdict for c in cards] == ["satisfactory"]
    assert [e.message for e in errors] == ["no such file or directory"]


EXPOSURE_NEWS = (
    "# Coffee drinkers may have lower liver cancer risk\n\nPeople who drank three cups of coffee a day were less "
    "likely to get liver cancer over 15 years than people who drank none, researchers at Kingsbridge University "
    "found in an observational study published in Precision Oncology. Liver cancer was found in 0.12% of coffee "
    "drinkers and 0.19% of non-drinkers."
)


def test_news_about_an_exposure_is_not_asked_about_the_intervention(scorer: Scorer) -> None:
    c = card(scorer, EXPOSURE_NEWS)
    assert c.type == "news" and "about an exposure" in c.type_reason
    for cid in ("costs", "harms", "alternatives", "availability", "novelty"):
        assert c.result(cid).verdict == "not_applicable", cid
    assert c.result("benefits").verdict == "satisfactory"
    assert c.result("independent_sources_coi").verdict == "not_satisfactory"  # still asked of the study news


def test_an_observational_study_of_a_drug_is_still_about_an_intervention(scorer: Scorer) -> None:
    text = EXPOSURE_NEWS.replace("drank three cups of coffee a day", "took a statin tablet every day").replace(
        "drank none", "took none"
    )
    c = card(scorer, text)
    assert "about an exposure" not in c.type_reason
    assert c.result("harms").verdict == "not_satisfactory"
    assert c.result("costs").verdict == "not_satisfactory"


MOUSE_NEWS = (
    "# Nasal spray limits brain damage after concussion\n\nResearchers at Northfield University found that a "
    "nasal spray given after a head impact kept memory problems away in mice, in a study published today in "
    "Brain Research. The spray has not been tested in people."
)


@pytest.mark.parametrize(
    ("text", "costs"),
    [
        # Nothing is on sale after a study in mice: its cost is not asked.
        (MOUSE_NEWS, "not_applicable"),
        # The same work reported with a trial in people is asked what it would cost.
        (MOUSE_NEWS.replace("in mice", "in 120 patients in a phase 2 trial"), "not_satisfactory"),
        # A hope for patients is no study in them.
        (MOUSE_NEWS.replace("Brain Research.", "Brain Research, which could one day help patients."), "not_applicable"),
    ],
)
def test_news_about_work_in_animals_is_not_asked_the_cost(scorer: Scorer, text: str, costs: str) -> None:
    c = card(scorer, text)
    assert c.type == "news"
    assert c.result("costs").verdict == costs
    assert c.result("harms").verdict != "not_applicable"  # still asked of the study news


_LAUNCH = (
    "# Eastside Wellness Introduces Cold Laser Therapy for Knee Pain\n\n"
    "DENVER, CO, March 3, 2025 /PRNewswire/ -- Eastside Wellness now offers cold laser sessions for knee pain "
    "at its downtown clinic. The effective treatment relieves pain in most patients, the clinic says.\n\n"
    "## About Eastside Wellness\n\nEastside Wellness is a physiotherapy practice in Denver."
)


def test_release_announcing_a_service_is_news_judged_on_its_intervention(scorer: Scorer) -> None:
    c = card(scorer, _LAUNCH)
    assert c.type == "news" and "press release" in c.type_reason
    for cid in ("costs", "benefits", "harms", "alternatives"):
        assert c.result(cid).verdict == "not_satisfactory", cid
    assert c.result("availability").verdict == "satisfactory"  # "now offers ... at its downtown clinic"
    # DISCERN Q15 is asked of patient information, not of news.
    assert c.result("decision_support").verdict == "not_applicable"
    # Nothing is presented as new: unlike a study report, the release is not asked for novelty.
    assert c.result("novelty").verdict == "not_applicable"
    c = card(scorer, _LAUNCH.replace("cold laser sessions", "an innovative new cold laser session"))
    assert c.result("novelty").verdict == "not_satisfactory"


def test_release_about_an_award_is_not_asked_about_an_intervention(scorer: Scorer) -> None:
    text = (
        "# Dr. Ada Mensah Named Physiotherapist of the Year 2025\n\n"
        "DENVER, CO, March 3, 2025 /PRNewswire/ -- Dr. Ada Mensah, who runs a physiotherapy practice in "
        "Denver, was named physiotherapist of the year by the state guild for her teaching."
    )
    c = card(scorer, text)
    assert c.type == "news" and "no health intervention" in c.type_reason
    for cid in ("costs", "benefits", "harms", "evidence", "independent_sources_coi", "alternatives"):
        assert c.result(cid).verdict == "not_applicable", cid
    for cid in ("availability", "novelty", "sources", "decision_support"):
        assert c.result(cid).verdict == "not_applicable", cid
    assert c.result("date").verdict == "satisfactory"
    assert c.result("sensational_language").verdict == "satisfactory"


def test_cue_words_whose_lemma_is_a_number_still_match() -> None:
    # The lemma table maps "first" to "1" and "third" to "3": a cue must still find the word.
    from medlint.kinds.cues import CueMatcher, tokens

    matcher = CueMatcher({"new": ["the first *? drug"], "ratio": ["a third of"], "date": ["first half of"]})
    assert [n for n, _, _ in matcher.find(tokens("It is the first oral drug for it."))] == ["new"]
    assert [n for n, _, _ in matcher.find(tokens("About a third of people improved."))] == ["ratio"]
    assert [n for n, _, _ in matcher.find(tokens("Expected in the first half of 2024."))] == ["date"]
    assert matcher.find(tokens("It is the 1 oral drug.")) == []


def test_the_scorecard_survives_the_results_cache_and_score_has_its_own_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.engine.results_cache import from_data, to_data
    from medlint.session import RunOptions, run

    article = tmp_path / "a.md"
    article.write_text(
        "# Knee injections\n\nA knee injection puts medicine into the joint. It is a game-changer.\n", encoding="utf-8"
    )
    report = run(RunOptions(paths=(str(article),), cache=False))
    result = report.files[0]
    assert result.scorecard is not None
    assert from_data(to_data(result)) == result  # an entry of the results cache holds the card
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    # `score` first (criterion rules only), then `check` on the same cache: check must not be
    # served score's entry, which has no readability or claim findings.
    assert main(["score", str(article), "--format", "json"]) == 0
    capsys.readouterr()
    for _ in range(2):  # the second run is served from the cache
        main(["check", str(article), "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        assert {f["pack"] for f in data["findings"]} >= {"claims", "completeness"}
        assert data["files"][0]["scorecard"]["criteria"][9]["verdict"] == "not_satisfactory"

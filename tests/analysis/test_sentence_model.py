"""The trained sentence models: features, loading, their wiring into criterion rules, and
sentences written here (never in their training data) on the sides a reader would put them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.analysis.sentence_model import ModelError, SentenceModel, available, feature_inputs, features, load
from medlint.api import Scorer
from medlint.config import Settings
from medlint.engine import Linter
from medlint.kinds.base import ParamError
from medlint.kinds.criterion import CriterionKind

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def test_features_are_lemmas_numbers_pairs_and_word_classes() -> None:
    got = features("Doctors prescribed 2 statins for nausea.")
    # lemmas, a number as NUM, and adjacent pairs
    assert {"doctor", "prescribe", "NUM", "statin", "for", "nausea"} <= got
    assert {"doctor prescribe", "prescribe NUM", "NUM statin", "statin for", "for nausea"} <= got
    # the same with each word of a known class replaced by the class
    assert {"TREATMENT", "SYMPTOM", "NUM TREATMENT", "TREATMENT for", "for SYMPTOM"} <= got
    assert "." not in got


def test_a_plural_the_lemma_table_does_not_know_still_gets_its_class() -> None:
    assert "or TREATMENT" in features("Ibuprofen or NSAIDs")
    # A drug's generic-name stem is a treatment though it is on no list.
    assert "take TREATMENT" in features("take orvelimab")


def test_probability_is_the_logistic_of_the_weighted_features() -> None:
    model = SentenceModel("toy", {"pill": 2.0, "placebo": -3.0}, bias=-1.0, threshold=0.5, about={})
    assert model.probability("A pill.") == pytest.approx(1 / (1 + 2.718281828459045**-1.0))
    assert model.probability("A placebo pill.") == pytest.approx(1 / (1 + 2.718281828459045**2.0))
    assert model.probability("Nothing here.") == pytest.approx(1 / (1 + 2.718281828459045**1.0))


def test_an_unknown_model_is_refused_with_the_shipped_names() -> None:
    with pytest.raises(ModelError, match=r"no sentence model 'costs' \(shipped: alternatives, benefits, harms\)"):
        load("costs")


@pytest.mark.parametrize("name", ["alternatives", "benefits", "harms"])
def test_each_shipped_model_states_its_provenance(name: str) -> None:
    model = load(name)
    assert 0 < model.threshold < 1
    assert model.about["criterion"] == name
    assert model.about["trained_by"] == "scripts/train_sentence_models.py"
    assert "licence" in model.about
    assert any("probes" in s for s in model.about["sets"])
    # The threshold is one cross-validation cannot tell from the best.
    cv = model.about["cross_validated_kappa"]
    assert cv[f"{model.threshold:.1f}"] >= max(cv.values()) - 0.03
    assert name in available()


# Sentences written for this test, on the side a reader would put them.
MEETS: dict[str, list[object]] = {
    "alternatives": [
        "Men usually start with tablets such as tamsulosin, and surgery is kept for those they do not help.",
        pytest.param(
            "Unlike hip replacement, which means several days in hospital, the injection takes an hour in clinic.",
            marks=pytest.mark.xfail(strict=True, reason="a known miss: 'unlike' weighs too little"),
        ),
    ],
    "harms": [
        "About 1 in 10 people who took the tablet had headaches, and 2 in 100 stopped because of nausea.",
        pytest.param(
            "Side effects include nausea and headache.",
            marks=pytest.mark.xfail(strict=True, reason="a known miss: short plain harm statements score low"),
        ),
        "The injection can cause bruising and, rarely, an infection where the needle went in.",
    ],
    "benefits": [
        "After a year, 12 of 100 people on the drug had a stroke, against 20 of 100 on the dummy pill.",
        "Those on the diet lost an average of 4 kg, compared with 1 kg in the group that ate as usual.",
    ],
}
# Another criterion's sentence, which a model must not take for its own.
CROSS: list[object] = [
    ("alternatives", "About 1 in 100 people get an infection in the new joint, which may need another operation."),
    pytest.param(
        "benefits",
        "About 1 in 100 people get an infection in the new joint, which may need another operation.",
        marks=pytest.mark.xfail(strict=True, reason="a known miss: a harm's rate reads as a benefit figure"),
    ),
    pytest.param(
        "benefits",
        "About 2 in 100 people get a skin infection where the needle went in.",
        marks=pytest.mark.xfail(strict=True, reason="a known miss: a harm's rate reads as a benefit figure"),
    ),
    ("harms", "After 12 weeks, 22 in 100 people on the pill had stopped smoking, against 8 in 100 on a dummy pill."),
]


@pytest.mark.parametrize(("name", "sentence"), CROSS)
def test_another_criterions_sentence_stays_below_the_threshold(name: str, sentence: str) -> None:
    model = load(name)
    assert model.probability(sentence) < model.threshold


@pytest.mark.xfail(strict=True, reason="a known miss: the harms model weighs short plain harm statements too low")
def test_a_list_is_read_after_the_sentence_that_leads_into_it() -> None:
    text = (
        "# Metformin\n\nMetformin is a tablet for type 2 diabetes. You take it with meals.\n\n"
        "Common side effects of metformin include:\n\n- feeling sick\n- diarrhoea\n- a metallic taste\n"
    )
    harms = Scorer().score_text(text, "metformin.md").result("harms")
    assert harms.verdict == "satisfactory", harms.reason


@pytest.mark.parametrize("name", ["alternatives", "benefits", "harms"])
def test_each_model_was_trained_on_the_feature_inputs_shipped_today(name: str) -> None:
    # The lemma table or a word-class list changed since training: the model reads features it
    # was not trained on. Retrain (scripts/train_sentence_models.py).
    assert load(name).about["feature_inputs"] == feature_inputs()


MISSES = [
    "The clinic will open a second site in March.",
    "The company plans to file for approval next year, its chief executive said.",
    "The study enrolled 300 adults in Ohio.",
]


def _meeting() -> list[object]:
    out: list[object] = []
    for name, sentences in MEETS.items():
        for s in sentences:
            if isinstance(s, str):
                out.append(pytest.param(name, s))
            else:
                out.append(pytest.param(name, *s.values, marks=s.marks))
    return out


@pytest.mark.parametrize(("name", "sentence"), _meeting())
def test_a_sentence_that_meets_the_criterion_reaches_the_threshold(name: str, sentence: str) -> None:
    model = load(name)
    assert model.probability(sentence) >= model.threshold


@pytest.mark.parametrize(("name", "sentence"), [(n, s) for n in MEETS for s in MISSES])
def test_a_sentence_about_something_else_stays_below_it(name: str, sentence: str) -> None:
    model = load(name)
    assert model.probability(sentence) < model.threshold


def test_the_scorecard_quotes_the_sentence_the_model_found() -> None:
    text = (
        "# Knee gel eases pain in trial\n\nResearchers tested the gel in 200 adults with knee pain. "
        "About 1 in 10 people who used the gel had a mild rash, and 2 in 100 stopped using it.\n"
    )
    card = Scorer().score_text(text, "knee.md")
    harms = card.result("harms")
    assert harms.verdict == "satisfactory"
    assert "model 'harms'" in harms.reason
    assert harms.evidence and "mild rash" in harms.evidence[0].text


def test_a_model_rule_says_why_it_found_nothing() -> None:
    text = "# Knee gel eases pain\n\nThe gel is sold in pharmacies. It comes in a blue tube.\n"
    card = Scorer().score_text(text, "knee.md")
    assert card.result("alternatives").verdict == "not_satisfactory"
    assert "no sentence reaches" in card.result("alternatives").reason


# Examples the pattern rules got right and the sentence models do not (the rules' own examples
# until the models replaced the patterns). On articles they never saw, the models agree with
# human raters more often than the patterns did (docs/scorecard.md, "Trained sentence models");
# these are what that cost. Strict: a model that learns one of them fails this test, and the
# example should go back into its rule.
KNOWN_MISSES = [
    (
        "CMP001",
        "good",
        "# Steroid tablets\n\nDo not take steroid tablets if you have an infection, unless your doctor says so.",
    ),
    ("CMP004", "good", "# Knee injections\n\nCompared with tablets, an injection acts only on the joint."),
    ("CMP004", "good", "# Bakuchiol serum\n\nThe serum was compared with retinol in 60 volunteers."),
    (
        "CMP004",
        "good",
        "# Steam therapy for an enlarged prostate\n\nMen with an enlarged prostate usually start with pills such as tamsulosin.",
    ),
    (
        "CMP004",
        "good",
        "# Skin patch for peanut allergy\n\nThe only approved peanut allergy treatment is an oral powder that children eat every day.",
    ),
    (
        "CMP004",
        "good",
        "# Zelvora eases knee pain in trial\n\nThe current standard of care, a steroid injection, wears off within weeks.",
    ),
    (
        "CMP004",
        "good",
        "# Blood test spots most womb cancers, study finds\n\nThe test flagged 132 of 142 cancers. An ultrasound scan caught slightly more cancers in the same women.",
    ),
    ("CMP004", "good", "# Zelvora gel for knee pain\n\nArthroscopic surgery, once common, has fallen out of favour."),
    (
        "CMP004",
        "good",
        "# Zelvora gel for knee pain\n\nMany people rely on anti-inflammatory tablets, which can upset the stomach.",
    ),
    (
        "CMP004",
        "good",
        "# Porcelain veneers\n\nIf you have gum disease, we will suggest an alternative such as composite bonding, clear aligners or whitening.",
    ),
    (
        "CMP004",
        "good",
        "# Gout flare drug\n\nThe drug eased flares in the trial. Flares are usually treated with colchicine or NSAIDs, which upset some stomachs.",
    ),
    (
        "CMP004",
        "good",
        "# Gout flare drug\n\nThe drug eased flares in the trial. Doctors usually prescribe colchicine for a flare.",
    ),
    (
        "CMP015",
        "good",
        "# Drug meets main goal in Phase 3 trial\n\nIn a randomized trial of 800 patients, the drug helped, researchers reported today in the journal Heart. The response rate was 45% in the treatment arm versus 20% in the placebo arm.",
    ),
]


@pytest.mark.xfail(strict=True, reason="a known miss of the trained sentence model")
@pytest.mark.parametrize(("code", "kind", "text"), KNOWN_MISSES)
def test_known_misses_of_the_models(code: str, kind: str, text: str) -> None:
    linter = Linter(Settings(extend_select=("ALL",)))
    fired = code in [f.code for f in linter.lint_text(text, path="example.md").findings]
    assert fired == (kind == "bad")


@pytest.mark.parametrize(
    ("params", "key", "message"),
    [
        ({"model": "costs"}, "model", "no sentence model 'costs'"),
        ({"model": "harms", "cues": {"x": ["pill"]}, "satisfied-by": [["x"]]}, "model", "not with 'satisfied-by'"),
        ({"model": "harms", "cues": {"x": ["pill"]}, "fails-if": [["x"]]}, "model", "for what fails a criterion"),
    ],
)
def test_a_model_rule_is_checked_when_it_is_built(
    tmp_path: Path, params: dict[str, object], key: str, message: str
) -> None:
    with pytest.raises(ParamError) as err:
        CriterionKind({"criterion": "harms", **params}, tmp_path)
    assert err.value.key == key
    assert message in str(err.value)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the models also train on labels of ../shared/corpus")
def test_the_shipped_models_are_what_the_training_script_makes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_sentence_models.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads((ROOT / "medlint" / "data" / "models" / "harms.json").read_text())["weights"]


# Plain side-effect sentences of patient pages, as a reviewer wrote them (not from the models'
# training data): each tells a reader the treatment's harms, so a treatment page holding one
# meets the harms criterion.
PATIENT_PAGE_HARMS: list[object] = [
    "Side effects include a sore knee for a day or two.",
    "Common side effects include feeling sick, headaches and diarrhoea.",
    "Some people get a headache or feel sick after taking it.",
    "About 1 in 10 people get a rash.",
    "The most common side effect is a dry mouth.",
    "Rarely, the injection can cause an infection in the joint.",
    *(
        pytest.param(text, marks=pytest.mark.xfail(strict=True, reason="a known miss of the harms model"))
        for text in (
            "It can cause stomach pain, bleeding and, rarely, kidney problems.",
            "Possible side effects include bruising, swelling and, rarely, infection.",
            "Side effects are usually mild and include nausea and dizziness.",
            "You may feel dizzy or drowsy for a few hours.",
            "Tell your doctor if you get chest pain or shortness of breath.",
        )
    ),
]


@pytest.mark.parametrize("sentence", PATIENT_PAGE_HARMS)
def test_a_plain_side_effect_sentence_meets_harms_on_a_treatment_page(sentence: str) -> None:
    text = (
        f"---\ntype: treatment\n---\n# Knee injections\n\nA knee injection puts medicine into the joint. {sentence}\n"
    )
    assert Scorer().score_text(text, "page.md").result("harms").verdict == "satisfactory"

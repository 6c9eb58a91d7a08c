"""Train the sentence models the scorecard's criteria read (`medlint/data/models/*.json`).

    python scripts/train_sentence_models.py [--criterion alternatives ...] [--check]

What a model learns from, for criterion C (nothing else is read):
- the labelled articles of the sets that may be read: completeness-gold (dev and its heldout),
  completeness-blind (the shared corpus; needs `../shared/corpus`) and the read halves of
  completeness-blind-2, -3, -5, -8, -9 and -11. An article rated "not satisfactory" on C gives
  every sentence of its body as a negative; one rated "satisfactory" gives the sentence(s) its
  label quotes as positives (the rest of it is not used: any of it may meet C too);
- the read halves (odd ids) of the probe sets for C: labelled passages, each one instance,
  weighted twice (they are the near misses).
Never read: the held halves of those sets, the sets held out whole (completeness-blind-4, -6,
-7, -10, -12, -13) and the probes' even ids: they measure the models.

The model is logistic regression over `medlint.analysis.sentence_model.features`, fitted by
full-batch gradient descent (fixed steps, so a run is deterministic), positives weighted up to
balance the classes. The threshold comes from five-fold cross-validation over the labelled
articles, folds by article: kappa ("not satisfactory" against the rest, an article's score being
its best sentence's) at each threshold; of those within 0.03 of the best, the one nearest 0.5.
`--check` trains and compares with the shipped files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _load_sets() -> ModuleType:
    """The completeness sets' scorer, which knows where each set lives and how it is halved."""
    spec = importlib.util.spec_from_file_location("completeness_score", ROOT / "tests/data/completeness-gold/score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gold = _load_sets()

from medlint.analysis.sentence_model import feature_inputs, features, list_leads, with_lead  # noqa: E402
from medlint.document import BlockKind  # noqa: E402
from medlint.kinds.base import BODY  # noqa: E402
from medlint.parse import parse_document  # noqa: E402
from medlint.sentences import sentence_spans  # noqa: E402

READ_SETS = [
    ("dev", "all"),
    ("heldout", "all"),
    ("blind", "all"),
    ("blind2", "read"),
    ("blind3", "read"),
    ("blind5", "read"),
    ("blind8", "read"),
    ("blind9", "read"),
    ("blind11", "read"),
]
PROBES = {
    "alternatives": ["alternatives-probes", "alternatives-probes-2"],
    "harms": ["harms-probes"],
    "benefits": ["benefits-probes"],
}
# News is held to more than the rule's model is asked: HealthNewsReview fails a story that names
# harms without saying how often, and CMP001 judges news by its strict lists, the model only
# other pages, where naming the harms is enough. So the news articles rated "not satisfactory"
# on harms give no negatives, nor the probes labelled "no" for want of frequencies.
NEWS_NEGATIVES = {"alternatives": True, "benefits": True, "harms": False}
PROBES_NOT_NEGATIVE = {"harms": re.compile(r"frequenc|quantif|severity only|who should not use", re.IGNORECASE)}
# What a criterion's sentence is not: another criterion's labelled passages ("yes" in the read
# half), as negatives. A harm's rate is no alternative; a benefit figure no harm. (Not for
# benefits: with the harms passages as negatives its cross-validated kappa fell, 0.80 -> 0.77,
# many of them being rates against a placebo, worded as benefits are.)
OTHERS = {
    "alternatives": ["harms-probes", "benefits-probes"],
    "benefits": [],
    "harms": ["benefits-probes"],
}
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
STEPS = 400
RATE = 2.0
MIN_COUNT = 2
PROBE_WEIGHT = 2.0
CV_NOISE = 0.03
MODELS = ROOT / "medlint" / "data" / "models"

Article = tuple[str, str, list[set[str]], list[int], bool]  # name, verdict, features, positives, news


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def body_sentences(path: Path) -> list[str]:
    """The sentences a criterion rule reads: body blocks' sentences, a list item whole and after
    the paragraph that leads into it with a colon (`list_leads`, as at run time)."""
    suffix = path.suffix.lower()
    fmt = "html" if suffix in (".html", ".htm") else "text" if suffix == ".txt" else "markdown"
    doc, _ = parse_document(path.read_text(encoding="utf-8"), path=str(path), fmt=fmt)
    for block in doc.blocks:
        block.sentences = sentence_spans(block.text)  # what the linter's sentence step fills in
    leads = list_leads(doc)
    out = []
    for block in doc.blocks:
        if block.kind is BlockKind.LIST_ITEM:
            out.append(with_lead(leads.get(block.index), block.text.strip()))
        elif block.kind in BODY:
            out.extend(t for s, e in block.sentence_spans() if len(t := block.text[s:e].strip()) > 3)
    return out


def _quoted(note: str) -> list[str]:
    """A label's quote, or the fragments a note marks with curly quotes."""
    return re.findall(r"‘([^’]+)’", note) or [note]


def articles(criterion: str) -> Iterator[Article]:
    for name, half in READ_SETS:
        chosen = gold.SETS[name]
        if chosen.shared and not chosen.articles.is_dir():
            raise SystemExit(f"no shared corpus at {chosen.articles}: the models train on its labels too")
        labels: dict[str, Any] = yaml.safe_load((chosen.labels / "labels.yml").read_text(encoding="utf-8"))
        if chosen.held == "halved":
            labels = gold.half_of(labels, half)
        for key, label in sorted(labels.items()):
            verdict, note = label[criterion]
            sentences = body_sentences(chosen.articles / key)
            news = label["type"] == "news"
            positives: set[int] = set()
            if verdict == "s":
                for fragment in map(_norm, _quoted(note)):
                    for i, sentence in enumerate(map(_norm, sentences)):
                        if len(fragment) > 12 and (
                            fragment[:60] in sentence or (len(sentence) > 25 and sentence in fragment)
                        ):
                            positives.add(i)
            yield f"{name}:{key}", verdict, [features(s) for s in sentences], sorted(positives), news


def _read_half(folder: str) -> Iterator[dict[str, Any]]:
    path = ROOT / "tests" / "data" / folder / "probes.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row: dict[str, Any] = json.loads(line)
        if int(re.sub(r"\D", "", row["id"])) % 2 == 1:  # the read half
            yield row


def probes(criterion: str) -> Iterator[tuple[set[str], int]]:
    """The criterion's labelled passages, and other criteria's "yes" passages as negatives."""
    skip = PROBES_NOT_NEGATIVE.get(criterion)
    for folder in PROBES[criterion]:
        for row in _read_half(folder):
            if row["label"] == "no" and skip is not None and skip.search(row["why"]):
                continue
            yield features(row["text"]), int(row["label"] == "yes")
    for folder in OTHERS[criterion]:
        for row in _read_half(folder):
            if row["label"] == "yes":
                yield features(row["text"]), 0


def fit(
    arts: list[Article], passages: list[tuple[set[str], int]], news_negatives: bool = True
) -> tuple[dict[str, float], float]:
    rows: list[tuple[set[str], int, float]] = []
    for _, verdict, sentences, positives, news in arts:
        if verdict == "n" and (news_negatives or not news):
            rows.extend((f, 0, 1.0) for f in sentences)
        elif verdict == "s":
            rows.extend((sentences[i], 1, 1.0) for i in positives)
    rows.extend((f, y, PROBE_WEIGHT) for f, y in passages)
    counts = Counter(f for row in rows for f in row[0])
    vocabulary = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(index) + 1))
    x[:, -1] = 1.0
    for r, (fs, _, _) in enumerate(rows):
        for f in fs:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.array([row[1] for row in rows], dtype=float)
    w = np.array([row[2] for row in rows])
    w = w * np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1.0), 1.0)
    theta = np.zeros(x.shape[1])
    penalty = np.r_[np.ones(len(index)), 0.0] / len(y)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        theta -= RATE * (x.T @ (w * (p - y)) / w.sum() + theta * penalty)
    return {f: float(theta[i]) for f, i in index.items()}, float(theta[-1])


def _score(model: tuple[dict[str, float], float], sentences: list[set[str]]) -> float:
    weights, bias = model
    best = max((bias + sum(weights.get(f, 0.0) for f in fs) for fs in sentences), default=-50.0)
    return float(1.0 / (1.0 + np.exp(-max(min(best, 50.0), -50.0))))


def cross_validated(
    arts: list[Article], passages: list[tuple[set[str], int]], news_negatives: bool
) -> dict[str, float]:
    """Kappa at each threshold, five folds by article; scored on the articles the model judges
    at run time (not news, for a criterion whose news the rule judges otherwise)."""
    rated = [a for a in arts if a[1] in ("s", "n")]
    order = list(range(len(rated)))
    random.Random(0).shuffle(order)
    scored: list[tuple[bool, float]] = []
    for k in range(5):
        test = {i for j, i in enumerate(order) if j % 5 == k}
        model = fit([a for i, a in enumerate(rated) if i not in test], passages, news_negatives)
        scored.extend(
            (rated[i][1] == "n", _score(model, rated[i][2])) for i in sorted(test) if news_negatives or not rated[i][4]
        )
    return {f"{t:.1f}": round(gold.kappa([(g, p < t) for g, p in scored]) or 0.0, 3) for t in THRESHOLDS}


def train(criterion: str) -> dict[str, Any]:
    arts = list(articles(criterion))
    passages = list(probes(criterion))
    news_negatives = NEWS_NEGATIVES[criterion]
    cv = cross_validated(arts, passages, news_negatives)
    # Kappas within CV_NOISE of the best are not told apart by some 130 articles: of those, the
    # threshold nearest 0.5 (where the classes, weighted to balance, meet).
    best = max(cv.values())
    threshold = min((t for t in THRESHOLDS if cv[f"{t:.1f}"] >= best - CV_NOISE), key=lambda t: abs(t - 0.5))
    weights, bias = fit(arts, passages, news_negatives)
    kept = {f: round(v, 4) for f, v in sorted(weights.items()) if abs(v) >= 0.0005}
    return {
        "about": {
            "criterion": criterion,
            "trained_by": "scripts/train_sentence_models.py",
            "articles": len(arts),
            "articles_by_verdict": dict(sorted(Counter(a[1] for a in arts).items())),
            "positive_sentences": sum(len(a[3]) for a in arts if a[1] == "s"),
            "passages": len(passages),
            "sets": [f"{n} ({h})" for n, h in READ_SETS]
            + [f"{p} (odd ids)" for p in PROBES[criterion]]
            + [f"{p} (odd ids, 'yes' as negatives)" for p in OTHERS[criterion]],
            "news_negatives": news_negatives,
            "feature_inputs": feature_inputs(),
            "cross_validated_kappa": cv,
            "licence": "MIT, as medlint; trained on the project's own labelled test data and the "
            "project's labels of the shared corpus (openly licensed articles); no text is stored, "
            "only weights of lemma features",
        },
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": kept,
    }


def differs(shipped: dict[str, Any], fresh: dict[str, Any]) -> str | None:
    """How a fresh training differs from the shipped model, beyond floating-point noise (another
    machine's BLAS may sum in another order)."""
    if shipped["threshold"] != fresh["threshold"]:
        return f"threshold {shipped['threshold']} -> {fresh['threshold']}"
    a, b = shipped["weights"], fresh["weights"]
    for feature in sorted(set(a) | set(b)):
        if abs(a.get(feature, 0.0) - b.get(feature, 0.0)) > 0.002:
            return f"weight of {feature!r} {a.get(feature, 0.0)} -> {b.get(feature, 0.0)}"
    if abs(shipped["bias"] - fresh["bias"]) > 0.002:
        return f"bias {shipped['bias']} -> {fresh['bias']}"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--criterion", action="append", choices=sorted(PROBES), help="default: all")
    ap.add_argument("--check", action="store_true", help="compare with the shipped models; write nothing")
    args = ap.parse_args()
    stale = []
    for criterion in args.criterion or sorted(PROBES):
        model = train(criterion)
        path = MODELS / f"{criterion}.json"
        cv = model["about"]["cross_validated_kappa"]
        print(f"{criterion}: threshold {model['threshold']}, cv kappa {cv}, {len(model['weights'])} features")
        if args.check:
            shipped = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
            why = "not shipped" if shipped is None else differs(shipped, model)
            if why:
                stale.append(f"{criterion} ({why})")
        else:
            MODELS.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    if stale:
        raise SystemExit(f"shipped models differ from a fresh training: {'; '.join(stale)}")


if __name__ == "__main__":
    main()

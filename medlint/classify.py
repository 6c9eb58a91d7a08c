"""What kind of article a document is, and why medlint thinks so.

Which parts an article must contain depends on what it is (DOMAIN.md, section C): a treatment
article owes readers its risks and alternatives, a symptom page does not. Types:

- treatment: a treatment, procedure, drug, supplement, device or service (front matter
  `procedure`, `drug`, `supplement`, `therapy`... mean the same);
- condition: a condition or symptom page (`symptom`, `disease`);
- news: a report about a study (`study`, `research`);
- recipe, other.

Front matter `type:` wins. Otherwise the title, the headings and the opening paragraphs are
matched against the vocabulary in rules/completeness/data/doc-types.yml: the title counts three
times a heading, so "Ketamine therapy for depression" is a treatment article even with a
"What is depression?" section, and a page whose headings are symptoms, causes and "see a GP if"
is a condition page even with a "Treatment from your GP" section; a promotional title that
announces a business event (a move, a website, an award, an appointment) makes the article
"other" whatever treatment its company's name holds. `promotional` marks selling
copy (wire-service datelines, "About <Company>" boilerplate, calls to book, prices); it is
independent of the type. Everything is regular expressions over a few blocks: no model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from medlint.document import BlockKind, Document
from medlint.kinds.base import RegexList
from medlint.resources import builtin_rules_dir

DOC_TYPES = ("treatment", "condition", "news", "recipe", "other")
_OPENING_BLOCKS = 3
"""Paragraphs after the title read for treatment vocabulary and news cues."""
_PROMO_BLOCKS = 40


@dataclass(frozen=True, slots=True)
class DocType:
    type: str
    reason: str
    promotional: bool = False


@dataclass(frozen=True)
class _Vocabulary:
    aliases: dict[str, str]
    treatment: list[re.Pattern[str]]
    condition: list[re.Pattern[str]]
    news: list[re.Pattern[str]]
    business: list[re.Pattern[str]]
    recipe: list[re.Pattern[str]]
    promotional: dict[str, re.Pattern[str]]


def _compile(items: list[str]) -> RegexList:
    return RegexList(re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in items)


@functools.cache
def vocabulary() -> _Vocabulary:

    path = builtin_rules_dir() / "completeness" / "data" / "doc-types.yml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases = {word.lower(): name for name, words in data["types"].items() for word in words}
    return _Vocabulary(
        aliases=aliases,
        treatment=_compile(data["treatment"]),
        condition=_compile(data["condition"]),
        news=_compile(data["news"]),
        business=_compile(data["business"]),
        recipe=_compile(data["recipe"]),
        promotional={k: re.compile(v, re.IGNORECASE) for k, v in data["promotional"].items()},
    )


def _first(patterns: list[re.Pattern[str]], text: str) -> str | None:
    if isinstance(patterns, RegexList) and not patterns.search_any(text):
        return None
    for rx in patterns:
        m = rx.search(text)
        if m:
            return m.group(0).lower()
    return None


def _distinct(patterns: list[re.Pattern[str]], text: str) -> list[str]:
    if isinstance(patterns, RegexList) and not patterns.search_any(text):
        return []
    return [m.group(0).lower() for rx in patterns if (m := rx.search(text))]


# Company boilerplate at the end of a press release: "About Evexia Wellness" as a heading or a
# one-line paragraph, with a capitalised name (not "About this page", "About the author").
_ABOUT = re.compile(r"^About\s+(?!(?:this|the|our|us|you|your|it|them|me|[a-z])\b)[A-Z0-9][\w&.'’-]*")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _where(title: bool, headings: int) -> str:
    """'title names', '2 headings name', 'title and 1 heading name', 'opening paragraphs name'."""
    if title and headings:
        return f"title and {_plural(headings, 'heading')} name"
    if title:
        return "title names"
    if headings:
        return f"{_plural(headings, 'heading')} name" + ("s" if headings == 1 else "")
    return "opening paragraphs name"


def promotional_cues(doc: Document) -> list[str]:
    vocab = vocabulary()
    cues: list[str] = []
    texts = [b.text for b in doc.blocks[:_PROMO_BLOCKS]]
    joined = "\n".join(texts)
    for name, rx in vocab.promotional.items():
        if rx.search(joined):
            cues.append(name)
    for block in doc.blocks:
        if (block.is_heading or len(block.text.split()) <= 6) and _ABOUT.match(block.text):
            cues.append("company boilerplate")
            break
    return cues


def _is_promotional(cues: list[str]) -> bool:
    strong = {"press release", "company boilerplate"}
    return bool(strong & set(cues)) or len(cues) >= 2


def classify(doc: Document) -> DocType:
    vocab = vocabulary()
    cues = promotional_cues(doc)
    promotional = _is_promotional(cues)
    promo_note = f"; promotional ({', '.join(cues)})" if promotional else ""

    declared = doc.front_matter.get("type")
    if isinstance(declared, str) and declared.strip():
        word = declared.strip().lower()
        name = vocab.aliases.get(word)
        if name is not None:
            how = "front matter 'type'" if word == name else f"front matter 'type: {word}'"
            return DocType(name, how + promo_note, promotional)

    title = doc.title
    headings = [b.text for b in doc.blocks if b.kind is BlockKind.HEADING]
    opening = [b.text for b in doc.blocks if not b.is_heading][:_OPENING_BLOCKS]

    recipe_heads = sum(1 for h in headings if _first(vocab.recipe, h))
    if recipe_heads >= 2:
        return DocType(
            "recipe", f"{_plural(recipe_heads, 'heading')} of a recipe (ingredients, method)" + promo_note, promotional
        )

    news = _first(vocab.news, title) or next((n for t in opening[:2] if (n := _first(vocab.news, t))), None)
    title_t = _first(vocab.treatment, title)
    title_c = _first(vocab.condition, title)
    t_heads = [w for h in headings if (w := _first(vocab.treatment, h))]
    c_heads = [w for h in headings if (w := _first(vocab.condition, h))]
    body_t = sorted({w for t in opening for w in _distinct(vocab.treatment, t)})

    if news and _first(vocab.news, title):
        return DocType("news", f"title reports a study ({news})" + promo_note, promotional)
    business = _first(vocab.business, title) if promotional else None
    if business:
        return DocType(
            "other", f"title announces a business event ({business}), not a treatment" + promo_note, promotional
        )

    c_score = 3 * bool(title_c) + len(c_heads)
    # Opening paragraphs only decide when nothing names a condition: condition pages describe
    # their treatments early too ("Glaucoma is treated with eye drops, laser or surgery").
    t_score = 3 * bool(title_t) + len(t_heads) + (min(len(body_t), 2) if not c_score else 0)
    if t_score > c_score and t_score >= 2:
        names = sorted({w for w in (title_t, *t_heads) if w} or set(body_t))[:3]
        reason = f"{_where(bool(title_t), len(t_heads))} a treatment ({', '.join(names)})"
        if c_score:
            reason += f"; {c_score} condition cue{'s' if c_score > 1 else ''} outweighed"
        return DocType("treatment", reason + promo_note, promotional)
    if c_score >= 1:
        names = sorted({w for w in (title_c, *c_heads) if w})[:3]
        reason = f"{_where(bool(title_c), len(c_heads))} a condition or symptom ({', '.join(names)})"
        if t_score:
            reason += f" and outweigh {t_score} treatment cue{'s' if t_score > 1 else ''}"
        return DocType("condition", reason + promo_note, promotional)
    if news:
        return DocType("news", f"opening reports a study ({news})" + promo_note, promotional)
    if promotional:
        return DocType("other", "no treatment or condition vocabulary in title or headings" + promo_note, True)
    return DocType("other", "no front matter 'type' and no treatment, condition or study cues")

"""What kind of article a document is, and why medlint thinks so.

Which parts an article must contain depends on what it is (DOMAIN.md, section C): a treatment
article owes readers its risks and alternatives, a symptom page does not. Types:

- treatment: a treatment, procedure, drug, supplement, device or service (front matter
  `procedure`, `drug`, `supplement`, `therapy`... mean the same);
- condition: a condition or symptom page (`symptom`, `disease`);
- news: a report or release about a study (`study`, `research`, `press-release`), and a press
  release about an event of its issuer (a launch, a new service or product, an opening, a move,
  an award, a website), as HealthNewsReview reviews news releases;
- hub: a page of logistics or links (the day of an operation, a pre-op appointment, questions to
  ask, check-ups, support groups, a list of vaccines and how to book);
- recipe, other.

Front matter `type:` wins. Otherwise the title, the headings and the opening paragraphs are
matched against the vocabulary in rules/completeness/data/doc-types.yml. A study reported in the
title, or two different study-report cues in the opening paragraphs ("published in <Journal>",
"researchers at", "a phase 3 trial", "enrolled 4,120 adults"), make the article news whatever it
is about; so does an opening pegged to the day's news (a study "published Thursday in", a wire
credit or a broadcaster's call sign in the dateline), whatever its lede. So does a press
release about an event of its issuer: a release by its genre (a wire-service dateline, "About
<Company>" boilerplate) whose title announces something
("introduces", "grand opening", "relocates", "named ... of the year"), whose lede does ("is
proud to offer", "proudly introduces"), or whose lede introduces the issuer as the one acting
("NTX, a leading mental health treatment center, offers...", a stock ticker); a dated
advertorial about a treatment in general stays a treatment page. A release about a business
event (a move, a website, an award) that makes no health claims for what the business offers
(fewer than two: "effective treatments", "therapy for depression") names no health intervention:
it is marked `business`, and the intervention criteria are not asked of it. A hub title or hub
headings (or a page that is mostly a short list of links with a booking or visiting heading)
make it a hub. A "What is ...?" title or heading is a definition and takes the type of what it
defines ("What is cinnamon good for?" is about a remedy, "What is emphysema?" about a
condition). Otherwise the title counts three times a heading, so "Ketamine therapy for
depression" is a treatment article even with a "What is depression?" section, and a page whose
headings are symptoms, causes and "see a GP if" is a condition page even with a "Treatment from
your GP" section; a promotional title that announces a business event (a move, a website, an
award, an appointment) and that is not a press release makes the article "other" whatever
treatment its company's name holds, unless its body claims health effects for what the business
offers (two different claims: "effective treatments", "relieve chronic pain"): then it is judged
as the treatment page it also is; selling copy with no treatment word in its title or headings
is a treatment page on the same condition. `promotional` marks selling copy (wire-service
datelines, "About <Company>" boilerplate, calls to book, prices); it is independent of the type.
Study news whose title or lede is about an exposure ("people who drank coffee", "an
observational study") and that names no intervention anywhere (a drug, a device, a procedure, a
trial arm) is marked `exposure`: the rules that weigh an intervention (costs, harms,
alternatives, availability, novelty) are not asked of it. Study news whose title, lede or first
paragraphs report work in animals or cells and no study in people is marked `preclinical`, and
study news about a change in what people eat, with nothing bought, is marked `diet`: what a
treatment would cost is not asked of either. Everything is regular expressions over a few
blocks: no model.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace
from typing import Any

from medlint.document import BlockKind, Document, words_up_to
from medlint.matching import RegexList, compiled, literal_hints, lowered_and_exact
from medlint.resources import builtin_rules_dir
from medlint.yamlload import load_yaml

DOC_TYPES = ("treatment", "condition", "news", "hub", "recipe", "other")
_OPENING_BLOCKS = 3
"""Paragraphs after the title read for treatment vocabulary."""
_NEWS_BLOCKS = 6
"""Paragraphs after the title read for study-report cues; one must be in the lede (the first
two paragraphs of ten words or more), so a guide that cites a trial further down is not news."""
_PROMO_BLOCKS = 40


@dataclass(frozen=True, slots=True)
class DocType:
    type: str
    reason: str
    promotional: bool = False
    exposure: str | None = None
    """News about an exposure (what people eat, drink or do, studied by observing them), not an
    intervention someone offers: the cue that says so. Costs, harms, alternatives, availability
    and novelty are not asked of it (HealthNewsReview rated such stories on the rest)."""
    announcement: str | None = None
    """A press release whose title or lede announces something (a launch, an introduction, an opening):
    the word that does. News of the issuer, not patient information."""
    release: str | None = None
    """News that is a press release about an event of its issuer (not about a study): the cue that
    makes it one. Criteria asked of every study report are asked of it only when their cues occur."""
    business: str | None = None
    """A press release about a business event (an award, a website, a move) that names no health
    intervention: the event. The intervention criteria are not asked of it."""
    preclinical: str | None = None
    """Study news about work in animals or cells, with no study in people in its title, lede or
    first paragraphs: the cue that says so. What the treatment would cost is not asked of it
    (nothing is on sale)."""
    diet: str | None = None
    """Study news, not selling copy, about a change in what people eat (a diet, an eating
    pattern), with nothing bought where it says what was studied: the cue that says so. What it
    would cost is not asked of it (nothing is on sale)."""
    cues: tuple[str, ...] | None = None
    """The promotional cues of the document (`promotional_cues`), found once by `classify` for
    the rules that read them too; None for a type not made by `classify`."""


@dataclass(frozen=True)
class _Vocabulary:
    aliases: dict[str, str]
    treatment: list[re.Pattern[str]]
    condition: list[re.Pattern[str]]
    news: list[re.Pattern[str]]
    condition_names: list[re.Pattern[str]]
    hub: list[re.Pattern[str]]
    business: list[re.Pattern[str]]
    recipe: list[re.Pattern[str]]
    health_claim: list[re.Pattern[str]]
    announcement_lede: list[re.Pattern[str]]
    release_issuer: list[re.Pattern[str]]
    promotional: dict[str, re.Pattern[str]]
    promotional_hints: dict[str, frozenset[str] | None]
    """For each promotional cue, words one of which every match contains (None: no such words)."""
    exposure: list[re.Pattern[str]]
    intervention: list[re.Pattern[str]]
    preclinical: list[re.Pattern[str]]
    diet: list[re.Pattern[str]]
    bought: list[re.Pattern[str]]
    in_people: list[re.Pattern[str]]
    dateline: list[re.Pattern[str]]
    release_mark: list[re.Pattern[str]]
    not_lede: list[re.Pattern[str]]
    news_peg: list[re.Pattern[str]]


def _compile(items: list[str]) -> RegexList:
    return RegexList(compiled(rf"\b(?:{p})\b", re.IGNORECASE) for p in items)


@functools.cache
def vocabulary() -> _Vocabulary:

    path = builtin_rules_dir() / "completeness" / "data" / "doc-types.yml"
    data: dict[str, Any] = load_yaml(path, track_lines=False)  # package data: read as the rule packs are
    aliases = {word.lower(): name for name, words in data["types"].items() for word in words}
    return _Vocabulary(
        aliases=aliases,
        treatment=_compile(data["treatment"]),
        condition=_compile(data["condition"]),
        news=_compile(data["news"]),
        condition_names=_compile(data["condition_names"]),
        hub=_compile(data["hub"]),
        business=_compile(data["business"]),
        recipe=_compile(data["recipe"]),
        health_claim=_compile(data["health_claim"]),
        announcement_lede=_compile(data["announcement_lede"]),
        release_issuer=_compile(data["release_issuer"]),
        promotional={k: re.compile(v, re.IGNORECASE) for k, v in data["promotional"].items()},
        promotional_hints={k: literal_hints(v) for k, v in data["promotional"].items()},
        exposure=_compile(data["exposure"]),
        intervention=_compile(data["intervention"]),
        preclinical=_compile(data["preclinical"]),
        diet=_compile(data["diet"]),
        bought=_compile(data["bought"]),
        in_people=_compile(data["in_people"]),
        dateline=_compile(data["dateline"]),
        release_mark=_compile(data["release_mark"]),
        not_lede=_compile(data["not_lede"]),
        news_peg=_compile(data["news_peg"]),
    )


def _first(patterns: list[re.Pattern[str]], text: str) -> str | None:
    if isinstance(patterns, RegexList):
        patterns = patterns.candidates(text)
    for rx in patterns:
        m = rx.search(text)
        if m:
            return m.group(0).lower()
    return None


def _distinct(patterns: list[re.Pattern[str]], text: str) -> list[str]:
    if isinstance(patterns, RegexList):
        patterns = patterns.candidates(text)
    return [m.group(0).lower() for rx in patterns if (m := rx.search(text))]


def _distinct_joined(patterns: list[re.Pattern[str]], texts: list[str]) -> list[str]:
    """`_distinct(patterns, " ".join(texts))`, the texts joined only when some pattern's
    literals occur in them, and the joined text never lowercased (see `candidates_joined`)."""
    if not isinstance(patterns, RegexList):
        return _distinct(patterns, " ".join(texts))
    found = patterns.candidates_joined(texts)
    if not found:
        return []
    text = " ".join(texts)
    return [m.group(0).lower() for rx in found if (m := rx.search(text))]


# Company boilerplate at the end of a press release: "About Evexia Wellness" as a heading or a
# one-line paragraph, with a capitalised name (not "About this page", "About the author").
_ABOUT = re.compile(r"^About\s+(?!(?:this|the|our|us|you|your|it|them|me|[a-z])\b)[A-Z0-9][\w&.'’-]*")


# "What is (are) X?", "What are the X": a definition of X.
_WHAT_IS = re.compile(r"^\s*what\s+(?:is|are)(?:\s*\((?:is|are)\))?\s+(?:an?\s+|the\s+)?(?P<term>.+)$", re.IGNORECASE)


def _cue(text: str, vocab: _Vocabulary) -> tuple[str | None, str | None, bool]:
    """(treatment word, condition word, undecided definition) of a title or heading.

    A definition ("What is X?") is read on X alone: a treatment or condition name decides it;
    an unknown X ("What is (are) Emphysema?") is a condition only when nothing else decides.
    """
    m = _WHAT_IS.match(text)
    if m is None:
        return _first(vocab.treatment, text), _first(vocab.condition, text), False
    term = m.group("term")
    t = _first(vocab.treatment, term)
    if t:
        return t, None, False
    c = _first(vocab.condition_names, term) or _first(vocab.condition, term)
    return None, c, c is None


def _lede(doc: Document) -> list[str]:
    """The story's opening: up to two paragraphs of ten words or more, before the first section
    (a paragraph that is a photo's caption, a byline, a credit or a line of fields is not its
    opening, nor is a list item: a release's bullet highlights)."""
    out: list[str] = []
    not_lede = vocabulary().not_lede
    # A web page's navigation and alert bars come before its headline: the story starts after it.
    title_at = next((b.index for b in doc.blocks if b.kind is BlockKind.TITLE), 0)
    for block in doc.blocks[title_at:]:
        if block.kind is BlockKind.TITLE:
            continue
        if block.is_heading:
            if out:
                break
            continue
        # A release's bullet highlights come before its story, and are not its opening.
        if block.kind is BlockKind.LIST_ITEM:
            continue
        if words_up_to(block.text, 10) >= 10 and not _first(not_lede, block.text.lstrip()):
            out.append(block.text)
            if len(out) == 2:
                break
    return out


def _list_hub(doc: Document) -> bool:
    """Mostly a list of short items (links, names), with little prose: a hub page's shape."""
    body = [b for b in doc.blocks if not b.is_heading and b.kind is not BlockKind.TITLE]
    short = [b for b in body if b.kind is BlockKind.LIST_ITEM and words_up_to(b.text, 7) <= 6]
    # Each block counted no further than the bar: the sum is below it exactly when the full one is.
    prose = sum(words_up_to(b.text, 150) for b in body if b.kind is not BlockKind.LIST_ITEM)
    return len(short) >= 5 and len(short) >= 0.5 * len(body) and prose < 150


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


def _promotional_names(vocab: _Vocabulary, text: str) -> set[str]:
    """The promotional cues that occur in `text`. A cue's regex runs only when one of its
    words is in the text (plain substring tests, much faster than a case-insensitive regex
    scan), so most pages are ruled out without a regex."""
    # A piece at a time, and remembered for the type tests that read the same text next (a
    # page that is one 10 MB paragraph took 120 MB to lowercase whole).
    low, exact = lowered_and_exact(text)  # not exact: some character lowercases to two: run every regex
    found: set[str] = set()
    for name, rx in vocab.promotional.items():
        hints = vocab.promotional_hints[name]
        if exact and hints is not None and not any(h in low for h in hints):
            continue
        if rx.search(text):
            found.add(name)
    return found


def promotional_cues(doc: Document) -> list[str]:
    vocab = vocabulary()
    texts = [b.text for b in doc.blocks[:_PROMO_BLOCKS]]
    present = _promotional_names(vocab, "\n".join(texts))
    cues: list[str] = [name for name in vocab.promotional if name in present]
    for block in doc.blocks:
        if (block.is_heading or words_up_to(block.text, 7) <= 6) and _ABOUT.match(block.text):
            cues.append("company boilerplate")
            break
    return cues


def _release_event(doc: Document, vocab: _Vocabulary, cues: list[str], lede: list[str]) -> str | None:
    """Why a press release is news of its issuer, or None: a release by its genre (a wire-service
    dateline, company boilerplate) whose title or lede announces an event or introduces the issuer."""
    if not {"press release", "company boilerplate"} & set(cues):
        return None
    title = doc.title
    m = vocab.promotional["announcement"].search(title)
    if m:
        return f"its title announces ({m.group().lower()})"
    business = _first(vocab.business, title)
    if business:
        return f"its title announces a business event ({business})"
    for text in lede:
        said = _first(vocab.announcement_lede, text)
        if said:
            return f"its lede announces ({said})"
    for text in lede:
        issuer = _first(vocab.release_issuer[:1], text)
        if issuer and _named_in(issuer, title):
            return f"its lede introduces the issuer named in its title ({' '.join(issuer.split()[:8])})"
    everything = " ".join(b.text for b in doc.blocks[:_PROMO_BLOCKS])
    ticker = _first(vocab.release_issuer[1:], everything)
    if ticker:
        return f"it is about a listed company {ticker.upper()}"
    return None


def _unwired_announcement(doc: Document, vocab: _Vocabulary, title: str, lede: list[str]) -> str | None:
    """Why a text is a release of its issuer though no wire service or boilerplate says so: its
    lede opens with a dateline ("ASHFORD, Conn. (Nov. 6, 2024) --") or it bears a release's mark
    ("Posted in Newsroom", "Media contact"), and its title or lede announces something (a
    hospital's newsroom launching a service)."""
    if not lede:
        return None
    found = _announced(vocab, title, lede)
    if found is None:
        return None
    where, words = found
    # The dateline opens the story, which a subhead set as a paragraph may precede.
    if any(_first(vocab.dateline, text) for text in lede[:2]):
        return f"a dated announcement: a dateline, and its {where} announces ({words.lower()})"
    # A release carries its marks at its head ("Posted in Newsroom") or its foot ("Media
    # contact"); a page's navigation further in is not one.
    ends = doc.blocks[:_MARK_BLOCKS] + doc.blocks[max(_MARK_BLOCKS, len(doc.blocks) - _MARK_BLOCKS) :]
    mark = next((m for b in ends if b.kind is not BlockKind.TITLE and (m := _first(vocab.release_mark, b.text))), None)
    if mark:
        return f"an announcement in a news release ({mark}), and its {where} announces ({words.lower()})"
    return None


_MARK_BLOCKS = 6
"""Blocks at each end of a text in which a news release carries its marks."""


def _announced(vocab: _Vocabulary, title: str, lede: list[str]) -> tuple[str, str] | None:
    """Where ("title", else "lede": its first two paragraphs, as a story opens on a scene and
    gives its news in the second) and with which words a text announces something (a launch, an
    introduction, an opening), or None."""
    m = vocab.promotional["announcement"].search(title)
    if m:
        return "title", m.group()
    said = _first(vocab.announcement_lede, title)
    if said:
        return "title", said
    said = next((w for text in lede[:2] if (w := _first(vocab.announcement_lede, text))), None)
    return ("lede", said) if said else None


def _named_in(issuer: str, title: str) -> bool:
    """Whether the name before an issuer's appositive ("NTX, a leading clinic") is in the title:
    a release is about its issuer, an advertorial about a product or a treatment in general."""
    words = re.sub(r"\([^)]*\)", " ", issuer.split(",")[0]).split()
    low = " ".join(title.lower().split())
    return any(len(words) - i >= (1 if i == 0 else 2) and " ".join(words[i:]) in low for i in range(len(words)))


def _is_promotional(cues: list[str]) -> bool:
    strong = {"press release", "company boilerplate"}
    return bool(strong & set(cues)) or len(cues) >= 2


def classify(doc: Document) -> DocType:
    # The promotional cues are a scan of the first blocks with a dozen regexes: found once here
    # and kept on the type for the rules that read them (the criterion kind's self-source test).
    cues = promotional_cues(doc)
    found = replace(_classify(doc, cues), cues=tuple(cues))
    lede = _lede(doc)
    if found.promotional and "press release" in cues:
        announced = _announced(vocabulary(), doc.title, lede)
        if announced:
            found = replace(found, announcement=announced[1])
    if found.type != "news":
        return found
    preclinical = _preclinical(doc, lede)
    if preclinical:
        found = replace(found, preclinical=preclinical)
    if found.promotional:
        return found  # selling copy always offers something
    exposure = _exposure(doc, lede)
    if exposure is None:
        diet = _diet(doc, lede)
        return replace(found, diet=diet) if diet else found
    return DocType(
        "news",
        f"{found.reason}; about an exposure ({exposure}), not an intervention",
        False,
        exposure,
        preclinical=found.preclinical,
        cues=found.cues,
    )


def _preclinical(doc: Document, lede: list[str]) -> str | None:
    """The cue that makes study news about work in animals or cells: one in the title, the lede
    or the paragraphs that say what was done ("In the study, the team gave mice two doses"), and
    no study in people there ("patients", "a phase 2 trial")."""
    vocab = vocabulary()
    opening = " ".join([doc.title, *lede, *_paragraphs(doc, _METHOD_PARAGRAPHS)])
    if _first(vocab.in_people, opening):
        return None
    return _first(vocab.preclinical, opening)


_STUDY_PARAGRAPHS = 4
"""Paragraphs from the top in which a story says what was studied; further down, treatments
come up as the alternatives ("glaucoma can be slowed with eye drops or surgery")."""

_METHOD_PARAGRAPHS = 6
"""Paragraphs from the top in which a release says what was done in its study: after the
lede, a quote and the background, "In the study, the team gave mice..." comes about fifth."""


def _paragraphs(doc: Document, n: int) -> list[str]:
    """The first `n` paragraphs' texts."""
    return [b.text for b in itertools.islice((b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH), n)]


def _diet(doc: Document, lede: list[str]) -> str | None:
    """The cue that makes study news about a change in what people eat ("time-restricted
    eating", "a Mediterranean diet"): one in the title or the lede, and nothing bought (a drug,
    a supplement, an app, a meal replacement) where the story says what was studied."""
    vocab = vocabulary()
    cue = _first(vocab.diet, " ".join([doc.title, *lede]))
    if cue is None:
        return None
    studied = " ".join([doc.title, *_paragraphs(doc, _STUDY_PARAGRAPHS)])
    return None if _first(vocab.bought, studied) else cue


def _exposure(doc: Document, lede: list[str]) -> str | None:
    """The cue that makes study news about an exposure: one in the title or the lede, and no
    intervention (a drug, a device, a procedure, a trial arm) where the story says what was
    studied: the title and its first paragraphs."""
    vocab = vocabulary()
    if _first(vocab.intervention, " ".join([doc.title, *_paragraphs(doc, _STUDY_PARAGRAPHS)])):
        return None
    for text in (doc.title, *lede):
        cue = _first(vocab.exposure, text)
        if cue:
            return cue
    return None


def _classify(doc: Document, cues: list[str]) -> DocType:
    vocab = vocabulary()
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
    body_texts = [b.text for b in doc.blocks if not b.is_heading]
    opening = body_texts[:_OPENING_BLOCKS]
    # Navigation, section labels and bylines are not the story: read paragraphs of some length.
    opening_news = [t for t in body_texts if words_up_to(t, 8) >= 8][:_NEWS_BLOCKS]
    lede = _lede(doc)

    recipe_heads = sum(1 for h in headings if _first(vocab.recipe, h))
    if recipe_heads >= 2:
        return DocType(
            "recipe", f"{_plural(recipe_heads, 'heading')} of a recipe (ingredients, method)" + promo_note, promotional
        )

    title_news = _first(vocab.news, title)
    open_news = sorted({w for t in opening_news for w in _distinct(vocab.news, t)})
    title_t, title_c, title_def = _cue(title, vocab)
    head_cues = [_cue(h, vocab) for h in headings]
    t_heads = [t for t, _, _ in head_cues if t]
    c_heads = [c for _, c, _ in head_cues if c]
    undecided = int(title_def) * 3 + sum(1 for _, _, d in head_cues if d)
    body_t = sorted({w for t in opening for w in _distinct(vocab.treatment, t)})

    if title_news:
        return DocType("news", f"title reports a study or a decision ({title_news})" + promo_note, promotional)
    if len(open_news) >= 2 and any(_first(vocab.news, t) for t in lede):
        return DocType("news", f"opening reports a study ({', '.join(open_news[:3])})" + promo_note, promotional)
    peg = next((p for t in opening_news if (p := _first(vocab.news_peg, t))), None)
    if peg:
        return DocType("news", f"opening pegs it to the day's news ({peg})" + promo_note, promotional)
    # An announcement with a dateline or a newsroom mark is a release though no wire service or
    # boilerplate says so: its business events are judged as a wire release's are.
    unwired = _unwired_announcement(doc, vocab, title, lede)
    business = _first(vocab.business, title) if promotional or unwired else None
    claims = _distinct_joined(vocab.health_claim, body_texts) if business or promotional else []
    release = (_release_event(doc, vocab, cues, lede) if promotional else None) or unwired
    if release and business and len(claims) < 2:
        return DocType(
            "news",
            f"a press release about a business event ({business}) that claims no health effect for anything "
            "it offers: no health intervention" + promo_note,
            promotional,
            release=release,
            business=business,
        )
    if release:
        return DocType(
            "news",
            f"a press release about an event of its issuer: {release}" + promo_note,
            promotional,
            release=release,
        )
    if business and len(claims) < 2:
        return DocType(
            "other", f"title announces a business event ({business}), not a treatment" + promo_note, promotional
        )
    if business:
        promo_note = (
            f"; the business event ({business}) comes with health claims ({', '.join(claims[:2])})" + promo_note
        )

    c_score = 3 * bool(title_c) + len(c_heads)
    # Opening paragraphs only decide when nothing names a condition: condition pages describe
    # their treatments early too ("Glaucoma is treated with eye drops, laser or surgery").
    t_score = 3 * bool(title_t) + len(t_heads) + (min(len(body_t), 2) if not (c_score or undecided) else 0)
    title_hub = _first(vocab.hub, title)
    hub_heads = [w for h in headings if (w := _first(vocab.hub, h))]
    hub_score = 3 * bool(title_hub) + len(hub_heads)
    if (hub_score >= 3 and hub_score >= t_score) or (hub_score >= 1 and _list_hub(doc)):
        names = sorted({w for w in (title_hub, *hub_heads) if w})[:3]
        shape = "" if hub_score >= 3 else "; mostly a list of short items"
        return DocType(
            "hub",
            f"{_where(bool(title_hub), len(hub_heads))} logistics or links ({', '.join(names)}){shape}" + promo_note,
            promotional,
        )
    # One treatment word in the opening is enough when nothing else speaks: a product page
    # ("Our berry-flavoured gummies...") often has no headings at all.
    if t_score > c_score and (t_score >= 2 or (body_t and not (c_score or undecided or headings))):
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
    if undecided:
        return DocType(
            "condition",
            "a 'What is ...?' title or heading defines a term that is not a treatment" + promo_note,
            promotional,
        )
    if open_news:
        return DocType("news", f"opening reports a study ({open_news[0]})" + promo_note, promotional)
    if promotional:
        every_t = sorted({w for t in body_texts for w in _distinct(vocab.treatment, t)})
        if len(claims) >= 2 and every_t:
            return DocType(
                "treatment",
                f"selling copy that claims health effects ({', '.join(claims[:2])}) for a treatment "
                f"({', '.join(every_t[:2])})" + promo_note,
                True,
            )
        return DocType("other", "no treatment or condition vocabulary in title or headings" + promo_note, True)
    return DocType("other", "no front matter 'type' and no treatment, condition or study cues")

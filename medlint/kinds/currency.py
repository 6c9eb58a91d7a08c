"""`date-currency`: is it clear when the article was written or last reviewed, and is that recent?

    check:
      kind: date-currency
      flag: missing                 # missing: no date at all; stale: newest date older than max-age-days
      front_matter: [date, updated, last_reviewed]   # fields that date the article
      labels: ['last reviewed', 'published']         # text labels a date must follow
      dateline_blocks: 2            # a full date in the first blocks of the text, or of the story
                                    # under its headline (a press-release dateline), counts
      max_age_days: 1095            # for `stale`

Dates are read from front matter (YAML dates or strings) and from text: a label followed by a
date ("Last reviewed: 3 March 2025", "Updated 2025-03-03", "Published March 2025"), or a full
date in the opening blocks (of the text, or of the story under its headline: a web page's
navigation comes first, a release's subhead and byline before its date). Today is
`settings.today` when set (tests, reproducible CI), else the system date. A stale date found
in the text is pointed at; one from front matter is a document-level finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from medlint.document import BlockKind, Document
from medlint.kinds.base import Hit, Judgement, Kind, RuleContext, choice, param, regex_list, string_list, typed
from medlint.kinds.common import positive_int
from medlint.matching import RegexList

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"\b(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    # "3 March 2025", and EurekAlert!'s "22-SEP-2014".
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)" + _MONTH.format(n="m2") + r"(?:,?\s+|-)(?P<y2>(?:19|20)\d\d)"
    r"|" + _MONTH.format(n="m3") + r"\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>(?:19|20)\d\d)"
    r"|" + _MONTH.format(n="m4") + r",?\s+(?P<y4>(?:19|20)\d\d)"
    # "03/03/2017": month first or day first, whichever is a date (see parse_date).
    r"|(?P<a5>\d{1,2})/(?P<b5>\d{1,2})/(?P<y5>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# Every form of _DATE holds a year: a block without one is ruled out by this far faster scan
# (a case-insensitive alternation of month names is tried at every word).
_YEAR = re.compile(r"(?:19|20)\d\d")
_FULL = ("y1", "y2", "y3", "y5")
# What may stand between a label and its date: "Last reviewed: Monday, 3 March", "Published on".
_LABEL_GAP = (
    r"\s*(?:[:\-\u2013\u2014]|\bon\b|\bin\b)?\s*"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*|(?:mon|tue|wed|thu|fri|sat|sun)\.?,?\s*)?"
    # A time of day before the date: "Published 9:14 a.m. ET March 3, 2017".
    r"(?:\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?)?$"
)


@dataclass(frozen=True)
class Dated:
    date: dt.date
    text: str
    block: int | None = None
    start: int = 0
    end: int = 0


def parse_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["y1"]:
            return dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return dt.date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))
        if g["y3"]:
            return dt.date(int(g["y3"]), _MONTHS[g["m3"].lower()], int(g["d3"]))
        if g["y5"]:
            first, second, year = int(g["a5"]), int(g["b5"]), int(g["y5"])
            # Month first (American) where that is a date, else day first.
            return dt.date(year, first, second) if first <= 12 else dt.date(year, second, first)
        if g["y4"]:
            # A month without a day: its last day, so a date is never older than it says.
            month = _MONTHS[g["m4"].lower()]
            nxt = dt.date(int(g["y4"]) + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
    except (ValueError, KeyError):
        return None
    return None


def _value_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1900 < value < 2100:
        return dt.date(value, 12, 31)
    if isinstance(value, str):
        m = _DATE.search(value)
        if m:
            return parse_date(m)
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def today(settings: Any) -> dt.date:
    value = getattr(settings, "today", None)
    if value:
        return dt.date.fromisoformat(str(value))
    return dt.date.today()


def _age(days: int) -> str:
    years, rest = divmod(days, 365)
    months = rest // 30
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


_DATE_KEYS = [
    "date",
    "updated",
    "last_reviewed",
    "reviewed",
    "published",
    "modified",
    "last_updated",
    "lastmod",
    "review_date",
    "date_reviewed",
]


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class DateCurrencyParams:
    flag: str = param("missing", choice("missing", "stale"))
    front_matter: list[str] = param(_DATE_KEYS, string_list)
    labels: RegexList = param([], regex_list)
    dateline_blocks: int = param(2, typed(int))
    max_age_days: int = param(1095, positive_int)
    criterion: str | None = param(None, typed(str))


_NO_DATES: tuple[re.Match[str], ...] = ()


def _date_matches(doc: Document, ctx: RuleContext | None) -> list[Sequence[re.Match[str]]]:
    """Each block's date-like matches, found once per document and shared through
    `ctx.analysis.dates`. A block without a year shares one empty tuple (an empty list each
    took 3.5 MB for a 10 MB article's 53,000 blocks)."""
    if ctx is not None and ctx.analysis.dates is not None:
        return ctx.analysis.dates
    matches: list[Sequence[re.Match[str]]] = [
        list(_DATE.finditer(block.text)) if _YEAR.search(block.text) else _NO_DATES for block in doc.blocks
    ]
    if ctx is not None:
        ctx.analysis.dates = matches
    return matches


class DateCurrencyKind(Kind[DateCurrencyParams]):
    name = "date-currency"
    JUDGES_WORDING = False
    Params = DateCurrencyParams

    def setup(self) -> None:
        self.label_rx = [re.compile(rx.pattern + _LABEL_GAP, re.IGNORECASE) for rx in self.p.labels]

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        p = self.p
        found, has_field = self.dates(doc, ctx)
        if p.flag == "missing":
            if not found and not has_field:
                yield Hit(None)
            return
        if not found:
            return
        # A date in the future ("next review due") shows the article is kept current.
        newest = max(found, key=lambda d: d.date)
        days = (today(ctx.settings) - newest.date).days
        if days <= p.max_age_days:
            return
        values = {
            "date": newest.date.isoformat(),
            "age": _age(days),
            "days": f"{days:,}",
            "max_age": _age(p.max_age_days),
            "max_age_days": f"{p.max_age_days:,}",
        }
        if newest.block is None:
            yield Hit(None, values=values)
        else:
            yield Hit(newest.block, newest.start, newest.end, values=values)

    def judge(self, doc: Document, ctx: RuleContext) -> Judgement:
        p = self.p
        found, has_field = self.dates(doc, ctx)
        if p.flag == "missing":
            if not found and not has_field:
                return Judgement("not_satisfactory", "no date")
            if not found:
                return Judgement("satisfactory", "a date field in the front matter")
            newest = max(found, key=lambda d: d.date)
            where = (Hit(newest.block, newest.start, newest.end),) if newest.block is not None else ()
            return Judgement("satisfactory", f"dated {newest.date.isoformat()}", where)
        hits = list(self.find(doc, ctx))
        if hits:
            return Judgement(
                "not_satisfactory",
                f"newest date {hits[0].values.get('date')} is older than {p.max_age_days} days",
                tuple(hits),
            )
        if not found:
            return Judgement("not_applicable", "no date to judge")
        return Judgement("satisfactory", "the newest date is recent")

    def dates(self, doc: Document, ctx: RuleContext | None = None) -> tuple[list[Dated], bool]:
        """Every date that dates the article, and whether a date field exists (even unparsed).
        The text is searched for dates once per document (in `ctx.analysis`), however many rules
        of this kind read them; each rule then keeps those its labels and placement accept."""
        p = self.p
        out: list[Dated] = []
        has_field = False
        for key in p.front_matter:
            value = doc.front_matter.get(key.lower())
            if value in (None, ""):
                continue
            has_field = True
            parsed = _value_date(value)
            if parsed is not None:
                out.append(Dated(parsed, f"{key}: {value}"))
        body_seen = 0
        after_title = p.dateline_blocks  # no title yet: only the text's first blocks open it
        per_block = _date_matches(doc, ctx)
        for block, matches in zip(doc.blocks, per_block, strict=True):
            text = block.text
            # The opening: the first blocks of the text, or of the story under its headline (a web
            # page's navigation comes before the headline, a release's dateline after it).
            if block.kind is BlockKind.TITLE:
                after_title = 0
            opening = block.kind is not BlockKind.TITLE and (
                body_seen < p.dateline_blocks or after_title < p.dateline_blocks
            )
            if block.kind is not BlockKind.TITLE:
                body_seen += 1
                after_title += 1
            for m in matches:
                labelled = any(rx.search(text, max(0, m.start() - 60), m.start()) for rx in self.label_rx)
                full = any(m.group(g) for g in _FULL)
                if not labelled and not (opening and full):
                    continue
                parsed = parse_date(m)
                if parsed is not None:
                    out.append(Dated(parsed, m.group(0), block.index, m.start(), m.end()))
        return out, has_field

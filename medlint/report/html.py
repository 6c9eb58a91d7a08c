"""One self-contained HTML page: each article with its findings highlighted in place.

The page fetches nothing (a Content-Security-Policy forbids it as a safety net) and needs
no JavaScript: tooltips are `title` attributes, navigation is anchor links.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from medlint.claims.register import FileClaims, support
from medlint.criteria import Scorecard
from medlint.findings import (
    FileResult,
    Finding,
    Report,
    RuleInfo,
    SectionGrade,
    Severity,
)
from medlint.version import __version__

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_DOT = " \u00b7 "
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --error: #cf222e; --error-bg: rgba(207, 34, 46, .15);
  --warning: #9a6700; --warning-bg: rgba(212, 167, 44, .3);
  --info: #0969da; --info-bg: rgba(9, 105, 218, .13);
  --target: #fff8c5; --bar: #8fa8c8; --bar-doc: #4a6a94;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --error: #ff7b72; --error-bg: rgba(248, 81, 73, .25);
    --warning: #d29922; --warning-bg: rgba(210, 153, 34, .3);
    --info: #58a6ff; --info-bg: rgba(56, 139, 253, .22);
    --target: #3b2e00; --bar: #3e5c80; --bar-doc: #6d93c4;
  }
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 92rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0; word-break: break-all; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
a { color: var(--info); text-decoration: none; }
a:hover { text-decoration: underline; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.chips { display: flex; gap: .5rem; flex-wrap: wrap; margin: .75rem 0 1rem; }
.chip { border: 1px solid var(--border); border-radius: 999px; padding: .15rem .7rem;
  font-weight: 600; background: var(--panel); }
.sev-error { --sev: var(--error); --sev-bg: var(--error-bg); }
.sev-warning { --sev: var(--warning); --sev-bg: var(--warning-bg); }
.sev-info { --sev: var(--info); --sev-bg: var(--info-bg); }
.chip.sev-error, .chip.sev-warning, .chip.sev-info { color: var(--sev); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--border); padding: .3rem .8rem; text-align: left;
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.box { border: 1px solid var(--border); border-left: 4px solid var(--sev, var(--muted));
  border-radius: 6px; background: var(--panel); padding: .6rem 1rem; margin: .75rem 0; }
.box ul { margin: .25rem 0; padding-left: 1.2rem; }
.files { columns: 2 22rem; padding-left: 1.2rem; }
.file { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 1.5rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 23rem; gap: 1.5rem;
  align-items: start; }
.layout.solo { grid-template-columns: minmax(0, 1fr); }
@media (max-width: 64rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
.src { font: 13.5px/1.65 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
  monospace; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4;
  border: 1px solid var(--border); border-radius: 6px; padding: .75rem 1rem .75rem 0;
  background: var(--bg); }
.l { position: relative; display: block; min-height: 1.65em;
  padding-left: calc(var(--gutter) + 1.6em); }
.l::before { content: attr(data-n); position: absolute; left: 0; width: calc(var(--gutter) + .6em);
  text-align: right; color: var(--muted); opacity: .7; user-select: none; }
.l:target { background: var(--target); }
mark { color: inherit; background: var(--sev-bg); border-bottom: 2px solid var(--sev);
  border-radius: 2px; scroll-margin-top: 40vh; }
/* Nested marks underline above their parent's border, so both stay visible. */
mark mark { border-bottom: 0; text-decoration: underline 2px var(--sev); text-underline-offset: .2em; }
mark:hover { outline: 1px solid var(--sev); }
mark:target { outline: 2px solid var(--sev); outline-offset: 1px; }
/* A filled pill, so that the badges of nested findings ending together ("23", "22")
   read as two numbers rather than one ("2322"). Inline, not inline-block: an atomic
   inline is a line-break opportunity and the badge would wrap away from its word. */
mark.last::after { content: attr(data-n); margin: 0 1px 0 2px;
  padding: .12em .32em; border-radius: .7em; vertical-align: .45em;
  font: 700 10px/1 system-ui, sans-serif; color: var(--bg); background: var(--sev); }
.list { position: sticky; top: .75rem; max-height: calc(100vh - 1.5rem); overflow: auto;
  border: 1px solid var(--border); border-radius: 6px; background: var(--panel); }
.list h3 { margin: 0; padding: .6rem .9rem; border-bottom: 1px solid var(--border);
  position: sticky; top: 0; background: var(--panel); }
.list ol { list-style: none; margin: 0; padding: 0; }
.list li { padding: .5rem .9rem; border-bottom: 1px solid var(--border);
  border-left: 4px solid var(--sev); }
.list li:target { background: var(--target); }
.num { display: inline-block; min-width: 1.6em; font-weight: 700; color: var(--sev); }
.code { font: 600 .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.pos { color: var(--muted); font-size: .85em; float: right; }
.msg { margin: .15rem 0 0; }
.sugg { margin: .15rem 0 0; color: var(--muted); }
.sugg b { color: var(--fg); font-weight: 600; }
figure { margin: .5rem 0 1rem; max-width: 52rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .axis { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: var(--border); }
svg .bar { fill: var(--bar); }
svg .bar.doc { fill: var(--bar-doc); }
svg .target { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .target-label { fill: #c0392b; font-size: 11px; }
svg a:hover text { text-decoration: underline; }
.claims td.claim { max-width: 48rem; }
.claims .v-overclaim { color: var(--error); font-weight: 600; }
.claims .v-needs-source, .claims .v-needs-figure { color: var(--warning); font-weight: 600; }
.claims .v-supported { color: var(--info); }
.scorecard td.verdict { font-weight: 600; white-space: nowrap; }
.scorecard .v-satisfactory { color: var(--info); }
.scorecard .v-not_satisfactory { color: var(--error); }
.scorecard .v-not_applicable { color: var(--muted); font-weight: 400; }
.scorecard q { color: var(--muted); }
details { margin: 2rem 0 0; }
details.scorecard { margin: .75rem 0 1rem; }
summary { cursor: pointer; font-weight: 600; }
footer { color: var(--muted); margin-top: 3rem; font-size: .9em; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _source_text(text: str) -> str:
    # The HTML parser turns every CR into LF; a character reference keeps it, so the
    # DOM text of a mark equals the matched source text exactly.
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _count(n: int, severity: Severity) -> str:
    return f"{n} {severity.label}{'s' if severity != Severity.INFO and n != 1 else ''}"


def _severity_chips(counts: Counter[Severity]) -> str:
    chips = [f'<span class="chip sev-{s.label}">{_count(counts[s], s)}</span>' for s in _SEVERITIES]
    return f'<div class="chips">{"".join(chips)}</div>'


def _tooltip(f: Finding) -> str:
    text = f"{f.code} {f.name} ({f.severity.label}) at {f.line}:{f.column}\n{f.message}"
    if f.suggestion:
        text += f"\nSuggestion: {f.suggestion}"
    return text


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the end including its "\\n".

    Lines end at "\\n" only, as in the engine's line numbers, so a CRLF line keeps its CR.
    """
    lines, start = [], 0
    while (newline := text.find("\n", start)) != -1:
        lines.append((start, newline + 1))
        start = newline + 1
    if start < len(text) or not lines:
        lines.append((start, len(text)))
    return lines


def _in_source(f: Finding, text: str) -> bool:
    return f.scope == "span" and 0 <= f.start_offset <= f.end_offset <= len(text)


class _Highlighter:
    """Renders the source with each finding's text wrapped in <mark> elements.

    Overlapping findings cannot share one element, so the text is cut at every finding
    boundary and line end; each piece is wrapped in one nested <mark> per finding covering
    it. A finding may thus own several marks, all carrying its data; the first has its id.
    """

    def __init__(self, file_index: int, numbered: Sequence[tuple[int, Finding]]) -> None:
        self.file_index = file_index
        self.numbered = numbered

    def mark_open(self, n: int, f: Finding, first: bool, last: bool) -> str:
        classes = f"sev-{f.severity.label}" + (" first" if first else "") + (" last" if last else "")
        ident = f' id="f{self.file_index}-m{n}"' if first else ""
        return (
            f'<mark{ident} class="{classes}" data-finding="{self.file_index}-{n}" data-n="{n}"'
            f' data-code="{_e(f.code)}" data-severity="{f.severity.label}"'
            f' data-line="{f.line}" data-column="{f.column}"'
            f' data-end-line="{f.end_line}" data-end-column="{f.end_column}"'
            f' data-start="{f.start_offset}" data-end="{f.end_offset}"'
            f' title="{_e(_tooltip(f))}">'
        )

    def render(self, text: str) -> str:
        starts: dict[int, list[tuple[int, Finding]]] = {}
        empties: dict[int, list[tuple[int, Finding]]] = {}
        cut_set: set[int] = set()
        # The number badge goes after the last character that is not a line break: after
        # a "\n" it would start a line of its own.
        badge_at: dict[int, int] = {}
        for n, f in self.numbered:
            group = starts if f.end_offset > f.start_offset else empties
            group.setdefault(f.start_offset, []).append((n, f))
            visible = text[f.start_offset : f.end_offset].rstrip("\r\n")
            badge_at[n] = f.start_offset + len(visible) if visible else f.end_offset
            cut_set.update((f.start_offset, f.end_offset, badge_at[n]))
        cuts = sorted(cut_set)
        lines = _lines(text)
        out = [f'<div class="src" style="--gutter: {len(str(len(lines)))}ch">']
        active: dict[int, Finding] = {}
        for line_no, (line_start, line_end) in enumerate(lines, start=1):
            out.append(f'<span class="l" id="f{self.file_index}-L{line_no}" data-n="{line_no}">')
            inner = cuts[bisect.bisect_right(cuts, line_start) : bisect.bisect_left(cuts, line_end)]
            points = [line_start, *inner, line_end]
            for a, b in itertools.pairwise(points):
                out.extend(self.empty_mark(n, f) for n, f in empties.pop(a, []))
                active.update(starts.pop(a, []))
                for n in [n for n, f in active.items() if f.end_offset <= a]:
                    del active[n]
                covering = sorted(active.items(), key=lambda item: (item[1].start_offset, -item[1].end_offset, item[0]))
                out.extend(self.mark_open(n, f, f.start_offset == a, badge_at[n] == b) for n, f in covering)
                out.append(_source_text(text[a:b]) + "</mark>" * len(covering))
            if line_no == len(lines):  # findings of zero length at the very end of the text
                out.extend(self.empty_mark(n, f) for group in empties.values() for n, f in group)
            out.append("</span>")
        out.append("</div>")
        return "".join(out)

    def empty_mark(self, n: int, f: Finding) -> str:
        return self.mark_open(n, f, True, True) + "</mark>"


def _grade_charts(file_index: int, grades: Sequence[SectionGrade]) -> str:
    """Horizontal bars of the reading grade per section, one chart per metric."""
    by_metric: dict[str, list[SectionGrade]] = {}
    for g in grades:
        by_metric.setdefault(g.metric, []).append(g)
    charts = []
    for metric, rows in by_metric.items():
        values = [g.value for g in rows if g.value is not None]
        if not values:
            # Every section too short to grade: an empty chart would only be noise.
            continue
        targets = {g.target for g in rows if g.target is not None}
        target = targets.pop() if len(targets) == 1 else None
        top = max([12.0, *values, *([target] if target is not None else [])])
        step = 2 if top <= 20 else 5
        top = step * -(-top // step)
        label_w, bar_w, row_h, pad = 250, 420, 24, 8
        height = pad + row_h * len(rows) + 24
        width = label_w + bar_w + 60
        parts = []
        for tick in range(0, int(top) + 1, step):
            x = label_w + bar_w * tick / top
            parts.append(
                f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{pad}" y2="{height - 20}"/>'
                f'<text class="axis" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick}</text>'
            )
        for i, g in enumerate(rows):
            y = pad + i * row_h
            name = g.heading if g.heading is not None else "Whole document"
            short = name if len(name) <= 36 else name[:35] + "\u2026"
            grade = "not graded" if g.value is None else f"{g.value:.1f}"
            value = f"{grade} ({g.words} words)" if g.value is None else grade
            tip = _e(f"{name}: {grade} ({g.words} words, line {g.line})")
            label = (
                f'<a href="#f{file_index}-L{g.line}"><text x="{label_w - 10}" y="{y + 16}" '
                f'text-anchor="end">{_e(short)}</text></a>'
            )
            bar = ""
            if g.value is not None:
                w = max(1.0, bar_w * max(0.0, g.value) / top)
                cls = "bar doc" if g.heading is None else "bar"
                bar = f'<rect class="{cls}" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="2"/>'
                value_x = label_w + w + 6
            else:
                value_x = label_w + 6
            muted = ' class="axis"' if g.value is None else ""
            parts.append(
                f'<g><title>{tip}</title>{label}{bar}<text{muted} x="{value_x:.1f}" y="{y + 16}">{value}</text></g>'
            )
        if target is not None:
            # The audience's target, drawn over the bars, so the sections above it stand out.
            x = label_w + bar_w * target / top
            parts.append(
                f'<line class="target" x1="{x:.1f}" x2="{x:.1f}" y1="{pad - 4}" y2="{height - 20}">'
                f"<title>target: {target:g}</title></line>"
                f'<text class="target-label" x="{x + 4:.1f}" y="{pad + 2}">target {target:g}</text>'
            )
        charts.append(
            f'<figure class="grades"><figcaption>Reading grade by section ({_e(metric)})</figcaption>'
            f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="Reading grade by section, {_e(metric)}">{"".join(parts)}</svg></figure>'
        )
    return "".join(charts)


def _list_item(file_index: int, n: int, f: Finding, linked: bool) -> str:
    head = (
        f'<span class="num">{n}</span> <span class="code">{_e(f.code)}</span> {_e(f.name)}'
        f'<span class="pos">{f.line}:{f.column}</span>'
    )
    if linked:
        head = f'<a href="#f{file_index}-m{n}">{head}</a>'
    body = f'<p class="msg">{_e(f.message)}</p>'
    if f.match and not linked:
        body += f'<p class="sugg">at \u201c{_e(f.match)}\u201d (position not in the source)</p>'
    if f.suggestion:
        body += f'<p class="sugg"><b>Suggestion:</b> {_e(f.suggestion)}</p>'
    return f'<li id="f{file_index}-i{n}" class="sev-{f.severity.label}">{head}{body}</li>'


def _document_box(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    worst = max(f.severity for f in findings)
    items = "".join(
        f'<li class="sev-{f.severity.label}"><span class="code">{_e(f.code)}</span> '
        f"{_e(f.name)} <em>({f.severity.label})</em>: {_e(f.message)}"
        + (f" <b>Suggestion:</b> {_e(f.suggestion)}" if f.suggestion else "")
        + "</li>"
        for f in findings
    )
    return f'<div class="box sev-{worst.label}"><strong>About the whole document</strong><ul>{items}</ul></div>'


def _claims_table(file_index: int, claims: FileClaims | None) -> str:
    """The claims register of one file: its asserted claims, each with its support and verdict."""
    if claims is None:
        return ""
    rows = claims.shown()
    register = f"{claims.register} register" + (f": {claims.register_reason}" if claims.register_reason else "")
    head = f'<h3>Claims register</h3><p class="meta">{_e(register)}</p>'
    if not rows:
        return f'<div class="claims">{head}<p>No claims.</p></div>'
    body = "".join(
        f'<tr><td class="n"><a href="#f{file_index}-L{c.line}">{c.line}:{c.column}</a></td>'
        f'<td class="claim">{_e(" ".join(c.claim.text.split()))}</td>'
        f"<td>{_e(c.claim.category)}"
        + (
            f"<br><small>{_e(', '.join(x for x in c.claim.categories if x != c.claim.category))}</small>"
            if len(c.claim.categories) > 1
            else ""
        )
        + f"</td><td>{_e(support(c.claim))}</td>"
        f'<td class="v-{_e(c.claim.verdict)}">{_e(c.claim.verdict)}</td></tr>'
        for c in rows
    )
    return (
        f'<div class="claims">{head}<table><tr><th class="n">Line</th><th>Claim</th><th>Category</th>'
        f"<th>Support</th><th>Verdict</th></tr>{body}</table></div>"
    )


_VERDICT = {"satisfactory": "yes", "not_satisfactory": "no", "not_applicable": "n/a"}


def _scorecard_panel(file_index: int, card: Scorecard | None) -> str:
    """Each review criterion's verdict, with the sentence that decided it linked to its line."""
    if card is None:
        return ""
    rating = (
        "no criterion applies"
        if card.score is None
        else f"{card.satisfactory} of {card.applicable} criteria satisfactory ({card.stars:g} of 5 stars)"
    )
    rows = []
    for r in card.criteria:
        quote = ""
        if r.evidence:
            e = r.evidence[0]
            quote = f'<br><a href="#f{file_index}-L{e.line}">{e.line}:{e.column}</a> <q>{_e(e.text)}</q>'
        rows.append(
            f'<tr><td title="{_e(r.criterion.question)}">{_e(r.criterion.title)}</td>'
            f'<td class="verdict v-{_e(r.verdict)}">{_VERDICT.get(r.verdict, _e(r.verdict))}</td>'
            f"<td>{_e(r.reason)}{quote}</td></tr>"
        )
    return (
        f'<details class="scorecard" open><summary>Scorecard: {_e(rating)}</summary>'
        f"<table><tr><th>Criterion</th><th>Met</th><th>Why</th></tr>{''.join(rows)}</table></details>"
    )


def _file_section(
    index: int, path: str, result: FileResult | None, findings: Sequence[Finding], text: str | None
) -> str:
    meta = []
    if result is not None:
        doc_type = f"<strong>{_e(result.doc_type)}</strong>"
        if result.doc_type_reason:
            doc_type += f" ({_e(result.doc_type_reason)})"
        meta += [f"type {doc_type}", f"{result.words:,} words", _e(result.format)]
    counts = Counter(f.severity for f in findings)
    meta.append(", ".join(_count(counts[s], s) for s in _SEVERITIES if counts[s]) or "no findings")
    document = [f for f in findings if f.scope == "document"]
    spans = sorted(
        (f for f in findings if f.scope != "document"),
        key=lambda f: (f.start_offset, -f.end_offset, f.code),
    )
    numbered = list(enumerate(spans, start=1))
    placed = [(n, f) for n, f in numbered if text is not None and _in_source(f, text)]
    placed_ids = {n for n, _ in placed}
    items = "".join(_list_item(index, n, f, n in placed_ids) for n, f in numbered)
    if text is None:
        source = '<p class="box">The source text is not available.</p>'
    else:
        source = _Highlighter(index, placed).render(text)
    panel = (
        f'<aside class="list"><h3>{len(spans)} finding{"" if len(spans) == 1 else "s"} in the text</h3>'
        f"<ol>{items}</ol></aside>"
        if spans
        else ""
    )
    charts = _grade_charts(index, result.grades) if result is not None else ""
    card = _scorecard_panel(index, result.scorecard if result is not None else None)
    return (
        f'<section class="file" id="file-{index}"><h2>{_e(path)}</h2>'
        f'<p class="meta">{_DOT.join(meta)}</p>{charts}{card}{_document_box(document)}'
        f'<div class="layout{"" if spans else " solo"}"><div>{source}</div>{panel}</div>'
        f"{_claims_table(index, result.claims if result is not None else None)}</section>"
    )


def _pack_table(findings: Sequence[Finding]) -> str:
    if not findings:
        return "<p>No findings.</p>"
    packs: dict[str, Counter[Severity]] = {}
    for f in findings:
        packs.setdefault(f.pack, Counter())[f.severity] += 1
    head = "".join(f'<th class="n">{s.label}</th>' for s in _SEVERITIES)
    rows = "".join(
        f"<tr><td>{_e(pack)}</td>"
        + "".join(f'<td class="n">{counts[s] or ""}</td>' for s in _SEVERITIES)
        + f'<td class="n"><strong>{sum(counts.values())}</strong></td></tr>'
        for pack, counts in sorted(packs.items())
    )
    return f'<table><tr><th>Pack</th>{head}<th class="n">total</th></tr>{rows}</table>'


def _rules_glossary(rules: Sequence[RuleInfo], findings: Sequence[Finding]) -> str:
    used = {f.code for f in findings}
    rows = "".join(
        f'<tr><td class="code">{_e(r.code)}</td><td>{_e(r.name)}</td><td>{r.severity.label}</td>'
        f"<td>{_e(r.summary)}"
        + (f"<br><small>{_e(r.why)}</small>" if r.why else "")
        + (f"<br><small>More: {_e(r.help_uri)}</small>" if r.help_uri else "")
        + "</td></tr>"
        for r in sorted(rules, key=lambda r: r.code)
        if r.code in used
    )
    if not rows:
        return ""
    return (
        "<details><summary>Rules in this report</summary><table><tr><th>Code</th><th>Name</th>"
        f"<th>Default</th><th>What and why</th></tr>{rows}</table></details>"
    )


PROLOGUE = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="medlint">'
"""How every report starts, byte for byte: what tells a previous report from an article."""


def is_report(path: Path) -> bool:
    """Whether `path` is a medlint HTML report: it starts with PROLOGUE (an article that merely
    mentions medlint's generator tag does not)."""
    want = PROLOGUE.encode()
    try:
        with path.open("rb") as fh:
            return fh.read(len(want)) == want
    except OSError:
        return False


def render(report: Report) -> str:
    results = {r.path: r for r in report.files}
    paths = list(dict.fromkeys([r.path for r in report.files] + [f.path for f in report.findings]))
    by_path: dict[str, list[Finding]] = {p: [] for p in paths}
    for f in report.findings:
        by_path[f.path].append(f)
    words = sum(r.words for r in report.files)
    nav = "".join(
        f'<li><a href="#file-{i}">{_e(p)}</a> <span class="meta">{len(by_path[p])} finding'
        f"{'' if len(by_path[p]) == 1 else 's'}</span></li>"
        for i, p in enumerate(paths)
    )
    errors = ""
    if report.errors:
        items = "".join(f"<li><code>{_e(e.path)}</code>: {_e(e.message)}</li>" for e in report.errors)
        errors = f'<div class="box sev-error"><strong>Files that could not be linted</strong><ul>{items}</ul></div>'
    sections = "".join(
        _file_section(i, p, results.get(p), by_path[p], report.sources.get(p)) for i, p in enumerate(paths)
    )
    count = len(report.findings)
    return PROLOGUE + (
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>medlint report</title><style>{_CSS}</style></head>\n"
        '<body><div class="page"><header><h1>medlint report</h1>'
        f'<p class="meta">{len(paths)} file{"" if len(paths) == 1 else "s"} \u00b7 {words:,} words'
        f" \u00b7 {count} finding{'' if count == 1 else 's'}</p>"
        f"{_severity_chips(Counter(f.severity for f in report.findings))}"
        f"{_pack_table(report.findings)}{errors}"
        f"{f'<ul class=files>{nav}</ul>' if len(paths) > 1 else ''}</header>\n"
        f"<main>{sections}</main>{_rules_glossary(report.rules, report.findings)}"
        f"<footer>Generated by medlint {_e(__version__)}.</footer>"
        "</div></body></html>\n"
    )

"""A rule's applicability keys (`types`, `promotional`, `exposures`, `announcements`,
`audiences`, `where`): top-level keys checked by the one loader, asked once per document by
the engine, which then does not run a rule that is not for the document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medlint.analysis.classify import DocType
from medlint.config import ConfigError, Settings
from medlint.document import BlockKind
from medlint.engine import Linter
from medlint.kinds import kind_class
from medlint.registry.applicability import Applicability, load_applicability
from medlint.registry.rules import RulePackError, load_packs

GOOD_RULE = """\
code: ACM001
name: house-style-banned-word
severity: warning
summary: A word our house style bans.
message: "'{match}' is banned by our style guide."
why: |
  Our editors agreed not to call any treatment a "wonder" because it promises more than evidence
  can show, and readers have told us it makes articles sound like advertising copy.
sources:
  - title: "Acme Health house style guide"
    url: "https://example.org/style"
check:
  kind: phrase
  terms: [wonder]
examples:
  bad: ["This wonder pill helps."]
  good: ["Ask your doctor about this pill."]
"""


def make_pack(root: Path, rule_text: str) -> Path:
    pack = root / "acme"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\n")
    (pack / "ACM001-house-style-banned-word.yml").write_text(rule_text)
    return pack


NEWS = DocType("news", "")
TREATMENT = DocType("treatment", "")
SELLING = DocType("condition", "", promotional=True)
COFFEE = DocType("news", "", exposure="coffee drinkers")
LAUNCH = DocType("other", "", promotional=True, announcement="Launches")


def _applies(keys: dict[str, Any], kind: str = "criterion") -> Applicability:
    return load_applicability(keys, kind_class(kind))


@pytest.mark.parametrize(
    ("keys", "doc_type", "audience", "why_not"),
    [
        ({}, SELLING, "professional", None),
        ({"types": ["treatment", "news"]}, NEWS, "patient", None),
        ({"types": ["treatment", "news"]}, SELLING, "patient", "not asked of a condition page"),
        ({"types": ["news"], "promotional": "also"}, SELLING, "patient", None),
        ({"types": ["news"], "promotional": "also"}, TREATMENT, "patient", "not asked of a treatment page"),
        ({"promotional": "only"}, NEWS, "patient", "not asked of a news page that is not selling copy"),
        ({"promotional": "only"}, SELLING, "patient", None),
        ({"types": ["news"]}, COFFEE, "patient", None),
        (
            {"types": ["news"], "exposures": False},
            COFFEE,
            "patient",
            "not asked of news about an exposure (coffee drinkers), not an intervention",
        ),
        ({"announcements": False}, NEWS, "patient", None),
        (
            {"types": ["treatment"], "announcements": False},
            LAUNCH,
            "patient",
            "not asked of a press release that announces (Launches)",
        ),
        ({"audiences": ["patient", "general"]}, NEWS, "general", None),
        ({"audiences": ["patient", "general"]}, NEWS, "professional", "not for the professional audience"),
    ],
)
def test_why_not(keys: dict[str, Any], doc_type: DocType, audience: str, why_not: str | None) -> None:
    assert _applies(keys).why_not(doc_type, audience) == why_not


def test_where_sets_the_blocks_a_kind_reads() -> None:
    cls = kind_class("phrase")
    assert set(cls({"terms": ["x"]}, Path(".")).block_kinds) == {BlockKind.TITLE, BlockKind.HEADING, *_body()}
    assert cls({"terms": ["x"]}, Path("."), ["title"]).block_kinds == (BlockKind.TITLE,)
    # sentence-length reads its own places: "heading" takes in the title, and table cells are not prose.
    length = kind_class("sentence-length")({}, Path("."), ["heading"])
    assert length.block_kinds == (BlockKind.TITLE, BlockKind.HEADING)


def _body() -> set[BlockKind]:
    return {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_CELL}


@pytest.mark.parametrize(
    ("keys", "kind", "key", "message"),
    [
        ({"types": ["treatmnt"]}, "criterion", "types", "unknown document type 'treatmnt'"),
        ({"promotional": True}, "criterion", "promotional", "expected one of also, only"),
        ({"audiences": []}, "substitution", "audiences", "expected at least one audience"),
        ({"where": ["footer"]}, "phrase", "where", "unknown place 'footer'"),
        ({"where": ["title"]}, "sentence-length", "where", "unknown place 'title'"),
        ({"where": ["body"]}, "paragraph-length", "where", "its rules take no 'where'"),
    ],
)
def test_bad_keys_name_the_key(keys: dict[str, Any], kind: str, key: str, message: str) -> None:
    from medlint.kinds import ParamError

    with pytest.raises(ParamError) as info:
        _applies(keys, kind)
    assert info.value.key == key
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("check:", "types: [treatmnt]\ncheck:"), 12, "unknown document type 'treatmnt'"),
        (("check:", "where: [footer]\ncheck:"), 12, "unknown place 'footer'"),
        # The keys live at the top level; inside `check` they are nobody's parameter.
        (("  terms: [wonder]", "  terms: [wonder]\n  types: [news]"), 15, "unknown parameter 'types'"),
    ],
)
def test_the_loader_reports_applicability_at_its_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    pack = make_pack(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RulePackError) as info:
        load_packs([pack])
    text = str(info.value)
    assert text.startswith(f"{pack / 'ACM001-house-style-banned-word.yml'}:{line}:"), text
    assert message in text


def _linter(tmp_path: Path, keys: str, **settings: Any) -> Linter:
    pack = make_pack(tmp_path, GOOD_RULE.replace("check:", keys + "check:"))
    return Linter(Settings(rule_packs=(pack,), select=("ACM001",), **settings))


def article(doc_type: str) -> str:
    """An article whose type its front matter states, "wonder" in its title and its body."""
    return f"---\ntype: {doc_type}\n---\n# Wonder pill\n\nThis wonder pill helps.\n"


PILL = article("treatment")


def test_a_rule_that_does_not_apply_is_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = _linter(tmp_path, "types: [recipe]\n")
    (rule,) = linter.rules
    calls: list[str] = []
    monkeypatch.setattr(rule.kind, "find", lambda doc, ctx: calls.append(doc.path) or iter(()))
    assert not linter.lint_text(PILL, path="a.md").findings
    assert calls == []
    assert [f.line for f in linter.lint_text(article("recipe"), path="b.md").findings] == []
    assert "b.md" in calls, "the rule runs on a recipe"


def test_the_rule_runs_where_it_applies(tmp_path: Path) -> None:
    lines = [f.line for f in _linter(tmp_path, "types: [treatment]\n").lint_text(PILL, path="a.md").findings]
    assert lines == [4, 6]
    assert not _linter(tmp_path, "types: [news]\n").lint_text(PILL, path="a.md").findings


def test_audiences_follow_the_setting(tmp_path: Path) -> None:
    keys = "audiences: [patient]\n"
    assert _linter(tmp_path, keys).lint_text(PILL, path="a.md").findings
    assert not _linter(tmp_path, keys, audience="professional").lint_text(PILL, path="a.md").findings


def test_where_limits_the_blocks_read(tmp_path: Path) -> None:
    title_only = _linter(tmp_path, "where: [title]\n").lint_text(PILL, path="a.md").findings
    assert [f.line for f in title_only] == [4]


def test_the_configuration_sets_applicability_per_rule(tmp_path: Path) -> None:
    linter = Linter(Settings(select=("RDB006",), rules={"RDB006": {"audiences": ["professional"]}}))
    (rule,) = linter.rules
    assert rule.applicability.audiences == ["professional"]
    assert rule.kind.p.lists == ["lists/jargon.yml"], "the kind keeps its own parameters"
    with pytest.raises(ConfigError, match=r"\[rules.RDB004\]: kind 'paragraph-length' reads the whole document"):
        Linter(Settings(rules={"RDB004": {"where": ["body"]}}))


def test_a_criterion_not_for_the_article_is_not_applicable_on_the_card(tmp_path: Path) -> None:
    linter = Linter(Settings(select=("CMP014",)))
    text = "---\ntype: condition\n---\n# Asthma\n\nAsthma is a lung condition. It often starts in childhood."
    outcome = linter.lint_text(text, path="asthma.md")
    assert outcome.file is not None and outcome.file.doc_type == "condition"
    card = outcome.file.scorecard
    assert card is not None
    result = card.result("costs")
    assert (result.verdict, result.reason) == ("not_applicable", "CMP014: not asked of a condition page")
